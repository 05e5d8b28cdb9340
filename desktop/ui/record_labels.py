"""Translated names for record values shown in lists and views: statuses, forms, record actions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.ui.labels import action_name
from desktop.ui.record_work import RECORD_RETURNED
from domain.forms.model import FormDefinition
from domain.records import RecordStatus

CONTEXT = "RecordLabels"

# One name per status everywhere (lists, filters, the record view, the dashboard); the Excel
# export's names (core/export_rows.py) are the same words, a test keeps them so.
_STATUSES: dict[str, str] = {
    RecordStatus.DRAFT: QT_TRANSLATE_NOOP("RecordLabels", "Draft"),
    RecordStatus.COMPLETED: QT_TRANSLATE_NOOP("RecordLabels", "Awaiting approval"),
    RecordStatus.RETURNED: QT_TRANSLATE_NOOP("RecordLabels", "Returned"),
    RecordStatus.APPROVED: QT_TRANSLATE_NOOP("RecordLabels", "Approved"),
    RecordStatus.VOIDED: QT_TRANSLATE_NOOP("RecordLabels", "Voided"),
}
# Status colours in lists: drafts grey, waiting blue, returned amber, approved green, voided red.
STATUS_COLOURS: dict[str, str] = {
    RecordStatus.DRAFT: "#616161",
    RecordStatus.COMPLETED: "#0d47a1",
    RecordStatus.RETURNED: "#b45309",
    RecordStatus.APPROVED: "#1b5e20",
    RecordStatus.VOIDED: "#b71c1c",
}
_RETURNED = QT_TRANSLATE_NOOP("RecordLabels", "Returned with a comment")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_name(status: str) -> str:
    source = _STATUSES.get(status)
    return _tr(source) if source else status


def statuses() -> list[str]:
    """Every status, in the order lists, filters and the dashboard show them."""
    return [str(s) for s in _STATUSES]


def record_action_name(action: str) -> str:
    """An audit action about a record, including the ones this page adds (returned)."""
    return _tr(_RETURNED) if action == RECORD_RETURNED else action_name(action)


def form_name(form: FormDefinition | None, form_id: str, language: str) -> str:
    """A form's short title in the UI's language ("Biên bản VPHC"), or its id if unknown."""
    return form.short_title.get(language) if form is not None else form_id
