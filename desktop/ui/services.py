"""What the composition root hands to windows and pages: services in, never module globals."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.storage.station import Station, StationInfo, StationSession
from desktop.ui.idle import IdleWatcher
from desktop.ui.preferences import PreferencesStore
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.ui.sync.controller import SyncController


@dataclass(frozen=True)
class Services:
    """Lives as long as the app: the station's files, the workers, this PC's preferences."""

    station: Station
    tasks: TaskRunner
    preferences: PreferencesStore
    idle: IdleWatcher
    language: str
    log_file: Path


@dataclass(frozen=True)
class PageContext:
    """Lives as long as one unlocked session; pages are rebuilt with a new one after a lock."""

    services: Services
    session: StationSession
    station: StationInfo
    sync: SyncController | None = None  # None only in tests that build pages without a window

    @property
    def tasks(self) -> TaskRunner:
        return self.services.tasks
