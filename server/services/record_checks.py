"""The server's check of each pushed revision, with the same domain code the station ran: the
blocking problems of its values, and the projection (title, event date, commune, folded search
text) the console lists and searches by."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.forms import FormDefinition
from domain.law import Catalogue
from domain.records import project
from domain.validation import check_record
from domain.validation.formats import VN_TZ
from protocol.messages import RecordProblem, RecordRevision

MAX_PROBLEMS = 20  # enough to fix a record; a receipt must not grow with a garbage payload


@dataclass(frozen=True)
class HeadProjection:
    title: str
    event_date: date | None
    commune_code: str | None
    search_text: str


def blocking_problems(
    form: FormDefinition, record: RecordRevision, law: Catalogue | None = None
) -> list[RecordProblem]:
    """Errors the station could not have accepted: overridable ones (an ID whose sex digit
    disagrees…) may carry a supervisor's reason the wire does not bring, so they pass.

    Dates are judged as of the revision's last change in Vietnam, as the station judged them,
    so a record is never refused later for being "in the future" or "too old". `law` is the
    catalogue in force on the server (None: the bundled one)."""
    if record.deleted:
        return []  # a tombstone keeps the values it had; the void itself is what travels
    changed = record.updated_at.astimezone(VN_TZ).replace(tzinfo=None)
    checked = check_record(
        form, record.values, today=changed.date(), now=changed, station_commune=None, law=law
    )
    found = [p for p in checked.problems if p.is_error and not p.overridable]
    return [RecordProblem(path=p.path[:300], code=str(p.code)) for p in found[:MAX_PROBLEMS]]


def projection(form: FormDefinition, values: dict[str, Any]) -> HeadProjection:
    shown = project(form, values)
    return HeadProjection(
        title=shown.title[:500],
        event_date=date.fromisoformat(shown.event_date) if shown.event_date else None,
        commune_code=shown.commune_code,
        search_text=shown.search_text,
    )


class HeadProjections(Mapping[tuple[uuid.UUID, int], HeadProjection]):
    """The projection of each checked revision of a batch, made when first asked for: only a
    record's newest stored revision becomes its head, so a batch carrying several revisions of
    one record (created, then completed, then given a file) projects one of them, not each."""

    def __init__(self) -> None:
        self._sources: dict[tuple[uuid.UUID, int], tuple[FormDefinition, dict[str, Any]]] = {}
        self._made: dict[tuple[uuid.UUID, int], HeadProjection] = {}

    def add(self, record: RecordRevision, form: FormDefinition) -> None:
        self._sources[(record.record_id, record.revision)] = (form, record.values)

    def __getitem__(self, key: tuple[uuid.UUID, int]) -> HeadProjection:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = projection(*self._sources[key])
        return made

    def __iter__(self) -> Iterator[tuple[uuid.UUID, int]]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


def head_projection_row(
    projections: Mapping[tuple[uuid.UUID, int], HeadProjection], record: RecordRevision
) -> dict[str, Any]:
    """The projection columns of a record's head row (empty when none was made)."""
    shown = projections.get((record.record_id, record.revision))
    if shown is None:
        return {"title": None, "event_date": None, "commune_code": None, "search_text": None}
    return {
        "title": shown.title,
        "event_date": shown.event_date,
        "commune_code": shown.commune_code,
        "search_text": shown.search_text,
    }
