"""The architecture's one-way imports hold: ui → sync → storage → core; Qt only in the UI."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# package → top-level names (or dotted prefixes) it must never import
FORBIDDEN = {
    "desktop/core": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "sqlcipher3",
        "desktop.storage",
        "desktop.sync",
        "desktop.ui",
        "desktop.cli",
        "desktop.app",
        "server",
    ),
    "desktop/storage": (
        "PySide6",
        "desktop.sync",
        "desktop.ui",
        "desktop.cli",
        "desktop.app",
        "server",
    ),
    "desktop/sync": ("PySide6", "desktop.ui", "desktop.cli", "desktop.app", "server"),
    "desktop/cli": ("PySide6", "desktop.ui", "desktop.app", "server"),
    "desktop/ui": ("server", "desktop.cli"),
    "protocol": ("PySide6", "desktop", "server"),
    "server": ("PySide6", "desktop"),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def violates(module: str, forbidden: tuple[str, ...]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in forbidden)


def test_no_import_points_the_wrong_way():
    """No module imports a package its layer must not know (checked by parsing every file)."""
    wrong = []
    for folder, forbidden in FORBIDDEN.items():
        files = sorted((ROOT / folder).rglob("*.py"))
        assert files, f"{folder} has no Python files: the check would be empty"
        for path in files:
            for line, module in imported_modules(path):
                if violates(module, forbidden):
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert wrong == []


def test_the_checker_sees_a_wrong_import(tmp_path):
    """The checker itself catches a Qt import, so the test above cannot pass by accident."""
    sample = tmp_path / "bad.py"
    sample.write_text("import os\nfrom PySide6.QtWidgets import QWidget\n")
    modules = imported_modules(sample)
    assert [m for _, m in modules if violates(m, FORBIDDEN["desktop/storage"])] == [
        "PySide6.QtWidgets"
    ]
