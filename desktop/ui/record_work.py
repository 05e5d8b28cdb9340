"""Work functions for the record pages: each runs on the database lane and returns plain values."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import AppError
from desktop.core.overview import StationOverview
from desktop.storage import audit, outbox, record_store, settings
from desktop.storage.audit import AuditEntry
from desktop.storage.records import RecordService
from desktop.storage.station import StationSession
from domain.forms import Catalogue, load_catalogue
from domain.forms.evaluation import RecordLookup
from domain.law import Catalogue as LawCatalogue
from domain.records import RecordFilter, RecordSummary, StoredRecord
from domain.validation import Override

# A supervisor (or the centre) sent a record back with a comment; the author amends it.
RECORD_RETURNED = AuditAction.RECORD_RETURNED

HISTORY_LIMIT = 500  # audit entries shown for one record (views are audited too, so they pile up)


@functools.cache
def shared_catalogue() -> Catalogue:
    """The form catalogue, read once per process (it is immutable; ~0.3 s to load and check)."""
    return load_catalogue()


def _service(session: StationSession, catalogue: Catalogue) -> RecordService:
    return RecordService(session, catalogue)


def law_catalogue(session: StationSession, catalogue: Catalogue) -> LawCatalogue:
    """The legal catalogue the station judges with, so the form checks as saving will."""
    return _service(session, catalogue).law_catalogue()


def record_lookup(
    session: StationSession, catalogue: Catalogue, form_id: str
) -> RecordLookup | None:
    """The station's records the form's `record_link` checks look up, read once when the form
    opens, so the form warns as completing will (F6's supervision file → F10)."""
    return _service(session, catalogue).record_lookup(form_id)


def save_draft(
    session: StationSession,
    catalogue: Catalogue,
    record_id: str | None,
    form_id: str,
    values: dict[str, Any],
) -> str:
    """Create the draft (first save) or overwrite it (later saves, autosave); its id."""
    service = _service(session, catalogue)
    if record_id is None:
        return service.create(form_id, values)
    service.save_draft(record_id, values)
    return record_id


@dataclass(frozen=True)
class Completion:
    record_id: str
    number: str | None


def save_and_complete(
    session: StationSession,
    catalogue: Catalogue,
    record_id: str | None,
    form_id: str,
    values: dict[str, Any],
    overrides: tuple[Override, ...] = (),
) -> Completion:
    """Save the latest values, then complete: validated, numbered, revision 1 kept.

    A refusal (ValidationFailed) leaves the draft saved with these values.
    """
    record_id = save_draft(session, catalogue, record_id, form_id, values)
    number = _service(session, catalogue).complete(record_id, overrides)
    return Completion(record_id, number)


@dataclass(frozen=True)
class RecordDetails:
    """A record opened for reading: values, revisions and what the audit log says about it."""

    record: StoredRecord
    history: tuple[AuditEntry, ...]
    sync_state: str | None = None  # outbox state of its newest queued revision (None: not queued)


def record_history(conn: Any, record_id: str, limit: int = HISTORY_LIMIT) -> list[AuditEntry]:
    """Audit entries about one record, newest first."""
    return audit.entries(conn, limit=limit, target=record_id)


def open_record(session: StationSession, catalogue: Catalogue, record_id: str) -> RecordDetails:
    """The record (its viewing audited) with its revisions and history."""
    record = _service(session, catalogue).get(record_id)
    with session.db.read() as conn:
        history = tuple(record_history(conn, record_id))
        sync_state = outbox.record_state(conn, record_id)
    return RecordDetails(record, history, sync_state)


def load_page(
    session: StationSession, filters: RecordFilter, after: tuple[Any, ...] | None, limit: int
) -> list[RecordSummary]:
    """One page of a record list, in the filter's order."""
    with session.db.read() as conn:
        return record_store.page(conn, filters, limit=limit, after=after)


def station_overview(session: StationSession, catalogue: Catalogue) -> StationOverview:
    """The dashboard's counts and deadlines (see RecordService.overview)."""
    return _service(session, catalogue).overview(settings.transfer_hours(session))


def category_by_month(
    session: StationSession, form_id: str, field_path: str, since: str
) -> dict[str, dict[str, int]]:
    """The dashboard's break-down of one form by a choice field (see record_store)."""
    with session.db.read() as conn:
        return record_store.category_by_month(conn, form_id, field_path, since)


def count_records(session: StationSession, filters: RecordFilter) -> int:
    with session.db.read() as conn:
        return record_store.count(conn, filters)


@dataclass(frozen=True)
class Outcome:
    """What happened to one record of a batch: `error` is None when it worked."""

    record_id: str
    error: AppError | None


def approve_records(
    session: StationSession, catalogue: Catalogue, record_ids: Iterable[str]
) -> list[Outcome]:
    """Approve each record in turn; one refusal (already approved by someone else) stops none."""
    service = _service(session, catalogue)
    outcomes = []
    for record_id in record_ids:
        try:
            service.approve(record_id)
        except AppError as error:
            outcomes.append(Outcome(record_id, error))
        else:
            outcomes.append(Outcome(record_id, None))
    return outcomes


def return_record(
    session: StationSession, catalogue: Catalogue, record_id: str, comment: str
) -> None:
    """Send a completed record back to its author with a comment (see RecordService)."""
    _service(session, catalogue).return_to_author(record_id, comment)


def amend_record(
    session: StationSession,
    catalogue: Catalogue,
    record_id: str,
    values: dict[str, Any],
    reason: str,
) -> int:
    return _service(session, catalogue).amend(record_id, values, reason)


def void_record(session: StationSession, catalogue: Catalogue, record_id: str, reason: str) -> None:
    _service(session, catalogue).void(record_id, reason)
