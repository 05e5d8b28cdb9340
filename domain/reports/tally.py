"""Counting helpers of the periodic report: the record as the report sees it and the rows of one
section as they are collected."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.forms.model import FieldDefinition
from domain.reports.content import Row


@dataclass(frozen=True)
class ReportRecord:
    """A completed or approved record as the report sees it (no names: only what is counted)."""

    form_id: str
    event_date: str | None
    values: Mapping[str, Any]


class Rows:
    """Collects the rows of one section."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.rows: list[Row] = []

    def add(self, key: str, vi: str, en: str, value: Any, unit: str = "", level: int = 0) -> None:
        self.rows.append(Row(f"{self.prefix}.{key}", vi, en, value, None, unit, level))

    def heading(self, key: str, vi: str, en: str) -> None:
        self.rows.append(Row(f"{self.prefix}.{key}", vi, en, None, heading=True))

    def by_option(self, key: str, field: FieldDefinition | None, counts: Counter[str]) -> None:
        """One breakdown row per option of `field`, in the form's order, zeros included."""
        if field is None:
            return
        for option in field.options:
            self.add(
                f"{key}.{option.value}",
                option.label.vi,
                option.label.en,
                counts[option.value],
                level=1,
            )


def get(values: Mapping[str, Any], key: str) -> Any:
    # dict, not Mapping: an ABC check per value costs more than the rest of the count.
    return values.get(key) if isinstance(values, dict) else None


def count_by(records: Iterable[ReportRecord], key: str) -> Counter[str]:
    return Counter(str(get(r.values, key)) for r in records if get(r.values, key) is not None)


def total(records: Iterable[ReportRecord], key: str, parse: Callable[[Any], Any]) -> int | float:
    total: int | float = 0
    for r in records:
        value = parse(get(r.values, key))
        total += value if isinstance(value, int | float) and value > 0 else 0
    return round(total, 2) if isinstance(total, float) else total


def rows_of(values: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    rows = get(values, key)
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
