"""Exports of the record list: exactly the filtered records, real dates, Vietnamese intact in
Excel and CSV, sensitive fields only when chosen and allowed, supervisors only, always audited."""

from __future__ import annotations

import csv
import errno
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import FileUnwritable, InvalidInput, PermissionDenied
from desktop.core.export_rows import as_csv_text, as_text
from desktop.storage import audit, files
from desktop.storage.export import export_records
from desktop.storage.records import RecordService
from domain.forms.catalogue import load_catalogue
from domain.records import RecordFilter, RecordStatus
from domain.validation.formats import VN_TZ
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
CATALOGUE = load_catalogue()
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ)
NARRATIVE = "anh Đức để xe máy Honda Wave"  # in F1's narrative, a sensitive field


def example(form_id: str) -> dict:
    return json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]


@pytest.fixture
def stocked(station_home):
    """A supervisor's session over two F1 records (one by each user), one F3 and one F5."""
    officer_session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    officer = RecordService(officer_session, CATALOGUE, clock=lambda: NOW)
    ids = {"F1_officer": officer.create("F1", example("F1"))}
    officer_session.close()
    session = station_home.unlock()
    chief = RecordService(session, CATALOGUE, clock=lambda: NOW)
    other = example("F1")
    other["reporter"]["full_name"] = other["victims"][0]["full_name"] = "Phạm Thị Hoa"
    ids["F1_chief"] = chief.create("F1", other)
    ids["F3"] = chief.create("F3", example("F3"))
    ids["F5"] = chief.create("F5", example("F5"))
    yield session, ids
    session.close()


def sheet_rows(path: Path) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return list(book.active.iter_rows(values_only=True))


def test_excel_holds_exactly_the_filtered_records(stocked, tmp_path):
    """A form filter gives that form's records only, one column per field, dates as real dates."""
    session, ids = stocked
    target = tmp_path / "f1.xlsx"
    result = export_records(session, CATALOGUE, RecordFilter(form_id="F1"), target, "xlsx")
    assert result.count == 2
    rows = sheet_rows(target)
    header, body = rows[0], rows[1:]
    assert {row[0] for row in body} == {ids["F1_officer"], ids["F1_chief"]}
    assert "Người tố giác, báo tin – Số định danh cá nhân" in header  # a person spread out
    assert "Nội dung" not in header  # one form: its own columns, no "details" column
    event = body[0][header.index("Ngày sự việc")]
    assert isinstance(event, datetime) and event.date().isoformat() == "2026-11-21"
    names = {value for row in body for value in row if value in ("Nguyễn Văn Đức", "Phạm Thị Hoa")}
    assert names == {"Nguyễn Văn Đức", "Phạm Thị Hoa"}


def test_excel_layout_header_styled_frozen_filtered_and_dated(stocked, tmp_path):
    """The header is bold on colour, frozen, with an autofilter; dates show as dd/mm/yyyy."""
    session, _ = stocked
    target = tmp_path / "all.xlsx"
    export_records(session, CATALOGUE, RecordFilter(), target, "xlsx")
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("1F4E79")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}5"
    assert sheet["E2"].number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["A"].width > 30
    assert sheet.max_row == 5 and sheet.cell(1, sheet.max_column).value == "Nội dung"


def test_search_and_author_filters_are_the_pages_filters(stocked, tmp_path):
    """Accent-free search and the author filter select as the Records page does."""
    session, ids = stocked
    target = tmp_path / "search.csv"
    export_records(session, CATALOGUE, RecordFilter(text="nguyen van duc"), target, "csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        found = {row[0] for row in list(csv.reader(handle))[1:]}
    assert found == {ids["F1_officer"]}
    export_records(session, CATALOGUE, RecordFilter(author=OFFICER), target, "csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert {row[0] for row in list(csv.reader(handle))[1:]} == {ids["F1_officer"]}


def test_csv_starts_with_the_bom_and_keeps_the_accents(stocked, tmp_path):
    """Excel needs the UTF-8 byte-order mark to show Vietnamese; the names come back intact."""
    session, _ = stocked
    target = tmp_path / "f1.csv"
    export_records(session, CATALOGUE, RecordFilter(form_id="F1"), target, "csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "Nguyễn Văn Đức" in text and "Phạm Thị Hoa" in text
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) == 3 and rows[1][4] == "21/11/2026"


def test_sensitive_fields_only_when_chosen(stocked, tmp_path):
    """By default the narrative (sensitive) is neither a column nor anywhere in the file."""
    session, _ = stocked
    plain, full = tmp_path / "plain.csv", tmp_path / "full.csv"
    export_records(session, CATALOGUE, RecordFilter(form_id="F1"), plain, "csv")
    export_records(
        session, CATALOGUE, RecordFilter(form_id="F1"), full, "csv", include_sensitive=True
    )
    label = CATALOGUE.get("F1").field("narrative").label.vi
    plain_text, full_text = plain.read_text("utf-8-sig"), full.read_text("utf-8-sig")
    assert label not in plain_text and NARRATIVE not in plain_text
    assert label in full_text and NARRATIVE in full_text
    mixed = tmp_path / "mixed.csv"
    export_records(session, CATALOGUE, RecordFilter(), mixed, "csv")
    assert NARRATIVE not in mixed.read_text("utf-8-sig")


def test_officers_may_not_export(station_home, tmp_path):
    """Export is a supervisor's: an officer is refused and no file appears."""
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            export_records(session, CATALOGUE, RecordFilter(), tmp_path / "x.xlsx", "xlsx")
    finally:
        session.close()
    assert list(tmp_path.iterdir()) == [station_home.home]


def test_every_export_is_audited_with_filters_format_and_count(stocked, tmp_path):
    """The audit entry names the file, the format, the number of records and the filters."""
    session, _ = stocked
    filters = RecordFilter(form_id="F1", date_from="2026-11-01")
    export_records(session, CATALOGUE, filters, tmp_path / "a.xlsx", "xlsx")
    with session.db.read() as conn:
        [entry] = audit.entries(conn, action=AuditAction.RECORDS_EXPORTED)
    details = entry.details
    assert details["format"] == "xlsx" and details["count"] == 2
    assert details["filters"] == {"form_id": "F1", "date_from": "2026-11-01"}
    assert details["include_sensitive"] is False and entry.target == "a.xlsx"


def test_bad_format_or_folder_is_refused_before_writing(stocked, tmp_path):
    """An unknown format or a missing folder is a clear INVALID_INPUT, nothing is written."""
    session, _ = stocked
    with pytest.raises(InvalidInput):
        export_records(session, CATALOGUE, RecordFilter(), tmp_path / "a.pdf", "pdf")
    with pytest.raises(InvalidInput):
        export_records(session, CATALOGUE, RecordFilter(), tmp_path / "no" / "a.csv", "csv")
    assert not (tmp_path / "a.pdf").exists()


FORMULA = '=HYPERLINK("http://x.example/","Bấm vào đây")'


@pytest.fixture
def formula_record(station_home):
    """A supervisor's session over one F5 whose free-text reason was typed as a formula."""
    session = station_home.unlock()
    values = example("F5")
    values["reason"] = FORMULA
    RecordService(session, CATALOGUE, clock=lambda: NOW).create("F5", values)
    yield session
    session.close()


def test_text_typed_as_a_formula_stays_text_in_excel(formula_record, tmp_path):
    """openpyxl would store "=…" as a live formula: the cell is a string, its text unchanged,
    and dates and numbers keep their types."""
    target = tmp_path / "f5.xlsx"
    export_records(formula_record, CATALOGUE, RecordFilter(form_id="F5"), target, "xlsx")
    sheet = openpyxl.load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    row = sheet[2]
    reason = row[header.index(CATALOGUE.get("F5").field("reason").label.vi)]
    assert reason.data_type == "s" and reason.value == FORMULA
    assert not [cell for line in sheet.iter_rows() for cell in line if cell.data_type == "f"]
    event = row[header.index("Ngày sự việc")]
    assert isinstance(event.value, datetime) and event.number_format == "dd/mm/yyyy"
    revision = row[header.index("Lần sửa")]
    assert revision.data_type == "n" and revision.value == 1


def test_csv_text_that_starts_a_formula_gets_a_leading_quote(formula_record, tmp_path):
    """In CSV the quote keeps Excel from running the text; other cells are as they were."""
    target = tmp_path / "f5.csv"
    export_records(formula_record, CATALOGUE, RecordFilter(form_id="F5"), target, "csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert row[header.index(CATALOGUE.get("F5").field("reason").label.vi)] == "'" + FORMULA
    assert row[header.index("Lần sửa")] == "1"
    assert row[header.index("Biểu mẫu")] == row[header.index("Biểu mẫu")].lstrip("'")


@pytest.mark.parametrize("text", ["=1+2", "+84 903", "-rm", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cell_quotes_each_formula_start(text):
    assert as_csv_text(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -2.5, date(2026, 1, 2), "Hà Nội", "", None, "a=b"])
def test_csv_cell_leaves_numbers_dates_and_plain_text_alone(value):
    assert as_csv_text(value) == as_text(value)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "failure",
    [PermissionError(errno.EACCES, "Permission denied"), OSError(errno.ENOSPC, "No space")],
)
def test_an_unwritable_folder_is_file_unwritable_and_leaves_nothing(
    stocked, tmp_path, monkeypatch, fmt, failure
):
    """A read-only stick or a full disk is a clear FILE_UNWRITABLE naming the file, never an
    internal error; no temp file stays beside the target and nothing is audited."""
    session, _ = stocked
    folder = tmp_path / "usb"
    folder.mkdir()
    target = folder / f"a.{fmt}"

    def fail(*_args, **_kwargs):
        raise failure

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(FileUnwritable) as caught:
        export_records(session, CATALOGUE, RecordFilter(), target, fmt)
    assert caught.value.code == "FILE_UNWRITABLE" and caught.value.params["path"] == str(target)
    assert list(folder.iterdir()) == []
    with session.db.read() as conn:
        assert audit.entries(conn, action=AuditAction.RECORDS_EXPORTED) == []


def test_a_folder_refusing_new_files_is_file_unwritable(stocked, tmp_path, monkeypatch):
    """Creating the temp file itself fails (read-only medium): the same clear error."""
    session, _ = stocked

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(FileUnwritable) as caught:
        export_records(session, CATALOGUE, RecordFilter(), tmp_path / "a.csv", "csv")
    assert caught.value.params["reason"] == "Read-only file system"
    assert not (tmp_path / "a.csv").exists()


def test_a_returned_record_is_exported_as_returned_under_its_filter(stocked, tmp_path):
    """The Returned filter exports exactly the records sent back to their author, their status
    in the list's word ("Bị trả lại"); amended, the record leaves that export."""
    session, ids = stocked
    chief = RecordService(session, CATALOGUE, clock=lambda: NOW)
    chief.complete(ids["F3"])
    chief.complete(ids["F5"])
    chief.return_to_author(ids["F3"], "Thiếu chữ ký người vi phạm")
    returned = RecordFilter(status=RecordStatus.RETURNED)
    target = tmp_path / "returned.csv"
    assert export_records(session, CATALOGUE, returned, target, "csv").count == 1
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [(row["Mã hồ sơ"], row["Trạng thái"]) for row in rows] == [(ids["F3"], "Bị trả lại")]
    chief.amend(ids["F3"], example("F3"), "Bổ sung chữ ký")
    assert export_records(session, CATALOGUE, returned, tmp_path / "after.csv", "csv").count == 0
