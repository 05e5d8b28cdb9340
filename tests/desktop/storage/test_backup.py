"""Backups: consistent while records are written, still encrypted, verified; restores that refuse
damaged or foreign backups and never lose the data that was there before."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
import threading
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    BackupDamaged,
    BackupOtherStation,
    DiskFull,
    FileUnwritable,
    PermissionDenied,
    WrongPassword,
)
from desktop.core.permissions import Role
from desktop.storage import accounts, audit, backup, crypto, files, settings
from desktop.storage.records import RecordService
from desktop.storage.station import Station
from domain.forms.catalogue import load_catalogue
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
CATALOGUE = load_catalogue()
F1 = json.loads((EXAMPLES / "F1.json").read_text(encoding="utf-8"))["values"]
# The supervisor of the station in the home now, who allows a restore over it.
CURRENT = backup.Credential(SUPERVISOR, SUPERVISOR_PASSWORD)


def add_records(station_home, count: int) -> None:
    session = station_home.unlock()
    service = RecordService(session, CATALOGUE)
    for _ in range(count):
        service.create("F1", F1)
    session.close()


def make_backup(station_home, target: Path) -> backup.BackupResult:
    session = station_home.unlock()
    try:
        return backup.create_backup(session, target)
    finally:
        session.close()


def folder_digest(home: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in home.iterdir() if p.is_file()
    }


@pytest.fixture
def made(station_home, tmp_path):
    add_records(station_home, 3)
    target = tmp_path / "ba-dinh.caxbackup"
    return make_backup(station_home, target)


def test_backup_while_records_are_written_holds_a_consistent_prefix(station_home, tmp_path):
    """A writer keeps adding records during the backup: the copy opens, passes every integrity
    check, its audit chain holds, and it has exactly the first N records (no gap, no half)."""
    add_records(station_home, 5)
    stop, written = threading.Event(), []
    writer_session = station_home.unlock()

    def write() -> None:
        service = RecordService(writer_session, CATALOGUE)
        while not stop.is_set():
            written.append(service.create("F1", F1))

    thread = threading.Thread(target=write)
    thread.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        session = station_home.unlock()
        before = len(written)
        result = backup.create_backup(session, tmp_path / "live.caxbackup")
        after = len(written)
        session.close()
        while len(written) < after + 3:
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()
        writer_session.close()
    # Taken while the writer was busy: it holds what was written before, not what came after.
    assert 5 + before <= result.manifest.record_count < 5 + len(written)
    restored = tmp_path / "restored"
    backup.restore_backup(restored, result.path, SUPERVISOR, SUPERVISOR_PASSWORD)
    session = Station(restored).unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    try:
        assert session.db.integrity_problems() == []
        with session.db.read() as conn:
            seqs = [r[0] for r in conn.execute(text("SELECT seq FROM records ORDER BY seq"))]
            ids = [r[0] for r in conn.execute(text("SELECT id FROM records ORDER BY seq"))]
            checked, broken = audit.verify(conn)
        assert broken is None and checked > 0
    finally:
        session.close()
    assert seqs == list(range(1, len(seqs) + 1)) == list(range(1, result.manifest.record_count + 1))
    assert ids[5:] == written[: len(ids) - 5]  # the writer's records, in order, up to a point
    assert len(written) > len(ids)  # and it went on writing after the snapshot


def test_backup_stays_encrypted_and_carries_a_manifest(made, station_home):
    """No plaintext SQLite header nor any name inside; manifest names the station and checksums."""
    with zipfile.ZipFile(made.path) as archive:
        db = archive.read("station.db")
        manifest = json.loads(archive.read("manifest.json"))
    assert not db.startswith(b"SQLite format 3")
    assert "Nguyễn".encode() not in db and b"Nguyen" not in db
    assert manifest["station_name"] == "Công an phường Ba Đình"
    assert manifest["record_count"] == 3 and manifest["schema_revision"]
    assert manifest["members"]["station.db"]["sha256"] == hashlib.sha256(db).hexdigest()


def test_backup_is_audited_and_clears_the_reminder(station_home, tmp_path):
    """No backup yet: overdue. After one: not overdue, until the reminder days have passed."""
    session = station_home.unlock()
    try:
        assert settings.backup_overdue(session)
        backup.create_backup(session, tmp_path / "b.caxbackup")
        assert not settings.backup_overdue(session)
        later = datetime.now(UTC) + timedelta(days=8)
        assert settings.backup_overdue(session, now=later)
        assert not settings.backup_overdue(session, days=10, now=later)
        with session.db.read() as conn:
            [entry] = audit.entries(conn, action=AuditAction.BACKUP_CREATED)
        assert entry.details["file"] == "b.caxbackup" and entry.actor == SUPERVISOR
    finally:
        session.close()


def test_officers_may_not_back_up(station_home, tmp_path):
    """A backup opens with every password in it: only a supervisor may take one."""
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            backup.create_backup(session, tmp_path / "b.caxbackup")
    finally:
        session.close()
    assert not (tmp_path / "b.caxbackup").exists()


def test_restore_into_an_empty_home_then_log_in_with_the_backups_passwords(made, tmp_path):
    """An empty folder gets the station back; both users log in with their passwords."""
    home = tmp_path / "new-pc"
    result = backup.restore_backup(home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD)
    assert result.moved_aside is None
    session = Station(home).unlock(OFFICER, OFFICER_PASSWORD)
    try:
        assert RecordService(session, CATALOGUE).count() == 3
        with session.db.read() as conn:
            [entry] = audit.entries(conn, action=AuditAction.BACKUP_RESTORED)
        assert entry.details["records"] == 3
        assert settings.last_backup_at(session) is not None
    finally:
        session.close()
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]  # staging cleaned up


def test_restore_moves_the_current_data_aside_first(made, station_home):
    """Records added after the backup are not lost: the old files wait in a dated folder."""
    add_records(station_home, 2)
    result = backup.restore_backup(
        station_home.home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD, current=CURRENT
    )
    aside = result.moved_aside
    assert aside is not None and aside.parent == station_home.home
    assert aside.name.startswith("before-restore-") and (aside / "station.db").exists()
    session = station_home.unlock()
    try:
        assert RecordService(session, CATALOGUE).count() == 3
    finally:
        session.close()
    old = Station(station_home.home)
    old.db_path, old.keys_path = aside / "station.db", aside / "station.keys"
    session = old.unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    try:
        assert RecordService(session, CATALOGUE).count() == 5
    finally:
        session.close()


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x40
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["flipped", "truncated", "not_zip"])
def test_damaged_backup_is_refused_and_nothing_changes(made, station_home, damage):
    """A flipped byte, a cut-off file or some other file: BACKUP_DAMAGED, the station as it was."""
    add_records(station_home, 1)
    before = folder_digest(station_home.home)
    size = made.path.stat().st_size
    if damage == "flipped":
        flip_byte(made.path, size // 2)
    elif damage == "truncated":
        made.path.write_bytes(made.path.read_bytes()[: size * 2 // 3])
    else:
        made.path.write_text("not a backup")
    with pytest.raises(BackupDamaged) as caught:
        backup.restore_backup(
            station_home.home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD, current=CURRENT
        )
    assert caught.value.params["reason"] in ("checksum", "unreadable")
    assert folder_digest(station_home.home) == before
    assert [p.name for p in station_home.home.iterdir() if p.is_dir()] in ([], ["logs"])
    assert not [p for p in station_home.home.parent.iterdir() if ".restore-" in p.name]


def test_backup_of_another_station_needs_an_explicit_choice(made, tmp_path):
    """Another station's backup is refused unless asked for; then the other station is kept aside."""
    other_home = tmp_path / "other"
    session, _ = Station.create(
        other_home,
        code="00025",
        name="Công an xã Khác",
        supervisor="chief2",
        password="Khac-Station-99",
        kdf=crypto.TEST_KDF,
    )
    session.close()
    before = folder_digest(other_home)
    with pytest.raises(BackupOtherStation):
        backup.restore_backup(other_home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD)
    assert folder_digest(other_home) == before
    result = backup.restore_backup(
        other_home,
        made.path,
        SUPERVISOR,
        SUPERVISOR_PASSWORD,
        other_station=True,
        current=backup.Credential("chief2", "Khac-Station-99"),
    )
    assert result.moved_aside is not None
    assert Station(other_home).load_slots().station_id == made.manifest.station_id


def test_restore_needs_a_supervisor_password_of_the_backup(made, station_home):
    """A wrong password, or an officer's, changes nothing."""
    before = folder_digest(station_home.home)
    with pytest.raises(WrongPassword):
        backup.restore_backup(
            station_home.home, made.path, SUPERVISOR, "not-the-password", current=CURRENT
        )
    with pytest.raises(PermissionDenied):
        backup.restore_backup(
            station_home.home, made.path, OFFICER, OFFICER_PASSWORD, current=CURRENT
        )
    assert folder_digest(station_home.home) == before


def test_passwords_changed_after_the_backup_are_the_backups_again(made, station_home, tmp_path):
    """The key slots travel with the database: a user added later does not exist in it."""
    session = station_home.unlock()
    accounts.add_user(session, "minh", Role.OFFICER, "Officer-Le-2026", "Lê Minh")
    session.close()
    backup.restore_backup(
        station_home.home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD, current=CURRENT
    )
    assert "minh" not in Station(station_home.home).load_slots().slots


def test_a_copy_that_does_not_verify_is_never_left_under_the_name(
    station_home, tmp_path, monkeypatch
):
    """Verification re-opens the written copy: a page damaged on the way fails SQLCipher's HMAC
    check, the half-made file is removed and an older backup of the same name is kept."""
    add_records(station_home, 2)
    target = tmp_path / "b.caxbackup"
    target.write_bytes(b"older backup")
    real_snapshot = backup._snapshot

    def damaged_snapshot(session, db_copy):
        keys, facts, sealed = real_snapshot(session, db_copy)
        flip_byte(db_copy, db_copy.stat().st_size - 3000)  # inside the last page
        return keys, facts, sealed

    monkeypatch.setattr(backup, "_snapshot", damaged_snapshot)
    with pytest.raises(BackupDamaged) as caught:
        make_backup(station_home, target)
    assert caught.value.params["reason"] == "database"
    assert target.read_bytes() == b"older backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def staging_folders(home: Path) -> list[Path]:
    return [p for p in home.parent.iterdir() if p.name.startswith(f".{home.name}.restore-")]


@pytest.mark.parametrize(
    ("failure", "refusal"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), FileUnwritable),
        (OSError(errno.ENOSPC, "No space"), DiskFull),
    ],
)
def test_an_unwritable_backup_folder_is_file_unwritable_and_leaves_nothing(
    station_home, tmp_path, monkeypatch, failure, refusal
):
    """No permission (FILE_UNWRITABLE) or a full stick (DISK_FULL), naming the file: no temp
    file beside it, and no backup recorded (the reminder stays due)."""
    add_records(station_home, 1)
    folder = tmp_path / "usb"
    folder.mkdir()
    target = folder / "b.caxbackup"

    def fail(*_args, **_kwargs):
        raise failure

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(refusal) as caught:
        make_backup(station_home, target)
    assert caught.value.code == refusal.code and caught.value.params["path"] == str(target)
    assert list(folder.iterdir()) == []
    session = station_home.unlock()
    try:
        assert settings.last_backup_at(session) is None
    finally:
        session.close()


def test_a_read_only_backup_folder_is_file_unwritable(station_home, tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(FileUnwritable) as caught:
        make_backup(station_home, tmp_path / "b.caxbackup")
    assert caught.value.params["reason"] == "Read-only file system"
    assert not (tmp_path / "b.caxbackup").exists()


def test_restore_beside_an_unwritable_folder_is_file_unwritable(made, station_home, monkeypatch):
    """The staging folder cannot be made: FILE_UNWRITABLE, the station untouched."""
    before = folder_digest(station_home.home)

    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(backup.tempfile, "mkdtemp", refuse)
    with pytest.raises(FileUnwritable) as caught:
        backup.restore_backup(
            station_home.home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD, current=CURRENT
        )
    assert caught.value.params["path"] == str(station_home.home.parent)
    assert folder_digest(station_home.home) == before


def test_a_restore_failing_midway_puts_everything_back(made, station_home, monkeypatch):
    """The disk fills while the backup's files are put in place: FILE_UNWRITABLE, the station's
    files are back where they were, and neither the staging copy nor an empty dated folder stays."""
    add_records(station_home, 2)
    before = folder_digest(station_home.home)
    real_move = shutil.move
    placed = []

    def move(source, destination):
        if ".restore-" in str(source):
            if placed:
                raise OSError(errno.ENOSPC, "No space left on device")
            placed.append(source)
        return real_move(source, destination)

    monkeypatch.setattr(backup.shutil, "move", move)
    with pytest.raises(DiskFull) as caught:  # the disk filled up halfway through
        backup.restore_backup(
            station_home.home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD, current=CURRENT
        )
    assert caught.value.params["path"] == str(station_home.home) and placed
    assert folder_digest(station_home.home) == before
    assert not [p for p in station_home.home.iterdir() if p.name.startswith("before-restore-")]
    assert staging_folders(station_home.home) == []
    session = station_home.unlock()
    try:
        assert RecordService(session, CATALOGUE).count() == 5
    finally:
        session.close()


def test_prepare_removes_staging_folders_an_earlier_restore_left(made, station_home, tmp_path):
    """A restore interrupted between its two steps (the window locked) left a full copy of the
    station beside the home: the next restore removes it, and only this home's."""
    home = station_home.home
    stale = home.parent / f".{home.name}.restore-old1"
    stale.mkdir()
    (stale / "station.db").write_bytes(b"a copy of the station")
    other = home.parent / f".{home.name}2.restore-x"
    other.mkdir()
    prepared = backup.prepare_restore(
        home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD, current=CURRENT
    )
    try:
        assert not stale.exists() and other.exists()
        assert staging_folders(home) == [prepared.staging]
    finally:
        backup.discard_restore(prepared)
    assert staging_folders(home) == []


def test_backup_keys_its_raw_copy_with_the_databases_helper(station_home, tmp_path, monkeypatch):
    """The SQLCipher key pragma of the copy comes from storage/database.py, not built again."""
    calls = []
    real = backup._key_pragma

    def spy(key: bytes, verb: str = "key") -> str:
        calls.append(key)
        return real(key, verb)

    monkeypatch.setattr(backup, "_key_pragma", spy)
    session = station_home.unlock()
    try:
        backup.create_backup(session, tmp_path / "b.caxbackup")
        assert calls == [session.data_key]
    finally:
        session.close()
