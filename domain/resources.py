"""Where the bundled resources (forms, rules, reference data) are, for the station and the server."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, in a source checkout and inside a PyInstaller bundle alike."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    root = Path(bundle_root) if bundle_root else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
