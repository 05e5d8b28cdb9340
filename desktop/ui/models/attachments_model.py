"""A record's files as a table: thumbnail and name, type, size, who added it and when."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from desktop.ui.attachment_work import AttachmentRow
from desktop.ui.formats import format_number, format_timestamp
from desktop.ui.models.columns import ColumnTableModel, Index

NAME, KIND, SIZE, ADDED_BY, ADDED_AT = range(5)
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # the file's name in the record (its key there)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the AttachmentRow

_HEADERS = (
    QT_TRANSLATE_NOOP("AttachmentsTableModel", "File"),
    QT_TRANSLATE_NOOP("AttachmentsTableModel", "Type"),
    QT_TRANSLATE_NOOP("AttachmentsTableModel", "Size"),
    QT_TRANSLATE_NOOP("AttachmentsTableModel", "Added by"),
    QT_TRANSLATE_NOOP("AttachmentsTableModel", "Added at"),
)

_KINDS = {
    "image/jpeg": QT_TRANSLATE_NOOP("AttachmentsTableModel", "Photo (JPEG)"),
    "image/png": QT_TRANSLATE_NOOP("AttachmentsTableModel", "Image (PNG)"),
    "application/pdf": QT_TRANSLATE_NOOP("AttachmentsTableModel", "PDF scan"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttachmentsTableModel", text)


def size_text(size: int) -> str:
    """ "820 KB", "12,4 MB" — Vietnamese number style whatever the UI language."""
    if size >= 1024 * 1024:
        tenths = round(size * 10 / (1024 * 1024))
        return f"{format_number(tenths // 10)},{tenths % 10} MB"
    return f"{format_number(max(size // 1024, 1))} KB"


class AttachmentsTableModel(ColumnTableModel):
    CONTEXT, HEADERS = "AttachmentsTableModel", _HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[AttachmentRow, ...] = ()
        self._pictures: dict[str, QPixmap] = {}
        self._pictureless: set[str] = set()  # content that gave no thumbnail: not tried again

    def set_rows(self, rows: Sequence[AttachmentRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        # Kept by content hash across reloads of the same files: the lane sends a thumbnail only
        # for new content. Only the shown files' pictures are kept, so a panel that goes from
        # record to record holds one record's thumbnails at most; never written to disk.
        shown = {row.attachment.sha256 for row in self._rows}
        self._pictures = {sha: picture for sha, picture in self._pictures.items() if sha in shown}
        self._pictureless &= shown
        for row in self._rows:
            sha256 = row.attachment.sha256
            if row.thumbnail:
                self._pictures[sha256] = QPixmap.fromImage(QImage.fromData(row.thumbnail))
            elif sha256 not in self._pictures:
                self._pictureless.add(sha256)
        self.endResetModel()

    def known_pictures(self) -> frozenset[str]:
        """The content the lane need not decrypt again: drawn already, or not drawable."""
        return frozenset(self._pictures) | frozenset(self._pictureless)

    def names(self) -> list[str]:
        return [row.attachment.name for row in self._rows]

    def thumbnail(self, row: int) -> QPixmap | None:
        return self._pictures.get(self._rows[row].attachment.sha256)

    def _row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        a = row.attachment
        if role == NAME_ROLE:
            return a.name
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            picture = self._pictures.get(a.sha256)
            if picture is not None:
                return picture
            # A file that would not draw (a damaged image, a PDF QtPdf cannot read): the
            # platform's file icon.
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == NAME:
            return a.name
        if column == KIND:
            return _tr(_KINDS[a.media_type]) if a.media_type in _KINDS else a.media_type
        if column == SIZE:
            return size_text(a.size)
        if column == ADDED_BY:
            return a.added_by
        return format_timestamp(a.added_at)
