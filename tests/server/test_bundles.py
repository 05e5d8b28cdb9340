"""Offline bundles on the server: upload and `cax-server import-bundle` ingest like a push, once."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, update

from protocol.bundle import key_id, write_bundle
from protocol.bundle_parts import FileEntry
from protocol.bundle_receipt import BundleReceipt, read_receipt
from protocol.errors import ErrorCode
from protocol.messages import AuditHead, PushStatus
from protocol.signing import new_private_key
from server.api.main import create_app
from server.cli import main
from server.core.config import Settings
from server.models import Blob, BundleImport, PushReceipt
from server.services import bundles, devices, records
from server.services import stations as station_service
from tests.server.helpers import STATION_CODE, StationDevice, enrol_device, make_record, patrol

UPLOAD = "/api/v1/bundles"
_SMALL = b"\x89PNG" + bytes(range(256)) * 8
_SMALL_FILE = FileEntry(
    sha256=hashlib.sha256(_SMALL).hexdigest(), size=len(_SMALL), media_type="image/png"
)


def seal(device: StationDevice, recs: list[dict], **kw) -> bytes:  # type: ignore[no-untyped-def]
    """A bundle from `device`, for the server it enrolled with (unless told otherwise)."""
    options = {
        "station_code": device.station_code,
        "device_id": device.device_id,
        "device_key": device.key,
        "server_box_key": device.enrolment["server_box_key"],
        **kw,
    }
    return write_bundle(recs, **options)


def receipt_of(device: StationDevice, data: bytes) -> BundleReceipt:
    """Read a receipt the way the station does: with the key it learnt at enrolment."""
    return read_receipt(
        data,
        device.enrolment["server_signing_key"],
        station_code=device.station_code,
        device_id=device.device_id,
    )


def stored_rows(engine: Engine) -> tuple[int, int, int, int]:
    """(records, revisions, push receipts, bundle imports): everything an import could add."""
    heads, revisions = records.count_records(engine)
    with engine.connect() as conn:
        pushes = conn.execute(select(func.count()).select_from(PushReceipt)).scalar_one()
        imports = conn.execute(select(func.count()).select_from(BundleImport)).scalar_one()
    return heads, revisions, pushes, imports


def test_upload_stores_each_record_and_answers_a_signed_receipt(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Three records arrive, the receipt is signed by the enrolment key and names each of them."""
    recs = [make_record(device_seq=i) for i in range(3)]
    data = seal(device, recs, audit_head=AuditHead(seq=7, hash="a" * 64))
    response = client.post(UPLOAD, content=data)
    assert response.status_code == 200, response.text
    receipt = receipt_of(device, response.content)
    assert (receipt.record_count, receipt.stored, receipt.duplicate) == (3, 3, 0)
    assert [(r.index, r.record_id, r.status) for r in receipt.results] == [
        (i, rec["record_id"], PushStatus.STORED) for i, rec in enumerate(recs)
    ]
    assert stored_rows(engine) == (3, 3, 1, 1)
    with engine.connect() as conn:
        push = conn.execute(select(PushReceipt.batch_id, PushReceipt.audit_seq)).one()
        imported = conn.execute(select(BundleImport.bundle_sha256)).scalar_one()
    assert (push.batch_id, push.audit_seq) == (receipt.bundle_id, 7)
    assert imported == receipt.bundle_sha256


def test_uploading_twice_answers_the_first_receipt(
    client: TestClient, engine: Engine, device: StationDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same file again gets the receipt signed at its first import, byte for byte, without
    being decrypted or ingested a second time; nothing is added."""
    data = seal(device, [make_record(), make_record()])
    first = client.post(UPLOAD, content=data).content
    after_first = stored_rows(engine)

    def no_second_import(*_args: object) -> None:
        raise AssertionError("a repeated bundle was ingested again")

    monkeypatch.setattr(bundles.ingest, "push", no_second_import)
    monkeypatch.setattr(bundles.SealedBundle, "decrypt", no_second_import)
    second = client.post(UPLOAD, content=data)
    assert (second.status_code, second.content) == (200, first)
    assert stored_rows(engine) == after_first == (2, 2, 1, 1)
    assert receipt_of(device, second.content).stored == 2


def test_another_file_under_an_imported_bundle_id_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A bundle id names one file: another one under it (only the device key could make it) is
    BUNDLE_ID_REUSED, not imported, and the first receipt stays."""
    bundle_id = uuid.uuid4()
    assert client.post(
        UPLOAD, content=seal(device, [make_record()], bundle_id=bundle_id)
    ).is_success
    other = seal(device, [make_record()], bundle_id=bundle_id)
    response = client.post(UPLOAD, content=other)
    assert (response.status_code, response.json()["code"]) == (409, "BUNDLE_ID_REUSED")
    assert stored_rows(engine) == (1, 1, 1, 1)


def test_import_noted_before_receipts_were_kept_keeps_one_now(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """An import from before migration s0010 has no receipt: the next upload imports again
    (all duplicate) and keeps that receipt, which answers every upload after it."""
    data = seal(device, [make_record()])
    client.post(UPLOAD, content=data)
    with engine.begin() as conn:
        conn.execute(update(BundleImport).values(receipt=None))
    again = client.post(UPLOAD, content=data).content
    assert receipt_of(device, again).duplicate == 1
    assert client.post(UPLOAD, content=data).content == again
    assert stored_rows(engine) == (1, 1, 1, 1)


def test_uploads_are_limited_per_device_that_signed_them(
    engine: Engine, settings: Settings, device: StationDevice
) -> None:
    """Past the hourly allowance a device's bundles are RATE_LIMITED (429). Forged files that
    only name the device in their header spend nothing of its allowance; the CLI is not limited."""
    limited = dataclasses.replace(settings, bundle_uploads_per_hour=2)
    impostor = StationDevice(
        device.device_id, new_private_key(), device.station_code, device.enrolment
    )
    with TestClient(create_app(limited, engine=engine)) as client:
        for _ in range(5):
            forged = client.post(UPLOAD, content=seal(impostor, [make_record()]))
            assert forged.json()["code"] == "BUNDLE_BAD_SIGNATURE"
        data = seal(device, [make_record()])
        assert client.post(UPLOAD, content=data).status_code == 200
        assert client.post(UPLOAD, content=data).status_code == 200  # a repeat counts too
        third = client.post(UPLOAD, content=seal(device, [make_record()]))
        assert (third.status_code, third.json()["code"]) == (429, "RATE_LIMITED")
        assert third.headers["Retry-After"]
    assert stored_rows(engine) == (1, 1, 1, 1)
    bundles.import_bundle(engine, seal(device, [make_record()]))  # an administrator's import
    assert stored_rows(engine)[0] == 2


def test_records_already_pushed_online_come_back_duplicate(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Bundle and push share one idempotent path: a record sent both ways is stored once."""
    record = make_record()
    assert device.push(client, [record]).json()["stored"] == 1
    receipt = receipt_of(device, client.post(UPLOAD, content=seal(device, [record])).content)
    assert receipt.results[0].status is PushStatus.DUPLICATE
    assert records.count_records(engine) == (1, 1)


def test_bad_records_are_answered_one_by_one(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A wrong hash is rejected and a clash is a conflict; the good record is still stored."""
    clash = make_record()
    device.push(client, [clash])
    changed = make_record(record_id=uuid.UUID(clash["record_id"]), values=patrol(leader="Khác"))
    wrong_hash = {**make_record(), "content_hash": "0" * 64}
    data = seal(device, [make_record(), wrong_hash, changed])
    receipt = receipt_of(device, client.post(UPLOAD, content=data).content)
    assert [r.status for r in receipt.results] == [
        PushStatus.STORED,
        PushStatus.REJECTED,
        PushStatus.CONFLICT,
    ]
    assert receipt.results[1].code is ErrorCode.RECORD_HASH_MISMATCH
    assert (receipt.stored, receipt.rejected, receipt.conflict) == (1, 1, 1)


def test_bundle_larger_than_a_push_batch_is_split(
    engine: Engine, device: StationDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the batch limit the records go in several pushes; answers keep the bundle's order."""
    monkeypatch.setattr(bundles, "INGEST_BATCH", 2)
    recs = [make_record(device_seq=i) for i in range(5)]
    data = seal(device, recs)
    receipt = receipt_of(device, bundles.import_bundle(engine, data).receipt_bytes)
    assert [r.index for r in receipt.results] == [0, 1, 2, 3, 4]
    assert [r.record_id for r in receipt.results] == [r["record_id"] for r in recs]
    assert stored_rows(engine) == (5, 5, 3, 1)
    again = bundles.import_bundle(engine, data)
    assert again.repeated and receipt_of(device, again.receipt_bytes) == receipt
    assert stored_rows(engine) == (5, 5, 3, 1)


def _flip(data: bytes, position: int) -> bytes:
    damaged = bytearray(data)
    damaged[position] ^= 0x40
    return bytes(damaged)


def _foreign_box_key() -> str:
    raw = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def test_bad_bundles_are_refused_and_store_nothing(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Each kind of bad file has its own code and status; the database is left as it was."""
    good = seal(device, [make_record()])
    impostor = StationDevice(
        device.device_id, new_private_key(), device.station_code, device.enrolment
    )
    cases = [
        (_flip(good, len(good) // 2), ErrorCode.BUNDLE_TAMPERED, 400),
        (good[: len(good) - 10], ErrorCode.BUNDLE_TRUNCATED, 400),
        (b"not a bundle at all", ErrorCode.BUNDLE_MALFORMED, 400),
        (good[:8] + b"\x00\x09" + good[10:], ErrorCode.BUNDLE_UNSUPPORTED_VERSION, 400),
        (seal(device, [make_record()], server_box_key=_foreign_box_key()), "BUNDLE_FOREIGN", 422),
        (seal(impostor, [make_record()]), ErrorCode.BUNDLE_BAD_SIGNATURE, 401),
        (seal(device, [make_record()], station_code="00009"), "BUNDLE_WRONG_STATION", 403),
        (seal(device, [make_record()], device_id=uuid.uuid4()), ErrorCode.UNKNOWN_DEVICE, 401),
    ]
    for data, code, status in cases:
        response = client.post(UPLOAD, content=data)
        assert (response.status_code, response.json()["code"]) == (status, code)
    assert stored_rows(engine) == (0, 0, 0, 0)


def test_bundle_of_a_revoked_device_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A revoked device's bundle is refused even though its signature is genuine."""
    data = seal(device, [make_record()])
    devices.revoke_device(engine, uuid.UUID(device.device_id), "stolen")
    response = client.post(UPLOAD, content=data)
    assert (response.status_code, response.json()["code"]) == (403, "DEVICE_REVOKED")
    assert records.count_records(engine) == (0, 0)


def test_bundle_of_another_station_device_is_wrong_station(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A device may only bring its own station's records, as in a push."""
    station_service.add_station(engine, "00008", "Công an xã khác")
    other = enrol_device(client, engine, "00008")
    data = seal(other, [make_record(STATION_CODE)], station_code=STATION_CODE)
    assert client.post(UPLOAD, content=data).json()["code"] == "BUNDLE_WRONG_STATION"
    receipt = receipt_of(other, client.post(UPLOAD, content=seal(other, [make_record()])).content)
    assert receipt.results[0].code is ErrorCode.WRONG_STATION


# --- `cax-server import-bundle` and `keys show` ------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_writes_the_receipt_and_twice_changes_nothing(
    engine: Engine, cli_env: Settings, device: StationDevice, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """`import-bundle FILE --receipt OUT` stores, writes a valid receipt; again: the same receipt."""
    bundle_file = tmp_path / "tram-00004.caxbundle"
    bundle_file.write_bytes(seal(device, [make_record(), make_record()]))
    out_file = tmp_path / "receipt.json"
    code, out, _ = run(capsys, "import-bundle", str(bundle_file), "--receipt", str(out_file))
    assert code == 0
    assert "2 records: 2 stored, 0 duplicate" in out
    assert receipt_of(device, out_file.read_bytes()).stored == 2
    first = out_file.read_bytes()
    code, out, _ = run(capsys, "import-bundle", str(bundle_file), "--receipt", str(out_file))
    assert (code, "already imported at" in out, "2 records: 2 stored" in out) == (0, True, True)
    assert out_file.read_bytes() == first
    assert stored_rows(engine) == (2, 2, 1, 1)


def test_cli_refusals_are_one_line_and_write_no_receipt(
    engine: Engine, cli_env: Settings, device: StationDevice, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Tampered, foreign or missing files: one line with the code, exit 1, no receipt file."""
    good = seal(device, [make_record()])
    files = {
        "BUNDLE_TAMPERED": _flip(good, 200),
        "BUNDLE_TRUNCATED": good[:100],
        "BUNDLE_FOREIGN": seal(device, [make_record()], server_box_key=_foreign_box_key()),
    }
    out_file = tmp_path / "receipt.json"
    for code_name, data in files.items():
        path = tmp_path / f"{code_name}.caxbundle"
        path.write_bytes(data)
        code, _, err = run(capsys, "import-bundle", str(path), "--receipt", str(out_file))
        assert (code, err.count("\n")) == (1, 1)
        assert f"Error [{code_name}]" in err
    code, _, err = run(capsys, "import-bundle", str(tmp_path / "none"), "--receipt", "x")
    assert code == 1 and "[BAD_ARGUMENT]" in err
    assert not out_file.exists()
    assert not list(tmp_path.glob("*.partial"))
    assert stored_rows(engine) == (0, 0, 0, 0)


def test_keys_show_prints_the_enrolment_keys(
    cli_env: Settings, device: StationDevice, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The keys an administrator reads out are the ones stations got at enrolment."""
    code, out, _ = run(capsys, "keys", "show")
    box, signing = device.enrolment["server_box_key"], device.enrolment["server_signing_key"]
    assert code == 0
    assert box in out and key_id(box) in out
    assert signing in out and key_id(signing) in out


@hyp_settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(data=st.data())
def test_random_damage_never_stores_or_fails_the_server(
    client: TestClient, engine: Engine, device: StationDevice, data: st.DataObject
) -> None:
    """Random bytes, cuts, flips and splices of a real bundle (with a file in frames): a BUNDLE_*
    refusal, never a 500, and neither record nor blob stored."""
    # Its length varies: positions are drawn as fractions.
    good = seal(device, [make_record()], files=[(_SMALL_FILE, [_SMALL])])

    def position(of: bytes) -> int:
        return int(data.draw(st.floats(0, 1)) * (len(of) - 1))

    choice = data.draw(st.sampled_from(["bytes", "cut", "flip", "splice"]))
    if choice == "bytes":
        body = data.draw(st.binary(max_size=400))
    elif choice == "cut":
        body = good[: position(good)]
    elif choice == "flip":
        at = position(good)
        body = good[:at] + bytes([good[at] ^ data.draw(st.integers(1, 255))]) + good[at + 1 :]
    else:
        at = position(good)
        body = good[:at] + data.draw(st.binary(min_size=1, max_size=50)) + good[at:]
    response = client.post(UPLOAD, content=body)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["code"].startswith("BUNDLE_")
    assert records.count_records(engine) == (0, 0)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Blob)).scalar_one() == 0


def test_two_uploads_of_one_file_at_once_get_one_receipt(
    engine: Engine, device: StationDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both find no receipt yet and both import (the later one's records come back duplicate);
    whichever receipt is kept first answers both, so the office gets one file either way, and
    both of its answers are true (`duplicate` is delivered, for the station)."""
    data = seal(device, [make_record(), make_record()])
    barrier = threading.Barrier(2, timeout=20)
    lookup = bundles._stored_receipt

    def lookup_then_wait(engine_: Engine, sealed: object) -> object:
        found = lookup(engine_, sealed)  # type: ignore[arg-type]
        if found is None and threading.current_thread() is not threading.main_thread():
            barrier.wait()
        return found

    monkeypatch.setattr(bundles, "_stored_receipt", lookup_then_wait)
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: bundles.import_bundle(engine, data), range(2)))
    assert answers[0].receipt_bytes == answers[1].receipt_bytes
    receipt = receipt_of(device, answers[0].receipt_bytes)
    assert receipt.stored + receipt.duplicate == 2
    assert stored_rows(engine) == (2, 2, 1, 1)
