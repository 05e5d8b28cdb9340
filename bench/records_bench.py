"""Records at scale: 1,000,000 realistic records in the encrypted store, then search and list timings
against the same data in a bare SQLCipher table with an FTS5 index, measured in the same run.

    python bench/records_bench.py [--records 1000000]

Targets on the reference machine: search p95 ≤ 50 ms and first page ≤ 50 ms at 1M records, and
within 2× of the bare table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

sys.path.insert(0, str(Path(__file__).resolve().parent))

from station_builder import CHUNK, record_chunks

from desktop.storage import crypto, record_store
from desktop.storage.records import RecordService
from desktop.storage.station import Station
from domain.forms.catalogue import load_catalogue
from domain.records import RecordFilter, fts_query

PASSWORD = "Bench-Records-2026"
SEARCHES = [
    "nguyen",
    "nguyen van duc",
    "Trần Thị Lan",
    "hoà",
    "Đức",
    "honda wave",
    "001085",
    "lieu giai",
    "karaoke",
    "ngo minh khang",
    "xe may mat",
    "zzzkhongco",
]
LISTS = {
    "all": RecordFilter(),
    "form": RecordFilter(form_id="F3"),
    "form+author": RecordFilter(form_id="F1", author="lan"),
    "status": RecordFilter(status="draft"),
    "returned": RecordFilter(status="returned"),  # partial index of migration 0008
    "week": RecordFilter(date_from="2026-05-01", date_to="2026-05-07"),
    "commune": RecordFilter(commune_code="00004"),
}
BARE_SCHEMA = (
    "CREATE TABLE bare (seq INTEGER PRIMARY KEY, id TEXT, form_id TEXT, status TEXT, author TEXT, "
    "title TEXT, event_date TEXT, commune_code TEXT, columns_json TEXT, updated_at TEXT, "
    "values_json TEXT)",
    "CREATE INDEX bare_updated ON bare (updated_at, seq)",
    "CREATE INDEX bare_form ON bare (form_id, updated_at, seq)",
    "CREATE INDEX bare_status ON bare (status, updated_at, seq)",
    "CREATE INDEX bare_author ON bare (author, updated_at, seq)",
    "CREATE INDEX bare_event ON bare (event_date, seq)",
    "CREATE INDEX bare_commune ON bare (commune_code, updated_at, seq)",
    "CREATE VIRTUAL TABLE bare_fts USING fts5(body, content='', contentless_delete=1, "
    "detail=column, prefix='1 2 3 4 5 6 7', tokenize=\"unicode61 remove_diacritics 2\")",
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(run: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def load(
    service: RecordService, bare: sqlcipher.Connection, total: int
) -> tuple[float, float, float]:
    """Generate in worker processes; insert each chunk into both databases, timing each side."""
    store_s = bare_s = 0.0
    started = time.perf_counter()
    for done, rows in enumerate(record_chunks(total), 1):
        t = time.perf_counter()
        with service.session.db.write() as conn:
            record_store.insert_many(conn, rows)
        store_s += time.perf_counter() - t
        t = time.perf_counter()
        first = bare.execute("SELECT coalesce(max(seq), 0) + 1 FROM bare").fetchone()[0]
        bare.execute("BEGIN IMMEDIATE")
        bare.executemany(
            "INSERT INTO bare VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    first + i,
                    r["record_id"],
                    r["form_id"],
                    r["author"],
                    r["projection"].title,
                    r["projection"].event_date,
                    r["projection"].commune_code,
                    json.dumps(r["projection"].columns, ensure_ascii=False),
                    r["now"],
                    json.dumps(r["values"], ensure_ascii=False),
                )
                for i, r in enumerate(rows)
            ],
        )
        bare.executemany(
            "INSERT INTO bare_fts (rowid, body) VALUES (?, ?)",
            [(first + i, r["projection"].search_text) for i, r in enumerate(rows)],
        )
        bare.execute("COMMIT")
        bare_s += time.perf_counter() - t
        if done % 10 == 0:
            print(f"  loaded {done * CHUNK:,} records", file=sys.stderr, flush=True)
    return time.perf_counter() - started, store_s, bare_s


def bare_page(bare: sqlcipher.Connection, filters: RecordFilter) -> list:
    clauses, params = [], []
    for column in ("form_id", "status", "author", "commune_code"):
        if getattr(filters, column):
            clauses.append(f"b.{column} = ?")
            params.append(getattr(filters, column))
    if filters.text:
        where = " AND ".join(["bare_fts MATCH ?", *clauses])
        sql = (
            f"SELECT b.* FROM bare_fts f JOIN bare b ON b.seq = f.rowid WHERE {where} "
            "ORDER BY f.rowid DESC LIMIT 50"
        )
        return bare.execute(sql, [fts_query(filters.text), *params]).fetchall()
    order = "updated_at"
    if filters.date_from:
        clauses += ["b.event_date >= ?", "b.event_date <= ?"]
        params += [filters.date_from, filters.date_to]
        order = "event_date"
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f"SELECT b.* FROM bare b {where} ORDER BY b.{order} DESC, b.seq DESC LIMIT 50"
    return bare.execute(sql, params).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=20, help="timings per query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        session = Station.create(
            tmp / "station",
            code="00004",
            name="Bench",
            supervisor="truong",
            password=PASSWORD,
            kdf=crypto.TEST_KDF,
        )[0]
        service = RecordService(session, load_catalogue())
        bare = sqlcipher.connect(str(tmp / "bare.db"), isolation_level=None)
        bare.execute(f"PRAGMA key = \"x'{crypto.random_key().hex()}'\"")
        for pragma in (
            "PRAGMA cipher_memory_security = ON",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA cache_size = -32768",
        ):
            bare.execute(pragma).fetchall()
        for statement in BARE_SCHEMA:
            bare.execute(statement)

        wall, store_s, bare_s = load(service, bare, args.records)
        service.session.db.optimize()
        bare.execute("PRAGMA optimize=0x10002").fetchall()
        bare.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        size = (tmp / "station" / "station.db").stat().st_size
        bare_size = (tmp / "bare.db").stat().st_size
        print(f"records: {args.records:,}   generated+loaded in {wall:.0f} s")
        print(
            f"bulk load (insert only): store {args.records / store_s:,.0f} rec/s, "
            f"bare {args.records / bare_s:,.0f} rec/s ({store_s / bare_s:.1f}× the bare time)"
        )
        print(
            f"database size: store {size / 2**20:,.0f} MiB (values + index), bare {bare_size / 2**20:,.0f} MiB "
            "(same columns and index)"
        )
        print(
            f"\n{'query (ms)':<34}{'p50':>8}{'p95':>8}{'bare p50':>10}{'bare p95':>10}{'p95 ratio':>11}"
        )
        worst = 0.0
        cases = [(f"search '{q}'", RecordFilter(text=q)) for q in SEARCHES] + [
            (f"first page: {name}", f) for name, f in LISTS.items()
        ]
        for label, filters in cases:
            ours = timed(lambda f=filters: service.page(f, limit=50), args.repeats)
            floor = timed(lambda f=filters: bare_page(bare, f), args.repeats)
            p95, bare95 = percentile(ours, 0.95), percentile(floor, 0.95)
            worst = max(worst, p95)
            print(
                f"{label:<34}{statistics.median(ours):>8.1f}{p95:>8.1f}"
                f"{statistics.median(floor):>10.1f}{bare95:>10.1f}{p95 / max(bare95, 0.01):>10.1f}×"
            )
        print(f"\nworst p95: {worst:.1f} ms (target ≤ 50 ms)")
        session.close()
        bare.close()


if __name__ == "__main__":
    main()
