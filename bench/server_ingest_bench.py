"""Server ingest benchmark: 1 KB records in batches of 500 through the real signed HTTP endpoint of
a `cax-server serve` subprocess on PostgreSQL, against the floor of inserting the same rows into
the same table directly (executemany and COPY), in the same run.

    .venv/bin/python bench/server_ingest_bench.py [--records 40000] [--clients 4] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protocol.canonical import content_hash_fields  # noqa: E402
from protocol.signing import enrolment_proof, new_private_key, public_key_b64, sign_request  # noqa: E402
from server.core.config import Settings  # noqa: E402
from server.core.db import make_engine  # noqa: E402
from server.services import enrolment, setup, stations  # noqa: E402

ADMIN_URL = os.environ.get("CAX_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STATION, FORM = "00004", "f8"
STAMP = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
STAMP_TEXT = "2026-11-22T08:30:00.000000Z"
PATROL = json.loads((ROOT / "docs" / "examples" / "F8.json").read_text(encoding="utf-8"))["values"]


def make_record(n: int) -> dict[str, Any]:
    """About 1 KB of JSON: a valid patrol log (the server validates every record it stores)."""
    values = {**PATROL, "leader": f"Thiếu tá Nguyễn Văn Người {n}", "checked_count": n % 50}
    record = {
        "record_id": str(uuid.uuid4()),
        "revision": 1,
        "station_code": STATION,
        "form_id": FORM,
        "form_version": 1,
        "author": "lan",
        "created_at": STAMP_TEXT,
        "updated_at": STAMP_TEXT,
        "deleted": False,
        "delete_reason": None,
        "values": values,
        "device_seq": n,
    }
    record["content_hash"] = content_hash_fields(
        record_id=record["record_id"],
        revision=1,
        station_code=STATION,
        form_id=FORM,
        form_version=1,
        author="lan",
        created_at=STAMP,
        updated_at=STAMP,
        deleted=False,
        delete_reason=None,
        values=values,
    )
    return record


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_url: str, home: Path, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "CAX_SERVER_DB": db_url, "CAX_SERVER_HOME": str(home)}
    command = [sys.executable, "-m", "server.cli", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


def enrol(port: int, engine: Any, name: str) -> tuple[str, Any]:
    code = enrolment.issue_code(engine, STATION, 1).code
    key = new_private_key()
    body = json.dumps(
        {
            "code": code,
            "public_key": public_key_b64(key),
            "device_name": name,
            "proof": enrolment_proof(key, code),
        }
    )
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("POST", "/api/v1/enroll", body, {"Content-Type": "application/json"})
    answer = json.loads(conn.getresponse().read())
    return answer["device_id"], key


def http_phase(port: int, devices: list[tuple[str, Any]], bodies: list[bytes]) -> tuple[float, int]:
    """Each client thread sends its share of the pre-built gzip batches, signing each request."""
    stored = [0] * len(devices)

    def client(slot: int) -> None:
        device_id, key = devices[slot]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        for body in bodies[slot :: len(devices)]:
            headers = sign_request(
                key, "POST", "/api/v1/sync/push", body, int(time.time()), device_id=device_id
            )
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
            conn.request("POST", "/api/v1/sync/push", body, headers)
            response = conn.getresponse()
            payload = json.loads(response.read())
            if response.status != 200:
                raise SystemExit(f"push failed: {payload}")
            stored[slot] += payload["stored"]

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(devices))]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, sum(stored)


COLUMNS = (
    "record_id, revision, station_id, device_id, batch_id, form_id, form_version, author, "
    "field_values, content_hash, deleted, delete_reason, created_at, updated_at, device_seq, received_at"
)


def floor_rows(
    records: list[dict[str, Any]], station_id: int, batch: int
) -> list[list[tuple[Any, ...]]]:
    device, now = uuid.uuid4(), datetime.now(UTC)
    rows = [
        (
            uuid.uuid4(),
            1,
            station_id,
            device,
            uuid.uuid4(),
            FORM,
            1,
            "lan",
            Jsonb(r["values"]),
            r["content_hash"],
            False,
            None,
            STAMP,
            STAMP,
            r["device_seq"],
            now,
        )
        for r in records
    ]
    return [rows[i : i + batch] for i in range(0, len(rows), batch)]


def floor_executemany(dsn: str, batches: list[list[tuple[Any, ...]]]) -> float:
    marks = ", ".join(["%s"] * 16)
    with psycopg.connect(dsn) as conn:
        start = time.perf_counter()
        for rows in batches:
            with conn.cursor() as cur:
                cur.executemany(f"INSERT INTO record_revisions ({COLUMNS}) VALUES ({marks})", rows)
            conn.commit()
        return time.perf_counter() - start


def floor_copy(dsn: str, batches: list[list[tuple[Any, ...]]]) -> float:
    with psycopg.connect(dsn) as conn:
        start = time.perf_counter()
        for rows in batches:
            with (
                conn.cursor() as cur,
                cur.copy(f"COPY record_revisions ({COLUMNS}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            conn.commit()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=40_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--clients", type=int, default=4, help="concurrent stations")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    name = f"cax_bench_{secrets.token_hex(4)}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = make_url(ADMIN_URL).set(database=name)
    dsn = db_url.set(drivername="postgresql").render_as_string(hide_password=False)
    db_text = db_url.render_as_string(hide_password=False)
    engine = make_engine(Settings(database_url=db_text))
    process = None
    try:
        setup.upgrade_database(engine)  # as `cax-server db upgrade`: the forms are registered
        station = stations.add_station(engine, STATION, "Công an phường Ba Đình")
        records = [make_record(n) for n in range(args.records)]
        size = sum(len(json.dumps(r, ensure_ascii=False).encode()) for r in records[:100]) / 100
        bodies = [
            gzip.compress(
                json.dumps(
                    {
                        "protocol_version": 1,
                        "batch_id": str(uuid.uuid4()),
                        "records": records[i : i + args.batch],
                    },
                    ensure_ascii=False,
                ).encode(),
                1,
            )
            for i in range(0, len(records), args.batch)
        ]
        with tempfile.TemporaryDirectory() as home:
            process, port = start_server(db_text, Path(home), args.workers)
            devices = [enrol(port, engine, f"bench-{i}") for i in range(args.clients)]
            http_seconds, stored = http_phase(port, devices, bodies)
            process.send_signal(signal.SIGINT)
            process.wait(30)
            process = None
        if stored != args.records:
            raise SystemExit(f"only {stored} of {args.records} stored")
        batches = floor_rows(records, station.id, args.batch)
        many_seconds = floor_executemany(dsn, batches)
        batches = floor_rows(records, station.id, args.batch)
        copy_seconds = floor_copy(dsn, batches)
    finally:
        if process is not None:
            process.kill()
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    http_rate = args.records / http_seconds
    many_rate = args.records / many_seconds
    copy_rate = args.records / copy_seconds
    print(
        f"records: {args.records} x {size:.0f} B JSON, batches of {args.batch}, "
        f"{args.clients} client threads, serve --workers {args.workers}, {os.cpu_count()} cores"
    )
    print(f"HTTP push (signed, gzip, validated, hashed): {http_rate:8.0f} records/s")
    print(f"floor: executemany into record_revisions:    {many_rate:8.0f} records/s")
    print(f"floor: COPY into record_revisions:           {copy_rate:8.0f} records/s")
    print(
        f"ratio HTTP / executemany: {http_rate / many_rate:.0%}   HTTP / COPY: {http_rate / copy_rate:.0%}"
    )


if __name__ == "__main__":
    main()
