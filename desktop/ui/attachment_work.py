"""Work functions for a record's files, run on the database lane: list them with thumbnails,
attach, remove with a reason, read one to show it, save a copy. Plain values in and out.

A file is only ever decrypted into memory here (the chunks joined into bytes, checked against
their SHA-256): the viewer and the thumbnails (a PDF's first page drawn by QtPdf) decode from
those bytes, never from a file. A photo taken with a camera arrives as JPEG bytes and is
attached as a `MemoryFile`, through the same intake as a file on disk.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from desktop.core.attachment_intake import MemoryFile
from desktop.core.errors import AttachmentCorrupt, AttachmentNotFound
from desktop.storage import attachments
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.attachments import Attachment
from desktop.storage.station import StationSession
from domain.forms import Catalogue

THUMBNAIL_PX = 64


@dataclass(frozen=True)
class AttachmentRow:
    """One current file of a record, with a small PNG of it: an image, or a PDF's first page."""

    attachment: Attachment
    thumbnail: bytes | None  # PNG, at most THUMBNAIL_PX on its longer side


def is_image(attachment: Attachment) -> bool:
    return attachment.media_type.startswith("image/")


def is_pdf(attachment: Attachment) -> bool:
    return attachment.media_type == "application/pdf"


def _read(session: StationSession, sha256: str) -> bytes:
    """The decrypted bytes of one blob, checked against its hash (a damaged chunk is named,
    never shown as a broken picture)."""
    digest, parts = hashlib.sha256(), []
    with session.db.read() as conn:
        for chunk in attachments.read_blob(conn, sha256):
            digest.update(chunk)
            parts.append(chunk)
    if digest.hexdigest() != sha256:
        raise AttachmentCorrupt(sha256=sha256)
    return b"".join(parts)


def _thumbnail(data: bytes) -> bytes | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))  # a JPEG decodes at 1/8 size: fast
            image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None  # shown without a picture; opening it names the problem
    return out.getvalue()


def _pdf_thumbnail(data: bytes) -> bytes | None:
    """The first page drawn small by QtPdf, read from a buffer in memory (never a temporary
    file); None when QtPdf cannot open or draw it, so the list shows the file icon instead."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    try:
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            return None
        page = document.pagePointSize(0)
        longer = max(page.width(), page.height())
        if longer <= 0:
            return None
        scale = THUMBNAIL_PX / longer
        size = QSize(max(round(page.width() * scale), 1), max(round(page.height() * scale), 1))
        image = document.render(0, size)
        if image.isNull():
            return None
        return _png(_on_paper(image))
    finally:
        document.close()
        buffer.close()


def _on_paper(page: QImage) -> QImage:
    """QtPdf leaves what the page does not paint transparent: put it on white paper with a
    grey edge, so a typed page reads as a page on any row colour."""
    paper = QImage(page.size(), QImage.Format.Format_ARGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.setPen(QColor(150, 150, 150))
    painter.drawRect(0, 0, paper.width() - 1, paper.height() - 1)
    painter.end()
    return paper


def _png(image: QImage) -> bytes:
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stub wants bytes for the format, the binding accepts only a str.
    image.save(out, "PNG")  # type: ignore[call-overload]
    return bytes(out.data().data())


def _thumbnail_of(attachment: Attachment, data: bytes) -> bytes | None:
    return _pdf_thumbnail(data) if is_pdf(attachment) else _thumbnail(data)


def list_files(
    session: StationSession, record_id: str, known: frozenset[str] = frozenset()
) -> list[AttachmentRow]:
    """The record's current files in the order they were added, images and PDFs with a
    thumbnail — except those whose SHA-256 is in `known`: the same hash is the same picture,
    so a list reloaded after each change decrypts only the new files."""
    rows = []
    for attachment in AttachmentService(session).list(record_id):
        shown = is_image(attachment) or is_pdf(attachment)
        wanted = shown and attachment.sha256 not in known
        picture = _thumbnail_of(attachment, _read(session, attachment.sha256)) if wanted else None
        rows.append(AttachmentRow(attachment, picture))
    return rows


def attach_files(
    session: StationSession,
    catalogue: Catalogue | None,
    record_id: str,
    paths: list[str],
    progress: Callable[[int], None] | None = None,
) -> list[Attachment]:
    """Every file or none: one refused file leaves nothing of the others (one transaction).
    `progress` hears the bytes stored so far (called on a thread of the store's, never the GUI's)."""
    service = AttachmentService(session, catalogue)
    return service.attach(record_id, [Path(p) for p in paths], progress=progress)


def attach_photo(
    session: StationSession,
    catalogue: Catalogue | None,
    record_id: str,
    name: str,
    jpeg: bytes,
) -> list[Attachment]:
    """A photo just taken, as JPEG bytes in memory: the same checks and metadata stripping as a
    file chosen on disk, and no temporary file on the way."""
    service = AttachmentService(session, catalogue)
    return service.attach(record_id, [MemoryFile(name, jpeg)])


def detach_file(
    session: StationSession, catalogue: Catalogue | None, record_id: str, name: str, reason: str
) -> int:
    return AttachmentService(session, catalogue).detach(record_id, name, reason)


def read_file(session: StationSession, record_id: str, name: str) -> tuple[Attachment, bytes]:
    """A current file of the record and its bytes, to show inside the app."""
    for attachment in AttachmentService(session).list(record_id):
        if attachment.name == name:
            return attachment, _read(session, attachment.sha256)
    raise AttachmentNotFound(record=record_id, name=name)


def save_copy(session: StationSession, record_id: str, name: str, out: str) -> Attachment:
    """A supervisor's decrypted copy at a place they chose (audited by the service)."""
    return AttachmentService(session).extract(record_id, name, Path(out))
