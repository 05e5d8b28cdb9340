"""Where CAX Desk keeps its files: the one module that knows the data directory and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "CAXDesk"
HOME_ENV = "CAX_HOME"

DATABASE_FILE = "station.db"
KEYSLOT_FILE = "station.keys"
ATTEMPTS_FILE = "login-attempts.json"
PREFERENCES_FILE = (
    "desk-preferences.json"  # this PC's GUI choices (language, last user): no secrets
)


def data_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The station's data directory: `override` (--home), else $CAX_HOME, else the platform default."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, in a source checkout and inside a PyInstaller bundle alike."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
