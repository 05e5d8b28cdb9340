"""Attachment benchmark: attaching a 25 MB file (time, peak Python memory) against writing the same
bytes to a plain file in the same run, and what attachments cost a data-key rotation and a backup.

The scan is a PDF whose page is 25 MB of incompressible data, stored byte for byte; the photo a
noise JPEG of about the same size, decoded and re-saved by Pillow. Peak Python memory is
tracemalloc's (Python objects only: Pillow's decoded pixels are C memory, so the process's peak
resident size is printed beside it).

    .venv/bin/python bench/attachment_bench.py [--mb 25] [--total-mb 200]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.permissions import Role  # noqa: E402
from desktop.storage import accounts, backup, crypto, maintenance  # noqa: E402
from desktop.storage.attachment_service import AttachmentService  # noqa: E402
from desktop.storage.records import RecordService  # noqa: E402
from desktop.storage.station import Station  # noqa: E402
from domain.forms.catalogue import load_catalogue  # noqa: E402

PASSWORD = "Bench-Pass-2026!"
MB = 1024 * 1024
F1 = json.loads((ROOT / "docs" / "examples" / "F1.json").read_text(encoding="utf-8"))["values"]


def scan_pdf(path: Path, size: int) -> Path:
    """A one-page PDF carrying `size` bytes of incompressible data in one stream."""
    with path.open("wb") as out:
        out.write(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        out.write(b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
        out.write(b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n")
        out.write(b"4 0 obj\n<< /Length %d >>\nstream\n" % size)
        left = size
        while left:
            piece = os.urandom(min(left, MB))
            out.write(piece)
            left -= len(piece)
        out.write(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    return path


def noise_photo(path: Path, target: int) -> Path:
    """A JPEG of noise near `target` bytes (noise does not compress: the worst case)."""
    side = 1000
    for _ in range(6):
        Image.effect_noise((side * 4 // 3, side), 90).convert("RGB").save(path, quality=95)
        if 0.85 * target <= path.stat().st_size <= target:
            break
        side = int(side * (0.93 * target / path.stat().st_size) ** 0.5)
    return path


def plain_write(source: Path, target: Path) -> float:
    """Copy in 256 KiB pieces and fsync, as the database's synchronous=FULL commit would."""
    started = time.perf_counter()
    with source.open("rb") as src, target.open("wb") as dst:
        while piece := src.read(256 * 1024):
            dst.write(piece)
        dst.flush()
        os.fsync(dst.fileno())
    return time.perf_counter() - started


def new_record(session) -> str:
    records = RecordService(session, load_catalogue())
    record_id = records.create("F1", F1)
    records.complete(record_id)
    return record_id


def timed_attach(session, path: Path) -> tuple[float, int]:
    """Seconds of attaching `path` to a fresh record, then the peak traced Python bytes of
    attaching it to another (tracemalloc slows Python down, so it is not on while timing; the
    second copy goes through the same steps, its chunks dropped as a duplicate at the end)."""
    service = AttachmentService(session)
    record_id = new_record(session)
    started = time.perf_counter()
    service.attach(record_id, [path])
    seconds = time.perf_counter() - started
    record_id = new_record(session)
    tracemalloc.start()
    service.attach(record_id, [path])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=25, help="size of the file attached")
    parser.add_argument("--total-mb", type=int, default=200, help="attachments before the rekey")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cax-attach-bench-") as work:
        work_dir = Path(work)
        home = work_dir / "station"
        session, _ = Station.create(
            home,
            code="00004",
            name="Bench",
            supervisor="truong",
            password=PASSWORD,
            kdf=crypto.TEST_KDF,
        )
        accounts.add_user(session, "lan", Role.OFFICER, "Canbo-Hoa-77", "Lan")
        size = args.mb * MB
        scan = scan_pdf(work_dir / "scan.pdf", size - 1024)  # with the PDF's own bytes: ≤ limit
        photo = noise_photo(work_dir / "photo.jpg", size)
        print(
            f"files: scan {scan.stat().st_size / MB:.1f} MB, photo {photo.stat().st_size / MB:.1f} MB"
        )
        for label, path in (("scan (PDF)", scan), ("photo (JPEG)", photo)):
            plain = plain_write(path, work_dir / "plain.bin")
            seconds, peak = timed_attach(session, path)
            file_mb = path.stat().st_size / MB
            print(
                f"{label:13} attach {seconds:6.2f} s ({file_mb / seconds:5.1f} MB/s) | plain write "
                f"{plain:5.2f} s ({file_mb / plain:6.1f} MB/s) | attach/plain {plain / seconds:5.1%}"
                f" | peak Python memory {peak / MB:5.1f} MB = {peak / path.stat().st_size:4.1%} "
                "of the file"
            )
        print(
            f"peak resident size of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )

        rekey_empty = _rekey_seconds(session)
        backup_empty = _backup_seconds(session, work_dir)
        stored = 2 * size
        while stored < args.total_mb * MB:
            AttachmentService(session).attach(
                new_record(session), [scan_pdf(work_dir / "more.pdf", size - 1024)]
            )
            stored += size
        db_mb = (home / "station.db").stat().st_size / MB
        rekey_full = _rekey_seconds(session)
        backup_full = _backup_seconds(session, work_dir)
        print(
            f"rekey: {rekey_empty:.2f} s with 50 MB of files, {rekey_full:.2f} s with "
            f"{stored / MB:.0f} MB (database {db_mb:.0f} MB)"
        )
        print(
            f"backup: {backup_empty:.2f} s with 50 MB of files, {backup_full:.2f} s with "
            f"{stored / MB:.0f} MB"
        )
        session.close()


def _rekey_seconds(session) -> float:
    started = time.perf_counter()
    maintenance.rotate_data_key(session)
    return time.perf_counter() - started


def _backup_seconds(session, work_dir: Path) -> float:
    target = work_dir / "b.caxbackup"
    started = time.perf_counter()
    backup.create_backup(session, target)
    seconds = time.perf_counter() - started
    target.unlink()
    return seconds


if __name__ == "__main__":
    main()
