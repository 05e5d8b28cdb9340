"""Console benchmark: the web console's pages through HTTP on a national server's data, beside the
bare SQL of the same queries in the same run.

A fresh PostgreSQL database gets the real set-up (`db upgrade`), all 3,321 stations with devices
and push receipts, and millions of record revisions (COPY, see bench/console_data.py); then a
`cax-server serve` subprocess is signed into through the real login pages (password + TOTP) as a
national admin and as a province reviewer, and each page is timed (median, p95) against the
service-layer query it runs, timed directly on the same database.

    .venv/bin/python bench/console_bench.py [--revisions 2000000] [--keep] [--reuse URL]
"""

from __future__ import annotations

import argparse
import contextlib
import math
import multiprocessing
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psycopg
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import console_data  # noqa: E402

from server.console.deps import ConsoleUser as ConsoleUserView  # noqa: E402
from server.console.pages import stations as stations_page  # noqa: E402
from server.console.pages.stations import units_condition  # noqa: E402
from server.console.scope import station_condition  # noqa: E402
from server.core import totp  # noqa: E402
from server.core.config import Settings  # noqa: E402
from server.core.db import make_engine  # noqa: E402
from server.services import console_records, console_stations, console_users, setup  # noqa: E402
from server.services.console_records import RecordQuery  # noqa: E402

ADMIN_URL = os.environ.get("CAX_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
NOW = datetime.now(UTC).replace(microsecond=0)
YEAR = timedelta(days=365)
CHUNK = 10_000  # records per generated chunk (one COPY per table each)
PASSWORD = "Mật-khẩu-bench-đủ-dài-9"
USERS = (  # name, role, scope, full name
    ("bench.admin", "admin", "all", "Nguyễn Văn Quản"),
    ("bench.hn", "reviewer", "province:01", "Trần Thị Duyệt"),
)
# The records page's query parameters (its filter form's field names).
RECORD_PARAMS = {
    "text": "q",
    "form_id": "form",
    "status": "status",
    "date_from": "from",
    "date_to": "to",
}
TARGETS_MS = {"overview": 300, "stations": 300, "search": 300, "record": 200}


# --- Generation -----------------------------------------------------------------------------

_generator: console_data.Generator | None = None


def _init_worker(stations: list[console_data.StationInfo], start: datetime) -> None:
    global _generator
    _generator = console_data.Generator(stations, start, YEAR)


def _make_chunk(spec: tuple[int, int, int, int]) -> tuple[bytes, bytes, bytes]:
    assert _generator is not None
    return _generator.chunk(*spec)


def _copy(conn: psycopg.Connection, table: str, columns: str, data: bytes) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write(data)


def _copy_rows(conn: psycopg.Connection, table: str, columns: str, rows: list[tuple]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _secondary_indexes(conn: psycopg.Connection, tables: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of every index but the constraints' (primary keys, unique), as
    the migrations made them: dropped before the load and made again after it, much faster."""
    rows = conn.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
        "AND tablename = ANY(%s) AND indexname NOT LIKE 'pk\\_%%' "
        "AND indexname NOT LIKE 'uq\\_%%'",
        (list(tables),),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def _build_indexes(dsn: str, definitions: list[str], memory: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"SET maintenance_work_mem = '{memory}'")
        for definition in definitions:
            conn.execute(definition)


def generate(dsn: str, records: int) -> dict[str, float]:
    """Stations, devices, receipts, `records` record heads with their revisions and reviews."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    plans = console_data.station_plans()
    with psycopg.connect(dsn) as conn:
        conn.execute("SET synchronous_commit = off")
        created = NOW - timedelta(days=420)
        _copy_rows(
            conn,
            "stations",
            "code, name, created_at, province_code",
            [(p.code, p.name, created, p.province) for p in plans],
        )
        ids = dict(conn.execute("SELECT code, id FROM stations").fetchall())
        devices, main_device = console_data.device_rows(ids, plans, NOW)
        _copy_rows(
            conn,
            "devices",
            "id, station_id, public_key, name, enrolled_at, revoked_at, revoke_reason, "
            "last_seen_at, rate_window, rate_count",
            devices,
        )
        per_station = records / 20 / len(plans)  # a batch brings ~20 revisions
        receipts = console_data.receipt_rows(ids, plans, main_device, NOW - YEAR, NOW, per_station)
        _copy_rows(
            conn,
            "push_receipts",
            "device_id, station_id, batch_id, received_at, record_count, stored, duplicate, "
            "conflict, rejected, audit_seq, audit_hash",
            receipts,
        )
        _copy_rows(
            conn,
            "conflicts",
            "record_id, revision, content_hash, station_id, device_id, batch_id, payload, "
            "received_at, resolved_at",
            console_data.conflict_rows(ids, plans, main_device, NOW),
        )
        conn.commit()
        times["stations, devices, receipts"] = time.perf_counter() - start

        tables = ("records", "record_revisions", "record_reviews")
        indexes = _secondary_indexes(conn, tables)
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        conn.commit()

        stations = [
            console_data.StationInfo(
                ids[p.code],
                p.code,
                p.province,
                p.commune_text,
                console_data.fold(p.commune_text),
                main_device.get(p.code, str(uuid.UUID(int=0))),
                p.weight,
            )
            for p in plans
        ]
        specs = [
            (n, first, min(CHUNK, records - first), records)
            for n, first in enumerate(range(0, records, CHUNK))
        ]
        step = time.perf_counter()
        revisions = 0
        context = multiprocessing.get_context("fork")
        workers = max(1, min(2, os.cpu_count() or 1))
        with context.Pool(workers, _init_worker, (stations, NOW - YEAR)) as pool:
            for done, (rev_data, head_data, review_data) in enumerate(
                pool.imap(_make_chunk, specs), 1
            ):
                _copy(conn, "record_revisions", console_data.REVISION_COLUMNS, rev_data)
                _copy(conn, "records", console_data.HEAD_COLUMNS, head_data)
                _copy(conn, "record_reviews", console_data.REVIEW_COLUMNS, review_data)
                conn.commit()
                revisions += rev_data.count(b"\n")
                if done % 20 == 0 or done == len(specs):
                    rate = revisions / (time.perf_counter() - step)
                    print(
                        f"  {done * CHUNK:>9,} records, {revisions:>9,} revisions "
                        f"({rate:,.0f} revisions/s)",
                        flush=True,
                    )
        times["records (generate + COPY)"] = time.perf_counter() - step

        step = time.perf_counter()
        conn.autocommit = True
        # The GIN index takes most of the time on one core (PostgreSQL builds it serially):
        # the b-trees are built meanwhile on a second connection.
        gin = [d for _, d in indexes if " USING gin " in d]
        with ThreadPoolExecutor(2) as pool:
            for done in [
                pool.submit(_build_indexes, dsn, gin, "1GB"),
                pool.submit(_build_indexes, dsn, [d for _, d in indexes if d not in gin], "256MB"),
            ]:
                done.result()
        times["indexes (the migrations' own)"] = time.perf_counter() - step
        step = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        times["VACUUM ANALYZE"] = time.perf_counter() - step
    times["total"] = time.perf_counter() - start
    return times


# --- Users and signing in -------------------------------------------------------------------


@dataclass
class BenchUser:
    name: str
    role: str
    scope: str
    secret: str
    last_step: int


def ensure_users(engine: Engine) -> list[BenchUser]:
    """The two accounts (made through the service, as `cax-server user add` does) with their
    TOTP secrets set up, as after a first sign-in; a reused database keeps its accounts."""
    users = []
    existing = {u.name for u in console_users.list_users(engine)}
    for name, role, scope, full_name in USERS:
        if name not in existing:
            console_users.add_user(
                engine, name, role, scope, PASSWORD, full_name=full_name, actor="bench"
            )
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "UPDATE console_users SET totp_secret = :s, totp_enrolled = true "
                        "WHERE name = :n"
                    ),
                    {"s": totp.new_secret(), "n": name},
                )
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT totp_secret, totp_last_step FROM console_users WHERE name = :n"),
                {"n": name},
            ).one()
        users.append(BenchUser(name, role, scope, row.totp_secret, row.totp_last_step))
    return users


def _hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    if not match:
        raise SystemExit(f"no hidden field {name} in the sign-in page")
    return unescape(match.group(1))


def _unused_code(user: BenchUser) -> str:
    """A code for a time step not used yet (each is good once; the server accepts now ± 1)."""
    now = totp.current_step()
    step = max(user.last_step + 1, now)
    if step > now + 1:
        time.sleep((step - 1) * totp.STEP_SECONDS - time.time() + 0.05)
    user.last_step = step
    return totp.code_at(user.secret, step * totp.STEP_SECONDS)


def sign_in(client: httpx.Client, user: BenchUser) -> None:
    """Through the real pages: the password form, then the TOTP code form."""
    form = client.get("/console/login")
    answer = client.post(
        "/console/login",
        data={
            "name": user.name,
            "password": PASSWORD,
            "pre_token": _hidden(form.text, "pre_token"),
        },
    )
    where = answer.headers.get("location", "")
    if answer.status_code != 303 or not where.startswith("/console/login/totp"):
        raise SystemExit(f"sign-in of {user.name}: {answer.status_code} {where}")
    page = client.get(where)
    answer = client.post(
        "/console/login/totp",
        data={"code": _unused_code(user), "csrf_token": _hidden(page.text, "csrf_token")},
    )
    if answer.status_code != 303 or answer.headers["location"].startswith("/console/login"):
        raise SystemExit(f"TOTP of {user.name}: {answer.status_code}")


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_url: str, home: Path, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "CAX_SERVER_DB": db_url, "CAX_SERVER_HOME": str(home)}
    command = [sys.executable, "-m", "server.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    log = (home / "server.log").open("wb")
    # Its own process group: uvicorn's worker processes are stopped with it (see stop_server).
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return process, port
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(process)
    tail = (home / "server.log").read_text(errors="replace")[-2000:]
    raise SystemExit(f"server did not start:\n{tail}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """SIGINT as Ctrl+C would, then SIGKILL to the group if it lingers (orphaned workers would
    keep connections to the database)."""
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(20)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


# --- Timing ---------------------------------------------------------------------------------


@dataclass
class Result:
    user: str
    page: str
    target: str  # key of TARGETS_MS
    http: list[float]
    sql: list[float]
    rows: str  # what the page found, to show the query was not empty


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def time_http(client: httpx.Client, urls: list[str], rounds: int) -> tuple[list[float], str]:
    """Each request's wall time in ms, cycling through `urls` (two warm-up rounds first)."""
    for url in urls[:2]:
        if client.get(url).status_code == 404 and url == urls[0]:
            return [], "page missing (404)"
    times, last = [], None
    for n in range(rounds):
        url = urls[n % len(urls)]
        begin = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - begin) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"GET {url}: {response.status_code}\n{response.text[:500]}")
        last = response
    return times, f"{len(last.content) // 1024} KB" if last is not None else ""


def time_sql(engine: Engine, work: Callable[[Any], Any], rounds: int) -> tuple[list[float], Any]:
    with engine.connect() as conn:
        work(conn)
        times, found = [], None
        for _ in range(rounds):
            begin = time.perf_counter()
            found = work(conn)
            times.append((time.perf_counter() - begin) * 1000)
            conn.rollback()
    return times, found


def print_table(results: list[Result]) -> None:
    head = (
        f"{'user':<12} {'page':<34} {'HTTP p50':>9} {'p95':>7} {'SQL p50':>8} {'p95':>7} "
        f"{'HTTP/SQL':>8} {'target':>7}  verdict  found"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        s50, s95 = statistics.median(r.sql), _p95(r.sql)
        if not r.http:
            print(
                f"{r.user:<12} {r.page:<34} {'-':>9} {'-':>7} {s50:>6.1f}ms {s95:>5.1f}ms  {r.rows}"
            )
            continue
        h50, h95 = statistics.median(r.http), _p95(r.http)
        limit = TARGETS_MS[r.target]
        judged = h95 if r.target == "search" else h50
        verdict = "PASS" if judged <= limit else "FAIL"
        mark = "p95" if r.target == "search" else "p50"
        print(
            f"{r.user:<12} {r.page:<34} {h50:>7.0f}ms {h95:>5.0f}ms {s50:>6.1f}ms {s95:>5.1f}ms "
            f"{h50 / max(s50, 0.01):>7.1f}x {mark} {limit:>3}  {verdict:<7}  {r.rows}"
        )


# --- What is measured -----------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=2_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database, print its URL")
    parser.add_argument("--reuse", metavar="URL", help="a database kept by --keep: no generation")
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per page")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = None
    if args.reuse:
        db_text = args.reuse
    else:
        name = f"cax_console_bench_{secrets.token_hex(4)}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        db_text = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    dsn = make_url(db_text).set(drivername="postgresql").render_as_string(hide_password=False)
    engine = make_engine(Settings(database_url=db_text))
    summary: list[str] = []
    try:
        begin = time.perf_counter()
        setup.upgrade_database(engine)  # as `cax-server db upgrade` (a reused db: newer migrations)
        upgrade_seconds = time.perf_counter() - begin
        if not args.reuse:
            records = round(args.revisions / 1.25)  # ~1.25 revisions a record
            print(f"generating ~{args.revisions:,} revisions ({records:,} records)…", flush=True)
            times = generate(dsn, records)
            summary.append(f"generation ({os.cpu_count()} cores, load {_load()}):")
            summary.append(f"  {'db upgrade':<32} {upgrade_seconds:7.1f} s")
            summary += [f"  {what:<32} {sec:7.1f} s" for what, sec in times.items()]
            print("\n".join(summary), flush=True)
        users = ensure_users(engine)
        figures = describe(dsn)
        print(figures)
        with tempfile.TemporaryDirectory() as home:
            process, port = start_server(db_text, Path(home), args.workers)
            try:
                results = measure(engine, dsn, port, users, args.rounds)
            finally:
                stop_server(process)
        print()
        print("\n".join(summary))
        print(figures)
        print(
            f"serve --workers {args.workers}, {os.cpu_count()} cores (load {_load()}), "
            f"{args.rounds} requests a page after 2 warm-up ones; SQL = the page's service-layer "
            "queries, timed on one connection in this process"
        )
        print_table(results)
    finally:
        engine.dispose()
        if name and not args.keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    if name and args.keep:
        print(f"kept: --reuse {db_text}")


def _load() -> str:
    """The 1-minute load average: other work on a shared machine shows in every figure."""
    return f"{os.getloadavg()[0]:.1f}"


def describe(dsn: str) -> str:
    with psycopg.connect(dsn) as conn:
        revisions = conn.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'record_revisions'"
        ).fetchone()[0]
        heads = conn.execute("SELECT count(*) FROM records").fetchone()[0]
        stations = conn.execute("SELECT count(*) FROM stations").fetchone()[0]
        size = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]
    return f"data: {revisions:,} revisions, {heads:,} records, {stations:,} stations, {size}"


@dataclass(frozen=True)
class Case:
    page: str  # what the table calls it
    target: str  # key of TARGETS_MS
    urls: list[str]  # requests cycle through these
    sql: Callable[[Any], Any]  # the page's service-layer queries on a connection
    found: Callable[[Any], str]  # what the SQL found, for the table


def _scopes(user: BenchUser) -> tuple[Any, Any]:
    """The user's scope as the pages build it (stations, and admin units for the overview)."""
    kind, _, code = user.scope.partition(":")
    view = ConsoleUserView(0, user.name, "", user.role, kind, code or None)
    return station_condition(view), units_condition(view)


def sample_records(dsn: str, user: BenchUser, count: int) -> list[str]:
    """Record ids in the user's scope, half of them amended (two or more revisions)."""
    kind, _, code = user.scope.partition(":")
    where = "true" if kind == "all" else "s.province_code = %(code)s"
    picked: list[str] = []
    with psycopg.connect(dsn) as conn:
        for extra in ("r.revision = 1", "r.revision > 1"):
            rows = conn.execute(
                "SELECT r.record_id FROM records r TABLESAMPLE SYSTEM (5) "
                f"JOIN stations s ON s.id = r.station_id WHERE {where} AND {extra} "
                "LIMIT %(n)s",
                {"code": code, "n": count // 2},
            ).fetchall()
            picked += [str(r[0]) for r in rows]
    random.Random(5).shuffle(picked)
    return picked


def cases_for(dsn: str, user: BenchUser) -> list[Case]:
    scope, units = _scopes(user)
    recent = NOW.date() - timedelta(days=90)
    searches = [
        ("common name", RecordQuery(text="nguyen van")),
        ("rarer word", RecordQuery(text="duc")),
        ("full name", RecordQuery(text="Nguyễn Văn Đức")),
        ("full name, rare", RecordQuery(text="Lò Thị Quyên")),
        ("ID number prefix", RecordQuery(text="001185")),
        ("whole ID number", RecordQuery(text="001085012345")),
        ("name on no record", RecordQuery(text="Vàng A Sùng")),
        (
            "form+status+dates",
            RecordQuery(form_id="f1", status="submitted", date_from=recent, date_to=NOW.date()),
        ),
        (
            "form+status+dates+name",
            RecordQuery(
                form_id="f3",
                status="accepted",
                date_from=recent,
                date_to=NOW.date(),
                text="tran thi",
            ),
        ),
        ("no filter (newest)", RecordQuery()),
    ]
    cases = [
        Case(
            "overview /console/",
            "overview",
            ["/console/"],
            lambda conn: console_stations.overview(conn, scope, units, silent_limit=10),
            lambda o: f"{o.stations} stations, {o.waiting:,} waiting",
        ),
        Case(
            "stations /console/stations",
            "stations",
            ["/console/stations"],
            lambda conn: (
                console_stations.provinces(conn),
                console_stations.list_stations(conn, scope, limit=stations_page.PAGE_SIZE),
            )[1],
            lambda p: f"{p.total} stations",
        ),
    ]
    for label, query in searches:
        cases.append(
            Case(
                f"records: {label}",
                "search",
                [f"/console/records?{urlencode(_record_params(query))}"],
                lambda conn, query=query: console_records.list_records(conn, scope, query),
                lambda p: f"{len(p.rows)} rows{' +more' if p.next_cursor else ''}",
            )
        )
    ids = sample_records(dsn, user, 20)
    turn = [0]

    def record_page(conn: Any) -> Any:
        record_id = uuid.UUID(ids[turn[0] % len(ids)])
        turn[0] += 1
        head = console_records.find_record(conn, scope, record_id)
        assert head is not None
        return (
            head,
            console_records.revisions(conn, record_id),
            console_records.reviews_of(conn, record_id),
        )

    cases.append(
        Case(
            "record page /console/records/{id}",
            "record",
            [f"/console/records/{i}" for i in ids],
            record_page,
            lambda found: f"{len(ids)} records",
        )
    )
    return cases


def _record_params(query: RecordQuery) -> dict[str, str]:
    """The records page's form fields for a query, as its filter form sends them."""
    day = "%d/%m/%Y"
    params = {
        RECORD_PARAMS["text"]: query.text,
        RECORD_PARAMS["form_id"]: query.form_id or "",
        RECORD_PARAMS["status"]: query.status or "",
        RECORD_PARAMS["date_from"]: query.date_from.strftime(day) if query.date_from else "",
        RECORD_PARAMS["date_to"]: query.date_to.strftime(day) if query.date_to else "",
    }
    return {k: v for k, v in params.items() if v}


def measure(
    engine: Engine, dsn: str, port: int, users: list[BenchUser], rounds: int
) -> list[Result]:
    results = []
    for user in users:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            sign_in(client, user)
            for case in cases_for(dsn, user):
                http_ms, size = time_http(client, case.urls, rounds)
                sql_ms, found = time_sql(engine, case.sql, rounds)
                shown = f"{case.found(found)}, {size}"
                results.append(Result(user.name, case.page, case.target, http_ms, sql_ms, shown))
                median = statistics.median(http_ms) if http_ms else float("nan")
                print(f"  {user.name:<12} {case.page:<36} {median:6.0f} ms  {shown}", flush=True)
    return results


if __name__ == "__main__":
    main()
