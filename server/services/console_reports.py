"""The console's view of submitted periodic reports: periods present, one period's roll-up over the
stations in scope (sums per section row, Resolution 12 indicators met, who has not submitted),
one station's report. The roll-up as an Excel workbook: `console_reports_xlsx`."""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, exists, func, select

from domain.errors import InvalidInput
from domain.reports.narrative import NARRATIVE_PARTS
from domain.reports.periods import Period, PeriodKind, parse_period
from domain.reports.profile import FIELDS_BY_ID, MIN_STAFF
from protocol.canonical import document_hash
from server.core.sql import as_utc
from server.models import AdminUnit, Station, StationReport

_reports = StationReport.__table__
_stations = Station.__table__
_units = AdminUnit.__table__

PROFILE_SOURCE = "profile"  # domain/reports/builder.py: the source of the R12 sections
R12_PREFIX = "r12."


# ---- periods -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodChoice:
    code: str
    label_vi: str
    label_en: str
    kind: str  # a PeriodKind value, or "" for a code the domain cannot parse
    reports: int  # reports of the stations in scope under this code
    start: str = ""  # ISO date, for ordering

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


def _parsed(code: str) -> Period | None:
    try:
        return parse_period(code)
    except InvalidInput:
        return None


def periods(engine: Engine, in_scope: ColumnElement[bool]) -> list[PeriodChoice]:
    """The period codes the stations in scope submitted under, newest window first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(_reports.c.period_code, func.count())
            .select_from(_reports.join(_stations, _stations.c.id == _reports.c.station_id))
            .where(in_scope)
            .group_by(_reports.c.period_code)
        ).all()
    choices = []
    for code, count in rows:
        p = _parsed(code)
        if p is None:  # a station on a newer period grammar: still listed, under its code
            choices.append(PeriodChoice(code, code, code, "", count))
        else:
            choices.append(
                PeriodChoice(
                    code, p.label("vi"), p.label("en"), p.kind.value, count, p.start.isoformat()
                )
            )
    # Newest first; of windows starting the same day the shorter first (a month before its
    # quarter); unparsable codes last.
    choices.sort(key=lambda c: (c.start, -_length(c)), reverse=True)
    return choices


def _length(choice: PeriodChoice) -> int:
    p = _parsed(choice.code)
    return p.days if p else 0


def default_period(choices: list[PeriodChoice]) -> str | None:
    """The latest month if any station submitted a monthly report, else the latest period."""
    months = [c for c in choices if c.kind == PeriodKind.MONTH.value]
    if months:
        return months[0].code
    return choices[0].code if choices else None


# ---- the roll-up ---------------------------------------------------------------------------


@dataclass
class RolledRow:
    """One row summed over the stations that submitted. A rate (%) cannot be summed: it is the
    unweighted mean of the stations' rates (`is_mean`)."""

    id: str
    label_vi: str
    label_en: str
    unit: str
    level: int
    heading: bool
    total: int | float | None = None
    previous: int | float | None = None
    stations: int = 0  # stations whose report gives this row a number

    @property
    def is_mean(self) -> bool:
        return self.unit == "%"

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def change(self) -> int | float | None:
        if self.total is None or self.previous is None:
            return None
        return _tidy(self.total - self.previous)


@dataclass
class RolledSection:
    id: str
    title_vi: str
    title_en: str
    source: str
    rows: list[RolledRow] = field(default_factory=list)

    def title(self, lang: str = "vi") -> str:
        return self.title_vi if lang == "vi" else self.title_en


@dataclass(frozen=True)
class Target:
    """What "meets the indicator" means for one Resolution 12 row ([I]: no official thresholds
    were found; docs/console.md lists them)."""

    kind: str  # at_least | at_most | choice
    value: Any
    text_vi: str
    text_en: str

    def met(self, raw: Any) -> bool:
        if self.kind == "choice":
            return isinstance(raw, str) and raw in self.value
        if not _is_number(raw):
            return False
        return raw >= self.value if self.kind == "at_least" else raw <= self.value

    def text(self, lang: str = "vi") -> str:
        return self.text_vi if lang == "vi" else self.text_en


def _choice(field_id: str, value: str) -> Target:
    """A choice indicator met by one option: the frozen report holds its Vietnamese label (the
    builder shows choices as labels), so both the value and its labels count."""
    option = next(o for o in FIELDS_BY_ID[field_id].options if o.value == value)
    return Target(
        "choice",
        frozenset({value, option.label.vi, option.label.en}),
        f"= {option.label.vi}",
        f"= {option.label.en}",
    )


def _least(n: int | float, unit: str = "") -> Target:
    return Target("at_least", n, f"≥ {n}{unit}", f"≥ {n}{unit}")


_HAS = Target("at_least", 1, "≥ 1", "≥ 1")

TARGETS: Mapping[str, Target] = {
    "r12.hq_status": _choice("hq_status", "da_co"),
    "r12.hq_area": Target("at_least", 0.01, "> 0", "> 0"),
    "r12.barracks_status": _choice("barracks_status", "du"),
    "r12.barracks_missing": Target("at_most", 0, "= 0", "= 0"),
    # The station chief is meant to sit on the commune Party standing committee (Resolution 12).
    "r12.chief_in_party_committee": _choice("chief_in_party_committee", "co"),
    "r12.staff_total": _least(MIN_STAFF),
    "r12.staff_officers": _HAS,
    "r12.staff_investigators": _HAS,
    "r12.staff_vs_quota": _least(100, "%"),
    "r12.staff_minimum": _least(0),
    "r12.cars": _HAS,
    "r12.motorbikes": _HAS,
    "r12.weapons": _HAS,
    "r12.support_tools": _HAS,
    "r12.computers": _HAS,
    "r12.printers": _HAS,
    "r12.network_devices": _HAS,
    "r12.vneid_activated": _HAS,
    "r12.population_cleaned": _HAS,
    "r12.security_teams": _HAS,
    "r12.security_team_members": _HAS,
    "r12.patrols": _HAS,
}


@dataclass
class Indicator:
    """One Resolution 12 indicator over the stations that submitted: how many give it a value,
    how many meet its target, and (for counts) the province's total."""

    id: str
    group_vi: str
    group_en: str
    label_vi: str
    label_en: str
    unit: str
    target: Target | None
    reporting: int = 0
    meeting: int = 0
    total: int | float | None = None  # sum of counts; mean of rates; None for choices and years

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def group(self, lang: str = "vi") -> str:
        return self.group_vi if lang == "vi" else self.group_en


@dataclass(frozen=True)
class SubmittedReport:
    station_code: str
    station_name: str
    province_code: str
    report_id: uuid.UUID
    number: str
    submitted_at: datetime
    received_at: datetime


@dataclass(frozen=True)
class StationRef:
    code: str
    name: str
    province_code: str


@dataclass(frozen=True)
class ProvinceCount:
    code: str
    name: str
    stations: int
    submitted: int


@dataclass
class Rollup:
    period_code: str
    label_vi: str
    label_en: str
    submitted: list[SubmittedReport]
    missing: list[StationRef]
    sections: list[RolledSection]
    indicators: list[Indicator]
    provinces: list[ProvinceCount]
    stations_in_scope: int
    superseded: int = 0  # older reports of a station for the same period, left out of the sums

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def province_name(self, code: str) -> str:
        return next((p.name for p in self.provinces if p.code == code), code)

    def top_rows(self, limit: int = 10) -> list[tuple[RolledSection, RolledRow]]:
        """The largest main counts (no money, no rates, no hours): the chart's bars."""
        rows = [
            (s, r)
            for s in self.sections
            for r in s.rows
            if r.level == 0 and not r.heading and r.unit == "" and _is_number(r.total) and r.total
        ]
        rows.sort(key=lambda sr: sr[1].total or 0, reverse=True)  # totals are numbers here
        return rows[:limit]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(value: Any, most: int = 1_000_000_000) -> int:
    """A count from a document, at most `most`; anything that is not one counts as 0."""
    return int(min(value, most)) if _is_number(value) and value >= 0 else 0


def _tidy(value: int | float) -> int | float:
    return round(value, 2) if isinstance(value, float) else value


class _Accumulator:
    """Sums the rows of many documents in one pass, keeping each section's row order: a row only
    some stations have (an F7 weapon unit) goes after the row it follows in their report.

    The loop over rows is the roll-up's hot path (3,000 reports × 160 rows for the whole country),
    hence plain dicts and lists and `type(x) is int` rather than helper calls per row."""

    def __init__(self) -> None:
        self.sections: dict[str, RolledSection] = {}
        self.order: dict[str, list[str]] = {}
        self.rows: dict[str, dict[str, RolledRow]] = {}
        self.sums: dict[str, dict[str, list[Any]]] = {}  # [current, previous, n, n_previous]
        self.indicators: dict[str, Indicator] = {}
        self.indicator_sums: dict[str, list[Any]] = {}  # [total, n]

    def add(self, content: Mapping[str, Any]) -> None:
        sections = content.get("sections")
        if not isinstance(sections, list):
            return
        for section in sections:
            if not isinstance(section, dict) or not isinstance(section.get("id"), str):
                continue
            rows = section.get("rows")
            if not isinstance(rows, list):
                continue
            rolled = self.sections.get(section["id"]) or self._new_section(section)
            if rolled.source == PROFILE_SOURCE or rolled.id.startswith(R12_PREFIX):
                for row in rows:
                    if isinstance(row, dict) and isinstance(row.get("id"), str):
                        self._indicator(rolled, row)
            else:
                self._rows(rolled.id, rows)

    def _new_section(self, section: dict[str, Any]) -> RolledSection:
        sid = section["id"]
        rolled = RolledSection(
            sid,
            str(section.get("title_vi") or sid),
            str(section.get("title_en") or section.get("title_vi") or sid),
            str(section.get("source") or ""),
        )
        self.sections[sid] = rolled
        self.order[sid] = []
        self.rows[sid] = {}
        self.sums[sid] = {}
        return rolled

    def _rows(self, sid: str, rows: list[Any]) -> None:
        sums = self.sums[sid]
        previous_id: str | None = None
        for row in rows:
            try:
                rid = row["id"]
                acc = sums.get(rid)
            except (TypeError, KeyError):  # not a row, or an id that is not text
                continue
            if acc is None:
                if not isinstance(rid, str):
                    continue
                acc = self._new_row(sid, rid, row, previous_id)
            value = row.get("current")
            kind = type(value)
            if kind is int or kind is float:  # bool is neither: a yes/no is not summed
                acc[0] += value
                acc[2] += 1
            value = row.get("previous")
            kind = type(value)
            if kind is int or kind is float:
                acc[1] += value
                acc[3] += 1
            previous_id = rid

    def _new_row(self, sid: str, rid: str, row: dict[str, Any], after: str | None) -> list[Any]:
        self.rows[sid][rid] = RolledRow(
            rid,
            str(row.get("label_vi") or rid),
            str(row.get("label_en") or row.get("label_vi") or rid),
            str(row.get("unit") or ""),
            _whole(row.get("level"), 4),
            bool(row.get("heading")),
        )
        order = self.order[sid]
        place = order.index(after) + 1 if after in order else len(order)
        order.insert(place, rid)
        acc: list[Any] = [0, 0, 0, 0]
        self.sums[sid][rid] = acc
        return acc

    def _indicator(self, section: RolledSection, row: dict[str, Any]) -> None:
        rid = row["id"]
        indicator = self.indicators.get(rid)
        if indicator is None:
            indicator = Indicator(
                rid,
                section.title_vi.split(" — ", 1)[-1],
                section.title_en.split(" — ", 1)[-1],
                str(row.get("label_vi") or rid),
                str(row.get("label_en") or row.get("label_vi") or rid),
                str(row.get("unit") or ""),
                TARGETS.get(rid),
            )
            self.indicators[rid] = indicator
            self.indicator_sums[rid] = [0, 0]
        value = row.get("current")
        if value is None or value == "":
            return
        indicator.reporting += 1
        if indicator.target is not None and indicator.target.met(value):
            indicator.meeting += 1
        profile_field = FIELDS_BY_ID.get(rid.removeprefix(R12_PREFIX))
        summable = profile_field is None or profile_field.kind in ("count", "area")
        if _is_number(value) and summable:
            sums = self.indicator_sums[rid]
            sums[0] += value
            sums[1] += 1

    def result(self) -> tuple[list[RolledSection], list[Indicator]]:
        sections = []
        for sid, section in self.sections.items():
            if not self.order[sid]:
                continue
            for rid in self.order[sid]:
                row = self.rows[sid][rid]
                current, previous, n, n_previous = self.sums[sid][rid]
                if not row.heading:
                    row.stations = n
                    row.total = _mean_or_sum(row.unit, current, n)
                    row.previous = _mean_or_sum(row.unit, previous, n_previous)
                section.rows.append(row)
            sections.append(section)
        indicators = list(self.indicators.values())
        for indicator in indicators:
            total, n = self.indicator_sums[indicator.id]
            if n:
                indicator.total = _mean_or_sum(indicator.unit, total, n)
        return sections, indicators


def _mean_or_sum(unit: str, total: float, n: float) -> int | float | None:
    if not n:
        return None
    if unit == "%":
        return round(total / n, 1)
    return _tidy(total)


# Submitted reports never change (a resend under the same id is a duplicate or a conflict kept
# aside), so the figures of one set of reports are the same every time: the last few roll-ups are
# kept by that set, and viewing, switching language and exporting a period pass over the documents
# once. A new report, or a station moving in or out of the scope, is another set.
_FIGURES_KEPT = 16
_figures: OrderedDict[tuple[str, int, str], tuple[list[RolledSection], list[Indicator]]] = (
    OrderedDict()
)
_figures_lock = threading.Lock()


def _figures_key(period_code: str, chosen: list[tuple[int, uuid.UUID]]) -> tuple[str, int, str]:
    digest = hashlib.sha256()
    for station_id, report_id in sorted(chosen):
        digest.update(f"{station_id}:{report_id};".encode())
    return period_code, len(chosen), digest.hexdigest()


def rollup(engine: Engine, period_code: str, in_scope: ColumnElement[bool]) -> Rollup:
    """The period over the stations in scope: each station's latest submission for the period (an
    earlier one it replaced is counted in `superseded`), its figures summed in one pass over the
    documents, streamed from the database."""
    p = _parsed(period_code)
    joined = _reports.join(_stations, _stations.c.id == _reports.c.station_id)
    where = (_reports.c.period_code == period_code, in_scope)
    submitted: list[SubmittedReport] = []
    chosen: list[tuple[int, uuid.UUID]] = []
    superseded = 0
    with engine.connect() as conn:
        heads = conn.execute(
            select(
                _reports.c.station_id,
                _stations.c.code,
                _stations.c.name,
                _stations.c.province_code,
                _reports.c.report_id,
                _reports.c.number,
                _reports.c.submitted_at,
                _reports.c.received_at,
            )
            .select_from(joined)
            .where(*where)
            .order_by(_stations.c.code, _reports.c.submitted_at.desc())
        )
        last_station = None
        for r in heads:
            if r.station_id == last_station:
                superseded += 1
                continue
            last_station = r.station_id
            chosen.append((r.station_id, r.report_id))
            submitted.append(
                SubmittedReport(
                    r.code,
                    r.name,
                    r.province_code or "",
                    r.report_id,
                    r.number,
                    as_utc(r.submitted_at),
                    as_utc(r.received_at),
                )
            )
        key = _figures_key(period_code, chosen)
        with _figures_lock:
            figures = _figures.get(key)
            if figures is not None:
                _figures.move_to_end(key)
        if figures is None:
            figures = _sum_documents(conn, joined, where, set(chosen))
            with _figures_lock:
                _figures[key] = figures
                while len(_figures) > _FIGURES_KEPT:
                    _figures.popitem(last=False)
        has_report = exists().where(
            _reports.c.station_id == _stations.c.id, _reports.c.period_code == period_code
        )
        missing = [
            StationRef(m.code, m.name, m.province_code or "")
            for m in conn.execute(
                select(_stations.c.code, _stations.c.name, _stations.c.province_code)
                .where(in_scope, ~has_report)
                .order_by(_stations.c.province_code, _stations.c.code)
            )
        ]
        provinces = _provinces(conn, in_scope, submitted)
    sections, indicators = figures
    return Rollup(
        period_code,
        p.label("vi") if p else period_code,
        p.label("en") if p else period_code,
        submitted,
        missing,
        sections,
        indicators,
        provinces,
        sum(pc.stations for pc in provinces),
        superseded,
    )


def _sum_documents(
    conn: Connection, joined: Any, where: tuple[Any, ...], chosen: set[tuple[int, uuid.UUID]]
) -> tuple[list[RolledSection], list[Indicator]]:
    """The one pass: documents arrive a batch at a time (the whole country's are ~100 MB of
    JSON), only their figures (`content`, not the narrative) and only the chosen ones summed."""
    accumulator = _Accumulator()
    rows = conn.execute(
        select(
            _reports.c.station_id,
            _reports.c.report_id,
            _reports.c.document["content"].label("content"),
        )
        .select_from(joined)
        .where(*where),
        execution_options={"stream_results": True, "yield_per": 200},
    )
    for r in rows:
        if (r.station_id, r.report_id) in chosen and isinstance(r.content, dict):
            accumulator.add(r.content)
    return accumulator.result()


def _provinces(
    conn: Any, in_scope: ColumnElement[bool], submitted: list[SubmittedReport]
) -> list[ProvinceCount]:
    """Stations in scope and submissions, per province (the chart's bars)."""
    done: dict[str, int] = {}
    for report in submitted:
        done[report.province_code] = done.get(report.province_code, 0) + 1
    rows = conn.execute(
        select(_stations.c.province_code, _units.c.name, func.count())
        .select_from(
            _stations.outerjoin(
                _units,
                and_(_units.c.code == _stations.c.province_code, _units.c.level == "province"),
            )
        )
        .where(in_scope)
        .group_by(_stations.c.province_code, _units.c.name)
        .order_by(_stations.c.province_code)
    ).all()
    return [
        ProvinceCount(code or "", name or code or "", int(count), done.get(code or "", 0))
        for code, name, count in rows
    ]


# ---- one station's report ------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    id: str
    label_vi: str
    label_en: str
    current: Any
    previous: Any
    unit: str
    level: int
    heading: bool

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def change(self) -> int | float | None:
        if _is_number(self.current) and _is_number(self.previous):
            return _tidy(self.current - self.previous)
        return None

    @property
    def change_percent(self) -> float | None:
        """As domain/reports/content.Row: none for rates or when last year was 0."""
        if self.change is None or self.unit == "%" or not self.previous:
            return None
        return round(100 * self.change / self.previous, 1)


@dataclass(frozen=True)
class ReportSection:
    id: str
    title_vi: str
    title_en: str
    rows: tuple[ReportRow, ...]

    def title(self, lang: str = "vi") -> str:
        return self.title_vi if lang == "vi" else self.title_en


@dataclass(frozen=True)
class NarrativePart:
    key: str
    heading_vi: str
    heading_en: str
    text: str

    def heading(self, lang: str = "vi") -> str:
        return self.heading_vi if lang == "vi" else self.heading_en


@dataclass(frozen=True)
class ReportDetail:
    station_code: str
    station_name: str
    report_id: uuid.UUID
    period_code: str
    period_vi: str
    period_en: str
    number: str
    signer_name: str
    submitted_by: str
    submitted_at: datetime
    received_at: datetime
    intact: bool  # the stored document still hashes to the hash the station sent
    sections: tuple[ReportSection, ...]
    narrative: tuple[NarrativePart, ...]
    uncounted_drafts: int

    def period(self, lang: str = "vi") -> str:
        return self.period_vi if lang == "vi" else self.period_en


def report(
    engine: Engine, station_code: str, report_id: str, in_scope: ColumnElement[bool]
) -> ReportDetail | None:
    """One stored report of a station in scope; None for an unknown id, a malformed id or a
    station outside the scope alike (the page answers 404 for all three)."""
    try:
        rid = uuid.UUID(report_id)
    except ValueError:
        return None
    with engine.connect() as conn:
        r = conn.execute(
            select(
                _stations.c.code,
                _stations.c.name,
                _reports.c.report_id,
                _reports.c.period_code,
                _reports.c.number,
                _reports.c.submitted_at,
                _reports.c.received_at,
                _reports.c.content_hash,
                _reports.c.document,
            )
            .select_from(_reports.join(_stations, _stations.c.id == _reports.c.station_id))
            .where(_stations.c.code == station_code, _reports.c.report_id == rid, in_scope)
        ).first()
    if r is None:
        return None
    document: dict[str, Any] = r.document if isinstance(r.document, dict) else {}
    content = document.get("content") if isinstance(document.get("content"), dict) else {}
    assert isinstance(content, dict)
    p = _parsed(r.period_code)
    return ReportDetail(
        r.code,
        r.name,
        r.report_id,
        r.period_code,
        str(content.get("period_label_vi") or (p.label("vi") if p else r.period_code)),
        str(content.get("period_label_en") or (p.label("en") if p else r.period_code)),
        r.number,
        str(document.get("signer_name") or ""),
        str(document.get("submitted_by") or ""),
        as_utc(r.submitted_at),
        as_utc(r.received_at),
        _intact(document, r.content_hash),
        tuple(_sections(content.get("sections"))),
        tuple(_narrative(document.get("narrative"))),
        _whole(content.get("uncounted_drafts")),
    )


def _intact(document: dict[str, Any], stored_hash: str) -> bool:
    try:
        return document_hash(document) == stored_hash
    except (TypeError, ValueError):
        return False


def _sections(raw: Any) -> Iterator[ReportSection]:
    for s in raw if isinstance(raw, list) else ():
        if not isinstance(s, dict):
            continue
        rows = tuple(
            ReportRow(
                str(r.get("id") or ""),
                str(r.get("label_vi") or r.get("id") or ""),
                str(r.get("label_en") or r.get("label_vi") or r.get("id") or ""),
                r.get("current"),
                r.get("previous"),
                str(r.get("unit") or ""),
                _whole(r.get("level"), 4),
                bool(r.get("heading")),
            )
            for r in s.get("rows") or ()
            if isinstance(r, dict)
        )
        sid = str(s.get("id") or "")
        yield ReportSection(
            sid,
            str(s.get("title_vi") or sid),
            str(s.get("title_en") or s.get("title_vi") or sid),
            rows,
        )


def _narrative(raw: Any) -> Iterator[NarrativePart]:
    if not isinstance(raw, dict):
        return
    known = dict(NARRATIVE_PARTS)
    for key, heading in NARRATIVE_PARTS:
        text = raw.get(key)
        if isinstance(text, str) and text.strip():
            yield NarrativePart(key, heading.vi, heading.en, text)
    for key, text in raw.items():  # a part this server does not know yet is still shown
        if key not in known and isinstance(text, str) and text.strip():
            yield NarrativePart(key, key, key, text)
