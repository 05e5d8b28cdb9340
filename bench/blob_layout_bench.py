"""Where attached bytes could live: the cost of storing one file in each layout, against writing
the same bytes to a plain file with fsync, all in the same run.

The attach target (>= 30 % of a plain write, bench/attachments_bench.py) is missed with files
stored in the station's SQLCipher database. This measures the storage step alone, with nothing
else of an attach (no hashing, no intake checks, no revision), to tell a layout that can reach
the target from one that cannot:

- `sqlcipher-station`: 256 KiB chunk rows in one transaction, with the station database's own
  settings (4 KiB pages, WAL, synchronous=FULL, cipher_memory_security=ON), checkpointed;
- `sqlcipher-64k-rollback`: the same rows in a database with 64 KiB pages and a rollback journal
  (what a separate attachments database could use);
- `sealed-file`: the bytes sealed with AES-256-GCM in 1 MiB frames into a file of their own, with
  fsync (the other design the architecture page weighs).

    .venv/bin/python bench/blob_layout_bench.py [--mb 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ROW = 256 * 1024
FRAME = 1024 * 1024
KEY = os.urandom(32)


def plain_write(path: Path, data: bytes) -> None:
    with path.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _sqlcipher(path: Path, data: bytes, pragmas: tuple[str, ...], checkpoint: bool) -> None:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{KEY.hex()}'\"")
    for pragma in pragmas:
        conn.execute(pragma)
    conn.execute("CREATE TABLE IF NOT EXISTS chunks (n INTEGER PRIMARY KEY, bytes BLOB)")
    conn.execute("BEGIN")
    for n, start in enumerate(range(0, len(data), ROW)):
        conn.execute("INSERT INTO chunks VALUES (?, ?)", (n, data[start : start + ROW]))
    conn.execute("COMMIT")
    if checkpoint:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def sqlcipher_station(path: Path, data: bytes) -> None:
    pragmas = (
        "PRAGMA cipher_memory_security = ON",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
    )
    _sqlcipher(path, data, pragmas, checkpoint=True)


def sqlcipher_64k_rollback(path: Path, data: bytes) -> None:
    pragmas = (
        "PRAGMA cipher_page_size = 65536",
        "PRAGMA journal_mode = TRUNCATE",
        "PRAGMA synchronous = FULL",
    )
    _sqlcipher(path, data, pragmas, checkpoint=False)


def sealed_file(path: Path, data: bytes) -> None:
    aead = AESGCM(KEY)
    with path.open("wb") as out:
        for n, start in enumerate(range(0, len(data), FRAME)):
            nonce = os.urandom(12)
            frame = aead.encrypt(nonce, data[start : start + FRAME], n.to_bytes(8, "big"))
            out.write(nonce + frame)
        out.flush()
        os.fsync(out.fileno())


LAYOUTS: dict[str, Callable[[Path, bytes], None]] = {
    "sqlcipher-station": sqlcipher_station,
    "sqlcipher-64k-rollback": sqlcipher_64k_rollback,
    "sealed-file": sealed_file,
}


def timed(store: Callable[[Path, bytes], None], folder: Path, data: bytes) -> float:
    target = folder / f"{time.monotonic_ns()}.bin"
    started = time.perf_counter()
    store(target, data)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = os.urandom(args.mb * 1024 * 1024)
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as tmp:
        folder = Path(tmp)
        floor = statistics.median(timed(plain_write, folder, data) for _ in range(args.repeat))
        print(f"plain write + fsync   {args.mb / floor:8.1f} MB/s  (the floor)")
        for name, store in LAYOUTS.items():
            took = statistics.median(timed(store, folder, data) for _ in range(args.repeat))
            print(f"{name:22}{args.mb / took:8.1f} MB/s  {100 * floor / took:5.1f} % of the floor")


if __name__ == "__main__":
    main()
