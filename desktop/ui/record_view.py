"""One record read-only: its values, revisions and audit history, with amend and void if allowed."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PermissionDenied
from desktop.core.permissions import Permission, Role, allows, require_record_change
from desktop.core.placeholders import fill_numbered
from desktop.storage.centre_feed import CENTRE_ACTOR
from desktop.ui.attachments_panel import AttachmentsPanel
from desktop.ui.formats import format_timestamp
from desktop.ui.models.record_history_models import RecordHistoryTableModel, RevisionsTableModel
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label
from desktop.ui.record_html import record_html
from desktop.ui.record_labels import form_name, status_name
from desktop.ui.record_work import RECORD_RETURNED, RecordDetails
from desktop.ui.services import PageContext
from domain.forms import Catalogue
from domain.records import RecordStatus, RecordSummary


@dataclass(frozen=True)
class Allowed:
    """What the logged-in user may do with one record, decided by core's permission rules."""

    edit_draft: bool
    amend: bool
    void: bool


def allowed_changes(role: Role, username: str, summary: RecordSummary) -> Allowed:
    status = summary.status
    try:
        require_record_change(role, username, summary.author, status)
        may_change = True
    except PermissionDenied:
        may_change = False
    supervisor = allows(role, Permission.APPROVE_RECORDS)
    approved = status == RecordStatus.APPROVED
    waiting = status in (RecordStatus.COMPLETED, RecordStatus.RETURNED)
    return Allowed(
        edit_draft=status == RecordStatus.DRAFT and may_change,
        amend=(waiting and may_change) or (approved and supervisor),
        void=status != RecordStatus.VOIDED and (may_change or (approved and supervisor)),
    )


# Where the record's newest revision is on its way to the centre (storage/outbox.py states).
_SYNC_STATES = {
    "pending": QT_TRANSLATE_NOOP("RecordView", "waiting to be sent to the centre"),
    "sent": QT_TRANSLATE_NOOP("RecordView", "waiting to be sent to the centre"),
    "acknowledged": QT_TRANSLATE_NOOP("RecordView", "received by the centre"),
    "quarantined": QT_TRANSLATE_NOOP("RecordView", "refused by the centre (see Sync)"),
    "conflict": QT_TRANSLATE_NOOP("RecordView", "held aside by the centre (see Sync)"),
}


def latest_return(details: RecordDetails) -> tuple[str, str] | None:
    """(who, comment) if the record was returned — by the supervisor, or by the centre after a
    sync (actor CENTRE_ACTOR) — and not amended or approved since."""
    for entry in details.history:  # newest first
        if entry.action == RECORD_RETURNED:
            return entry.actor, str(entry.details.get("comment", ""))
        if entry.action in ("record.amended", "record.approved", "record.completed"):
            return None
    return None


def _table(model: QAbstractItemModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RecordView(QWidget):
    amend_requested = Signal()
    void_requested = Signal()
    back_requested = Signal()
    print_requested = Signal()  # print preview of the official document (desktop/ui/printing)
    pdf_requested = Signal()  # the same document saved as a PDF file
    attachments_changed = Signal(int)  # a file added or removed: the record's new revision

    def __init__(
        self,
        catalogue: Catalogue | None,
        language: str,
        parent: QWidget | None = None,
        *,
        with_actions: bool = True,
        context: PageContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue, self.language = catalogue, language
        self.details: RecordDetails | None = None
        self.title = style_label(QLabel(), points=14, bold=True)
        self.title.setObjectName("recordTitle")
        self.title.setWordWrap(True)
        self.facts = style_label(QLabel(), colour=HINT_COLOUR)
        self.facts.setObjectName("recordFacts")
        self.facts.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("recordNote")
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.body = QTextBrowser()
        self.body.setObjectName("recordBody")
        self.revision_rows = RevisionsTableModel(self)
        self.revisions = _table(self.revision_rows)
        self.history_rows = RecordHistoryTableModel(self)
        self.history = _table(self.history_rows)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.body, self.tr("Record"))
        self.tabs.addTab(self.revisions, self.tr("Revisions"))
        self.tabs.addTab(self.history, self.tr("History"))
        # The files need the session (the database lane): only a page that has one shows them.
        self.attachments: AttachmentsPanel | None = None
        if context is not None:
            self.attachments = AttachmentsPanel(context, catalogue)
            self.attachments.setObjectName("recordAttachments")
            self.tabs.addTab(self.attachments, self.tr("Attachments"))
            self.attachments.changed.connect(self.attachments_changed)
            self.attachments.counted.connect(self._show_attachment_count)
        self.back_button = QPushButton(self.tr("\u2190 &Back to the list"))
        self.amend_button = QPushButton(self.tr("&Amend with reason\u2026"))
        self.void_button = QPushButton(self.tr("&Void with reason\u2026"))
        self.print_button = QPushButton(self.tr("&Print\u2026"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF\u2026"))
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.amend_button)
        bar.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if with_actions:
            layout.addLayout(bar)
        for button in (
            self.back_button,
            self.amend_button,
            self.void_button,
            self.print_button,
            self.pdf_button,
        ):
            button.setVisible(with_actions)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        self.back_button.clicked.connect(self.back_requested)
        self.amend_button.clicked.connect(self.amend_requested)
        self.void_button.clicked.connect(self.void_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)

    def show_details(self, details: RecordDetails, allowed: Allowed | None = None) -> None:
        self.details = details
        record, summary = details.record, details.record.summary
        form = self.catalogue.forms.get(summary.form_id) if self.catalogue else None
        self.title.setText(summary.title)
        facts = [form_name(form, summary.form_id, self.language)]
        if summary.document_number:
            facts.append(fill_numbered(self.tr("No. %1"), summary.document_number))
        facts.append(status_name(summary.status))
        facts.append(fill_numbered(self.tr("by %1"), summary.author))
        facts.append(fill_numbered(self.tr("last change %1"), format_timestamp(summary.updated_at)))
        sync = _SYNC_STATES.get(details.sync_state or "")
        if sync:
            facts.append(self.tr(sync))
        self.facts.setText(" \u00b7 ".join(facts))
        self._show_note(details)
        self.body.setHtml(
            record_html(form, record.values, language=self.language)
            if form
            else escape(str(record.values))
        )
        self.revision_rows.set_revisions(record.revisions)
        self.history_rows.set_entries(details.history)
        allowed = allowed or Allowed(False, False, False)
        self.amend_button.setEnabled(allowed.amend)
        self.void_button.setEnabled(allowed.void)
        if self.attachments is not None:
            # Adding or removing a file is a change of the record: the same rules as amending.
            self.attachments.show_record(summary.id, allowed.amend or allowed.edit_draft)

    def _show_attachment_count(self, count: int) -> None:
        """ "Attachments (3)": a record's files are seen without opening the tab."""
        assert self.attachments is not None
        index = self.tabs.indexOf(self.attachments)
        if count:
            self.tabs.setTabText(index, fill_numbered(self.tr("Attachments (%1)"), str(count)))
        else:
            self.tabs.setTabText(index, self.tr("Attachments"))

    def show_placeholder(self, text: str) -> None:
        """No record shown (none or several chosen): say so rather than keep an old one."""
        self.details = None
        self.title.setText(text)
        self.facts.setText("")
        self.note.setVisible(False)
        self.body.clear()
        self.revision_rows.set_revisions(())
        self.history_rows.set_entries(())
        if self.attachments is not None:
            self.attachments.clear()

    def _show_note(self, details: RecordDetails) -> None:
        record = details.record
        if record.void_reason:
            text = fill_numbered(self.tr("Voided: %1"), record.void_reason)
        elif record.summary.status == RecordStatus.RETURNED:
            returned = latest_return(details)
            comment = returned[1] if returned else ""
            if record.returned_by == CENTRE_ACTOR:
                text = fill_numbered(self.tr("Returned by the centre: %1"), comment)
            else:
                text = fill_numbered(self.tr("Returned by the supervisor: %1"), comment)
        else:
            self.note.setVisible(False)
            return
        style_label(self.note, bold=True, colour=ERROR_COLOUR)
        self.note.setText(text)
        self.note.setVisible(True)
