"""Shared fixtures of the station tests: a fresh encrypted station per test under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.permissions import Role
from desktop.storage import accounts, crypto
from desktop.storage.station import Station, StationSession

SUPERVISOR, SUPERVISOR_PASSWORD = "truong", "Ba-Dinh-2026!"
OFFICER, OFFICER_PASSWORD = "lan", "Canbo-Hoa-77"


@dataclass
class StationFixture:
    home: Path
    recovery_key: str

    @property
    def station(self) -> Station:
        return Station(self.home)

    def unlock(
        self, username: str = SUPERVISOR, password: str = SUPERVISOR_PASSWORD
    ) -> StationSession:
        return self.station.unlock(username, password)


@pytest.fixture
def station_home(tmp_path: Path) -> Iterator[StationFixture]:
    """A station with one supervisor and one officer, created with the cheap test KDF."""
    home = tmp_path / "station"
    session, recovery_key = Station.create(
        home,
        code="00004",
        name="Công an phường Ba Đình",
        supervisor=SUPERVISOR,
        password=SUPERVISOR_PASSWORD,
        full_name="Nguyễn Văn Trưởng",
        kdf=crypto.TEST_KDF,
    )
    accounts.add_user(session, OFFICER, Role.OFFICER, OFFICER_PASSWORD, "Trần Thị Lan")
    session.close()
    yield StationFixture(home, recovery_key)
