"""The first page after login: the station's work at a glance, each figure a way into its list."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
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
    QTableWidget,
    QTableWidgetItem,
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
from desktop.ui.formats import format_date, format_number, format_timestamp
from desktop.ui.labels import role_name
from desktop.ui.pages.catalogue_page import CataloguePage
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label
from desktop.ui.record_labels import form_name, status_name, statuses
from desktop.ui.services import PageContext
from domain.forms import Catalogue
from domain.records import RecordStatus

CARD_STYLE = (
    "QPushButton { border: 1px solid #c5cae9; border-radius: 6px; background: #f5f7ff; }"
    " QPushButton:hover, QPushButton:focus { border-color: #3949ab; background: #e8eaf6; }"
)


def _heading(text: str) -> QLabel:
    return style_label(QLabel(text), points=12, bold=True)


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
        self.setMinimumHeight(max(72, lines + 8 + 8 + 6))

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
        self.unsynced: int | None = None

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
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("countsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.cellActivated.connect(self._on_cell_activated)

        self.deadlines = QTableWidget(0, 3)
        self.deadlines.setObjectName("deadlinesTable")
        self.deadlines.setHorizontalHeaderLabels(
            [self.tr("Due"), self.tr("What"), self.tr("Record")]
        )
        self.deadlines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadlines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.deadlines.verticalHeader().hide()
        self.deadlines.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.deadlines.horizontalHeader().setStretchLastSection(True)
        self.deadlines.cellActivated.connect(self._on_deadline_activated)
        self.no_deadlines = style_label(QLabel(self.tr("No deadline at risk.")), colour=HINT_COLOUR)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(heading)
        left.addWidget(self.table, 1)
        right.addWidget(_heading(self.tr("Deadlines at risk")))
        right.addWidget(self.no_deadlines)
        right.addWidget(self.deadlines, 1)
        tables = QHBoxLayout()
        tables.addLayout(left, 3)
        tables.addLayout(right, 2)

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
        self.unsynced = status.outbox.waiting if status.enrolled else None
        card = self.cards["unsynced"]
        card.set_value("\u2013" if self.unsynced is None else format_number(self.unsynced))
        card.setToolTip("" if status.enrolled else self.tr("The station is not enrolled for sync."))
        self._show_waiting()

    def _show_waiting(self) -> None:
        if self.overview is None:
            return
        self.waiting.show(
            [
                (
                    self.tr("Drafts"),
                    sum(
                        s.get(RecordStatus.DRAFT, 0) for s in self.overview.by_form_status.values()
                    ),
                ),
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
        shown = statuses()
        headers = [self.tr("Form"), *(status_name(s) for s in shown), self.tr("Total")]
        forms = [f for f in self.catalogue] if self.catalogue else []
        known = {f.id for f in forms}
        form_ids = [f.id for f in forms] + sorted(set(overview.by_form_status) - known)
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(form_ids) + 1)
        totals = [0] * (len(shown) + 1)
        for row, form_id in enumerate(form_ids):
            counts = overview.by_form_status.get(form_id, {})
            name = form_name(self.catalogue.get(form_id) if self.catalogue and form_id in known else None, form_id,
                             self.context.services.language)  # fmt: skip
            self._put(row, 0, f"{form_id} \u00b7 {name}", form_id)
            values = [counts.get(s, 0) for s in shown]
            values.append(sum(values))
            for column, value in enumerate(values, 1):
                totals[column - 1] += value
                self._put(row, column, format_number(value), form_id, numeric=True)
        last = len(form_ids)
        self._put(last, 0, self.tr("All forms"), "", bold=True)
        for column, value in enumerate(totals, 1):
            self._put(last, column, format_number(value), "", numeric=True, bold=True)
        rows = self.table.rowCount()
        self.table.setMinimumHeight(
            self.table.horizontalHeader().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 4
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _put(
        self, row: int, column: int, text: str, form_id: str, *, numeric: bool = False,
        bold: bool = False,
    ) -> None:  # fmt: skip
        item = QTableWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, form_id)
        if numeric:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(row, column, item)

    def _show_deadlines(self, deadlines: tuple[Deadline, ...]) -> None:
        kinds = {
            "transfer": self.tr("Crime report not transferred"),
            "check_in": self.tr("Supervision check-in"),
        }
        self.deadlines.setRowCount(len(deadlines))
        for row, deadline in enumerate(deadlines):
            due = format_timestamp(deadline.due.isoformat())
            if deadline.kind == "check_in":
                due = format_date(deadline.due.date())
            state = self.tr("overdue") if deadline.overdue else self.tr("soon")
            cells = [
                f"{due} ({state})",
                kinds.get(deadline.kind, deadline.kind),
                " \u00b7 ".join(filter(None, [deadline.document_number, deadline.title])),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, deadline.record_id)
                if deadline.overdue:
                    item.setForeground(QColor(ERROR_COLOUR))
                self.deadlines.setItem(row, column, item)
        self.no_deadlines.setVisible(not deadlines)

    def _on_deadline_activated(self, row: int, _column: int) -> None:
        item = self.deadlines.item(row, 0)
        if item is not None:
            self.open_requested.emit("records", {"record_id": item.data(Qt.ItemDataRole.UserRole)})

    def _on_cell_activated(self, row: int, column: int) -> None:
        """Enter or double-click on a count opens the records it counts."""
        item = self.table.item(row, 0)
        request: dict[str, Any] = {"form": item.data(Qt.ItemDataRole.UserRole) if item else ""}
        shown = statuses()
        if 1 <= column <= len(shown):
            request["status"] = shown[column - 1]
        self.open_requested.emit("records", request)
