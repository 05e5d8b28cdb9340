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


def audit_head(conn: Connection) -> dict[str, object]:
    """The station's audit-chain head, sent with each batch as tamper evidence."""
    seq, digest = conn.execute(
        text("SELECT last_seq, last_hash FROM audit_anchor WHERE id = 1")
    ).one()
    return {"seq": seq, "hash": digest}


def batch_body(batch: list[PendingRevision], head: dict[str, object]) -> bytes:
    """A gzip'd PushRequest; each record's wire JSON is spliced in as prepared by the outbox."""
    envelope = canonical_json(
        {
            "protocol_version": PROTOCOL_VERSION,
            "batch_id": str(uuid.uuid4()),
            "audit_head": head,
            "records": [],
        }
    )
    records = b",".join(p.wire_json for p in batch)
    # canonical JSON sorts "records" last, so the list ends the document: `...,"records":[]}`.
    raw = envelope[:-2] + records + b"]}"
    return gzip.compress(raw, GZIP_LEVEL, mtime=0)


def answers_for(batch: list[PendingRevision], response: PushResponse) -> list[Answer]:
    """One answer per sent revision, matched by position (the server answers in order)."""
    if len(response.results) != len(batch) or any(
        r.index != i for i, r in enumerate(response.results)
    ):
        raise ServerUnavailable(server_code="BAD_RESPONSE")
    return [
        Answer(p.record_id, p.revision, str(r.status), r.code and str(r.code), r.detail)
        for p, r in zip(batch, response.results, strict=True)
    ]


def push_waiting(
    db: Database,
    client: SyncClient,
    station_code: str,
    sizer: BatchSizer,
    tally: Tally,
    now: Callable[[], str],
    progress: Callable[[SyncProgress], None],
    cancel: threading.Event,
) -> None:
    """Send until nothing waits (or `cancel`); raises ServerUnreachable/Unavailable on failure."""
    with db.read() as conn:
        total = outbox.counts(conn).waiting
    done, after = 0, 0
    while not cancel.is_set():
        with db.write() as conn:
            batch = outbox.unsent(conn, station_code, limit=sizer.size, after_id=after)
            if not batch:
                return
            head = audit_head(conn)
            outbox.mark_sent(conn, [p.entry_id for p in batch], now())
        body = batch_body(batch, head)
        if len(body) > MAX_BODY_BYTES and len(batch) > 1:
            sizer.too_large(len(batch))
            continue
        started = time.monotonic()
        tally.sent += len(batch)
        try:
            response = client.push(body)
        except ServerRefused as exc:
            if exc.params.get("server_code") not in _TOO_LARGE:
                raise
            if len(batch) > 1:
                sizer.too_large(len(batch))
                continue
            # One revision alone is over the server's limit: set it aside, send the rest.
            code = str(exc.params["server_code"])
            response = None
            answers = [Answer(batch[0].record_id, batch[0].revision, "rejected", code, "")]
        except (ServerUnreachable, ServerUnavailable):
            sizer.failed()
            raise
        else:
            sizer.succeeded(len(batch), time.monotonic() - started)
            answers = answers_for(batch, response)
        with db.write() as conn:
            counts = outbox.apply_answers(conn, answers, now())
        tally.acknowledged += counts.acknowledged
        tally.conflicts += counts.conflict
        tally.quarantined += counts.quarantined
        done += len(batch)
        after = batch[-1].entry_id
        progress(
            SyncProgress(PUSH, done, max(total, done), client.bytes_sent, client.bytes_received)
        )
