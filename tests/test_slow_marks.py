"""`make check` runs the tests not marked slow, so a test that sleeps or kills a process must say
it is slow: this walks every test function and fails on one that does either unmarked."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Calls that make a test slow by themselves: waiting on the clock, or killing a process (and then
# waiting for it to die and for what it left behind to be recovered).
SLOW_CALLS = {"sleep", "kill", "send_signal"}
# Folders whose conftest marks every test slow (each starts real server processes).
SLOW_FOLDERS = ("integration",)


def _is_slow_mark(node: ast.expr) -> bool:
    return "mark.slow" in ast.unparse(node)


def _module_is_slow(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            return _is_slow_mark(node.value)
    return False


def _slow_calls(function: ast.FunctionDef) -> list[str]:
    found = []
    for node in ast.walk(function):
        call = node.func if isinstance(node, ast.Call) else None
        if isinstance(call, ast.Attribute) and call.attr in SLOW_CALLS:
            found.append(ast.unparse(call))
    return found


def _unmarked_slow_tests() -> list[str]:
    unmarked = []
    for path in sorted(TESTS.rglob("test_*.py")):
        if path.relative_to(TESTS).parts[0] in SLOW_FOLDERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if _module_is_slow(tree):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or not node.name.startswith("test_"):
                continue
            calls = _slow_calls(node)
            if calls and not any(_is_slow_mark(d) for d in node.decorator_list):
                unmarked.append(f"{path.relative_to(TESTS)}::{node.name} ({', '.join(calls)})")
    return unmarked


def test_every_test_that_sleeps_or_kills_is_marked_slow():
    assert _unmarked_slow_tests() == []


def test_the_slow_folders_mark_their_tests():
    for folder in SLOW_FOLDERS:
        conftest = (TESTS / folder / "conftest.py").read_text(encoding="utf-8")
        assert "pytest_collection_modifyitems" in conftest and "mark.slow" in conftest


def test_the_check_sees_a_sleep():
    """The walk itself works: an unmarked sleeping test in a made-up module is found."""
    tree = ast.parse("import time\ndef test_x():\n    time.sleep(1)\n")
    function = tree.body[1]
    assert isinstance(function, ast.FunctionDef) and _slow_calls(function) == ["time.sleep"]
    assert not _module_is_slow(tree)
    assert _module_is_slow(ast.parse("import pytest\npytestmark = pytest.mark.slow\n"))
