"""What an export of a record list holds: its columns and, per record, typed cells (pure rules).

Layout (docs/user-guide.md, "Export"): every export starts with the columns of the record list
(id, form, number, status, event date, title, author, created, updated, revision). Then:

- one form chosen in the filters → one column per field of that form, in form order; a person's
  details are spread over their own columns ("Người tố giác – Số định danh"), an address is one
  line, a repeating group (suspects, items…) one cell with its rows joined by "; ";
- several forms → one "Nội dung" (details) column of "label: value" pairs, since forms share no
  columns.

Sensitive fields (Decree 356, the ones `redact_sensitive` hides) are left out, and the title is
rebuilt without them, unless the caller asks for them (storage checks VIEW_SENSITIVE). ID and
phone numbers are not masked: an export is a supervisor's, audited, working copy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.forms.catalogue import Catalogue
from domain.forms.model import FieldDefinition, FieldType, FormDefinition, Sensitivity
from domain.forms.summaries import display_title, display_value, redact_sensitive
from domain.records import RecordStatus
from domain.validation.formats import VN_TZ, parse_date, parse_datetime

# Excel refuses longer cells; a narrative this long is cut with a mark rather than failing.
CELL_MAX = 32_000

DATE, DATETIME, NUMBER, TEXT = "date", "datetime", "number", "text"

# The same words as the app's lists (ui/record_labels.py and its translations).
_STATUS = {
    RecordStatus.DRAFT: ("Nháp", "Draft"),
    RecordStatus.COMPLETED: ("Chờ duyệt", "Awaiting approval"),
    RecordStatus.RETURNED: ("Bị trả lại", "Returned"),
    RecordStatus.APPROVED: ("Đã duyệt", "Approved"),
    RecordStatus.VOIDED: ("Đã hủy", "Voided"),
}


def status_label(status: str, language: str) -> str:
    """A status as the export names it, in "vi" or "en"."""
    names = _STATUS.get(RecordStatus(status)) if status in _STATUS else None
    return names[0 if language == "vi" else 1] if names else status


_FIXED: tuple[tuple[str, str, str, int], ...] = (
    # (key, Vietnamese header, English header, kind) — kind index into _KINDS
    ("id", "Mã hồ sơ", "Record ID", 0),
    ("form", "Biểu mẫu", "Form", 0),
    ("number", "Số văn bản", "Number", 0),
    ("status", "Trạng thái", "Status", 0),
    ("event_date", "Ngày sự việc", "Event date", 1),
    ("title", "Tiêu đề", "Title", 0),
    ("author", "Người lập", "Author", 0),
    ("created", "Ngày tạo", "Created", 2),
    ("updated", "Cập nhật lần cuối", "Last updated", 2),
    ("revision", "Lần sửa", "Revision", 3),
    # How many files the record carries now; their names and contents stay in the station.
    ("attachments", "Tài liệu kèm theo", "Attachments", 3),
)
_KINDS = (TEXT, DATE, DATETIME, NUMBER)
_DETAILS = ("Nội dung", "Details")


@dataclass(frozen=True)
class Column:
    """One column: its header, what kind of value it holds (for formats and widths), and how
    a record's cell is taken (from the record's summary and its possibly redacted values)."""

    header: str
    kind: str
    cell: Callable[[Mapping[str, Any], Mapping[str, Any]], Any]
    width: int = 18


@dataclass(frozen=True)
class ExportRecord:
    """A record as the export reads it: the list's summary fields plus its values."""

    id: str
    form_id: str
    status: str
    revision: int
    author: str
    title: str
    event_date: str | None
    document_number: str | None
    created_at: str
    updated_at: str
    values: Mapping[str, Any]
    attachments: int = 0  # current attached files


def plan_columns(
    catalogue: Catalogue, form_id: str | None, *, include_sensitive: bool, lang: str = "vi"
) -> list[Column]:
    """The columns of an export: the list's own, then the chosen form's fields or "details"."""
    index = 0 if lang == "vi" else 1
    columns = [
        Column(names[index], _KINDS[kind], _summary_cell(key, catalogue, lang), _width(key))
        for key, *names, kind in _FIXED
    ]
    if form_id and form_id in catalogue:
        form = catalogue.get(form_id)
        columns += _field_columns(form.fields, "", "", include_sensitive, lang)
    else:
        columns.append(Column(_DETAILS[index], TEXT, _details_cell(catalogue, lang), 60))
    return columns


def row_cells(
    columns: list[Column],
    catalogue: Catalogue,
    record: ExportRecord,
    *,
    include_sensitive: bool,
    lang: str = "vi",
) -> list[Any]:
    """One record's cells, in column order: dates as `date`/`datetime`, numbers as numbers."""
    values: Mapping[str, Any] = record.values
    summary: dict[str, Any] = {
        "id": record.id,
        "form_id": record.form_id,
        "status": record.status,
        "revision": record.revision,
        "author": record.author,
        "title": record.title,
        "event_date": record.event_date,
        "document_number": record.document_number,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "attachments": record.attachments,
    }
    if not include_sensitive and record.form_id in catalogue:
        form = catalogue.get(record.form_id)
        values = redact_sensitive(form, values)
        summary["title"] = display_title(form, values, lang=lang)  # the title may quote them
    return [column.cell(summary, values) for column in columns]


def _width(key: str) -> int:
    return {"id": 38, "title": 50, "form": 30, "created": 17, "updated": 17}.get(key, 14)


def _summary_cell(key: str, catalogue: Catalogue, lang: str) -> Callable[..., Any]:
    def cell(summary: Mapping[str, Any], _values: Mapping[str, Any]) -> Any:
        if key == "form":
            form_id = summary["form_id"]
            if form_id in catalogue:
                return f"{form_id} · {catalogue.get(form_id).short_title.get(lang)}"
            return form_id
        if key == "status":
            return status_label(summary["status"], lang)
        if key == "event_date":
            return parse_date(summary["event_date"]) if summary["event_date"] else None
        if key in ("created", "updated"):
            return _local_time(summary[f"{key}_at"])
        if key == "number":
            return summary["document_number"] or ""
        return summary[key]

    return cell


def _local_time(stamp: str | None) -> datetime | None:
    """A stored ISO timestamp as the station's wall-clock time, without a zone (Excel has none)."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(VN_TZ).replace(tzinfo=None)
    return moment.replace(second=0, microsecond=0)


def _field_columns(
    fields: tuple[FieldDefinition, ...],
    prefix: str,
    label_prefix: str,
    include_sensitive: bool,
    lang: str,
) -> list[Column]:
    columns: list[Column] = []
    for f in fields:
        if f.sensitivity is Sensitivity.SENSITIVE and not include_sensitive:
            continue
        path = f"{prefix}{f.id}"
        label = f"{label_prefix}{f.label.get(lang)}"
        if f.type is FieldType.PERSON and not prefix:
            columns += _field_columns(f.fields, f"{path}.", f"{label} – ", include_sensitive, lang)
        else:
            columns.append(Column(label, _field_kind(f), _field_cell(f, path, lang), 22))
    return columns


def _field_kind(f: FieldDefinition) -> str:
    if f.type is FieldType.DATE:
        return DATE
    if f.type is FieldType.DATETIME:
        return DATETIME
    if f.type in (FieldType.INTEGER, FieldType.MONEY, FieldType.DECIMAL):
        return NUMBER
    return TEXT


def _field_cell(f: FieldDefinition, path: str, lang: str) -> Callable[..., Any]:
    def cell(_summary: Mapping[str, Any], values: Mapping[str, Any]) -> Any:
        value: Any = values
        for part in path.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return typed_value(f, value, lang)

    return cell


def typed_value(f: FieldDefinition, value: Any, lang: str = "vi") -> Any:
    """A value as a spreadsheet cell: real dates and numbers where the field has them, else the
    text a person reads (labels for codes, addresses on one line, group rows joined)."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if f.type is FieldType.DATE:
        return parse_date(value) or _text(display_value(f, value, lang=lang))
    if f.type is FieldType.DATETIME:
        return parse_datetime(value) or _text(display_value(f, value, lang=lang))
    if f.type in (FieldType.INTEGER, FieldType.MONEY) and isinstance(value, int):
        return value
    if f.type is FieldType.DECIMAL and isinstance(value, (int, float)):
        return value
    return _text(display_value(f, value, lang=lang))


def _text(text: str) -> str:
    return text if len(text) <= CELL_MAX else text[: CELL_MAX - 1] + "…"


def _details_cell(catalogue: Catalogue, lang: str) -> Callable[..., Any]:
    def cell(summary: Mapping[str, Any], values: Mapping[str, Any]) -> Any:
        if summary["form_id"] not in catalogue:
            return None
        return details_text(catalogue.get(summary["form_id"]), values, lang)

    return cell


def details_text(form: FormDefinition, values: Mapping[str, Any], lang: str = "vi") -> str:
    """Every filled-in top-level field as "label: value", joined by " | " (mixed-form exports)."""
    parts = []
    for f in form.fields:
        shown = display_value(f, values.get(f.id), lang=lang) if f.id in values else ""
        if shown:
            parts.append(f"{f.label.get(lang)}: {shown}")
    return _text(" | ".join(parts))


def as_text(value: Any) -> str:
    """A cell as CSV text: dd/mm/yyyy dates, dd/mm/yyyy HH:MM times, plain numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


# What a spreadsheet opening a CSV file reads as the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_csv_text(value: Any) -> str:
    """`as_text`, with text that a spreadsheet would run as a formula made inert by a leading
    quote. Only text cells: a negative number or a date stays as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return as_text(value)
