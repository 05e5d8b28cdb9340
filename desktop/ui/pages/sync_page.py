"""The Sync page: where the station stands with the centre, "Sync now" with its progress, the
history, the records the centre refused or holds aside, the periodic reports it holds otherwise,
and the USB bundle for offline stations.

Everyone sees the state and may sync; enrolling, the sync settings, sending a refused record again
and deciding a report conflict are for supervisors (MANAGE_SETTINGS), as the sync service itself
enforces. The lists are table models (desktop/ui/models/sync_*, report_conflicts_model.py) shown
in the panels of desktop/ui/sync/problem_panels.py; codes from the centre are shown translated.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import error_texts
from desktop.core.permissions import Permission, allows
from desktop.core.placeholders import fill_numbered
from desktop.storage.outbox import OutboxProblem, refused_fields
from desktop.storage.sync_settings import SyncPolicy
from desktop.sync import bundle
from desktop.sync.report import PUSH, REPORTS, SyncProgress, SyncReport, SyncStatus
from desktop.sync.restore import declare_restore
from desktop.sync.service import SyncService
from desktop.ui import record_work
from desktop.ui.errors import describe
from desktop.ui.formats import format_number, format_timestamp
from desktop.ui.models.coded import coded_text
from desktop.ui.models.sync_history_model import OUTCOME, SyncHistoryModel
from desktop.ui.pages.base import Page
from desktop.ui.reason_dialog import ReasonDialog
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label
from desktop.ui.record_form.messages import describe_problem
from desktop.ui.record_form.paths import path_label
from desktop.ui.services import PageContext
from desktop.ui.sync.controller import SyncController
from desktop.ui.sync.enrol_dialog import EnrolDialog
from desktop.ui.sync.problem_panels import RefusedRecordsPanel, ReportConflictsPanel, table_view
from domain.forms import Catalogue
from domain.validation.codes import Code, Severity
from domain.validation.problems import Problem
from domain.vietnamese import file_size


class SyncPage(Page):
    KEY = "sync"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Sync")
    ICON = "sync"
    PERMISSION = None

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        assert context.sync is not None  # the window always passes its controller
        self.sync: SyncController = context.sync
        self.supervisor = allows(context.session.user.role, Permission.MANAGE_SETTINGS)
        self.language = context.services.language
        self.status: SyncStatus | None = None
        title = style_label(QLabel(self.tr("Sync with the centre")), points=16, bold=True)
        # Built top to bottom: the Tab key follows the order widgets were made in.
        server_line = self._build_server_line()
        self.counts = QLabel()
        self.counts.setObjectName("syncCounts")
        self.counts.setWordWrap(True)
        actions = self._build_actions()
        side = QHBoxLayout()
        side.addWidget(self._build_settings(), 1)
        side.addWidget(self._build_usb(), 1)
        tabs = self._build_tabs()
        layout = QVBoxLayout(self)
        for part in (title, server_line, self.counts, actions, self.progress_text, side, tabs):
            if isinstance(part, QHBoxLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part, 1 if part is tabs else 0)
        self._follow_sync()

    # ---- building -------------------------------------------------------------------------------

    def _build_server_line(self) -> QHBoxLayout:
        self.server = QLabel()
        self.server.setObjectName("syncServer")
        self.server.setWordWrap(True)
        self.enrol_button = QPushButton(self.tr("&Enrol\u2026"))
        self.enrol_button.setObjectName("syncEnrol")
        self.enrol_button.setVisible(self.supervisor)
        self.enrol_button.clicked.connect(self._on_enrol)
        line = QHBoxLayout()
        line.addWidget(self.server, 1)
        line.addWidget(self.enrol_button)
        return line

    def _build_actions(self) -> QHBoxLayout:
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync.sync_now)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.clicked.connect(self.sync.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setTextVisible(True)
        self.progress_text = style_label(QLabel(), colour=HINT_COLOUR)
        self.progress_text.setObjectName("syncProgressText")
        self.progress_text.setWordWrap(True)
        # Offered to a supervisor once the centre refused the audit log (docs/security.md).
        self.declare_button = QPushButton(self.tr("&Declare a restore from backup\u2026"))
        self.declare_button.setObjectName("syncDeclareRestore")
        self.declare_button.setVisible(False)
        self.declare_button.clicked.connect(self._on_declare_restore)
        actions = QHBoxLayout()
        actions.addWidget(self.sync_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.declare_button)
        return actions

    def _build_settings(self) -> QGroupBox:
        self.policy = QComboBox()
        self.policy.setObjectName("syncPolicy")
        self.policy.addItem(self.tr("when a record is completed"), str(SyncPolicy.ON_COMPLETION))
        self.policy.addItem(
            self.tr("only after a supervisor approves it"), str(SyncPolicy.AFTER_APPROVAL)
        )
        self.auto = QCheckBox(self.tr("Sync &automatically whenever the server can be reached"))
        self.auto.setObjectName("syncAuto")
        save = QPushButton(self.tr("A&pply"))
        save.clicked.connect(self._on_save_settings)
        box = QGroupBox(self.tr("Settings"))
        form = QFormLayout(box)
        form.addRow(self.tr("Send a record to the centre:"), self.policy)
        form.addRow(self.auto)
        form.addRow(save)
        for widget in (self.policy, self.auto, save):
            widget.setEnabled(self.supervisor)
        return box

    def _build_usb(self) -> QGroupBox:
        export_button = QPushButton(self.tr("Write a USB &bundle\u2026"))
        export_button.setObjectName("syncExportBundle")
        export_button.clicked.connect(self._on_export_bundle)
        receipt_button = QPushButton(self.tr("Read a &receipt\u2026"))
        receipt_button.setObjectName("syncImportReceipt")
        receipt_button.clicked.connect(self._on_import_receipt)
        hint = QLabel(
            self.tr(
                "Write the waiting records to a USB stick (encrypted for the centre), carry it to a "
                "connected office, and bring back the receipt."
            )
        )
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(export_button)
        buttons.addWidget(receipt_button)
        buttons.addStretch(1)
        box = QGroupBox(self.tr("No network at all"))
        usb = QVBoxLayout(box)
        usb.addWidget(hint)
        usb.addLayout(buttons)
        for widget in (export_button, receipt_button):
            widget.setEnabled(self.supervisor)
        return box

    def _build_tabs(self) -> QTabWidget:
        self.history_model = SyncHistoryModel(self.language, self)
        self.history = table_view("syncHistory", self.history_model)
        # The outcome (with what a code means) takes the room left; the rest fit their contents.
        header = self.history.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(OUTCOME, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)  # a long outcome wraps rather than being cut (≤ 50 rows)
        self.history.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.refused = RefusedRecordsPanel(self.supervisor)
        self.refused.requeue_requested.connect(self._on_requeue)
        self.report_conflicts = ReportConflictsPanel(self.supervisor, self.language)
        self.report_conflicts.resolve_requested.connect(self._on_resolve_report)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(self.refused, self.tr("Refused and held aside"))
        self.tabs.addTab(self.report_conflicts, self.tr("Reports the centre holds otherwise"))
        return self.tabs

    def _follow_sync(self) -> None:
        self.sync.status_changed.connect(self._show_status)
        self.sync.online_changed.connect(lambda _online: self._show_status(self.sync.status))
        self.sync.running_changed.connect(self._on_running_changed)
        self.sync.progress.connect(self._show_progress)
        self.sync.finished.connect(self._on_finished)
        self.sync.failed.connect(self._on_failed)
        self._on_running_changed(self.sync.running)
        if self.sync.status is not None:
            self._show_status(self.sync.status)

    def page_shown(self) -> None:
        self.sync.refresh()
        self._load_problems()

    # ---- showing the state ----------------------------------------------------------------------

    def _show_status(self, status: SyncStatus | None) -> None:
        if status is None:
            return
        self.status = status
        if status.enrolled:
            online = self.sync.online
            state = (
                self.tr("checking the connection\u2026")
                if online is None
                else self.tr("online")
                if online
                else self.tr("offline")
            )
            self.server.setText(
                fill_numbered(
                    self.tr("Enrolled with %1 (this computer: %2) \u2014 %3."),
                    status.server_url or "",
                    (status.device_id or "")[:8],
                    state,
                )
            )
            self.enrol_button.setText(self.tr("Enrol &again\u2026"))
        else:
            self.server.setText(
                self.tr(
                    "Not enrolled yet: a supervisor enrols the station with the code the "
                    "centre gives."
                )
            )
        box = status.outbox
        last = status.last_success
        lines = [
            fill_numbered(
                self.tr(
                    "Waiting to send: %1 \u00b7 received by the centre: %2 \u00b7 refused: %3 "
                    "\u00b7 held aside: %4"
                ),
                format_number(box.waiting),
                format_number(box.acknowledged),
                format_number(box.quarantined),
                format_number(box.conflict),
            ),
            fill_numbered(
                self.tr("Last successful sync: %1"),
                format_timestamp(last.finished_at or last.started_at) if last else self.tr("never"),
            ),
        ]
        if status.reports_waiting:
            lines.append(
                fill_numbered(
                    self.tr("%1 submitted periodic report(s) waiting to be sent."),
                    format_number(status.reports_waiting),
                )
            )
        if status.report_conflicts:
            lines.append(
                fill_numbered(
                    self.tr("%1 report(s) held otherwise by the centre wait for a decision."),
                    format_number(len(status.report_conflicts)),
                )
            )
        if status.open_returns:
            lines.append(
                fill_numbered(
                    self.tr("%1 record(s) returned by the centre with a comment."),
                    format_number(status.open_returns),
                )
            )
        self.counts.setText("\n".join(lines))
        self.policy.setCurrentIndex(max(0, self.policy.findData(status.policy)))
        self.auto.setChecked(status.auto_sync)
        self._on_running_changed(self.sync.running)
        self._show_history(status)

    def _show_history(self, status: SyncStatus) -> None:
        self.history_model.set_sessions(status.history)
        conflicts = status.report_conflicts
        self.report_conflicts.show_conflicts(conflicts)
        label = self.tr("Reports the centre holds otherwise")
        if conflicts:
            label = fill_numbered(
                self.tr("Reports the centre holds otherwise (%1)"), len(conflicts)
            )
        self.tabs.setTabText(2, label)

    def _load_problems(self) -> None:
        self.context.tasks.run(
            partial(_problems_and_forms, self.sync.service),
            on_done=self._show_problems,
            on_error=self.show_error,
            context=self,
        )

    def _show_problems(self, loaded: tuple[list[OutboxProblem], Catalogue]) -> None:
        problems, catalogue = loaded
        self.refused.show_problems(problems, [self._reason(p, catalogue) for p in problems])
        self.tabs.setTabText(
            1, fill_numbered(self.tr("Refused and held aside (%1)"), str(len(problems)))
        )

    def _reason(self, problem: OutboxProblem, catalogue: Catalogue) -> str:
        """Values the centre refused name each field and say what is wrong, as the form does."""
        language = self.context.services.language
        fields = refused_fields(problem.detail) if problem.code == "RECORD_INVALID" else []
        if not fields:
            if problem.code in error_texts.ERRORS:  # the centre's reason, in the user's words
                return error_texts.line(problem.code, {}, language)
            return coded_text(problem.code or "", language)  # never the bare code
        form = catalogue.forms.get(problem.form_id.upper())
        parts = []
        for path, code in fields:
            label = path_label(form, path, language) if form else path
            try:
                found = Problem(path, Severity.ERROR, Code(code))
            except ValueError:  # a code this version does not know
                parts.append(f"{label}: {coded_text(code, language)}")
                continue
            parts.append(f"{label}: {describe_problem(found, form, language=language)}")
        return error_texts.line("RECORD_INVALID", {"problems": "; ".join(parts)}, language)

    # ---- syncing ----------------------------------------------------------------------------------

    def _on_running_changed(self, running: bool) -> None:
        enrolled = bool(self.status and self.status.enrolled)
        self.sync_button.setEnabled(enrolled and not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.progress.setRange(0, 0)  # busy until the first progress arrives
            style_label(self.progress_text, colour=HINT_COLOUR)
            self.progress_text.setText(self.tr("Connecting to the centre\u2026"))

    def _show_progress(self, progress: SyncProgress) -> None:
        if progress.phase in (PUSH, REPORTS):
            self.progress.setRange(0, max(progress.records_total, 1))
            self.progress.setValue(progress.records_done)
            template = (
                self.tr("Sending: %1 of %2 records")
                if progress.phase == PUSH
                else self.tr("Sending periodic reports: %1 of %2")
            )
            text = fill_numbered(
                template,
                format_number(progress.records_done),
                format_number(progress.records_total),
            )
        elif progress.phase == "attachments":  # records_* count 1 MiB pieces of the files
            self.progress.setRange(0, max(progress.records_total, 1))
            self.progress.setValue(progress.records_done)
            text = fill_numbered(
                self.tr("Sending attachments: %1 of %2 MB"),
                format_number(progress.records_done),
                format_number(progress.records_total),
            )
        else:
            self.progress.setRange(0, 0)
            text = self.tr("Receiving the centre's updates")
        moved = fill_numbered(
            self.tr("%1 sent, %2 received"),
            file_size(progress.bytes_sent),
            file_size(progress.bytes_received),
        )
        self.progress_text.setText(f"{text} \u00b7 {moved}")

    def _on_finished(self, report: SyncReport) -> None:
        counts = report.counts
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        style_label(self.progress_text, colour="#1b5e20")
        text = (
            self.tr("Cancelled: %1 record(s) received by the centre, the rest are sent next time.")
            if report.outcome == "cancelled"
            else self.tr("Done: %1 record(s) received by the centre, %2 update(s) received.")
        )
        self.progress_text.setText(
            fill_numbered(text, format_number(counts.acknowledged), format_number(counts.pulled))
        )
        self._load_problems()

    def _on_failed(self, error: BaseException) -> None:
        """Shown on the page, not in a dialog: being offline is normal for a station."""
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        text = describe(error, str(self.context.services.log_file))
        style_label(self.progress_text, colour=ERROR_COLOUR)
        self.progress_text.setText(f"{text.headline} {text.advice}")
        refused_log = getattr(error, "code", "") in ("AUDIT_ROLLBACK", "AUDIT_FORK")
        self.declare_button.setVisible(self.supervisor and refused_log)

    def _on_declare_restore(self) -> None:
        dialog = ReasonDialog(
            self.tr("Declare a restore from backup"),
            self.tr(
                "Only if this station's data was really restored from a backup: the centre will"
                " record the declaration with your name. Why was the backup restored?"
            ),
            self.tr("&Declare"),
            self,
        )
        dialog.reason_given.connect(self._declare)
        dialog.ask()
        self.declare_dialog = dialog

    def _declare(self, reason: str) -> None:
        self.context.tasks.run(
            partial(declare_restore, self.context.session, reason),
            on_done=self._on_declared,
            on_error=self.show_error,
            context=self,
        )

    def _on_declared(self, _declaration: Any) -> None:
        self.declare_button.setVisible(False)
        style_label(self.progress_text, colour=HINT_COLOUR)
        self.progress_text.setText(
            self.tr("Restore declared. It goes to the centre with this sync.")
        )
        self.sync.sync_now()

    # ---- supervisor actions -----------------------------------------------------------------------

    def _on_enrol(self) -> None:
        dialog = EnrolDialog(
            self.sync.service, self.context.tasks, str(self.context.services.log_file), self
        )

        def on_enrolled(_enrolment: object) -> None:
            self.status_message.emit(self.tr("Station enrolled."))
            self.sync.start()

        dialog.enrolled.connect(on_enrolled)
        dialog.open()
        self.enrol_dialog = dialog

    def _on_save_settings(self) -> None:
        service, policy, auto = self.sync.service, self.policy.currentData(), self.auto.isChecked()

        def save() -> None:
            service.set_policy(policy)
            service.set_auto_sync(auto)

        def on_saved(_nothing: None) -> None:
            self.status_message.emit(self.tr("Sync settings saved."))
            self.sync.refresh(then_probe=True)

        self.context.tasks.run(
            save,
            on_done=on_saved,
            on_error=self.show_error,
            context=self,
        )

    def _on_requeue(self, entries: list[int]) -> None:
        service = self.sync.service
        self.context.tasks.run(
            lambda: sum(service.requeue(entry) for entry in entries),
            on_done=self._on_requeued,
            on_error=self.show_error,
            context=self,
        )

    def _on_requeued(self, count: int) -> None:
        self.status_message.emit(
            fill_numbered(self.tr("%1 record(s) will be sent again."), format_number(count))
        )
        self.sync.refresh()
        self._load_problems()

    def _on_resolve_report(self, report_id: str, replace: bool) -> None:
        self.context.tasks.run(
            partial(self.sync.service.resolve_report_conflict, report_id, replace=replace),
            on_done=partial(self._on_report_resolved, replace),
            on_error=self.show_error,
            context=self,
        )

    def _on_report_resolved(self, replace: bool, _done: bool) -> None:
        self.status_message.emit(
            self.tr("This station's report goes to the centre with the next sync.")
            if replace
            else self.tr("The centre's copy of the report is kept.")
        )
        self.sync.refresh()

    def _on_export_bundle(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Write the USB bundle to"),
            f"cax-{self.context.station.code}{bundle.BUNDLE_SUFFIX}",
            fill_numbered(self.tr("CAX sync bundles (*%1)"), bundle.BUNDLE_SUFFIX),
        )
        if path:
            self.context.tasks.run(
                partial(bundle.export_bundle, self.context.session, Path(path)),
                on_done=self._on_bundle_written,
                on_error=self.show_error,
                context=self,
            )

    def _on_bundle_written(self, written: Any) -> None:
        if written.path is None:  # a bundle of files alone (no record) is still written
            text = self.tr("Nothing is waiting to be sent: no bundle was written.")
        else:
            text = fill_numbered(
                self.tr("%1 record(s) written to %2. Bring back the receipt."),
                format_number(written.record_count),
                str(written.path),
            )
            if written.attachments:
                text += " " + fill_numbered(
                    self.tr("It also carries %1 attachment file(s)."),
                    format_number(written.attachments),
                )
            if written.remaining:
                text += " " + fill_numbered(
                    self.tr("%1 more need another bundle."), format_number(written.remaining)
                )
        style_label(self.progress_text, colour=HINT_COLOUR)
        self.progress_text.setText(text)
        self.sync.refresh()

    def _on_import_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Read the receipt from"))
        if path:
            self.context.tasks.run(
                partial(bundle.import_receipt, self.context.session, Path(path)),
                on_done=self._on_receipt_read,
                on_error=self.show_error,
                context=self,
            )

    def _on_receipt_read(self, receipt: Any) -> None:
        style_label(self.progress_text, colour="#1b5e20")
        text = fill_numbered(
            self.tr("Receipt read: %1 record(s) received by the centre, %2 already known."),
            format_number(receipt.acknowledged),
            format_number(receipt.unchanged),
        )
        if receipt.attachments_complete or receipt.attachments_refused:
            text += " " + fill_numbered(
                self.tr("Attachments: %1 file(s) complete at the centre, %2 refused."),
                format_number(receipt.attachments_complete),
                format_number(receipt.attachments_refused),
            )
        self.progress_text.setText(text)
        self.sync.refresh()
        self._load_problems()


def _problems_and_forms(service: SyncService) -> tuple[list[OutboxProblem], Catalogue]:
    """Off the GUI thread: the refused revisions, and the forms that name their fields."""
    return service.problems(), record_work.shared_catalogue()
