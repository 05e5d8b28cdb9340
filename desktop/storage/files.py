"""Small files beside the database, written so that a power cut leaves either the old or the new copy."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write to a temp file in the same folder, fsync it, rename over `path`, then fsync the folder."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, shared_mode(path.parent, mode))
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory; NTFS journals the rename itself.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def shared_mode(folder: Path, mode: int) -> int:
    """`mode`, plus the same rights for the group when `folder` is a shared station folder: one an
    administrator gave a group and the setgid bit so several OS accounts use it (docs/install.md)."""
    try:
        shared = os.name == "posix" and bool(folder.stat().st_mode & stat.S_ISGID)
    except OSError:
        shared = False
    return mode | (mode & 0o700) >> 3 if shared else mode
