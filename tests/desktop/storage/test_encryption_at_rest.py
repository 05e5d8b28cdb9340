"""Nothing written to the station can be read from its files without a key."""

from __future__ import annotations

from desktop.storage import audit
from tests.desktop.conftest import SUPERVISOR

NAME = "Nguyễn Văn Đức"
ID_NUMBER = "001203004567"


def _needles() -> list[bytes]:
    return [
        NAME.encode("utf-8"),
        NAME.encode("utf-16-le"),
        "Nguyễn".encode(),
        ID_NUMBER.encode("ascii"),
        ID_NUMBER.encode("utf-16-le"),
        b"audit_log",  # schema text is plaintext in an unencrypted SQLite file
    ]


def test_database_wal_and_shm_hold_no_plaintext(station_home):
    """A known Vietnamese name and ID number appear in none of station.db, -wal, -shm."""
    session = station_home.unlock()
    try:
        with session.db.write() as conn:
            for i in range(50):
                audit.append(conn, SUPERVISOR, "test.write", NAME, {"id_number": ID_NUMBER, "i": i})
        # Read back while the WAL still holds the pages (the connection pool keeps it open).
        with session.db.read() as conn:
            assert audit.entries(conn, limit=1)[0].target == NAME
        files = {p.name: p.read_bytes() for p in station_home.home.glob("station.db*")}
        assert {"station.db", "station.db-wal", "station.db-shm"} <= set(files)
        assert len(files["station.db-wal"]) > 4096, "the test must look at a WAL with data in it"
        for name, data in files.items():
            for needle in _needles():
                assert needle not in data, f"{needle!r} readable in {name}"
        assert not files["station.db"].startswith(b"SQLite format 3")
    finally:
        session.close()
    data = (station_home.home / "station.db").read_bytes()
    assert all(needle not in data for needle in _needles())


def test_key_slot_file_holds_no_key_or_password(station_home):
    """The slot file names users but holds neither passwords nor the data key in clear."""
    from tests.desktop.conftest import OFFICER_PASSWORD, SUPERVISOR_PASSWORD

    session = station_home.unlock()
    key = session.data_key
    session.close()
    text = (station_home.home / "station.keys").read_bytes()
    for secret in (
        SUPERVISOR_PASSWORD.encode(),
        OFFICER_PASSWORD.encode(),
        key,
        key.hex().encode(),
    ):
        assert secret not in text
    assert station_home.recovery_key.encode() not in text
