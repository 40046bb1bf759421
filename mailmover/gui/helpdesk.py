"""The help-desk view: server capabilities, the live log (redacted), a diagnostic bundle."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mailmover import bundle
from mailmover.gui.batch_view import BatchSummaryView
from mailmover.gui.messages import fill
from mailmover.gui.session import Session


def write_bundle(path: Path, session: Session) -> Path:
    """The help-desk bundle (mailmover.bundle) with what this window knows."""
    log = "\n".join(session.log_lines)
    report = session.report.to_dict() if session.report is not None else None
    capabilities = {
        side: {"host": h, "capabilities": list(c), "greeting": g}
        for side, (h, c, g) in session.capabilities.items()
    }
    store = None
    if session.source and session.target:
        # A state folder refused as unsafe is exactly what the help desk must hear of.
        with contextlib.suppress(OSError):
            store = session.store_path()
    result = bundle.write_bundle(
        path,
        report=report,
        log_text=log,
        capabilities=capabilities,
        store_path=store,
        secrets=session.secrets(),
    )
    return Path(result) if isinstance(result, (str, Path)) else path


class HelpDeskView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.caps_title = QLabel()
        self.caps = QPlainTextEdit()
        self.caps.setReadOnly(True)
        self.caps.setMaximumHeight(130)
        self.log_title = QLabel()
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.bundle_button = QPushButton()
        self.bundle_button.clicked.connect(self._save_bundle)
        self.bundle_note = QLabel()
        self.bundle_note.setWordWrap(True)
        self.batch_button = QPushButton()
        self.batch_button.clicked.connect(self.open_batch_summary)
        self.batch_view: BatchSummaryView | None = None
        layout.addWidget(self.caps_title)
        layout.addWidget(self.caps)
        layout.addWidget(self.log_title)
        layout.addWidget(self.log, 1)
        row = QHBoxLayout()
        row.addWidget(self.bundle_button)
        row.addWidget(self.bundle_note, 1)
        row.addWidget(self.batch_button)
        layout.addLayout(row)
        self.log.setPlainText("\n".join(session.log_lines))
        session.logged.connect(self.log.appendPlainText)
        session.capabilities_changed.connect(self._show_caps)
        self._show_caps()
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_caps(self) -> None:
        lines = []
        for side, (host, caps, greeting) in sorted(self.session.capabilities.items()):
            lines.append(f"{side} {host}: {greeting}")
            lines.append("  " + " ".join(caps))
        self.caps.setPlainText("\n".join(lines))

    def _save_bundle(self) -> None:
        name = time.strftime("mailmover-diagnostics-%Y%m%d-%H%M%S.zip")
        path = self.session.choose_save_file(self, self.tr("Save the diagnostic bundle"),
                                             str(Path.home() / name),
                                             self.tr("Zip archive (*.zip)"))
        if path:
            self.save_bundle(Path(path))

    def save_bundle(self, path: Path) -> Path:
        written = write_bundle(path, self.session)
        self.bundle_note.setText(fill(self.tr("Saved to {path}. It holds no passwords and no "
                                              "message contents."), path=str(written)))
        return written

    def open_batch_summary(self) -> BatchSummaryView:
        """The IT office's batch: its summary's accounts and each account's report."""
        if self.batch_view is None:
            self.batch_view = BatchSummaryView(self.session, self)
        self.batch_view.show()
        self.batch_view.raise_()
        self.batch_view.choose()
        return self.batch_view

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("mailmover – help-desk view"))
        self.caps_title.setText(self.tr("Servers and their capabilities:"))
        self.log_title.setText(self.tr("Live log (passwords are never shown):"))
        self.caps.setAccessibleName(self.tr("Server capabilities"))
        self.log.setAccessibleName(self.tr("Live log"))
        self.bundle_button.setText(self.tr("Save a diagnostic bundle…"))
        self.bundle_button.setAccessibleName(self.tr("Save a diagnostic bundle"))
        self.batch_button.setText(self.tr("Open a batch summary…"))
        self.batch_button.setAccessibleName(self.tr("Open a batch summary"))
