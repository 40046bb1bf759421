"""The server, port and security fields of an account page, with the note that says
which provider filled them in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from mailmover.engine import Preset
from mailmover.gui.i18n import LANGUAGES_
from mailmover.gui.messages import fill
from mailmover.gui.pages.base import wrap_label
from mailmover.gui.server_suggestion import DEFAULT_PORTS, SECURITY

# Texts keep the page's context ("AccountPage"): the .ts has them there.


class ServerBox(QGroupBox):
    """Hidden behind the page's "Advanced" button unless the settings need looking at."""

    def __init__(self) -> None:
        super().__init__()
        # A form of its own, opened on request: the page scrolls through it like through
        # its fields (tests/gui/fit_run.py does not expect all of it in view).
        self.setProperty("scrolls_with_fields", True)
        form = QFormLayout(self)
        self.provider_note = wrap_label()
        self.provider_note.setObjectName("provider_note")
        form.addRow(self.provider_note)
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        for s in SECURITY:
            self.security.addItem("", s)
        # Connected after the items are added, as the page did: no port change while built.
        self.security.currentIndexChanged.connect(self._security_changed)
        self.host_label, self.port_label, self.security_label = QLabel(), QLabel(), QLabel()
        self.host_label.setBuddy(self.host)
        self.port_label.setBuddy(self.port)
        self.security_label.setBuddy(self.security)
        form.addRow(self.host_label, self.host)
        # Port and security share a row: the box stays short enough that the page's
        # buttons remain in view on a small screen.
        port_row = QHBoxLayout()
        port_row.addWidget(self.port)
        port_row.addSpacing(12)
        port_row.addWidget(self.security_label)
        port_row.addWidget(self.security, 1)
        form.addRow(self.port_label, port_row)
        # An institution's own certificate authority (a server on campus with a private
        # certificate): trusted for this account in addition to the system's, never
        # instead of them. The page connects the button to its file dialog.
        self.ca_file = QLineEdit()
        self.ca_button = QPushButton()
        self.ca_label = QLabel()
        self.ca_label.setBuddy(self.ca_file)
        row = QHBoxLayout()
        row.addWidget(self.ca_file, 1)
        row.addWidget(self.ca_button)
        form.addRow(self.ca_label, row)

    def set_server(self, host: str, port: int | None, security: str) -> None:
        self.security.setCurrentIndex(max(0, self.security.findData(security)))
        self.host.setText(host)
        self.port.setValue(port or DEFAULT_PORTS.get(security, 993))

    def server(self) -> tuple[str, int, str]:
        return self.host.text().strip(), self.port.value(), self.security.currentData()

    def ca_path(self) -> str | None:
        return self.ca_file.text().strip() or None

    def _security_changed(self) -> None:
        # A default port follows the security; a port the user typed stays.
        security = self.security.currentData()
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[security])

    def show_provider(self, preset: Preset | None) -> None:
        """Say which provider's settings were filled in (or that it cannot be used yet)."""
        if preset is None:
            text = ""
        elif not preset.supported:
            text = fill(
                QCoreApplication.translate(
                    "AccountPage",
                    "mailmover cannot log in to {provider} yet: it needs a "
                    "sign-in method that mailmover does not support yet.",
                ),
                provider=preset.title(LANGUAGES_.current),
            )
        else:
            text = fill(
                QCoreApplication.translate("AccountPage", "Filled in for {provider}."),
                provider=preset.title(LANGUAGES_.current),
            )
        self.provider_note.setText(text)
        self.provider_note.setVisible(bool(text))

    def retranslate(self) -> None:
        self.setTitle(
            QCoreApplication.translate("AccountPage", "Server (usually filled in for you)")
        )
        self.host_label.setText(QCoreApplication.translate("AccountPage", "&Server:"))
        self.port_label.setText(QCoreApplication.translate("AccountPage", "P&ort:"))
        self.security_label.setText(QCoreApplication.translate("AccountPage", "Se&curity:"))
        self.host.setAccessibleName(QCoreApplication.translate("AccountPage", "Server"))
        self.port.setAccessibleName(QCoreApplication.translate("AccountPage", "Port"))
        self.security.setAccessibleName(QCoreApplication.translate("AccountPage", "Security"))
        self.security.setItemText(
            0, QCoreApplication.translate("AccountPage", "SSL/TLS (recommended)")
        )
        self.ca_label.setText(QCoreApplication.translate("AccountPage", "Cer&tificate authority:"))
        self.ca_file.setPlaceholderText(
            QCoreApplication.translate("AccountPage", "none needed (the system's certificates)")
        )
        self.ca_file.setAccessibleName(
            QCoreApplication.translate("AccountPage", "Certificate authority file")
        )
        self.ca_button.setText(QCoreApplication.translate("AccountPage", "Choose…"))
        self.ca_button.setAccessibleName(
            QCoreApplication.translate("AccountPage", "Choose a certificate authority file")
        )
        self.security.setItemText(1, QCoreApplication.translate("AccountPage", "STARTTLS"))
        self.security.setItemText(
            2,
            QCoreApplication.translate(
                "AccountPage", "None (test servers on this computer only)"
            ),
        )
