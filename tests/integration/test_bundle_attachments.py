"""USB bundles carry attachment bytes, end to end through the real doors: a record with a photo
and a PDF → `cax sync export-bundle` → `cax-server import-bundle` (a real process, PostgreSQL) →
the server's blobs hash to the originals → `cax sync import-receipt` → the next network sync
(a real `cax-server serve`) sends no chunk again. A type the centre refuses is set aside."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sqlalchemy import text

from desktop.storage import attachments, blob_uploads
from desktop.storage.attachment_service import AttachmentService
from tests.desktop.storage.attachment_files import clean_pdf, photo_with_gps
from tests.desktop.sync.helpers import completed_records
from tests.integration.servers import ServerDatabase
from tests.integration.test_bundle_round_trip import cax_server

MB = 1024 * 1024


def _record_with_photo_and_scan(session, folder: Path) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """A completed record holding a GPS-tagged photo and a 2.5 MB PDF: sha256 → stored bytes."""
    record_id = completed_records(session, 1)[0]
    photo = photo_with_gps(folder / "hien-truong.jpg", size=(640, 480))
    scan = clean_pdf(folder / "bien-ban.pdf", payload=os.urandom(int(2.5 * MB)))
    added = AttachmentService(session).attach(record_id, [photo, scan])
    with session.db.read() as conn:
        return {a.sha256: b"".join(attachments.read_blob(conn, a.sha256)) for a in added}


def _server_blobs(db: ServerDatabase) -> dict[str, tuple[bool, bytes]]:
    """sha256 → (complete, its chunks' bytes in order) of every blob the centre holds."""
    held: dict[str, tuple[bool, bytes]] = {}
    with db.engine.connect() as conn:
        for blob_id, sha256, complete in conn.execute(
            text("SELECT id, sha256, complete FROM blobs")
        ).all():
            chunks = conn.execute(
                text("SELECT data FROM blob_chunks WHERE blob_id = :b ORDER BY seq"),
                dict(b=blob_id),
            ).scalars()
            held[sha256] = (bool(complete), b"".join(bytes(c) for c in chunks))
    return held


def _chunk_rows(db: ServerDatabase) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM blob_chunks")).scalar_one()


def test_bundle_carries_the_files_and_the_receipt_completes_them(  # type: ignore[no-untyped-def]
    enrolled, session, server_db, cax, tmp_path
):
    """Both files arrive whole by USB; after the receipt the network sync sends no chunk."""
    originals = _record_with_photo_and_scan(session, tmp_path)
    bundle_file, receipt_file = tmp_path / "tram.caxbundle", tmp_path / "receipt.json"

    code, out, err = cax("sync", "export-bundle", str(bundle_file))
    assert code == 0, err
    assert "Wrote 2 record(s)" in out and "also carries 2 attachment file(s)" in out
    sealed = bundle_file.read_bytes()
    for data in originals.values():  # sealed on the stick: no run of either file in the clear
        assert data[len(data) // 2 : len(data) // 2 + 64] not in sealed

    imported = cax_server(
        server_db.url, "import-bundle", str(bundle_file), "--receipt", str(receipt_file)
    )
    assert imported.returncode == 0, imported.stderr
    assert "2 records: 2 stored" in imported.stdout
    assert "2 attachment(s) complete, 0 refused" in imported.stdout
    held = _server_blobs(server_db)
    assert set(held) == set(originals)
    for sha256, (complete, data) in held.items():
        assert complete and hashlib.sha256(data).hexdigest() == sha256 and data == originals[sha256]
    receipt = json.loads(receipt_file.read_bytes())["receipt"]
    # The revision that lists the files is answered complete, as after an online sync.
    assert [r.get("attachments_complete") for r in receipt["results"]] == [None, True]

    code, out, err = cax("sync", "import-receipt", str(receipt_file))
    assert code == 0, err
    assert "Attachments: 2 file(s) complete at the server, 0 refused." in out
    with session.db.read() as conn:
        assert blob_uploads.due(conn) == []
        assert {s: blob_uploads.state_of(conn, s) for s in originals} == dict.fromkeys(
            originals, ("complete", None)
        )
    rows = _chunk_rows(server_db)
    phases: list[str] = []
    report = enrolled.run(lambda p: phases.append(p.phase))
    assert report.outcome == "ok" and report.counts.sent == 0
    assert "attachments" not in phases and _chunk_rows(server_db) == rows

    # The same bundle again: the receipt of its first import, nothing stored twice.
    again = cax_server(
        server_db.url, "import-bundle", str(bundle_file), "--receipt", str(receipt_file)
    )
    assert again.returncode == 0 and "already imported at" in again.stdout
    assert _chunk_rows(server_db) == rows


def test_a_type_the_centre_refuses_is_answered_and_set_aside(  # type: ignore[no-untyped-def]
    enrolled, session, server_db, cax, tmp_path, monkeypatch
):
    """A centre that takes no PDF says so in the receipt; the station never offers it again,
    and the photo still arrives."""
    originals = _record_with_photo_and_scan(session, tmp_path)
    bundle_file, receipt_file = tmp_path / "b.caxbundle", tmp_path / "r.json"
    assert cax("sync", "export-bundle", str(bundle_file))[0] == 0
    monkeypatch.setenv("CAX_SERVER_BLOB_TYPES", "image/jpeg")
    imported = cax_server(
        server_db.url, "import-bundle", str(bundle_file), "--receipt", str(receipt_file)
    )
    assert imported.returncode == 0, imported.stderr
    assert "1 attachment(s) complete, 1 refused" in imported.stdout
    assert "BLOB_TYPE_REFUSED" in imported.stdout
    code, out, _ = cax("sync", "import-receipt", str(receipt_file))
    assert code == 0 and "1 file(s) complete at the server, 1 refused" in out
    with session.db.read() as conn:
        assert blob_uploads.due(conn) == []
        refused = blob_uploads.refused(conn)
    assert [(code, len(sha)) for sha, code, _ in refused] == [("BLOB_TYPE_REFUSED", 64)]
    assert set(_server_blobs(server_db)) == set(originals) - {refused[0][0]}
