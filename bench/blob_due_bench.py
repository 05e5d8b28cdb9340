"""What finding the blobs still to upload costs when the station has sent many before.

Builds a station database at head with one acknowledged revision listing `--settled` blobs
already marked `complete` plus one blob not marked, then times `blob_uploads.due` (what every
sync session and `cax sync status` run) warm, beside a floor measured in the same run: reading
that one due blob by its primary key. `due` should cost about the floor whatever `--settled`
is: it follows the blobs not yet settled, not the station's history (docs/performance.md).

    .venv/bin/python bench/blob_due_bench.py [--settled 50000] [--repeat 50]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, text

from desktop.storage import blob_uploads, crypto, migrate
from desktop.storage.database import Database

NOW = "2026-12-05T08:00:00+00:00"
RECORD = "0193a000-0000-7000-8000-000000000001"


def _sha(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()


def build(conn: Connection, settled: int) -> str:
    """One record, its acknowledged revision listing `settled` + 1 blobs; the last one due."""
    migrate.upgrade(conn)
    conn.execute(
        text(
            "INSERT INTO records (id, form_id, form_version, status, revision, author, title, "
            "values_json, columns_json, created_at, updated_at) "
            "VALUES (:id, 'F1', 1, 'completed', 1, 'truong', 'bench', '{}', '{}', :now, :now)"
        ),
        dict(id=RECORD, now=NOW),
    )
    conn.execute(
        text(
            "INSERT INTO outbox (record_id, revision, state, queued_at) "
            "VALUES (:id, 1, 'acknowledged', :now)"
        ),
        dict(id=RECORD, now=NOW),
    )
    blobs = [dict(sha=_sha(n), now=NOW) for n in range(settled + 1)]
    conn.execute(
        text(
            "INSERT INTO blobs (sha256, size, media_type, created_at) "
            "VALUES (:sha, 1000, 'image/jpeg', :now)"
        ),
        blobs,
    )
    conn.execute(
        text(
            "INSERT INTO attachments (record_id, blob_id, name, added_revision, added_by, "
            "added_at) SELECT :id, id, 'scan-' || id || '.jpg', 1, 'truong', :now FROM blobs"
        ),
        dict(id=RECORD, now=NOW),
    )
    for blob in blobs[:-1]:
        blob_uploads.mark(conn, blob["sha"], blob_uploads.COMPLETE, NOW)
    return blobs[-1]["sha"]


def _median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settled", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "station.db", crypto.random_key(), create=True)
        try:
            with db.write() as conn:
                wanted = build(conn, args.settled)
            db.optimize()
            with db.read() as conn:
                found = blob_uploads.due(conn)
                assert [b.sha256 for b in found] == [wanted], found
                due_ms = _median_ms(lambda: blob_uploads.due(conn), args.repeat)
                one = text("SELECT sha256, size, media_type FROM blobs WHERE id = :id")
                last = conn.execute(text("SELECT max(id) FROM blobs")).scalar_one()
                floor_ms = _median_ms(lambda: conn.execute(one, dict(id=last)).all(), args.repeat)
        finally:
            db.close()
    print(f"settled blobs {args.settled:,}, due 1, median of {args.repeat} warm calls")
    print(f"blob_uploads.due       {due_ms:8.3f} ms")
    print(f"floor (one blob by id) {floor_ms:8.3f} ms   due / floor {due_ms / floor_ms:6.1f}x")


if __name__ == "__main__":
    main()
