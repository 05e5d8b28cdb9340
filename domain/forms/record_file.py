"""The record file `cax record new FORM --data FILE.json` reads: {"form": ..., "values": {...}}."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.forms.errors import RecordFileInvalid

# "note" is free text for people; "expect" lists the problems an example is meant to produce.
IGNORED_KEYS = frozenset({"note", "expect"})


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
    return RecordFile(declared.upper(), dict(values))
