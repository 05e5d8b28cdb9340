"""The console's roll-up of a period's reports as an Excel workbook (openpyxl, write-only), with
every text cell kept as text so nothing a station typed can become a formula."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font

from server.services.console_reports import Rollup

FORMULA_STARTS = ("=", "+", "-", "@")


def _cell(sheet: Any, value: Any, bold: bool = False) -> Cell:
    """A cell whose text is always text: openpyxl would store "=cmd|…" as a live formula (and
    Excel reads "+", "-", "@" as one too), so text cells are typed as strings explicitly."""
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _append(sheet: Any, values: Iterable[Any], bold: bool = False) -> None:
    sheet.append([_cell(sheet, v, bold) for v in values])


def write_xlsx(
    data: Rollup, out: IO[bytes], t: Any, lang: str = "vi", local_time: Any = None
) -> None:
    """The roll-up as a workbook: figures, indicators, who submitted, who did not. `t` is the
    console translator (headings in the user's language); `local_time` turns UTC into local."""
    to_local = local_time or (lambda d: d)
    book = Workbook(write_only=True)

    sheet = book.create_sheet(_sheet_title(t("reports.xlsx.figures")))
    _append(sheet, [t("reports.xlsx.title", period=data.label(lang))], bold=True)
    _append(
        sheet,
        [t("reports.xlsx.coverage", submitted=len(data.submitted), total=data.stations_in_scope)],
    )
    _append(sheet, [])
    _append(
        sheet,
        [
            t("reports.col.section"),
            t("reports.col.row_id"),
            t("reports.col.row"),
            t("reports.col.unit"),
            t("reports.col.total"),
            t("reports.col.previous"),
            t("reports.col.change"),
            t("reports.col.stations"),
        ],
        bold=True,
    )
    for section in data.sections:
        for row in section.rows:
            _append(
                sheet,
                [
                    section.title(lang),
                    row.id,
                    ("    " * row.level) + row.label(lang),
                    row.unit,
                    row.total,
                    row.previous,
                    row.change,
                    None if row.heading else row.stations,
                ],
                bold=row.heading,
            )

    sheet = book.create_sheet(_sheet_title(t("reports.xlsx.indicators")))
    _append(
        sheet,
        [
            t("reports.col.group"),
            t("reports.col.indicator"),
            t("reports.col.target"),
            t("reports.col.meeting"),
            t("reports.col.reporting"),
            t("reports.col.submitted"),
            t("reports.col.total"),
        ],
        bold=True,
    )
    for indicator in data.indicators:
        _append(
            sheet,
            [
                indicator.group(lang),
                indicator.label(lang),
                indicator.target.text(lang) if indicator.target else None,
                indicator.meeting if indicator.target else None,
                indicator.reporting,
                len(data.submitted),
                indicator.total,
            ],
        )

    sheet = book.create_sheet(_sheet_title(t("reports.xlsx.submitted")))
    _append(
        sheet,
        [
            t("reports.col.station_code"),
            t("reports.col.station"),
            t("reports.col.province"),
            t("reports.col.number"),
            t("reports.col.submitted_at"),
            t("reports.col.received_at"),
        ],
        bold=True,
    )
    for s in data.submitted:
        _append(
            sheet,
            [
                s.station_code,
                s.station_name,
                data.province_name(s.province_code),
                s.number,
                to_local(s.submitted_at),
                to_local(s.received_at),
            ],
        )

    sheet = book.create_sheet(_sheet_title(t("reports.xlsx.missing")))
    _append(
        sheet,
        [t("reports.col.station_code"), t("reports.col.station"), t("reports.col.province")],
        bold=True,
    )
    for m in data.missing:
        _append(sheet, [m.code, m.name, data.province_name(m.province_code)])
    book.save(out)


def _sheet_title(text: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text)
    return cleaned[:31] or "Sheet"
