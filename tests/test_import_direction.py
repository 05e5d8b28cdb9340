"""The architecture's one-way imports hold: ui → sync → storage → core → domain; Qt only in the UI
and in `desktop/render` (GUI and print modules, never widgets); the station and the server share
`domain` and `protocol` and never import each other; and no module imports itself back through
others, not even from inside a function."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
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
        "desktop.render",
        "desktop.storage",
        "desktop.sync",
        "desktop.ui",
        "desktop.cli",
        "desktop.app",
        "server",
    ),
    "desktop/storage": (
        "PySide6",
        "desktop.render",
        "desktop.sync",
        "desktop.ui",
        "desktop.cli",
        "desktop.app",
        "server",
    ),
    "desktop/sync": (
        "PySide6",
        "desktop.render",
        "desktop.ui",
        "desktop.cli",
        "desktop.app",
        "server",
    ),
    "desktop/cli": ("PySide6", "desktop.render", "desktop.ui", "desktop.app", "server"),
    # Pages on paper: Qt's GUI and print modules only (a QGuiApplication is enough), never a
    # widget and never the UI, so `cax print` and the app draw the same pages.
    "desktop/render": (
        "PySide6.QtWidgets",
        "sqlalchemy",
        "sqlcipher3",
        "desktop.storage",
        "desktop.sync",
        "desktop.ui",
        "desktop.cli",
        "desktop.app",
        "server",
    ),
    "desktop/ui": ("server", "desktop.cli"),
    "protocol": ("PySide6", "desktop", "server"),
    "server": ("PySide6", "desktop"),
}

# The one named exception: `cax print` draws its PDF with Qt (desktop.render), imported lazily
# inside that command's handler, so no other command loads Qt (docs/architecture.md).
ALLOWED = {
    ("desktop/cli/print_command.py", "desktop.render"),
    ("desktop/cli/report_command.py", "desktop.render"),  # `cax report --pdf`, the same way
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


def _top_level_imports(path: Path, prefix: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(prefix)
    ]


def test_the_printing_exception_is_narrow():
    """Only `cax print` may reach the renderer, and only lazily inside a function: a module-level
    import there, desktop.ui from the CLI, or desktop.render anywhere else in the CLI, still fails."""
    path = ROOT / "desktop" / "cli" / "print_command.py"
    assert _top_level_imports(path, "desktop.render") == []
    assert _top_level_imports(path, "desktop.ui") == []
    assert allowed("desktop/cli/print_command.py", "desktop.render.pdf")
    assert not allowed("desktop/cli/print_command.py", "desktop.ui.printing.record_printer")
    assert not allowed("desktop/cli/commands.py", "desktop.render")


def test_the_report_command_reaches_qt_only_lazily():
    """`cax report` imports the renderer inside its PDF function only, never at the top."""
    path = ROOT / "desktop" / "cli" / "report_command.py"
    assert _top_level_imports(path, "desktop.render") == []
    assert not allowed("desktop/cli/report_command.py", "desktop.ui.reports")


def test_the_renderer_draws_without_widgets():
    """desktop/render may use QtGui and QtPrintSupport but a QtWidgets import there fails, and the
    UI may import the renderer (the preview draws through it)."""
    assert violates("PySide6.QtWidgets", FORBIDDEN["desktop/render"])
    assert not violates("PySide6.QtGui", FORBIDDEN["desktop/render"])
    assert not violates("PySide6.QtPrintSupport", FORBIDDEN["desktop/render"])
    assert violates("desktop.ui.errors", FORBIDDEN["desktop/render"])
    assert not violates("desktop.render", FORBIDDEN["desktop/ui"])


# ---- cycles ---------------------------------------------------------------------------------------

PACKAGES = ("desktop", "domain", "protocol", "server")


def project_modules() -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, is it a package's __init__) for every module of the project."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def _absolute(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = name.split(".") if is_package else name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str, modules: Mapping[str, tuple[Path, bool]]) -> set[str]:
    """The project modules `name` imports anywhere in its file: at the top, inside a function, or
    under `if TYPE_CHECKING` (a lazy import hides a cycle from Python, not from the design).
    `from a import b` counts as importing the module a.b when there is one, else a."""
    path, is_package = modules[name]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(name, is_package, node)
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in modules else module)
    return {m for m in found if m in modules and m != name}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a loop (Tarjan's strongly
    connected components of more than one module)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(start: str) -> None:
        # Iterative: a recursive walk would depend on the depth of the import graph.
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        order[start] = low[start] = len(order)
        stack.append(start)
        while work:
            node, neighbours = work[-1]
            step = next(neighbours, None)
            if step is not None:
                if step not in order:
                    order[step] = low[step] = len(order)
                    stack.append(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in stack:
                    low[node] = min(low[node], order[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == order[node]:
                group = []
                while True:
                    member = stack.pop()
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return sorted(found)


def test_no_import_cycles_even_lazy_ones():
    """No group of modules imports each other, counting imports inside functions: a cycle hidden
    by a late import still ties the modules together and forces loose (`Any`) types."""
    modules = project_modules()
    assert len(modules) > 100, "the project's modules were not found"
    graph = {name: imports_of(name, modules) for name in modules}
    assert cycles(graph) == []


def test_the_cycle_finder_sees_a_lazy_cycle(tmp_path):
    """A cycle closed by an import inside a function is found, and a one-way chain is not."""
    (tmp_path / "a.py").write_text("from pkg import b\n")
    (tmp_path / "b.py").write_text("def late():\n    from pkg.c import thing\n")
    (tmp_path / "c.py").write_text("from pkg.a import x\n")
    (tmp_path / "d.py").write_text("import pkg.a\n")
    modules = {f"pkg.{n}": (tmp_path / f"{n}.py", False) for n in "abcd"}
    graph = {name: imports_of(name, modules) for name in modules}
    assert graph["pkg.b"] == {"pkg.c"}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
