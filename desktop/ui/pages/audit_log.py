"""The supervisor's Audit log page: every entry, newest first, filtered by action, and the chain check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.audit_actions import AuditAction
from desktop.core.permissions import Permission
from desktop.core.placeholders import fill_numbered
from desktop.storage import audit, maintenance, record_store
from desktop.storage.audit import AuditEntry
from desktop.storage.maintenance import AuditReport
from desktop.storage.station import StationSession
from desktop.ui.audit_details import RECORD_ACTIONS, record_label
from desktop.ui.formats import format_number
from desktop.ui.labels import action_name, known_actions
from desktop.ui.models.audit_table_model import (
    ACTION,
    ACTOR,
    SEQ,
    TARGET,
    TIME,
    AuditTableModel,
)
from desktop.ui.pages.base import Page
from desktop.ui.services import PageContext

_KINDS = {
    "altered": QT_TRANSLATE_NOOP("AuditLogPage", "altered"),
    "removed": QT_TRANSLATE_NOOP("AuditLogPage", "removed"),
    "reordered": QT_TRANSLATE_NOOP("AuditLogPage", "moved out of order"),
    "unsigned": QT_TRANSLATE_NOOP("AuditLogPage", "left without its writer's signature"),
    "bad_signature": QT_TRANSLATE_NOOP(
        "AuditLogPage", "signed with a key that is not its writer's certified key"
    ),
}
_OK_STYLE = "background: #e8f5e9; color: #1b5e20; padding: 8px; border: 1px solid #a5d6a7;"
_BROKEN_STYLE = "background: #ffebee; color: #b71c1c; padding: 8px; border: 1px solid #ef9a9a;"


@dataclass(frozen=True)
class AuditPageRows:
    entries: list[AuditEntry]
    records: dict[str, str]  # record id → "number – title" of the records the entries name


def load_audit_page(
    session: StationSession, before_seq: int | None, action: str, limit: int
) -> AuditPageRows:
    """Work function: one page of entries, newest first, with the records they are about."""
    session.require(Permission.VIEW_AUDIT)
    with session.db.read() as conn:
        entries = audit.entries(conn, limit=limit, before_seq=before_seq, action=action or None)
        ids = (e.target for e in entries if e.action in RECORD_ACTIONS and e.target)
        found = record_store.numbers_and_titles(conn, ids)
    return AuditPageRows(entries, {k: record_label(*found[k]) for k in found})


class AuditLogPage(Page):
    KEY = "audit"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Audit log")
    ICON = "audit"
    PERMISSION = Permission.VIEW_AUDIT

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self._size_columns()
        self.action = QComboBox()
        self.action.setObjectName("auditActionFilter")
        self.action.addItem(self.tr("All actions"), "")
        for name in sorted(known_actions(), key=action_name):
            self.action.addItem(action_name(name), name)
        self.verify_button = QPushButton(self.tr("&Verify chain"))
        self.result = QLabel()
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        bar = QHBoxLayout()
        show_label = QLabel(self.tr("&Show:"))
        show_label.setBuddy(self.action)
        bar.addWidget(show_label)
        bar.addWidget(self.action)
        bar.addStretch(1)
        bar.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.result)
        layout.addWidget(self.table)
        self.model.fetch_requested.connect(self._on_model_fetch_requested)
        self.action.currentIndexChanged.connect(self.reload)
        self.verify_button.clicked.connect(self._on_verify_button_clicked)

    def _size_columns(self) -> None:
        # Fixed starting widths from sample text: ResizeToContents would measure the first,
        # still empty, page of a lazily filled model and clip everything after.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        width = self.table.fontMetrics().horizontalAdvance
        samples = {
            SEQ: "99.999",
            TIME: "28/11/2026 14:20:00",
            ACTOR: "nguyen.van",
            # Typical, not the longest: the details need the room; long names show whole in
            # their tooltip.
            ACTION: action_name(AuditAction.RECORD_COMPLETED) + "\u2003",
            TARGET: "12/VV \u2013 Trật tự công cộng",
        }
        for column, sample in samples.items():
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            header.resizeSection(column, max(width(sample), width(title)) + 24)

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.model.reset()
        if self.model.canFetchMore(self.model.index(-1, -1)):
            self.model.fetchMore(self.model.index(-1, -1))

    def capture_state(self) -> dict[str, Any]:
        return {"action": self.action.currentData()}

    def restore_state(self, state: dict[str, Any]) -> None:
        index = self.action.findData(state.get("action", ""))
        self.action.blockSignals(True)  # page_shown() reloads once
        self.action.setCurrentIndex(max(index, 0))
        self.action.blockSignals(False)

    def _on_model_fetch_requested(self, before_seq: int | None, generation: int) -> None:
        self.context.tasks.run(
            load_audit_page,
            self.context.session,
            before_seq,
            self.action.currentData(),
            self.model.page_size,
            on_done=lambda rows: self.model.append_page(rows.entries, generation, rows.records),
            on_error=lambda error: self._on_fetch_failed(error, generation),
            context=self,
        )

    def _on_fetch_failed(self, error: BaseException, generation: int) -> None:
        self.model.fetch_failed(generation)
        self.show_error(error)

    def _on_verify_button_clicked(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setVisible(True)
        self.result.setStyleSheet("padding: 8px;")
        self.result.setText(self.tr("Checking every entry of the audit log\u2026"))
        self.context.tasks.run(
            maintenance.verify_audit,
            self.context.session,
            on_done=self._on_verified,
            on_error=self._on_verify_failed,
            context=self,
        )

    def _on_verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.result.setVisible(False)
        self.show_error(error)

    def _on_verified(self, report: AuditReport) -> None:
        self.verify_button.setEnabled(True)
        self.result.setText(verdict(report))
        self.result.setStyleSheet(_OK_STYLE if report.ok else _BROKEN_STYLE)
        self.model.highlight(report.first_break.seq if report.first_break else None)
        self.reload()  # the check itself was logged: show that entry too


def verdict(report: AuditReport) -> str:
    """The sentence shown after "Verify chain", naming the first broken entry if any."""

    checked = format_number(report.entries_checked)
    if report.first_break is None:
        return fill_numbered(
            QCoreApplication.translate(
                "AuditLogPage", "The audit log is intact: all %1 entries checked."
            ),
            checked,
        )
    kind = QCoreApplication.translate(
        "AuditLogPage", _KINDS.get(report.first_break.kind, report.first_break.kind)
    )
    return fill_numbered(
        QCoreApplication.translate(
            "AuditLogPage",
            "The audit log has been tampered with: entry No. %1 was %2."
            " The %3 entries before it are intact. Report this to your superior and leave"
            " the station folder as it is.",
        ),
        format_number(report.first_break.seq),
        kind,
        checked,
    )
