"""The Records page's Export dialog: format, sensitive data (when allowed) and the file; the
export itself runs on the database worker with the list's current filters."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.core.errors import InvalidInput
from desktop.core.permissions import Permission, allows
from desktop.core.station_time import station_today
from desktop.storage.export import export_records
from desktop.ui.services import PageContext
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.tasks import Lane
from domain.forms import Catalogue
from domain.records import RecordFilter

_SUFFIX = {"xlsx": ".xlsx", "csv": ".csv"}


def suggested_name(fmt: str, today: date | None = None) -> str:
    return f"ho-so-{(today or station_today()):%Y%m%d}{_SUFFIX[fmt]}"


class ExportDialog(TaskDialog):
    """OK writes the file; `result_value` is then the ExportResult (storage/export.py)."""

    def __init__(
        self,
        context: PageContext,
        catalogue: Catalogue,
        filters: RecordFilter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.tasks, self.tr("Export records"), parent)
        self.context, self.catalogue, self.filters = context, catalogue, filters
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        self.format.addItem(self.tr("CSV text, UTF-8 (.csv)"), "csv")
        self.sensitive = QCheckBox(self.tr("Include &sensitive personal data"))
        self.sensitive.setObjectName("exportSensitive")
        self.sensitive.setToolTip(
            self.tr("Ethnicity, religion, reported facts\u2026 (Decree 356): only when needed.")
        )
        self.may_include_sensitive = allows(context.session.user.role, Permission.VIEW_SENSITIVE)
        self.sensitive.setVisible(self.may_include_sensitive)
        self.path = QLineEdit(str(Path.home() / suggested_name("xlsx")))
        self.path.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("&Browse\u2026"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        what = QLabel(
            self.tr(
                "Every record that matches the list's current search and filters, not only the"
                " rows loaded on screen."
            )
        )
        what.setWordWrap(True)
        form = QFormLayout()
        form.addRow(what)
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow("", self.sensitive)
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, file_row)
        self.body.addLayout(form)
        note = QLabel(
            self.tr(
                "The file is not encrypted: keep it on this computer or an approved USB stick, "
                "and delete it when done. Every export is written to the audit log."
            )
        )
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.ok_button.setText(self.tr("&Export"))
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.browse.clicked.connect(self._on_browse_clicked)

    def _on_format_changed(self) -> None:
        fmt = self.format.currentData()
        current = Path(self.path.text().strip() or suggested_name(fmt))
        self.path.setText(str(current.with_suffix(_SUFFIX[fmt])))

    def _on_browse_clicked(self) -> None:
        fmt = self.format.currentData()
        pattern = self.tr("Excel (*.xlsx)") if fmt == "xlsx" else self.tr("CSV (*.csv)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text(), pattern)
        if path:
            self.path.setText(path)

    def submit(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.fail(InvalidInput(field="file", reason="required"))
            return
        fmt = self.format.currentData()
        path = Path(text)
        if path.suffix.lower() != _SUFFIX[fmt]:
            path = path.with_name(path.name + _SUFFIX[fmt])
        self.run(
            partial(
                export_records,
                include_sensitive=self.may_include_sensitive and self.sensitive.isChecked(),
                lang=self.context.services.language,
            ),
            self.context.session,
            self.catalogue,
            self.filters,
            path,
            fmt,
            lane=Lane.LONG,  # a 100k-record export takes ~100 s: entry must not wait for it
        )
