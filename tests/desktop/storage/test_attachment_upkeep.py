"""Attachments live in the encrypted database, so a backup, a restore, a data-key rotation and
the export carry them with everything else: shown here, hash for hash."""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

from desktop.storage import attachments, backup, export, maintenance
from desktop.storage.station import Station
from domain.records import RecordFilter
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage import attachment_files as files
from tests.desktop.storage.test_attachments import CATALOGUE, Desk, completed


def _attach_two(station_home, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A record with a photo and a scan; the stored SHA-256 of each by name."""
    session = station_home.unlock()
    try:
        desk = Desk(session)
        record_id = completed(desk)
        photo = files.photo_with_gps(tmp_path / "anh.jpg", size=(300, 200))
        scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(900_000))
        added = desk.files.attach(record_id, [photo, scan])
    finally:
        session.close()
    return record_id, {a.name: a.sha256 for a in added}


def _read_back(home: Path, record_id: str, username=SUPERVISOR, password=SUPERVISOR_PASSWORD):
    """{name: sha256 of the bytes read back} and the problems `db check` finds."""
    session = Station(home).unlock(username, password)
    try:
        with session.db.read() as conn:
            found = {
                a.name: hashlib.sha256(b"".join(attachments.read_blob(conn, a.sha256))).hexdigest()
                for a in attachments.current(conn, record_id)
            }
        report = maintenance.check_database(session)
    finally:
        session.close()
    return found, report


def test_backup_and_restore_carry_the_attachments(station_home, tmp_path):
    record_id, stored = _attach_two(station_home, tmp_path)
    session = station_home.unlock()
    try:
        made = backup.create_backup(session, tmp_path / "tram.caxbackup")
    finally:
        session.close()
    home = tmp_path / "new-pc"
    backup.restore_backup(home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD)
    found, report = _read_back(home, record_id)
    assert found == stored and len(found) == 2
    assert report.ok, report
    scan = (tmp_path / "scan.pdf").read_bytes()
    assert scan[5000:5064] not in made.path.read_bytes()  # the backup is still encrypted


def test_a_key_rotation_re_encrypts_the_attachments(station_home, tmp_path):
    record_id, stored = _attach_two(station_home, tmp_path)
    db_file = station_home.home / "station.db"
    before = db_file.read_bytes()
    session = station_home.unlock()
    try:
        maintenance.rotate_data_key(session)
    finally:
        session.close()
    after = db_file.read_bytes()
    # Every page is re-encrypted: not one 4 KiB page of the file stayed the same.
    pages = min(len(before), len(after)) // 4096
    assert pages > 200  # the 1 MB of attachments are in there
    same = sum(
        before[i * 4096 : (i + 1) * 4096] == after[i * 4096 : (i + 1) * 4096] for i in range(pages)
    )
    assert same == 0
    found, report = _read_back(station_home.home, record_id)
    assert found == stored and report.ok


def test_the_export_counts_each_records_current_files(station_home, tmp_path):
    record_id, _ = _attach_two(station_home, tmp_path)
    session = station_home.unlock()
    try:
        Desk(session).files.detach(record_id, "anh.jpg", "ảnh mờ")
        export.export_records(session, CATALOGUE, RecordFilter(), tmp_path / "ds.csv", "csv")
    finally:
        session.close()
    with (tmp_path / "ds.csv").open(encoding="utf-8-sig") as handle:
        header, row = list(csv.reader(handle))
    assert row[header.index("Tài liệu kèm theo")] == "1"
    assert row[header.index("Mã hồ sơ")] == record_id
