"""Column widths for the pages' tables: every header whole, no sideways scrolling.

A stretched column takes whatever the others leave, so a long note or folder name in a
column sized to its contents used to squeeze it below its own header ("older in the new
mailbc"). Here each column gets at least its header's width; columns sized to contents
keep their width; the `whole` ones (text that cannot wrap, such as an address) get what
their contents need, up to a share of the table; then the `wide` ones and the last share
the rest fairly, each up to what it needs, and the last column takes what remains. Rows
grow to show wrapped text, so a cell narrower than its text shows it on more lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableWidget

WHOLE_SHARE = 0.6  # of the table's width: the most a column kept whole takes first
SLACK = 2  # pixels beyond a whole column's need: text drawn at 150 % rounds up
ROWS_RESIZED = 300  # rows grown to their wrapped text, at most (a long list stays quick)


class ColumnFit(QObject):
    def __init__(self, table: QTableWidget, wide: Sequence[int],
                 whole: Sequence[int] = ()) -> None:
        super().__init__(table)
        self.table = table
        self.wide = [c for c in wide if c != table.columnCount() - 1]
        self.whole = [c for c in whole if c in self.wide]
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Not stretched by Qt: a stretched last section keeps at least the default
        # section size, so it stuck out of a narrow table. refit() sizes every column.
        header.setStretchLastSection(False)
        table.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refit)
        table.viewport().installEventFilter(self)
        model = table.model()
        for signal in (model.dataChanged, model.rowsInserted, model.rowsRemoved,
                       model.headerDataChanged, model.modelReset):
            signal.connect(self._timer.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def widths(self, available: int) -> list[int]:
        """Each column's width in a table `available` pixels wide."""
        t, header = self.table, self.table.horizontalHeader()
        n = t.columnCount()
        least = header.minimumSectionSize()  # Qt makes no section narrower
        floor = [max(header.sectionSizeFromContents(c).width(), least) for c in range(n)]
        need = [max(floor[c], t.sizeHintForColumn(c)) for c in range(n)]
        flexible = [*self.wide, n - 1]
        width = [floor[c] if c in flexible else need[c] for c in range(n)]
        room = available - sum(width)
        for c in self.whole:  # text that cannot wrap (an address): all of it, first
            wanted = min(need[c] + SLACK, int(available * WHOLE_SHARE))
            extra = max(min(wanted - width[c], room), 0)
            width[c] += extra
            room -= extra
        # The rest shared fairly: each flexible column up to what it needs, none starved.
        while room > 0:
            short = [c for c in flexible if width[c] < need[c]]
            if not short:
                break
            share = max(room // len(short), 1)
            for c in short:
                extra = min(need[c] - width[c], share, room)
                width[c] += extra
                room -= extra
        width[n - 1] += max(room, 0)
        return width

    def refit(self) -> None:
        t = self.table
        available = t.viewport().width()
        if available <= 0 or t.columnCount() == 0:
            return
        header = t.horizontalHeader()
        for c, w in enumerate(self.widths(available)):
            if header.sectionSize(c) != w:
                header.resizeSection(c, w)
        if t.rowCount() <= ROWS_RESIZED:
            t.resizeRowsToContents()
