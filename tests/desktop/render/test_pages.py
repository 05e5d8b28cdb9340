"""The page rules of desktop/render on hand-made documents: signature blocks keep the lines
before them, headings keep the line after them, table rows stay whole, whatever the length of
the text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF

from desktop.render.pages import layout_document
from domain.documents import KEEP_TOGETHER, KEEP_WITH_NEXT

ROOT = Path(__file__).resolve().parents[3]

PAGE = QSizeF(600, 800)  # layout pixels


def _top_page(document, block_number: int) -> int:
    block = document.findBlockByNumber(block_number)
    return int(document.documentLayout().blockBoundingRect(block).top() // PAGE.height())


def test_a_signature_table_takes_the_lines_before_it_to_a_new_page(qapp):
    """Whatever the length of the text, the marked table shares its page with the last
    paragraphs before it; an unmarked one may begin a page alone (so the check can fail)."""
    cell = "<br>".join(["CHỮ KÝ"] * 8)

    def pages(lines: int, mark: str) -> tuple[int, int]:
        html = "".join(f"<p>dòng {i}</p>" for i in range(lines))
        html += f"<table><tr><td>{mark}{cell}</td></tr></table>"
        document = layout_document(html, PAGE)
        frame = document.rootFrame().childFrames()[-1]
        table_top = document.documentLayout().frameBoundingRect(frame).top()
        return _top_page(document, lines - 1), int(table_top // PAGE.height())

    alone = [n for n in range(20, 60) if len(set(pages(n, ""))) > 1]
    assert alone, "no line count puts the table at the top of a page"
    for lines in range(20, 60):
        last_line, table = pages(lines, f'<a name="{KEEP_TOGETHER}">x</a>')
        assert last_line == table, lines


def test_a_heading_is_never_the_last_line_of_a_page(qapp):
    """A numbered section heading goes over with the first line of its section."""
    for lines in range(25, 40):
        html = "".join(f"<p>dòng {i}</p>" for i in range(lines))
        html += "<p><b>3. Hành vi vi phạm</b></p><p>Thời gian vi phạm: 22 giờ</p>"
        document = layout_document(html, PAGE)
        assert _top_page(document, lines) == _top_page(document, lines + 1), lines


def test_a_marked_heading_without_a_number_keeps_its_table(qapp):
    """A heading known only by its KEEP_WITH_NEXT anchor ("Xây dựng lực lượng — Trang bị")
    goes over with the table under it; unmarked, the same text may end a page (so the check
    can fail)."""
    table = "<table border='1'><tr><td>Ô tô</td><td>1</td></tr></table>"

    def pages(lines: int, heading: str) -> tuple[int, int]:
        html = "".join(f"<p>dòng {i}</p>" for i in range(lines))
        document = layout_document(html + f"<p>{heading}</p>" + table, PAGE)
        frame = document.rootFrame().childFrames()[-1]
        table_top = document.documentLayout().frameBoundingRect(frame).top()
        return _top_page(document, lines), int(table_top // PAGE.height())

    text = "<b>Xây dựng lực lượng — Trang bị</b>"
    assert [n for n in range(20, 60) if len(set(pages(n, text))) > 1], "never left behind"
    for lines in range(20, 60):
        heading, first_row = pages(lines, f'<a name="{KEEP_WITH_NEXT}">{text}</a>')
        assert heading == first_row, lines


def test_margins_and_indents_are_written_in_units_qt_reads(qapp):
    """Qt's rich text reads px (and em) for margins and indents and silently drops pt, cm and
    mm: the report's headings and paragraphs once lost their spacing and their 1 cm indent
    that way. Qt does so, and no HTML the program writes uses those units there."""
    document = layout_document(
        '<p style="margin-top: 10pt; text-indent: 1cm">x</p><p style="margin-top: 13px">y</p>',
        PAGE,
    )
    dropped, read = document.firstBlock().blockFormat(), document.lastBlock().blockFormat()
    assert (dropped.topMargin(), dropped.textIndent(), read.topMargin()) == (0, 0, 13)
    unread = re.compile(r"(margin[a-z-]*|text-indent)\s*:\s*[\d.]+\s*(pt|cm|mm)")
    for source in sorted((ROOT / "domain").rglob("*.py")) + sorted(
        (ROOT / "desktop").rglob("*.py")
    ):
        text = source.read_text(encoding="utf-8")
        assert not unread.search(text), (source, unread.search(text))


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_a_table_row_is_never_cut_by_a_page_end(qapp, monkeypatch):
    """Rows of two-line labels (a report's indicators) after any number of lines: no row has
    lines on two pages; a cut table goes on after its header, every row once and in order.
    Qt alone cuts some of them (so the check can fail)."""
    from PySide6.QtGui import QTextTable

    from desktop.render import page_rules
    from desktop.render.page_rules import row_extent as _row_extent

    label = "Một chỉ tiêu có tên dài, xuống dòng trong ô của bảng báo cáo định kỳ hằng tháng"
    rows = "".join(f"<tr><td>{label} số {i}</td><td>{i}</td></tr>" for i in range(60))
    table = (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
        f"<thead><tr><th>Chỉ tiêu</th><th>Kỳ này</th></tr></thead>{rows}</table>"
    )

    def cut_rows(document) -> list[tuple[int, int]]:
        tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
        return [
            (t, r)
            for t, frame in enumerate(tables)
            for r in range(frame.rows())
            if len({int(y // PAGE.height()) for y in _row_extent(document, frame, r)}) > 1
        ]

    def qt_alone(html: str):
        with monkeypatch.context() as patch:
            patch.setattr(page_rules, "_first_cut_row", lambda *args: None)
            return layout_document(html, PAGE)

    cut_by_qt = 0
    for lines in range(12):
        html = "<p>dòng</p>" * lines + table + "<p>hết</p>"
        cut_by_qt += bool(cut_rows(qt_alone(html)))
        document = layout_document(html, PAGE)
        assert cut_rows(document) == [], lines
        text = document.toPlainText()
        found = [text.find(f"số {i}\n") for i in range(60)]
        assert -1 not in found and found == sorted(found), lines
        tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
        assert text.count("Chỉ tiêu") == len(tables)  # each part opens with the header
    assert cut_by_qt, "no line count made Qt cut a row"


def test_a_pdf_needs_no_widget_application():
    """In a process of its own, as `cax print` runs: write_pdf makes a bare QGuiApplication
    (offscreen, no display) and writes the file. QtPrintSupport's library loads QtWidgets'
    underneath; the renderer never makes a widget or a QApplication."""
    code = (
        "import sys\n"
        "from desktop.render import write_pdf\n"
        "from domain.reports.document import ReportDocument\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "pages = write_pdf(ReportDocument('t', '<p>Nguyễn</p>', None, '', None), sys.argv[1])\n"
        "print(pages, type(QGuiApplication.instance()).__name__)\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "x.pdf"
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.pop("QT_QPA_PLATFORM", None)  # write_pdf must choose offscreen itself
        done = subprocess.run(
            [sys.executable, "-c", code, str(target)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["1", "QGuiApplication"]
        assert target.read_bytes().startswith(b"%PDF")
