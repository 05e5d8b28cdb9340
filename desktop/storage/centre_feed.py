"""What the centre sends back, stored once by feed cursor: form versions, reference data,
revocations, and review decisions (a record "returned by the centre" shows the comment)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit
from domain.law import Catalogue, CatalogueInvalid, catalogue_from_dict, default_catalogue
from domain.records import RecordStatus
from protocol.messages import ReviewDecision

# The audit actor of what the centre decided; the reviewer's name is in the details.
CENTRE_ACTOR = "centre"


@dataclass(frozen=True)
class CentreReview:
    record_id: str
    revision: int
    decision: str  # a ReviewDecision: accepted or returned
    comment: str
    reviewer: str
    received_at: str


def store_update(
    conn: Connection, cursor: int, kind: str, created_at: str, payload: dict[str, Any], now: str
) -> bool:
    """Keep one pulled update; False when this cursor was stored already (nothing changes)."""
    result = conn.execute(
        text(
            "INSERT INTO sync_updates (cursor, kind, created_at, payload_json, received_at) "
            "VALUES (:c, :k, :t, :p, :now) ON CONFLICT (cursor) DO NOTHING"
        ),
        dict(c=cursor, k=kind, t=created_at, p=json.dumps(payload, ensure_ascii=False), now=now),
    )
    return result.rowcount == 1


def apply_review(
    conn: Connection,
    cursor: int,
    record_id: str,
    revision: int,
    decision: str,
    comment: str,
    reviewer: str,
    now: str,
) -> bool:
    """Store a review decision and audit it; False (and no audit entry) if already applied."""
    result = conn.execute(
        text(
            "INSERT INTO centre_reviews (cursor, record_id, revision, decision, comment, "
            "reviewer, received_at) VALUES (:c, :id, :rev, :d, :comment, :reviewer, :now) "
            "ON CONFLICT (cursor) DO NOTHING"
        ),
        dict(
            c=cursor,
            id=record_id,
            rev=revision,
            d=decision,
            comment=comment,
            reviewer=reviewer,
            now=now,
        ),
    )
    if result.rowcount != 1:
        return False
    returned = decision == ReviewDecision.RETURNED
    if returned:
        _mark_returned(conn, record_id, revision)
    action = AuditAction.RECORD_RETURNED if returned else AuditAction.RECORD_ACCEPTED
    details = {"revision": revision, "comment": comment, "reviewer": reviewer, "by": "centre"}
    audit.append(conn, CENTRE_ACTOR, action, record_id, details)
    return True


def _mark_returned(conn: Connection, record_id: str, revision: int) -> None:
    """The record shows as returned to its author, unless it was amended or voided since the
    revision the centre reviewed (then the return is already answered)."""
    conn.execute(
        text(
            "UPDATE records SET returned_by = :by WHERE id = :id AND revision <= :rev "
            f"AND status != '{RecordStatus.VOIDED}'"
        ),
        dict(by=CENTRE_ACTOR, id=record_id, rev=revision),
    )


def latest_review(conn: Connection, record_id: str) -> CentreReview | None:
    """The centre's newest decision on the record, whatever revision it was about."""
    row = conn.execute(
        text(
            "SELECT record_id, revision, decision, comment, reviewer, received_at "
            "FROM centre_reviews WHERE record_id = :id ORDER BY cursor DESC LIMIT 1"
        ),
        dict(id=record_id),
    ).one_or_none()
    return None if row is None else CentreReview(*row)


# Records the centre returned whose current revision is still the one it returned.
_OPEN_RETURNS = (
    "FROM centre_reviews c JOIN records r ON r.id = c.record_id "
    "WHERE c.cursor = (SELECT max(cursor) FROM centre_reviews x "
    f"WHERE x.record_id = c.record_id) AND c.decision = '{ReviewDecision.RETURNED}' "
    "AND r.revision <= c.revision"
)


def open_returns(conn: Connection, *, limit: int = 500) -> list[CentreReview]:
    """Records the centre returned whose current revision is still the one it returned."""
    rows = conn.execute(
        text(
            "SELECT c.record_id, c.revision, c.decision, c.comment, c.reviewer, c.received_at "
            f"{_OPEN_RETURNS} ORDER BY c.cursor DESC LIMIT :limit"
        ),
        dict(limit=limit),
    )
    return [CentreReview(*row) for row in rows]


def count_open_returns(conn: Connection) -> int:
    return conn.execute(text(f"SELECT count(*) {_OPEN_RETURNS}")).scalar_one()


def latest_law_catalogue(conn: Connection) -> Catalogue | None:
    """The newest legal catalogue the centre published that reads correctly (None: none yet)."""
    rows = conn.execute(
        text("SELECT payload_json FROM sync_updates WHERE kind = 'law_catalogue' ORDER BY cursor")
    )
    newest = None
    for (payload_json,) in rows:
        catalogue = _catalogue_of(payload_json)
        if catalogue is None:
            continue  # kept as received; a later version replaces it
        if newest is None or _version_key(catalogue.version) > _version_key(newest.version):
            newest = catalogue
    return newest


def law_catalogue_in_force(conn: Connection) -> Catalogue:
    """The catalogue this station validates, cites and lists with: the newest one pulled that
    reads correctly, else the one bundled with the program (docs/legal-catalogue.md)."""
    return latest_law_catalogue(conn) or default_catalogue()


@functools.lru_cache(maxsize=8)
def _catalogue_of(payload_json: str) -> Catalogue | None:
    """One pulled payload read once: the form window asks on every check, and the text as
    stored is the key, so a second station database in the process never gets a stale one."""
    try:
        payload = json.loads(payload_json)
        return catalogue_from_dict(payload.get("catalogue", {}))
    except (CatalogueInvalid, ValueError, AttributeError):
        return None


def _version_key(version: str) -> tuple[int, ...]:
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (-1,)


def updates(conn: Connection, kind: str) -> list[dict[str, Any]]:
    """Pulled payloads of one kind (form_version, reference_data, revocation), oldest first."""
    rows = conn.execute(
        text("SELECT payload_json FROM sync_updates WHERE kind = :k ORDER BY cursor"), dict(k=kind)
    )
    return [json.loads(payload) for (payload,) in rows]
