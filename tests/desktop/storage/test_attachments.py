"""Attachments in the encrypted store: photos lose their metadata, nothing is in plaintext on
disk, the same bytes are stored once, hostile files are refused with a code and leave nothing,
and adding or removing a file makes an audited revision."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import text

from desktop.core import attachment_intake
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    AppError,
    AttachmentCorrupt,
    AttachmentNotFound,
    PermissionDenied,
    ReasonRequired,
    RecordStateError,
)
from desktop.storage import attachments, audit, blob_files, settings
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.records import RecordService
from domain.forms.catalogue import load_catalogue
from domain.records import RecordStatus
from domain.validation.formats import VN_TZ
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD
from tests.desktop.storage import attachment_files as files

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
CATALOGUE = load_catalogue()
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ)


def example(form_id: str) -> dict:
    return json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]


class Desk:
    """One user's record and attachment services on the station."""

    def __init__(self, session):
        self.session = session
        self.records = RecordService(session, CATALOGUE, clock=lambda: NOW)
        self.files = AttachmentService(session, CATALOGUE, clock=lambda: NOW)

    def stored_bytes(self, sha256: str) -> bytes:
        with self.session.db.read() as conn:
            return b"".join(attachments.read_blob(conn, sha256))

    def counts(self) -> tuple[int, int, int]:
        """Blobs, their sealed files (and any chunk left in the database), attachment rows."""
        with self.session.db.read() as conn:
            blobs, chunks, rows = (
                conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("blobs", "blob_chunks", "attachments")
            )
        return blobs, len(self.session.db.blob_files.names()) + chunks, rows

    def audit_actions(self, record_id: str) -> list[tuple[str, dict]]:
        with self.session.db.read() as conn:
            rows = conn.execute(
                text("SELECT action, details FROM audit_log WHERE target = :t ORDER BY seq"),
                dict(t=record_id),
            ).all()
        return [(action, json.loads(details or "{}")) for action, details in rows]


@pytest.fixture
def chief(station_home):
    session = station_home.unlock()
    yield Desk(session)
    session.close()


@pytest.fixture
def officer(station_home):
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    yield Desk(session)
    session.close()


def completed(desk: Desk, form_id: str = "F1") -> str:
    record_id = desk.records.create(form_id, example(form_id), draft_ok=False)
    desk.records.complete(record_id)
    return record_id


def test_a_photo_loses_its_gps_and_metadata_and_is_turned_upright(officer, tmp_path):
    photo = files.photo_with_gps(tmp_path / "hien_truong.jpg", size=(64, 32), orientation=6)
    assert Image.open(photo).getexif().get_ifd(files.GPS_IFD)  # the original says where
    record_id = completed(officer)
    [added] = officer.files.attach(record_id, [photo])
    stored = officer.stored_bytes(added.sha256)
    assert hashlib.sha256(stored).hexdigest() == added.sha256
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and added.media_type == "image/jpeg"
    exif = image.getexif()
    assert len(exif) == 0 and not exif.get_ifd(files.GPS_IFD)
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
    assert b"PhoneMaker" not in stored and b"taken at home" not in stored
    assert image.size == (32, 64)  # orientation 6: the 64×32 sensor image stood up


def _plaintext_runs(original: bytes, step: int = 997) -> list[bytes]:
    """64-byte runs spread over the whole file."""
    return [original[i : i + 64] for i in range(0, len(original) - 64, step)]


def _files_under(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in folder.rglob("*") if p.is_file()]


def test_nothing_of_a_photo_or_a_scan_is_in_plaintext_in_the_station_folder(
    station_home, officer, tmp_path
):
    """A PDF is stored byte for byte, so it is the harder case: none of its 64-byte runs (nor
    the photo's) may appear in the database, its WAL or anywhere in the station folder."""
    photo = files.photo_with_gps(tmp_path / "anh.jpg", size=(400, 300))
    scan = files.clean_pdf(tmp_path / "bien_ban.pdf", payload=os.urandom(600_000))
    record_id = completed(officer)
    added = officer.files.attach(record_id, [photo, scan])
    assert added == officer.files.list(record_id)  # what attach returns is what was stored
    contents = _files_under(station_home.home)
    assert any(p.name.startswith("station.db") for p in station_home.home.iterdir())
    sealed = list((station_home.home / "files").glob("*.cax"))
    assert len(sealed) == 2  # the bytes are in sealed files, and those are searched too
    for original in (photo.read_bytes(), scan.read_bytes()):
        runs = _plaintext_runs(original)
        assert len(runs) > 10
        assert not any(run in blob for run in runs for blob in contents)


def test_the_same_bytes_attached_twice_are_stored_once(officer, tmp_path):
    scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(700_000))
    first, second = completed(officer), completed(officer, "F3")
    [a] = officer.files.attach(first, [scan])
    [b] = officer.files.attach(second, [scan])
    [c] = officer.files.attach(first, [scan])
    assert a.sha256 == b.sha256 == c.sha256
    assert c.name == "scan (2).pdf"  # names stay unique within a record
    assert officer.files.list(first)[-1] == c
    blobs, sealed, rows = officer.counts()
    assert (blobs, sealed, rows) == (1, 1, 3)  # one file for the one content
    [path] = (officer.session.db.blob_files.folder).iterdir()
    frames = -(-scan.stat().st_size // attachments.CHUNK)  # 3 frames of ≤ 256 KiB
    assert path.stat().st_size == blob_files.HEADER + scan.stat().st_size + 16 * frames
    assert officer.stored_bytes(a.sha256) == scan.read_bytes()


def test_attaching_makes_an_audited_revision_and_detaching_another(officer, tmp_path):
    record_id = completed(officer)
    scan = files.clean_pdf(tmp_path / "giay_moi.pdf")
    [added] = officer.files.attach(record_id, [scan])
    assert added.added_revision == 2
    revision = officer.files.detach(record_id, "giay_moi.pdf", "  chụp nhầm  ")
    assert revision == 3
    stored = officer.records.get(record_id)
    assert [r.revision for r in stored.revisions] == [1, 2, 3]
    assert stored.revisions[2].reason == "chụp nhầm"
    actions = officer.audit_actions(record_id)
    attached = [d for a, d in actions if a == AuditAction.RECORD_ATTACHED]
    detached = [d for a, d in actions if a == AuditAction.RECORD_DETACHED]
    assert attached == [
        {"name": "giay_moi.pdf", "sha256": added.sha256[:12], "size": added.size, "revision": 2}
    ]
    assert detached == [
        {"name": "giay_moi.pdf", "sha256": added.sha256[:12], "revision": 3, "reason": "chụp nhầm"}
    ]
    assert officer.files.list(record_id) == []
    with officer.session.db.read() as conn:
        assert [a.name for a in attachments.blobs_of_revision(conn, record_id, 2)] == [
            "giay_moi.pdf"
        ]
        assert attachments.blobs_of_revision(conn, record_id, 3) == []
        assert audit.verify(conn)[1] is None
    with pytest.raises(ReasonRequired):
        officer.files.detach(record_id, "giay_moi.pdf", " ")
    with pytest.raises(AttachmentNotFound):
        officer.files.detach(record_id, "giay_moi.pdf", "again")


def test_a_draft_keeps_revision_one_and_an_approved_record_goes_back_to_review(
    chief, officer, tmp_path
):
    draft = officer.records.create("F1", example("F1"))
    [added] = officer.files.attach(draft, [files.clean_pdf(tmp_path / "a.pdf")])
    assert added.added_revision == 1
    assert officer.records.get(draft).summary.revision == 1

    record_id = completed(officer)
    chief.records.approve(record_id)
    scan = files.clean_pdf(tmp_path / "b.pdf", payload=b"x" * 100)
    with pytest.raises(PermissionDenied):  # approved: only a supervisor changes it
        officer.files.attach(record_id, [scan])
    chief.files.attach(record_id, [scan])
    summary = chief.records.get(record_id).summary
    assert (summary.status, summary.revision) == (RecordStatus.COMPLETED, 2)


def test_a_voided_record_keeps_its_files_and_takes_no_more(officer, tmp_path):
    record_id = completed(officer)
    officer.files.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf")])
    officer.records.void(record_id, "trùng hồ sơ")
    assert [a.name for a in officer.files.list(record_id)] == ["a.pdf"]
    with pytest.raises(RecordStateError):
        officer.files.attach(record_id, [files.clean_pdf(tmp_path / "b.pdf", payload=b"1")])
    with pytest.raises(RecordStateError):
        officer.files.detach(record_id, "a.pdf", "không cần")


def _hostile(tmp_path: Path, kind: str) -> Path:
    if kind == "bomb":
        return files.png_bomb(tmp_path / "bom.png")
    if kind == "truncated":
        return files.truncated_jpeg(tmp_path / "cut.jpg")
    if kind == "renamed":  # a PDF calling itself a photo
        return files.clean_pdf(tmp_path / "anh.jpg")
    if kind == "program":
        path = tmp_path / "scan.pdf"
        path.write_bytes(b"MZ\x90\x00" + os.urandom(2000))
        return path
    if kind in ("script", "escaped_script", "hidden_script"):
        return files.script_pdf(
            tmp_path / f"{kind}.pdf",
            escaped=kind == "escaped_script",
            hidden=kind == "hidden_script",
        )
    if kind == "embedded":
        path = tmp_path / "embedded.pdf"
        path.write_bytes(
            files.pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
                    files.PAGES,
                    files.PAGE,
                    b"<< /Names [(a.exe) << /Type /Filespec /EF << /F 5 0 R >> >>] >>",
                ]
            )
        )
        return path
    if kind == "truncated_pdf":
        whole = files.clean_pdf(tmp_path / "whole.pdf", payload=os.urandom(5000)).read_bytes()
        path = tmp_path / "cut.pdf"
        path.write_bytes(whole[:3000])
        return path
    if kind == "too_large":
        return files.clean_pdf(tmp_path / "big.pdf", payload=os.urandom(2 * 1024 * 1024))
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("bomb", "ATTACHMENT_IMAGE_TOO_BIG"),
        ("truncated", "ATTACHMENT_DAMAGED"),
        ("truncated_pdf", "ATTACHMENT_DAMAGED"),
        ("renamed", "ATTACHMENT_TYPE_MISMATCH"),
        ("program", "ATTACHMENT_TYPE_REFUSED"),
        ("script", "ATTACHMENT_PDF_UNSAFE"),
        ("escaped_script", "ATTACHMENT_PDF_UNSAFE"),
        ("hidden_script", "ATTACHMENT_PDF_UNSAFE"),
        ("embedded", "ATTACHMENT_PDF_UNSAFE"),
        ("too_large", "ATTACHMENT_TOO_LARGE"),
    ],
)
def test_hostile_files_are_refused_with_their_code_and_nothing_is_stored(
    chief, tmp_path, kind, code
):
    """Each refusal comes after a good file of the same call was already written: the whole
    call is rolled back, no blob, chunk, row, revision or audit entry is left."""
    settings.set_setting(chief.session, settings.ATTACHMENT_FILE_MB, 1)
    record_id = completed(chief)
    good = files.clean_pdf(tmp_path / "good.pdf", payload=os.urandom(300_000))
    before = (chief.counts(), len(chief.audit_actions(record_id)))
    with pytest.raises(AppError) as refused:
        chief.files.attach(record_id, [good, _hostile(tmp_path, kind)])
    assert refused.value.code == code
    assert (chief.counts(), len(chief.audit_actions(record_id))) == before
    assert chief.records.get(record_id).summary.revision == 1


def test_the_record_limit_counts_every_current_file(chief, tmp_path):
    settings.set_setting(chief.session, settings.ATTACHMENT_RECORD_MB, 1)
    record_id = completed(chief)
    chief.files.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf", os.urandom(700_000))])
    with pytest.raises(AppError) as refused:
        chief.files.attach(record_id, [files.clean_pdf(tmp_path / "b.pdf", os.urandom(400_000))])
    assert refused.value.code == "ATTACHMENT_RECORD_FULL"
    assert [a.name for a in chief.files.list(record_id)] == ["a.pdf"]


def test_a_png_keeps_its_pixels_and_transparency_but_not_its_text(officer, tmp_path):
    image = Image.new("RGBA", (30, 20), (255, 0, 0, 128))
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "21.0285 N 105.8542 E")
    image.save(tmp_path / "so_do.png", pnginfo=info)
    [added] = officer.files.attach(completed(officer), [tmp_path / "so_do.png"])
    stored = Image.open(io.BytesIO(officer.stored_bytes(added.sha256)))
    assert stored.mode == "RGBA" and stored.getpixel((1, 1)) == (255, 0, 0, 128)
    assert "Location" not in stored.info


def test_extract_is_for_supervisors_checked_and_audited(chief, officer, tmp_path):
    scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(300_000))
    record_id = completed(officer)
    officer.files.attach(record_id, [scan])
    with pytest.raises(PermissionDenied):
        officer.files.extract(record_id, "scan.pdf", tmp_path / "out.pdf")
    chief.files.extract(record_id, "scan.pdf", tmp_path / "out.pdf")
    assert (tmp_path / "out.pdf").read_bytes() == scan.read_bytes()
    assert (tmp_path / "out.pdf").stat().st_mode & 0o077 == 0
    assert AuditAction.ATTACHMENT_EXTRACTED in [a for a, _ in chief.audit_actions(record_id)]
    with pytest.raises(AppError) as refused:  # never over an existing file
        chief.files.extract(record_id, "scan.pdf", tmp_path / "out.pdf")
    assert refused.value.code == "FILE_UNWRITABLE"


def _flip_byte(path: Path, other: Path) -> None:
    data = bytearray(path.read_bytes())
    data[blob_files.HEADER + 100] ^= 0x01  # inside the first frame's ciphertext
    path.write_bytes(bytes(data))


def _truncate(path: Path, other: Path) -> None:
    """Cut at a frame boundary: what is left still opens frame by frame but for the flag."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(blob_files.HEADER + attachments.CHUNK + 16 if size > 300_000 else size - 1)


def _swap_frame(path: Path, other: Path) -> None:
    """The second frame replaced by the second frame of another file of the station."""
    start, length = blob_files.HEADER + attachments.CHUNK + 16, attachments.CHUNK + 16
    data, foreign = bytearray(path.read_bytes()), other.read_bytes()
    data[start : start + length] = foreign[start : start + length]
    path.write_bytes(bytes(data))


def _delete(path: Path, other: Path) -> None:
    path.unlink()


@pytest.mark.parametrize("damage", [_flip_byte, _truncate, _swap_frame, _delete])
def test_a_damaged_file_is_attachment_corrupt_for_db_check_and_every_read(chief, tmp_path, damage):
    from desktop.storage import maintenance

    record_id = completed(chief)
    a = files.clean_pdf(tmp_path / "a.pdf", payload=os.urandom(700_000))
    b = files.clean_pdf(tmp_path / "b.pdf", payload=os.urandom(700_000))
    added, other = chief.files.attach(record_id, [a, b])
    assert maintenance.check_database(chief.session).ok
    with chief.session.db.read() as conn:
        path = chief.session.db.blob_files.path(attachments.blob_id_of(conn, added.sha256))
        other_path = chief.session.db.blob_files.path(attachments.blob_id_of(conn, other.sha256))
    damage(path, other_path)
    report = maintenance.check_database(chief.session)
    assert report.database_problems == [f"ATTACHMENT_CORRUPT: {added.sha256}"]
    assert not report.ok
    with pytest.raises(AttachmentCorrupt) as refused:  # a coded error, never a traceback
        chief.stored_bytes(added.sha256)
    assert refused.value.code == "ATTACHMENT_CORRUPT"
    with pytest.raises(AttachmentCorrupt):
        chief.files.extract(record_id, "a.pdf", tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()  # no part copy left
    assert chief.stored_bytes(other.sha256) == b.read_bytes()  # the other file is untouched


def test_a_heic_photo_is_stored_as_jpeg_without_metadata(officer, tmp_path):
    image = Image.effect_noise((48, 32), 64).convert("RGB")
    exif = Image.Exif()
    exif[files.GPS_IFD] = files.GPS
    image.save(tmp_path / "IMG_0001.HEIC", format="HEIF", exif=exif.tobytes())
    [added] = officer.files.attach(completed(officer), [tmp_path / "IMG_0001.HEIC"])
    assert (added.name, added.media_type) == ("IMG_0001.jpg", "image/jpeg")
    stored = Image.open(io.BytesIO(officer.stored_bytes(added.sha256)))
    assert stored.size == (48, 32) and not stored.getexif().get_ifd(files.GPS_IFD)


def test_sniffing_reads_the_content_not_the_name():
    assert attachment_intake.sniff(b"%PDF-1.4\n") == attachment_intake.PDF
    assert attachment_intake.sniff(b"\x00\x00\x00\x18ftypheic") == attachment_intake.HEIC
    assert attachment_intake.sniff(b"GIF89a") is None


def test_a_field_path_must_be_one_of_the_forms_fields(officer, tmp_path):
    record_id = completed(officer)
    scan = files.clean_pdf(tmp_path / "to_giac.pdf")
    with pytest.raises(AppError) as refused:
        officer.files.attach(record_id, [scan], field_path="khong_co")
    assert refused.value.code == "INVALID_INPUT"
    field = next(path for path, _ in CATALOGUE.get("F1").walk())
    [added] = officer.files.attach(record_id, [scan], field_path=field)
    assert added.field_path == field


def test_a_file_from_memory_goes_through_the_same_intake_as_one_on_disk(officer, tmp_path):
    """A camera's photo arrives as bytes: its metadata is stripped, it is turned upright and
    hashed as a file on disk would be, and the same bytes from disk are not stored twice."""
    photo = files.photo_with_gps(tmp_path / "anh.jpg", size=(64, 32), orientation=6)
    record_id = completed(officer)
    memory = attachment_intake.MemoryFile("chụp.jpg", photo.read_bytes())
    [added] = officer.files.attach(record_id, [memory])
    stored = officer.stored_bytes(added.sha256)
    image = Image.open(io.BytesIO(stored))
    assert added.name == "chụp.jpg" and added.media_type == "image/jpeg"
    assert len(image.getexif()) == 0 and b"PhoneMaker" not in stored
    assert image.size == (32, 64)
    [again] = officer.files.attach(record_id, [photo])
    assert again.sha256 == added.sha256 and officer.counts()[0] == 1
    assert repr(memory) == "MemoryFile(name='chụp.jpg')"  # a log line never carries the bytes


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("x.jpg", b"MZ\x90\x00 a program", "ATTACHMENT_TYPE_REFUSED"),
        ("x.jpg", b"\xff\xd8\xff\xe0 cut short", "ATTACHMENT_DAMAGED"),
        (
            "x.pdf",
            b"%PDF-1.4\n1 0 obj << /OpenAction 2 0 R >> endobj\n%%EOF\n",
            "ATTACHMENT_PDF_UNSAFE",
        ),
        ("x.jpg", b"%PDF-1.4\n%%EOF\n", "ATTACHMENT_TYPE_MISMATCH"),
    ],
)
def test_bad_bytes_from_memory_are_refused_with_their_code(officer, name, data, code):
    """The checks of a file on disk hold for bytes too; nothing is stored."""
    record_id = completed(officer)
    before = officer.counts()
    with pytest.raises(AppError) as refused:
        officer.files.attach(record_id, [attachment_intake.MemoryFile(name, data)])
    assert refused.value.code == code
    assert officer.counts() == before


def test_a_full_disk_while_sealing_is_disk_full_and_leaves_nothing(officer, tmp_path, monkeypatch):
    import errno

    record_id = completed(officer)
    scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(700_000))
    before = officer.counts()

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(blob_files.SealedWriter, "write", full)
    with pytest.raises(AppError) as refused:
        officer.files.attach(record_id, [scan])
    assert refused.value.code == "DISK_FULL"
    assert officer.counts() == before  # no row, no file


def test_a_failed_fsync_is_said_and_leaves_nothing(officer, tmp_path, monkeypatch):
    """When the disk refuses to make the sealed file durable, the attach fails with its code
    and keeps neither the rows nor the file."""
    import errno

    record_id = completed(officer)
    first = files.clean_pdf(tmp_path / "first.pdf", payload=os.urandom(1000))
    officer.files.attach(record_id, [first])  # the files folder exists from now on
    scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(300_000))
    before = officer.counts()

    def failing(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(blob_files.os, "fsync", failing)
    with pytest.raises(AppError) as refused:
        officer.files.attach(record_id, [scan])
    assert refused.value.code == "FILE_UNWRITABLE"
    assert officer.counts() == before
    assert officer.records.get(record_id).summary.revision == 2  # the first file's, no later


def test_rows_that_fail_beside_the_sealing_wait_for_it_then_leave_nothing(
    officer, tmp_path, monkeypatch
):
    """The bytes are sealed on a thread while the revision's rows are written. When a row fails
    first, the rollback waits for the sealing to end before it deletes the file (it would
    otherwise race the thread still writing it), and nothing of the attach is kept."""
    from desktop.core.errors import DiskFull
    from desktop.storage import outbox

    record_id = completed(officer)
    first = files.clean_pdf(tmp_path / "first.pdf", payload=os.urandom(1000))
    officer.files.attach(record_id, [first])  # the files folder exists from now on
    folder = officer.session.db.blob_files.folder
    on_disk = sorted(os.listdir(folder))
    scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(300_000))
    before = officer.counts()
    happened: list[str] = []
    sealing, rows_failed = threading.Event(), threading.Event()
    real_fsync, real_discard = blob_files.os.fsync, blob_files.SealedWriter.discard
    real_seal = attachments.seal

    def seal(*args, **kwargs):
        sealing.set()
        return real_seal(*args, **kwargs)

    def slow_disk(fd):
        rows_failed.wait(5)  # still writing when the rows fail
        real_fsync(fd)
        happened.append("sealed")

    def failing_row(*args, **kwargs):
        sealing.wait(5)  # a sealing not yet begun would only be cancelled
        rows_failed.set()
        raise DiskFull()

    def discard(writer):
        happened.append("discarded")
        real_discard(writer)

    monkeypatch.setattr(attachments, "seal", seal)
    monkeypatch.setattr(blob_files.os, "fsync", slow_disk)
    monkeypatch.setattr(outbox, "record_changed", failing_row)
    monkeypatch.setattr(blob_files.SealedWriter, "discard", discard)
    with pytest.raises(DiskFull):
        officer.files.attach(record_id, [scan])
    assert happened == ["sealed", "sealed", "discarded"]  # the file, its folder, then deleted
    assert officer.counts() == before
    assert sorted(os.listdir(folder)) == on_disk
    assert officer.records.get(record_id).summary.revision == 2


def test_a_file_is_on_disk_before_the_row_naming_it_commits(officer, tmp_path, monkeypatch):
    """The sealed file and its name are fsynced before the rows that name it commit: a power cut
    never leaves a row naming a file that is not on disk."""
    from sqlalchemy import event

    record_id = completed(officer)
    first = files.clean_pdf(tmp_path / "first.pdf", payload=os.urandom(1000))
    officer.files.attach(record_id, [first])  # the files folder exists from now on
    scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(300_000))
    happened: list[str] = []
    real_fsync = blob_files.os.fsync
    committed = threading.Event()

    def slow_disk(fd):
        # A commit that did not wait would come first and end this wait at once.
        committed.wait(0.3)
        real_fsync(fd)
        happened.append("fsync")

    def on_commit(conn):
        happened.append("commit")
        committed.set()

    monkeypatch.setattr(blob_files.os, "fsync", slow_disk)
    engine = officer.session.db.engine
    event.listen(engine, "commit", on_commit)
    try:
        officer.files.attach(record_id, [scan])
    finally:
        event.remove(engine, "commit", on_commit)
    assert happened == ["fsync", "fsync", "commit"]  # the file, its folder, then the rows
