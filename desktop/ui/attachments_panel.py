"""A record's files ("Tài liệu kèm theo") in the record view and the editor: thumbnails, attach
from the file dialog, by dropping files or with a camera (when Qt Multimedia sees one), open one
inside the app, remove one with a reason, and, for a supervisor, save a decrypted copy.

Who may attach or remove follows the record's edit rules (`AttachmentService` checks them again
on the database lane); each change makes a new revision, so `changed` tells the owner to reload
the record. A refused file is named with the catalogue's text and leaves nothing stored.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeySequence, QShortcut
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import AppError
from desktop.core.permissions import Permission, allows
from desktop.core.placeholders import fill_numbered
from desktop.core.station_time import station_now
from desktop.storage.attachments import Attachment
from desktop.ui import attachment_work
from desktop.ui.attachment_viewer import ImageViewer, PdfViewer
from desktop.ui.camera_capture import CaptureDialog, camera_devices, jpeg_bytes
from desktop.ui.errors import inline_message, show_error
from desktop.ui.models.attachments_model import (
    NAME,
    NAME_ROLE,
    AttachmentsTableModel,
    size_text,
)
from desktop.ui.reason_dialog import ReasonDialog
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label
from desktop.ui.services import PageContext
from domain.forms import Catalogue

log = logging.getLogger(__name__)

FILE_FILTER = "*.jpg *.jpeg *.png *.heic *.heif *.pdf"


def local_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The local files a drag carries (a link from a browser is not a file: ignored)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class _ProgressRelay(QObject):
    """Lives on the GUI thread: the lane emits on it, so the bar is moved on the GUI thread.
    Only a change of a thousandth is sent, whatever the size of the pieces stored."""

    stored = Signal(int)

    def __init__(self, total: int, parent: QObject) -> None:
        super().__init__(parent)
        self.total, self._last = max(total, 1), -1

    def tell(self, done: int) -> None:  # on a worker thread (the store seals on its own)
        step = min(done * 1000 // self.total, 1000)
        if step != self._last:
            self._last = step
            self.stored.emit(step)


class AttachmentsPanel(QWidget):
    changed = Signal(int)  # a file added or removed: the record's revision now
    counted = Signal(int)  # how many files the record has, each time the list is read

    def __init__(
        self, context: PageContext, catalogue: Catalogue | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.catalogue = context, catalogue
        self.record_id: str | None = None
        self.may_change = False
        self._busy = False
        self._relay: _ProgressRelay | None = None
        self.may_extract = allows(context.session.user.role, Permission.EXTRACT_ATTACHMENTS)
        self.viewer: QDialog | None = None
        self.dialog: QDialog | None = None
        self.rows = AttachmentsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("attachmentsTable")
        self.table.setModel(self.rows)
        self.table.setIconSize(QSize(64, 64))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(72)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.attach_button = QPushButton(self.tr("&Attach files\u2026"))
        self.camera_button = QPushButton(self.tr("&Take photo\u2026"))
        self.camera_button.setObjectName("takePhotoButton")
        # Qt tells when a camera is plugged in or out: the button follows without a restart.
        self.devices = QMediaDevices(self)
        self.devices.videoInputsChanged.connect(self._on_devices_videoInputsChanged)
        self.has_camera = bool(camera_devices())
        self.open_button = QPushButton(self.tr("&Open"))
        self.remove_button = QPushButton(self.tr("&Remove with reason\u2026"))
        self.copy_button = QPushButton(self.tr("Save a &copy\u2026"))
        self.copy_button.setToolTip(self.tr("A decrypted copy leaves the station's protection."))
        self.hint = style_label(QLabel(), colour=HINT_COLOUR)
        self.hint.setObjectName("attachmentsHint")
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("attachmentsMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("attachmentsProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        bar = QHBoxLayout()
        buttons = (self.attach_button, self.camera_button, self.open_button, self.remove_button)
        for button in buttons:
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.copy_button.setVisible(self.may_extract)
        self.attach_button.clicked.connect(self.choose_files)
        self.camera_button.clicked.connect(self.take_photo)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.copy_button.clicked.connect(self.save_copy_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        keys = {Qt.Key.Key_Return: self.open_selected, Qt.Key.Key_Enter: self.open_selected}
        keys[Qt.Key.Key_Delete] = self.remove_selected
        for key, slot in keys.items():
            QShortcut(
                QKeySequence(key), self.table, slot, context=Qt.ShortcutContext.WidgetShortcut
            )
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.setAcceptDrops(True)
        self._update_buttons()

    # ---- showing --------------------------------------------------------------------------------

    def show_record(self, record_id: str, may_change: bool) -> None:
        """The files of `record_id`; `may_change`: the user may attach and remove (edit rules)."""
        if record_id != self.record_id:  # the same record reloaded keeps what was just said
            self.message.setVisible(False)
        self.record_id, self.may_change = record_id, may_change
        if may_change:
            self.hint.setText(
                self.tr(
                    "Photos (JPEG, PNG, HEIC) and PDF scans, dragged here, chosen with "
                    "\u201cAttach files\u201d or taken with \u201cTake photo\u201d. Each change "
                    "makes a new revision."
                )
            )
        else:
            self.hint.setText(self.tr("The files kept with this record."))
        self.reload()

    def clear(self) -> None:
        self.record_id = None
        self.rows.set_rows(())
        self._update_buttons()
        self.counted.emit(0)

    def reload(self) -> None:
        if self.record_id is None:
            return
        self._run(
            attachment_work.list_files,
            self.record_id,
            self.rows.known_pictures(),
            on_done=self._on_listed,
        )

    def _on_listed(self, rows: list[attachment_work.AttachmentRow]) -> None:
        self.rows.set_rows(rows)
        self._update_buttons()
        self.counted.emit(len(rows))

    def selected_name(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return str(index.data(NAME_ROLE))

    def select(self, name: str) -> None:
        if name in self.rows.names():
            self.table.selectRow(self.rows.names().index(name))

    def _update_buttons(self) -> None:
        chosen = self.selected_name() is not None and not self._busy
        can_change = self.may_change and self.record_id is not None and not self._busy
        self.attach_button.setEnabled(can_change)
        self.attach_button.setVisible(self.may_change)
        self._update_camera_button(can_change)
        self.remove_button.setVisible(self.may_change)
        self.remove_button.setEnabled(can_change and chosen)
        self.open_button.setEnabled(chosen)
        self.copy_button.setEnabled(chosen)

    def _on_devices_videoInputsChanged(self) -> None:
        self.has_camera = bool(camera_devices())
        self._update_buttons()

    def _update_camera_button(self, can_change: bool) -> None:
        self.camera_button.setVisible(self.may_change)
        self.camera_button.setEnabled(can_change and self.has_camera)
        if self.has_camera:
            tip = self.tr("Take a photo with a camera or a scanner.")
        else:
            tip = self.tr(
                "No camera or scanner with a video feed is connected. A scanner without "
                "one: scan to a file, then \u201cAttach files\u201d."
            )
        # As rich text Qt wraps the tooltip; a plain one runs off a laptop's screen.
        self.camera_button.setToolTip(f"<p>{html.escape(tip)}</p>")

    # ---- attaching ------------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach files"),
            "",
            fill_numbered(self.tr("Photos and PDF scans (%1)"), FILE_FILTER),
        )
        if paths:
            self.attach_paths(paths)

    def attach_paths(self, paths: list[str]) -> None:
        """Store the files in one go (all or none), with a busy cue while the lane works."""
        if not paths or self.record_id is None or not self.may_change or self._busy:
            return
        total = sum(Path(p).stat().st_size for p in paths if Path(p).is_file())
        self._set_busy(
            fill_numbered(
                self.tr("Attaching %1 file(s), %2\u2026"), str(len(paths)), size_text(total)
            )
        )
        # The bytes stored against the files' sizes: a re-saved photo may end a little short
        # of or past its original, so the bar is a guide, and it is full when the lane is done.
        relay = _ProgressRelay(total, self)
        relay.stored.connect(self._on_progress)
        self._run(
            attachment_work.attach_files,
            self.catalogue,
            self.record_id,
            list(paths),
            relay.tell,
            on_done=self._on_attached,
        )
        self._relay = relay

    def take_photo(self) -> None:
        if not self.camera_button.isEnabled():
            return
        dialog = CaptureDialog(self)
        dialog.photo_taken.connect(self.attach_image)
        self.dialog = dialog
        dialog.open()

    def attach_image(self, image: QImage) -> None:
        """A photo just taken: JPEG bytes in memory through the same intake as a file."""
        if self.record_id is None or not self.may_change or self._busy:
            return
        data = jpeg_bytes(image)
        stamp = station_now().strftime("%Y-%m-%d %H.%M.%S")  # Vietnam time, as every screen
        name = fill_numbered(self.tr("Photo %1.jpg"), stamp)
        self._set_busy(fill_numbered(self.tr("Attaching %1\u2026"), name))
        self._run(
            attachment_work.attach_photo,
            self.catalogue,
            self.record_id,
            name,
            data,
            on_done=self._on_attached,
        )

    def _on_progress(self, thousandths: int) -> None:
        if not self._busy:
            return  # a late signal after the lane answered
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1000)
            self.progress.setFormat(f"{self.progress.format()} %p%")
        self.progress.setValue(thousandths)

    def _drop_relay(self) -> None:
        if self._relay is not None:
            self._relay.deleteLater()
            self._relay = None

    def _on_attached(self, added: list[Attachment]) -> None:
        self._drop_relay()
        self._set_idle()
        names = ", ".join(a.name for a in added)
        self._say(fill_numbered(self.tr("Attached: %1."), names))
        self.reload()
        if added:
            self.changed.emit(added[0].added_revision)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.may_change and not self._busy and local_files(event):
            event.acceptProposedAction()
            return
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_files(event)
        if paths and self.may_change:
            event.acceptProposedAction()
            self.attach_paths(paths)
            return
        event.ignore()

    # ---- removing -------------------------------------------------------------------------------

    def remove_selected(self) -> None:
        name = self.selected_name()
        if name is None or not self.may_change:
            return
        dialog = ReasonDialog(
            self.tr("Remove an attached file"),
            fill_numbered(
                self.tr(
                    "Why is \u201c%1\u201d being removed? Older revisions keep it; the reason "
                    "is kept with the new revision."
                ),
                name,
            ),
            self.tr("&Remove"),
            self,
        )
        dialog.reason_given.connect(lambda reason: self.remove(name, reason))
        self.dialog = dialog
        dialog.ask()

    def remove(self, name: str, reason: str) -> None:
        if self.record_id is None:
            return
        self._set_busy(fill_numbered(self.tr("Removing %1\u2026"), name))
        self._run(
            attachment_work.detach_file,
            self.catalogue,
            self.record_id,
            name,
            reason,
            on_done=lambda revision: self._on_removed(name, revision),
        )

    def _on_removed(self, name: str, revision: int) -> None:
        self._set_idle()
        self._say(fill_numbered(self.tr("Removed %1 (revision %2)."), name, str(revision)))
        self.reload()
        self.changed.emit(revision)

    # ---- opening and copying --------------------------------------------------------------------

    def open_selected(self) -> None:
        name = self.selected_name()
        if name is None or self.record_id is None:
            return
        self._run(attachment_work.read_file, self.record_id, name, on_done=self._show_file)

    def _show_file(self, found: tuple[Attachment, bytes]) -> None:
        attachment, data = found
        try:
            if attachment_work.is_pdf(attachment):
                self.viewer = PdfViewer(attachment, data, self)
            else:
                self.viewer = ImageViewer(attachment, data, self)
        except AppError as error:
            self._on_failed(error)
            return
        self.viewer.show()
        if isinstance(self.viewer, ImageViewer):
            self.viewer.fit()

    def save_copy_selected(self) -> None:
        name = self.selected_name()
        if name is None or self.record_id is None or not self.may_extract:
            return
        out, _filter = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), name)
        if out:
            self.save_copy(name, out)

    def save_copy(self, name: str, out: str) -> None:
        if self.record_id is None:
            return
        self._run(
            attachment_work.save_copy,
            self.record_id,
            name,
            out,
            on_done=lambda _a: self._say(fill_numbered(self.tr("Copy saved to %1."), out)),
        )

    # ---- plumbing -------------------------------------------------------------------------------

    def _run(self, work: Callable[..., Any], *args: Any, on_done: Callable[[Any], None]) -> None:
        self.context.tasks.run(
            work,
            self.context.session,
            *args,
            on_done=on_done,
            on_error=self._on_failed,
            context=self,
        )

    def _set_busy(self, text: str) -> None:
        self._busy = True
        self.progress.setRange(0, 0)  # busy until the first bytes are stored
        self.progress.setFormat(text)
        self.progress.setVisible(True)
        self.message.setVisible(False)
        self._update_buttons()

    def _set_idle(self) -> None:
        self._busy = False
        self._drop_relay()
        self.progress.setVisible(False)
        self._update_buttons()

    def _say(self, text: str, colour: str = HINT_COLOUR) -> None:
        style_label(self.message, colour=colour)
        self.message.setText(text)
        self.message.setVisible(True)

    def _on_failed(self, error: BaseException) -> None:
        """A refusal is said beside the list, in the catalogue's words; anything else is the
        error dialog with its details."""
        self._set_idle()
        if isinstance(error, AppError):
            log.info("attachment refused: %s", error)
            self._say(inline_message(error), ERROR_COLOUR)
            return
        show_error(self, error, str(self.context.services.log_file))


class AttachmentsDialog(QDialog):
    """The panel on its own, for the editor: a draft's files while it is being typed."""

    def __init__(
        self,
        context: PageContext,
        catalogue: Catalogue,
        record_id: str,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.panel = AttachmentsPanel(context, catalogue, self)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addLayout(row)
        self.resize(760, 520)
        self.panel.show_record(record_id, may_change=True)
