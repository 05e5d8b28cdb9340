"""Exporting a filtered record list to Excel (.xlsx) or CSV: supervisors only, audited, streamed.

Records are read in pages inside one read transaction (a consistent snapshot, in the list's own
order), and rows are streamed to the file: openpyxl's write-only mode and the csv module both keep
memory bounded however many records match. The file is written beside its target and renamed
into place, so a failed export never leaves half a file under the chosen name, and a folder that
cannot be written (read-only USB stick, full disk, no permission) is said as FILE_UNWRITABLE.

Text an officer typed is never a live formula in the file: Excel cells holding text are typed as
strings, and CSV text that a spreadsheet would read as a formula gets a leading quote
(docs/user-guide.md, "Export").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import Connection

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import FileUnwritable, InvalidInput
from desktop.core.export_rows import (
    DATE,
    DATETIME,
    Column,
    ExportRecord,
    as_csv_text,
    plan_columns,
    row_cells,
)
from desktop.core.permissions import Permission
from desktop.storage import audit, files, record_store
from desktop.storage.station import StationSession
from domain.forms.catalogue import Catalogue
from domain.records import RecordFilter, cursor_of

FORMATS = ("xlsx", "csv")
BATCH = 500
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    count: int


def export_records(
    session: StationSession,
    catalogue: Catalogue,
    filters: RecordFilter,
    target: Path,
    fmt: str,
    *,
    include_sensitive: bool = False,
    lang: str = "vi",
) -> ExportResult:
    """Write the records `filters` selects to `target` as `fmt` ("xlsx" or "csv"); audited."""
    session.require(Permission.EXPORT_RECORDS)
    if include_sensitive:
        session.require(Permission.VIEW_SENSITIVE)
    if fmt not in FORMATS:
        raise InvalidInput(field="format", reason="export_format", value=fmt)
    target = Path(target)
    if not target.parent.is_dir():
        raise InvalidInput(field="out", reason="folder_missing", value=str(target.parent))
    columns = plan_columns(
        catalogue, filters.form_id, include_sensitive=include_sensitive, lang=lang
    )
    with session.db.read() as conn:
        rows = (
            row_cells(columns, catalogue, record, include_sensitive=include_sensitive, lang=lang)
            for record in iter_records(conn, filters)
        )
        writer = _write_xlsx if fmt == "xlsx" else _write_csv
        count = _write_atomically(target, lambda path: writer(path, columns, rows))
    details = {
        "format": fmt,
        "count": count,
        "filters": {k: v for k, v in asdict(filters).items() if v},
        "include_sensitive": include_sensitive,
        "file": target.name,
    }
    with session.db.write() as conn:
        audit.append(
            conn, session.user.username, AuditAction.RECORDS_EXPORTED, target.name, details
        )
    return ExportResult(target, fmt, count)


def iter_records(conn: Connection, filters: RecordFilter) -> Iterator[ExportRecord]:
    """Every record `filters` selects, in the list's order, a page of summaries then their values."""
    after = None
    while True:
        page = record_store.page(conn, filters, limit=BATCH, after=after)
        if not page:
            return
        seqs = [row.seq for row in page]
        marks = ", ".join("?" for _ in seqs)
        values: dict[int, str] = dict(
            conn.exec_driver_sql(
                f"SELECT seq, values_json FROM records WHERE seq IN ({marks})", tuple(seqs)
            ).all()
        )
        attached: dict[int, int] = dict(
            conn.exec_driver_sql(
                "SELECT r.seq, count(*) FROM records r JOIN attachments a ON a.record_id = r.id "
                f"AND a.removed_at IS NULL WHERE r.seq IN ({marks}) GROUP BY r.seq",
                tuple(seqs),
            ).all()
        )
        for row in page:
            yield ExportRecord(
                id=row.id,
                form_id=row.form_id,
                status=row.status,
                revision=row.revision,
                author=row.author,
                title=row.title,
                event_date=row.event_date,
                document_number=row.document_number,
                created_at=row.created_at,
                updated_at=row.updated_at,
                values=json.loads(values[row.seq]),
                attachments=attached.get(row.seq, 0),
            )
        if len(page) < BATCH:
            return
        after = cursor_of(page[-1], filters)


def _write_atomically(target: Path, write: Any) -> int:
    """`write(temp_path)` beside `target`, then renamed into place; a file-system failure is
    FILE_UNWRITABLE naming `target`, and no temp file is left behind."""
    try:
        with files.replaced_atomically(target, mode=None) as temp:
            return write(temp)
    except OSError as exc:
        raise FileUnwritable(path=str(target), reason=exc.strerror or str(exc)) from exc


def _write_csv(path: Path, columns: list[Column], rows: Iterator[list[Any]]) -> int:
    # utf-8-sig: the byte-order mark is what makes Excel read the file as UTF-8 (Vietnamese).
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in columns])
        for cells in rows:
            writer.writerow([as_csv_text(cell) for cell in cells])
            count += 1
    return count


def _write_xlsx(path: Path, columns: list[Column], rows: Iterator[list[Any]]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ")
    # Write-only sheets take widths and panes before the first row.
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = _text_cell(sheet, column.header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)
    formats = {DATE: "dd/mm/yyyy", DATETIME: "dd/mm/yyyy hh:mm"}
    styled = [
        (i, formats[c.kind]) for i, c in enumerate(columns) if c.kind in formats
    ]  # only date columns need a cell object; plain values stream faster
    count = 0
    for cells in rows:
        sheet.append(_typed_cells(sheet, cells, styled))
        count += 1
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    book.save(path)
    return count


def _typed_cells(sheet: Any, cells: list[Any], styled: list[tuple[int, str]]) -> list[Any]:
    for i, value in enumerate(cells):
        if isinstance(value, str) and value.startswith("="):
            cells[i] = _text_cell(sheet, value)
    for i, number_format in styled:
        if isinstance(cells[i], date):  # a date field's unparsable text stays plain text
            cell = WriteOnlyCell(sheet, value=cells[i])
            cell.number_format = number_format
            cells[i] = cell
    return cells


def _text_cell(sheet: Any, text: str) -> Cell:
    """A cell that holds `text` as text. openpyxl stores any string starting with "=" as a
    formula, so an officer's "=HYPERLINK(…)" would run in the supervisor's Excel: the type is
    forced back to string. Other strings are already typed as text and stream as plain values."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell
