"""Concurrency: 20 devices push 2,000 records each at once to `serve --workers 2` on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, delete, func, select

from domain.reference import default_reference
from server.core.config import Settings
from server.core.db import make_engine
from server.models import Base, Record, RecordRevisionRow
from server.services import setup, stations
from tests.server.helpers import StationDevice, enrol_device, make_record, patrol
from tests.server.serverproc import running_server

DEVICES, PER_DEVICE, BATCH = 20, 2_000, 500


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(Settings(database_url=pg_url))
    setup.upgrade_database(engine)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in ("admin_units", "form_versions"):
                conn.execute(delete(table))
    yield engine
    engine.dispose()


def _push_all(base: str, device: StationDevice, records: list[dict]) -> list[str]:
    statuses: list[str] = []
    with httpx.Client(base_url=base, timeout=120) as client:
        batches = [records[i : i + BATCH] for i in range(0, len(records), BATCH)]
        # The first batch again at the end: a retry after a lost answer must store nothing.
        for batch in [*batches, batches[0]]:
            response = device.push(client, batch)
            assert response.status_code == 200, response.text
            statuses += [r["status"] for r in response.json()["results"]]
    return statuses


@pytest.mark.slow
def test_twenty_devices_push_concurrently(pg_engine: Engine, pg_url: str, tmp_path: Path) -> None:
    """Exactly 40,000 records afterwards, each stored once; every retried batch is duplicate."""
    communes = [c.code for c in default_reference().communes()[: DEVICES // 2]]
    codes = [communes[i // 2] for i in range(DEVICES)]  # two devices per station
    for code in communes:
        stations.add_station(pg_engine, code)
    with running_server(pg_url, tmp_path, workers=2) as base:
        with httpx.Client(base_url=base) as client:
            devices = [
                enrol_device(client, pg_engine, code, f"PC-{i}") for i, code in enumerate(codes)
            ]
        work = [
            [
                make_record(
                    d.station_code,
                    device_seq=n,
                    values=patrol(leader=f"Tổ trưởng {n}", observations="x" * 900),
                )
                for n in range(PER_DEVICE)
            ]
            for d in devices
        ]
        with ThreadPoolExecutor(DEVICES) as pool:
            results = list(
                pool.map(lambda pair: _push_all(base, *pair), zip(devices, work, strict=True))
            )
    for statuses in results:
        assert statuses[:PER_DEVICE] == ["stored"] * PER_DEVICE
        assert statuses[PER_DEVICE:] == ["duplicate"] * BATCH
    with pg_engine.connect() as conn:
        revisions = conn.execute(select(func.count()).select_from(RecordRevisionRow)).scalar_one()
        heads = conn.execute(select(func.count()).select_from(Record)).scalar_one()
        distinct = conn.execute(
            select(func.count(func.distinct(RecordRevisionRow.record_id)))
        ).scalar_one()
    assert (revisions, heads, distinct) == (40_000, 40_000, 40_000)
