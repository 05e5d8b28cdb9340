"""Printed documents as PDF: every form's text read back, the QR decoded, drafts marked, audited."""

from __future__ import annotations

import gc
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PySide6.QtGui import QImage

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import FileUnwritable
from desktop.render import suggested_file_name, write_pdf
from desktop.storage import audit, outbox
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.printouts import log_printout, prepare_printout, revision_content_hash
from desktop.ui.printing import record_printer
from desktop.ui.printing.record_printer import RecordPrinter
from desktop.ui.record_view import RecordView
from desktop.ui.record_work import open_record
from domain.documents import parse_qr_payload
from domain.reports.document import ReportDocument
from tests.desktop.storage import attachment_files
from tests.desktop.ui.pdf_raster import render_page
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    page_context_fixture,
    records_fixture,
)

# Names each example carries, as they must read on paper (diacritics intact).
NAMES = {
    "F1": ["Nguyễn Văn Đức", "Trần Thị Lan"],
    "F2": ["Phạm Thị Thu Hà", "Vũ Quang Minh"],
    "F3": ["Trần Quốc Bảo", "Đỗ Thị Mai", "Hoàng Văn Nam"],
    "F4": ["Nguyễn Văn Trưởng", "Trần Quốc Bảo"],
    "F5": ["Lê Thị Hương", "Lê Thị Ngọc Ánh", "Hồ Minh Khang"],
    "F6": ["PHAN VĂN THẮNG", "Trần Thị Lan", "Nguyễn Văn Trưởng"],  # CT03: the name in capitals
    "F7": ["Vũ Đình Toàn", "Đỗ Văn Hùng", "Nguyễn Thị Thu"],
    "F8": ["Đỗ Văn Hùng", "Vũ Quang Minh"],
    "F9": ["Ngô Văn Bình", "Đặng Thị Thủy", "Lý Thị Nga"],
    "F10": ["PHAN VĂN THẮNG", "Trần Thị Lan"],
}


def pdf_text(path: Path) -> str:
    """All pages' text, NFC, whitespace collapsed (Qt places words apart; pypdf reads tabs)."""
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def decode_qr(image: QImage) -> list[str]:
    """QR codes zxing-cpp finds on a page image (rows copied out of Qt's padded scan lines)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride, width = bytes(grey.constBits()), grey.bytesPerLine(), grey.width()
    rows = b"".join(data[r * stride : r * stride + width] for r in range(grey.height()))
    pixels = memoryview(rows).cast("B", shape=[grey.height(), width])
    found = zxingcpp.read_barcodes(pixels)
    return [r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode]


def sent_revision(session, record_id: str) -> tuple[int, str]:
    """Revision and content hash of the record as the outbox sends it to the centre."""
    with session.db.read() as conn:
        pending = outbox.unsent(conn, session.info().code, limit=1000)
    (entry,) = [p for p in pending if p.record_id == record_id]
    return entry.revision, entry.content_hash


@pytest.mark.parametrize("form_id", list(NAMES))
def test_every_form_prints_to_a_pdf_that_reads_back_and_verifies(qapp, records, tmp_path, form_id):
    """Each form's approved PDF holds its number, names with diacritics and the motto; its QR
    decodes to the record id, revision and the revision's content hash."""
    record_id = records.make(form_id, example_values(form_id), status="approved")
    session = records.session()
    document = prepare_printout(session, records.catalogue, record_id)
    target = tmp_path / f"{form_id}.pdf"
    pages = write_pdf(document, target)
    assert pages >= 1 and target.read_bytes().startswith(b"%PDF")

    text = pdf_text(target)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "CÔNG AN PHƯỜNG BA ĐÌNH" in text
    form = records.catalogue.get(form_id)
    if form.numbering:
        assert f"Số: 01/{form.numbering}" in text
    for name in NAMES[form_id]:
        assert name in text, f"{name} missing from the {form_id} PDF"
    assert "DỰ THẢO" not in text

    codes = decode_qr(render_page(target, 0, dpi=200))
    assert len(codes) == 1
    check = parse_qr_payload(codes[0])
    assert check is not None and check.record_id == record_id
    assert (check.revision, check.content_hash) == sent_revision(session, record_id)
    assert check.content_hash[:12] in text  # the footer's short hash, for the eye


def test_the_attached_files_are_listed_at_the_end_of_the_document(qapp, records, tmp_path):
    """ "Tài liệu kèm theo: 1. …; 2. …" names each current file, after the body, before the
    signatures; a removed file is no longer listed; a record without files has no such line."""
    record_id = records.make("F3", example_values("F3"), status="completed")
    session = records.session()
    plain = tmp_path / "plain.pdf"
    write_pdf(prepare_printout(session, records.catalogue, record_id), plain)
    assert "Tài liệu kèm theo" not in pdf_text(plain)

    photo = attachment_files.photo_with_gps(tmp_path / "ảnh hiện trường.jpg")
    scan = attachment_files.clean_pdf(tmp_path / "giấy ký.pdf")
    blurred = attachment_files.photo_with_gps(tmp_path / "mờ.jpg", size=(32, 32))
    service = AttachmentService(session, records.catalogue)
    service.attach(record_id, [photo, blurred, scan])
    service.detach(record_id, "mờ.jpg", "ảnh mờ")
    target = tmp_path / "with-files.pdf"
    write_pdf(prepare_printout(session, records.catalogue, record_id), target)
    text = pdf_text(target)
    assert "Tài liệu kèm theo: 1. ảnh hiện trường.jpg; 2. giấy ký.pdf." in text
    assert "mờ.jpg" not in text
    assert text.index("Tài liệu kèm theo") < text.rindex("NGƯỜI")  # the signatures come after


def test_a_record_not_yet_approved_prints_as_a_draft(qapp, records, tmp_path):
    """Completed (and draft) records carry the DỰ THẢO watermark on every page; approval drops it."""
    record_id = records.make("F3", example_values("F3"), status="completed")
    session = records.session()
    draft = tmp_path / "draft.pdf"
    pages = write_pdf(prepare_printout(session, records.catalogue, record_id), draft)
    assert pdf_text(draft).count("DỰ THẢO") == pages

    records.service().approve(record_id)
    final = tmp_path / "final.pdf"
    write_pdf(prepare_printout(session, records.catalogue, record_id), final)
    assert "DỰ THẢO" not in pdf_text(final)


def test_an_officer_without_the_permission_prints_redacted_but_the_hash_is_the_records(
    qapp, records, tmp_path
):
    """Another's sensitive data stays off the officer's printout; the QR still carries the hash
    of the stored revision (not of the redacted view), so it verifies against the centre."""
    from tests.desktop.conftest import OFFICER

    record_id = records.make("F3", example_values("F3"), status="approved")
    document = prepare_printout(records.session(OFFICER), records.catalogue, record_id)
    target = tmp_path / "redacted.pdf"
    write_pdf(document, target)
    assert "Dân tộc" not in pdf_text(target) and "Trần Quốc Bảo" in pdf_text(target)
    check = parse_qr_payload(document.qr_payload)
    assert (check.revision, check.content_hash) == sent_revision(records.session(), record_id)


def test_printing_is_audited(qapp, records, tmp_path):
    """Each printout leaves RECORD_PRINTED with the revision, number, short hash and output."""
    record_id = records.make("F3", example_values("F3"), status="approved")
    session = records.session()
    document = prepare_printout(session, records.catalogue, record_id)
    pages = write_pdf(document, tmp_path / "x.pdf")
    log_printout(session, document, "pdf", pages)
    with session.db.read() as conn:
        entries = audit.entries(conn, limit=10, target=record_id)
    printed = [e for e in entries if e.action == AuditAction.RECORD_PRINTED]
    assert len(printed) == 1
    assert printed[0].details == {
        "output": "pdf",
        "document": "MBB01",
        "revision": 1,
        "number": "01/BB-VPHC",
        "hash": document.facts.content_hash[:12],
        "draft": False,
        "pages": pages,
    }


def test_write_pdf_paginates_and_numbers_pages_from_the_second(qapp, tmp_path):
    """A long text runs onto more pages; page 1 carries no number, page 2 does, footer on each."""
    html = "".join(f"<p>Dòng thứ {i}: Nguyễn Văn Đức</p>" for i in range(120))
    target = tmp_path / "long.pdf"
    document = ReportDocument("Thử", html, None, footer_text="Chân trang Ấp Bắc", qr_payload=None)
    pages = write_pdf(document, target)
    reader = pypdf.PdfReader(str(target))
    assert pages == len(reader.pages) >= 3
    first, second = (re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages[:2])
    assert first.count("Chân trang Ấp Bắc") == 1 and second.count("Chân trang Ấp Bắc") == 1
    # Pages are drawn content, page number, footer: the number sits just before the footer line.
    assert second.endswith("Đức 2 Chân trang Ấp Bắc") and first.endswith("Đức Chân trang Ấp Bắc")
    assert reader.metadata.title == "Thử"


def test_save_as_pdf_from_the_record_view(qtbot, records, page_context, tmp_path):
    """The record view's Save as PDF writes the file, audits it and reports it in a status line."""
    record_id = records.make("F9", example_values("F9"), status="approved")
    view = RecordView(records.catalogue, "en")
    qtbot.addWidget(view)
    view.show_details(open_record(page_context.session, records.catalogue, record_id))
    assert not view.print_button.isHidden() and not view.pdf_button.isHidden()
    printer = RecordPrinter(page_context, records.catalogue, view)
    target = tmp_path / "hoa-giai.pdf"
    with qtbot.waitSignal(printer.printed) as signal:
        view.pdf_requested.connect(lambda: printer.save_pdf(record_id, str(target)))
        view.pdf_button.click()
    assert "01/BB-HG" in signal.args[0]
    assert "Ngô Văn Bình" in pdf_text(target)
    with page_context.session.db.read() as conn:
        actions = [e.action for e in audit.entries(conn, limit=5, target=record_id)]
    assert AuditAction.RECORD_PRINTED in actions


def test_a_form_with_two_papers_asks_which_one(qtbot, records, page_context, tmp_path, monkeypatch):
    """F1 from the record view: the chooser lists the intake minutes and the transfer slip;
    the one picked is written and audited; closing the question prints nothing."""
    record_id = records.make("F1", example_values("F1"), status="approved")
    parent = RecordView(records.catalogue, "vi")
    qtbot.addWidget(parent)
    printer = RecordPrinter(page_context, records.catalogue, parent, "vi")
    asked: list[list[str]] = []

    def answer(picked: str, accepted: bool):
        def get_item(_parent, _title, _label, items, *_args):
            asked.append(list(items))
            return picked, accepted

        return get_item

    dialog = record_printer.QInputDialog
    monkeypatch.setattr(dialog, "getItem", answer("", False))
    printer.save_pdf(record_id, str(tmp_path / "none.pdf"), form_id="F1")
    assert asked == [
        ["Biên bản tiếp nhận nguồn tin về tội phạm", "Phiếu chuyển nguồn tin về tội phạm"]
    ]
    monkeypatch.setattr(dialog, "getItem", answer("Phiếu chuyển nguồn tin về tội phạm", True))
    target = tmp_path / "phieu-chuyen.pdf"
    with qtbot.waitSignal(printer.printed):
        printer.save_pdf(record_id, str(target), form_id="F1")
    assert "PHIẾU CHUYỂN" in pdf_text(target) and not (tmp_path / "none.pdf").exists()
    with page_context.session.db.read() as conn:
        entries = audit.entries(conn, limit=5, target=record_id)
    printed = [e.details["document"] for e in entries if e.action == AuditAction.RECORD_PRINTED]
    assert printed == ["TT119-M03"]


def test_preview_paints_the_same_pages(qtbot, records, page_context, tmp_path):
    """The print preview draws through the same code; accepting it (Print) is audited."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    record_id = records.make("F6", example_values("F6"), status="completed")
    parent = RecordView(records.catalogue, "en")
    qtbot.addWidget(parent)
    printer = RecordPrinter(page_context, records.catalogue, parent)
    printer.preview(record_id)
    dialog = printer.dialog
    assert dialog is not None
    gc.collect()  # the dialog only borrows its printer: a collected one crashed Qt here
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() == printer.pages >= 1
    target = QPrinter(QPrinter.PrinterMode.HighResolution)
    target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(target)
    assert printer.pages >= 1
    text = pdf_text(tmp_path / "preview.pdf")
    assert "PHIẾU KHAI BÁO TẠM VẮNG" in text and "DỰ THẢO" in text
    with qtbot.waitSignal(printer.printed):
        dialog.accept()
    with page_context.session.db.read() as conn:
        printed = [
            e
            for e in audit.entries(conn, limit=5, target=record_id)
            if e.action == AuditAction.RECORD_PRINTED
        ]
    assert printed and printed[0].details["output"] == "printer"


def test_suggested_file_name_uses_the_number(qapp, records):
    """A numbered record's PDF is offered as "01-BB-VPHC.pdf"."""
    record_id = records.make("F3", example_values("F3"), status="completed")
    document = prepare_printout(records.session(), records.catalogue, record_id)
    assert suggested_file_name(document) == "01-BB-VPHC.pdf"


def test_record_list_page_saves_the_open_record_as_pdf(
    qtbot, services, station_home, records, tmp_path, monkeypatch
):
    """In the app: open a record from the list, Save as PDF…, choose a file: written and said."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.ui.main_window import MainWindow
    from desktop.ui.pages.record_list import RecordListPage

    record_id = records.make("F7", example_values("F7"), status="approved")
    main = MainWindow(services, pages=(RecordListPage,))
    qtbot.addWidget(main)
    main.open_session(station_home.unlock())
    main.show()
    page = main.current_page()
    page.open_record(record_id)
    target = tmp_path / "vu-khi.pdf"
    offered = []

    def choose(parent, title, suggested, filters):
        offered.append(Path(suggested).name)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    with qtbot.waitSignal(page.status_message) as said:
        page.view.pdf_button.click()
    assert offered == ["01-BB-TNVK.pdf"]
    assert "01/BB-TNVK" in said.args[0]
    assert "Vũ Đình Toàn" in pdf_text(target)
    services.idle.stop()


def test_signature_table_is_never_split_over_two_pages(qapp):
    """A table marked KEEP_TOGETHER that would straddle a page break starts on the next page;
    an unmarked one straddles (so the check below can fail)."""
    from PySide6.QtCore import QSizeF

    from desktop.render.pages import layout_document
    from domain.documents import KEEP_TOGETHER

    cell = "<br>".join(["CHỮ KÝ"] * 8)
    page = QSizeF(600, 800)

    def table_pages(lines: int, mark: str) -> tuple[int, int]:
        html = "<p>dòng</p>" * lines + f"<table><tr><td>{mark}{cell}</td></tr></table>"
        document = layout_document(html, page)
        frame = document.rootFrame().childFrames()[-1]
        box = document.documentLayout().frameBoundingRect(frame)
        return int(box.top() // page.height()), int((box.bottom() - 1) // page.height())

    straddling = [n for n in range(20, 60) if len(set(table_pages(n, ""))) > 1]
    assert straddling, "no line count puts the table across a page break"
    for lines in straddling:
        first, last = table_pages(lines, f'<a name="{KEEP_TOGETHER}"></a>')
        assert first == last


def outbox_hashes(session, record_id: str) -> dict[int, str]:
    """Content hash of each of the record's revisions waiting in the outbox, by revision."""
    with session.db.read() as conn:
        pending = outbox.unsent(conn, session.info().code, limit=1000)
    return {p.revision: p.content_hash for p in pending if p.record_id == record_id}


def test_a_pdf_that_cannot_be_written_is_an_error_not_a_page_count(qapp, tmp_path):
    """Into a folder that does not exist: FILE_UNWRITABLE naming the path, and no file."""
    target = tmp_path / "missing" / "x.pdf"
    with pytest.raises(FileUnwritable) as raised:
        write_pdf(ReportDocument("x", "<p>hi</p>", None, "", None), target)
    assert raised.value.code == "FILE_UNWRITABLE" and raised.value.params["path"] == str(target)
    assert not target.parent.exists()


def test_save_as_pdf_that_fails_is_shown_and_not_audited(
    qtbot, records, page_context, tmp_path, monkeypatch
):
    """The record view's Save as PDF into a missing folder shows the error; it neither says
    "Saved" nor leaves RECORD_PRINTED for a file that does not exist."""
    record_id = records.make("F9", example_values("F9"), status="approved")
    shown: list[BaseException] = []
    monkeypatch.setattr(record_printer, "show_error", lambda parent, error: shown.append(error))
    view = RecordView(records.catalogue, "en")
    qtbot.addWidget(view)
    printer = RecordPrinter(page_context, records.catalogue, view)
    said: list[str] = []
    printer.printed.connect(said.append)
    target = tmp_path / "missing" / "x.pdf"
    printer.save_pdf(record_id, str(target))
    qtbot.waitUntil(lambda: bool(shown))
    assert [type(e) for e in shown] == [FileUnwritable] and said == []
    with page_context.session.db.read() as conn:
        printed = audit.entries(conn, limit=10, action=AuditAction.RECORD_PRINTED)
    assert printed == [] and not target.exists()


def test_the_hash_is_of_the_printed_revision_not_the_current_one(qapp, records):
    """Revision 1's hash stays revision 1's after an amendment made revision 2: it is read from
    that revision's snapshot, as the outbox sent it; a new printout carries revision 2's."""
    record_id = records.make("F3", example_values("F3"), status="approved")
    session = records.session()
    first = outbox_hashes(session, record_id)[1]
    amended = example_values("F3") | {"record_place": "Trụ sở Công an phường Giảng Võ"}
    assert records.service().amend(record_id, amended, "Sửa nơi lập biên bản") == 2
    records.service().approve(record_id)
    with session.db.read() as conn:
        assert revision_content_hash(conn, record_id, 1, session.info().code) == first
    document = prepare_printout(session, records.catalogue, record_id)
    assert document.facts.revision == 2 and "Trụ sở Công an phường Giảng Võ" in document.html
    assert document.facts.content_hash == outbox_hashes(session, record_id)[2] != first
