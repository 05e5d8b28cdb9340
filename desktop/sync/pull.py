"""Pull: the centre's updates after the stored cursor, each page applied with its cursor in one
transaction, so an update is applied exactly once however often the link fails."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pydantic import ValidationError
from sqlalchemy import Connection

from desktop.storage import centre_feed, sync_settings
from desktop.storage.database import Database
from desktop.sync.client import SyncClient
from desktop.sync.push import Tally
from desktop.sync.report import PULL, SyncProgress
from protocol.canonical import format_timestamp
from protocol.messages import PullUpdate, ReviewDecisionPayload, UpdateKind

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


def pull_updates(
    db: Database,
    client: SyncClient,
    cursor: int,
    tally: Tally,
    now: Callable[[], str],
    progress: Callable[[SyncProgress], None],
    cancel: threading.Event,
) -> int:
    """Apply every page after `cursor`; returns the new cursor."""
    while not cancel.is_set():
        page = client.pull(cursor, PAGE)
        with db.write() as conn:
            for update in page.updates:
                apply_update(conn, update, now())
            sync_settings.set_pull_cursor(conn, page.next_cursor)
        tally.pulled += len(page.updates)
        cursor = page.next_cursor
        progress(
            SyncProgress(PULL, tally.pulled, tally.pulled, client.bytes_sent, client.bytes_received)
        )
        if not page.has_more:
            break
    return cursor
