"""The outbox: one entry per record revision the centre must receive, written in the transaction
that made the revision eligible, and its way pending → sent → acknowledged (or quarantined when the
server rejected it for good, or conflict when the server holds it aside).

Entries are never deleted: an acknowledged entry is the record's proof of delivery. Everything here
runs inside a transaction the caller opened (`Database.write()` / `read()`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, text

from desktop.storage import revision_wire
from desktop.storage.revision_wire import revision_metadata
from desktop.storage.sync_settings import SyncPolicy, policy_in
from protocol.canonical import canonical_json, content_hash_with_values
from protocol.messages import RecordResult


class OutboxState(StrEnum):
    PENDING = "pending"  # queued, never sent
    SENT = "sent"  # sent at least once, no answer yet: sent again until answered
    ACKNOWLEDGED = "acknowledged"  # the server stored it (or already had it)
    QUARANTINED = "quarantined"  # rejected for good, with the server's reason; re-sendable
    CONFLICT = "conflict"  # the server holds other content for this revision aside


class RecordEvent(StrEnum):
    """A record change that may make its current revision eligible (see `record_changed`)."""

    COMPLETED = "completed"
    APPROVED = "approved"
    AMENDED = "amended"
    VOIDED = "voided"


# Server answers (protocol PushStatus values) and the state each leads to.
_STATE_OF_ANSWER = {
    "stored": OutboxState.ACKNOWLEDGED,
    "duplicate": OutboxState.ACKNOWLEDGED,
    "conflict": OutboxState.CONFLICT,
    "rejected": OutboxState.QUARANTINED,
}
_UNSENT = "('pending', 'sent')"


@dataclass(frozen=True)
class OutboxCounts:
    pending: int = 0
    sent: int = 0
    acknowledged: int = 0
    quarantined: int = 0
    conflict: int = 0

    @property
    def waiting(self) -> int:
        """Revisions still to deliver (never sent, or sent without an answer)."""
        return self.pending + self.sent


@dataclass(frozen=True)
class PendingRevision:
    """One unsent revision as it goes on the wire: `wire_json` is a `protocol` RecordRevision."""

    entry_id: int
    record_id: str
    revision: int
    content_hash: str
    wire_json: bytes

    def wire_dict(self) -> dict[str, object]:
        return json.loads(self.wire_json)


@dataclass(frozen=True)
class Answer:
    """The server's verdict on one revision (from a push response or a bundle receipt)."""

    record_id: str
    revision: int
    status: str  # stored, duplicate, conflict, rejected
    code: str | None = None
    detail: str | None = None

    @classmethod
    def of(cls, record_id: str, revision: int, result: RecordResult) -> Answer:
        """A refusal for invalid values keeps its problems as "path=CODE; …" in `detail`, so the
        Sync page can name each field and translate each message code."""
        detail = result.detail
        if result.problems:
            detail = "; ".join(f"{p.path}={p.code}" for p in result.problems)
        code = str(result.code) if result.code else None
        return cls(record_id, revision, str(result.status), code, detail)


def refused_fields(detail: str | None) -> list[tuple[str, str]]:
    """The (path, message code) pairs of a RECORD_INVALID refusal's detail."""
    pairs = [part.strip().rpartition("=") for part in (detail or "").split(";")]
    return [(path, code) for path, sep, code in pairs if sep and code]


@dataclass(frozen=True)
class OutboxProblem:
    """A quarantined or conflicting revision, as the supervisor sees it."""

    entry_id: int
    record_id: str
    revision: int
    state: str
    code: str | None
    detail: str | None
    answered_at: str | None
    title: str
    document_number: str | None
    form_id: str = ""


# ---- queueing (called by RecordService inside the record change's transaction) ------------------


def record_changed(
    conn: Connection, event: RecordEvent, record_id: str, revision: int, now: str
) -> bool:
    """Queue `revision` if the station's policy makes it eligible after `event`; True if queued.

    On completion: completed and amended revisions. After approval: the revision a supervisor
    approved. A void goes out under either policy once the centre knows (or will know) the record.
    """
    if event is RecordEvent.VOIDED:
        eligible = has_entries(conn, record_id)
    elif policy_in(conn) is SyncPolicy.ON_COMPLETION:
        eligible = event in (RecordEvent.COMPLETED, RecordEvent.AMENDED)
    else:
        eligible = event is RecordEvent.APPROVED
    if eligible:
        enqueue(conn, record_id, revision, now)
    return eligible


def enqueue(conn: Connection, record_id: str, revision: int, now: str) -> None:
    """Queue one revision; queueing it again changes nothing."""
    conn.execute(
        text(
            "INSERT INTO outbox (record_id, revision, state, queued_at) "
            "VALUES (:id, :rev, 'pending', :now) ON CONFLICT (record_id, revision) DO NOTHING"
        ),
        dict(id=record_id, rev=revision, now=now),
    )


def has_entries(conn: Connection, record_id: str) -> bool:
    return (
        conn.execute(
            text("SELECT 1 FROM outbox WHERE record_id = :id LIMIT 1"), dict(id=record_id)
        ).first()
        is not None
    )


# ---- sending --------------------------------------------------------------------------------


def unsent(
    conn: Connection,
    station_code: str,
    *,
    limit: int,
    after_id: int = 0,
    record_facts: bool = False,
) -> list[PendingRevision]:
    """Up to `limit` revisions still to deliver, oldest first, after entry `after_id`.
    `record_facts`: with the document number and amendment reason (protocol version 2)."""
    rows = conn.exec_driver_sql(
        "SELECT o.id, o.record_id, o.revision, r.form_id, r.form_version, r.author, r.created_at, "
        # INDEXED BY: walked in id order the scan stops at LIMIT; SQLite's own choice (the state
        # index, then a sort) joins every waiting row first — quadratic over a big backlog.
        "v.status, v.changed_at, v.reason, r.document_number, "
        "v.values_json, v.signed_by, v.signature "
        "FROM outbox o INDEXED BY ix_outbox_unsent "
        "JOIN records r ON r.id = o.record_id "
        "JOIN record_revisions v ON v.record_id = o.record_id AND v.revision = o.revision "
        f"WHERE o.state IN {_UNSENT} AND o.id > ? ORDER BY o.id LIMIT {int(limit)}",
        (after_id,),
    ).all()
    listed = revision_wire.any_attachments(conn)
    return [
        _pending(row, station_code, record_facts, _attached(conn, row) if listed else None)
        for row in rows
    ]


def _attached(conn: Connection, row: Sequence[Any]) -> list[dict[str, object]] | None:
    return revision_wire.attachment_list(conn, str(row[1]), int(row[2])) or None


def _facts_of(revision: int, deleted: bool, reason: object, number: object) -> dict[str, str]:
    """Version 2's facts of a revision, outside its hash: the record's document number, and the
    reason of an amendment (a revision after the first that is not a void)."""
    facts = {}
    if number:
        facts["document_number"] = str(number)
    if reason and revision > 1 and not deleted:
        facts["amendment_reason"] = str(reason)
    return facts


def _pending(
    row: Sequence[Any],
    station_code: str,
    facts: bool = False,
    attachments: list[dict[str, object]] | None = None,
) -> PendingRevision:
    entry_id, values_json, signed_by, signature = row[0], row[-3], row[-2], row[-1]
    metadata = revision_metadata(row[1:-4], station_code)
    if attachments:  # listed and hashed only when there are some (docs/protocol.md)
        metadata["attachments"] = attachments
    record_id, revision = row[1], row[2]
    deleted = bool(metadata["deleted"])
    extra = _facts_of(int(revision), deleted, row[9], row[10]) if facts else {}
    # The stored values are canonical JSON already (record_store writes them sorted and compact),
    # so they are hashed and sent as stored: no parse, and the bytes the hash covers are the ones
    # on the wire.
    values = str(values_json).encode("utf-8")
    digest = content_hash_with_values(metadata, values)
    authorship = {"signed_by": signed_by, "signature": signature} if signature else {}
    head = canonical_json(
        {**metadata, "content_hash": digest, "device_seq": entry_id, **authorship, **extra}
    )
    wire = head[:-1] + b',"values":' + values + b"}"
    return PendingRevision(int(entry_id), str(record_id), int(revision), digest, wire)


def mark_sent(conn: Connection, entry_ids: Sequence[int], now: str) -> None:
    """Note the send before it happens: a crash after this resends, which the server absorbs."""
    conn.execute(
        text(
            "UPDATE outbox SET state = 'sent', sent_at = :now, attempts = attempts + 1 "
            f"WHERE id IN (SELECT value FROM json_each(:ids)) AND state IN {_UNSENT}"
        ),
        dict(now=now, ids=json.dumps(list(entry_ids))),
    )


def apply_answers(conn: Connection, answers: Iterable[Answer], now: str) -> OutboxCounts:
    """Record the server's verdicts; returns how many went to each state.

    Only revisions still waiting change: an answer that arrives twice (a resent batch, a receipt
    imported again) finds them acknowledged already and changes nothing.
    """
    params: dict[OutboxState, list[dict[str, object]]] = {}
    plain: list[tuple[str, int]] = []  # acknowledged without a note: one statement for them all
    for answer in answers:
        state = _STATE_OF_ANSWER.get(answer.status)
        if state is None:
            raise ValueError(f"unknown answer {answer.status!r}")
        if state is OutboxState.ACKNOWLEDGED and not answer.code and not answer.detail:
            plain.append((answer.record_id, answer.revision))
            continue
        params.setdefault(state, []).append(
            dict(
                id=answer.record_id,
                rev=answer.revision,
                state=str(state),
                now=now,
                code=answer.code,
                detail=(answer.detail or "")[:1000] or None,
            )
        )
    counts = {"acknowledged": _acknowledge(conn, plain, now)} if plain else {}
    for state, rows in params.items():
        result = conn.execute(
            text(
                "UPDATE outbox SET state = :state, answered_at = :now, result_code = :code, "
                "result_detail = :detail WHERE record_id = :id AND revision = :rev "
                f"AND state IN {_UNSENT}"
            ),
            rows,
        )
        counts[str(state)] = counts.get(str(state), 0) + result.rowcount
    return OutboxCounts(**counts)


def _acknowledge(conn: Connection, revisions: list[tuple[str, int]], now: str) -> int:
    # One UPDATE for a whole batch: ~15× faster than a statement per revision.
    result = conn.execute(
        text(
            "UPDATE outbox SET state = 'acknowledged', answered_at = :now, result_code = NULL, "
            f"result_detail = NULL WHERE state IN {_UNSENT} AND id IN (SELECT o.id FROM "
            "json_each(:pairs) j JOIN outbox o ON o.record_id = json_extract(j.value, '$[0]') "
            "AND o.revision = json_extract(j.value, '$[1]'))"
        ),
        dict(now=now, pairs=json.dumps(revisions)),
    )
    return result.rowcount


# ---- what the supervisor sees and does -----------------------------------------------------------


def counts(conn: Connection) -> OutboxCounts:
    rows = conn.execute(text("SELECT state, count(*) FROM outbox GROUP BY state"))
    return OutboxCounts(**{state: n for state, n in rows})


def problems(conn: Connection, *, limit: int = 500) -> list[OutboxProblem]:
    """Conflicting revisions and quarantined ones not yet superseded by an amendment, newest
    answer first, with the record's title."""
    rows = conn.execute(
        text(
            "SELECT o.id, o.record_id, o.revision, o.state, o.result_code, o.result_detail, "
            "o.answered_at, r.title, r.document_number, r.form_id FROM outbox o "
            "JOIN records r ON r.id = o.record_id "
            "WHERE (o.state = 'conflict' OR (o.state = 'quarantined' AND NOT EXISTS ("
            # A rejected revision is fixed by amending the record: a newer one supersedes it.
            "SELECT 1 FROM outbox n WHERE n.record_id = o.record_id AND n.revision > o.revision)))"
            " ORDER BY o.answered_at DESC, o.id DESC "
            "LIMIT :limit"
        ),
        dict(limit=limit),
    )
    return [OutboxProblem(*row) for row in rows]


def requeue(conn: Connection, entry_id: int, now: str) -> bool:
    """Send a quarantined or conflicting revision again (after the cause was fixed centrally)."""
    result = conn.execute(
        text(
            "UPDATE outbox SET state = 'pending', queued_at = :now, result_code = NULL, "
            "result_detail = NULL, answered_at = NULL "
            "WHERE id = :id AND state IN ('quarantined', 'conflict')"
        ),
        dict(id=entry_id, now=now),
    )
    return result.rowcount == 1


def record_state(conn: Connection, record_id: str) -> str | None:
    """The sync state of the record's newest queued revision (None: never queued)."""
    return conn.execute(
        text("SELECT state FROM outbox WHERE record_id = :id ORDER BY revision DESC LIMIT 1"),
        dict(id=record_id),
    ).scalar()
