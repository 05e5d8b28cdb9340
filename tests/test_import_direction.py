"""The architecture's one-way imports hold: ui → sync → storage → core → domain; Qt only in the UI;
the station and the server share `domain` and `protocol` and never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# package → top-level names (or dotted prefixes) it must never import
FORBIDDEN = {
    "domain": (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "sqlcipher3",
        "fastapi",
        "desktop",
        "server",
        "protocol",
    ),
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

# The one named exception: `cax print` draws its PDF with Qt (desktop.ui.printing), imported
# lazily inside that command's handler, so no other command loads Qt (docs/architecture.md).
ALLOWED = {
    ("desktop/cli/print_command.py", "desktop.ui.printing"),
    ("desktop/cli/report_command.py", "desktop.ui.printing"),  # `cax report --pdf`, the same way
}


def allowed(path: str, module: str) -> bool:
    return any(path == p and (module == m or module.startswith(m + ".")) for p, m in ALLOWED)


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
            relative = path.relative_to(ROOT).as_posix()
            for line, module in imported_modules(path):
                if violates(module, forbidden) and not allowed(relative, module):
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


def test_the_printing_exception_is_narrow():
    """Only `cax print` may reach Qt's printing, and only lazily inside a function: a module-level
    import there, or desktop.ui.printing anywhere else in the CLI, still fails."""
    path = ROOT / "desktop" / "cli" / "print_command.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("desktop.ui")
    ]
    assert top_level == []
    assert allowed("desktop/cli/print_command.py", "desktop.ui.printing.record_pdf")
    assert not allowed("desktop/cli/print_command.py", "desktop.ui.record_view")
    assert not allowed("desktop/cli/commands.py", "desktop.ui.printing.pdf")


def test_the_report_command_reaches_qt_only_lazily():
    """`cax report` imports the printing module inside its PDF function only, never at the top."""
    tree = ast.parse((ROOT / "desktop" / "cli" / "report_command.py").read_text(encoding="utf-8"))
    top_level = [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("desktop.ui")
    ]
    assert top_level == []
    assert not allowed("desktop/cli/report_command.py", "desktop.ui.reports.report_pdf")
