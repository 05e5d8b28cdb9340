"""Import direction: `server` and `protocol` never import `desktop` or PySide6."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("desktop", "PySide6", "shiboken6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["server", "protocol"])
def test_no_desktop_or_qt_imports(package: str) -> None:
    """Walks every module of the package; a wrong arrow names the file."""
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    wrong = {str(f.relative_to(ROOT)): _imports(f) & set(FORBIDDEN) for f in files}
    assert {f: names for f, names in wrong.items() if names} == {}


def test_protocol_imports_nothing_of_server() -> None:
    """The contract stands alone: protocol does not reach into server either."""
    for path in (ROOT / "protocol").rglob("*.py"):
        assert "server" not in _imports(path), path
