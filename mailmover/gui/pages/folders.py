"""Page 4: which folders move, how big they are, where each goes, how long it takes."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
)

from mailmover.engine.folders import FolderMapping
from mailmover.gui.messages import (
    duration_text,
    exception_text,
    fill,
    folder_note,
    role_name,
    size_text,
)
from mailmover.gui.pages.base import Page, wrap_label
from mailmover.gui.worker import CallWorker, make_plan

# A cautious guess for a far-away server: bytes per second plus a cost per message.
ASSUMED_BYTES_PER_SECOND = 1.5 * 1024 * 1024
ASSUMED_SECONDS_PER_MESSAGE = 0.04

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
COL_MOVE, COL_SOURCE, COL_COUNT, COL_SIZE, COL_TARGET, COL_NOTE = range(6)


def estimate_seconds(mappings: list[FolderMapping]) -> float:
    chosen = [m for m in mappings if m.include]
    size = sum(m.size or 0 for m in chosen)
    count = sum(m.messages or 0 for m in chosen)
    return size / ASSUMED_BYTES_PER_SECOND + count * ASSUMED_SECONDS_PER_MESSAGE


class FoldersPage(Page):
    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.layout_.addWidget(self.busy)
        self.table = QTableWidget(0, 6)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._item_changed)
        self.layout_.addWidget(self.table, 1)
        self.estimate = wrap_label()
        self.estimate.setObjectName("estimate")
        self.layout_.addWidget(self.estimate)
        self.error = wrap_label()
        self.layout_.addWidget(self.error)
        self.loaded = False
        self._filling = False
        self._error: BaseException | None = None
        self.retranslate()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.loaded = False
        self._error = None
        self.table.setRowCount(0)
        self.busy.setVisible(True)
        self.completeChanged.emit()
        src, dst = self.session.source, self.session.target
        assert src is not None and dst is not None
        worker = CallWorker(lambda: make_plan(src, dst))
        worker.result.connect(self._planned)
        worker.failed.connect(self._plan_failed)
        self.threads.start(worker)
        self.retranslate()

    def _planned(self, mappings: list[FolderMapping]) -> None:
        resume = self.session.resume
        if resume is not None:  # keep what the user chose last time
            saved = {row["source"]: row for row in resume.mapping}
            for m in mappings:
                if m.source in saved:
                    m.target = saved[m.source]["target"] or m.target
                    m.include = bool(saved[m.source]["include"])
        self.session.mappings = mappings
        self._fill(mappings)
        self.loaded = True
        self.busy.setVisible(False)
        self.session.log("plan: " + ", ".join(
            f"{m.source}->{m.target}{'' if m.include else ' (off)'}" for m in mappings))
        self.retranslate()
        self.completeChanged.emit()

    def _plan_failed(self, exc: BaseException) -> None:
        self._error = exc
        self.busy.setVisible(False)
        self.session.log(f"plan failed: {exc}")
        self.retranslate()

    def _fill(self, mappings: list[FolderMapping]) -> None:
        self._filling = True
        self.table.setRowCount(len(mappings))
        for row, m in enumerate(mappings):
            move = QTableWidgetItem()
            move.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            move.setCheckState(Qt.CheckState.Checked if m.include else Qt.CheckState.Unchecked)
            self.table.setItem(row, COL_MOVE, move)
            # People know "收件箱"/"Inbox", not the protocol's "INBOX".
            shown = role_name(m.role) if m.source.upper() == "INBOX" else m.source
            for col, text in ((COL_SOURCE, shown), (COL_COUNT, str(m.messages or 0)),
                              (COL_SIZE, size_text(m.size)), (COL_NOTE, "")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if col in (COL_COUNT, COL_SIZE):
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
            target = QTableWidgetItem(m.target)
            self.table.setItem(row, COL_TARGET, target)
        self._filling = False
        self._retranslate_rows()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or not self.loaded:
            return
        row = item.row()
        if row >= len(self.session.mappings):
            return
        m = self.session.mappings[row]
        if item.column() == COL_MOVE:
            m.include = item.checkState() == Qt.CheckState.Checked
            m.reason = m.reason if not m.include else ""
            if not m.include and not m.reason:
                m.reason = "user"
        elif item.column() == COL_TARGET:
            m.target = item.text().strip() or m.target
        self._retranslate_rows()
        self._update_estimate()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.loaded and any(m.include for m in self.session.mappings)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        self.session.mappings = [replace(m) for m in self.session.mappings]
        return True

    def _update_estimate(self) -> None:
        if not self.loaded:
            self.estimate.setText("")
            return
        chosen = [m for m in self.session.mappings if m.include]
        self.estimate.setText(fill(
            self.tr("{folders} folders, {messages} messages, {size} to move. Estimated time: "
                    "{time}. You can keep working meanwhile."),
            folders=len(chosen), messages=sum(m.messages or 0 for m in chosen),
            size=size_text(sum(m.size or 0 for m in chosen)),
            time=duration_text(estimate_seconds(self.session.mappings))))

    def _retranslate_rows(self) -> None:
        self._filling = True
        for row, m in enumerate(self.session.mappings[: self.table.rowCount()]):
            role = role_name(m.role)
            note = folder_note(m.reason) if not m.include else ""
            if m.include and role:
                note = fill(self.tr("Goes to the new mailbox's {role} folder"), role=role)
            item = self.table.item(row, COL_NOTE)
            if item is not None:
                item.setText(note)
            move = self.table.item(row, COL_MOVE)
            if move is not None:
                move.setData(Qt.ItemDataRole.AccessibleTextRole,
                             fill(self.tr("Move folder {folder}"), folder=m.source))
        self._filling = False

    def retranslate(self) -> None:
        self.setTitle(self.tr("What to move"))
        self.setSubTitle(self.tr("Your folders in the old mailbox and where each will go."))
        self.intro.setText(self.tr(
            "Ticked folders are copied. You can change the name of the folder in the new "
            "mailbox by double-clicking it. Quarantine folders (viruses) are left out unless "
            "you tick them."))
        self.table.setHorizontalHeaderLabels([
            self.tr("Move"), self.tr("Old folder"), self.tr("Messages"), self.tr("Size"),
            self.tr("Folder in the new mailbox"), self.tr("Note")])
        self.table.setAccessibleName(self.tr("Folders to move"))
        if not self.loaded and self._error is None:
            self.estimate.setText(self.tr("Reading your folders…"))
        else:
            self._update_estimate()
        self.error.setText(exception_text(self._error) if self._error else "")
        self._retranslate_rows()
        self.setButtonText_()

    def setButtonText_(self) -> None:  # noqa: N802 - matches Qt's naming nearby
        from PySide6.QtWidgets import QWizard

        # A commit page: once moving has started, Back no longer leads here.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Start moving"))
