"""A record revision as the protocol describes it: the one definition of what a revision's content
hash covers. The outbox sends it, printouts print its hash in their QR code, and the authorship
signatures sign it; none of them needs the others to get it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from desktop.storage import attachments
from domain.records import RecordStatus
from protocol.canonical import metadata_document


def _aware(stamp: str) -> datetime:
    value = datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def revision_metadata(row: Sequence[object], station_code: str) -> dict[str, object]:
    """The wire metadata of a revision from its rows: (record id, revision, form id, form
    version, author, created at, status, changed at, reason). The one definition of what a
    revision's content hash covers — the outbox sends it, printouts print it in their QR code."""
    record_id, revision, form_id, form_version, author, created, status, changed_at, reason = row
    deleted = status == RecordStatus.VOIDED
    return metadata_document(
        record_id=str(record_id),
        revision=int(revision),  # type: ignore[call-overload]
        station_code=station_code,
        # The protocol spells form ids in lower case ("F1" here is "f1" on the wire).
        form_id=str(form_id).lower(),
        form_version=int(form_version),  # type: ignore[call-overload]
        author=str(author),
        created_at=_aware(str(created)),
        updated_at=_aware(str(changed_at)),
        deleted=deleted,
        delete_reason=str(reason) if deleted else None,
    )


def attachment_list(conn: Connection, record_id: str, revision: int) -> list[dict[str, object]]:
    """The attachments `revision` lists on the wire (`protocol.attachments.AttachmentRef`), in
    the order they were added; the content hash covers them when there are any."""
    return [
        {
            "field": a.field_path,
            "media_type": a.media_type,
            "name": a.name,
            "sha256": a.sha256,
            "size": a.size,
        }
        for a in attachments.blobs_of_revision(conn, record_id, revision)
    ]


def any_attachments(conn: Connection) -> bool:
    """Whether the station ever stored an attachment (most never do: no lookup per revision)."""
    return conn.execute(text("SELECT 1 FROM attachments LIMIT 1")).first() is not None
