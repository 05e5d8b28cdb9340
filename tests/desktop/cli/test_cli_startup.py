"""`cax` loads what a command uses and nothing more: `--version` no database or GUI library, an
unlock at the current schema no Alembic. (The figures are bench/cli_startup_bench.py's.)"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest

from desktop.cli.parser import build_parser, resolve_handler

HEAVY = ("sqlalchemy", "PySide6", "pydantic", "jsonschema", "alembic", "openpyxl", "cryptography")


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """Top-level packages imported by a child interpreter that ran `code`."""
    probe = (
        "import sys\n"
        f"{code}\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def _run_cax(args: list[str]) -> str:
    return (
        f"from desktop.cli.main import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
    )


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["record", "--help"], ["bogus"]])
def test_version_help_and_typos_load_no_heavy_library(args):
    loaded = _modules_after(_run_cax(args))
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_record_new_loads_neither_the_sync_client_nor_excel(tmp_path):
    """A command imports its own handler's module only: `form list` pays for the catalogue, not
    for openpyxl (export), urllib3 (sync) or Qt (printing)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    loaded = _modules_after(_run_cax(["form", "list"]), env)
    assert "jsonschema" in loaded  # it did load and check the catalogue
    assert not loaded & {"openpyxl", "urllib3", "requests", "PySide6", "alembic"}
    # The next command finds every bundled file's check remembered: no schema library at all.
    assert "jsonschema" not in _modules_after(_run_cax(["form", "list"]), env)


def _handler_names(parser: argparse.ArgumentParser) -> list[str]:
    names = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                names.extend(_handler_names(sub))
    handler = parser.get_default("handler")
    return names + ([handler] if handler else [])


def test_every_command_names_a_handler_that_exists():
    """A handler is named as text: a typo there must fail here, not in an officer's terminal."""
    names = _handler_names(build_parser())
    assert len(names) >= 30  # every command of docs/cli.md
    for name in names:
        assert callable(resolve_handler(name)), name


def test_lazy_choices_still_refuse_a_wrong_value(capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["record", "list", "--status", "lost"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'lost'" in err and "'draft'" in err
    args = build_parser().parse_args(["record", "list", "--status", "returned"])
    assert args.status == "returned"
