"""The Sync page: where the station stands with the centre, "Sync now" with its progress, the
history, the records the centre refused or holds aside, and the USB bundle for offline stations.

Everyone sees the state and may sync; enrolling, the sync settings and sending a refused record
again are for supervisors (MANAGE_SETTINGS), as the sync service itself enforces.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QTableWidget,
    QTableWidgetItem,
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
from desktop.sync.report import SyncProgress, SyncReport, SyncStatus
from desktop.sync.restore import declare_restore
from desktop.sync.service import SyncService
from desktop.ui import record_work
from desktop.ui.errors import describe
from desktop.ui.formats import format_number, format_timestamp
from desktop.ui.pages.base import Page
from desktop.ui.reason_dialog import ReasonDialog
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label
from desktop.ui.record_form.messages import describe_problem
from desktop.ui.record_form.paths import path_label
from desktop.ui.services import PageContext
from desktop.ui.sync.controller import SyncController
from desktop.ui.sync.enrol_dialog import EnrolDialog
from domain.forms import Catalogue
from domain.validation.codes import Code, Severity
from domain.validation.problems import Problem
from domain.vietnamese import file_size

_OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("SyncPage", "Finished"),
    "failed": QT_TRANSLATE_NOOP("SyncPage", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("SyncPage", "Cancelled"),
    "interrupted": QT_TRANSLATE_NOOP("SyncPage", "Interrupted"),
    "running": QT_TRANSLATE_NOOP("SyncPage", "Running"),
}
_KINDS = {
    "network": QT_TRANSLATE_NOOP("SyncPage", "Network"),
    "bundle": QT_TRANSLATE_NOOP("SyncPage", "USB bundle"),
    "receipt": QT_TRANSLATE_NOOP("SyncPage", "USB receipt"),
}
_PROBLEM_STATES = {
    "quarantined": QT_TRANSLATE_NOOP("SyncPage", "Refused by the centre"),
    "conflict": QT_TRANSLATE_NOOP("SyncPage", "Held aside (conflict)"),
}


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
        self.status: SyncStatus | None = None
        self.problems: list[OutboxProblem] = []

        title = style_label(QLabel(self.tr("Sync with the centre")), points=16, bold=True)
        self.server = QLabel()
        self.server.setObjectName("syncServer")
        self.server.setWordWrap(True)
        self.enrol_button = QPushButton(self.tr("&Enrol\u2026"))
        self.enrol_button.setObjectName("syncEnrol")
        self.enrol_button.setVisible(self.supervisor)
        self.enrol_button.clicked.connect(self._on_enrol)
        top = QHBoxLayout()
        top.addWidget(self.server, 1)
        top.addWidget(self.enrol_button)

        self.counts = QLabel()
        self.counts.setObjectName("syncCounts")
        self.counts.setWordWrap(True)
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
        settings_box = QGroupBox(self.tr("Settings"))
        settings_form = QFormLayout(settings_box)
        settings_form.addRow(self.tr("Send a record to the centre:"), self.policy)
        settings_form.addRow(self.auto)
        settings_form.addRow(save)
        for widget in (self.policy, self.auto, save):
            widget.setEnabled(self.supervisor)

        export_button = QPushButton(self.tr("Write a USB &bundle\u2026"))
        export_button.setObjectName("syncExportBundle")
        export_button.clicked.connect(self._on_export_bundle)
        receipt_button = QPushButton(self.tr("Read a &receipt\u2026"))
        receipt_button.setObjectName("syncImportReceipt")
        receipt_button.clicked.connect(self._on_import_receipt)
        usb_box = QGroupBox(self.tr("No network at all"))
        usb = QVBoxLayout(usb_box)
        hint = QLabel(
            self.tr(
                "Write the waiting records to a USB stick (encrypted for the centre), carry it to a "
                "connected office, and bring back the receipt."
            )
        )
        hint.setWordWrap(True)
        usb.addWidget(hint)
        usb_buttons = QHBoxLayout()
        usb_buttons.addWidget(export_button)
        usb_buttons.addWidget(receipt_button)
        usb_buttons.addStretch(1)
        usb.addLayout(usb_buttons)
        for widget in (export_button, receipt_button):
            widget.setEnabled(self.supervisor)

        self.history = self._table(
            "syncHistory",
            [
                self.tr("Started"),
                self.tr("Kind"),
                self.tr("Outcome"),
                self.tr("Sent"),
                self.tr("Received by the centre"),
                self.tr("Refused"),
                self.tr("Updates"),
                self.tr("Data"),
                self.tr("By"),
            ],
        )
        self.problem_table = self._table(
            "syncProblems",
            [self.tr("Record"), self.tr("Revision"), self.tr("State"), self.tr("Reason")],
        )
        self.requeue_button = QPushButton(self.tr("Send a&gain"))
        self.requeue_button.setObjectName("syncRequeue")
        self.requeue_button.setVisible(self.supervisor)
        self.requeue_button.clicked.connect(self._on_requeue)
        self.problem_table.itemSelectionChanged.connect(
            lambda: self.requeue_button.setEnabled(bool(self.problem_table.selectedIndexes()))
        )
        problems = QWidget()
        problems_layout = QVBoxLayout(problems)
        problems_layout.addWidget(self.problem_table, 1)
        problems_layout.addWidget(self.requeue_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.addTab(problems, self.tr("Refused and held aside"))

        side = QHBoxLayout()
        side.addWidget(settings_box, 1)
        side.addWidget(usb_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addLayout(actions)
        layout.addWidget(self.progress_text)
        layout.addLayout(side)
        layout.addWidget(self.tabs, 1)

        self.sync.status_changed.connect(self._show_status)
        self.sync.online_changed.connect(lambda _online: self._show_status(self.sync.status))
        self.sync.running_changed.connect(self._on_running_changed)
        self.sync.progress.connect(self._show_progress)
        self.sync.finished.connect(self._on_finished)
        self.sync.failed.connect(self._on_failed)
        self._on_running_changed(self.sync.running)
        if self.sync.status is not None:
            self._show_status(self.sync.status)

    @staticmethod
    def _table(name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

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
        self.history.setRowCount(len(status.history))
        for row, item in enumerate(status.history):
            outcome = self.tr(_OUTCOMES.get(item.outcome, item.outcome))
            if item.error_code:
                outcome += f" ({item.error_code})"
            cells = [
                format_timestamp(item.started_at),
                self.tr(_KINDS.get(item.kind, item.kind)),
                outcome,
                format_number(item.sent),
                format_number(item.acknowledged),
                format_number(item.quarantined),
                format_number(item.pulled),
                file_size(item.bytes_sent + item.bytes_received),
                item.started_by,
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if 3 <= column <= 6:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.history.setItem(row, column, cell)

    def _load_problems(self) -> None:
        self.context.tasks.run(
            partial(_problems_and_forms, self.sync.service),
            on_done=self._show_problems,
            on_error=self.show_error,
            context=self,
        )

    def _show_problems(self, loaded: tuple[list[OutboxProblem], Catalogue]) -> None:
        problems, catalogue = loaded
        self.problems = problems
        self.problem_table.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            name = problem.document_number or problem.record_id[:8]
            reason = self._reason(problem, catalogue)
            cells = [
                f"{name} \u00b7 {problem.title}",
                str(problem.revision),
                self.tr(_PROBLEM_STATES.get(problem.state, problem.state)),
                reason,
            ]
            for column, text in enumerate(cells):
                self.problem_table.setItem(row, column, QTableWidgetItem(text))
        self.tabs.setTabText(
            1, fill_numbered(self.tr("Refused and held aside (%1)"), str(len(problems)))
        )
        self.requeue_button.setEnabled(False)  # until a row is chosen

    def _reason(self, problem: OutboxProblem, catalogue: Catalogue) -> str:
        """Values the centre refused name each field and say what is wrong, as the form does."""
        language = self.context.services.language
        fields = refused_fields(problem.detail) if problem.code == "RECORD_INVALID" else []
        if not fields:
            if problem.code in error_texts.ERRORS:  # the centre's reason, in the user's words
                return error_texts.line(problem.code, {}, language)
            return problem.detail or problem.code or ""
        form = catalogue.forms.get(problem.form_id.upper())
        parts = []
        for path, code in fields:
            label = path_label(form, path, language) if form else path
            try:
                found = Problem(path, Severity.ERROR, Code(code))
            except ValueError:  # a code this version does not know: show it as it came
                parts.append(f"{label}: {code}")
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
        if progress.phase == "push":
            self.progress.setRange(0, max(progress.records_total, 1))
            self.progress.setValue(progress.records_done)
            text = fill_numbered(
                self.tr("Sending: %1 of %2 records"),
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

    def _on_requeue(self) -> None:
        rows = sorted({index.row() for index in self.problem_table.selectedIndexes()})
        entries = [self.problems[r].entry_id for r in rows]
        if not entries:
            return
        self.context.tasks.run(
            lambda: sum(self.sync.service.requeue(entry) for entry in entries),
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
        if not written.record_count:
            text = self.tr("Nothing is waiting to be sent: no bundle was written.")
        else:
            text = fill_numbered(
                self.tr("%1 record(s) written to %2. Bring back the receipt."),
                format_number(written.record_count),
                str(written.path),
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
        self.progress_text.setText(
            fill_numbered(
                self.tr("Receipt read: %1 record(s) received by the centre, %2 already known."),
                format_number(receipt.acknowledged),
                format_number(receipt.unchanged),
            )
        )
        self.sync.refresh()
        self._load_problems()


def _problems_and_forms(service: SyncService) -> tuple[list[OutboxProblem], Catalogue]:
    """Off the GUI thread: the refused revisions, and the forms that name their fields."""
    return service.problems(), record_work.shared_catalogue()
