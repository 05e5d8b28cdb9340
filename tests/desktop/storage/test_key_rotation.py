"""Rotating the data key locks out old keys, keeps every user, and survives a crash at any step."""

from __future__ import annotations

import shutil

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from desktop.core.errors import DatabaseCorrupt
from desktop.storage import accounts, crypto, maintenance
from desktop.storage.database import Database
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD


def _opens_with(path, key: bytes) -> bool:
    conn = sqlcipher.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()


def test_rekey_after_an_officer_leaves(station_home, tmp_path):
    """After removal + rekey, the officer's old slot file and the old key open nothing."""
    old_keyfile = tmp_path / "stolen.keys"
    shutil.copy(station_home.station.keys_path, old_keyfile)  # what the officer could have kept
    session = station_home.unlock()
    old_key = session.data_key
    accounts.remove_user(session, OFFICER)
    maintenance.rotate_data_key(session)
    new_key = session.data_key
    session.close()

    assert new_key != old_key
    db = station_home.station.db_path
    assert _opens_with(db, new_key) and not _opens_with(db, old_key)
    station_home.unlock().close()  # the supervisor's slot was rewrapped without their password

    shutil.copy(old_keyfile, station_home.station.keys_path)
    with pytest.raises(DatabaseCorrupt):  # the old slots only unwrap the old, useless key
        station_home.unlock(OFFICER, OFFICER_PASSWORD)


def test_crash_after_staging_the_new_key_keeps_the_old_one(station_home):
    """Killed before PRAGMA rekey: the station opens with the old key and nothing is lost."""
    session = station_home.unlock()
    old_key = session.data_key
    slots = station_home.station.load_slots()
    slots.stage_next_key(crypto.random_key())
    slots.save(station_home.station.keys_path, old_key)
    session.close()  # "crash": the database was never re-keyed

    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert session.data_key == old_key
    session.close()


def test_crash_after_rekey_finishes_the_rotation_at_next_unlock(station_home):
    """Killed between PRAGMA rekey and the final slot write: the next unlock completes it."""
    session = station_home.unlock()
    old_key, new_key = session.data_key, crypto.random_key()
    slots = station_home.station.load_slots()
    slots.stage_next_key(new_key)
    slots.save(station_home.station.keys_path, old_key)
    session.close()
    db = Database(station_home.station.db_path, old_key)
    db.rekey(new_key)
    db.close()  # "crash": the slots still name the old key as current

    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert session.data_key == new_key
    session.close()
    assert not station_home.station.load_slots().rotation_pending
    station_home.unlock().close()
