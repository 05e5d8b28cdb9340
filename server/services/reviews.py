"""Review decisions on stored records: kept in record_reviews and sent back to the owning station
through the pull feed, both in one transaction."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select, update

from protocol.errors import ErrorCode
from protocol.messages import ReviewDecision, ReviewDecisionPayload, UpdateKind
from server.errors import ServerError
from server.models import Record, RecordReview
from server.services import feed

_records = Record.__table__
_reviews = RecordReview.__table__

MAX_COMMENT = 2000


class ReviewRefused(ServerError):
    """The decision cannot be taken on the record as it is now; `reason` names why:
    "deleted" (voided at its station: nothing to accept), "changed" (a newer revision came in
    since the reviewer looked), "comment_missing" (a return must say what to correct),
    "comment_too_long"."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(ErrorCode.BAD_ARGUMENT, detail)
        self.reason = reason


def decide(
    conn: Connection,
    record_id: uuid.UUID,
    decision: ReviewDecision,
    comment: str,
    reviewer: str,
    *,
    revision: int | None = None,
) -> int:
    """Inside the caller's transaction: accept the record's current revision, or return it for
    correction with a comment. `revision`, when given, is the one the reviewer saw: a newer one
    is refused rather than decided unseen. Returns the feed cursor the station will pull."""
    if len(comment) > MAX_COMMENT:
        raise ReviewRefused("comment_too_long", f"a comment has at most {MAX_COMMENT} characters")
    if decision is ReviewDecision.RETURNED and not comment.strip():
        raise ReviewRefused("comment_missing", "a returned record needs a comment")
    row = conn.execute(
        select(_records.c.station_id, _records.c.revision, _records.c.deleted)
        .where(_records.c.record_id == record_id)
        .with_for_update()  # a push advancing the head waits, so the decided revision is current
    ).first()
    if row is None:
        raise ServerError(ErrorCode.RECORD_NOT_FOUND, f"no record {record_id}")
    if row.deleted:
        raise ReviewRefused("deleted", f"record {record_id} was deleted at its station")
    if revision is not None and revision != row.revision:
        raise ReviewRefused(
            "changed", f"record {record_id} is at revision {row.revision}, not {revision}"
        )
    now = datetime.now(UTC)
    conn.execute(
        update(_records).where(_records.c.record_id == record_id).values(status=decision.value)
    )
    conn.execute(
        insert(_reviews).values(
            record_id=record_id,
            revision=row.revision,
            decision=decision.value,
            comment=comment,
            reviewer=reviewer,
            decided_at=now,
        )
    )
    payload = ReviewDecisionPayload(
        record_id=record_id,
        revision=row.revision,
        decision=decision,
        comment=comment,
        reviewer=reviewer,
    )
    return feed.append(
        conn, UpdateKind.REVIEW_DECISION, payload.model_dump(mode="json"), row.station_id
    )


def review_record(
    engine: Engine, record_id: uuid.UUID, decision: ReviewDecision, comment: str, reviewer: str
) -> int:
    """`decide` in a transaction of its own (the `cax-server review` command)."""
    with engine.begin() as conn:
        return decide(conn, record_id, decision, comment, reviewer)
