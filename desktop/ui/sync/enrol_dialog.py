"""Enrolling the station with the centre: address, one-time code, and the CA to trust.

Two steps, so nothing is trusted blind: "Check the server" reads the CA file the centre handed
over and asks the server's health endpoint through it, then shows who the certificate names and
its SHA-256 fingerprint for the supervisor to compare with what the centre announced; only then
does "Enrol" spend the one-time code.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import InvalidInput
from desktop.core.placeholders import fill_numbered
from desktop.storage.sync_settings import Enrolment
from desktop.sync.report import ServerIdentity
from desktop.sync.service import SyncService
from desktop.ui import focus
from desktop.ui.errors import show_error
from desktop.ui.formats import format_timestamp
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label
from desktop.ui.tasks import Lane, TaskRunner

MAX_CA_BYTES = 256 * 1024


class EnrolDialog(QDialog):
    enrolled = Signal(object)  # Enrolment

    def __init__(self, service: SyncService, tasks: TaskRunner, log_file: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.service, self.tasks, self.log_file = service, tasks, log_file
        self.identity: ServerIdentity | None = None
        self.ca_pem: str | None = None
        self.setWindowTitle(self.tr("Enrol the station with the centre"))
        self.setMinimumWidth(620)
        self.url = QLineEdit()
        self.url.setObjectName("enrolServer")
        self.url.setPlaceholderText("https://dongbo.congan.example.vn")
        self.code = QLineEdit()
        self.code.setObjectName("enrolCode")
        self.code.setPlaceholderText(self.tr("the one-time code from the centre"))
        self.ca_path = QLineEdit()
        self.ca_path.setObjectName("enrolCa")
        self.ca_path.setPlaceholderText(self.tr("the centre's CA certificate (.pem)"))
        browse = QPushButton(self.tr("&Choose\u2026"))
        browse.clicked.connect(self._on_browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_path, 1)
        ca_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.url)
        form.addRow(self.tr("&Enrolment code:"), self.code)
        form.addRow(self.tr("&CA certificate:"), ca_row)
        for row, buddy in ((0, self.url), (1, self.code), (2, self.ca_path)):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(buddy)

        self.check_button = QPushButton(self.tr("Chec&k the server"))
        self.check_button.setObjectName("enrolCheck")
        self.check_button.clicked.connect(self._on_check)
        self.identity_label = QLabel()
        self.identity_label.setObjectName("enrolIdentity")
        self.identity_label.setWordWrap(True)
        self.identity_label.setTextFormat(Qt.TextFormat.RichText)
        self.compared = QCheckBox(
            self.tr("I compared the fingerprint with the one the centre announced")
        )
        self.compared.setObjectName("enrolCompared")
        self.compared.setVisible(False)
        self.compared.toggled.connect(self._update_buttons)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.enrol_button = self.buttons.addButton(
            self.tr("&Enrol"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.enrol_button.setObjectName("enrolSubmit")
        self.buttons.accepted.connect(self._on_enrol)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.url, self.code, self.ca_path):
            edit.textChanged.connect(self._forget_check)

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The centre gives each station a server address, a one-time enrolment code and "
                "its CA certificate. Check the server first: its identity is shown before "
                "anything is sent."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.identity_label)
        layout.addWidget(self.compared)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # Enter in a field means Enrol (once allowed), never "Choose…" or a second check.
        focus.no_auto_default(browse, self.check_button)
        self.enrol_button.setDefault(True)
        focus.order_from_layout(layout)
        self.url.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_buttons()

    # ---- step 1: who is the server --------------------------------------------------------------

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The centre's CA certificate"), "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )  # fmt: skip
        if path:
            self.ca_path.setText(path)

    def _read_ca(self) -> str | None:
        path = self.ca_path.text().strip()
        if not path:
            return None
        file = Path(path)
        if not file.is_file() or file.stat().st_size > MAX_CA_BYTES:
            raise InvalidInput(field="ca", reason="file")
        try:
            return file.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            raise InvalidInput(field="ca", reason="file") from None

    def _on_check(self) -> None:
        try:
            self.ca_pem = self._read_ca()
            if self.url.text().strip().lower().startswith("https://") and not self.ca_pem:
                raise InvalidInput(field="ca", reason="required")  # TLS is checked against it
        except InvalidInput as error:
            self._show_problem(error)
            return
        self.check_button.setEnabled(False)
        style_label(self.identity_label, colour=HINT_COLOUR)
        self.identity_label.setText(self.tr("Asking the server\u2026"))
        self.tasks.run(
            self.service.identify_server,
            self.url.text(),
            self.ca_pem,
            on_done=self._on_checked,
            on_error=self._on_check_failed,
            context=self,
            lane=Lane.NETWORK,
        )

    def _on_checked(self, identity: ServerIdentity) -> None:
        self.identity = identity
        self.check_button.setEnabled(True)
        style_label(self.identity_label, colour="#1b5e20")
        # Everything below comes from the file or the server: escaped, so a crafted certificate
        # cannot draw a fingerprint of its own into this rich-text label.
        lines = [
            fill_numbered(
                self.tr("The server answered: CAX server %1."), html.escape(identity.version)
            )
        ]
        cert = identity.ca
        if cert is None:
            lines.append(
                f"<span style='color:{ERROR_COLOUR}'>"
                + self.tr("Plain http: records travel unencrypted. Use it only for a trial.")
                + "</span>"
            )
        else:
            lines += [
                fill_numbered(self.tr("Certificate: %1"), html.escape(cert.subject)),
                fill_numbered(self.tr("Issued by: %1"), html.escape(cert.issuer)),
                fill_numbered(
                    self.tr("Valid until: %1"), format_timestamp(cert.not_after.isoformat())
                ),
                self.tr("SHA-256 fingerprint:")
                + f"<br><tt>{cert.sha256[:47]}<br>{cert.sha256[48:]}</tt>",  # two lines of 16 bytes
            ]
        self.identity_label.setText("<br>".join(lines))
        self.compared.setChecked(False)
        self.compared.setVisible(cert is not None)
        self._update_buttons()
        self.adjustSize()  # room for the identity, which the dialog did not have before

    def _on_check_failed(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        self._show_problem(error)

    def _show_problem(self, error: BaseException) -> None:
        self.identity = None
        self.identity_label.clear()
        self._update_buttons()
        show_error(self, error, self.log_file)

    def _forget_check(self) -> None:
        if self.identity is not None:
            self.identity = None
            self.identity_label.clear()
            self.compared.setVisible(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        trusted = self.identity is not None and (
            self.identity.ca is None or self.compared.isChecked()
        )
        self.enrol_button.setEnabled(trusted and bool(self.code.text().strip()))

    # ---- step 2: spend the code -----------------------------------------------------------------

    def _on_enrol(self) -> None:
        if not self.enrol_button.isEnabled() or self.identity is None:
            return
        self.enrol_button.setEnabled(False)
        self.tasks.run(
            self.service.enroll,
            self.identity.url,
            self.code.text().strip(),
            self.ca_pem,
            on_done=self._on_enrolled,
            on_error=self._on_enrol_failed,
            context=self,
            lane=Lane.NETWORK,
        )

    def _on_enrolled(self, enrolment: Enrolment) -> None:
        self.enrolled.emit(enrolment)
        self.accept()

    def _on_enrol_failed(self, error: BaseException) -> None:
        self._update_buttons()
        show_error(self, error, self.log_file)
