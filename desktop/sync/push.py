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

from sqlalchemy import Connection, text

from desktop.core.errors import ServerRefused, ServerUnavailable, ServerUnreachable
from desktop.storage import outbox
from desktop.storage.database import Database
from desktop.storage.outbox import Answer, PendingRevision
from desktop.sync.batching import MAX_BODY_BYTES, BatchSizer
from desktop.sync.client import SyncClient
from desktop.sync.report import PUSH, SyncProgress
from protocol import PROTOCOL_VERSION
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


def audit_head(conn: Connection) -> dict[str, object]:
    """The station's audit-chain head, sent with each batch as tamper evidence."""
    seq, digest = conn.execute(
        text("SELECT last_seq, last_hash FROM audit_anchor WHERE id = 1")
    ).one()
    return {"seq": seq, "hash": digest}


def batch_body(
    batch: list[PendingRevision], head: dict[str, object], roster: dict[str, object] | None = None
) -> bytes:
    """A gzip'd PushRequest; each record's wire JSON is spliced in as prepared by the outbox.
    `roster`: the station's signed roster, which tells the server whose signatures to accept."""
    fields: dict[str, object] = {
        "protocol_version": PROTOCOL_VERSION,
        "batch_id": str(uuid.uuid4()),
        "audit_head": head,
        "records": [],
    }
    if roster is not None:
        fields["roster"] = roster
    envelope = canonical_json(fields)
    records = b",".join(p.wire_json for p in batch)
    # The empty list is spliced open where it stands (the roster sorts after it). The key can
    # occur only once: inside a JSON string every quote is escaped.
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


def _prepare(
    db: Database,
    station_code: str,
    limit: int,
    after: int,
    now: Callable[[], str],
    roster: dict[str, object] | None = None,
) -> _Prepared | None:
    """Read the next batch (a snapshot: the write lock stays free while it is hashed), mark it
    sent, build its body. Anything answered meanwhile stays answered: mark_sent skips it."""
    with db.read() as conn:
        batch = outbox.unsent(conn, station_code, limit=limit, after_id=after)
        if not batch:
            return None
        head = audit_head(conn)
    with db.write() as conn:
        outbox.mark_sent(conn, [p.entry_id for p in batch], now())
    return _Prepared(after, batch, batch_body(batch, head, roster))


def _send(client: SyncClient, sizer: BatchSizer, prepared: _Prepared) -> list[Answer] | None:
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
        return [Answer(batch[0].record_id, batch[0].revision, "rejected", code, "")]
    except (ServerUnreachable, ServerUnavailable):
        sizer.failed()
        raise
    sizer.succeeded(len(batch), time.monotonic() - started)
    return answers_for(batch, response)


def push_waiting(
    db: Database,
    client: SyncClient,
    station_code: str,
    sizer: BatchSizer,
    tally: Tally,
    now: Callable[[], str],
    progress: Callable[[SyncProgress], None],
    cancel: threading.Event,
    roster: dict[str, object] | None = None,
) -> None:
    """Send until nothing waits (or `cancel`); raises ServerUnreachable/Unavailable on failure.

    The next batch is read, marked and compressed on a helper thread while the current one is on
    the wire, so the station's work overlaps the server's. Marking a batch sent early is harmless:
    `sent` revisions are simply sent (again) until an answer is recorded.
    """
    with db.read() as conn:
        total = outbox.counts(conn).waiting
    done = 0
    with ThreadPoolExecutor(1, thread_name_prefix="cax-sync-prepare") as helper:

        def prepare(after: int) -> Future[_Prepared | None]:
            return helper.submit(_prepare, db, station_code, sizer.size, after, now, roster)

        ahead = prepare(0)
        while not cancel.is_set():
            prepared = ahead.result()
            if prepared is None:
                return
            batch = prepared.batch
            if len(prepared.body) > MAX_BODY_BYTES and len(batch) > 1:
                sizer.too_large(len(batch))
                ahead = prepare(prepared.after)
                continue
            ahead = prepare(batch[-1].entry_id)
            tally.sent += len(batch)
            answers = _send(client, sizer, prepared)
            if answers is None:
                ahead.result()  # drop what was read ahead: this batch goes again, smaller
                ahead = prepare(prepared.after)
                continue
            with db.write() as conn:
                counts = outbox.apply_answers(conn, answers, now())
            tally.acknowledged += counts.acknowledged
            tally.conflicts += counts.conflict
            tally.quarantined += counts.quarantined
            done += len(batch)
            progress(
                SyncProgress(PUSH, done, max(total, done), client.bytes_sent, client.bytes_received)
            )
