"""Offline sync bundles: pending revisions (and the files they list) encrypted to the server and
signed by the device.

A bundle file, all integers big-endian:

    magic "CAXBNDL\\n" (8) | format version u16 | header length u32 | header (canonical JSON)
    | ciphertext length u64 | ciphertext | [version 2: attachment frames]
    | SHA-256 of everything before it (32)
    | Ed25519 signature by the device of "CAX-BUNDLE-1\\n" + that digest (64)

The ciphertext is AES-256-GCM over the gzip'd canonical JSON `{"audit_head", "records"}`, with the
magic, version and header as associated data; the key comes from X25519 between a fresh ephemeral
key (its public half in the header) and the server's `server_box_key`, through HKDF-SHA256.
Version 2 adds the files the records list, sealed in frames under a sibling key
(`protocol.bundle_parts`); version 1 files are still read. Files are read and written streaming:
the records' ciphertext is the only part held whole. The SHA-256 tells a damaged or edited file
(`BUNDLE_TAMPERED`) from one signed by another key (`BUNDLE_BAD_SIGNATURE`); each refusal has its
own `ErrorCode`. Receipts: `protocol.bundle_receipt`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import struct
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import AwareDatetime, Field, ValidationError

from protocol.bundle_parts import (
    BundledFile,
    BundleError,
    FileEntry,
    FrameReader,
    FrameWriter,
    files_key,
    read_files,
    section_length,
    walk_frames,
)
from protocol.canonical import canonical_json
from protocol.errors import ErrorCode
from protocol.messages import (
    AuditHead,
    Base64Key,
    ProtocolVersion,
    RecordRevision,
    StationCode,
    WireModel,
)
from protocol.signing import load_public_key

MAGIC = b"CAXBNDL\n"
FORMAT_VERSION = 2
SUPPORTED_FORMAT_VERSIONS = frozenset({1, 2})
SIGNATURE_CONTEXT = b"CAX-BUNDLE-1\n"
HKDF_INFO = b"CAX-BUNDLE-1 X25519-HKDF-SHA256 AES-256-GCM"

# Limits a reader enforces before it allocates: a station with no network for months still fits.
MAX_BUNDLE_BYTES = 128 * 1024 * 1024  # a version-1 file; a version-2 file's records
# A version-2 file with its attachments: under FAT32's 4 GiB file limit, as USB sticks are.
MAX_BUNDLE_FILE_BYTES = 4 * 1024 * 1024 * 1024 - 1
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
MAX_HEADER_BYTES = 4096
MAX_BUNDLE_RECORDS = 250_000

_PREFIX = struct.Struct(">8sHI")
_LENGTH = struct.Struct(">Q")
_DIGEST_BYTES = 32
_SIGNATURE_BYTES = 64
_NONCE_BYTES = 12

KeyId = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]

# Bundles carry version-1 records (no document number or amendment reason): the office that
# imports one may run an older server, and the station cannot ask it which it speaks.
BUNDLE_PROTOCOL_VERSION = 1


class BundleHeader(WireModel):
    """Readable without any key: who made the bundle, for which server, and how many records."""

    protocol_version: ProtocolVersion = BUNDLE_PROTOCOL_VERSION
    bundle_id: uuid.UUID
    station_code: StationCode
    device_id: uuid.UUID
    server_key_id: KeyId
    created_at: AwareDatetime
    record_count: int = Field(ge=0, le=MAX_BUNDLE_RECORDS)
    ephemeral_key: Base64Key
    nonce: str = Field(pattern=r"^[A-Za-z0-9+/]{16}$")
    compression: str = Field(default="gzip", pattern=r"^gzip$")


@dataclass(frozen=True)
class BundleContents:
    """A decrypted bundle; `records` are left raw so one bad record cannot refuse the others."""

    header: BundleHeader
    sha256: str
    audit_head: AuditHead | None
    records: list[Any]
    roster: Any = None
    # The entry at the seq the server last anchored, as a push carries it (None if not known).
    audit_anchor: AuditHead | None = None


def _raw_public(key: str | bytes | X25519PublicKey | Ed25519PublicKey) -> bytes:
    if isinstance(key, X25519PublicKey | Ed25519PublicKey):
        return key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    if isinstance(key, bytes):
        return key
    return base64.b64decode(key, validate=True)


def key_id(public_key: str | bytes | X25519PublicKey | Ed25519PublicKey) -> str:
    """A short name for a public key: the first 16 hex digits of the SHA-256 of its raw bytes."""
    return hashlib.sha256(_raw_public(public_key)).hexdigest()[:16]


def _derive_key(shared: bytes, ephemeral_public: bytes, server_public: bytes) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + server_public, info=HKDF_INFO
    )
    return hkdf.derive(shared)


def _payload(
    records: Sequence[RecordRevision | dict[str, Any]],
    audit_head: AuditHead | None,
    audit_anchor: AuditHead | None = None,
    roster: dict[str, Any] | None = None,
) -> bytes:
    """The plaintext: canonical JSON of the audit head (and anchor proof, when the station knows
    one), the records in push payload shape and (from stations whose roles are signed) the signed
    roster the server checks authors with."""
    document: dict[str, Any] = {
        "audit_head": audit_head.model_dump(mode="json") if audit_head else None,
        "records": [
            r.model_dump(mode="json") if isinstance(r, RecordRevision) else r for r in records
        ],
    }
    if audit_anchor is not None:
        document["audit_anchor"] = audit_anchor.model_dump(mode="json")
    if roster is not None:
        document["roster"] = roster
    payload = canonical_json(document)
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"payload over {MAX_PAYLOAD_BYTES} bytes")
    return payload


def _agree(ephemeral: X25519PrivateKey, server: bytes) -> tuple[bytes, bytes]:
    """(shared secret, ephemeral public) of the exchange both keys come from."""
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(server))
    return shared, _raw_public(ephemeral.public_key())


def _encrypt(payload: bytes, associated: bytes, key: bytes, nonce: bytes) -> bytes:
    """gzip, then AES-256-GCM under the key agreed between the ephemeral and the server key."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    compressed = compressor.compress(payload) + compressor.flush()
    return AESGCM(key).encrypt(nonce, compressed, associated)


class _HashingSink:
    """Writes through to the file, hashing the body (what the signature covers) and the whole."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.size = out, 0
        self.body, self.whole = hashlib.sha256(), hashlib.sha256()

    def write(self, data: bytes, /) -> int:
        self.out.write(data)
        self.body.update(data)
        self.whole.update(data)
        self.size += len(data)
        return len(data)

    def trailer(self, device_key: Ed25519PrivateKey) -> None:
        digest = self.body.digest()
        tail = digest + device_key.sign(SIGNATURE_CONTEXT + digest)
        self.out.write(tail)
        self.whole.update(tail)
        self.size += len(tail)


@dataclass(frozen=True)
class WrittenBundle:
    """What `write_bundle_to` wrote: its size and SHA-256 (as `SealedBundle.sha256`), and files."""

    size: int
    sha256: str
    files: int
    file_bytes: int


# A file for the bundle: its entry, and its bytes in pieces of any length, read when written.
BundleFile = tuple[FileEntry, Iterable[bytes]]


def write_bundle_to(
    out: BinaryIO,
    records: Sequence[RecordRevision | dict[str, Any]],
    *,
    station_code: str,
    device_id: str | uuid.UUID,
    device_key: Ed25519PrivateKey,
    server_box_key: str,
    audit_head: AuditHead | None = None,
    audit_anchor: AuditHead | None = None,
    bundle_id: uuid.UUID | None = None,
    created_at: datetime | None = None,
    roster: dict[str, Any] | None = None,
    files: Sequence[BundleFile] = (),
    format_version: int = FORMAT_VERSION,
) -> WrittenBundle:
    """Write one bundle holding `records` (push payload shape) and `files` to `out`, streaming:
    a file is read piece by piece as it is sealed. `format_version=1` writes the old format
    (no files), which servers still read."""
    if len(records) > MAX_BUNDLE_RECORDS:
        raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"at most {MAX_BUNDLE_RECORDS} records")
    if format_version not in SUPPORTED_FORMAT_VERSIONS:
        raise ValueError(f"cannot write bundle format {format_version}")
    server_public = _raw_public(server_box_key)
    ephemeral = X25519PrivateKey.generate()
    nonce = os.urandom(_NONCE_BYTES)
    shared, ephemeral_public = _agree(ephemeral, server_public)
    header = BundleHeader(
        bundle_id=bundle_id or uuid.uuid4(),
        station_code=station_code,
        device_id=uuid.UUID(str(device_id)),
        server_key_id=key_id(server_public),
        created_at=created_at or datetime.now(UTC),
        record_count=len(records),
        ephemeral_key=base64.b64encode(ephemeral_public).decode("ascii"),
        nonce=base64.b64encode(nonce).decode("ascii"),
    )
    header_bytes = canonical_json(header.model_dump(mode="json"))
    prefix = _PREFIX.pack(MAGIC, format_version, len(header_bytes)) + header_bytes
    ciphertext = _encrypt(
        _payload(records, audit_head, audit_anchor, roster),
        prefix,
        _derive_key(shared, ephemeral_public, server_public),
        nonce,
    )
    if format_version < 2 and files:
        raise ValueError("format 1 bundles carry no files")
    sink = _HashingSink(out)
    sink.write(prefix + _LENGTH.pack(len(ciphertext)))
    sink.write(ciphertext)
    frames = FrameWriter(sink, files_key(shared, ephemeral_public, server_public), prefix)
    if format_version >= 2:
        sink.write(_LENGTH.pack(section_length([entry for entry, _ in files])))
        for entry, pieces in files:
            frames.add_file(entry, pieces)
        frames.finish()
    sink.trailer(device_key)
    return WrittenBundle(sink.size, sink.whole.hexdigest(), frames.files, frames.file_bytes)


def write_bundle(records: Sequence[RecordRevision | dict[str, Any]], **options: Any) -> bytes:
    """The bytes of one bundle (see `write_bundle_to` for the options), for small bundles."""
    out = io.BytesIO()
    write_bundle_to(out, records, **options)
    return out.getvalue()


@dataclass(frozen=True)
class SealedBundle:
    """A bundle whose structure and checksum are sound; signature and contents not yet checked."""

    format_version: int
    header: BundleHeader
    sha256: str
    _associated: bytes
    _ciphertext: bytes
    _digest: bytes
    _signature: bytes
    # Version 2: the file it was read from and where its attachment frames lie in it.
    _source: BinaryIO | None = field(default=None, compare=False, repr=False)
    _files_span: tuple[int, int] = (0, 0)

    def verify_device(self, device_public_key: str | Ed25519PublicKey) -> None:
        """Refuse (`BUNDLE_BAD_SIGNATURE`) unless the device named in the header signed it."""
        try:
            key = (
                load_public_key(device_public_key)
                if isinstance(device_public_key, str)
                else device_public_key
            )
            key.verify(self._signature, SIGNATURE_CONTEXT + self._digest)
        except (InvalidSignature, ValueError):
            raise BundleError(
                ErrorCode.BUNDLE_BAD_SIGNATURE, "not signed by the device named in the bundle"
            ) from None

    def check_recipient(self, server_box_key: str | bytes | X25519PublicKey) -> None:
        """Refuse (`BUNDLE_FOREIGN`) a bundle encrypted for another server's key."""
        ours = key_id(server_box_key)
        if self.header.server_key_id != ours:
            raise BundleError(
                ErrorCode.BUNDLE_FOREIGN,
                f"encrypted for server key {self.header.server_key_id}, this server's is {ours}",
            )

    def _exchange(self, server_box_private: X25519PrivateKey) -> tuple[bytes, bytes, bytes]:
        """(shared secret, ephemeral public, server public) once the recipient is checked."""
        server_public = _raw_public(server_box_private.public_key())
        self.check_recipient(server_public)
        ephemeral_public = base64.b64decode(self.header.ephemeral_key)
        try:
            shared = server_box_private.exchange(
                X25519PublicKey.from_public_bytes(ephemeral_public)
            )
        except ValueError:
            raise BundleError(ErrorCode.BUNDLE_UNDECRYPTABLE, "cannot be decrypted") from None
        return shared, ephemeral_public, server_public

    def decrypt(self, server_box_private: X25519PrivateKey) -> BundleContents:
        """Open the records with the server's box key; call `verify_device` first."""
        shared, ephemeral_public, server_public = self._exchange(server_box_private)
        try:
            key = _derive_key(shared, ephemeral_public, server_public)
            nonce = base64.b64decode(self.header.nonce)
            compressed = AESGCM(key).decrypt(nonce, self._ciphertext, self._associated)
        except (InvalidTag, ValueError):
            raise BundleError(ErrorCode.BUNDLE_UNDECRYPTABLE, "cannot be decrypted") from None
        return self._contents(_gunzip(compressed))

    def files(self, server_box_private: X25519PrivateKey) -> Iterator[BundledFile]:
        """The files a version-2 bundle carries, in order, read from its file as they are asked
        for (none in version 1); call `verify_device` first. Each refusal is a BundleError."""
        if self._source is None:
            return iter(())
        shared, ephemeral_public, server_public = self._exchange(server_box_private)
        key = files_key(shared, ephemeral_public, server_public)
        start, end = self._files_span
        return read_files(FrameReader(self._source, start, end, key, self._associated))

    def _contents(self, payload: bytes) -> BundleContents:
        document = strict_json(payload, ErrorCode.BUNDLE_MALFORMED)
        keys = set(document) if isinstance(document, dict) else set()
        if (
            not {"audit_head", "records"}
            <= keys
            <= {"audit_head", "records", "roster", "audit_anchor"}
        ):
            raise BundleError(ErrorCode.BUNDLE_MALFORMED, "payload is not {audit_head, records}")
        records = document["records"]
        if not isinstance(records, list) or len(records) != self.header.record_count:
            raise BundleError(ErrorCode.BUNDLE_MALFORMED, "record count differs from the header")
        try:
            head, anchor = document["audit_head"], document.get("audit_anchor")
            audit_head = AuditHead.model_validate(head) if head is not None else None
            audit_anchor = AuditHead.model_validate(anchor) if anchor is not None else None
        except ValidationError:
            raise BundleError(ErrorCode.BUNDLE_MALFORMED, "audit head is malformed") from None
        roster = document.get("roster")  # checked by the server's push path, like a push's
        return BundleContents(
            self.header, self.sha256, audit_head, records, roster=roster, audit_anchor=audit_anchor
        )


def _truncated(what: str) -> BundleError:
    return BundleError(ErrorCode.BUNDLE_TRUNCATED, f"file ends inside the {what}")


def parse_bundle(data: bytes) -> SealedBundle:
    """`parse_bundle_file` of bytes already in memory."""
    return parse_bundle_file(io.BytesIO(data))


def _file_size(handle: BinaryIO) -> int:
    size = handle.seek(0, os.SEEK_END)
    handle.seek(0)
    return size


def _read_exact(handle: BinaryIO, length: int, what: str) -> bytes:
    data = handle.read(length)
    if len(data) < length:
        raise _truncated(what)
    return data


def _files_length(handle: BinaryIO, version: int, records_end: int, size: int) -> int:
    """The bytes from the records' end to the attachments' end: a version-2 bundle says how
    many frames' worth follow (so a cut or lengthened file is told as exactly as version 1's)."""
    if version < 2:
        return 0
    if records_end + _LENGTH.size > size:  # and never seek past the end (a flipped length)
        raise _truncated("records" if size < records_end else "attachments")
    handle.seek(records_end)
    raw = handle.read(_LENGTH.size)
    if len(raw) < _LENGTH.size:
        raise _truncated("records" if size < records_end else "attachments")
    return _LENGTH.size + _LENGTH.unpack(raw)[0]


def parse_bundle_file(handle: BinaryIO) -> SealedBundle:
    """Check structure, version, sizes and checksum, and read the header; no key is needed.

    Reads the file once, front to back, a frame at a time; the records' ciphertext is kept (at
    most MAX_BUNDLE_BYTES). A version-2 bundle keeps `handle` to read its files from later."""
    size = _file_size(handle)
    if size > MAX_BUNDLE_FILE_BYTES:
        raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"file over {MAX_BUNDLE_FILE_BYTES} bytes")
    start = handle.read(_PREFIX.size)
    if len(start) < _PREFIX.size:
        if start and MAGIC.startswith(start[: len(MAGIC)]):
            raise _truncated("file header")
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "not a CAX sync bundle")
    magic, version, header_length = _PREFIX.unpack(start)
    if magic != MAGIC:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "not a CAX sync bundle")
    if version not in SUPPORTED_FORMAT_VERSIONS:
        raise BundleError(
            ErrorCode.BUNDLE_UNSUPPORTED_VERSION,
            f"bundle format {version}; this program reads {sorted(SUPPORTED_FORMAT_VERSIONS)}",
        )
    if version == 1 and size > MAX_BUNDLE_BYTES:
        raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"file over {MAX_BUNDLE_BYTES} bytes")
    if header_length > MAX_HEADER_BYTES:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, f"header over {MAX_HEADER_BYTES} bytes")
    associated = start + _read_exact(handle, header_length, "header")
    length_bytes = _read_exact(handle, _LENGTH.size, "header")
    (cipher_length,) = _LENGTH.unpack(length_bytes)
    records_end = len(associated) + _LENGTH.size + cipher_length
    files_end = records_end + _files_length(handle, version, records_end, size)
    trailer = _DIGEST_BYTES + _SIGNATURE_BYTES
    if size < files_end + trailer:
        where = "records" if size < records_end else "attachments" if size < files_end else ""
        raise _truncated(where or "signature")
    if size > files_end + trailer:
        raise BundleError(ErrorCode.BUNDLE_TAMPERED, "bytes were added after the signature")
    if cipher_length > MAX_BUNDLE_BYTES:  # checked before the records are read into memory
        raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"records over {MAX_BUNDLE_BYTES} bytes")
    handle.seek(len(associated) + _LENGTH.size)
    ciphertext = _read_exact(handle, cipher_length, "records")
    body = hashlib.sha256(associated + length_bytes)
    body.update(ciphertext)
    if version >= 2:
        body.update(_read_exact(handle, _LENGTH.size, "attachments"))
        walk_frames(handle, files_end, [body.update])
    whole = body.copy()
    tail = _read_exact(handle, trailer, "signature")
    digest = tail[:_DIGEST_BYTES]
    if body.digest() != digest:
        raise BundleError(ErrorCode.BUNDLE_TAMPERED, "the file was damaged or altered")
    whole.update(tail)
    return SealedBundle(
        format_version=version,
        header=_parse_header(associated[_PREFIX.size :]),
        sha256=whole.hexdigest(),
        _associated=associated,
        _ciphertext=ciphertext,
        _digest=digest,
        _signature=tail[_DIGEST_BYTES:],
        _source=handle if version >= 2 else None,
        _files_span=(records_end + _LENGTH.size, files_end),
    )


def _parse_header(raw: bytes) -> BundleHeader:
    document = strict_json(raw, ErrorCode.BUNDLE_MALFORMED)
    try:
        header = BundleHeader.model_validate(document)
        base64.b64decode(header.ephemeral_key, validate=True)
        base64.b64decode(header.nonce, validate=True)
    except (ValidationError, binascii.Error):
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "the bundle header is malformed") from None
    return header


def _gunzip(compressed: bytes) -> bytes:
    """Inflate at most MAX_PAYLOAD_BYTES: a compression bomb stops there."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(compressed, MAX_PAYLOAD_BYTES + 1)
    except zlib.error:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "payload is not gzip") from None
    if len(out) > MAX_PAYLOAD_BYTES or inflater.unconsumed_tail:
        raise BundleError(ErrorCode.BUNDLE_TOO_LARGE, f"payload over {MAX_PAYLOAD_BYTES} bytes")
    if not inflater.eof or inflater.unused_data:
        raise BundleError(ErrorCode.BUNDLE_MALFORMED, "payload is not one gzip stream")
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(raw: bytes, code: ErrorCode) -> Any:
    """UTF-8 JSON without NaN or infinities; anything else is `code`."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError(code, "not valid JSON") from None


def open_bundle(
    data: bytes, server_box_private: X25519PrivateKey, device_public_key: str | Ed25519PublicKey
) -> BundleContents:
    """Parse, verify the device's signature, decrypt: the whole check for one known device."""
    sealed = parse_bundle(data)
    sealed.check_recipient(server_box_private.public_key())
    sealed.verify_device(device_public_key)
    return sealed.decrypt(server_box_private)


def read_limited(path: Path, max_bytes: int, too_large: ErrorCode) -> bytes:
    """A file's bytes, refusing (`too_large`) before reading one over `max_bytes`."""
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise BundleError(too_large, f"file over {max_bytes} bytes")
    return data
