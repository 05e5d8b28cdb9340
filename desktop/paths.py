"""Where CAX Desk keeps its files: the one module that knows the data directory and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

# Resources are found by the shared domain; re-exported for the station's modules.
from domain.resources import resource_path as resource_path

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


def cache_home() -> Path:
    """Files the program may lose at any time (the remembered form checks): the platform's cache."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


# Digests of the form files that passed their schema check (desktop/core/checked_files.py).
CHECKED_FORMS_FILE = "checked-form-files.json"

USER_GUIDE = "user-guide.md"


def docs_path(*parts: str) -> Path:
    """A file under `docs/` (the user guide and its pictures), in a checkout and in the bundle."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("docs", *parts)
