"""Record ids are valid UUIDv7 and strictly increasing, even many in one millisecond."""

from __future__ import annotations

import time
import uuid

from domain.ids import uuid7


def test_ids_are_version_7_with_the_current_time():
    """Version and variant bits are right; the timestamp is now."""
    before = time.time_ns() // 1_000_000
    value = uuid7()
    after = time.time_ns() // 1_000_000
    assert value.version == 7 and value.variant == uuid.RFC_4122
    assert before <= value.int >> 80 <= after + 1


def test_ten_thousand_ids_in_a_burst_stay_ordered_and_unique():
    """Ids made faster than the clock ticks still sort in creation order, with no duplicate."""
    ids = [uuid7() for _ in range(10_000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
