"""Station store benchmark: unlock time, and insert rates through the store against raw SQLCipher.

Both sides use the same file settings (WAL, synchronous=FULL, raw 256-bit key); the ratios show what
SQLAlchemy, the write lock and the audit chain cost. Run: `make bench` or
`python bench/store_bench.py [--rows N]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import text

from desktop.storage import audit, crypto
from desktop.storage.station import Station

PASSWORD = "Bench-Pass-2026"
# The same settings the store applies (desktop/storage/database.py), so the ratio is the code's cost.
PRAGMAS = (
    "PRAGMA cipher_memory_security = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
)
TABLE = "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"


def sample_body(i: int) -> str:
    """About 1 KB of realistic JSON, as a filled-in form would be."""
    return json.dumps(
        {
            "ho_ten": "Nguyễn Văn Đức",
            "so_dinh_danh": f"0012030{i:05d}",
            "dia_chi": "Số 12 ngõ 34 phố Đội Cấn, phường Ba Đình, Thành phố Hà Nội",
            "noi_dung": "Người dân đến trình báo việc mất xe máy trước cửa nhà vào buổi tối. " * 10,
            "i": i,
        },
        ensure_ascii=False,
    )


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def bench_unlock(home: Path, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        Station(home).unlock("truong", PASSWORD).close()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def store_session(tmp: Path, name: str):
    home = tmp / name
    Station.create(
        home,
        code="00004",
        name="Bench",
        supervisor="truong",
        password=PASSWORD,
        kdf=crypto.TEST_KDF,
    )[0].close()
    session = Station(home).unlock("truong", PASSWORD)
    with session.db.write() as conn:
        conn.execute(text(TABLE))
    return session


def raw_connection(path: Path) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{crypto.random_key().hex()}'\"")
    for pragma in PRAGMAS:
        conn.execute(pragma).fetchall()
    conn.execute(TABLE)
    return conn


def store_single(session, rows: int, *, audited: bool = False) -> float:
    insert = text("INSERT INTO bench_rows (body) VALUES (:body)")
    start = time.perf_counter()
    for i in range(rows):
        with session.db.write() as conn:
            conn.execute(insert, {"body": sample_body(i)})
            if audited:
                audit.append(conn, "truong", "record.created", f"r{i}")
    return rate(rows, time.perf_counter() - start)


def store_bulk(session, bodies: list[str]) -> float:
    insert = text("INSERT INTO bench_rows (body) VALUES (:body)")
    params = [{"body": body} for body in bodies]
    start = time.perf_counter()
    with session.db.write() as conn:
        conn.execute(insert, params)
    return rate(len(bodies), time.perf_counter() - start)


def raw_single(conn: sqlcipher.Connection, rows: int) -> float:
    start = time.perf_counter()
    for i in range(rows):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_rows (body) VALUES (?)", (sample_body(i),))
        conn.execute("COMMIT")
    return rate(rows, time.perf_counter() - start)


def raw_bulk(conn: sqlcipher.Connection, bodies: list[str]) -> float:
    params = [(body,) for body in bodies]
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO bench_rows (body) VALUES (?)", params)
    conn.execute("COMMIT")
    return rate(len(bodies), time.perf_counter() - start)


def compare(tmp: Path, rows: int, repeats: int = 3) -> dict[str, tuple[float, float]]:
    """Each operation on fresh files for both sides, alternated, median of `repeats` rounds."""
    bodies = [sample_body(i) for i in range(rows * 10)]
    results: dict[str, list[tuple[float, float]]] = {"single": [], "audited": [], "bulk": []}
    for round_ in range(repeats):
        for op in results:
            session = store_session(tmp, f"s-{op}-{round_}")
            raw = raw_connection(tmp / f"r-{op}-{round_}.db")
            try:
                if op == "bulk":
                    results[op].append((store_bulk(session, bodies), raw_bulk(raw, bodies)))
                else:
                    ours = store_single(session, rows, audited=op == "audited")
                    results[op].append((ours, raw_single(raw, rows)))
            finally:
                session.close()
                raw.close()
    return {
        op: (statistics.median(o for o, _ in pairs), statistics.median(r for _, r in pairs))
        for op, pairs in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--rows", type=int, default=1000, help="single-transaction inserts per round"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        Station.create(
            tmp / "real", code="00004", name="Bench", supervisor="truong", password=PASSWORD
        )[0].close()
        created = time.perf_counter() - start
        unlock = bench_unlock(tmp / "real")
        figures = compare(tmp, args.rows)

    print(f"station set-up (2 Argon2id slots + schema): {created * 1000:8.0f} ms")
    print(f"unlock (Argon2id + open + migrate check):    {unlock * 1000:8.0f} ms (median of 5)")
    print(f"{'operation (records/s, median of 3)':<46}{'store':>10}{'raw':>10}{'store/raw':>11}")
    labels = {
        "single": "insert, one transaction per record",
        "audited": "  the same plus its audit entry",
        "bulk": f"bulk insert of {args.rows * 10:,} in one transaction",
    }
    for op, (ours, floor) in figures.items():
        print(f"{labels[op]:<46}{ours:>10,.0f}{floor:>10,.0f}{ours / floor:>10.0%}")


if __name__ == "__main__":
    main()
