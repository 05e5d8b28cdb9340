"""The record file `cax record new FORM --data FILE.json` reads: {"form": ..., "values": {...}}."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.forms.errors import RecordFileInvalid

# "note" is free text for people; "expect" lists the problems an example is meant to produce.
IGNORED_KEYS = frozenset({"note", "expect"})
# Groups within groups reach a depth of about six; anything far deeper is not a record but a file
# made to exhaust the recursion of whatever walks it next.
MAX_DEPTH = 32


@dataclass(frozen=True)
class RecordFile:
    form_id: str
    values: dict[str, Any]


def parse_record_file(document: object, *, form_id: str | None = None) -> RecordFile:
    """Check the envelope of a record file; `form_id` (from the command line) must match it."""
    if not isinstance(document, Mapping):
        raise RecordFileInvalid(reason="not_an_object")
    unknown = set(document) - {"form", "values"} - IGNORED_KEYS
    if unknown:
        raise RecordFileInvalid(reason="unknown_keys", keys=sorted(unknown))
    declared = document.get("form")
    if not isinstance(declared, str) or not declared:
        raise RecordFileInvalid(reason="form_missing")
    if form_id is not None and form_id.upper() != declared.upper():
        raise RecordFileInvalid(reason="form_mismatch", form=declared, expected=form_id)
    values = document.get("values")
    if not isinstance(values, Mapping):
        raise RecordFileInvalid(reason="values_missing")
    if _depth_exceeds(values, MAX_DEPTH):
        raise RecordFileInvalid(reason="too_deep", limit=MAX_DEPTH)
    return RecordFile(declared.upper(), dict(values))


def _depth_exceeds(value: object, limit: int) -> bool:
    """Whether objects and lists nest more than `limit` levels (walked without recursion)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, Mapping | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, Mapping) else item
            pending.extend((child, depth + 1) for child in children)
    return False
