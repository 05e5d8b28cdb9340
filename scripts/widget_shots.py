"""What the widget screenshot scripts share: waiting for Qt to paint, saving a widget's picture,
and the command line (an output folder and a window size)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZE = "1100x720"


def settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def shoot(widget, path: Path, app) -> None:
    settle(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(path))
    print(path)


def size_and_folder(description: str) -> tuple[tuple[int, int], Path]:
    """The window size and the folder of the vi/ and en/ pictures, from the command line:
    docs/screenshots at the first size, docs/screenshots/WxH at another, or the OUT given."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", nargs="?", type=Path, help="folder of the vi/ and en/ pictures")
    parser.add_argument("--size", default=DEFAULT_SIZE, help="the windows' WIDTHxHEIGHT")
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    target = ROOT / "docs" / "screenshots"
    target = args.out or (target if args.size == DEFAULT_SIZE else target / args.size)
    return (int(width), int(height)), target
