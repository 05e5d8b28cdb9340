"""Qt's own file dialog speaks Vietnamese in the Vietnamese UI (our qtbase_vi catalogue)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QTreeView,
)

from desktop.ui import i18n

# Words of Qt's English file dialog; none may be left once the Vietnamese catalogue is in.
ENGLISH = re.compile(
    r"\b(Look in|Files of type|File name|Save|Open|Cancel|Back|Forward|Parent Directory|"
    r"Create New Folder|List View|Detail View|Name|Size|Type|Date Modified|Rename|Delete|"
    r"Show hidden files|New Folder|Show)\b"
)


def _texts(dialog: QFileDialog) -> list[str]:
    texts = []
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        texts += [widget.text(), widget.toolTip()]
    for action in dialog.findChildren(QAction):
        texts.append(action.text())
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [str(model.headerData(c, Qt.Horizontal)) for c in range(model.columnCount())]
    for combo in dialog.findChildren(QComboBox):
        texts.append(combo.toolTip())
    return [text.replace("&", "") for text in texts if text]


@pytest.mark.parametrize("mode", [QFileDialog.AcceptSave, QFileDialog.AcceptOpen])
def test_the_file_dialog_has_no_english_left_in_vietnamese(qtbot, tmp_path, mode):
    translators = i18n.install_translators(QApplication.instance(), "vi")
    try:
        dialog = QFileDialog(None, "", str(tmp_path), "PDF (*.pdf)")
        dialog.setOption(QFileDialog.DontUseNativeDialog)  # Qt's own widgets, as on Linux
        dialog.setAcceptMode(mode)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = _texts(dialog)
        assert "Tìm trong:" in texts and "Loại tệp:" in texts
        assert [t for t in texts if ENGLISH.search(t)] == []
    finally:
        i18n.remove_translators(QApplication.instance(), translators)


# Words of Qt's English print preview and print dialogs (the record view's Print… opens both).
PRINT_ENGLISH = re.compile(
    r"\b(First page|Fit page|Fit width|Landscape|Last page|Next page|Page setup|Portrait|"
    r"Previous page|Print Preview|Print|Show facing pages|Show overview of all pages|"
    r"Show single page|Zoom in|Zoom out|Long side binding|Short side binding|Off|Pages|"
    r"Page Set|Options|Copies|Collate|Reverse)\b"
)


def _print_texts(dialog) -> list[str]:
    texts = [dialog.windowTitle()]
    for action in dialog.findChildren(QAction):
        texts += [action.text(), action.toolTip()]
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        texts += [widget.text(), widget.toolTip()]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    return [text.replace("&", "") for text in texts if text]


@pytest.mark.parametrize("kind", ["preview", "print"])
def test_the_print_dialogs_have_no_english_left_in_vietnamese(qtbot, kind):
    """Qt's print preview (toolbar) and print dialog (double-sided, page set) speak Vietnamese."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

    translators = i18n.install_translators(QApplication.instance(), "vi")
    try:
        printer = QPrinter()
        dialog = QPrintPreviewDialog(printer) if kind == "preview" else QPrintDialog(printer)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = _print_texts(dialog)
        assert ("Phóng to" in texts) if kind == "preview" else ("In ra tệp (PDF)" in texts)
        assert [t for t in texts if PRINT_ENGLISH.search(t)] == []
        dialog.close()
    finally:
        i18n.remove_translators(QApplication.instance(), translators)
