"""Records for the console: the list in a user's scope (filters, accent-insensitive search,
keyset pages newest received first) and one record with its revisions and review history.

The caller passes the user's scope as a condition on `stations` (`server.console.scope`), so a
record outside it is simply never found: an unknown id and a foreign one look the same."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    func,
    literal,
    literal_column,
    select,
    tuple_,
)

from domain.records import search_tokens
from server.core.sql import as_utc
from server.models import Device, FormVersion, Record, RecordReview, RecordRevisionRow, Station

_records = Record.__table__
_revisions = RecordRevisionRow.__table__
_reviews = RecordReview.__table__
_stations = Station.__table__
_forms = FormVersion.__table__
_devices = Device.__table__

PAGE_SIZE = 50
STATUSES = ("submitted", "returned", "accepted", "deleted")
MAX_SEARCH_WORDS = 8  # a pasted paragraph must not become a 200-term query


@dataclass(frozen=True)
class RecordQuery:
    """The list's filters; every one given must hold. `text` is what the user typed."""

    form_id: str | None = None
    station_code: str | None = None
    status: str | None = None
    date_from: date | None = None  # on the record's event date, both ends included
    date_to: date | None = None
    text: str = ""


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the last row's (received_at, record_id). The next page starts after
    it, so rows received meanwhile never shift a page (no OFFSET: no repeats, no skips)."""

    received_at: datetime
    record_id: uuid.UUID

    def token(self) -> str:
        moment = as_utc(self.received_at)
        micros = (moment - datetime(1970, 1, 1, tzinfo=UTC)) // _MICROSECOND
        return f"{micros}.{self.record_id.hex}"

    @classmethod
    def parse(cls, token: str) -> Cursor:
        """The cursor of a "next page" link; ValueError for anything else."""
        micros, _, hex_id = token.partition(".")
        if not micros.isdigit() or len(micros) > 18 or len(hex_id) != 32:
            raise ValueError(token)
        moment = datetime(1970, 1, 1, tzinfo=UTC) + int(micros) * _MICROSECOND
        return cls(moment, uuid.UUID(hex=hex_id))


_MICROSECOND = datetime(1970, 1, 1, 0, 0, 0, 1) - datetime(1970, 1, 1)


@dataclass(frozen=True)
class RecordRow:
    record_id: uuid.UUID
    station_code: str
    station_name: str
    form_id: str
    form_version: int
    revision: int
    status: str
    title: str
    event_date: date | None
    received_at: datetime


@dataclass(frozen=True)
class RecordPage:
    rows: list[RecordRow]
    next_cursor: Cursor | None  # None on the last page


def tsquery(typed: str) -> str | None:
    """`to_tsquery('simple', …)` text for what a user typed: folded words (so "Đức" is "duc"),
    all required, the last one a prefix ("nguyen & van & duc:*"). Only [0-9a-z] survives the
    folding, so nothing typed can be a tsquery operator. None when no word is left."""
    tokens = search_tokens(typed)[:MAX_SEARCH_WORDS]
    if not tokens:
        return None
    return " & ".join([*tokens[:-1], tokens[-1] + ":*"])


def _text_condition(conn: Connection, typed: str) -> ColumnElement[bool] | None:
    tokens = search_tokens(typed)[:MAX_SEARCH_WORDS]
    if not tokens:
        return None
    if conn.dialect.name == "postgresql":
        # Exactly the expression of the GIN index ix_records_search (literals, not parameters,
        # or the planner cannot match it to the index).
        document = func.to_tsvector(
            literal_column("'simple'"),
            func.coalesce(_records.c.search_text, literal_column("''")),
        )
        query = func.to_tsquery(literal_column("'simple'"), literal(tsquery(typed)))
        return document.op("@@")(query)
    # SQLite (one-machine trial): the folded text is space-separated words, so a word is
    # " word " inside " text ", and the last typed word a prefix " wor". Tokens are [0-9a-z]:
    # nothing in them is a LIKE wildcard.
    padded = literal(" ") + func.coalesce(_records.c.search_text, "") + literal(" ")
    terms = [padded.like(f"% {token} %") for token in tokens[:-1]]
    terms.append(padded.like(f"% {tokens[-1]}%"))
    return and_(*terms)


def list_records(
    conn: Connection,
    scope: ColumnElement[bool],
    query: RecordQuery,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> RecordPage:
    """One page of the records in scope matching `query`, newest received first."""
    conditions: list[Any] = [scope]
    if query.form_id:
        conditions.append(_records.c.form_id == query.form_id)
    if query.station_code:
        conditions.append(_stations.c.code == query.station_code)
    if query.status:
        conditions.append(_records.c.status == query.status)
    if query.date_from:
        conditions.append(_records.c.event_date >= query.date_from)
    if query.date_to:
        conditions.append(_records.c.event_date <= query.date_to)
    text = _text_condition(conn, query.text)
    if text is not None:
        conditions.append(text)
    if after is not None:
        # SQLite keeps timestamps as naive UTC text: compare with the same naive UTC value.
        moment = as_utc(after.received_at)
        if conn.dialect.name != "postgresql":
            moment = moment.replace(tzinfo=None)
        conditions.append(
            tuple_(_records.c.received_at, _records.c.record_id) < tuple_(moment, after.record_id)
        )
    rows = conn.execute(
        select(
            _records.c.record_id,
            _stations.c.code,
            _stations.c.name,
            _records.c.form_id,
            _records.c.form_version,
            _records.c.revision,
            _records.c.status,
            _records.c.title,
            _records.c.event_date,
            _records.c.received_at,
        )
        .select_from(_records.join(_stations, _stations.c.id == _records.c.station_id))
        .where(*conditions)
        .order_by(_records.c.received_at.desc(), _records.c.record_id.desc())
        .limit(limit + 1)
    ).all()
    page = [
        RecordRow(
            record_id=r.record_id,
            station_code=r.code,
            station_name=r.name,
            form_id=r.form_id,
            form_version=r.form_version,
            revision=r.revision,
            status=r.status,
            title=r.title or "",
            event_date=r.event_date,
            received_at=as_utc(r.received_at),
        )
        for r in rows[:limit]
    ]
    more = len(rows) > limit
    last = page[-1] if page and more else None
    return RecordPage(page, Cursor(last.received_at, last.record_id) if last else None)


@dataclass(frozen=True)
class RecordHead:
    record_id: uuid.UUID
    station_id: int
    station_code: str
    station_name: str
    form_id: str
    form_version: int
    revision: int
    status: str
    deleted: bool
    title: str
    event_date: date | None
    created_at: datetime
    updated_at: datetime
    received_at: datetime


@dataclass(frozen=True)
class Revision:
    revision: int
    form_version: int
    author: str
    device_name: str | None
    deleted: bool
    delete_reason: str | None
    updated_at: datetime
    received_at: datetime
    values: dict[str, Any]


@dataclass(frozen=True)
class Review:
    revision: int
    decision: str
    comment: str
    reviewer: str
    decided_at: datetime


def parse_record_id(text: str) -> uuid.UUID | None:
    """A record id from a URL; None for anything malformed (the page answers 404 as for an
    unknown one)."""
    try:
        return uuid.UUID(text) if len(text) <= 36 else None
    except ValueError:
        return None


def find_record(
    conn: Connection, scope: ColumnElement[bool], record_id: uuid.UUID
) -> RecordHead | None:
    """The record's head if it exists and its station is in scope; None otherwise."""
    r = conn.execute(
        select(_records, _stations.c.code.label("station_code"), _stations.c.name)
        .select_from(_records.join(_stations, _stations.c.id == _records.c.station_id))
        .where(_records.c.record_id == record_id, scope)
    ).first()
    if r is None:
        return None
    return RecordHead(
        record_id=r.record_id,
        station_id=r.station_id,
        station_code=r.station_code,
        station_name=r.name,
        form_id=r.form_id,
        form_version=r.form_version,
        revision=r.revision,
        status=r.status,
        deleted=r.deleted,
        title=r.title or "",
        event_date=r.event_date,
        created_at=as_utc(r.created_at),
        updated_at=as_utc(r.updated_at),
        received_at=as_utc(r.received_at),
    )


def revisions(conn: Connection, record_id: uuid.UUID) -> list[Revision]:
    """Every stored revision, oldest first, with the device that sent it."""
    devices = _devices
    rows = conn.execute(
        select(_revisions, devices.c.name.label("device_name"))
        .select_from(_revisions.outerjoin(devices, devices.c.id == _revisions.c.device_id))
        .where(_revisions.c.record_id == record_id)
        .order_by(_revisions.c.revision)
    ).all()
    return [
        Revision(
            revision=r.revision,
            form_version=r.form_version,
            author=r.author,
            device_name=r.device_name,
            deleted=r.deleted,
            delete_reason=r.delete_reason,
            updated_at=as_utc(r.updated_at),
            received_at=as_utc(r.received_at),
            values=r.field_values if isinstance(r.field_values, dict) else {},
        )
        for r in rows
    ]


def reviews_of(conn: Connection, record_id: uuid.UUID) -> list[Review]:
    """Every review decision on the record, newest first, comments as written."""
    rows = conn.execute(
        select(_reviews)
        .where(_reviews.c.record_id == record_id)
        .order_by(_reviews.c.decided_at.desc(), _reviews.c.id.desc())
    ).all()
    return [
        Review(r.revision, r.decision, r.comment, r.reviewer, as_utc(r.decided_at)) for r in rows
    ]


def form_ids(conn: Connection) -> list[tuple[str, int]]:
    """Each registered form with its newest version (for the form filter's labels)."""
    rows = conn.execute(
        select(_forms.c.form_id, func.max(_forms.c.version))
        .group_by(_forms.c.form_id)
        .order_by(_forms.c.form_id)
    ).all()
    return [(r[0], r[1]) for r in rows]


def stations_in_scope(
    conn: Connection, scope: ColumnElement[bool], limit: int
) -> list[tuple[str, str]] | None:
    """(code, name) of the stations in scope for the station filter's list; None when there are
    more than `limit` (a national list of 3,321 would make every page heavy: type the code)."""
    rows = conn.execute(
        select(_stations.c.code, _stations.c.name)
        .where(scope)
        .order_by(_stations.c.code)
        .limit(limit + 1)
    ).all()
    return None if len(rows) > limit else [(r[0], r[1]) for r in rows]
