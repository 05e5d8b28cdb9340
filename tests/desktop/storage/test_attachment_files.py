"""Attachments' bytes in sealed files beside the database (docs/architecture.md, "Attachments"):
a station made before them moves its chunks into files at unlock, crash-safely; a rotation of
the data key killed before or after the database's rekey leaves a station that opens and reads
every file; the file format's own checks."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.storage import attachments, blob_files, maintenance
from desktop.storage.station import Station, StationSession
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage import attachment_files as files
from tests.desktop.storage.test_attachments import Desk, completed

ROOT = Path(__file__).resolve().parents[3]


def _station_with_files(station_home, tmp_path: Path) -> tuple[str, dict[str, bytes]]:
    """A record with a photo and a 3-frame scan: {sha256: the bytes stored}."""
    session = station_home.unlock()
    try:
        desk = Desk(session)
        record_id = completed(desk)
        photo = files.photo_with_gps(tmp_path / "anh.jpg", size=(300, 200))
        scan = files.clean_pdf(tmp_path / "scan.pdf", payload=os.urandom(700_000))
        added = desk.files.attach(record_id, [photo, scan])
        stored = {a.sha256: desk.stored_bytes(a.sha256) for a in added}
    finally:
        session.close()
    return record_id, stored


def _read_all(home: Path) -> tuple[dict[str, bytes], maintenance.CheckReport]:
    session = Station(home).unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    try:
        with session.db.read() as conn:
            hashes = conn.execute(text("SELECT sha256 FROM blobs")).scalars().all()
            found = {sha: b"".join(attachments.read_blob(conn, sha)) for sha in hashes}
        return found, maintenance.check_database(session)
    finally:
        session.close()


def _back_to_chunks(station_home) -> None:
    """What the code before sealed files left: each blob's bytes in `blob_chunks` (256 KiB rows
    numbered from 0, one empty row for an empty blob) and no `files/` folder."""
    session = station_home.unlock()
    try:
        with session.db.write() as conn:
            for blob_id, sha256 in conn.execute(text("SELECT id, sha256 FROM blobs")).all():
                for seq, chunk in enumerate(attachments.read_blob(conn, sha256)):
                    conn.execute(
                        text("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (:b, :s, :d)"),
                        dict(b=blob_id, s=seq, d=chunk),
                    )
        folder = session.db.blob_files.folder
    finally:
        session.close()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


def test_a_station_made_before_files_moves_its_chunks_into_files(station_home, tmp_path):
    _, stored = _station_with_files(station_home, tmp_path)
    _back_to_chunks(station_home)
    home = station_home.home
    assert not (home / "files").exists()
    found, report = _read_all(home)  # the unlock moved them
    assert found == stored
    assert report.ok, report
    assert len(list((home / "files").iterdir())) == 2
    session = station_home.unlock()
    try:
        with session.db.read() as conn:
            assert conn.execute(text("SELECT count(*) FROM blob_chunks")).scalar_one() == 0
    finally:
        session.close()


def test_a_move_killed_halfway_is_done_again_at_the_next_unlock(station_home, tmp_path):
    """A kill after a blob's file was (partly) written but before its chunks were deleted: the
    chunks are still the truth, read as they are until the next unlock writes the file anew."""
    _, stored = _station_with_files(station_home, tmp_path)
    _back_to_chunks(station_home)
    session = station_home.unlock()  # moves everything; then put one blob back as half-moved
    try:
        with session.db.write() as conn:
            blob_id, sha256 = conn.execute(text("SELECT id, sha256 FROM blobs LIMIT 1")).one()
            for seq, chunk in enumerate(attachments.read_blob(conn, sha256)):
                conn.execute(
                    text("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (:b, :s, :d)"),
                    dict(b=blob_id, s=seq, d=chunk),
                )
        path = session.db.blob_files.path(blob_id)
        path.write_bytes(path.read_bytes()[:5000])  # the half-written file of the killed move
        with session.db.read() as conn:  # not moved yet: read from the chunks
            assert b"".join(attachments.read_blob(conn, sha256)) == stored[sha256]
            assert attachments.corrupt_blobs(conn) == []
    finally:
        session.close()
    found, report = _read_all(station_home.home)
    assert found == stored
    assert report.ok, report


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_rotation_killed_at_its_rekey_leaves_every_file_readable(station_home, tmp_path, when):
    _, stored = _station_with_files(station_home, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("rekey_writer.py")),
         str(station_home.home), SUPERVISOR, SUPERVISOR_PASSWORD, when],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert child.returncode == 9, child.stderr
    names = {p.name for p in (station_home.home / "files").iterdir()}
    assert len(names) == 4  # each blob under the old key and the new one
    found, report = _read_all(station_home.home)
    assert found == stored
    assert report.ok, report
    assert len(list((station_home.home / "files").iterdir())) == 2  # one key's files remain
    assert {p.name for p in (station_home.home / "files").iterdir()} < names


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_a_rotation_killed_while_sealing_a_late_file_anew_loses_nothing(station_home, tmp_path):
    """An attach slipped in before the rekey; the rotation died halfway through sealing its file
    under the new key. The half-written file never bears the final name, so the next unlock
    seals it anew from the old key's file instead of trusting it and deleting the only copy."""
    _, stored = _station_with_files(station_home, tmp_path)
    late = files.clean_pdf(tmp_path / "late.pdf", payload=os.urandom(700_000))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("rekey_writer.py")),
         str(station_home.home), SUPERVISOR, SUPERVISOR_PASSWORD, "straggler", str(late)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert child.returncode == 9, child.stderr
    left = sorted(p.name for p in (station_home.home / "files").iterdir())
    assert [name for name in left if name.endswith(".part")], left  # the kill's half file
    found, report = _read_all(station_home.home)
    assert late.read_bytes() in found.values()
    assert {sha: found[sha] for sha in stored} == stored
    assert report.ok, report
    assert not [p for p in (station_home.home / "files").iterdir() if p.name.endswith(".part")]


def test_an_attach_committed_between_resealing_and_rekey_is_sealed_anew(station_home, tmp_path):
    """Another process's attach that slips in after the files were sealed anew and before the
    database took the new key: sealed anew right after the rekey, with the old key in hand."""
    _, stored = _station_with_files(station_home, tmp_path)
    session = station_home.unlock()
    real_rekey = session.db.rekey
    late = files.clean_pdf(tmp_path / "late.pdf", payload=os.urandom(400_000))

    def rekey_after_a_late_attach(new_key: bytes) -> None:
        desk = Desk(session)
        [added] = desk.files.attach(completed(desk, "F3"), [late])
        stored[added.sha256] = late.read_bytes()
        real_rekey(new_key)

    session.db.rekey = rekey_after_a_late_attach  # type: ignore[method-assign]  # the race
    try:
        maintenance.rotate_data_key(session)
    finally:
        session.close()
    found, report = _read_all(station_home.home)
    assert found == stored and len(found) == 3
    assert report.ok, report


def test_a_file_opens_only_under_its_key_and_frame_by_frame(tmp_path):
    key, other = os.urandom(32), os.urandom(32)
    folder = blob_files.BlobFiles(tmp_path, lambda: key)
    data = os.urandom(blob_files.CHUNK * 2 + 5)
    writer = folder.writer(7)
    for i in range(0, len(data), 100_000):
        writer.write(data[i : i + 100_000])
    writer.finish()
    path = folder.path(7)
    assert path.stat().st_size == blob_files.sealed_size(len(data))
    assert b"".join(folder.read(7, len(data))) == data
    assert b"".join(folder.read(7, len(data), 2)) == data[2 * blob_files.CHUNK :]
    assert data[1000:1064] not in path.read_bytes()
    with pytest.raises(blob_files.SealedFileError):  # the wrong key
        list(blob_files.read_sealed(path, 7, other, len(data)))
    renamed = folder.path(8)
    path.rename(renamed)  # another blob's name, same key and size: still refused
    with pytest.raises(blob_files.SealedFileError):
        list(folder.read(8, len(data)))
    renamed.rename(path)
    with pytest.raises(blob_files.SealedFileError):  # a size that does not match
        list(folder.read(7, len(data) - 1))
    assert blob_files.key_id(key) != blob_files.key_id(other)
    assert blob_files.key_id(key) in path.name


def test_an_empty_file_is_one_sealed_frame(tmp_path):
    key = os.urandom(32)
    folder = blob_files.BlobFiles(tmp_path, lambda: key)
    writer = folder.writer(1)
    writer.finish()
    assert folder.path(1).stat().st_size == blob_files.HEADER + 16
    assert list(folder.read(1, 0)) == [b""]


@pytest.mark.parametrize(
    "pieces", [[1], [blob_files.CHUNK], [blob_files.CHUNK - 1, 1, 1], [7919] * 200]
)
def test_frames_are_cut_the_same_whatever_the_pieces(tmp_path, pieces):
    """Any run of writes gives whole frames of CHUNK bytes and a last one of the rest; a run
    that ends on a frame's edge has no empty frame after it."""
    key = os.urandom(32)
    folder = blob_files.BlobFiles(tmp_path, lambda: key)
    data = os.urandom(sum(pieces))
    writer, at = folder.writer(2), 0
    for n in pieces:
        writer.write(data[at : at + n])
        at += n
    writer.finish()
    frames = list(folder.read(2, len(data)))
    assert b"".join(frames) == data
    assert [len(f) for f in frames[:-1]] == [blob_files.CHUNK] * (len(frames) - 1)
    assert len(frames) == blob_files.frames_for(len(data))


def test_a_backup_without_files_restores_and_its_chunks_become_files(
    station_home, tmp_path, monkeypatch
):
    """A backup made before sealed files holds the bytes in its database and no `files/`: it
    restores as before, and the restored station's first unlock moves them into files."""
    from desktop.storage import backup

    _, stored = _station_with_files(station_home, tmp_path)
    _back_to_chunks(station_home)
    with monkeypatch.context() as patched:  # no move at this unlock: the station as it was
        patched.setattr(StationSession, "settle_attachment_files", lambda self, old_key=None: [])
        session = station_home.unlock()
    try:
        made = backup.create_backup(session, tmp_path / "old.caxbackup")
    finally:
        session.close()
    with zipfile.ZipFile(made.path) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "station.db", "station.keys"]
    home = tmp_path / "restored"
    backup.restore_backup(home, made.path, SUPERVISOR, SUPERVISOR_PASSWORD)
    found, report = _read_all(home)
    assert found == stored
    assert report.ok, report
    assert len(list((home / "files").iterdir())) == 2
