"""The envelope of a push batch, validated before its records are looked at one by one."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import ValidationError

from protocol.errors import ErrorCode
from protocol.messages import (
    AuditHead,
    Cursor,
    ProtocolVersion,
    RestoreDeclaration,
    SignedRoster,
    WireModel,
)
from server.errors import ServerError


class Envelope(WireModel):
    """PushRequest with records left raw, so one bad record cannot fail the whole batch."""

    protocol_version: ProtocolVersion
    batch_id: UUID
    audit_head: AuditHead | None = None
    roster: SignedRoster | None = None
    audit_anchor: AuditHead | None = None
    restore: RestoreDeclaration | None = None
    pull_cursor: Cursor | None = None
    records: list[Any]


def validation_summary(exc: ValidationError, limit: int = 3) -> str:
    """A short, input-free description: field paths and messages, never the offending values."""
    parts = []
    for error in exc.errors(include_url=False, include_input=False)[:limit]:
        where = ".".join(str(p) for p in error["loc"]) or "body"
        parts.append(f"{where}: {error['msg']}")
    # A field name is the client's text: its NUL would make the answer itself invalid.
    return "; ".join(parts).replace("\x00", "\\x00")


def parse_envelope(document: Any) -> Envelope:
    try:
        return Envelope.model_validate(document)
    except ValidationError as exc:
        raise ServerError(ErrorCode.VALIDATION_ERROR, validation_summary(exc)) from None
