"""Shared fixtures of the station tests: a fresh encrypted station per test under tmp_path.

Creating a station costs about half a second of CPU (key slots, grants, every migration, the
audit chain); a test gets a copy of one built once per worker, which is the same three files a
station created on the spot would hold. Tests of creation itself call `Station.create`."""

from __future__ import annotations

import shutil
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


def create_test_station(home: Path) -> str:
    """A station with one supervisor and one officer, created with the cheap test KDF; returns
    its recovery key."""
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
    return recovery_key


@pytest.fixture(scope="session")
def _station_template(tmp_path_factory: pytest.TempPathFactory) -> StationFixture:
    """Built once per worker and never opened again: every test copies it (see station_home)."""
    home = tmp_path_factory.mktemp("template") / "station"
    return StationFixture(home, create_test_station(home))


@pytest.fixture
def station_home(tmp_path: Path, _station_template: StationFixture) -> Iterator[StationFixture]:
    """A station with one supervisor and one officer of its own (a copy of the template: the
    test may change or break any of its files)."""
    home = tmp_path / "station"
    shutil.copytree(_station_template.home, home)
    yield StationFixture(home, _station_template.recovery_key)
