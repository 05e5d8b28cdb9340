"""Adaptive batch size: grow while batches go through quickly, halve when one fails or crawls,
so a good link sends few large requests and a bad one loses little work per failure."""

from __future__ import annotations

from dataclasses import dataclass

# The protocol recommends 500 a batch; the server refuses more than 10,000.
START, SMALLEST, LARGEST = 500, 10, 5000
# A batch should take about this long: long enough to amortise a request, short enough that a
# cut link throws away little and progress moves.
TARGET_SECONDS = 2.0
# Compressed body budget (the server refuses over 20 MiB).
MAX_BODY_BYTES = 16 * 1024 * 1024


@dataclass
class BatchSizer:
    size: int = START
    smallest: int = SMALLEST
    largest: int = LARGEST

    def succeeded(self, records: int, seconds: float) -> None:
        """After a full batch went through: double while fast, halve when slow."""
        if records < self.size:
            return  # the queue ran short: says nothing about the link
        if seconds < TARGET_SECONDS / 2:
            self.size = min(self.largest, self.size * 2)
        elif seconds > TARGET_SECONDS * 2:
            self.size = max(self.smallest, self.size // 2)

    def failed(self) -> None:
        """A batch failed (timeout, cut link, too large): try smaller next time."""
        self.size = max(self.smallest, self.size // 2)

    def too_large(self, records: int) -> None:
        """A batch of `records` exceeded a size limit: the next one is at most half of it."""
        self.size = max(1, min(self.size, records // 2))
