"""One name per record status: the app's lists (both languages) and the Excel export agree."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.core.export_rows import status_label
from desktop.ui import i18n
from desktop.ui.record_labels import status_name, statuses
from domain.records import RecordStatus
from tests.desktop.ui.test_translations import compiled  # noqa: F401 (fixture)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_lists_and_export_name_each_status_alike(qapp, compiled, language):  # noqa: F811
    installed = i18n.install_translators(QApplication.instance(), language, compiled)
    try:
        shown = {status: status_name(status) for status in RecordStatus}
    finally:
        i18n.remove_translators(QApplication.instance(), installed)
    exported = {status: status_label(status, language) for status in RecordStatus}
    assert shown == exported
    assert len(set(shown.values())) == len(RecordStatus)  # no two statuses share a name
    assert sorted(statuses()) == sorted(shown)  # the filter offers every status


def test_the_waiting_status_reads_awaiting_approval():
    """The issue's contradiction: "Chờ duyệt" in the list, "Hoàn thành" in the export."""
    assert status_label(RecordStatus.COMPLETED, "vi") == "Chờ duyệt"
    assert status_label(RecordStatus.RETURNED, "vi") == "Bị trả lại"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_dashboard_names_the_waiting_and_returned_records_as_the_lists_do(
    qapp,
    compiled,  # noqa: F811
    language,
):
    """The English dashboard said "Waiting for review" on its card and "To review" in its chart
    beside "Awaiting approval" in its own table and the lists."""
    installed = i18n.install_translators(QApplication.instance(), language, compiled)
    try:
        said = {
            text: QCoreApplication.translate("DashboardPage", text)
            for text in ("Waiting for review", "To review", "Returned")
        }
        completed, returned = (
            status_name(s) for s in (RecordStatus.COMPLETED, RecordStatus.RETURNED)
        )
    finally:
        i18n.remove_translators(QApplication.instance(), installed)
    assert said["Waiting for review"] == said["To review"] == completed
    assert said["Returned"] == returned
