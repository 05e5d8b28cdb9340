"""PDF scan benchmark: how long `pdf_scan.unsafe_features` takes per MB of a scanned page, against
hashing the same bytes in the same run.

- scan: the active-content scan the intake runs beside the copy of every PDF attached
  (`desktop/core/pdf_scan.py`), reading the file from disk in its own 1 MiB pieces;
- floor: SHA-256 of the same file read the same way, the cheapest pass over every byte Python
  offers (its C code runs at memory speed on this machine); the ratio scan / floor says how far
  the scan is from costing nothing more than a read (target: <= 0.6 ms per MB, about 1x).

Each file is a one-page PDF whose page is one stream of `--bodies`: `random` (incompressible
bytes, the worst case: every byte value as often as any other), `jpeg` (a noisy photo saved by
Pillow, repeated) or `flate` (zlib-compressed greyscale rows). The page cache holds the file, so
the disk is not measured; each figure is the median of `--repeat` runs.

    .venv/bin/python bench/pdf_scan_bench.py [--sizes 1,20] [--bodies random,jpeg,flate] [--repeat 9]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from desktop.core import pdf_scan  # noqa: E402

MB = 1024 * 1024
TARGET_MS_PER_MB = 0.6


def random_body(size: int) -> bytes:
    return os.urandom(size)


def jpeg_body(size: int) -> bytes:
    """A photo-like JPEG (noise over a gradient, quality 90) repeated to `size` bytes."""
    rng = random.Random(7)
    side = 1024
    pixels = bytes((x // 4 + rng.randrange(64)) % 256 for x in range(side * side * 3))
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(out, "JPEG", quality=90)
    photo = out.getvalue()
    return (photo * (size // len(photo) + 1))[:size]


def flate_body(size: int) -> bytes:
    """Greyscale rows with a little noise, compressed as a PDF writer's FlateDecode would."""
    rng = random.Random(11)
    packer = zlib.compressobj(6)
    parts, total = [], 0
    while total < size:
        rows = bytes((x // 3 + rng.randrange(16)) % 256 for x in range(256 * 1024))
        part = packer.compress(rows)
        parts.append(part)
        total += len(part)
    return b"".join(parts)[:size]


BODIES: dict[str, Callable[[int], bytes]] = {
    "random": random_body,
    "jpeg": jpeg_body,
    "flate": flate_body,
}


def scan_pdf(path: Path, body: bytes) -> Path:
    """A one-page PDF whose page is `body`, with nothing active in it."""
    body = body.replace(b"endstream", b"endstreaX")  # chance spelling would end the stream early
    head = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    head += b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    head += b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    head += b"4 0 obj\n<< /Length %d >>\nstream\n" % len(body)
    tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    path.write_bytes(head + body + tail)
    return path


def scan(path: Path) -> float:
    started = time.perf_counter()
    with path.open("rb") as file:
        found = pdf_scan.unsafe_features(file)
    elapsed = time.perf_counter() - started
    assert not found, found  # a clean scan must pass, or the timing is of the wrong thing
    return elapsed


def floor(path: Path) -> float:
    started = time.perf_counter()
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while piece := file.read(pdf_scan.PIECE):
            digest.update(piece)
    return time.perf_counter() - started


def median_ms_per_mb(measure: Callable[[Path], float], path: Path, repeat: int) -> float:
    measure(path)  # warm the page cache and the allocator
    size_mb = path.stat().st_size / MB
    return statistics.median(measure(path) for _ in range(repeat)) * 1000 / size_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,20", help="file sizes in MB, comma-separated")
    parser.add_argument("--bodies", default="random,jpeg,flate", help=", ".join(BODIES))
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="cax-pdf-scan-bench-") as tmp:
        for kind in args.bodies.split(","):
            for size_mb in (int(s) for s in args.sizes.split(",")):
                path = scan_pdf(Path(tmp) / f"{kind}-{size_mb}.pdf", BODIES[kind](size_mb * MB))
                scan_ms = median_ms_per_mb(scan, path, args.repeat)
                floor_ms = median_ms_per_mb(floor, path, args.repeat)
                worst = max(worst, scan_ms)
                print(
                    f"{kind:<6} {size_mb:3d} MB   scan {scan_ms:5.2f} ms/MB   "
                    f"sha256 {floor_ms:5.2f} ms/MB   ratio {scan_ms / floor_ms:4.2f}x"
                )
                path.unlink()
    verdict = "ok" if worst <= TARGET_MS_PER_MB else "over"
    print(f"slowest scan {worst:.2f} ms/MB (target <= {TARGET_MS_PER_MB} ms/MB): {verdict}")


if __name__ == "__main__":
    main()
