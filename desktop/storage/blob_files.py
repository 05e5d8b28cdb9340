"""Attachments' bytes as sealed files beside the database: `<station>/files/<blob id>-<kid>.cax`.

Why files and not chunks in SQLCipher: docs/architecture.md, "Attachments". The rows (blobs,
attachments, revisions, audit) stay in the database; each blob row names one file here.

A file: a header (magic, format version, 32 random bytes of salt), then frames of at most CHUNK
bytes of plaintext, each sealed with AES-256-GCM under HKDF-SHA256(data key, salt) — a key of
its own per file, so the frame's index is a unique nonce. Each frame's associated data is the
header, the blob's id, the frame's index and whether it is the last: a frame cut off, moved, or
taken from another file fails to open, and so does a whole file renamed to another blob's name. `kid` (a keyed hash of the data key, never of the content) tells which data key
sealed the file, so a rotation can write the new files beside the old ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import stat
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.storage.files import fsync_directory, shared_mode

FOLDER = "files"
CHUNK = 256 * 1024
MAGIC = b"CAXF"
VERSION = 1
SALT = 32
HEADER = len(MAGIC) + 1 + SALT
TAG = 16
_FRAME = CHUNK + TAG
_INFO = b"cax attachment file v1"
_KID_LABEL = b"cax attachment key id"
NAME = re.compile(r"^(\d+)-([0-9a-f]{16})\.cax$")
PART = ".part"


class SealedFileError(Exception):
    """The file is missing, cut short, altered, or not sealed under the key given."""


def key_id(data_key: bytes) -> str:
    """Which data key sealed a file (16 hex digits), revealing nothing of the key or the bytes."""
    return hmac.new(data_key, _KID_LABEL, hashlib.sha256).hexdigest()[:16]


def frames_for(size: int) -> int:
    """How many frames hold `size` bytes: at least one (an empty file has one empty frame)."""
    return max(1, -(-size // CHUNK))


def sealed_size(size: int) -> int:
    return HEADER + size + TAG * frames_for(size)


def _file_key(data_key: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO)
    return AESGCM(hkdf.derive(data_key))


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def _aad(header: bytes, blob_id: int, index: int, last: bool) -> bytes:
    return header + struct.pack(">QQB", blob_id, index, 1 if last else 0)


class SealedWriter:
    """Plaintext in, in any pieces: re-cut to CHUNK-byte frames and written sealed as it comes.
    A full frame is held back until more bytes follow, so the last one is known when sealed."""

    def __init__(self, path: Path, blob_id: int, data_key: bytes) -> None:
        self.path, self._blob_id = path, blob_id
        # Written under a name of its own and renamed once whole and fsynced: a file under its
        # final name is always complete, whatever a crash interrupted (a rotation finishing at
        # the next unlock relies on it); a `.part` left behind is swept.
        self.partial = path.with_name(path.name + PART)
        self._renamed = False
        salt = os.urandom(SALT)
        self._header = MAGIC + bytes([VERSION]) + salt
        self._aead = _file_key(data_key, salt)
        with contextlib.suppress(FileNotFoundError):
            self.partial.unlink()  # what a killed writer of the same name left
        mode = shared_mode(path.parent, 0o600)
        fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        if os.name == "posix":  # the umask may have taken the group's rights of a shared folder
            os.fchmod(fd, mode)
        self._handle = os.fdopen(fd, "wb")  # buffered: a write is whole or raises
        self._handle.write(self._header)
        self._pending = bytearray()
        self._index = 0

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        if self._pending:  # fill the frame held back first
            take = CHUNK - len(self._pending)
            self._pending += view[:take]
            view = view[take:]
            if not view:
                return
            self._seal(self._pending, last=False)
            self._pending = bytearray()
        while len(view) > CHUNK:  # whole frames straight from the caller's bytes, no copy
            self._seal(view[:CHUNK], last=False)
            view = view[CHUNK:]
        self._pending += view

    def finish(self) -> None:
        """Seal the last frame, flush and fsync the file, give it its final name (replacing one
        a rolled-back attach of the same blob id left), and fsync the folder for the name."""
        self._seal(self._pending, last=True)
        self._pending = bytearray()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        os.replace(self.partial, self.path)
        self._renamed = True
        fsync_directory(self.path.parent)

    def discard(self) -> None:
        """Close and delete the file, whole or half-written (a failed or duplicate store, a
        rolled-back attach); a close that fails (its buffer meeting a full disk) must not keep
        the file."""
        with contextlib.suppress(OSError):
            self._handle.close()
        for written in (self.partial, self.path) if self._renamed else (self.partial,):
            with contextlib.suppress(FileNotFoundError):
                written.unlink()

    def _seal(self, plain: bytes | bytearray | memoryview, *, last: bool) -> None:
        aad = _aad(self._header, self._blob_id, self._index, last)
        self._handle.write(self._aead.encrypt(_nonce(self._index), plain, aad))
        self._index += 1


def read_sealed(
    path: Path, blob_id: int, data_key: bytes, size: int, start: int = 0
) -> Iterator[bytes]:
    """The plaintext of blob `blob_id`'s sealed file of `size` bytes, frame by frame from frame
    `start`, each authenticated before it is yielded (SealedFileError otherwise)."""
    frames = frames_for(size)
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise SealedFileError("missing") from exc
    with handle:
        header = handle.read(HEADER)
        if len(header) != HEADER or header[: len(MAGIC)] != MAGIC or header[4] != VERSION:
            raise SealedFileError("header")
        if os.fstat(handle.fileno()).st_size != sealed_size(size):
            raise SealedFileError("length")
        aead = _file_key(data_key, header[len(MAGIC) + 1 :])
        handle.seek(HEADER + start * _FRAME)
        for index in range(start, frames):
            sealed = handle.read(_FRAME)
            try:
                last = index == frames - 1
                plain = aead.decrypt(_nonce(index), sealed, _aad(header, blob_id, index, last))
            except InvalidTag as exc:
                raise SealedFileError(f"frame {index}") from exc
            yield plain


class BlobFiles:
    """The files folder of one database, sealed under whatever data key it holds now."""

    def __init__(self, folder: Path, data_key: Callable[[], bytes]) -> None:
        self.folder = folder
        self._data_key = data_key

    @property
    def data_key(self) -> bytes:
        return self._data_key()

    def path(self, blob_id: int, data_key: bytes | None = None) -> Path:
        return self.folder / f"{blob_id}-{key_id(data_key or self.data_key)}.cax"

    def writer(self, blob_id: int, data_key: bytes | None = None) -> SealedWriter:
        """A new file for the blob; the folder is made (and its parent fsynced) on first use."""
        if not self.folder.is_dir():
            # Past the umask, as the station's other files; a shared folder's setgid bit kept,
            # so that files made in it are shared with the group too.
            setgid = self.folder.parent.stat().st_mode & stat.S_ISGID
            mode = shared_mode(self.folder.parent, 0o700) | setgid
            self.folder.mkdir(mode=mode, exist_ok=True)
            os.chmod(self.folder, mode)
            fsync_directory(self.folder.parent)
        key = data_key or self.data_key
        return SealedWriter(self.path(blob_id, key), blob_id, key)

    def read(self, blob_id: int, size: int, start: int = 0) -> Iterator[bytes]:
        key = self.data_key
        return read_sealed(self.path(blob_id, key), blob_id, key, size, start)

    def reseal(self, blob_id: int, size: int, old_key: bytes, new_key: bytes) -> None:
        """Write the blob's file anew under `new_key` from its file under `old_key` (both kept)."""
        writer = self.writer(blob_id, new_key)
        try:
            for frame in read_sealed(self.path(blob_id, old_key), blob_id, old_key, size):
                writer.write(frame)
            writer.finish()
        except BaseException:
            writer.discard()
            raise

    def names(self) -> list[tuple[str, int, str]]:
        """(file name, blob id, kid) of every attachment file in the folder."""
        found = []
        for name in self._listing():
            match = NAME.match(name)
            if match:
                found.append((name, int(match.group(1)), match.group(2)))
        return found

    def partials(self) -> list[str]:
        """Files a writer began and never finished (a kill or a power cut while writing)."""
        return [n for n in self._listing() if n.endswith(PART) and NAME.match(n[: -len(PART)])]

    def _listing(self) -> list[str]:
        try:
            return sorted(os.listdir(self.folder))
        except FileNotFoundError:
            return []

    def remove(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.folder / name).unlink()
