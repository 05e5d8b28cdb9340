"""Small files beside the database, written so that a power cut leaves either the old or the new copy."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """`data` in place of `path`, whole or not at all (see `replaced_atomically`)."""
    with replaced_atomically(path, mode) as temp:
        temp.write_bytes(data)


@contextlib.contextmanager
def replaced_atomically(path: Path, mode: int | None = 0o600) -> Iterator[Path]:
    """A temp file beside `path` for the caller to write (and check) in full. When the block
    ends well it is fsynced, given `mode` (None: left as the file system makes it — a FAT USB
    stick refuses chmod), renamed over `path`, and the folder fsynced; when it fails the temp
    file is removed and `path` is left as it was. A power cut leaves the old or the new copy."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(tmp_name)
    try:
        yield temp
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, shared_mode(path.parent, mode))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_directory(path.parent)


def fsync_directory(folder: Path) -> None:
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
