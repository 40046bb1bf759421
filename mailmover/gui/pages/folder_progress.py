"""The Moving page's table: one row per planned folder, as the engine's model counts it."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QTableWidgetItem

from mailmover.engine import DONE, PLANNED, FolderProgress
from mailmover.gui.messages import fill, folder_label
from mailmover.gui.pages.base import cell, table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COL_FOLDER, COL_DONE, COL_COPIED, COL_PRESENT, COL_FAILED, COL_STATE = range(6)


class FolderProgressTable(QObject):
    """Renders FolderProgress rows; counts nothing itself."""

    def __init__(self) -> None:
        super().__init__()
        self.table = table(6, stretch=0)
        self._reading: tuple[str, float] | None = None  # (folder, since) being read

    def show(self, rows: list[FolderProgress], roles: dict[str, str | None],
             reading: str | None, running: bool, paused: bool = False) -> None:
        """`reading`: the folder the engine is reading and comparing (not yet counted);
        `running`: the move is under way (or paused). An earlier run's copies of this
        move count as copied (`copied_by_move`), as on the rest of the page."""
        self.table.setRowCount(len(rows))
        for row, f in enumerate(rows):
            counts = ("", "", "") if f.state == PLANNED else (
                str(f.copied_by_move), str(f.found_there), str(f.failed))
            cells = (folder_label(f.source, roles.get(f.source)), f"{f.done} / {f.total}",
                     *counts, self._state_text(f, reading, running, paused))
            for col, text in enumerate(cells):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    if col not in (COL_FOLDER, COL_STATE):
                        item.setTextAlignment(RIGHT)
                    self.table.setItem(row, col, item)
                if item.text() != text:
                    item.setText(text)
            cell(self.table, row, COL_FOLDER).setToolTip(f.source)

    def _state_text(self, f: FolderProgress, reading: str | None, running: bool,
                    paused: bool) -> str:
        if f.state == DONE:
            return self.tr("✔ done") if not f.failed else self.tr("done, some failed")
        if paused and f.state != PLANNED:
            return self.tr("paused")
        if running and f.state != PLANNED:
            return self.tr("copying…")  # several folders may be in flight at once
        if running and reading == f.source:
            return fill(self.tr("reading… {s} s"), s=int(self.reading_for(f.source)))
        if running:
            return self.tr("to come")
        return self.tr("not reached") if f.state == PLANNED else self.tr("stopped")

    def reading_for(self, name: str) -> float:
        """Seconds since the engine moved on to reading `name`."""
        if self._reading is None or self._reading[0] != name:
            self._reading = (name, time.monotonic())
        return time.monotonic() - self._reading[1]

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Folder"), self.tr("Done"), self.tr("Copied"), self.tr("Already there"),
            self.tr("Failed"), self.tr("State")])
        self.table.setAccessibleName(self.tr("Progress per folder"))
