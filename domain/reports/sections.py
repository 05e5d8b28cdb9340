"""The sections of a periodic report (docs/reports.md): which form each counts, in report order.

What the forms cannot give (political security, hot spots, the people's movement) is left to
the narrative; docs/reports.md lists it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.forms.catalogue import Catalogue
from domain.forms.model import FormDefinition
from domain.reports import form_counts
from domain.reports.content import Row
from domain.reports.periods import Period
from domain.reports.tally import ReportRecord

__all__ = ["SECTIONS", "STOCK_FORM", "ReportRecord", "SectionSpec", "section_rows"]


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title_vi: str
    title_en: str
    source: str
    rows: Callable[[FormDefinition, list[ReportRecord], Period, Mapping[str, Any]], list[Row]]


SECTIONS: tuple[tuple[str, SectionSpec], ...] = (
    (
        "F2",
        SectionSpec(
            "incidents",
            "Tình hình an ninh, trật tự",
            "Security and public order",
            "F2",
            form_counts.count_f2,
        ),
    ),
    (
        "F1",
        SectionSpec(
            "crime_reports",
            "Tiếp nhận, phân loại nguồn tin về tội phạm",
            "Crime reports",
            "F1",
            form_counts.count_f1,
        ),
    ),
    (
        "F3",
        SectionSpec(
            "violations",
            "Lập biên bản vi phạm hành chính",
            "Administrative violations",
            "F3",
            form_counts.count_f3,
        ),
    ),
    (
        "F4",
        SectionSpec(
            "sanctions",
            "Xử phạt vi phạm hành chính",
            "Administrative sanctions",
            "F4",
            form_counts.count_f4,
        ),
    ),
    (
        "F5",
        SectionSpec(
            "stays",
            "Quản lý cư trú: thông báo lưu trú",
            "Residence: short stays",
            "F5",
            form_counts.count_f5,
        ),
    ),
    (
        "F6",
        SectionSpec(
            "absences",
            "Quản lý cư trú: khai báo tạm vắng",
            "Residence: absences",
            "F6",
            form_counts.count_f6,
        ),
    ),
    (
        "F7",
        SectionSpec(
            "weapons",
            "Thu hồi vũ khí, vật liệu nổ, công cụ hỗ trợ",
            "Weapons, explosives and support tools",
            "F7",
            form_counts.count_f7,
        ),
    ),
    ("F8", SectionSpec("patrols", "Tuần tra, kiểm soát", "Patrols", "F8", form_counts.count_f8)),
    (
        "F9",
        SectionSpec(
            "mediation", "Hòa giải mâu thuẫn, tranh chấp", "Mediation", "F9", form_counts.count_f9
        ),
    ),
    (
        "F10",
        SectionSpec(
            "supervision",
            "Quản lý người thuộc diện giám sát",
            "Persons under supervision",
            "F10",
            form_counts.count_f10,
        ),
    ),
)

# The form whose records are a stock counted at the period's edges rather than by event date.
STOCK_FORM = "F10"


def section_rows(
    catalogue: Catalogue,
    period: Period,
    records: Sequence[ReportRecord],
    supervised: Sequence[ReportRecord],
    rules: Mapping[str, Any],
) -> list[tuple[SectionSpec, list[Row]]]:
    """Each section with this period's rows; forms missing from the catalogue are left out."""
    by_form: dict[str, list[ReportRecord]] = {}
    for record in records:
        by_form.setdefault(record.form_id, []).append(record)
    result = []
    for form_id, spec in SECTIONS:
        if form_id not in catalogue:
            continue
        chosen = list(supervised) if form_id == STOCK_FORM else by_form.get(form_id, [])
        result.append((spec, spec.rows(catalogue.get(form_id), chosen, period, rules)))
    return result
