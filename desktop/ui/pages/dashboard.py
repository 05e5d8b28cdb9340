"""The first page after login: the station's work at a glance, each figure a way into its list."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.deadlines import Deadline
from desktop.core.overview import StationOverview
from desktop.core.permissions import Permission, allows
from desktop.core.placeholders import fill_numbered
from desktop.core.station_time import station_today
from desktop.sync.report import SyncStatus
from desktop.ui import record_work
from desktop.ui.dashboard_charts import MonthlyChart, WaitingChart, last_months
from desktop.ui.formats import format_number
from desktop.ui.labels import role_name
from desktop.ui.models.dashboard_models import (
    FORM_ROLE,
    RECORD,
    RECORD_ID_ROLE,
    STATUS_ROLE,
    DeadlinesTableModel,
    StatusCountsTableModel,
)
from desktop.ui.pages.catalogue_page import CataloguePage
from desktop.ui.record_form.editor_base import HINT_COLOUR, style_label
from desktop.ui.record_labels import form_name, statuses
from desktop.ui.services import PageContext
from domain.forms import Catalogue
from domain.records import RecordStatus

DEADLINE_ROWS_SHOWN = 6  # more scroll inside their table

CARD_STYLE = (
    "QPushButton { border: 1px solid #c5cae9; border-radius: 6px; background: #f5f7ff; }"
    " QPushButton:hover, QPushButton:focus { border-color: #3949ab; background: #e8eaf6; }"
)


def _heading(text: str) -> QLabel:
    return style_label(QLabel(text), points=12, bold=True)


def _fit_rows(view: QTableView, rows: int) -> None:
    """As tall as its first `rows` rows (the page scrolls, not the table), each row as tall as
    its wrapped text."""
    view.resizeRowsToContents()
    height = sum(view.rowHeight(r) for r in range(rows))
    view.setFixedHeight(
        view.horizontalHeader().sizeHint().height() + height + 2 * view.frameWidth()
    )


def _table_view(model: QAbstractItemModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(True)
    rows = view.verticalHeader()
    rows.hide()
    rows.setMinimumSectionSize(view.fontMetrics().height() + 10)
    return view


class CountCard(QPushButton):
    """A figure with its caption that opens the list it counts (click, or Space when focused)."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CARD_STYLE)
        self.setMinimumHeight(72)
        self.value = QLabel("\u2026")
        self.value.setStyleSheet("font-size: 20pt; font-weight: bold; color: #1a237e;")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-size: 10pt; color: #37474f;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        for label in (self.value, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setAccessibleName(caption)
        # Room for the figure and a caption of two lines (accents above and below included):
        # six cards share 1100 px, so most captions wrap.
        for label in (self.value, self.caption):
            label.ensurePolished()
        lines = self.value.fontMetrics().height() + 2 * self.caption.fontMetrics().lineSpacing()
        self._least_height = max(72, lines + 8 + 8 + 6)
        self.setMinimumHeight(self._least_height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A narrower card wraps its caption onto more lines: grow with it, or the last line
        # (and the marks below it, "tại đơn vị") is cut. The grid does not ask by itself.
        super().resizeEvent(event)
        layout = self.layout()
        assert layout is not None  # set in __init__
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        # From the font, not QLabel.heightForWidth(), which never goes below the minimum set here.
        wrapped = QRect(0, 0, max(width, 1), 10_000)
        caption = (
            self.caption.fontMetrics()
            .boundingRect(wrapped, Qt.TextFlag.TextWordWrap, self.caption.text())
            .height()
        )
        self.caption.setMinimumHeight(caption)
        content = self.value.sizeHint().height() + caption + margins.top() + margins.bottom()
        needed = max(self._least_height, content + 6)
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleDescription(text)


class DashboardPage(CataloguePage):
    KEY = "dashboard"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Dashboard")
    ICON = "dashboard"
    PERMISSION = None

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        user = context.session.user
        self.greeting = QLabel(
            fill_numbered(self.tr("Hello, %1!"), user.full_name or user.username)
        )
        self.greeting.setObjectName("greeting")
        self.greeting.setStyleSheet("font-size: 18pt; font-weight: bold;")
        station = QLabel(
            fill_numbered(
                self.tr("%1 \u00b7 station code %2 \u00b7 you are logged in as %3."),
                context.station.name,
                context.station.code,
                role_name(user.role),
            )
        )
        station.setStyleSheet("font-size: 11pt; color: #424242;")

        me = user.username
        may_review = allows(user.role, Permission.APPROVE_RECORDS)
        # Each card opens the list it counts: (title, page, what the page is asked to show).
        self.cards: dict[str, CountCard] = {}
        cards = QGridLayout()
        specs = [
            (
                "my_drafts",
                self.tr("Your drafts"),
                "records",
                {"status": RecordStatus.DRAFT, "author": me},
            ),
            (
                "waiting_review",
                self.tr("Waiting for review"),
                "review" if may_review else "records",
                {} if may_review else {"status": RecordStatus.COMPLETED},
            ),
            (
                "returned_to_me",
                self.tr("Returned to you"),
                "records",
                {"status": RecordStatus.RETURNED, "author": me},
            ),
            ("changed_today", self.tr("Changed today at the station"), "records", {}),
            ("mine_today", self.tr("Changed today by you"), "records", {"author": me}),
            ("unsynced", self.tr("Not yet at the centre"), "sync", {}),
        ]
        for column, (key, title, page, request) in enumerate(specs):
            card = CountCard(title)
            card.setObjectName(f"card_{key}")
            card.clicked.connect(partial(self.open_requested.emit, page, request))
            self.cards[key] = card
            cards.addWidget(card, 0, column)
        self._set_cards(None)
        self.unsynced: int | None = None  # None until the sync status is known

        self.monthly = MonthlyChart(self.tr("Records by month of the event"))
        self.breakdown = QComboBox()
        self.breakdown.setObjectName("chartBreakdown")
        self.breakdown.addItem(self.tr("All forms, by form"), "")
        self.breakdown.currentIndexChanged.connect(self._on_breakdown_changed)
        self.waiting = WaitingChart(self.tr("Work waiting"))
        shown = QLabel(self.tr("C&harts:"))
        shown.setBuddy(self.breakdown)
        chart_row = QHBoxLayout()
        chart_row.addWidget(shown)
        chart_row.addWidget(self.breakdown)
        chart_row.addStretch(1)
        chart_views = QHBoxLayout()
        chart_views.addWidget(self.monthly.view, 3)
        chart_views.addWidget(self.waiting.view, 2)
        charts = QVBoxLayout()
        charts.addLayout(chart_row)
        charts.addLayout(chart_views)

        heading = _heading(self.tr("Records by form and status"))
        self.counts = StatusCountsTableModel(self)
        self.table = _table_view(self.counts, "countsTable")
        self.table.setAlternatingRowColors(True)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.activated.connect(self._on_count_activated)

        self.deadline_rows = DeadlinesTableModel(self)
        self.deadlines = _table_view(self.deadline_rows, "deadlinesTable")
        # The date keeps its width; what and which record share the rest and wrap rather than
        # being cut (at 1366 px the record's number and title did not fit beside the others).
        header = self.deadlines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RECORD, QHeaderView.ResizeMode.Stretch)
        self.deadlines.activated.connect(self._on_deadline_activated)
        self.no_deadlines = style_label(QLabel(self.tr("No deadline at risk.")), colour=HINT_COLOUR)
        # One above the other, each the page's full width: side by side at 1100 or 1366 px the
        # form names wrapped and the deadline's record was cut. What is late comes first.
        tables = QVBoxLayout()
        tables.addWidget(_heading(self.tr("Deadlines at risk")))
        tables.addWidget(self.no_deadlines)
        tables.addWidget(self.deadlines)
        tables.addSpacing(8)
        tables.addWidget(heading)
        tables.addWidget(self.table)
        tables.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.greeting)
        top.addStretch(1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(station)
        layout.addSpacing(8)
        layout.addLayout(cards)
        layout.addSpacing(8)
        layout.addLayout(charts)
        layout.addLayout(tables, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.overview: StationOverview | None = None
        if context.sync is not None:
            context.sync.status_changed.connect(self._on_sync_status)
            if context.sync.status is not None:
                self._on_sync_status(context.sync.status)

    def page_shown(self) -> None:
        if self.catalogue is None:
            self._load_catalogue()
        else:
            self.refresh()

    def _on_catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        language = self.context.services.language
        for form in catalogue:
            if form.category_field:
                field = form.field(form.category_field)
                name = field.label.get(language).lower() if field else form.category_field
                self.breakdown.addItem(
                    fill_numbered(
                        self.tr("%1 by %2"),
                        f"{form.id} \u00b7 {form.short_title.get(language)}",
                        name,
                    ),
                    form.id,
                )
        self.refresh()

    def _on_breakdown_changed(self) -> None:
        form_id = self.breakdown.currentData()
        if not form_id or self.catalogue is None:
            self._show_monthly_by_form()
            return
        form = self.catalogue.get(form_id)
        since = last_months(station_today())[0] + "-01"
        self.context.tasks.run(
            record_work.category_by_month,
            self.context.session,
            form.id,
            form.category_field,
            since,
            on_done=partial(self._show_monthly_by_category, form),
            on_error=self.show_error,
            context=self,
        )

    def _show_monthly_by_form(self) -> None:
        if self.overview is not None and self.catalogue is not None:
            forms = [(f.id, f.id) for f in self.catalogue]
            self.monthly.show(self.overview.by_month, forms, station_today())

    def _show_monthly_by_category(self, form: Any, counts: dict[str, dict[str, int]]) -> None:
        if self.breakdown.currentData() != form.id:
            return  # the user chose another break-down meanwhile
        field = form.field(form.category_field)
        language = self.context.services.language
        values = [o.value for o in field.options] if field else []
        values += sorted({v for by in counts.values() for v in by} - set(values))
        series = [
            (v, (field.option_label(v, language) if field else None) or v or self.tr("(none)"))
            for v in values
        ]
        self.monthly.show(counts, series, station_today())

    def refresh(self) -> None:
        self.run_record_work(record_work.station_overview, on_done=self._show_overview)

    # ---- showing ------------------------------------------------------------------------------

    def _set_cards(self, overview: StationOverview | None) -> None:
        for key, card in self.cards.items():
            if key == "unsynced":
                continue  # from the sync status, see _on_sync_status
            card.set_value("\u2026" if overview is None else format_number(getattr(overview, key)))

    def _on_sync_status(self, status: SyncStatus) -> None:
        # The Sync page's "Waiting to send": records wait in the outbox whether or not the
        # station is enrolled yet, so the count is the same either way.
        self.unsynced = status.outbox.waiting
        card = self.cards["unsynced"]
        card.set_value(format_number(self.unsynced))
        card.setToolTip("" if status.enrolled else self.tr("The station is not enrolled for sync."))
        self._show_waiting()

    def _show_waiting(self) -> None:
        if self.overview is None:
            return
        by_status = self.overview.by_form_status.values()
        self.waiting.show(
            [
                (self.tr("Drafts"), sum(s.get(RecordStatus.DRAFT, 0) for s in by_status)),
                # Sent back by a supervisor or the centre: work waiting on their authors.
                (self.tr("Returned"), sum(s.get(RecordStatus.RETURNED, 0) for s in by_status)),
                (self.tr("To review"), self.overview.waiting_review),
                (self.tr("Unsent"), self.unsynced or 0),
            ]
        )

    def _show_overview(self, overview: StationOverview) -> None:
        self.overview = overview
        self._set_cards(overview)
        if not self.breakdown.currentData():
            self._show_monthly_by_form()
        else:
            self._on_breakdown_changed()
        self._show_waiting()
        self._show_deadlines(overview.deadlines)
        self._show_counts(overview)

    def _show_counts(self, overview: StationOverview) -> None:
        language = self.context.services.language
        forms = [
            (f.id, f"{f.id} \u00b7 {form_name(f, f.id, language)}") for f in (self.catalogue or [])
        ]
        self.counts.set_counts(forms, overview.by_form_status, statuses())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(StatusCountsTableModel.FORM, QHeaderView.ResizeMode.Stretch)
        _fit_rows(self.table, self.counts.rowCount())

    def _show_deadlines(self, deadlines: tuple[Deadline, ...]) -> None:
        self.deadline_rows.set_deadlines(deadlines)
        _fit_rows(self.deadlines, min(len(deadlines), DEADLINE_ROWS_SHOWN))
        self.deadlines.setVisible(bool(deadlines))
        self.no_deadlines.setVisible(not deadlines)

    def _on_deadline_activated(self, index: QModelIndex) -> None:
        record_id = index.data(RECORD_ID_ROLE)
        if record_id:
            self.open_requested.emit("records", {"record_id": record_id})

    def _on_count_activated(self, index: QModelIndex) -> None:
        """Enter or double-click on a count opens the records it counts."""
        request: dict[str, Any] = {"form": index.data(FORM_ROLE) or ""}
        status = index.data(STATUS_ROLE)
        if status:
            request["status"] = status
        self.open_requested.emit("records", request)
