"""docs/deployment.md walked end to end, as an operator and a station chief do it: the real
`cax-server` (db upgrade → station add → enroll-code → serve) and the real `cax` (init → sync
enroll → the ten examples entered, completed and approved → sync run). No form is published by
hand: the server knows the bundled catalogue from `db upgrade` alone."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.cli.test_cax_cli import run_cax
from tests.server.conftest import pg_url  # noqa: F401  (a fixture used here)
from tests.server.serverproc import ROOT, running_server

# The whole deployment guide, ~40 s a walk: `make test`, not `make check`.
pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "docs" / "examples"
FORMS = [f"F{i}" for i in range(1, 11)]
PASSWORD = "Trạm-trưởng 2026!"


def cax_server(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The operator's command, in a child process."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CAX_")} | env
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(params=["postgresql", "sqlite"])
def server_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """Where `cax-server` keeps its data: a fresh PostgreSQL database, or the one-machine trial's
    SQLite file in CAX_SERVER_HOME (no CAX_SERVER_DB at all)."""
    home = tmp_path / "server-home"
    home.mkdir()
    if request.param == "sqlite":
        return {"CAX_SERVER_HOME": str(home)}
    return {"CAX_SERVER_HOME": str(home), "CAX_SERVER_DB": request.getfixturevalue("pg_url")}


def test_the_deployment_guide_from_an_empty_server_to_ten_records(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    """Ten approved examples synced by `cax sync run` are ten records on the server."""
    upgrade = _ok(cax_server("db", "upgrade", env=server_env))
    assert "forms registered: f1 v2" in upgrade  # F1 version 2: the legal review
    again = _ok(cax_server("db", "upgrade", env=server_env))
    assert "already at" in again and "already registered" in again
    assert "Công an phường Ba Đình" in _ok(cax_server("station", "add", "00004", env=server_env))
    code = re.search(r"code: (\S+)", _ok(cax_server("enroll-code", "00004", env=server_env)))
    assert code is not None

    station = {"CAX_HOME": str(tmp_path / "station"), "CAX_PASSWORD": PASSWORD, "CAX_LANG": "en"}
    init = ("init", "--station-code", "00004", "--station-name", "Công an phường Ba Đình")
    _ok(run_cax(*init, "--supervisor", "truong", env=station))
    station["CAX_USER"] = "truong"
    db_url = server_env.get("CAX_SERVER_DB") or (
        f"sqlite:///{Path(server_env['CAX_SERVER_HOME']) / 'cax-server.sqlite3'}"
    )
    with running_server(db_url, Path(server_env["CAX_SERVER_HOME"]), workers=1) as url:
        _ok(run_cax("sync", "enroll", "--server", url, "--code", code.group(1), env=station))
        for form in FORMS:
            data = str(EXAMPLES / f"{form}.json")
            created = json.loads(
                _ok(run_cax("record", "new", form, "--data", data, "--json", env=station))
            )
            _ok(run_cax("record", "complete", created["id"], env=station))
            _ok(run_cax("record", "approve", created["id"], env=station))
        synced = _ok(run_cax("sync", "run", env=station))
        assert "10 sent, 10 received by the centre, 0 rejected" in synced, synced
        status = json.loads(_ok(run_cax("sync", "status", "--json", env=station)))
        assert status["problems"] == []
    counted = _ok(cax_server("records", "count", env=server_env))
    assert counted.strip() == "10 records, 10 revisions"
