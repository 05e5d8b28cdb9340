"""Work functions for a record's files, run on the database lane: list them with thumbnails,
attach, remove with a reason, read one to show it, save a copy. Plain values in and out.

A file is only ever decrypted into memory here (the chunks joined into bytes, checked against
their SHA-256): the viewer and the thumbnails decode from those bytes, never from a file.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from desktop.core.errors import AttachmentCorrupt, AttachmentNotFound
from desktop.storage import attachments
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.attachments import Attachment
from desktop.storage.station import StationSession
from domain.forms import Catalogue

THUMBNAIL_PX = 64


@dataclass(frozen=True)
class AttachmentRow:
    """One current file of a record, with a small PNG of it when it is an image."""

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


def list_files(
    session: StationSession, record_id: str, known: frozenset[str] = frozenset()
) -> list[AttachmentRow]:
    """The record's current files in the order they were added, images with a thumbnail —
    except those whose SHA-256 is in `known`: the same hash is the same picture, so a list
    reloaded after each change decrypts only the new files."""
    rows = []
    for attachment in AttachmentService(session).list(record_id):
        wanted = is_image(attachment) and attachment.sha256 not in known
        picture = _thumbnail(_read(session, attachment.sha256)) if wanted else None
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
    `progress` hears the bytes stored so far (called on the lane's thread)."""
    service = AttachmentService(session, catalogue)
    return service.attach(record_id, [Path(p) for p in paths], progress=progress)


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
