"""Helpers of the record UI tests: page contexts on a fresh station, keyboard driving, records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.storage.records import RecordService
from desktop.storage.station import StationSession
from desktop.ui.record_form.widget import editor_of
from desktop.ui.record_work import shared_catalogue
from desktop.ui.services import PageContext, Services
from domain.forms import Catalogue
from tests.desktop.conftest import SUPERVISOR, StationFixture
from tests.desktop.ui.conftest import PASSWORDS, make_services, type_text

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


def example_values(form_id: str, invalid: bool = False) -> dict[str, Any]:
    name = f"{form_id}.invalid.json" if invalid else f"{form_id}.json"
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))["values"]


def typed_moment(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M")


def hours_ago(hours: float) -> datetime:
    return datetime.now() - timedelta(hours=hours)


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def focused_path() -> str:
    editor = editor_of(QApplication.focusWidget())
    return editor.path if editor is not None else ""


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    """Press one key where the keyboard is, as the user would."""
    QTest.keyClick(focus(), k, modifier)


def type_here(text: str) -> None:
    type_text(focus(), text)


def tab_to(path: str, most: int = 8) -> None:
    """Press Tab until the keyboard is in the field at `path` (at most `most` presses)."""
    for _ in range(most):
        if focused_path() == path:
            return
        key(Qt.Key_Tab)
    where = f"{focused_path()!r} ({type(QApplication.focusWidget()).__name__})"
    assert focused_path() == path, f"Tab did not reach {path}; the keyboard is in {where}"


def fill(path: str, text: str) -> None:
    """Tab to a field, type into it."""
    tab_to(path)
    type_here(text)


class RecordStation:
    """A fresh station with its catalogue, and shortcuts to records made through the service."""

    def __init__(self, fixture: StationFixture) -> None:
        self.fixture = fixture
        self.catalogue: Catalogue = shared_catalogue()
        self._sessions: list[StationSession] = []

    def session(self, username: str = SUPERVISOR) -> StationSession:
        session = self.fixture.unlock(username, PASSWORDS[username])
        self._sessions.append(session)
        return session

    def service(self, username: str = SUPERVISOR) -> RecordService:
        return RecordService(self.session(username), self.catalogue)

    def make(
        self,
        form_id: str,
        values: dict[str, Any],
        *,
        status: str = "completed",
        by: str = SUPERVISOR,
    ) -> str:
        service = self.service(by)
        record_id = service.create(form_id, values)
        if status in ("completed", "approved"):
            service.complete(record_id)
        if status == "approved":
            RecordService(self.session(SUPERVISOR), self.catalogue).approve(record_id)
        return record_id

    def close(self) -> None:
        for session in self._sessions:
            session.close()


@pytest.fixture(name="records")
def records_fixture(station_home: StationFixture) -> Iterator[RecordStation]:
    helper = RecordStation(station_home)
    yield helper
    helper.close()


@pytest.fixture(name="page_context")
def page_context_fixture(station_home: StationFixture) -> Iterator[PageContext]:
    """A PageContext for the supervisor with the synchronous task runner."""
    services: Services = make_services(station_home.home)
    session = station_home.unlock()
    yield PageContext(services, session, session.info())
    session.close()
