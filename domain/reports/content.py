"""What a periodic report holds once computed: sections of rows, each with this period, the same
period last year and the change — plain values that freeze to JSON and back unchanged."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, TypeGuard

Value = int | float | str | None


@dataclass(frozen=True)
class Row:
    id: str  # stable key, e.g. "f2.category.ma_tuy"; the server reads rows by it
    label_vi: str
    label_en: str
    current: Value
    previous: Value = None
    unit: str = ""  # "", "VND" (printed "đồng"), "%", "m²", "h"
    level: int = 0  # 0 a main figure, 1 a breakdown of the main figure above it
    heading: bool = False  # a caption over the breakdown rows that follow, with no figure
    # A state of the station (headquarters, staff, the chief's Party post), not the period's
    # work: both figures are shown, never a change between them.
    static: bool = False

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def comparable(self) -> bool:
        return not self.static and _is_number(self.current) and _is_number(self.previous)

    @property
    def change(self) -> int | float | None:
        """This period minus last year (for a rate: the difference in percentage points)."""
        # self.comparable, spelled out so that the type checker sees two numbers below
        if self.static or not (_is_number(self.current) and _is_number(self.previous)):
            return None
        return _tidy(self.current - self.previous)

    @property
    def change_percent(self) -> float | None:
        """The change as a share of last year's figure; none for rates or when last year was 0."""
        if self.static or not (_is_number(self.current) and _is_number(self.previous)):  # as above
            return None
        if self.unit == "%" or not self.previous:
            return None
        return round(100 * (self.current - self.previous) / self.previous, 1)


@dataclass(frozen=True)
class Section:
    id: str
    title_vi: str
    title_en: str
    rows: tuple[Row, ...]
    source: str = ""  # the forms or the profile the figures come from, e.g. "F3, F4"

    def title(self, lang: str = "vi") -> str:
        return self.title_vi if lang == "vi" else self.title_en


@dataclass(frozen=True)
class ReportContent:
    """Everything the numbers of one report are: frozen as JSON at submission."""

    period_code: str
    period_label_vi: str
    period_label_en: str
    start: str  # ISO dates, both included
    end: str
    previous_start: str
    previous_end: str
    sections: tuple[Section, ...]
    profile_version: int | None = None  # station-profile version in force at the period's end
    previous_profile_version: int | None = None
    uncounted_drafts: int = 0  # drafts dated in the period: not counted until completed
    notes: tuple[str, ...] = field(default=())

    def period_label(self, lang: str = "vi") -> str:
        return self.period_label_vi if lang == "vi" else self.period_label_en

    def row(self, row_id: str) -> Row | None:
        return next((r for s in self.sections for r in s.rows if r.id == row_id), None)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> ReportContent:
        sections = tuple(
            Section(**{**s, "rows": tuple(Row(**r) for r in s["rows"])}) for s in data["sections"]
        )
        return ReportContent(
            **{**data, "sections": sections, "notes": tuple(data.get("notes", ()))}
        )


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value, so the same report always hashes the same."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def _is_number(value: Value) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _tidy(value: int | float) -> int | float:
    return round(value, 2) if isinstance(value, float) else value


def merge_rows(current: list[Row], previous: list[Row]) -> tuple[Row, ...]:
    """The rows of this period with last year's figures beside them. A row only last year had (a
    weapon category handed in then, not now) is kept, after its neighbour, with 0 this period."""
    before = {r.id: r for r in previous}
    merged = [replace(r, previous=_previous(r, before.get(r.id))) for r in current]
    present = {r.id for r in current}
    for index, row in enumerate(previous):
        if row.id in present:
            continue
        zero: Value = 0 if _is_number(row.current) else None
        place = _after(merged, previous[index - 1].id if index else None)
        merged.insert(place, replace(row, current=zero, previous=row.current))
        present.add(row.id)
    return tuple(merged)


def _previous(row: Row, then: Row | None) -> Value:
    if row.heading:
        return None
    if then is not None:
        return then.current
    return 0 if _is_number(row.current) and row.unit not in ("%",) else None


def _after(rows: list[Row], row_id: str | None) -> int:
    for index, row in enumerate(rows):
        if row.id == row_id:
            return index + 1
    return len(rows) if row_id is not None else 0
