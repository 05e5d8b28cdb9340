"""Offline bundles at the station: export every unsent revision (and the files the centre lacks),
apply the signed receipt once."""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import AttachmentCorrupt, BundleRefused, SyncNotEnrolled
from desktop.storage import attachments, audit, blob_files, blob_uploads, outbox
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.sync_settings import Enrolment, save_enrolment
from desktop.sync.bundle import export_bundle, import_receipt
from domain.validation.formats import VN_TZ
from protocol.bundle import BundleContents, key_id, open_bundle, parse_bundle
from protocol.bundle_receipt import BlobOutcome, BundleReceipt, sign_receipt
from protocol.errors import ErrorCode
from protocol.messages import PushStatus, RecordResult, RecordRevision
from tests.desktop.storage.attachment_files import clean_pdf
from tests.desktop.sync.helpers import completed_records

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ)
DEVICE_ID = "0190f5a0-0000-7000-8000-0000000000aa"


def _b64_public(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


@dataclass
class FakeCentre:
    """The server's half of the exchange, made of real keys: it opens bundles and signs receipts."""

    box: X25519PrivateKey
    signing: Ed25519PrivateKey
    device: Ed25519PrivateKey

    def open(self, path: Path) -> BundleContents:
        return open_bundle(path.read_bytes(), self.box, _b64_public(self.device))

    def receipt(
        self, contents: BundleContents, statuses: dict[int, PushStatus] | None = None, **changes
    ) -> bytes:  # type: ignore[no-untyped-def]
        statuses = statuses or {}
        results = []
        for index, record in enumerate(contents.records):
            status = statuses.get(index, PushStatus.STORED)
            code = ErrorCode.UNKNOWN_FORM_VERSION if status is PushStatus.REJECTED else None
            results.append(
                RecordResult(
                    index=index,
                    record_id=record["record_id"],
                    revision=record["revision"],
                    status=status,
                    code=code,
                    detail="form f1 version 1 is not published" if code else None,
                )
            )
        fields = dict(
            bundle_id=contents.header.bundle_id,
            bundle_sha256=contents.sha256,
            station_code=contents.header.station_code,
            device_id=contents.header.device_id,
            server_key_id=key_id(_b64_public(self.signing)),
            imported_at=datetime.now(UTC),
            record_count=len(results),
            stored=sum(r.status is PushStatus.STORED for r in results),
            duplicate=0,
            conflict=sum(r.status is PushStatus.CONFLICT for r in results),
            rejected=sum(r.status is PushStatus.REJECTED for r in results),
            results=results,
        )
        fields.update(changes)
        return sign_receipt(BundleReceipt(**fields), self.signing)


@pytest.fixture
def centre() -> FakeCentre:
    return FakeCentre(
        X25519PrivateKey.generate(), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    )


def enrol(session, centre: FakeCentre) -> None:  # type: ignore[no-untyped-def]
    """Store an enrolment as the sync service would after a successful `enroll`."""
    raw = centre.device.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    enrolment = Enrolment(
        server_url="https://centre.example",
        ca_pem=None,
        device_id=DEVICE_ID,
        device_name="PC-1",
        device_key=base64.b64encode(raw).decode(),
        station_code="00004",
        station_name="Công an phường Ba Đình",
        server_signing_key=_b64_public(centre.signing),
        server_box_key=_b64_public(centre.box),
        enrolled_at=NOW.isoformat(),
        enrolled_by="truong",
    )
    with session.db.write() as conn:
        save_enrolment(conn, enrolment)


def states(session) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with session.db.read() as conn:
        rows = conn.exec_driver_sql("SELECT record_id, state FROM outbox ORDER BY id").all()
    return dict(rows)


@pytest.fixture
def session(station_home, centre):  # type: ignore[no-untyped-def]
    session = station_home.unlock()
    enrol(session, centre)
    yield session
    session.close()


def test_export_seals_every_unsent_revision_for_the_centre(session, centre, tmp_path) -> None:
    """The file opens with the centre's key and holds each queued revision with a valid hash."""
    ids = completed_records(session, 3)
    target = tmp_path / "usb" / "tram.caxbundle"
    target.parent.mkdir()
    exported = export_bundle(session, target)
    assert (exported.record_count, exported.remaining) == (3, 0)
    assert exported.size == target.stat().st_size
    contents = centre.open(target)
    assert [r["record_id"] for r in contents.records] == ids
    for raw in contents.records:
        record = RecordRevision.model_validate(raw)
        assert record.expected_hash() == record.content_hash
        assert record.station_code == "00004"
    assert contents.header.bundle_id == exported.bundle_id
    assert str(contents.header.device_id) == DEVICE_ID
    with session.db.read() as conn:
        head = conn.exec_driver_sql("SELECT last_seq FROM audit_anchor").scalar()
    assert contents.audit_head is not None and contents.audit_head.seq == head - 1
    assert set(states(session).values()) == {"sent"}  # still due until answered
    assert not list(target.parent.glob("*.partial"))


def test_receipt_acknowledges_and_a_second_import_changes_nothing(
    session, centre, tmp_path
) -> None:
    """Stored and duplicate become acknowledged; the same receipt again moves nothing."""
    completed_records(session, 3)
    export_bundle(session, tmp_path / "b.caxbundle")
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_bytes(centre.receipt(centre.open(tmp_path / "b.caxbundle")))
    first = import_receipt(session, receipt_file)
    assert (first.acknowledged, first.unchanged) == (3, 0)
    assert set(states(session).values()) == {"acknowledged"}
    with session.db.read() as conn:
        before = conn.exec_driver_sql("SELECT * FROM outbox ORDER BY id").all()
    second = import_receipt(session, receipt_file)
    assert (second.acknowledged, second.conflicts, second.unchanged) == (0, 0, 3)
    with session.db.read() as conn:
        assert conn.exec_driver_sql("SELECT * FROM outbox ORDER BY id").all() == before
        assert outbox.counts(conn).waiting == 0
        assert audit.verify(conn)[1] is None
        kinds = [e.details["kind"] for e in audit.entries(conn, action=AuditAction.SYNC)]
    assert kinds == ["bundle_receipt", "bundle_receipt", "bundle_export"]
    assert export_bundle(session, tmp_path / "again.caxbundle").path is None
    assert not (tmp_path / "again.caxbundle").exists()


def test_rejected_and_conflicting_records_are_set_aside_with_the_reason(
    session, centre, tmp_path
) -> None:
    """One bad record does not hold the others back: quarantined and conflict keep the cause."""
    ids = completed_records(session, 3)
    export_bundle(session, tmp_path / "b.caxbundle")
    contents = centre.open(tmp_path / "b.caxbundle")
    data = centre.receipt(contents, {1: PushStatus.REJECTED, 2: PushStatus.CONFLICT})
    (tmp_path / "r.json").write_bytes(data)
    result = import_receipt(session, tmp_path / "r.json")
    assert (result.acknowledged, result.quarantined, result.conflicts) == (1, 1, 1)
    assert states(session) == {ids[0]: "acknowledged", ids[1]: "quarantined", ids[2]: "conflict"}
    with session.db.read() as conn:
        problems = {p.record_id: p for p in outbox.problems(conn)}
    assert problems[ids[1]].code == "UNKNOWN_FORM_VERSION"


def _refused(session, path: Path) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(BundleRefused) as caught:
        import_receipt(session, path)
    return caught.value.code


def test_bad_receipts_are_refused_and_change_nothing(session, centre, tmp_path) -> None:
    """Forged, edited, cut, for another device or station, or missing: refused, outbox as it was."""
    completed_records(session, 2)
    export_bundle(session, tmp_path / "b.caxbundle")
    contents = centre.open(tmp_path / "b.caxbundle")
    good = centre.receipt(contents)
    impostor = Ed25519PrivateKey.generate()
    forged = BundleReceipt.model_validate(json.loads(good)["receipt"])
    cases = {
        "forged": (sign_receipt(forged, impostor), "RECEIPT_BAD_SIGNATURE"),
        "edited": (good.replace(b'"stored":2', b'"stored":3'), "RECEIPT_BAD_SIGNATURE"),
        "cut": (good[: len(good) // 2], "RECEIPT_MALFORMED"),
        "other-device": (centre.receipt(contents, device_id=uuid.uuid4()), "RECEIPT_FOREIGN"),
        "other-station": (centre.receipt(contents, station_code="00005"), "RECEIPT_FOREIGN"),
        "bundle-file": ((tmp_path / "b.caxbundle").read_bytes(), "RECEIPT_MALFORMED"),
    }
    before = states(session)
    for name, (data, code) in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(data)
        assert _refused(session, path) == code, name
    assert _refused(session, tmp_path / "missing.json") == "BUNDLE_FILE_UNREADABLE"
    assert states(session) == before == dict.fromkeys(before, "sent")


def test_a_full_bundle_leaves_the_rest_for_the_next(session, centre, tmp_path) -> None:
    """Past the per-bundle limit the oldest go first and the count left over is reported."""
    ids = completed_records(session, 3)
    exported = export_bundle(session, tmp_path / "b.caxbundle", max_records=2)
    assert (exported.record_count, exported.remaining) == (2, 1)
    assert [r["record_id"] for r in centre.open(tmp_path / "b.caxbundle").records] == ids[:2]


def test_unwritable_target_is_refused_and_nothing_is_marked(session, tmp_path) -> None:
    """A missing folder (stick pulled out) is a clear error; the entries stay pending."""
    completed_records(session, 1)
    with pytest.raises(BundleRefused) as caught:
        export_bundle(session, tmp_path / "gone" / "b.caxbundle")
    assert caught.value.code == "BUNDLE_FILE_UNWRITABLE"
    assert set(states(session).values()) == {"pending"}


def test_station_not_enrolled_cannot_export_or_import(station_home, tmp_path) -> None:
    """Without an enrolment there is no server key to seal to or check against."""
    session = station_home.unlock()
    try:
        with pytest.raises(SyncNotEnrolled):
            export_bundle(session, tmp_path / "b.caxbundle")
        (tmp_path / "r.json").write_text("{}")
        with pytest.raises(SyncNotEnrolled):
            import_receipt(session, tmp_path / "r.json")
    finally:
        session.close()


def test_receipt_from_before_re_enrolment_is_foreign(session, centre, tmp_path) -> None:
    """After enrolling with another server, the old server's receipts are not trusted."""
    completed_records(session, 1)
    export_bundle(session, tmp_path / "b.caxbundle")
    (tmp_path / "r.json").write_bytes(centre.receipt(centre.open(tmp_path / "b.caxbundle")))
    enrol(session, replace(centre, signing=Ed25519PrivateKey.generate()))
    assert _refused(session, tmp_path / "r.json") == "RECEIPT_FOREIGN"


def test_only_a_supervisor_takes_records_out_or_reads_a_receipt(
    station_home, session, centre, tmp_path
) -> None:
    """Records leave the station on the stick: officers may not write or read these files."""
    from desktop.core.errors import PermissionDenied
    from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD

    completed_records(session, 1)
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            export_bundle(officer, tmp_path / "x.caxbundle")
        with pytest.raises(PermissionDenied):
            import_receipt(officer, tmp_path / "x.receipt")
    finally:
        officer.close()
    assert not (tmp_path / "x.caxbundle").exists()


# --- Attachment files --------------------------------------------------------------------


def _attach(session, folder: Path) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    record_id = completed_records(session, 1)[0]
    scan = clean_pdf(folder / "scan.pdf", payload=os.urandom(1_500_000))
    added = AttachmentService(session).attach(record_id, [scan])[0]
    with session.db.read() as conn:
        return added.sha256, b"".join(attachments.read_blob(conn, added.sha256))


def _files(centre: FakeCentre, path: Path) -> dict[str, bytes]:
    opened = parse_bundle(path.read_bytes())
    opened.verify_device(_b64_public(centre.device))
    found = {}
    for bundled in opened.files(centre.box):
        found[bundled.entry.sha256] = b"".join(c for _, c in bundled.chunks())
        assert bundled.intact
    return found


def _state(session, sha256: str):  # type: ignore[no-untyped-def]
    with session.db.read() as conn:
        return blob_uploads.state_of(conn, sha256)


def test_the_file_travels_and_the_receipt_marks_it_complete_once(session, centre, tmp_path) -> None:
    """Exported with its record; the receipt's `blobs` completes it; a second import changes
    nothing; nothing is left to export after."""
    sha256, stored = _attach(session, tmp_path)
    exported = export_bundle(session, tmp_path / "b.caxbundle")
    assert (exported.record_count, exported.attachments) == (2, 1)
    assert exported.attachment_bytes == len(stored)
    assert _files(centre, tmp_path / "b.caxbundle") == {sha256: stored}
    contents = centre.open(tmp_path / "b.caxbundle")
    receipt = tmp_path / "r.json"
    receipt.write_bytes(centre.receipt(contents, blobs=[BlobOutcome(sha256=sha256, complete=True)]))
    first = import_receipt(session, receipt)
    assert (first.acknowledged, first.attachments_complete) == (2, 1)
    assert _state(session, sha256) == ("complete", None)
    second = import_receipt(session, receipt)
    assert (second.acknowledged, second.attachments_complete) == (0, 0)
    assert export_bundle(session, tmp_path / "next.caxbundle").path is None


def test_files_of_answered_records_still_go_in_a_bundle_of_no_records(
    session, centre, tmp_path
) -> None:
    """A receipt from an older centre answered the records but not the file: the next bundle
    carries the file alone."""
    sha256, stored = _attach(session, tmp_path)
    export_bundle(session, tmp_path / "b.caxbundle")
    receipt = tmp_path / "r.json"
    receipt.write_bytes(centre.receipt(centre.open(tmp_path / "b.caxbundle")))
    assert import_receipt(session, receipt).attachments_complete == 0
    again = export_bundle(session, tmp_path / "again.caxbundle")
    assert (again.record_count, again.attachments) == (0, 1)
    assert _files(centre, tmp_path / "again.caxbundle") == {sha256: stored}


def test_a_file_the_centre_refused_is_set_aside(session, centre, tmp_path) -> None:
    """The centre's final refusal is kept with its code and the file is not offered again."""
    sha256, _ = _attach(session, tmp_path)
    export_bundle(session, tmp_path / "b.caxbundle")
    refused = BlobOutcome(sha256=sha256, complete=False, code="BLOB_TYPE_REFUSED")
    receipt = tmp_path / "r.json"
    receipt.write_bytes(centre.receipt(centre.open(tmp_path / "b.caxbundle"), blobs=[refused]))
    assert import_receipt(session, receipt).attachments_refused == 1
    assert _state(session, sha256) == ("refused", "BLOB_TYPE_REFUSED")
    assert export_bundle(session, tmp_path / "next.caxbundle").path is None


def _zero_the_sealed_bytes(path: Path) -> None:
    """Same size, other bytes (every frame's ciphertext and tag)."""
    header = blob_files.HEADER
    path.write_bytes(path.read_bytes()[:header] + bytes(path.stat().st_size - header))


def _lose_the_second_frame(path: Path) -> None:
    """A frame lost: fewer bytes than listed."""
    frame = attachments.CHUNK + 16
    data = path.read_bytes()
    path.write_bytes(data[: blob_files.HEADER + frame] + data[blob_files.HEADER + 2 * frame :])


@pytest.mark.parametrize("damage", [_zero_the_sealed_bytes, _lose_the_second_frame])
def test_a_damaged_stored_file_stops_the_export_with_its_code(
    session, tmp_path, damage: Callable[[Path], None]
) -> None:
    """The store's bytes are checked against the file's name as they are sealed: a damaged file
    is ATTACHMENT_CORRUPT (what `db check` says), not an internal error nor bytes the centre
    would refuse for good; no bundle (nor its temporary file) is left and nothing is marked."""
    sha256, _ = _attach(session, tmp_path)
    with session.db.read() as conn:
        damage(session.db.blob_files.path(attachments.blob_id_of(conn, sha256)))
    target = tmp_path / "out" / "b.caxbundle"
    target.parent.mkdir()
    with pytest.raises(AttachmentCorrupt) as caught:
        export_bundle(session, target)
    assert caught.value.params == {"sha256": sha256}
    assert list(target.parent.iterdir()) == []
    assert set(states(session).values()) == {"pending"}
