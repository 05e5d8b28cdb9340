"""The record lists' columns at the window's first size: every status whole, room for the title."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QTableView

from desktop.ui import i18n
from desktop.ui.main_window import DEFAULT_SIZE, MainWindow
from desktop.ui.models.records_table_model import FORM, STATUS, TITLE
from desktop.ui.pages.record_list import RecordListPage
from desktop.ui.record_labels import form_name, status_name, statuses
from tests.desktop.ui.conftest import make_services
from tests.desktop.ui.test_translations import compiled  # noqa: F401 (fixture)


def test_statuses_fit_and_the_title_keeps_room(open_main_window):
    """At 1100×720 in English (the longer status names), the status column shows each status
    whole and the stretched title column keeps a readable width."""
    window = open_main_window(pages=(RecordListPage,))
    window.resize(*DEFAULT_SIZE)
    window.show_page("records")
    table: QTableView = window.page("records").table
    header = table.horizontalHeader()
    widest = max(header.fontMetrics().horizontalAdvance(status_name(s)) for s in statuses())
    assert "Awaiting approval" in [status_name(s) for s in statuses()]
    assert header.sectionSize(STATUS) >= widest + 12
    assert header.sectionSize(TITLE) >= 110  # 76 with the old fixed pixel widths


def test_the_form_column_takes_whole_names_when_there_is_room(open_main_window, qtbot):
    """At 1100 px the form column keeps its start width (long names elided, the title keeps its
    room); at 1366 px it widens to the catalogue's longest form name."""
    window = open_main_window(pages=(RecordListPage,))
    window.show_page("records")
    page = window.page("records")
    qtbot.waitUntil(lambda: page.catalogue is not None)
    header = page.table.horizontalHeader()
    metrics = header.fontMetrics()
    longest = max(metrics.horizontalAdvance(form_name(f, f.id, "en")) for f in page.catalogue)
    window.resize(*DEFAULT_SIZE)
    qtbot.waitUntil(lambda: header.sectionSize(FORM) < longest)
    assert header.sectionSize(TITLE) >= 110
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: header.sectionSize(FORM) >= longest + 12)
    assert header.sectionSize(TITLE) >= 300


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_filter_dates_show_whole_in_a_window_of_the_first_size(
    open_main_window,
    qtbot,
    compiled,  # noqa: F811
    language,
):
    """The date filters keep room for "dd/mm/yyyy" and the filter bar does not widen the window
    past 1100 px (one row of every filter squeezed the dates to "d…" in Vietnamese)."""
    installed = i18n.install_translators(QApplication.instance(), language, compiled)
    try:
        window = open_main_window(pages=(RecordListPage,))
    finally:
        i18n.remove_translators(QApplication.instance(), installed)
    window.resize(*DEFAULT_SIZE)
    window.show_page("records")
    bar = window.page("records").filter_bar
    qtbot.waitUntil(lambda: bar.isVisible())
    for edit in (bar.date_from, bar.date_to):
        assert edit.width() >= edit.fontMetrics().horizontalAdvance("dd/mm/yyyy") + 8
    assert window.width() == DEFAULT_SIZE[0]
    assert bar.minimumSizeHint().width() <= bar.width()


def test_the_author_filter_grows_with_the_users(qtbot, station_home):
    """Real threads: the users arrive after the filter bar is laid out, and the author box
    widens to show each of them whole ("Tôi (lan)" was cut to "Tôi (lar")."""
    services = make_services(station_home.home, threaded=True)
    window = MainWindow(services, pages=(RecordListPage,))
    qtbot.addWidget(window)
    window.resize(*DEFAULT_SIZE)
    window.show()
    window.open_session(station_home.unlock())
    qtbot.waitUntil(lambda: window.page("records") is not None)
    window.show_page("records")
    author = window.page("records").filter_bar.author
    qtbot.waitUntil(lambda: author.count() > 1)
    widest = max(
        author.fontMetrics().horizontalAdvance(author.itemText(i)) for i in range(author.count())
    )
    try:
        qtbot.waitUntil(lambda: author.width() >= widest + 20)
    finally:
        window.close()
        services.idle.stop()
        services.tasks.wait()
