"""Review decisions on stored records, sent back to the owning station through the pull feed."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, select, update

from protocol.errors import ErrorCode
from protocol.messages import ReviewDecision, ReviewDecisionPayload, UpdateKind
from server.errors import ServerError
from server.models import Record
from server.services import feed

_records = Record.__table__


def review_record(
    engine: Engine, record_id: uuid.UUID, decision: ReviewDecision, comment: str, reviewer: str
) -> int:
    """Accept the record's current revision, or return it for correction with a comment."""
    with engine.begin() as conn:
        row = conn.execute(
            select(_records.c.station_id, _records.c.revision).where(
                _records.c.record_id == record_id
            )
        ).first()
        if row is None:
            raise ServerError(ErrorCode.RECORD_NOT_FOUND, f"no record {record_id}")
        conn.execute(
            update(_records).where(_records.c.record_id == record_id).values(status=decision.value)
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
