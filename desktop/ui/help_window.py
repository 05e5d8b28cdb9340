"""The user guide inside the app (Help menu, F1): docs/user-guide.md, read offline."""

from __future__ import annotations

from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import paths

# Where the English half of the guide starts (the Vietnamese half comes first).
ENGLISH_HEADING = "CAX Desk user guide (English)"
PICTURE_WIDTH = 640  # screenshots are 1100 px wide: shown smaller, no sideways scrolling


def shrink_pictures(document: QTextDocument, width: int) -> None:
    """Draw every picture at most `width` pixels wide, keeping its proportions."""
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            picture = fragment.charFormat()
            if picture.isImageFormat():
                image_format = picture.toImageFormat()
                image = QImage(str(paths.docs_path(image_format.name())))
                if not image.isNull() and image.width() > width:
                    image_format.setWidth(width)
                    image_format.setHeight(image.height() * width / image.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(image_format)
            iterator += 1
        block = block.next()


def show_help(owner: QWidget, language: str) -> HelpWindow:
    """Show the guide window `owner` keeps (made on first use) and bring it to the front."""
    window = getattr(owner, "_help_window", None)
    if window is None:
        window = HelpWindow(language, owner)
        # Any window may own the guide: it is kept on it as a plain attribute (tests reach it).
        owner._help_window = window  # type: ignore[attr-defined]
    window.show()
    window.show_start()
    window.raise_()
    window.activateWindow()
    return window


def read_user_guide() -> str | None:
    try:
        return paths.docs_path(paths.USER_GUIDE).read_text(encoding="utf-8")
    except OSError:
        return None


class HelpWindow(QDialog):
    """Not modal: the guide stays open beside the form it explains."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CAX Desk \u2014 user guide"))
        self.resize(820, 640)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(paths.docs_path())])  # the guide's pictures
        guide = read_user_guide()
        if guide is None:
            self.browser.setPlainText(
                self.tr("The user guide is missing from this installation. Reinstall CAX Desk.")
            )
        else:
            self.browser.setMarkdown(guide)
            shrink_pictures(self.browser.document(), PICTURE_WIDTH)
        self.language = language
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def show_start(self) -> None:
        """Open at the top of the half written in the UI's language."""
        cursor = self.browser.document().find(ENGLISH_HEADING) if self.language == "en" else None
        bar = self.browser.verticalScrollBar()
        if cursor is None or cursor.isNull():
            bar.setValue(0)
            return
        layout = self.browser.document().documentLayout()
        bar.setValue(int(layout.blockBoundingRect(cursor.block()).top()))
