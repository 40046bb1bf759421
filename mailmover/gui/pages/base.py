"""What every page has: a plain explanation at the top and live re-translation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from mailmover.gui.pages.columns import ColumnFit

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


def cell(t: QTableWidget, row: int, col: int) -> QTableWidgetItem:
    """The item at (row, col), which the caller has put there."""
    item = t.item(row, col)
    if item is None:
        raise LookupError(f"no item at {row},{col}")
    return item


def table(
    columns: int,
    *,
    editable: bool = False,
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.ResizeToContents,
    stretch: int | None = None,
    wide: Sequence[int] | None = None,
    whole: Sequence[int] = (),
) -> QTableWidget:
    """A table as every page uses it: no row numbers, Tab leaves it (arrows move inside),
    read-only unless `editable`; column `stretch` (or the last one) takes the spare width.
    With `wide` (columns with long texts; `whole` among them: text that cannot wrap) the
    widths follow columns.ColumnFit: every header whole, no sideways scrolling."""
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
    t.setMinimumHeight(TABLE_MIN_HEIGHT)  # a few rows stay visible; the page scrolls
    if wide is not None:
        ColumnFit(t, wide, whole)  # a child of the table: lives as long as it
    return t


TABLE_MIN_HEIGHT = 110


def announce(widget: QWidget, text: str) -> None:
    """Tell a screen reader about a new status or error: the text becomes the widget's
    accessible description and an Alert event is raised (NameChanged for older readers)."""
    if not text:
        return
    widget.setAccessibleDescription(text)
    for kind in (QAccessible.Event.Alert, QAccessible.Event.DescriptionChanged):
        QAccessible.updateAccessibility(QAccessibleEvent(widget, kind))
    ANNOUNCED.append(text)
    del ANNOUNCED[:-50]


# The last announcements, newest last (tests read them; a screen reader hears the events).
ANNOUNCED: list[str] = []


class Page(QWizardPage):
    """A page whose content scrolls: on a small screen (1366×768 at 150 %: about 910×512
    logical pixels) the window stays on the screen with its buttons, and the page scrolls
    instead of pushing them off the bottom."""

    def __init__(self, session: Session, threads: Threads) -> None:
        super().__init__()
        self.session = session
        self.threads = threads
        self.intro = wrap_label()
        self.intro.setObjectName("intro")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("page_scroll")
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own
        self.body = QWidget()
        self.body.setObjectName("page_body")
        self.page_scroll.setWidget(self.body)
        outer.addWidget(self.page_scroll)
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(0, 0, 4, 0)
        self.layout_.addWidget(self.intro)

    def first_field(self) -> QWidget | None:
        """Where the keyboard starts on this page (None: the wizard's Next button)."""
        return None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.settle()

    def settle(self) -> None:
        """Enter means Next, not the page's first button: no page button is a default
        button; the keyboard starts in the page's first field; the view is at the top."""
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.page_scroll.verticalScrollBar().setValue(0)
        # After QWizard's own choice (its first focusable widget), which it makes once the
        # page is shown.
        QTimer.singleShot(0, self, self._focus_first)

    def _focus_first(self) -> None:
        field = self.first_field()
        if field is not None and field.isEnabled() and field.isVisible():
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            self.page_scroll.ensureWidgetVisible(field)

    def bring_into_view(self, widget: QWidget) -> None:
        """Scroll a new error, finding or result wholly into view (its fix and the help
        desk's line included) once the layout has given it its new height."""
        QTimer.singleShot(0, self, lambda: self._scroll_to(widget))

    def _scroll_to(self, widget: QWidget) -> None:
        if not widget.isVisible():
            return
        # Let the body and the scroll bar take the new size first (posted layout requests).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        viewport = self.page_scroll.viewport().height()
        bar = self.page_scroll.verticalScrollBar()
        top = widget.mapTo(self.body, widget.rect().topLeft()).y()
        bottom = top + widget.height()
        if bottom - bar.value() > viewport:  # below the fold: its end at the bottom
            bar.setValue(bottom - viewport)
        if top < bar.value():  # above, or taller than the view: its start at the top
            bar.setValue(top)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text; called at start and on each language switch."""
