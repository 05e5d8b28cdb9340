"""An old copy of a station put back in place, caught by the centre, through the real `cax` and
`cax-server serve`: copy the station's folder, sync, add records, sync, put the old copy back,
add a record, sync → AUDIT_ROLLBACK with nothing stored and the centre in alert; then a
supervisor declares the restore and the next sync goes through, shown as a declared restore."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from server.services import console_stations
from tests.desktop.cli.test_cax_cli import run_cax
from tests.integration.test_deployment_walk import (  # noqa: F401  (server_env is a fixture)
    EXAMPLES,
    PASSWORD,
    _ok,
    cax_server,
    server_env,
)
from tests.server.conftest import pg_url  # noqa: F401  (a fixture used by server_env)
from tests.server.serverproc import running_server

# Backups put back and synced through real processes, ~35 s a walk: `make test` only.
pytestmark = pytest.mark.slow

STATION = "00004"


def _add_record(station: dict[str, str]) -> None:
    data = str(EXAMPLES / "F1.json")
    created = json.loads(_ok(run_cax("record", "new", "F1", "--data", data, "--json", env=station)))
    _ok(run_cax("record", "complete", created["id"], env=station))
    _ok(run_cax("record", "approve", created["id"], env=station))


def _records_on_server(env: dict[str, str]) -> str:
    return _ok(cax_server("records", "count", env=env)).strip()


def _audit_alerts(db_url: str) -> list[tuple[str, str | None]]:
    """What the console's station page lists (the same service query), oldest first."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            detail = console_stations.station_detail(conn, console_stations.true(), STATION)
    finally:
        engine.dispose()
    assert detail is not None
    alert = "alert" if detail.alerts.audit_rollback_at else "calm"
    return [(alert, None)] + [(a.kind, a.reason) for a in reversed(detail.audit_alerts)]


def test_an_old_copy_put_back_is_refused_until_a_restore_is_declared(
    server_env: dict[str, str],  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    _ok(cax_server("db", "upgrade", env=server_env))
    _ok(cax_server("station", "add", STATION, env=server_env))
    code = re.search(r"code: (\S+)", _ok(cax_server("enroll-code", STATION, env=server_env)))
    assert code is not None
    home = tmp_path / "station"
    station = {"CAX_HOME": str(home), "CAX_PASSWORD": PASSWORD, "CAX_LANG": "en"}
    init = ("init", "--station-code", STATION, "--station-name", "Công an phường Ba Đình")
    _ok(run_cax(*init, "--supervisor", "truong", env=station))
    station["CAX_USER"] = "truong"
    server_home = Path(server_env["CAX_SERVER_HOME"])
    db_url = server_env.get("CAX_SERVER_DB") or f"sqlite:///{server_home / 'cax-server.sqlite3'}"
    with running_server(db_url, server_home, workers=1) as url:
        _ok(run_cax("sync", "enroll", "--server", url, "--code", code.group(1), env=station))
        old_copy = tmp_path / "old-copy"
        shutil.copytree(home, old_copy)

        _ok(run_cax("sync", "run", env=station))
        for _ in range(3):
            _add_record(station)
        assert "3 sent" in _ok(run_cax("sync", "run", env=station))
        _add_record(station)
        assert "1 sent" in _ok(run_cax("sync", "run", env=station))
        assert _records_on_server(server_env) == "4 records, 4 revisions"

        shutil.rmtree(home)
        shutil.copytree(old_copy, home)
        _add_record(station)
        refused = run_cax("sync", "run", env=station)
        assert refused.returncode != 0
        assert "AUDIT_ROLLBACK" in refused.stderr and "Traceback" not in refused.stderr
        assert _records_on_server(server_env) == "4 records, 4 revisions"  # nothing stored
        assert _audit_alerts(db_url) == [("alert", None), ("rollback", None)]

        reason = "Ổ cứng hỏng; khôi phục bản sao ngày 01/12"
        declared = run_cax("sync", "declare-restore", "--reason", reason, env=station)
        assert declared.returncode == 0, declared.stderr
        synced = _ok(run_cax("sync", "run", env=station))
        assert "1 sent, 1 received by the centre" in synced, synced
        assert _records_on_server(server_env) == "5 records, 5 revisions"
        kinds = _audit_alerts(db_url)
        assert kinds[1:] == [("rollback", None), ("declared_restore", reason)]
        # The restored chain goes on as usual, and the station's log holds the declaration.
        _add_record(station)
        assert "1 sent" in _ok(run_cax("sync", "run", env=station))
        log = _ok(
            run_cax("audit", "list", "--action", "sync.restore_declared", "--json", env=station)
        )
        assert "sync.restore_declared" in log
