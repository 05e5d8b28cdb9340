"""Records as lists and search see them: the lifecycle states, list filters, the rows a list
shows and the order it pages in, the record as loaded with its revisions, and the projection
(title, event date, commune, masked list columns, folded search text) stored beside the values.

These are plain values: the station's SQL (`desktop/storage/record_store.py`) makes them, and the
UI and the CLI read them without importing the SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.forms.model import FormDefinition
from domain.forms.summaries import (
    display_title,
    list_row,
    record_commune,
    record_event_date,
    search_entries,
)
from domain.vietnamese import fold


class RecordStatus(StrEnum):
    DRAFT = "draft"  # nháp: free to edit, may be incomplete
    COMPLETED = "completed"  # hoàn thành: validated and numbered, waiting for approval
    APPROVED = "approved"  # đã duyệt: locked; changed only by an amendment with a reason
    VOIDED = "voided"  # đã hủy: kept with its reason, never deleted
    # bị trả lại: sent back to its author (by the station chief or the centre) with a comment.
    # A list state, not a stored one: the record keeps its completed/approved status plus who
    # returned it, until the author amends it (which puts it back to completed).
    RETURNED = "returned"


@dataclass(frozen=True)
class Projection:
    """What is stored beside a record's values so lists and search never parse them."""

    title: str
    event_date: str | None
    commune_code: str | None
    columns: dict[str, str]
    search_text: str


@dataclass(frozen=True)
class RecordFilter:
    form_id: str | None = None
    status: str | None = None
    author: str | None = None
    commune_code: str | None = None
    date_from: str | None = None  # ISO dates, on the record's event date
    date_to: str | None = None
    text: str = ""
    include_voided: bool = False


@dataclass(frozen=True)
class RecordSummary:
    """One row of a record list: what a list shows, with ID and phone numbers already masked."""

    seq: int
    id: str
    form_id: str
    form_version: int
    status: str  # a RecordStatus: returned when sent back, whatever the stored status
    revision: int
    author: str
    title: str
    event_date: str | None
    commune_code: str | None
    document_number: str | None
    columns: dict[str, str]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Revision:
    """One saved revision of a record: the values as they were and who changed them, and why."""

    revision: int
    status: str  # a RecordStatus
    values: dict[str, Any]
    changed_by: str
    changed_at: str
    reason: str


@dataclass(frozen=True)
class StoredRecord:
    """A record as loaded to be opened: its list row, its values, and its lifecycle marks."""

    summary: RecordSummary
    values: dict[str, Any]
    overrides: dict[str, str]
    completed_at: str | None
    approved_at: str | None
    approved_by: str | None
    void_reason: str | None
    revisions: tuple[Revision, ...] = field(default=())
    returned_by: str | None = None  # the chief's user name or "centre" while returned


def order_of(filters: RecordFilter) -> str:
    """The column a list is ordered by (newest first, ties by seq), chosen so an index serves it:
    search hits in index order (seq, i.e. creation), a date range by event date, else last change."""
    if filters.text:
        return "seq"
    if filters.date_from or filters.date_to:
        return "event_date"
    return "updated_at"


def cursor_of(row: RecordSummary, filters: RecordFilter) -> tuple[Any, ...]:
    """The keyset position after `row`, to pass as `after` for the next page."""
    column = order_of(filters)
    return (row.seq,) if column == "seq" else (getattr(row, column), row.seq)


_TOKEN = re.compile(r"[0-9a-z]+")

# A number written in groups ("0912 345 678", "0912.345.678", "+84 912 345 678", "001 0 85
# 012345"): digit groups joined by at most three spaces, dots or dashes, an optional "+" first.
# Single numbers are left to the tokenizer unless they follow "+" or are 84 + 9 digits.
_NUMBER_RUN = re.compile(
    r"(?<![0-9a-z])(\+?)(\d+(?:[\s.\-]{1,3}\d+)+|(?<=\+)\d+|84\d{9})(?![0-9a-z])"
)
_NOT_DIGIT = re.compile(r"\D")
_DATE_LIKE = re.compile(r"\d{1,2}[\s.\-]{1,3}\d{1,2}[\s.\-]{1,3}\d{4}")  # 05.03.2026


def _whole_number(match: re.Match[str]) -> str | None:
    """The number a run of digit groups stands for, as ID and phone fields store it (digits only,
    +84 read as 0), or None when the groups are separate numbers.

    Joined: anything after "+", and groups that make 9–12 digits (a phone, a CMND, an ID) or
    begin with 0 and three digits or more (one being typed: "0912 345"). Left apart: "12 - 14",
    "1.500.000", and dates such as "05.03.2026".
    """
    plus, run = match.groups()
    digits = _NOT_DIGIT.sub("", run)
    international = plus or (len(digits) == 11 and digits.startswith("84"))
    if international and digits.startswith("84"):
        digits = "0" + digits[2:]
    if plus or international:
        return digits
    first = _NOT_DIGIT.split(run, maxsplit=1)[0]
    if digits == run or _DATE_LIKE.match(run):
        return None
    if 9 <= len(digits) <= 12 or (first.startswith("0") and len(first) >= 3):
        return digits
    return None


def search_tokens(text: str) -> list[str]:
    """Folded words of what someone typed, as the index is searched: "Nguyễn Văn Đức" → nguyen,
    van, duc; apostrophes split; "0912 345 678" and "+84 912 345 678" → 0912345678."""
    joined = _NUMBER_RUN.sub(lambda m: f" {_whole_number(m) or m[0]} ", fold(text))
    return _TOKEN.findall(joined)


def grouped_numbers(text: str) -> list[str]:
    """The phone and ID numbers written in groups (or with +84) in `text`, each as one number.

    `text` need not be folded: folding changes letters, not digits or separators, so unfolded
    text finds the same numbers (and, beside an accented capital, at most a few more)."""
    numbers = (_whole_number(m) for m in _NUMBER_RUN.finditer(text))
    return [n for n in numbers if n is not None]


def index_tokens(text: str) -> list[str]:
    """The words a record is indexed under: its folded words, plus each number written in groups
    as one word too, so a search finds "0912.345.678" by 0912345678 and by its parts."""
    folded = fold(text)
    words = _TOKEN.findall(folded)
    return words + [n for n in grouped_numbers(folded) if n not in words]


# The search index keeps prefixes up to this length (migration 0003); longer words match whole.
PREFIX_LETTERS = 7


def fts_query(typed: str) -> str:
    """An FTS5 query for what a user typed: the words already finished must match whole and the
    last one (still being typed, unless followed by a space) the start of a word.

    Whole words keep the doclists small: "thi"* would also read thich, thien, thinh… (measured
    ~2× slower at 1M records). A last word longer than PREFIX_LETTERS (a full ID or phone
    number) must match whole too, since the index keeps no longer prefixes.
    """
    tokens = search_tokens(typed)
    if not tokens:
        return ""
    still_typing = not typed[-1:].isspace()
    terms = [f'"{token}"' for token in tokens]
    if still_typing and len(tokens[-1]) <= PREFIX_LETTERS:
        terms[-1] += "*"
    return " ".join(terms)


def search_text(form: FormDefinition, values: dict[str, Any]) -> str:
    """What a record is indexed under: the index tokens of its searchable fields."""
    entries = search_entries(form, values)
    return " ".join(token for entry in entries for token in index_tokens(entry.text))


def project(form: FormDefinition, values: dict[str, Any]) -> Projection:
    """Title, event date, commune, masked list columns and search text of a record."""
    event = record_event_date(form, values)
    return Projection(
        title=display_title(form, values),
        event_date=event.isoformat() if event else None,
        commune_code=record_commune(form, values),
        columns=list_row(form, values),
        search_text=search_text(form, values),
    )
