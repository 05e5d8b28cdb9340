"""The console's Reports roll-up at national size on PostgreSQL, against its floor.

    python bench/console_reports_bench.py [--url postgresql+psycopg://postgres@127.0.0.1/x]
                                          [--periods 3] [--runs 5]

Builds a throwaway database: every commune of the reference data a station, and for each period
a frozen report (~31 kB of figures, as `domain.reports.builder` makes them, plus a narrative) from
nine stations in ten. Then times `console_reports.rollup` for the whole country and for one
province, cold (its kept figures dropped) and warm, and the Excel export; the floor is reading
the same documents' figures from the database with no summing, in the same run.
"""

from __future__ import annotations

import argparse
import io
import secrets
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, create_engine, insert, select, text, true
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.forms.catalogue import load_catalogue
from domain.reports.builder import PeriodData, build_content
from domain.reports.periods import parse_period
from domain.reports.profile import StationProfile
from domain.reports.tally import ReportRecord
from protocol.canonical import document_hash
from server.console.i18n import translator
from server.models import AdminUnit, Station, StationReport
from server.services import console_reports, console_reports_xlsx, setup

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PROVINCE = "01"  # Hà Nội: 126 communes
CATEGORIES = ("hinh_su", "trat_tu_cong_cong", "tai_nan_giao_thong", "ma_tuy", "co_bac")


def contents(period: str, shapes: int = 7) -> list[dict[str, Any]]:
    """A few different stations' figures for the period (incidents by category, a profile)."""
    catalogue, p = load_catalogue(), parse_period(period)
    day = p.start.isoformat()
    result = []
    for n in range(shapes):
        records = [
            ReportRecord("F2", day, {"category": CATEGORIES[i % 5], "deaths": i % 2})
            for i in range(3 + n)
        ]
        values = {"hq_status": "da_co" if n % 3 else "dang_xay", "staff_total": 9 + n}
        profile = StationProfile(1, day, values | {"staff_quota": 14, "cars": n % 2}, "t", day)
        now = PeriodData(p, records, profile=profile)
        then = PeriodData(p.same_period_last_year())
        result.append(build_content(catalogue, now, then).to_json())
    return result


def fill(engine: Engine, periods: list[str]) -> int:
    with engine.begin() as conn:
        communes = conn.execute(
            select(AdminUnit.code, AdminUnit.name, AdminUnit.province_code).where(
                AdminUnit.level == "commune"
            )
        ).all()
        now = datetime.now(UTC)
        conn.execute(
            insert(Station),
            [{"code": c, "name": n, "created_at": now, "province_code": p} for c, n, p in communes],
        )
        ids = [sid for (sid,) in conn.execute(select(Station.id))]
    narrative = {"plans": "Tăng cường tuần tra vào ban đêm. " * 60}
    count = 0
    for period in periods:
        shapes = contents(period)
        batch = []
        for i, sid in enumerate(ids):
            if i % 10 == 0:
                continue  # one station in ten has not submitted
            rid = str(uuid.uuid4())
            document = {
                "schema": 1,
                "report_id": rid,
                "station": {"code": str(sid), "name": "x"},
                "number": "05/BC",
                "submitted_by": "truong",
                "signer_name": "Nguyễn Văn Trưởng",
                "submitted_at": "2026-11-28T09:30:00+07:00",
                "narrative": narrative,
                "content": shapes[i % len(shapes)],
            }
            batch.append(
                {
                    "station_id": sid,
                    "report_id": uuid.UUID(rid),
                    "period_code": period,
                    "number": "05/BC",
                    "submitted_at": now,
                    "content_hash": document_hash(document),
                    "document": document,
                    "device_id": uuid.uuid4(),
                    "received_at": now,
                }
            )
        with engine.begin() as conn:
            for start in range(0, len(batch), 500):
                conn.execute(insert(StationReport), batch[start : start + 500])
        count += len(batch)
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return count


def timed(runs: int, call: Callable[[], Any], before: Callable[[], Any] = lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor(engine: Engine, period: str, in_scope: ColumnElement[bool]) -> None:
    """Only reading the figures the roll-up sums: the same rows, parsed, nothing added up."""
    reports, stations = StationReport.__table__, Station.__table__
    with engine.connect() as conn:
        for _row in conn.execute(
            select(reports.c.document["content"])
            .select_from(reports.join(stations, stations.c.id == reports.c.station_id))
            .where(reports.c.period_code == period, in_scope),
            execution_options={"stream_results": True, "yield_per": 200},
        ):
            pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL, help="a PostgreSQL server to create in")
    parser.add_argument("--periods", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
    name = f"cax_reports_bench_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.url).set(database=name)
    engine = create_engine(url)
    try:
        setup.upgrade_database(engine)
        periods = [f"2026-{m:02d}" for m in range(10, 10 - args.periods, -1)]
        started = time.perf_counter()
        count = fill(engine, periods)
        print(
            f"{count:,} reports of {len(periods)} periods in {time.perf_counter() - started:.0f} s"
        )
        period = periods[0]
        for label, scope in (
            ("whole country", true()),
            (f"province {PROVINCE}", Station.__table__.c.province_code == PROVINCE),
        ):
            data = console_reports.rollup(engine, period, scope)

            def roll(scope: ColumnElement[bool] = scope) -> Any:
                return console_reports.rollup(engine, period, scope)

            cold = timed(args.runs, roll, console_reports._figures.clear)
            warm = timed(args.runs, roll)
            base = timed(args.runs, lambda scope=scope: floor(engine, period, scope))
            print(
                f"{label}: {len(data.submitted):,} reports, {len(data.missing):,} missing — "
                f"roll-up cold {cold * 1000:.0f} ms, warm {warm * 1000:.0f} ms; "
                f"floor (read the figures only) {base * 1000:.0f} ms"
            )
        t = translator("vi")
        export = timed(args.runs, lambda: console_reports_xlsx.write_xlsx(data, io.BytesIO(), t))
        print(f"Excel of one province: {export * 1000:.0f} ms")
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
