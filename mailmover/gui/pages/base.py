"""What every page has: a plain explanation at the top and live re-translation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWizardPage,
)

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


def table(
    columns: int,
    *,
    editable: bool = False,
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.ResizeToContents,
    stretch: int | None = None,
) -> QTableWidget:
    """A table as every page uses it: no row numbers, Tab leaves it (arrows move inside),
    read-only unless `editable`; column `stretch` (or the last one) takes the spare width."""
    t = QTableWidget(0, columns)
    t.setTabKeyNavigation(False)  # no keyboard trap
    t.verticalHeader().setVisible(False)
    if not editable:
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = t.horizontalHeader()
    header.setSectionResizeMode(resize)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    elif resize != QHeaderView.ResizeMode.Stretch:
        header.setStretchLastSection(True)
    return t


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
