"""Records as lists and search see them: the lifecycle states, list filters, and the projection
(title, event date, commune, masked list columns, folded search text) stored beside the values."""

from __future__ import annotations

import re
from dataclasses import dataclass
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


_TOKEN = re.compile(r"[0-9a-z]+")


def search_tokens(text: str) -> list[str]:
    """Folded words as the index stores them: "Nguyễn Văn Đức" → nguyen, van, duc; apostrophes split."""
    return _TOKEN.findall(fold(text))


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


def project(form: FormDefinition, values: dict[str, Any]) -> Projection:
    """Title, event date, commune, masked list columns and search text of a record."""
    event = record_event_date(form, values)
    entries = search_entries(form, values)
    return Projection(
        title=display_title(form, values),
        event_date=event.isoformat() if event else None,
        commune_code=record_commune(form, values),
        columns=list_row(form, values),
        search_text=" ".join(token for entry in entries for token in search_tokens(entry.text)),
    )
