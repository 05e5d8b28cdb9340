"""This PC's own preferences (language, where the main window was), readable before any password
is typed.

They sit beside the station's files in plain JSON, like `login-attempts.json`: nothing secret, and
the login window needs them before the encrypted database can be opened.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from desktop import paths
from desktop.storage.files import write_atomically

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DevicePreferences:
    language: str = ""
    window_geometry: str = ""  # QMainWindow.saveGeometry() in base64: size, place, maximised


class PreferencesStore:
    """Reads and writes `DevicePreferences` in the station folder; damage means defaults."""

    def __init__(self, home: Path) -> None:
        self.path = home / paths.PREFERENCES_FILE

    def load(self) -> DevicePreferences:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            fields = DevicePreferences.__dataclass_fields__
            return DevicePreferences(**{k: str(v) for k, v in data.items() if k in fields})
        except FileNotFoundError:
            return DevicePreferences()
        except (OSError, ValueError, TypeError, AttributeError):
            log.warning("ignoring unreadable preferences file %s", self.path)
            return DevicePreferences()

    def update(self, **changes: str) -> DevicePreferences:
        prefs = replace(self.load(), **changes)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(self.path, json.dumps(asdict(prefs), ensure_ascii=False).encode())
        return prefs
