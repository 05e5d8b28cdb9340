"""The sync history as a table: one row per session (network, USB bundle, receipt), newest first.

An outcome with an error code says what the code means, in the app's language, never the bare
code (the code stays in the tooltip, for a supervisor's phone call to the centre)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from desktop.storage.sync_history import SyncSession
from desktop.ui.formats import format_number, format_timestamp
from desktop.ui.models.coded import coded_text
from desktop.ui.models.columns import ColumnTableModel, Index
from domain.vietnamese import file_size

STARTED, KIND, OUTCOME, SENT, ACKNOWLEDGED, REFUSED, UPDATES, DATA, BY = range(9)
_NUMBERS = (SENT, ACKNOWLEDGED, REFUSED, UPDATES)

_HEADERS = (
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Started"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Kind"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Outcome"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Sent"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Received by the centre"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Refused"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Updates"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "Data"),
    QT_TRANSLATE_NOOP("SyncHistoryModel", "By"),
)
_OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("SyncHistoryModel", "Finished"),
    "failed": QT_TRANSLATE_NOOP("SyncHistoryModel", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("SyncHistoryModel", "Cancelled"),
    "interrupted": QT_TRANSLATE_NOOP("SyncHistoryModel", "Interrupted"),
    "running": QT_TRANSLATE_NOOP("SyncHistoryModel", "Running"),
}
_KINDS = {
    "network": QT_TRANSLATE_NOOP("SyncHistoryModel", "Network"),
    "bundle": QT_TRANSLATE_NOOP("SyncHistoryModel", "USB bundle"),
    "receipt": QT_TRANSLATE_NOOP("SyncHistoryModel", "USB receipt"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncHistoryModel", text)


class SyncHistoryModel(ColumnTableModel):
    CONTEXT, HEADERS = "SyncHistoryModel", _HEADERS

    def __init__(self, language: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._sessions: list[SyncSession] = []

    def set_sessions(self, sessions: list[SyncSession] | tuple[SyncSession, ...]) -> None:
        self.beginResetModel()
        self._sessions = list(sessions)
        self.endResetModel()

    def session_at(self, row: int) -> SyncSession | None:
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def _row_total(self) -> int:
        return len(self._sessions)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        # The count columns fit their headers; on one line ("Trung tâm đã nhận") they left the
        # outcome, the column that matters, a sliver at 1100×720. Two lines keep them narrow.
        header = super().headerData(section, orientation, role)
        if section == OUTCOME or not isinstance(header, str):
            return header
        return two_lines(header)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        session = self.session_at(index.row()) if index.isValid() else None
        if session is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(session, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == OUTCOME and session.error_code:
            return f"{self._outcome(session)} [{session.error_code}]"  # whole, and the code
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, session: SyncSession, column: int) -> str:
        if column == STARTED:
            return format_timestamp(session.started_at)
        if column == KIND:
            return _tr(_KINDS[session.kind]) if session.kind in _KINDS else session.kind
        if column == OUTCOME:
            return self._outcome(session)
        if column == DATA:
            return file_size(session.bytes_sent + session.bytes_received)
        if column == BY:
            return session.started_by
        counts = (session.sent, session.acknowledged, session.quarantined, session.pulled)
        return format_number(counts[_NUMBERS.index(column)])

    def _outcome(self, session: SyncSession) -> str:
        outcome = session.outcome
        text = _tr(_OUTCOMES[outcome]) if outcome in _OUTCOMES else outcome
        if session.error_code:
            text += f" \u2014 {coded_text(session.error_code, self.language)}"
        return text


def two_lines(header: str, longest_single_line: int = 10) -> str:
    """`header` broken at the space nearest its middle when it is long."""
    spaces = [at for at, char in enumerate(header) if char == " "]
    if len(header) <= longest_single_line or not spaces:
        return header
    middle = min(spaces, key=lambda at: abs(at - len(header) / 2))
    return f"{header[:middle]}\n{header[middle + 1 :]}"
