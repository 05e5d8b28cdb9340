"""A real `cax-server` on loopback for the sync tests: its own PostgreSQL database, started,
stopped, killed and restarted on the same port; optionally with TLS or injected failures."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from desktop.sync.client import SyncClient
from protocol.messages import HealthResponse
from server.core.config import Settings
from server.core.db import make_engine
from server.services import enrolment, setup, stations
from tests.server.serverproc import ROOT, free_port

STATION_CODE = "00004"


@dataclass
class ServerDatabase:
    """A throwaway PostgreSQL database with the schema, the test station and every form."""

    url: str
    engine: Engine

    def enrolment_code(self, station: str = STATION_CODE) -> str:
        return enrolment.issue_code(self.engine, station, 1).code

    def revisions(self) -> list[tuple[str, int, str]]:
        """Every stored revision: (record id, revision, content hash)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT record_id, revision, content_hash FROM record_revisions")
            )
            return [(str(r[0]), r[1], r[2]) for r in rows]


def create_database(admin_url: str) -> tuple[ServerDatabase, str]:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"cax_sync_{secrets.token_hex(5)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(Settings(database_url=url))
    setup.upgrade_database(engine)  # as `cax-server db upgrade`: keys, units, bundled forms
    stations.add_station(engine, STATION_CODE, "Công an phường Ba Đình")
    stations.add_station(engine, "00025", "Công an phường Giảng Võ")
    return ServerDatabase(url, engine), name


def drop_database(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class ServerProcess:
    """`python -m server.cli serve` (or the fault-injecting launcher) on a fixed loopback port."""

    def __init__(
        self,
        db_url: str,
        home: Path,
        *,
        workers: int = 1,
        tls: tuple[Path, Path] | None = None,
        fault_rate: float | None = None,
        rate_limit: int = 100_000,
        env: dict[str, str] | None = None,
    ) -> None:
        self.db_url, self.home, self.workers, self.tls = db_url, home, workers, tls
        self.fault_rate = fault_rate
        self.rate_limit = rate_limit
        self.env = env or {}
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = home / f"server-{self.port}.log"
        self.fault_log = home / f"faults-{self.port}.log"

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def _command(self) -> list[str]:
        if self.fault_rate is not None:
            return [sys.executable, "-m", "tests.integration.faulty_app", "--port", str(self.port)]
        command = [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port)]
        command += ["--workers", str(self.workers)]
        if self.tls:
            command += ["--certfile", str(self.tls[0]), "--keyfile", str(self.tls[1])]
        return command

    def start(self, wait: bool = True) -> None:
        env = {
            **os.environ,
            "CAX_SERVER_DB": self.db_url,
            "CAX_SERVER_HOME": str(self.home),
            "CAX_SERVER_RATE_LIMIT": str(self.rate_limit),
            "CAX_TEST_FAULT_RATE": str(self.fault_rate or 0),
            "CAX_TEST_FAULT_LOG": str(self.fault_log),
            **self.env,
        }
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self._command(),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill reaches every worker
        )
        log.close()
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(self.log_path.read_text(errors="replace"))
            try:
                answer = httpx.get(f"{self.url}/api/v1/health", timeout=1, verify=False)
                if answer.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start in {timeout} s")
            time.sleep(0.1)

    def stop(self) -> None:
        """Graceful stop (SIGINT), as an administrator's restart does."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None

    def kill(self) -> None:
        """SIGKILL the server and every worker (its own process group), mid-request or not."""
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None


def speak_at_most(monkeypatch: pytest.MonkeyPatch, version: int) -> None:
    """Make the station hear, in every health answer, a centre that speaks protocol 1-`version`
    (one not yet upgraded), and speak it, as `SyncClient.health` derives it from such an answer."""
    real_health = SyncClient.health

    def health(client: SyncClient) -> HealthResponse:
        answer = real_health(client)
        client.protocol = version
        return answer.model_copy(update={"max_protocol_version": version})

    monkeypatch.setattr(SyncClient, "health", health)
