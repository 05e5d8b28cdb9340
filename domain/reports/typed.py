"""Figures of a period only the chief can give: residence and ID (căn cước) applications handled.

No record form carries them — residence registration and ID cards are processed in the national
residence and identity systems, and the station keeps no record of each application here
(docs/reports.md) —, so the chief types them for each report, for its own period: never a year
total. They are stored with the report's draft and frozen with it on submission.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.errors import InvalidInput
from domain.forms.model import Text
from domain.reports.content import Row, Section

SOURCE = "typed"  # a section's source: typed by the chief, not counted from records
SECTION_ID = "applications"


@dataclass(frozen=True)
class PeriodFigure:
    id: str
    label: Text
    level: int = 0  # 1: a part of the figure above it
    part_of: str = ""  # the figure this one cannot exceed


PERIOD_FIGURES: tuple[PeriodFigure, ...] = (
    PeriodFigure(
        "residence_received",
        Text(
            "Hồ sơ đăng ký, quản lý cư trú đã tiếp nhận",
            "Residence applications received",
        ),
    ),
    PeriodFigure(
        "residence_online",
        Text("Trong đó: tiếp nhận trực tuyến", "Of which: received online"),
        level=1,
        part_of="residence_received",
    ),
    PeriodFigure(
        "residence_resolved",
        Text("Hồ sơ cư trú đã giải quyết", "Residence applications resolved"),
    ),
    PeriodFigure(
        "id_received",
        Text(
            "Hồ sơ cấp, đổi, cấp lại thẻ căn cước đã tiếp nhận",
            "ID card applications received",
        ),
    ),
    PeriodFigure(
        "id_resolved",
        Text("Hồ sơ căn cước đã giải quyết", "ID card applications resolved"),
    ),
    PeriodFigure(
        "vneid_activated",
        Text(
            "Tài khoản định danh điện tử (VNeID) kích hoạt trong kỳ",
            "VNeID accounts activated in the period",
        ),
    ),
)
FIGURE_IDS = tuple(f.id for f in PERIOD_FIGURES)
TITLE = Text("Giải quyết thủ tục hành chính về cư trú, căn cước", "Residence and ID applications")


def _whole(figure_id: str, raw: Any) -> int:
    if isinstance(raw, bool):
        raise InvalidInput(field=figure_id, reason="not_a_number")
    if isinstance(raw, float):
        if not raw.is_integer():
            raise InvalidInput(field=figure_id, reason="not_a_number")
        raw = int(raw)
    text = str(raw).strip().replace(" ", "").replace(".", "")
    if not text.lstrip("-").isdigit():
        raise InvalidInput(field=figure_id, reason="not_a_number")
    value = int(text)
    if value < 0:
        raise InvalidInput(field=figure_id, reason="negative")
    return value


def clean_figures(values: Mapping[str, Any] | None) -> dict[str, int]:
    """Whole numbers ≥ 0 by figure id ("1.200" reads 1200); blanks and unknown ids left out; a
    part above its whole (online above received) refused, naming the part."""
    clean: dict[str, int] = {}
    for figure in PERIOD_FIGURES:
        raw = (values or {}).get(figure.id)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        clean[figure.id] = _whole(figure.id, raw)
    for figure in PERIOD_FIGURES:
        whole = clean.get(figure.part_of)
        if figure.id in clean and whole is not None and clean[figure.id] > whole:
            raise InvalidInput(field=figure.id, reason="exceeds_total", total=figure.part_of)
    return clean


def _rows(values: Mapping[str, Any]) -> list[Row]:
    return [
        Row(f"{SECTION_ID}.{f.id}", f.label.vi, f.label.en, values.get(f.id), level=f.level)
        for f in PERIOD_FIGURES
    ]


def figures_section(now: Mapping[str, Any], then: Mapping[str, Any]) -> Section:
    """This period's typed figures beside last year's (— where nobody typed one)."""
    merged = tuple(
        Row(r.id, r.label_vi, r.label_en, r.current, previous.current, level=r.level)
        for r, previous in zip(_rows(now), _rows(then), strict=True)
    )
    return Section(SECTION_ID, TITLE.vi, TITLE.en, merged, SOURCE)
