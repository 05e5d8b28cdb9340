"""Attachments' rows live in the encrypted database and their bytes in sealed files beside it: a
backup, a restore, a data-key rotation and the export carry both: shown here, hash for hash and
file for file."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import zipfile
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
    sealed = _sealed_files(station_home.home)
    assert len(sealed) == 2
    with zipfile.ZipFile(made.path) as archive:  # carried as they are, still sealed
        carried = {n: archive.read(n) for n in archive.namelist() if n.startswith("files/")}
        manifest = json.loads(archive.read("manifest.json"))
    assert carried == {f"files/{name}": data for name, data in sealed.items()}
    for name, data in carried.items():
        assert manifest["members"][name]["sha256"] == hashlib.sha256(data).hexdigest()
    home = tmp_path / "new-pc"
    backup.restore_backup(home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD)
    assert _sealed_files(home) == sealed  # put back byte for byte
    found, report = _read_back(home, record_id)
    assert found == stored and len(found) == 2
    assert report.ok, report
    scan = (tmp_path / "scan.pdf").read_bytes()
    assert scan[5000:5064] not in made.path.read_bytes()  # the backup is still encrypted


def _sealed_files(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((home / "files").iterdir())}


def test_a_key_rotation_re_encrypts_the_attachments(station_home, tmp_path):
    record_id, stored = _attach_two(station_home, tmp_path)
    db_file = station_home.home / "station.db"
    before, files_before = db_file.read_bytes(), _sealed_files(station_home.home)
    session = station_home.unlock()
    try:
        maintenance.rotate_data_key(session)
    finally:
        session.close()
    after, files_after = db_file.read_bytes(), _sealed_files(station_home.home)
    # Every page is re-encrypted: not one 4 KiB page of the file stayed the same.
    pages = min(len(before), len(after)) // 4096
    assert pages > 20
    same = sum(
        before[i * 4096 : (i + 1) * 4096] == after[i * 4096 : (i + 1) * 4096] for i in range(pages)
    )
    assert same == 0
    # Each file is sealed anew under the new key (another key id in its name); the old ones go.
    assert len(files_after) == len(files_before) == 2
    assert not set(files_after) & set(files_before)
    ids = lambda names: sorted(n.split("-")[0] for n in names)  # noqa: E731
    assert ids(files_after) == ids(files_before)
    for new in files_after.values():  # nothing of the old sealed bytes stayed
        assert not any(new[4096:4160] in old for old in files_before.values())
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
