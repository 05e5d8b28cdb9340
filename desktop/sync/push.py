"""Push: every waiting outbox revision, in gzip'd signed batches, each answer recorded at once.

Exactly once comes from the two sides together: the station marks a batch `sent` before sending
and keeps sending it until an answer is recorded; the server stores a revision once and answers
`duplicate` for a copy. A crash or a cut link at any moment therefore costs a resend, never a loss
or a second copy.
"""

from __future__ import annotations

import gzip
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from desktop.core.errors import ServerRefused, ServerUnavailable, ServerUnreachable
from desktop.storage import audit_anchor, outbox
from desktop.storage.outbox import Answer, OutboxCounts, PendingRevision
from desktop.sync.batching import MAX_BODY_BYTES, BatchSizer
from desktop.sync.client import SyncClient
from desktop.sync.ledger import SessionLedger
from desktop.sync.report import PUSH, SyncProgress
from protocol import FEED_HINT_VERSION, PROTOCOL_VERSION, RECORD_FACTS_VERSION
from protocol.canonical import canonical_json
from protocol.errors import ErrorCode
from protocol.messages import PushResponse

_TOO_LARGE = {str(ErrorCode.BODY_TOO_LARGE), str(ErrorCode.BATCH_TOO_LARGE)}
# zlib's default: station links are slow, so bytes matter more than the few ms of CPU.
GZIP_LEVEL = 6


@dataclass
class Tally:
    """Counters of one sync session, filled in as it goes."""

    sent: int = 0
    acknowledged: int = 0
    conflicts: int = 0
    quarantined: int = 0
    pulled: int = 0
    # Periodic reports (report_push.py); a conflict or refusal names its code here.
    reports_sent: int = 0
    reports_acknowledged: int = 0
    report_problem: str | None = None
    # The last push answer's word on the centre's feed (protocol 4): False, nothing waits after
    # the station's pull cursor, so the session makes no pull request; None, not said.
    feed_waiting: bool | None = None


def audit_head(conn: Connection) -> dict[str, object]:
    """The station's audit-chain head, sent with each batch as tamper evidence."""
    return audit_anchor.head(conn)


@dataclass(frozen=True)
class AuditState:
    """What a batch says of the station's audit log: its head, the entry at the seq the server
    anchored (if known), and a supervisor's restore declaration waiting to be sent."""

    head: dict[str, object]
    proof: dict[str, object] | None = None
    restore: dict[str, Any] | None = None

    @classmethod
    def read(cls, conn: Connection, device_id: str) -> AuditState:
        return cls(
            audit_anchor.head(conn),
            audit_anchor.proof(conn, device_id),
            audit_anchor.pending_restore(conn),
        )


def batch_body(
    batch: list[PendingRevision],
    head: dict[str, object] | AuditState,
    roster: dict[str, object] | None = None,
    protocol: int = PROTOCOL_VERSION,
    pull_cursor: int | None = None,
) -> bytes:
    """A gzip'd PushRequest; each record's wire JSON is spliced in as prepared by the outbox.
    `roster`: the station's signed roster, which tells the server whose signatures to accept;
    `protocol`: the version agreed with the server (the records were read for it);
    `pull_cursor`: the station's, to learn in the answer whether updates wait (protocol 4)."""
    state = head if isinstance(head, AuditState) else AuditState(head)
    fields: dict[str, Any] = {
        "protocol_version": protocol,
        "batch_id": str(uuid.uuid4()),
        "audit_head": state.head,
        "records": [],
    }
    if state.proof is not None:
        fields["audit_anchor"] = state.proof
    if state.restore is not None:
        fields["restore"] = state.restore
    if roster is not None:
        fields["roster"] = roster
    if pull_cursor is not None and protocol >= FEED_HINT_VERSION:
        fields["pull_cursor"] = pull_cursor
    envelope = canonical_json(fields)
    records = b",".join(p.wire_json for p in batch)
    # The empty list is spliced open where it stands (keys sort around it). The key can occur
    # only once: inside a JSON string every quote is escaped.
    raw = envelope.replace(b'"records":[]', b'"records":[' + records + b"]", 1)
    return gzip.compress(raw, GZIP_LEVEL, mtime=0)


def answers_for(batch: list[PendingRevision], response: PushResponse) -> list[Answer]:
    """One answer per sent revision, matched by position (the server answers in order)."""
    if len(response.results) != len(batch) or any(
        r.index != i for i, r in enumerate(response.results)
    ):
        raise ServerUnavailable(server_code="BAD_RESPONSE")
    return [
        Answer.of(p.record_id, p.revision, r) for p, r in zip(batch, response.results, strict=True)
    ]


@dataclass(frozen=True)
class _Prepared:
    after: int  # the outbox id the batch was read after (to read it again, smaller)
    batch: list[PendingRevision]
    body: bytes
    restore_id: str | None = None  # the declaration this batch carries


@dataclass(frozen=True)
class _Sent:
    answers: list[Answer]
    anchored_seq: int | None = None
    feed_waiting: bool | None = None


def _prepare(
    ledger: SessionLedger,
    station_code: str,
    device_id: str,
    limit: int,
    after: int,
    now: Callable[[], str],
    roster: dict[str, object] | None = None,
    protocol: int = PROTOCOL_VERSION,
    pull_cursor: int | None = None,
) -> _Prepared | None:
    """Read the next batch (a snapshot: the write lock stays free while it is hashed), mark it
    sent, build its body. Anything answered meanwhile stays answered: mark_sent skips it.
    With nothing to send, a waiting restore declaration still goes, in an empty batch.
    The mark commits before the batch goes (with the session's history row, the first time):
    a session killed while it is on the wire leaves its revisions `sent` and itself
    `interrupted`, the evidence docs/sync.md promises."""
    with ledger.db.read() as conn:
        facts = protocol >= RECORD_FACTS_VERSION
        batch = outbox.unsent(conn, station_code, limit=limit, after_id=after, record_facts=facts)
        state = AuditState.read(conn, device_id)
        if not batch and (state.restore is None or after != 0):
            return None
    if batch:
        with ledger.write() as conn:
            outbox.mark_sent(conn, [p.entry_id for p in batch], now())
    restore_id = str(state.restore["declaration_id"]) if state.restore else None
    body = batch_body(batch, state, roster, protocol, pull_cursor)
    return _Prepared(after, batch, body, restore_id)


def _send(client: SyncClient, sizer: BatchSizer, prepared: _Prepared) -> _Sent | None:
    """The answers for one batch; None when it must go again in smaller batches."""
    batch, started = prepared.batch, time.monotonic()
    try:
        response = client.push(prepared.body)
    except ServerRefused as exc:
        code = str(exc.params.get("server_code"))
        if code not in _TOO_LARGE:
            raise
        if len(batch) > 1:
            sizer.too_large(len(batch))
            return None
        # One revision alone is over the server's limit: set it aside, send the rest.
        return _Sent([Answer(batch[0].record_id, batch[0].revision, "rejected", code, "")])
    except (ServerUnreachable, ServerUnavailable):
        sizer.failed()
        raise
    sizer.succeeded(len(batch), time.monotonic() - started)
    return _Sent(answers_for(batch, response), response.anchored_seq, response.feed_waiting)


def _record_answers(
    ledger: SessionLedger,
    prepared: _Prepared,
    sent: _Sent,
    device_id: str,
    now: Callable[[], str],
) -> OutboxCounts:
    """The verdicts, and what the server now anchors, in one transaction. It commits at once: a
    blob is due only once its revision is acknowledged here, and an answer on disk is a batch
    a crash will not send again."""
    with ledger.write() as conn:
        counts = outbox.apply_answers(conn, sent.answers, now())
        if sent.anchored_seq is not None:
            audit_anchor.save_anchor(conn, device_id, sent.anchored_seq)
        if prepared.restore_id is not None and sent.anchored_seq is not None:
            audit_anchor.clear_pending_restore(conn, prepared.restore_id)
    return counts


def push_waiting(
    ledger: SessionLedger,
    client: SyncClient,
    station_code: str,
    sizer: BatchSizer,
    tally: Tally,
    now: Callable[[], str],
    progress: Callable[[SyncProgress], None],
    cancel: threading.Event,
    roster: dict[str, object] | None = None,
    pull_cursor: int | None = None,
) -> None:
    """Send until nothing waits (or `cancel`); raises ServerUnreachable/Unavailable on failure.
    `pull_cursor` goes with every batch: `tally.feed_waiting` keeps the last answer's word.

    The next batch is read, marked and compressed on a helper thread while the current one is on
    the wire, so the station's work overlaps the server's. Marking a batch sent early is harmless:
    `sent` revisions are simply sent (again) until an answer is recorded.
    """
    done = 0
    assert client.identity is not None, "a push needs an enrolled device"
    device_id = client.identity.device_id
    with ThreadPoolExecutor(1, thread_name_prefix="cax-sync-prepare") as helper:

        def prepare(after: int) -> Future[_Prepared | None]:
            return helper.submit(
                _prepare,
                ledger,
                station_code,
                device_id,
                sizer.size,
                after,
                now,
                roster,
                client.protocol,
                pull_cursor,
            )

        ahead = prepare(0)
        # Counted (for the progress only) while the helper reads the first batch, not before.
        with ledger.db.read() as conn:
            total = outbox.counts(conn).waiting
        while not cancel.is_set():
            prepared = ahead.result()
            if prepared is None:
                return
            batch = prepared.batch
            if len(prepared.body) > MAX_BODY_BYTES and len(batch) > 1:
                sizer.too_large(len(batch))
                ahead = prepare(prepared.after)
                continue
            if not batch:  # only a restore declaration to send
                if (sent := _send(client, sizer, prepared)) is not None:
                    _record_answers(ledger, prepared, sent, device_id, now)
                    tally.feed_waiting = sent.feed_waiting
                return
            ahead = prepare(batch[-1].entry_id)
            tally.sent += len(batch)
            sent = _send(client, sizer, prepared)
            if sent is None:
                ahead.result()  # drop what was read ahead: this batch goes again, smaller
                ahead = prepare(prepared.after)
                continue
            counts = _record_answers(ledger, prepared, sent, device_id, now)
            tally.feed_waiting = sent.feed_waiting
            tally.acknowledged += counts.acknowledged
            tally.conflicts += counts.conflict
            tally.quarantined += counts.quarantined
            done += len(batch)
            progress(
                SyncProgress(PUSH, done, max(total, done), client.bytes_sent, client.bytes_received)
            )
