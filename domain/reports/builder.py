"""One periodic report's content from the records and station profile of a period and of the same
period last year: the record sections, then the Resolution 12 build-up indicators (docs/reports.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain.forms.catalogue import Catalogue
from domain.reports.content import ReportContent, Row, Section, merge_rows
from domain.reports.periods import Period
from domain.reports.profile import GROUPS, MIN_STAFF, PROFILE_FIELDS, StationProfile, display
from domain.reports.sections import ReportRecord, section_rows
from domain.reports.typed import figures_section

PROFILE_SOURCE = "profile"


@dataclass(frozen=True)
class PeriodData:
    """What storage read for one window: counted records, supervision files, the profile in force."""

    period: Period
    records: Sequence[ReportRecord] = ()
    supervised: Sequence[ReportRecord] = ()  # every F10 file begun by the window's end
    profile: StationProfile | None = None
    drafts: int = 0  # drafts dated in the window, not counted
    typed: Mapping[str, Any] = field(default_factory=dict)  # the chief's figures (typed.py)


def build_content(catalogue: Catalogue, now: PeriodData, then: PeriodData) -> ReportContent:
    rules = catalogue.rules.values()
    current = section_rows(catalogue, now.period, now.records, now.supervised, rules)
    previous = dict(
        (spec.id, rows)
        for spec, rows in section_rows(catalogue, then.period, then.records, then.supervised, rules)
    )
    sections = [
        Section(
            spec.id, spec.title_vi, spec.title_en, merge_rows(rows, previous[spec.id]), spec.source
        )
        for spec, rows in current
    ]
    sections.append(figures_section(now.typed, then.typed))
    patrols = (_count(now.records, "F8"), _count(then.records, "F8"))
    sections += _profile_sections(now.profile, then.profile, patrols)
    notes: tuple[str, ...] = () if now.profile else ("no_profile",)
    p = now.period
    return ReportContent(
        period_code=p.code,
        period_label_vi=p.label("vi"),
        period_label_en=p.label("en"),
        start=p.start.isoformat(),
        end=p.end.isoformat(),
        previous_start=then.period.start.isoformat(),
        previous_end=then.period.end.isoformat(),
        sections=tuple(sections),
        profile_version=now.profile.version if now.profile else None,
        previous_profile_version=then.profile.version if then.profile else None,
        uncounted_drafts=now.drafts,
        notes=notes,
    )


def _count(records: Sequence[ReportRecord], form_id: str) -> int:
    return sum(1 for r in records if r.form_id == form_id)


def _profile_rows(profile: StationProfile | None, patrols: int) -> dict[str, list[Row]]:
    values: Mapping[str, Any] = profile.values if profile else {}
    rows: dict[str, list[Row]] = {group: [] for group, _ in GROUPS}
    for f in PROFILE_FIELDS:
        value = values.get(f.id)
        shown_vi = display(f, value, "vi") if value is not None else None
        rows[f.group].append(
            Row(f"r12.{f.id}", f.label.vi, f.label.en, shown_vi, unit=f.unit, static=True)
        )
    staff, quota = values.get("staff_total"), values.get("staff_quota")
    rows["staffing"] += [
        Row(
            "r12.staff_vs_quota",
            "Tỷ lệ biên chế so với định biên",
            "Staff against strength",
            _share(staff, quota),
            unit="%",
            level=1,
            static=True,
        ),
        Row(
            "r12.staff_minimum",
            f"Số CBCS so với mức tối thiểu {MIN_STAFF}",
            f"Officers above the minimum of {MIN_STAFF}",
            staff - MIN_STAFF if isinstance(staff, int) else None,
            level=1,
            static=True,
        ),
    ]
    rows["grassroots"].append(
        Row("r12.patrols", "Số ca tuần tra có lực lượng cơ sở (F8)", "Patrol shifts (F8)", patrols)
    )
    return rows


def _share(part: Any, whole: Any) -> float | None:
    if isinstance(part, int | float) and isinstance(whole, int | float) and whole > 0:
        return round(100 * part / whole, 1)
    return None


def _profile_sections(
    now: StationProfile | None, then: StationProfile | None, patrols: tuple[int, int]
) -> list[Section]:
    current, previous = _profile_rows(now, patrols[0]), _profile_rows(then, patrols[1])
    return [
        Section(
            f"r12.{group}",
            f"Xây dựng lực lượng — {label.vi}",
            f"Force building — {label.en}",
            merge_rows(current[group], previous[group]),
            PROFILE_SOURCE,
        )
        for group, label in GROUPS
    ]
