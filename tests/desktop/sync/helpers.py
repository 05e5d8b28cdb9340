"""Helpers of the sync tests: completed records from the documented examples, a fast retry policy."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.storage.records import RecordService
from desktop.storage.station import StationSession
from desktop.sync.client import RetryPolicy
from domain.forms.catalogue import load_catalogue

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
CATALOGUE = load_catalogue()
FORMS = [form.id for form in CATALOGUE]
# Tests wait tenths of a second between tries, not seconds; a stuck answer fails in 10 s.
FAST_RETRY = RetryPolicy(
    attempts=8, backoff_factor=0.05, backoff_max=0.5, backoff_jitter=0.05, read_timeout=10.0
)


def example(form_id: str) -> dict:
    return json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]


def completed_records(session: StationSession, count: int, *, start: int = 0) -> list[str]:
    """`count` completed records cycling through every form; their ids."""
    service = RecordService(session, CATALOGUE)
    ids = []
    for n in range(start, start + count):
        record_id = service.create(FORMS[n % len(FORMS)], example(FORMS[n % len(FORMS)]))
        service.complete(record_id)
        ids.append(record_id)
    return ids
