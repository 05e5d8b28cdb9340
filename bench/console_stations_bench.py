"""The console's Overview and Stations queries at national size on PostgreSQL.

    python bench/console_stations_bench.py [--url postgresql+psycopg://postgres@127.0.0.1/x]
                                           [--records 1600000] [--receipts 800000]

Builds a throwaway database (every commune of the reference data a station, one or two devices
each, record heads and push receipts spread over a year, a few rejections, conflicts and audit
rollbacks), then times each page's service calls for the whole country and for one province.
Target: every page ≤ 300 ms (the page's queries, before rendering).
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, text, true
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server.models import AdminUnit, Station
from server.services import console_stations as cs
from server.services import setup

DATA_SQL = """
INSERT INTO stations (code, name, created_at, province_code)
SELECT code, 'Công an ' || lower(substr(name, 1, 1)) || substr(name, 2), now() - interval '400 days',
       province_code
FROM admin_units WHERE level = 'commune';

-- One current device per station but 3 % (never enrolled); 10 % also have a revoked one.
INSERT INTO devices (id, station_id, public_key, name, enrolled_at, last_seen_at, rate_window,
                     rate_count)
SELECT gen_random_uuid(), id, substr(md5(id::text || 'a') || md5(id::text || 'b'), 1, 44),
       'PC-1', now() - interval '300 days',
       CASE WHEN id % 20 = 0 THEN NULL
            WHEN id % 10 = 1 THEN now() - (3 + id % 4) * interval '1 day'
            WHEN id % 10 = 2 THEN now() - (10 + id % 50) * interval '1 day'
            ELSE now() - (id % 300) * interval '1 minute' END, 0, 0
FROM stations WHERE id % 33 <> 0;
INSERT INTO devices (id, station_id, public_key, name, enrolled_at, revoked_at, last_seen_at,
                     rate_window, rate_count)
SELECT gen_random_uuid(), id, substr(md5(id::text || 'c') || md5(id::text || 'd'), 1, 44),
       'PC-cu', now() - interval '380 days', now() - interval '300 days',
       now() - interval '300 days', 0, 0
FROM stations WHERE id % 10 = 3;

INSERT INTO records (record_id, station_id, form_id, form_version, revision, content_hash,
                     status, deleted, created_at, updated_at, received_at, title)
SELECT gen_random_uuid(), 1 + (g::bigint * 7919) % :stations, 'f' || (1 + g % 10), 1, 1,
       md5(g::text) || md5(g::text), (ARRAY['submitted', 'accepted', 'accepted', 'returned',
       'submitted', 'accepted', 'deleted', 'submitted', 'accepted', 'accepted'])[1 + g % 10],
       false, ts, ts, ts, 'Hồ sơ ' || g
FROM (SELECT g, now() - (:records - g) * (interval '365 days' / :records) AS ts
      FROM generate_series(1, :records) g) s;

-- Receipts: per device an increasing audit head; 0.3 % with rejections, a few heads go back.
INSERT INTO push_receipts (device_id, station_id, batch_id, received_at, record_count, stored,
                           duplicate, conflict, rejected, audit_seq, audit_hash)
SELECT d.id, d.station_id, gen_random_uuid(),
       now() - (:receipts - g) * (interval '365 days' / :receipts), 3, 3, 0, 0,
       CASE WHEN g % 331 = 0 THEN 1 ELSE 0 END,
       CASE WHEN g % 9973 = 0 THEN 1 ELSE g END, md5(g::text) || md5(g::text)
FROM generate_series(1, :receipts) g
JOIN LATERAL (SELECT id, station_id FROM devices
              WHERE revoked_at IS NULL AND station_id = 1 + (g::bigint * 104729) % :stations
              LIMIT 1) d ON true;

INSERT INTO conflicts (record_id, revision, content_hash, station_id, device_id, batch_id,
                       payload, received_at)
SELECT gen_random_uuid(), 1, md5(g::text) || md5(g::text), 1 + (g::bigint * 389) % :stations,
       gen_random_uuid(), gen_random_uuid(), '{}'::jsonb, now() - g * interval '1 hour'
FROM generate_series(1, 300) g;
ANALYZE;
"""


def build(url: str, records: int, receipts: int) -> Engine:
    engine = create_engine(url)
    setup.upgrade_database(engine)
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pgcrypto"))
        for statement in DATA_SQL.split(";\n"):
            if statement.strip():
                stations = conn.execute(text("SELECT count(*) FROM stations")).scalar_one()
                conn.execute(
                    text(statement),
                    {"stations": stations or 1, "records": records, "receipts": receipts},
                )
    print(f"built in {time.perf_counter() - started:.0f} s")
    return engine


def timed(label: str, call: Callable[[], object], runs: int = 7) -> float:
    call()  # warm the cache and the statement cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    print(f"{label:<44} median {median:7.1f} ms   max {max(times):7.1f} ms")
    return median


def measure(engine: Engine) -> list[float]:
    stations, units = Station.__table__, AdminUnit.__table__
    scopes = {
        "country": (true(), true()),
        "Hà Nội": (stations.c.province_code == "01", units.c.province_code == "01"),
    }
    results = []
    with engine.connect() as conn:
        counts = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM stations), (SELECT count(*) FROM records),"
                " (SELECT count(*) FROM push_receipts), (SELECT count(*) FROM devices)"
            )
        ).one()
        print("stations {:,} records {:,} receipts {:,} devices {:,}".format(*counts))
        for name, (scope, unit_scope) in scopes.items():
            results += measure_scope(conn, name, scope, unit_scope)
    return results


def measure_scope(conn: Connection, name: str, scope: Any, unit_scope: Any) -> list[float]:
    calls: dict[str, Callable[[], object]] = {
        "overview": lambda: cs.overview(conn, scope, unit_scope),
        "stations, page 1": lambda: cs.list_stations(conn, scope),
        "stations, page 20": lambda: cs.list_stations(conn, scope, offset=950),
        "stations, health=stale": lambda: cs.list_stations(conn, scope, health="stale"),
        "stations, search 'ba dinh'": lambda: cs.list_stations(conn, scope, query="ba dinh"),
        "stations, not registered": lambda: cs.unregistered_units(conn, unit_scope),
        "station page 00004": lambda: cs.station_detail(conn, scope, "00004"),
    }
    return [timed(f"{name}: {label}", call) for label, call in calls.items()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--records", type=int, default=1_600_000)
    parser.add_argument("--receipts", type=int, default=800_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", help="measure a database kept by an earlier --keep run")
    args = parser.parse_args()
    if args.reuse:
        engine = create_engine(args.reuse)
        setup.upgrade_database(engine)  # a newer migration's indexes, if any
        with engine.connect() as conn:
            conn.execute(text("ANALYZE"))
        worst = max(measure(engine))
        print(f"slowest page {worst:.0f} ms (target 300 ms)")
        return 0 if worst <= 300 else 1
    admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
    name = f"cax_bench_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.url).set(database=name).render_as_string(hide_password=False)
    try:
        engine = build(url, args.records, args.receipts)
        worst = max(measure(engine))
        engine.dispose()
    finally:
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        else:
            print(f"kept {url}")
    print(f"slowest page {worst:.0f} ms (target 300 ms)")
    return 0 if worst <= 300 else 1


if __name__ == "__main__":
    raise SystemExit(main())
