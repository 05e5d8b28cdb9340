"""The dashboard's charts (QtCharts): records by event month and form, and the work waiting."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

MONTHS_SHOWN = 12
# One colour per form, in catalogue order (distinct enough for a legend of ten).
PALETTE = ["#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457",
           "#558b2f", "#4e342e", "#37474f"]  # fmt: skip


def last_months(today: date, count: int = MONTHS_SHOWN) -> list[str]:
    """ "YYYY-MM" of the `count` months ending with today's, oldest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def month_labels(months: list[str]) -> list[str]:
    """The month's number alone ("12", "1" … "11"): twelve "mm/yy" labels did not fit a chart
    half a 1100 px window wide and were cut to "01…"; the years go in the axis title."""
    return [str(int(month[5:7])) for month in months]


def months_range(months: list[str]) -> str:
    """ "12/2025 – 11/2026": the first and last month the chart shows."""
    first, last = months[0], months[-1]
    return f"{first[5:7]}/{first[:4]} \u2013 {last[5:7]}/{last[:4]}"


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    # A dashboard is read, not watched.
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _view(chart: QChart, name: str, parent: QWidget | None) -> QChartView:
    view = QChartView(chart, parent)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view


class MonthlyChart:
    """Stacked bars: records per event month of the last twelve months, one colour per series
    (per form, or per value of one form's category field)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        self.chart = _chart(title)
        self.view = _view(self.chart, "monthlyChart", parent)
        self.totals: dict[str, int] = {}

    def show(
        self, by_month: dict[str, dict[str, int]], series: list[tuple[str, str]], today: date
    ) -> None:
        """`series`: (key in `by_month`'s counts, legend label), in the order to stack them."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        months = last_months(today)
        bars = QStackedBarSeries()
        for index, (key, label) in enumerate(series):
            bar = QBarSet(label)
            bar.setColor(QColor(PALETTE[index % len(PALETTE)]))
            bar.append([by_month.get(m, {}).get(key, 0) for m in months])
            bars.append(bar)
        self.chart.addSeries(bars)
        x_axis = QBarCategoryAxis()
        x_axis.append(month_labels(months))
        x_axis.setTitleText(months_range(months))
        small = x_axis.titleFont()
        small.setPointSizeF(x_axis.labelsFont().pointSizeF())
        small.setBold(False)
        x_axis.setTitleFont(small)
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        self.totals = {m: sum(by_month.get(m, {}).values()) for m in months}
        y_axis.setRange(0, max([*self.totals.values(), 4]))
        y_axis.applyNiceNumbers()
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x_axis)
        bars.attachAxis(y_axis)


class WaitingChart:
    """Bars of the work waiting: drafts, returned records, the review queue and records not yet
    at the centre.

    The bars lie down, their names on the left where the axis makes room for them: standing
    bars had a third of a narrow chart each for their name, and "Chờ duyệt" was cut to "Chờ d…".
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        self.chart = _chart(title)
        self.chart.legend().hide()
        self.view = _view(self.chart, "waitingChart", parent)
        self.values: dict[str, int] = {}

    def show(self, values: list[tuple[str, int]]) -> None:
        self.values = dict(values)
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        bars = QBarSet("")
        bars.setColor(QColor("#3949ab"))
        shown = values[::-1]  # a horizontal series draws its first bar at the bottom
        bars.append([value for _label, value in shown])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([label for label, _value in shown])
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        counts.setRange(0, max([v for _l, v in values] + [4]) * 1.15)
        counts.applyNiceNumbers()
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(counts)
