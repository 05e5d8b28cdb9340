"""Attachments benchmark: attach, open and sync throughput for 1 MB and 20 MB files, each against
its floor measured in the same run, and the memory peak of attaching a 25 MB file.

- attach (AttachmentService.attach: the sealed file, then revision, outbox, audit in one
  transaction) against writing the same bytes to a plain file with fsync (target: attach >= 30 %
  of the plain write); beside it, the attach of a 2 KB file (the cost every attach pays, whatever
  its size); and its parts measured alone: the intake check (type, PDF scan),
  the bare sealed file (`blob_files`: AES-256-GCM frames, SHA-256, fsync), and, for the layout
  before it, the same bytes as chunk inserts and commit into an SQLCipher database opened as the
  station's, and into unencrypted SQLite (WAL, synchronous=FULL) — where the time goes;
- open (AttachmentService.extract: the decrypted, hash-checked copy the viewer reads) against
  reading, hashing and writing the same bytes from a plain file;
- sync (`SyncService.run`: the revision the attach made, then the blob in 1 MiB signed chunks,
  of a record the centre already held — nothing else waits) to a real
  `cax-server serve` on PostgreSQL, against a raw signed HTTP upload of the same bytes
  (begin, chunks, complete, nothing else; a file of one chunk in the one request protocol 3
  offers, as the station sends it) by another station's device to the same server
  (target: sync >= 50 % of the raw upload);
- memory: the process's peak resident size (VmHWM, reset once idle) while attaching a
  25 MB scan, above the same process's resident size idle with its station open (/proc/self/statm),
  measured in a fresh process
  (target <= 64 MB); tracemalloc's peak of Python objects is printed beside it.

Each size starts with one untimed round of the same steps (`warm_up`). The files are PDFs whose
page is incompressible random data. `--rekey-total-mb N` also times a
data-key rotation and a backup with 50 MB and N MB of files stored.

    .venv/bin/python bench/attachments_bench.py [--sizes 1,20] [--repeat 3] [--peak-mb 25] [--rekey-total-mb 0]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import server_ingest_bench as ingest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desktop.core import attachment_intake  # noqa: E402
from desktop.storage import backup, blob_uploads, crypto, maintenance  # noqa: E402
from desktop.storage.attachment_service import AttachmentService  # noqa: E402
from desktop.storage.blob_files import BlobFiles  # noqa: E402
from desktop.storage.database import Database  # noqa: E402
from desktop.storage.files import fsync_directory  # noqa: E402
from desktop.storage.records import RecordService  # noqa: E402
from desktop.storage.station import Station, StationSession  # noqa: E402
from desktop.sync.service import SyncService  # noqa: E402
from domain.forms.catalogue import load_catalogue  # noqa: E402
from protocol.attachments import CHUNK_SIZE, blob_path, chunk_path, whole_path  # noqa: E402
from protocol.signing import (  # noqa: E402
    enrolment_proof,
    new_private_key,
    public_key_b64,
    sign_request,
)
from server.core.config import Settings  # noqa: E402
from server.core.db import make_engine  # noqa: E402
from server.services import enrolment, setup, stations  # noqa: E402

PASSWORD = "Bench-Pass-2026!"
MB = 1024 * 1024
F1 = json.loads((ROOT / "docs" / "examples" / "F1.json").read_text(encoding="utf-8"))["values"]
TARGET_ATTACH, TARGET_SYNC, TARGET_PEAK_MB = 0.30, 0.50, 64


def scan_pdf(path: Path, size: int) -> Path:
    """A one-page PDF of `size` bytes in all, its stream incompressible random data."""
    head = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    head += b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    head += b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    body = size - len(head) - len(tail) - 40
    with path.open("wb") as out:
        out.write(head + b"4 0 obj\n<< /Length %d >>\nstream\n" % body)
        left = body
        while left:
            piece = os.urandom(min(left, MB))
            out.write(piece)
            left -= len(piece)
        out.write(tail)
        # On disk before anything is timed: ext4 makes the next fsync write the other files'
        # dirty pages too, so one left in the page cache slows whichever of the floor and the
        # attach comes first.
        out.flush()
        os.fsync(out.fileno())
    return path


def plain_write(source: Path, target: Path) -> float:
    """Copy in 256 KiB pieces into a new file, fsync it, then fsync its folder for the new name:
    what an attach must do to make a new file durable (as the batch's floor does too). Writing
    over an existing file without the folder's fsync measured the same here (1 MB: 921 against
    877 MB/s, 5 Dec 2026)."""
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    with source.open("rb") as src, target.open("wb") as dst:
        while piece := src.read(256 * 1024):
            dst.write(piece)
        dst.flush()
        os.fsync(dst.fileno())
    fsync_directory(target.parent)
    return time.perf_counter() - started


def plain_open(source: Path, target: Path) -> float:
    """Read, hash and write a copy, as `extract` does with the stored chunks (no fsync either)."""
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    digest = hashlib.sha256()
    with source.open("rb") as src, target.open("wb") as dst:
        while piece := src.read(256 * 1024):
            digest.update(piece)
            dst.write(piece)
    return time.perf_counter() - started


def _store_chunks(execute: Any, path: Path) -> None:
    """What the attach's storage does with the bytes: 256 KiB rows, hashed on the way."""
    digest = hashlib.sha256()
    with path.open("rb") as src:
        n = 0
        while piece := src.read(attachment_intake.CHUNK):
            digest.update(piece)
            execute(n, piece)
            n += 1


def stages(work_dir: Path, path: Path) -> tuple[float, float, float, float]:
    """Seconds of the attach's parts measured alone: the intake (type, the PDF read and scanned),
    the sealed file the station writes (hashed on the way, fsynced), and the layout before it:
    the chunks stored in an SQLCipher database opened as the station's is (encrypted pages, WAL,
    synchronous=FULL, its commit and checkpoint), and the same in plain, unencrypted SQLite."""
    started = time.perf_counter()
    # The PDF's scan runs while its bytes are read out (into nothing here).
    attachment_intake.prepare(path, 25 * MB).write_to(lambda piece: None)
    intake = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp(prefix="stage-", dir=work_dir))
    key = secrets.token_bytes(32)
    started = time.perf_counter()
    writer = BlobFiles(folder / "files", lambda: key).writer(1)
    _store_chunks(lambda seq, piece: writer.write(piece), path)
    writer.finish()
    sealed = time.perf_counter() - started
    db = Database(folder / "encrypted.db", secrets.token_bytes(32), create=True)
    with db.write() as conn:
        conn.exec_driver_sql("CREATE TABLE c (s INTEGER PRIMARY KEY, d BLOB)")
    insert = text("INSERT INTO c VALUES (:s, :d)")
    started = time.perf_counter()
    with db.write() as conn:
        _store_chunks(lambda seq, piece: conn.execute(insert, dict(s=seq, d=piece)), path)
    encrypted = time.perf_counter() - started
    db.engine.dispose()
    plain = sqlite3.connect(folder / "plain.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "cache_size = -32768"):
        plain.execute(f"PRAGMA {pragma}").fetchall()
    plain.execute("CREATE TABLE c (s INTEGER PRIMARY KEY, d BLOB)")
    started = time.perf_counter()
    plain.execute("BEGIN IMMEDIATE")
    _store_chunks(
        lambda seq, piece: plain.execute("INSERT INTO c VALUES (?, ?)", (seq, piece)), path
    )
    plain.execute("COMMIT")
    unencrypted = time.perf_counter() - started
    plain.close()
    shutil.rmtree(folder)
    return intake, sealed, encrypted, unencrypted


def new_record(session: StationSession) -> str:
    records = RecordService(session, load_catalogue())
    record_id = records.create("F1", F1)
    records.complete(record_id)
    return record_id


def timed_attach(session: StationSession, record_id: str, path: Path) -> float:
    started = time.perf_counter()
    AttachmentService(session).attach(record_id, [path])
    return time.perf_counter() - started


def synced_record(session: StationSession, service: SyncService) -> str:
    """A completed record the centre already holds, as most are when a scan of their signed
    paper is attached: the sync timed after the attach carries what the attach added (the
    new revision, then the file), and nothing an earlier step left waiting."""
    record_id = new_record(session)
    service.run()
    return record_id


def timed_open(session: StationSession, record_id: str, path: Path, out: Path) -> float:
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    AttachmentService(session).extract(record_id, path.name, out)
    return time.perf_counter() - started


def enrol_device(port: int, engine: Any, station: str) -> tuple[str, Any]:
    code = enrolment.issue_code(engine, station, 1).code
    key = new_private_key()
    body = json.dumps(
        {
            "code": code,
            "public_key": public_key_b64(key),
            "device_name": "raw",
            "proof": enrolment_proof(key, code),
        }
    )
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("POST", "/api/v1/enroll", body, {"Content-Type": "application/json"})
    answer = json.loads(conn.getresponse().read())
    return answer["device_id"], key


def _signed(
    conn: http.client.HTTPConnection,
    device: tuple[str, Any],
    method: str,
    path: str,
    body: bytes,
    content_type: str | None,
) -> dict[str, Any]:
    device_id, key = device
    headers = sign_request(key, method, path, body, int(time.time()), device_id=device_id)
    if content_type:
        headers["Content-Type"] = content_type
    conn.request(method, path, body, headers)
    response = conn.getresponse()
    answer = json.loads(response.read())
    if response.status != 200:
        raise SystemExit(f"raw upload refused: {answer}")
    return answer


def raw_upload(
    port: int,
    device: tuple[str, Any],
    path: Path,
    *,
    chunked: bool = False,
    conn: http.client.HTTPConnection | None = None,
) -> float:
    """The same bytes through the blob endpoints with nothing else around them: the floor. A
    file of one chunk goes whole in one request, as the station sends it (protocol 3), unless
    `chunked`: the floor must be the cheapest upload the server offers, or a faster sync would
    only be measured against a slower floor."""
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    size = path.stat().st_size
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    if size <= CHUNK_SIZE and not chunked:
        started = time.perf_counter()
        answer = _signed(
            conn,
            device,
            "PUT",
            whole_path(sha256, "application/pdf"),
            path.read_bytes(),
            "application/octet-stream",
        )
        seconds = time.perf_counter() - started
        if not answer.get("complete"):
            raise SystemExit(f"raw upload not complete: {answer}")
        return seconds
    started = time.perf_counter()
    begin = json.dumps({"size": size, "media_type": "application/pdf"}).encode()
    _signed(conn, device, "POST", blob_path(sha256), begin, "application/json")
    with path.open("rb") as src:
        n = 0
        while piece := src.read(CHUNK_SIZE):
            _signed(conn, device, "PUT", chunk_path(sha256, n), piece, "application/octet-stream")
            n += 1
    answer = _signed(conn, device, "POST", blob_path(sha256) + "/complete", b"", None)
    seconds = time.perf_counter() - started
    if not answer.get("complete"):
        raise SystemExit(f"raw upload not complete: {answer}")
    return seconds


def timed_sync(service: SyncService, session: StationSession, path: Path) -> float:
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    started = time.perf_counter()
    report = service.run()
    seconds = time.perf_counter() - started
    with session.db.read() as conn:
        state = blob_uploads.state_of(conn, sha256)
    if report.waiting or state is None or state[0] != blob_uploads.COMPLETE:
        raise SystemExit(f"sync did not complete the blob: {report}, {state}")
    return seconds


def measure_batch(
    count: int,
    work_dir: Path,
    session: StationSession,
    service: SyncService,
    raw: Any,
    repeat: int,
) -> None:
    """`count` files of 1 MB picked together, as a user who drops a stack of photos or scans
    on a record does: one attach (one revision) against as many new plain files written and
    fsynced with their folder; one sync of that record against the raw upload of the same
    files, one request each over one connection."""
    port, device = raw
    runs = []
    for n in range(repeat):
        folder = work_dir / f"batch-{n}"
        folder.mkdir()
        paths = [scan_pdf(folder / f"photo-{i}.pdf", MB) for i in range(count)]
        started = time.perf_counter()
        for i, path in enumerate(paths):
            with path.open("rb") as src, (folder / f"plain-{i}.bin").open("wb") as dst:
                dst.write(src.read())
                dst.flush()
                os.fsync(dst.fileno())
        fsync_directory(folder)  # the new names, as the station's own writer does
        plain = time.perf_counter() - started
        record_id = synced_record(session, service)
        started = time.perf_counter()
        AttachmentService(session).attach(record_id, paths)
        attach = time.perf_counter() - started
        synced = timed_sync(service, session, paths[-1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        floor = sum(raw_upload(port, device, path, conn=conn) for path in paths)
        conn.close()
        runs.append((plain, attach, synced, floor))
    plain, attach, synced, floor = (statistics.median(c) for c in zip(*runs, strict=True))
    rate = functools.partial(rate_of, count)
    print(f"{count} files of 1 MB picked together (median of {repeat})")
    print(
        f"  attach {rate(attach)} | {count} new plain files written+fsynced {rate(plain)} | "
        f"ratio {plain / attach:6.1%} (target >= {TARGET_ATTACH:.0%}: "
        f"{verdict(plain / attach, TARGET_ATTACH)})"
    )
    print(
        f"  sync   {rate(synced)} | raw HTTP upload ({count} requests, one connection) "
        f"{rate(floor)} | ratio {floor / synced:6.1%} (target >= {TARGET_SYNC:.0%}: "
        f"{verdict(floor / synced, TARGET_SYNC)})"
    )


def _peak_child(work: str, mb: int, answer: Any) -> None:
    """In a fresh process: idle resident peak with the station open, then attach `mb` MB."""
    work_dir = Path(work)
    session, _ = Station.create(
        work_dir / "peak",
        code="00004",
        name="Peak",
        supervisor="truong",
        password=PASSWORD,
        kdf=crypto.TEST_KDF,
    )
    path = scan_pdf(work_dir / "peak.pdf", mb * MB)
    record_id = new_record(session)
    idle = _resident_kib()  # now, not the high-water mark: creating the station peaked higher
    # Not getrusage's ru_maxrss: across the exec that starts this process Linux keeps the
    # high-water mark of the forked copy of the parent, so it measured the bench's own size
    # (in the full run, 69 MB "above idle" where the attach itself adds 22 MB). The kernel's
    # VmHWM, reset to the resident size now, is the peak of this process from here on.
    Path("/proc/self/clear_refs").write_text("5")
    AttachmentService(session).attach(record_id, [path])
    peak = _status_kib("VmHWM")
    tracemalloc.start()
    AttachmentService(session).attach(new_record(session), [path])
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    session.close()
    answer.put(((peak - idle) / 1024, traced / MB))


def _status_kib(field: str) -> int:
    """A field of /proc/self/status in KiB (Linux), e.g. VmHWM, the peak resident size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/self/status has no {field}")


def _resident_kib() -> int:
    """The process's resident size now (Linux /proc), in KiB like VmHWM."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def memory_peak(work_dir: Path, mb: int) -> tuple[float, float]:
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    child = context.Process(target=_peak_child, args=(str(work_dir), mb, answer))
    child.start()
    child.join(600)
    if child.exitcode != 0:
        raise SystemExit(f"the memory measurement failed (exit code {child.exitcode})")
    return answer.get(timeout=5)


def rate_of(megabytes: float, seconds: float) -> str:
    return f"{megabytes / seconds:6.1f} MB/s"


def verdict(value: float, target: float, at_least: bool = True) -> str:
    met = value >= target if at_least else value <= target
    return "met" if met else "MISSED"


def warm_up(
    work_dir: Path, session: StationSession, service: SyncService, raw: Any, size_mb: int
) -> None:
    """One untimed round of what is timed: the server's workers and PostgreSQL's backends meet
    the blob tables, and the station its files folder, before the first figure. A first 1 MB
    insert into a backend that never touched them took 110 ms against 35-50 after, and it fell
    on the sync (timed first), never on the raw upload after it."""
    record_id = synced_record(session, service)
    path = scan_pdf(work_dir / f"warm-{size_mb}mb.pdf", size_mb * MB)
    AttachmentService(session).attach(record_id, [path])
    service.run()
    raw_upload(*raw, scan_pdf(work_dir / f"warm-raw-{size_mb}mb.pdf", size_mb * MB))


def measure_size(
    size_mb: int,
    work_dir: Path,
    session: StationSession,
    service: SyncService,
    raw: Any,
    repeat: int,
) -> None:
    """One size: attach, open and sync beside their floors, one line each; each figure is the
    median of `repeat` runs, each with fresh bytes (a blob the server holds is not sent again)."""
    port, device = raw
    one_chunk = size_mb * MB <= CHUNK_SIZE
    warm_up(work_dir, session, service, raw, size_mb)
    runs: list[tuple[float, ...]] = []
    for n in range(repeat):
        record_id = synced_record(session, service)  # first: the floors and the attach in a row
        path = scan_pdf(work_dir / f"scan-{size_mb}mb-{n}.pdf", size_mb * MB)
        plain = plain_write(path, work_dir / "plain.bin")
        attach = timed_attach(session, record_id, path)
        # The reads leave copies unsynced: after the writes, for the same reason as above.
        plain_read = plain_open(work_dir / "plain.bin", work_dir / "plain-copy.bin")
        opened = timed_open(session, record_id, path, work_dir / "opened.pdf")
        synced = timed_sync(service, session, path)
        floor = raw_upload(port, device, path)
        tiny = scan_pdf(work_dir / f"tiny-{size_mb}mb-{n}.pdf", 2048)
        # What every attach pays, whatever its size (synced before the next run's timing).
        fixed = timed_attach(session, new_record(session), tiny)
        # For one chunk, also the three-request upload (other bytes: these are held now).
        other = scan_pdf(work_dir / f"other-{size_mb}mb-{n}.pdf", size_mb * MB)
        chunked = raw_upload(port, device, other, chunked=True) if one_chunk else floor
        intake, sealed, encrypted, unencrypted = stages(work_dir, path)
        runs.append(
            (plain, attach, fixed, intake, sealed, encrypted, unencrypted, plain_read, opened)
        )
        runs.append((synced, floor, chunked))  # one run: two rows, each of its own shape
    timed = [statistics.median(c) for c in zip(*runs[0::2], strict=True)]
    plain, attach, fixed, intake, sealed, encrypted, unencrypted, plain_read, opened = timed
    synced, floor, chunked = (statistics.median(c) for c in zip(*runs[1::2], strict=True))
    rate = functools.partial(rate_of, path.stat().st_size / MB)
    print(f"{size_mb:>3} MB file (median of {repeat})")
    print(
        f"  attach {rate(attach)} | new plain file written+fsynced, and its folder "
        f"{rate(plain)} | ratio {plain / attach:6.1%}"
        f" (target >= {TARGET_ATTACH:.0%}: {verdict(plain / attach, TARGET_ATTACH)})"
    )
    print(
        f"         a 2 KB file's attach {fixed * 1000:.1f} ms: the signed revision, audit and "
        f"outbox rows and their commit, paid whatever the size (this file's plain write: "
        f"{plain * 1000:.1f} ms)"
    )
    print(
        f"         its parts alone: intake (read, PDF scan) {intake * 1000:.0f} ms; sealed file "
        f"{rate(sealed)} (ratio {plain / sealed:.1%}); the layout before: chunks into "
        f"SQLCipher with commit {rate(encrypted)} (ratio {plain / encrypted:.1%}), into "
        f"unencrypted SQLite {rate(unencrypted)} (ratio {plain / unencrypted:.1%})"
    )
    print(
        f"  open   {rate(opened)} | plain read+hash+copy {rate(plain_read)} | ratio "
        f"{plain_read / opened:6.1%}"
    )
    requests = "1 request" if one_chunk else "begin+chunks+complete"
    print(
        f"  sync   {rate(synced)} | raw HTTP upload ({requests}) {rate(floor)} | ratio "
        f"{floor / synced:6.1%} (target >= {TARGET_SYNC:.0%}: "
        f"{verdict(floor / synced, TARGET_SYNC)})"
    )
    if one_chunk:
        print(f"         raw upload by begin+chunk+complete {rate(chunked)} (not the floor)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,20", help="file sizes in MB, comma-separated")
    parser.add_argument("--peak-mb", type=int, default=25, help="file attached for the peak")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    parser.add_argument(
        "--batch", type=int, default=10, help="1 MB files picked together (0: none)"
    )
    parser.add_argument("--rekey-total-mb", type=int, default=0, help="0: no rekey/backup timing")
    args = parser.parse_args()

    name = f"cax_attachbench_{secrets.token_hex(4)}"
    admin = create_engine(ingest.ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db_text = make_url(ingest.ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(Settings(database_url=db_text))
    process = None
    with tempfile.TemporaryDirectory(prefix="cax-attach-bench-") as work:
        work_dir = Path(work)
        session = None
        try:
            setup.upgrade_database(engine)
            stations.add_station(engine, "00004", "Bench")
            stations.add_station(engine, "00008", "Raw upload")
            session, _ = Station.create(
                work_dir / "station",
                code="00004",
                name="Bench",
                supervisor="truong",
                password=PASSWORD,
                kdf=crypto.TEST_KDF,
            )
            process, port = ingest.start_server(db_text, work_dir, args.workers)
            service = SyncService(session)
            service.enroll(
                f"http://127.0.0.1:{port}", enrolment.issue_code(engine, "00004", 1).code
            )
            raw = (port, enrol_device(port, engine, "00008"))
            print(f"serve --workers {args.workers}, PostgreSQL, {os.cpu_count()} cores")
            for size_mb in (int(s) for s in args.sizes.split(",")):
                measure_size(size_mb, work_dir, session, service, raw, args.repeat)
            if args.batch:
                measure_batch(args.batch, work_dir, session, service, raw, args.repeat)
            process.send_signal(signal.SIGINT)
            process.wait(30)
            process = None
            if args.rekey_total_mb:
                rekey_and_backup(session, work_dir, args.rekey_total_mb)
        finally:
            if session is not None:
                session.close()
            if process is not None:  # SIGINT first: a SIGKILL would orphan its workers
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
            engine.dispose()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        above_idle, traced = memory_peak(work_dir, args.peak_mb)
        print(
            f"attaching {args.peak_mb} MB: peak resident size {above_idle:.1f} MB above the idle "
            f"process (VmHWM reset at idle; target <= {TARGET_PEAK_MB} MB: "
            f"{verdict(above_idle, TARGET_PEAK_MB, at_least=False)}); "
            f"tracemalloc peak of Python objects {traced:.1f} MB"
        )


def rekey_and_backup(session: StationSession, work_dir: Path, total_mb: int) -> None:
    """What stored files cost a data-key rotation and a backup, with 50 MB and `total_mb` MB."""

    def fill_to(megabytes: int) -> None:
        stored = _stored_mb(session)
        while stored < megabytes:
            AttachmentService(session).attach(
                new_record(session), [scan_pdf(work_dir / "more.pdf", 25 * MB)]
            )
            stored += 25

    fill_to(50)
    rekey_small, backup_small = _rekey_seconds(session), _backup_seconds(session, work_dir)
    fill_to(total_mb)
    rekey_big, backup_big = _rekey_seconds(session), _backup_seconds(session, work_dir)
    print(f"rekey: {rekey_small:.2f} s with 50 MB of files, {rekey_big:.2f} s with {total_mb} MB")
    print(f"backup: {backup_small:.2f} s with 50 MB, {backup_big:.2f} s with {total_mb} MB")


def _stored_mb(session: StationSession) -> float:
    with session.db.read() as conn:
        return float(conn.execute(text("SELECT COALESCE(SUM(size), 0) FROM blobs")).scalar()) / MB


def _rekey_seconds(session: StationSession) -> float:
    started = time.perf_counter()
    maintenance.rotate_data_key(session)
    return time.perf_counter() - started


def _backup_seconds(session: StationSession, work_dir: Path) -> float:
    target = work_dir / "b.caxbackup"
    started = time.perf_counter()
    backup.create_backup(session, target)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


if __name__ == "__main__":
    main()
