"""Message schemas: what a record must look like, and that they refuse unknown fields."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from protocol.messages import PushRequest, RecordRevision
from tests.server.helpers import make_record


def test_helper_record_is_valid_and_hash_matches() -> None:
    """A well-formed record validates and carries the hash it should."""
    record = RecordRevision.model_validate(make_record())
    assert record.expected_hash() == record.content_hash


@pytest.mark.parametrize(
    "change",
    [
        {"revision": 0},
        {"record_id": "nope"},
        {"created_at": "2026-03-01T08:30:00"},  # no time zone
        {"content_hash": "ABC"},
        {"values": []},
        {"surprise": 1},
    ],
)
def test_invalid_records_are_refused(change: dict) -> None:
    """Revision below 1, bad id, naive time, bad hash, non-object values, unknown field."""
    with pytest.raises(ValidationError):
        RecordRevision.model_validate({**make_record(), **change})


def test_batch_limit_is_in_the_schema() -> None:
    """The documented PushRequest caps records at 10,000."""
    schema = PushRequest.model_json_schema()
    assert schema["properties"]["records"]["maxItems"] == 10_000
