"""What a file must be to become an attachment, and what it becomes: its type read from its
content, its size within the limits, an image re-saved without its metadata, a PDF without
active content. Nothing here writes to disk; the output goes to a `write` callable in pieces.

Images (JPEG, PNG, HEIC) are decoded by Pillow, turned upright (`ImageOps.exif_transpose`) and
saved anew with no EXIF (so no GPS position), XMP, ICC profile or comment: a phone photo of a
scene says where and on which phone it was taken, which the record does not need. HEIC photos
are stored as JPEG, which every viewer opens. The decoded pixels live in Pillow's C memory, not
in Python objects; that is the one place a whole image is in memory. PDFs are stored byte for
byte, read in pieces, while another thread scans them for active content (`pdf_scan`). A file
may also come from memory (`MemoryFile`: a camera's photo), checked and stored exactly as one
read from disk.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO, cast

import pillow_heif
from PIL import Image, ImageOps

from desktop.core import pdf_scan
from desktop.core.errors import (
    AttachmentDamaged,
    AttachmentImageTooBig,
    AttachmentPdfUnsafe,
    AttachmentTooLarge,
    AttachmentTypeMismatch,
    AttachmentTypeRefused,
    AttachmentUnreadable,
)

pillow_heif.register_heif_opener()

CHUNK = 256 * 1024  # bytes per stored chunk
MB = 1024 * 1024
# Pillow's own bound (about 89 million pixels, well above a 50 MP camera): a larger image is
# refused before its pixels are decoded. Above twice this Pillow itself raises.
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
JPEG_QUALITY = 90

# media type by the content's first bytes, and the names each type may carry
JPEG, PNG, HEIC, PDF = "image/jpeg", "image/png", "image/heic", "application/pdf"
_EXTENSIONS = {
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".jpe": JPEG,
    ".png": PNG,
    ".heic": HEIC,
    ".heif": HEIC,
    ".pdf": PDF,
}
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_PILLOW_FORMAT = {JPEG: "JPEG", PNG: "PNG", HEIC: "HEIF"}

Write = Callable[[bytes], None]
# Scans PDFs beside their copy; kept, since a thread started per file costs more than a small
# scan. More than one worker: two attaches may run at once (two stations in one process).
_SCANNER = ThreadPoolExecutor(4, thread_name_prefix="cax-pdf-scan")


@dataclass(frozen=True)
class Intake:
    """A file checked and ready to store: `media_type` as stored (HEIC becomes JPEG), `name` as
    the record will show it, and `write_to` that sends the stored bytes in pieces."""

    name: str
    media_type: str
    write_to: Callable[[Write], None]


def sniff(head: bytes) -> str | None:
    """The media type the first bytes of a file announce, or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS:
        return HEIC
    return None


def check_type(name: str, head: bytes) -> str:
    """The content's type; refused when unknown or when the name's extension says another."""
    content = sniff(head)
    if content is None:
        raise AttachmentTypeRefused(name=name)
    named = _EXTENSIONS.get(Path(name).suffix.lower())
    if named is not None and named != content:
        raise AttachmentTypeMismatch(name=name, named=named, content=content)
    return content


@dataclass(frozen=True)
class MemoryFile:
    """A file that exists only in memory (a photo just taken with a camera): attached like a
    file on disk, through the same checks, and never written out as a temporary file."""

    name: str
    data: bytes = field(repr=False)


Source = Path | MemoryFile


def _where(source: Source) -> str:
    """The source as an error names it: a path, or a name alone (never the bytes)."""
    return source.name if isinstance(source, MemoryFile) else str(source)


def _open(source: Source) -> BinaryIO:
    if isinstance(source, MemoryFile):
        return io.BytesIO(source.data)
    return source.open("rb")


def _size(source: Source) -> int:
    return len(source.data) if isinstance(source, MemoryFile) else source.stat().st_size


def prepare(source: Source, limit_bytes: int) -> Intake:
    """Check the file (on disk or in memory) and say how to store it; every refusal is a
    coded error."""
    name = source.name
    try:
        size = _size(source)
        with _open(source) as file:
            head = file.read(16)
            file.seek(max(size - 1024, 0))
            tail = file.read()
    except OSError as error:
        raise AttachmentUnreadable(path=_where(source), reason=error.strerror or "") from error
    if size > limit_bytes:
        raise AttachmentTooLarge(name=name, limit_mb=limit_bytes // MB)
    media_type = check_type(name, head)
    if media_type == PDF:
        if b"%%EOF" not in tail:  # every complete PDF ends so: this one was cut
            raise AttachmentDamaged(name=name)
        return Intake(name, PDF, lambda write: _scanned_copy(source, write))
    image = _decode(source, media_type)
    stored_type = PNG if media_type == PNG else JPEG
    if media_type == HEIC:
        name = str(Path(name).with_suffix(".jpg"))
    return Intake(name, stored_type, lambda write: _save(image, stored_type, write))


def _scanned_copy(source: Source, write: Write) -> None:
    """Send the PDF's bytes on while another thread scans the file for active content. The
    scan is Python work and the store's hashing, sealing and writing let go of the GIL, so on
    two cores they overlap instead of adding up. A refusal is raised after the last piece, inside
    the caller's transaction, which then keeps nothing of the file (`attachments.seal`)."""
    scan = _SCANNER.submit(_check_pdf, source)
    try:
        _copy(source, write)
    except BaseException:
        wait([scan])  # the copy's failure is the one to tell; the scan only has to end first
        raise
    scan.result()


def _check_pdf(source: Source) -> None:
    try:
        with _open(source) as file:
            found = pdf_scan.unsafe_features(file)
    except pdf_scan.PdfUnreadable as error:
        raise AttachmentDamaged(name=source.name) from error
    except OSError as error:
        raise AttachmentUnreadable(path=_where(source), reason=error.strerror or "") from error
    if found:
        raise AttachmentPdfUnsafe(name=source.name, feature=", ".join(sorted(found)))


def _copy(source: Source, write: Write) -> None:
    with _open(source) as file:
        while piece := file.read(CHUNK):
            write(piece)


def _decode(source: Source, media_type: str) -> Image.Image:
    """The image upright, decoded whole (a truncated file fails here), metadata dropped."""
    name = source.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with (
                _open(source) as fp,
                Image.open(fp, formats=[_PILLOW_FORMAT[media_type]]) as opened,
            ):
                if opened.width * opened.height > MAX_PIXELS:
                    raise AttachmentImageTooBig(name=name, limit=MAX_PIXELS)
                opened.load()
                # In place: a second full copy of the pixels would double the C memory.
                ImageOps.exif_transpose(opened, in_place=True)
                upright = opened
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise AttachmentImageTooBig(name=name, limit=MAX_PIXELS) from error
    except (OSError, SyntaxError, ValueError) as error:  # Pillow's "truncated", "broken data"
        raise AttachmentDamaged(name=name) from error
    # Keep only what shapes the pixels (a palette's transparent colour); EXIF, XMP, ICC, text
    # chunks and comments all live in `info` and would otherwise be written back.
    upright.info = {k: v for k, v in upright.info.items() if k == "transparency"}
    return upright


class _Pieces(io.RawIOBase):
    """A write-only file that passes what Pillow writes on in pieces of at most CHUNK bytes."""

    def __init__(self, write: Write) -> None:
        self._write = write
        self._pending = bytearray()
        self._written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._pending += data
        while len(self._pending) >= CHUNK:
            self._write(bytes(self._pending[:CHUNK]))
            del self._pending[:CHUNK]
        self._written += len(data)
        return len(data)

    def tell(self) -> int:
        return self._written

    def close(self) -> None:
        if self._pending:
            self._write(bytes(self._pending))
            self._pending.clear()
        super().close()


def _save(image: Image.Image, media_type: str, write: Write) -> None:
    # A RawIOBase is not typing.IO to the checker, though Pillow needs only write() and tell().
    pieces = cast("IO[bytes]", _Pieces(write))
    if media_type == PNG:
        image.save(pieces, format="PNG", compress_level=6)
    else:
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(pieces, format="JPEG", quality=JPEG_QUALITY, optimize=False)
    pieces.close()
