"""The attachment section of a version-2 bundle: each file's bytes sealed in frames of 1 MiB.

After the records, a version-2 bundle holds a run of frames that ends where its SHA-256 begins:

    frame = sealed length u32 | AES-256-GCM(kind u8 | body)

Every frame is sealed under the bundle's files key (HKDF of the same X25519 exchange as the
records, with its own `info`, so a nonce is never used twice under one key), with the nonce
4 zero bytes + the frame's number (u64) and the bundle's magic, version and header as associated
data. Kinds, in this order: FILE (canonical JSON `{sha256, size, media_type}`), then exactly
`chunk_count(size)` DATA frames holding the file's bytes cut as the online upload cuts them (each
DATA frame is one wire chunk), …, and one END (u32 number of files). A dropped, repeated, moved
or edited frame fails its tag; a section cut short lacks its END. Nothing here holds more than
one frame in memory, writing or reading.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import BinaryIO, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import ValidationError

from protocol.attachments import (
    CHUNK_SIZE,
    MAX_BLOB_BYTES,
    MediaType,
    Sha256Hex,
    chunk_count,
    chunk_length,
)
from protocol.canonical import canonical_json
from protocol.errors import ErrorCode
from protocol.messages import WireModel

FILES_HKDF_INFO = b"CAX-BUNDLE-2 files X25519-HKDF-SHA256 AES-256-GCM"
FILE, DATA, END = 1, 2, 3
# At most this many files in one bundle, and a FILE frame's JSON at most this long.
MAX_BUNDLE_FILES = 10_000
MAX_ENTRY_BYTES = 1024
_TAG_BYTES = 16
MAX_FRAME_BYTES = 1 + CHUNK_SIZE + _TAG_BYTES
_LENGTH = struct.Struct(">I")
_COUNT = struct.Struct(">I")
_NONCE_PREFIX = b"\x00" * 4
# How much of a frame is read at a time while it is only being hashed, not opened.
_READ_PIECE = 256 * 1024


class BundleError(Exception):
    """A bundle or receipt refused: a stable `code` to act on and show, a `detail` for logs."""

    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.code.value}: {self.detail}"


class FileEntry(WireModel):
    """One file a bundle carries: its name is its content's SHA-256."""

    sha256: Sha256Hex
    size: int
    media_type: MediaType


class _Sink(Protocol):
    def write(self, data: bytes, /) -> int: ...


def files_key(shared: bytes, ephemeral_public: bytes, server_public: bytes) -> bytes:
    """The files' AES key: the records' exchange, a different HKDF `info`."""
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + server_public,
        info=FILES_HKDF_INFO,
    )
    return hkdf.derive(shared)


def _nonce(number: int) -> bytes:
    return _NONCE_PREFIX + number.to_bytes(8, "big")


class FrameWriter:
    """Seals files into `out` frame by frame; `finish` writes the END frame. The section's
    length (`section_length`) goes before it."""

    def __init__(self, out: _Sink, key: bytes, associated: bytes) -> None:
        self._out, self._aead, self._associated = out, AESGCM(key), associated
        self._number = 0
        self.files = 0
        self.file_bytes = 0

    def _frame(self, kind: int, body: bytes | bytearray) -> None:
        sealed = self._aead.encrypt(
            _nonce(self._number), bytes([kind]) + bytes(body), self._associated
        )
        self._out.write(_LENGTH.pack(len(sealed)))
        self._out.write(sealed)
        self._number += 1

    def add_file(self, entry: FileEntry, pieces: Iterable[bytes]) -> None:
        """Seal one file from its bytes in pieces of any length; they must add up to
        `entry.size` (a store that changed under us is a bug, not a bundle to send)."""
        if self.files >= MAX_BUNDLE_FILES:
            raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"at most {MAX_BUNDLE_FILES} files")
        self._frame(FILE, canonical_json(entry.model_dump(mode="json")))
        buffer, sent, total = bytearray(), 0, 0
        for piece in pieces:
            buffer += piece
            total += len(piece)
            # A full buffer goes only when more follows: the file's last chunk is sent below.
            full = len(buffer) >= CHUNK_SIZE
            while len(buffer) > CHUNK_SIZE or (full and total < entry.size):
                self._frame(DATA, buffer[:CHUNK_SIZE])
                del buffer[:CHUNK_SIZE]
                sent += 1
                full = len(buffer) >= CHUNK_SIZE
        self._frame(DATA, buffer)
        if total != entry.size or sent + 1 != chunk_count(entry.size):
            raise ValueError(f"file {entry.sha256[:12]} gave {total} bytes, not {entry.size}")
        self.files += 1
        self.file_bytes += total

    def finish(self) -> None:
        self._frame(END, _COUNT.pack(self.files))


def _truncated() -> BundleError:
    return BundleError(ErrorCode.BUNDLE_TRUNCATED, "file ends inside the attachments")


def section_length(entries: Sequence[FileEntry]) -> int:
    """The bytes the frames of these files take, known before any is read: a bundle states it
    ahead of them, so a reader knows where the section must end."""
    if len(entries) > MAX_BUNDLE_FILES:
        raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"at most {MAX_BUNDLE_FILES} files")
    overhead = _LENGTH.size + 1 + _TAG_BYTES  # length, kind, tag
    total = overhead + _COUNT.size  # END
    for entry in entries:
        total += overhead + len(canonical_json(entry.model_dump(mode="json")))
        total += chunk_count(entry.size) * overhead + entry.size
    return total


def walk_frames(handle: BinaryIO, end: int, updates: Sequence[Callable[[bytes], None]]) -> None:
    """From the handle's position to `end`, step over the frames without opening them, feeding
    their bytes to each of `updates` (hashers); refuse a section that does not end on a frame
    boundary exactly at `end` (the caller has checked the file reaches `end`)."""
    position, frames = handle.tell(), 0
    while position < end:
        head = handle.read(_LENGTH.size)
        (length,) = _LENGTH.unpack(head) if len(head) == _LENGTH.size else (0,)
        if not 1 + _TAG_BYTES <= length <= MAX_FRAME_BYTES:
            raise BundleError(ErrorCode.BUNDLE_TAMPERED, f"a frame of {length} bytes")
        if position + _LENGTH.size + length > end:
            raise BundleError(ErrorCode.BUNDLE_TAMPERED, "a frame crosses the section's end")
        for update in updates:
            update(head)
        left = length
        while left:
            piece = handle.read(min(left, _READ_PIECE))
            if not piece:
                raise _truncated()
            for update in updates:
                update(piece)
            left -= len(piece)
        position += _LENGTH.size + length
        frames += 1
    if frames == 0:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "the attachment section is empty")


class FrameReader:
    """Opens the frames of one section in order; any failure refuses the bundle."""

    def __init__(self, handle: BinaryIO, start: int, end: int, key: bytes, associated: bytes):
        self._handle, self._end = handle, end
        self._aead, self._associated = AESGCM(key), associated
        self._position, self._number = start, 0

    def next(self) -> tuple[int, bytes]:
        if self._position >= self._end:
            raise _truncated()
        self._handle.seek(self._position)
        head = self._handle.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            raise _truncated()
        (length,) = _LENGTH.unpack(head)
        if length > MAX_FRAME_BYTES or self._position + _LENGTH.size + length > self._end:
            raise BundleError(ErrorCode.BUNDLE_MALFORMED, f"a frame of {length} bytes")
        sealed = self._handle.read(length)
        try:
            plain = self._aead.decrypt(_nonce(self._number), sealed, self._associated)
        except InvalidTag:
            raise BundleError(
                ErrorCode.BUNDLE_UNDECRYPTABLE, f"attachment frame {self._number} cannot be opened"
            ) from None
        self._position += _LENGTH.size + length
        self._number += 1
        if not plain or plain[0] not in (FILE, DATA, END):
            raise BundleError(ErrorCode.BUNDLE_MALFORMED, "an attachment frame of unknown kind")
        return plain[0], plain[1:]

    def at_end(self) -> bool:
        return self._position == self._end


class BundledFile:
    """One file as it is read: `chunks()` gives its bytes one wire chunk at a time and checks
    their lengths; once read whole, `intact` says whether they hash to the file's name."""

    def __init__(self, entry: FileEntry, reader: FrameReader) -> None:
        self.entry, self._reader = entry, reader
        self._hash = hashlib.sha256()
        self._next = 0
        self._chunks = chunk_count(entry.size)

    def chunks(self) -> Iterator[tuple[int, bytes]]:
        """(chunk number, bytes) from where the reading stands to the file's end."""
        while self._next < self._chunks:
            kind, body = self._reader.next()
            if kind != DATA or len(body) != chunk_length(self.entry.size, self._next):
                raise BundleError(
                    ErrorCode.BUNDLE_MALFORMED,
                    f"chunk {self._next} of file {self.entry.sha256[:12]} is malformed",
                )
            self._hash.update(body)
            self._next += 1
            yield self._next - 1, body

    def drain(self) -> None:
        for _ in self.chunks():
            pass

    @property
    def intact(self) -> bool:
        return self._next == self._chunks and self._hash.hexdigest() == self.entry.sha256


def _entry(body: bytes) -> FileEntry:
    if len(body) > MAX_ENTRY_BYTES:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "an attachment entry is too long")
    try:
        entry = FileEntry.model_validate(json.loads(body.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, ValidationError):
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "an attachment entry is malformed") from None
    if not 0 <= entry.size <= MAX_BLOB_BYTES:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, f"a file of {entry.size} bytes")
    return entry


def read_files(reader: FrameReader) -> Iterator[BundledFile]:
    """Each file of the section in order; a file's chunks not read before the next is asked for
    are read (and checked) and dropped. Ends only after a sound END frame at the section's end."""
    count = 0
    kind, body = reader.next()
    while kind == FILE:
        count += 1
        if count > MAX_BUNDLE_FILES:
            raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"over {MAX_BUNDLE_FILES} files")
        bundled = BundledFile(_entry(body), reader)
        yield bundled
        bundled.drain()
        kind, body = reader.next()
    if kind != END or len(body) != _COUNT.size or _COUNT.unpack(body)[0] != count:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "the attachment section ends wrongly")
    if not reader.at_end():
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "frames after the attachments' end")
