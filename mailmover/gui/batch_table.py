"""The accounts table of the batch view: a row per account, worst first, sortable by
any column (numbers as numbers), coloured by state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from mailmover.gui.batch_summary import float_of, int_of
from mailmover.gui.batch_words import STATE_RANK, duration_clock, first_error_text, state_text
from mailmover.gui.messages import fill, size_text
from mailmover.gui.pages.base import cell

_PROBLEM = {"failed", "stopped"}
_WARNING = {"incomplete", "cancelled"}
_IDLE = {"pending", "running"}

# Columns of the accounts table.
(OLD, NEW, STATE, MESSAGES, COPIED, PRESENT, FAILED, BYTES, DURATION, ERROR) = range(10)
_NUMBERS = {MESSAGES, COPIED, PRESENT, FAILED, BYTES, DURATION}
_SORT = Qt.ItemDataRole.UserRole + 1
_ROW = Qt.ItemDataRole.UserRole + 2  # the account's index in the summary
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class _Item(QTableWidgetItem):
    """Sorts by its key (numbers as numbers; the state column worst first)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        # (QTableWidgetItem's own __lt__ would call this one again: compare texts instead.)
        mine, theirs = self.data(_SORT), other.data(_SORT)
        if mine is None or theirs is None:
            return self.text() < other.text()
        try:
            return bool(mine < theirs)
        except TypeError:
            return str(mine) < str(theirs)


def summary_index(t: QTableWidget, row: int, count: int) -> int | None:
    """The summary's index of the account on table row `row` (rows sort); None when that
    row does not hold one of the `count` accounts."""
    item = t.item(row, OLD) if row >= 0 else None
    index = item.data(_ROW) if item is not None else None
    return index if isinstance(index, int) and index < count else None


def fill_accounts_table(
    t: QTableWidget, accounts: list[dict[str, Any]], batch: dict[str, Any]
) -> None:
    """(Re)fill the rows from the summary's accounts, keeping the sort order and the
    chosen account."""
    count = len(accounts)
    order = (
        t.horizontalHeader().sortIndicatorSection(),
        t.horizontalHeader().sortIndicatorOrder(),
    )
    current = summary_index(t, t.currentRow(), count)
    t.setSortingEnabled(False)
    t.setRowCount(count)
    for row, a in enumerate(accounts):
        state = str(a.get("state", ""))
        failed = int_of(a.get("failed"))
        line = int_of(a.get("line"))
        error = first_error_text(a, batch)
        seconds = float_of(a.get("duration"))
        size = int_of(a.get("bytes"))
        cells: list[tuple[str, object]] = [
            (str(a.get("source_user", "")), str(a.get("source_user", "")).lower()),
            (str(a.get("target_user", "")), str(a.get("target_user", "")).lower()),
            (
                state_text(state),
                STATE_RANK.get(state, len(STATE_RANK)) * 10**8 + (failed == 0) * 10**7 + line,
            ),
            (str(int_of(a.get("source_messages"))), int_of(a.get("source_messages"))),
            (str(int_of(a.get("copied"))), int_of(a.get("copied"))),
            (str(int_of(a.get("already_there"))), int_of(a.get("already_there"))),
            (str(failed), failed),
            (size_text(size), size),
            (duration_clock(seconds), seconds),
            (error, error.lower()),
        ]
        for col, (text, key) in enumerate(cells):
            item = _Item(text)
            item.setData(_SORT, key)
            if col in _NUMBERS:
                item.setTextAlignment(_RIGHT)
            if state in _PROBLEM:
                item.setBackground(QBrush(QColor("#fde2e2")))
                item.setForeground(QBrush(QColor("#000000")))
            elif state in _WARNING:
                item.setBackground(QBrush(QColor("#fff4d6")))
                item.setForeground(QBrush(QColor("#000000")))
            elif state in _IDLE:
                item.setForeground(QBrush(QColor("#6b6b6b")))
            t.setItem(row, col, item)
        first = cell(t, row, OLD)
        first.setData(_ROW, row)
        # The view's context: translated as part of that window.
        where = QCoreApplication.translate("BatchSummaryView", "Line {line} of the accounts file")
        first.setToolTip(fill(where, line=line))
        raw = str(a.get("first_error") or "")
        cell(t, row, ERROR).setToolTip(f"{error}\n\n{raw}" if raw and raw != error else error)
    t.setSortingEnabled(True)
    t.sortItems(*order)
    if current is not None:
        for row in range(t.rowCount()):
            if summary_index(t, row, count) == current:
                t.setCurrentCell(row, OLD)
