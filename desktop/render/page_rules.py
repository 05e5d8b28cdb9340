"""Where pages end: the rules a laid-out document is made to follow before it is drawn.

* A table holding an anchor named KEEP_TOGETHER (signature blocks) never splits over two pages
  and never stands alone at the top of one: when it would begin a page, the lines before it
  (the last paragraph, or table, with the heading or "Label:" line leading to it) go over with
  it.
* A section heading or a "Label:" line is never the last line of a page: known by its number
  ("3. …", "II. …"), its colon, or an anchor named KEEP_WITH_NEXT.
* A table row is never cut by a page end: the table is split there and goes on, after its
  header rows, at the top of the next page.

Qt's rich text has no keep-with-next, splits table rows between lines and ignores
`page-break-inside`, so the rules are applied on the laid-out document with page breaks, top to
bottom, one change at a time: a change only moves what follows it, so the decisions above it
stay right.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextTable,
    QTextTableCell,
)

from domain.documents import KEEP_TOGETHER, KEEP_WITH_NEXT

# What goes over to a new page with the signatures, at the least: two lines of 13 pt (in layout
# pixels, 1/96 inch; a 13 pt line with its spacing is about 25 px).
MIN_CARRIED_PX = 45.0
# A line that leads into what follows it: a numbered section heading ("3. …", "II. …", one
# line: a numbered paragraph of running text is not a heading) or a "Label:" line.
_NUMBERED = re.compile(r"^(\d+|[IVX]+)\.\s")
_LABEL = re.compile(r":\s*$")
# A bound on the changes to one document (a long report splits a table a page): a pathological
# layout cannot loop.
MAX_CHANGES = 400

# What the page rules move about: a top-level paragraph or table.
Item = QTextBlock | QTextTable
_ALWAYS_BEFORE = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore


def apply_page_rules(document: QTextDocument) -> None:
    """Make the laid-out `document` follow the rules above (its page size is set)."""
    page = document.pageSize().height()
    for _ in range(MAX_CHANGES):
        if not _fix_first_problem(document, page):
            return


def _fix_first_problem(document: QTextDocument, page: float) -> bool:
    """Fix the topmost place breaking a rule; False when there is none."""
    # Laid out afresh: after a change Qt relays out only part of a document, and positions
    # read from that part may differ from the ones the pages are finally drawn with.
    document.markContentsDirty(0, document.characterCount())
    items = _top_level_items(document)
    for index, item in enumerate(items):
        if isinstance(item, QTextBlock):
            following = items[index + 1] if index + 1 < len(items) else None
            if following is not None and _lead_in_left_behind(document, item, following, page):
                # A heading right above ("II. …" over "1. …") goes with it: breaking before the
                # second alone would leave the first behind, and then two breaks stack up.
                start = index
                while start > 0 and _is_lead_in(items[start - 1]) and not _has_break(items[start]):
                    start -= 1
                _break_before(items[start])
                return True
        elif _is_marked(item):
            if _keep_with_previous(document, items[:index], item, page):
                return True
        elif (row := _first_cut_row(document, item, page)) is not None:
            _continue_on_next_page(document, item, _with_its_caption(item, row))
            return True
    return False


# ---- headings and "Label:" lines ---------------------------------------------------------------


def _is_lead_in(item: Item) -> bool:
    if not isinstance(item, QTextBlock):
        return False
    text = item.text()
    one_line = item.layout() is not None and item.layout().lineCount() == 1
    return (
        bool(_LABEL.search(text))
        or (one_line and bool(_NUMBERED.match(text)))
        or KEEP_WITH_NEXT in _anchors(item)
    )


def _lead_in_left_behind(
    document: QTextDocument, item: QTextBlock, following: Item, page: float
) -> bool:
    if not _is_lead_in(item) or _has_break(item):
        return False
    here = _page_of(_box(document, item).top(), page)
    return here != _page_of(_box(document, following).top(), page)


# ---- signature blocks --------------------------------------------------------------------------


def _keep_with_previous(
    document: QTextDocument, before: list[Item], table: QTextTable, page: float
) -> bool:
    box = _box(document, table)
    if box.height() >= page:
        return False  # longer than a page: it has to split, nothing to keep
    starts_a_page = bool(before) and _page_of(box.top(), page) != _page_of(
        _box(document, before[-1]).bottom() - 1, page
    )
    crosses = _page_of(box.top(), page) != _page_of(box.bottom() - 1, page)
    if not (crosses or starts_a_page):
        return False
    carried = _lines_to_carry(document, before, box.height(), page)
    first = carried[0] if carried else table
    if _has_break(first):
        return False  # already begins a page: as good as it gets
    _break_before(first)
    return True


def _lines_to_carry(
    document: QTextDocument, before: list[Item], height: float, page: float
) -> list[Item]:
    """The last items before the signatures (at least two lines' worth), with the headings and
    "Label:" lines leading to them, as long as they fit on one page with the signatures; []
    when even the last one does not."""
    signatures = height
    carried: list[Item] = []
    header = next((i for i in before if isinstance(i, QTextTable)), None)
    for item in reversed(before):
        if header is not None and item is header:
            break  # never the document's header (the national title and the number)
        grown = height + _box(document, item).height()
        if grown >= page * 0.9:
            break
        if carried and not _is_lead_in(item) and height - signatures >= MIN_CARRIED_PX:
            break
        carried.insert(0, item)
        height = grown
    return carried


# ---- table rows --------------------------------------------------------------------------------


def _first_cut_row(document: QTextDocument, table: QTextTable, page: float) -> int | None:
    """The first row cut by a page end, or pushed to the next page by Qt (which then stretches
    the row before it down to the page end: an empty box); None when the table runs clean."""
    first = table.format().headerRowCount() + 1  # a table never keeps only its header
    previous_page = None
    for row in range(table.rows()):
        top, bottom = row_extent(document, table, row)
        cut = _page_of(top, page) != _page_of(bottom - 1, page) and bottom - top < page
        pushed = previous_page is not None and _page_of(top, page) != previous_page
        if row >= first and (cut or pushed):
            return row
        previous_page = _page_of(top, page)
    return None


def _with_its_caption(table: QTextTable, row: int) -> int:
    """A caption row right above (one cell across the table: "Theo kênh thông báo") goes over
    with the rows it heads."""
    first = table.format().headerRowCount() + 1
    while row - 1 >= first and table.cellAt(row - 1, 0).columnSpan() == table.columns():
        row -= 1
    return row


def row_extent(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    """Top of the row's first line and bottom of its last, over all its cells."""
    layout = document.documentLayout()
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        block = document.findBlock(cell.firstPosition())
        while block.isValid() and block.position() <= cell.lastPosition():
            box = layout.blockBoundingRect(block)
            tops.append(box.top())
            bottoms.append(box.bottom())
            block = block.next()
    return min(tops), max(bottoms)


def _continue_on_next_page(document: QTextDocument, table: QTextTable, row: int) -> None:
    """Rows from `row` on move into a new table right after this one, which begins a page and
    repeats the header rows."""
    last = table.cellAt(table.rows() - 1, table.columns() - 1)
    rest = _selection(document, table.cellAt(row, 0).firstPosition(), last.lastPosition())
    header_rows = table.format().headerRowCount()
    header = [
        [_cell_copy(document, table.cellAt(r, c)) for c in range(table.columns())]
        for r in range(header_rows)
    ]
    table_format = table.format()
    end_of_first = row_extent(document, table, row - 1)[1]
    table.removeRows(row, table.rows() - row)
    cursor = QTextCursor(table.lastCursorPosition())
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    cursor.insertBlock()  # two tables need a paragraph between them: a thin one
    cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
    cursor.setBlockFormat(_thin_paragraph())
    start = cursor.position()
    cursor.insertFragment(rest)
    continued = QTextCursor(document)
    continued.setPosition(start + 1)
    following = continued.currentTable()
    if following is None:
        return
    if header:
        following.insertRows(0, header_rows)
        for r, cells in enumerate(header):
            for c, (cell_format, paragraph, text) in enumerate(cells):
                cell = following.cellAt(r, c)
                cell.setFormat(cell_format)
                cursor = cell.firstCursorPosition()
                cursor.setBlockFormat(paragraph)  # a header is centred: the text alone is not
                cursor.insertFragment(text)
    following.setFormat(table_format)
    # Where the first part ends right at the page end, what follows is on the next page already
    # (a break then would leave a page blank); otherwise the rest begins the next page.
    page = document.pageSize().height()
    if _page_of(_box(document, following).top(), page) == _page_of(end_of_first - 1, page):
        _break_before(following)


def _thin_paragraph() -> QTextBlockFormat:
    paragraph = QTextBlockFormat()
    paragraph.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    paragraph.setTopMargin(0)
    paragraph.setBottomMargin(0)
    return paragraph


def _selection(document: QTextDocument, start: int, end: int) -> QTextDocumentFragment:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selection()


def _cell_copy(
    document: QTextDocument, cell: QTextTableCell
) -> tuple[QTextCharFormat, QTextBlockFormat, QTextDocumentFragment]:
    """A cell's format, its paragraph's format and its text, to fill a copy of it."""
    first = cell.firstCursorPosition()
    last = cell.lastCursorPosition().position()
    return cell.format(), first.blockFormat(), _selection(document, first.position(), last)


# ---- the document's items ----------------------------------------------------------------------


def _top_level_items(document: QTextDocument) -> list[Item]:
    """The root frame's paragraphs and tables in order (blocks inside a table are its table;
    empty paragraphs, which Qt puts around tables, are left out)."""
    items: list[Item] = []
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            while (outer := table.parentFrame()) is not None and isinstance(outer, QTextTable):
                table = outer
            last = items[-1] if items else None
            if not (isinstance(last, QTextTable) and last.firstPosition() == table.firstPosition()):
                items.append(table)
        elif block.text().strip():
            items.append(QTextBlock(block))
        block = block.next()
    return items


def _anchors(block: QTextBlock) -> list[str]:
    names: list[str] = []
    fragments = block.begin()
    while not fragments.atEnd():
        names += fragments.fragment().charFormat().anchorNames()
        fragments += 1
    return names


def _is_marked(table: QTextTable) -> bool:
    block = table.document().findBlock(table.firstPosition())
    while block.isValid() and block.position() <= table.lastPosition():
        if KEEP_TOGETHER in _anchors(block):
            return True
        block = block.next()
    return False


def _box(document: QTextDocument, item: Item) -> QRectF:
    layout = document.documentLayout()
    if isinstance(item, QTextTable):
        return layout.frameBoundingRect(item)
    return layout.blockBoundingRect(item)


def _page_of(y: float, page: float) -> int:
    return int(y // page)


def _has_break(item: Item) -> bool:
    shape = item.format() if isinstance(item, QTextTable) else item.blockFormat()
    return bool(shape.pageBreakPolicy() & _ALWAYS_BEFORE)


def _break_before(item: Item) -> None:
    if isinstance(item, QTextTable):
        table_format = item.format()
        table_format.setPageBreakPolicy(_ALWAYS_BEFORE)
        item.setFormat(table_format)
        return
    block_format = item.blockFormat()
    block_format.setPageBreakPolicy(_ALWAYS_BEFORE)
    QTextCursor(item).setBlockFormat(block_format)
