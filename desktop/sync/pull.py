"""Pull: the centre's updates after the stored cursor, each page applied with its cursor in one
transaction, so an update is applied exactly once however often the link fails. The last page
waits for the session's closing commit (`SessionLedger.defer`): a crash before it costs that page
pulled again, never an update applied twice."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor

from pydantic import ValidationError
from sqlalchemy import Connection

from desktop.storage import centre_feed, sync_settings
from desktop.sync.client import SyncClient
from desktop.sync.ledger import SessionLedger
from desktop.sync.push import Tally
from desktop.sync.report import PULL, SyncProgress
from protocol.canonical import format_timestamp
from protocol.messages import PullResponse, PullUpdate, ReviewDecisionPayload, UpdateKind

PAGE = 500
log = logging.getLogger("cax.sync")


def apply_update(conn: Connection, update: PullUpdate, now: str) -> None:
    """Keep the update; a review decision also marks the record (audited)."""
    created = (
        format_timestamp(update.created_at) if update.created_at.tzinfo else str(update.created_at)
    )
    if not centre_feed.store_update(conn, update.cursor, update.kind, created, update.payload, now):
        return  # applied before
    if update.kind is not UpdateKind.REVIEW_DECISION:
        return
    try:
        review = ReviewDecisionPayload.model_validate(update.payload)
    except ValidationError:
        log.warning("review decision %s has an unexpected shape; kept, not applied", update.cursor)
        return
    centre_feed.apply_review(
        conn,
        update.cursor,
        str(review.record_id),
        review.revision,
        str(review.decision),
        review.comment,
        review.reviewer,
        now,
    )


def _apply_page(page: PullResponse, now: Callable[[], str]) -> Callable[[Connection], None]:
    def apply(conn: Connection) -> None:
        for update in page.updates:
            apply_update(conn, update, now())
        sync_settings.set_pull_cursor(conn, page.next_cursor)

    return apply


def pull_updates(
    ledger: SessionLedger,
    client: SyncClient,
    cursor: int,
    tally: Tally,
    now: Callable[[], str],
    progress: Callable[[SyncProgress], None],
    cancel: threading.Event,
) -> int:
    """Apply every page after `cursor` (the last one with the session's next write); returns
    the new cursor."""
    while not cancel.is_set():
        page = client.pull(cursor, PAGE)
        apply = _apply_page(page, now)
        if page.has_more:
            with ledger.write() as conn:
                apply(conn)
        else:
            ledger.defer(apply)
        tally.pulled += len(page.updates)
        cursor = page.next_cursor
        progress(
            SyncProgress(PULL, tally.pulled, tally.pulled, client.bytes_sent, client.bytes_received)
        )
        if not page.has_more:
            break
    return cursor


def _ignore(_: SyncProgress) -> None:
    return None


def pull_beside(
    work: Callable[[], None],
    ledger: SessionLedger,
    client: SyncClient,
    cursor: int,
    tally: Tally,
    now: Callable[[], str],
    cancel: threading.Event,
) -> None:
    """Run `work` (the attachments and the reports, which the pull depends on no more than they
    on it) while the pull runs beside it on a connection of its own: a second server worker
    answers it. `work`'s error is the session's and stops the pull; the pull's own error is
    raised once `work` is done. Either way the pull has ended on return, so the session's
    closing write never races it; its bytes count as `client`'s."""
    stop_pull = threading.Event()  # the session's cancel, or `work` failed
    puller = client.twin(stop_pull)
    with ThreadPoolExecutor(1, thread_name_prefix="cax-sync-pull") as side:
        pulled = side.submit(pull_updates, ledger, puller, cursor, tally, now, _ignore, stop_pull)
        try:
            work()
        except BaseException:
            stop_pull.set()
            raise
        finally:
            while not futures.wait([pulled], timeout=0.05).done:
                if cancel.is_set():
                    stop_pull.set()
            client.absorb(puller)
            puller.close()
        if cancel.is_set():
            stop_pull.set()
        pulled.result()
