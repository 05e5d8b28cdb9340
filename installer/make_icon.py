"""Render resources/icons/cax-desk.svg to the PNG (Linux menu) and ICO (Windows) the installers need.

Generated at build time so the SVG stays the one source of the app icon.
Usage: python installer/make_icon.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "cax-desk.svg"
SIZE = 256  # the largest size Windows and the freedesktop icon theme use


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("cax-desk.png", "cax-desk.ico"):
        if not image.save(str(out / name)):
            print(f"make_icon: could not write {out / name}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
