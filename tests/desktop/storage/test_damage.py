"""A tampered key file or a damaged database gives its own clear error and loses nothing."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from desktop.core.errors import DatabaseCorrupt, KeyFileTampered, KeyFileUnreadable
from desktop.storage import audit, maintenance
from tests.desktop.conftest import OFFICER, SUPERVISOR

# Slow: damages whole stations and reopens them. `make test` runs them; `make check` does not.
pytestmark = pytest.mark.slow

ENTRIES = 3000  # enough audit rows for a database of well over a hundred pages


@pytest.fixture
def filled(station_home):
    """A station with a few thousand audit entries, closed (so everything is in station.db)."""
    session = station_home.unlock()
    with session.db.write() as conn:
        for i in range(ENTRIES):
            audit.append(conn, SUPERVISOR, "record.viewed", f"record-{i}", {"note": "x" * 40})
    session.close()
    return station_home


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry_count(station_home) -> int:
    session = station_home.unlock()
    try:
        return maintenance.verify_audit(session).entries_checked
    finally:
        session.close()


def _rewrite_keyfile(path, change) -> None:
    """Edit the slot file as a careful attacker would: valid JSON, checksum recomputed."""
    document = json.loads(path.read_text())
    document.pop("checksum")
    change(document)
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    document["checksum"] = hashlib.sha256(canonical.encode()).hexdigest()
    path.write_text(json.dumps(document))


def test_flipped_byte_in_key_file_is_reported_as_tampered(filled):
    """One changed character in the slot file: KeyFileTampered before any password is tried."""
    keys = filled.station.keys_path
    original = keys.read_bytes()
    damaged = bytearray(original)
    damaged[len(damaged) // 2] ^= 0x01
    keys.write_bytes(bytes(damaged))
    with pytest.raises(KeyFileTampered):
        filled.unlock()
    keys.write_bytes(original)
    assert _entry_count(filled) > ENTRIES


def test_forged_key_file_is_caught_after_unlock(filled):
    """Dropping a slot and re-checksumming the file is caught by the MAC under the data key."""
    keys = filled.station.keys_path
    original = keys.read_bytes()
    _rewrite_keyfile(
        keys, lambda d: d.update(slots=[s for s in d["slots"] if s["label"] != OFFICER])
    )
    with pytest.raises(KeyFileTampered) as raised:
        filled.unlock()
    assert raised.value.params["reason"] == "mac"
    keys.write_bytes(original)
    assert _entry_count(filled) > ENTRIES


def test_missing_key_file_is_reported(filled):
    """With the database present but no slot file, the error says the key file is missing."""
    keys = filled.station.keys_path
    saved = keys.with_suffix(".saved")
    shutil.move(keys, saved)
    with pytest.raises(KeyFileUnreadable):
        filled.unlock()
    shutil.move(saved, keys)
    assert _entry_count(filled) > ENTRIES


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: b"", "empty"),
        (lambda data: data[:1000], "header"),
        (lambda data: data[: len(data) // 2], None),
        (lambda data: _flip(data, 100), "header"),
        (lambda data: _flip(data, len(data) - 2000), None),
    ],
    ids=["emptied", "cut-inside-page-1", "cut-in-half", "bit-flip-page-1", "bit-flip-last-page"],
)
def test_damaged_database_is_refused_and_left_untouched(filled, damage, reason):
    """Each damage gives DatabaseCorrupt; the file is not written to; restoring it loses nothing."""
    db = filled.station.db_path
    original = db.read_bytes()
    db.write_bytes(damage(original))
    before = _sha(db)
    with pytest.raises(DatabaseCorrupt) as raised:
        filled.unlock()
    if reason:
        assert raised.value.params["reason"] == reason
    assert _sha(db) == before, "a damaged database must not be modified by a failed open"
    db.write_bytes(original)
    assert _entry_count(filled) > ENTRIES


def test_database_check_names_a_damaged_page(filled):
    """A flipped byte in a page the login does not read is found by `db check`, by page number."""
    db = filled.station.db_path
    original = db.read_bytes()
    page_size = 4096
    for page in range(10, len(original) // page_size - 10, 5):
        db.write_bytes(_flip(original, page_size * page + 100))
        try:
            session = filled.unlock()
        except DatabaseCorrupt:
            continue  # the login itself needed this page: try one it does not read
        try:
            report = maintenance.check_database(session)
        finally:
            session.close()
        assert not report.ok
        assert any(
            f"pgno={page + 1}" in p or f"page {page + 1}" in p for p in report.database_problems
        ), report.database_problems
        return
    pytest.fail("no page outside the login's path was found to damage")


def _flip(data: bytes, offset: int) -> bytes:
    damaged = bytearray(data)
    damaged[offset] ^= 0x40
    return bytes(damaged)
