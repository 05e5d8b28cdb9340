"""Sync benchmark: a station with N queued (completed) records syncs them over loopback to a real
`cax-server serve --workers 2` on PostgreSQL, end to end (outbox read, hashing, gzip, signing,
retries armed, answers recorded), against the server's ingest floor measured in the same run, right
after: the same records under new ids, pre-built into gzip'd batches of the size the sync settles
at, pushed by a client that does no other work. Then the time of a sync with nothing to send
(target < 200 ms).

    .venv/bin/python bench/sync_bench.py [--records 100000] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import os
import secrets
import signal
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import server_ingest_bench as ingest
import station_builder

from desktop.storage import crypto, outbox
from desktop.storage.station import StationSession
from desktop.sync.batching import LARGEST
from desktop.sync.push import audit_head, batch_body
from desktop.sync.service import SyncService
from protocol.messages import RecordRevision
from server.core.config import Settings
from server.core.db import make_engine
from server.services import enrolment, setup, stations

# The floor's batches are as large as the adaptive sync's settle at on a fast link, so it
# measures the server, not the number of round trips.
BATCH = LARGEST


def queue_everything(session: StationSession) -> None:
    """Turn the builder's drafts into completed records with revision 1 queued in the outbox,
    set-based (the lifecycle service would take minutes for 100,000)."""
    now = "2026-11-28T09:00:00+00:00"
    with session.db.write() as conn:
        conn.execute(text("UPDATE records SET status = 'completed', completed_at = updated_at"))
        conn.execute(
            text(
                "INSERT INTO record_revisions (record_id, revision, status, values_json, "
                "changed_by, changed_at) SELECT id, revision, 'completed', values_json, author, "
                "updated_at FROM records"
            )
        )
        conn.execute(
            text(
                "INSERT INTO outbox (record_id, revision, state, queued_at) "
                "SELECT id, revision, 'pending', :now FROM records ORDER BY seq"
            ),
            dict(now=now),
        )


def floor_bodies(session: StationSession, station_code: str) -> tuple[list[bytes], float]:
    """The station's own records under fresh ids (hashes recomputed), in gzip'd batches as the
    sync makes them; and their average wire size."""
    with session.db.read() as conn:
        pending = outbox.unsent(conn, station_code, limit=10**9)
        head = audit_head(conn)
    size = sum(len(p.wire_json) for p in pending) / max(len(pending), 1)
    bodies = []
    for start in range(0, len(pending), BATCH):
        copies = []
        for p in pending[start : start + BATCH]:
            record = RecordRevision.model_validate_json(p.wire_json)
            record = record.model_copy(update={"record_id": uuid.uuid4()})
            record = record.model_copy(update={"content_hash": record.expected_hash()})
            copies.append(record.model_dump_json().encode())
        body = batch_body([], head)  # the envelope, with the copies spliced in
        raw = gzip.decompress(body)[:-2] + b",".join(copies) + b"]}"
        bodies.append(gzip.compress(raw, 6, mtime=0))
    return bodies, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    name = f"cax_syncbench_{secrets.token_hex(4)}"
    admin = create_engine(ingest.ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db_text = make_url(ingest.ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(Settings(database_url=db_text))
    process = None
    with tempfile.TemporaryDirectory() as tmp:
        session = None
        try:
            setup.upgrade_database(engine)  # as `cax-server db upgrade`: the forms are registered
            stations.add_station(engine, "00004", "Công an phường Ba Đình")
            print(f"building a station with {args.records:,} queued records…", file=sys.stderr)
            session = station_builder.create(Path(tmp) / "station", kdf=crypto.TEST_KDF)
            station_builder.fill(session, args.records)
            queue_everything(session)
            bodies, size = floor_bodies(session, "00004")

            process, port = ingest.start_server(db_text, Path(tmp), args.workers)
            service = SyncService(session)
            service.enroll(
                f"http://127.0.0.1:{port}", enrolment.issue_code(engine, "00004", 1).code
            )

            started = time.perf_counter()
            report = service.run()
            sync_seconds = time.perf_counter() - started
            if report.counts.acknowledged != args.records or report.waiting:
                raise SystemExit(f"sync incomplete: {report}")

            empty = []
            for _ in range(7):
                started = time.perf_counter()
                service.run()
                empty.append(time.perf_counter() - started)

            device = ingest.enrol(port, engine, "floor")
            floor_seconds, stored = ingest.http_phase(port, [device], bodies)
            if stored != args.records:
                raise SystemExit(f"floor stored {stored} of {args.records}")
            process.send_signal(signal.SIGINT)
            process.wait(30)
            process = None
        finally:
            if session is not None:
                session.close()
            if process is not None:
                process.kill()
            engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    sync_rate = args.records / sync_seconds
    floor_rate = args.records / floor_seconds
    empty_ms = statistics.median(empty) * 1000
    print(
        f"records: {args.records:,} x {size:.0f} B JSON (realistic forms), adaptive batches "
        f"(floor: {BATCH}), "
        f"serve --workers {args.workers}, PostgreSQL, {os.cpu_count()} cores"
    )
    print(f"end-to-end station sync (cax sync run path):   {sync_rate:8.0f} records/s")
    print(f"server ingest floor (same records, pre-built): {floor_rate:8.0f} records/s")
    print(f"ratio sync / floor: {sync_rate / floor_rate:.0%}")
    print(
        f"sync with nothing to send: median {empty_ms:.0f} ms of {len(empty)} "
        f"(max {max(empty) * 1000:.0f} ms; target < 200 ms: {'met' if empty_ms < 200 else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
