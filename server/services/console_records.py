"""Records for the console: the list in a user's scope (filters, accent-insensitive search,
keyset pages newest received first) and one record with its revisions and review history.

The caller passes the user's scope as a condition on `stations` (`server.console.scope`), so a
record outside it is simply never found: an unknown id and a foreign one look the same."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
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
    text,
    tuple_,
)
from sqlalchemy.sql.elements import True_
from sqlalchemy.sql.util import ClauseAdapter

from domain.records import search_tokens
from server.core.sql import as_utc
from server.models import (
    CentreStatus,
    Device,
    FormVersion,
    Record,
    RecordReview,
    RecordRevisionRow,
    Station,
)

_records = Record.__table__
_revisions = RecordRevisionRow.__table__
_reviews = RecordReview.__table__
_stations = Station.__table__
_forms = FormVersion.__table__
_devices = Device.__table__

PAGE_SIZE = 50
STATUSES = tuple(str(status) for status in CentreStatus)
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


def _tsvector(search_text: ColumnElement[Any]) -> ColumnElement[Any]:
    """Exactly the expression of the GIN index ix_records_search (literals, not parameters,
    or the planner cannot match it to the index)."""
    return func.to_tsvector(
        literal_column("'simple'"), func.coalesce(search_text, literal_column("''"))
    )


def _matches(search_text: ColumnElement[Any], typed: str) -> ColumnElement[bool]:
    query = func.to_tsquery(literal_column("'simple'"), literal(tsquery(typed)))
    return _tsvector(search_text).op("@@")(query)


def _like_words(search_text: ColumnElement[Any], typed: str) -> ColumnElement[bool]:
    """The same match as the tsquery, by LIKE: the folded text is [0-9a-z] words joined by
    single spaces, so a word is " word " inside " text " and the last typed word a prefix
    " wor". Tokens are [0-9a-z]: nothing in them is a LIKE wildcard. SQLite's search, and
    PostgreSQL's first try, where it costs ~1 µs a row against ~40 µs for to_tsvector."""
    tokens = search_tokens(typed)[:MAX_SEARCH_WORDS]
    padded = literal(" ") + func.coalesce(search_text, "") + literal(" ")
    terms = [padded.like(f"% {token} %") for token in tokens[:-1]]
    terms.append(padded.like(f"% {tokens[-1]}%"))
    return and_(*terms)


def _scope_station_ids(
    conn: Connection, scope: ColumnElement[bool], station_code: str | None
) -> list[int] | None:
    """The ids of the stations the list may show; None for every station. Resolved first (a
    province has about a hundred) so the record queries filter `station_id IN (...)` and the
    planner never loops over stations running the text search once per station."""
    if isinstance(scope, True_) and not station_code:
        return None
    condition = and_(scope, _stations.c.code == station_code) if station_code else scope
    return list(conn.execute(select(_stations.c.id).where(condition)).scalars())


# What a list row reads of a record head (the station's code and name come after the page).
_COLUMNS = (
    "record_id",
    "station_id",
    "form_id",
    "form_version",
    "revision",
    "status",
    "title",
    "event_date",
    "received_at",
)


def list_records(
    conn: Connection,
    scope: ColumnElement[bool],
    query: RecordQuery,
    after: Cursor | None = None,
    limit: int = PAGE_SIZE,
) -> RecordPage:
    """One page of the records in scope matching `query`, newest received first."""
    station_ids = _scope_station_ids(conn, scope, query.station_code)
    if station_ids == []:
        return RecordPage([], None)
    # Conditions the newest-first index walk serves well (scope, the page's start) ...
    walk: list[Any] = []
    if station_ids is not None:
        walk.append(_records.c.station_id.in_(station_ids))
    if after is not None:
        # SQLite keeps timestamps as naive UTC text: compare with the same naive UTC value.
        moment = as_utc(after.received_at)
        if conn.dialect.name != "postgresql":
            moment = moment.replace(tzinfo=None)
        walk.append(
            tuple_(_records.c.received_at, _records.c.record_id) < tuple_(moment, after.record_id)
        )
    # ... and filters that may keep only a few of the records it walks past.
    filters: list[Any] = []
    if query.form_id:
        filters.append(_records.c.form_id == query.form_id)
    if query.status:
        filters.append(_records.c.status == query.status)
    if query.date_from:
        filters.append(_records.c.event_date >= query.date_from)
    if query.date_to:
        filters.append(_records.c.event_date <= query.date_to)
    searching = tsquery(query.text) is not None
    if conn.dialect.name == "postgresql" and (filters or searching):
        rows = _filtered_pg(conn, walk, filters, query.text if searching else "", limit + 1)
    else:
        if searching:
            filters.append(_like_words(_records.c.search_text, query.text))
        rows = conn.execute(_page(_records.c, walk + filters, limit + 1)).all()
    return _as_page(conn, rows, limit)


def _page(columns: Any, conditions: list[Any], limit: int) -> Any:
    return (
        select(*(columns[name] for name in _COLUMNS))
        .where(*conditions)
        .order_by(columns.received_at.desc(), columns.record_id.desc())
        .limit(limit)
    )


# How many of the newest records in scope the first try of a filtered list reads: for words
# (~1.5 µs each with LIKE) enough for a page of a search that keeps 1 % — rarer words cost
# more in the window than through the GIN index (at 2M records a province reviewer's
# no-match search took 150 ms with a 20,000 window, 54 ms with 5,000; bench/console_bench.py);
# for the other filters, whose statistics the planner knows, just enough to spare it the deep
# walks.
SEARCH_WINDOW = 5000
FILTER_WINDOW = 2000
# Records the other filters may keep for the words to be matched among them by LIKE (~1.5 µs
# each, plus reading them) rather than through the GIN index.
FILTERED_CAP = 100000
# Bitmaps of common words (a third of all records say "nguyen") must stay exact: a lossy one
# makes PostgreSQL run to_tsvector again on every row of every lossy page (25 s seen at 2M).
SEARCH_WORK_MEM = "64MB"


def _filtered_pg(
    conn: Connection, walk: list[Any], filters: list[Any], typed: str, limit: int
) -> Sequence[Any]:
    """A page of a filtered list on PostgreSQL, in two tries whose cost is bounded either way.

    The planner cannot tell a common word ("nguyen": a third of all records) from a rare one
    or a number's prefix (`0451234:*` is estimated at 0.5 % whatever it is), nor see that a
    week's event dates sit deep in the received order; a wrong guess walks millions of rows.
    So: (1) filter the newest records in scope, read in index order, matching
    words with LIKE — a common filter fills the page there; if that window was everything in
    scope, the page is complete. (2) Otherwise the filter is selective: take every match
    through the indexes (the GIN index ix_records_search for words, event_date, status…),
    materialised so the planner cannot turn it back into the walk, and sort those. A search
    for nothing but long numbers (an ID or phone number) starts at (2)."""
    if typed and _only_long_numbers(typed):
        # An ID or phone number is on a handful of records: the window would find a few of
        # them at best, and the GIN index finds them all at once.
        return _through_indexes(
            conn, walk, [_matches(_records.c.search_text, typed)], filters, limit
        )
    size = SEARCH_WINDOW if typed else FILTER_WINDOW
    columns = [_records.c[name] for name in _COLUMNS]
    recent = (
        select(*columns, *([_records.c.search_text] if typed else []))
        .where(*walk)
        .order_by(_records.c.received_at.desc(), _records.c.record_id.desc())
        .limit(size)
        .subquery("recent")
    )
    first = [_on(recent, condition) for condition in filters]
    if typed:
        first.append(_like_words(recent.c.search_text, typed))
    rows = conn.execute(_page(recent.c, first, limit)).all()
    if len(rows) == limit:
        return rows
    if _fewer_than(conn, walk, size):  # the window was everything in scope
        return rows
    outer: list[Any] = []
    if not typed:
        matches = filters
    elif filters and _fewer_than(conn, [*walk, *filters], FILTERED_CAP):
        # The other filters keep few records (a week, one form's returns): read those and match
        # the words by LIKE — the planner would run to_tsvector on each (1 s for one week).
        matches = [*filters, _like_words(_records.c.search_text, typed)]
    else:
        # The words alone, through the GIN index; the other filters on what it found.
        matches, outer = [_matches(_records.c.search_text, typed)], filters
    return _through_indexes(conn, walk, matches, outer, limit)


def _through_indexes(
    conn: Connection, walk: list[Any], matches: list[Any], outer: list[Any], limit: int
) -> Sequence[Any]:
    """Every record in scope meeting `matches`, found through the indexes and materialised (so
    the planner cannot turn it back into the newest-first walk), sorted, `outer` applied."""
    hits = (
        select(*(_records.c[name] for name in _COLUMNS))
        .where(*walk, *matches)
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    conn.execute(text(f"SET LOCAL work_mem = '{SEARCH_WORK_MEM}'"))
    return conn.execute(_page(hits.c, [_on(hits, f) for f in outer], limit)).all()


# Digits from which a typed number is taken to be (part of) an ID, phone or plate number
# rather than a year or a house number that many records share.
LONG_NUMBER_DIGITS = 6


def _only_long_numbers(typed: str) -> bool:
    tokens = search_tokens(typed)[:MAX_SEARCH_WORDS]
    return bool(tokens) and all(t.isdigit() and len(t) >= LONG_NUMBER_DIGITS for t in tokens)


def _fewer_than(conn: Connection, conditions: list[Any], cap: int) -> bool:
    """Whether fewer than `cap` records meet `conditions` (counting stops at `cap`)."""
    capped = select(_records.c.record_id).where(*conditions).limit(cap).subquery()
    return conn.execute(select(func.count()).select_from(capped)).scalar_one() < cap


def _on(subquery: Any, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """A condition on `records` rewritten onto the same columns of `subquery`."""
    return ClauseAdapter(subquery).traverse(condition)


def _as_page(conn: Connection, rows: Sequence[Any], limit: int) -> RecordPage:
    """Rows with their station's code and name (one small lookup for the page's stations)."""
    ids = sorted({r.station_id for r in rows})
    names = {
        r.id: (r.code, r.name)
        for r in conn.execute(
            select(_stations.c.id, _stations.c.code, _stations.c.name).where(
                _stations.c.id.in_(ids)
            )
        )
    }
    page = [
        RecordRow(
            record_id=r.record_id,
            station_code=names[r.station_id][0],
            station_name=names[r.station_id][1],
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
    last = page[-1] if page and len(rows) > limit else None
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
    # Sent by stations speaking protocol version 2 (None before, or from an older station).
    document_number: str | None = None
    amendment_reason: str | None = None


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
            document_number=r.document_number,
            amendment_reason=r.amendment_reason,
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


def form_titles(conn: Connection) -> dict[tuple[str, int], dict[str, str]]:
    """Each registered form version's short title by language, read from its stored document
    alone (not the whole definition with its blocks): the list's form column and filter."""
    short = _forms.c.definition[("form", "short_title")]
    rows = conn.execute(
        select(_forms.c.form_id, _forms.c.version, short).order_by(
            _forms.c.form_id, _forms.c.version
        )
    ).all()
    titles = {}
    for form_id, version, short_title in rows:
        names = short_title if isinstance(short_title, dict) else {}
        titles[(form_id, version)] = {
            lang: str(names.get(lang) or form_id.upper()) for lang in ("vi", "en")
        }
    return titles


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
