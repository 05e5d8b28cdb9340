"""Canonical JSON and the content hash: exact bytes, stable across spellings of the same content."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protocol.canonical import (
    canonical_json,
    content_hash_fields,
    format_timestamp,
    values_problem,
)

FIELDS = dict(
    record_id="0190f5a0-0000-7000-8000-000000000001",
    revision=1,
    station_code="00004",
    form_id="tam-tru",
    form_version=1,
    author="lan",
    created_at=datetime(2026, 3, 1, 8, 30, tzinfo=UTC),
    updated_at=datetime(2026, 3, 1, 8, 30, tzinfo=UTC),
    deleted=False,
    delete_reason=None,
)


def test_canonical_json_bytes() -> None:
    """Sorted keys, no spaces, raw UTF-8 for Vietnamese, nested keys sorted too."""
    assert (
        canonical_json({"b": 1, "a": {"z": "Đ", "y": [1, 2]}})
        == '{"a":{"y":[1,2],"z":"Đ"},"b":1}'.encode()
    )


def test_canonical_json_refuses_nan() -> None:
    """NaN has no JSON spelling; encoding it is an error, not a silent `NaN`."""
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_timestamp_spelling_is_utc_micro_z() -> None:
    """The same instant in any zone hashes the same; naive times are refused."""
    hanoi = datetime(2026, 3, 1, 15, 30, tzinfo=timezone(timedelta(hours=7)))
    assert format_timestamp(hanoi) == "2026-03-01T08:30:00.000000Z"
    with pytest.raises(ValueError):
        format_timestamp(datetime(2026, 3, 1))


def test_hash_is_sha256_of_the_documented_document() -> None:
    """The hash equals sha256 of canonical JSON of metadata plus values, as docs/protocol.md says."""
    values = {"ho_ten": "Nguyễn Văn An"}
    document = {
        "author": "lan",
        "created_at": "2026-03-01T08:30:00.000000Z",
        "delete_reason": None,
        "deleted": False,
        "form_id": "tam-tru",
        "form_version": 1,
        "record_id": FIELDS["record_id"],
        "revision": 1,
        "station_code": "00004",
        "updated_at": "2026-03-01T08:30:00.000000Z",
        "values": values,
    }
    expected = hashlib.sha256(
        json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert content_hash_fields(**FIELDS, values=values) == expected


def test_hash_changes_with_any_field() -> None:
    """Changing a value, the revision or the deletion flag changes the hash."""
    base = content_hash_fields(**FIELDS, values={"a": 1})
    assert content_hash_fields(**FIELDS, values={"a": 2}) != base
    assert content_hash_fields(**{**FIELDS, "revision": 2}, values={"a": 1}) != base
    assert content_hash_fields(**{**FIELDS, "deleted": True}, values={"a": 1}) != base


@given(st.dictionaries(st.text(), st.integers() | st.text() | st.booleans() | st.none()))
def test_hash_ignores_key_order(values: dict) -> None:
    """Reordering keys never changes the hash."""
    reordered = dict(reversed(list(values.items())))
    assert content_hash_fields(**FIELDS, values=values) == content_hash_fields(
        **FIELDS, values=reordered
    )


def _nested(depth: int) -> list:
    value: list = [1]
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"a": "x\x00y"}, "nul"),
        ({"a": -0.0}, "float"),
        ({"a": 1e16}, "float"),
        ({"a": _nested(18)}, "depth"),
        ({"a": 1.5, "b": "Nguyễn", "c": [1, {"d": None}]}, None),
    ],
)
def test_values_problem(value: dict, problem: str | None) -> None:
    """Values a database round trip would alter, or that nest too deep, are named."""
    assert values_problem(value) == problem
