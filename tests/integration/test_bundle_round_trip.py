"""Sync by USB stick, end to end: `cax sync export-bundle` → `cax-server import-bundle` (a real
process on a real PostgreSQL database) → receipt → `cax sync import-receipt`; imports repeated;
damaged, cut and foreign bundles refused with their message, nothing stored."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import httpx

from desktop.storage import outbox
from tests.desktop.sync.helpers import completed_records
from tests.integration.conftest import local_revisions
from tests.integration.servers import create_database, drop_database
from tests.server.conftest import PG_ADMIN_URL
from tests.server.serverproc import ROOT


def cax_server(db_url: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real `cax-server` command line, as the connected office runs it."""
    env = {**os.environ, "CAX_SERVER_DB": db_url}
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def outbox_rows(session) -> list[tuple]:  # type: ignore[no-untyped-def]
    with session.db.read() as conn:
        return [tuple(r) for r in conn.exec_driver_sql("SELECT * FROM outbox ORDER BY id")]


def stored(server_db) -> Counter:  # type: ignore[no-untyped-def]
    return Counter((r, v) for r, v, _ in server_db.revisions())


def test_usb_round_trip_and_both_imports_twice(enrolled, session, server_db, cax, tmp_path):  # type: ignore[no-untyped-def]
    """Every revision arrives once; the receipt empties the outbox; repeating either import
    changes nothing; a network sync afterwards has nothing left to send."""
    completed_records(session, 12)
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle_file, receipt_file = usb / "tram-00004.caxbundle", usb / "receipt.json"

    code, out, err = cax("sync", "export-bundle", str(bundle_file))
    assert code == 0, err
    assert "Wrote 12 record(s)" in out
    assert {row[3] for row in outbox_rows(session)} == {"sent"}

    imported = cax_server(
        server_db.url, "import-bundle", str(bundle_file), "--receipt", str(receipt_file)
    )
    assert imported.returncode == 0, imported.stderr
    assert "12 records: 12 stored, 0 duplicate, 0 conflict, 0 rejected" in imported.stdout
    assert stored(server_db) == Counter(local_revisions(session))

    code, out, err = cax("sync", "import-receipt", str(receipt_file))
    assert code == 0, err
    assert "12 record(s) confirmed by the server, 0 in conflict, 0 rejected" in out
    with session.db.read() as conn:
        counts = outbox.counts(conn)
    assert (counts.acknowledged, counts.waiting) == (12, 0)
    after_first = outbox_rows(session)

    again = cax_server(
        server_db.url, "import-bundle", str(bundle_file), "--receipt", str(receipt_file)
    )
    assert again.returncode == 0, again.stderr
    # The same file again: the receipt signed at its first import, nothing imported twice.
    assert "already imported at" in again.stdout
    assert "12 records: 12 stored, 0 duplicate" in again.stdout
    assert stored(server_db) == Counter(local_revisions(session))
    code, out, _ = cax("sync", "import-receipt", str(receipt_file))
    assert code == 0 and "12 record(s) had been answered already" in out
    assert outbox_rows(session) == after_first

    assert enrolled.run().counts.sent == 0
    code, out, _ = cax("sync", "export-bundle", str(usb / "next.caxbundle"))
    assert code == 0 and "No records are waiting" in out
    assert not (usb / "next.caxbundle").exists()


def test_upload_endpoint_shares_the_push_path(enrolled, session, server, server_db, cax, tmp_path):  # type: ignore[no-untyped-def]
    """Records a network sync delivered after the export come back `duplicate` from the upload;
    the receipt then changes nothing, and the server holds each revision once."""
    completed_records(session, 5)
    bundle_file = tmp_path / "b.caxbundle"
    assert cax("sync", "export-bundle", str(bundle_file))[0] == 0
    assert enrolled.run().counts.acknowledged == 5
    answer = httpx.post(f"{server.url}/api/v1/bundles", content=bundle_file.read_bytes())
    assert answer.status_code == 200, answer.text
    assert answer.json()["receipt"]["duplicate"] == 5
    (tmp_path / "r.json").write_bytes(answer.content)
    before = outbox_rows(session)
    code, out, _ = cax("sync", "import-receipt", str(tmp_path / "r.json"))
    assert code == 0 and "5 record(s) had been answered already" in out
    assert outbox_rows(session) == before
    assert stored(server_db) == Counter(local_revisions(session))


def test_damaged_cut_and_foreign_bundles_are_refused(enrolled, session, server_db, cax, tmp_path):  # type: ignore[no-untyped-def]
    """One clear line each, exit 1, no receipt, nothing stored; a forged receipt is refused too."""
    completed_records(session, 4)
    bundle_file = tmp_path / "b.caxbundle"
    assert cax("sync", "export-bundle", str(bundle_file))[0] == 0
    data = bundle_file.read_bytes()
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x01
    (tmp_path / "damaged.caxbundle").write_bytes(bytes(damaged))
    (tmp_path / "cut.caxbundle").write_bytes(data[: len(data) - 100])
    receipt_file = tmp_path / "receipt.json"
    for name, message in [
        ("damaged", "Error [BUNDLE_TAMPERED]: the file was damaged or altered"),
        ("cut", "Error [BUNDLE_TRUNCATED]: file ends inside the"),
    ]:
        result = cax_server(
            server_db.url,
            "import-bundle",
            str(tmp_path / f"{name}.caxbundle"),
            "--receipt",
            str(receipt_file),
        )
        assert result.returncode == 1
        assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    other_db, other_name = create_database(PG_ADMIN_URL)  # another centre, its own keys
    try:
        result = cax_server(
            other_db.url, "import-bundle", str(bundle_file), "--receipt", str(receipt_file)
        )
        assert result.returncode == 1
        assert result.stderr.startswith("Error [BUNDLE_FOREIGN]: encrypted for server key")
        assert other_db.revisions() == []
    finally:
        other_db.engine.dispose()
        drop_database(PG_ADMIN_URL, other_name)
    assert not receipt_file.exists()
    assert server_db.revisions() == []

    before = outbox_rows(session)
    ok = cax_server(
        server_db.url, "import-bundle", str(bundle_file), "--receipt", str(receipt_file)
    )
    assert ok.returncode == 0, ok.stderr
    edited = receipt_file.read_bytes().replace(b'"stored":4', b'"stored":5')
    (tmp_path / "edited.json").write_bytes(edited)
    code, _, err = cax("sync", "import-receipt", str(tmp_path / "edited.json"))
    assert code == 1
    assert err.startswith("Error [RECEIPT_BAD_SIGNATURE]: The receipt's signature is not valid")
    assert outbox_rows(session) == before
