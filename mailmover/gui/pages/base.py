"""What every page has: a plain explanation at the top and live re-translation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage

if TYPE_CHECKING:
    from mailmover.gui.session import Session
    from mailmover.gui.worker import Threads


def wrap_label(text: str = "", rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if rich:
        label.setOpenExternalLinks(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Page(QWizardPage):
    def __init__(self, session: Session, threads: Threads) -> None:
        super().__init__()
        self.session = session
        self.threads = threads
        self.intro = wrap_label()
        self.intro.setObjectName("intro")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.intro)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text; called at start and on each language switch."""
