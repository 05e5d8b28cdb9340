"""A station full of realistic fake records, for the benchmarks that need a big store.

    python bench/station_builder.py --home /tmp/cax-1m --records 1000000

The station is made with the real key-derivation cost (so unlocking it costs what it costs in the
field); supervisor "truong", password PASSWORD below. Records are generated in two worker processes
and inserted 10,000 per transaction, the way `records_bench.py` loads its store.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fake_records import FakeRecords

from desktop.storage import crypto, record_store
from desktop.storage.station import Station, StationSession
from domain.forms.catalogue import load_catalogue
from domain.validation.formats import VN_TZ

PASSWORD = "Bench-Ba-Dinh-2026"
SUPERVISOR = "truong"
AUTHORS = ["truong", "lan", "minh", "hoa", "tuan", "thu"]
CHUNK = 10_000
START = datetime(2026, 11, 28, 9, 0, tzinfo=VN_TZ)


def _chunk(args: tuple[int, int]) -> list[dict]:
    index, size = args
    fake = FakeRecords(load_catalogue(), seed=index)
    start = START.replace(microsecond=0)
    return list(
        fake.rows(
            size, AUTHORS, start - (index * size) * (START - START.replace(minute=0, second=30))
        )
    )


def record_chunks(total: int, ahead: int = 3) -> Iterator[list[dict]]:
    """Insert rows for `total` records, newest first, in chunks of CHUNK. At most `ahead` chunks
    wait in memory (Pool.imap would queue every result while the inserts lag behind)."""
    chunks = [(i, min(CHUNK, total - i * CHUNK)) for i in range((total + CHUNK - 1) // CHUNK)]
    with Pool(2) as pool:
        pending = [pool.apply_async(_chunk, (c,)) for c in chunks[:ahead]]
        for index in range(len(chunks)):
            rows = pending.pop(0).get()
            if index + ahead < len(chunks):
                pending.append(pool.apply_async(_chunk, (chunks[index + ahead],)))
            yield rows


def create(home: Path, kdf: crypto.KdfParams = crypto.DEFAULT_KDF) -> StationSession:
    session, _recovery = Station.create(
        home, code="00004", name="Công an phường Ba Đình", supervisor=SUPERVISOR,
        password=PASSWORD, full_name="Nguyễn Văn Trưởng", kdf=kdf,
    )  # fmt: skip
    return session


def fill(session: StationSession, total: int) -> None:
    for done, rows in enumerate(record_chunks(total), 1):
        with session.db.write() as conn:
            record_store.insert_many(conn, rows)
        if done % 10 == 0:
            print(f"  loaded {done * CHUNK:,} records", file=sys.stderr, flush=True)
    session.db.optimize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a folder that does not exist yet")
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    started = time.perf_counter()
    session = create(args.home)
    try:
        fill(session, args.records)
    finally:
        session.close()
    print(f"{args.records:,} records in {args.home} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
