"""Page 5: the move itself; overall and per-folder progress, pause, resume, cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
)

from mailmover.engine import errors
from mailmover.engine.control import Control
from mailmover.engine.events import (
    Connected,
    Finished,
    FolderFinished,
    FolderStarted,
    MessageFailed,
    Paused,
    PlanReady,
    Resumed,
    Retrying,
    Warning,
)
from mailmover.engine.report import Report
from mailmover.gui.messages import (
    duration_text,
    error_text,
    exception_text,
    fill,
    folder_label,
    plural,
    size_text,
)
from mailmover.gui.pages.base import Page, table, wrap_label
from mailmover.gui.worker import FolderTally, MoveWorker

BATCH_MESSAGES = 20
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Warnings that do not stop the move, shown beside "Copying your mail".
NOTICES = (errors.FEWER_CONNECTIONS, errors.FOLDER_MISSING, errors.THROTTLED,
           errors.UIDVALIDITY_CHANGED)
IDLE, RUNNING, PAUSED, DONE, CANCELLED, STOPPED, FAILED = (
    "idle", "running", "paused", "done", "cancelled", "stopped", "failed")


class MovingPage(Page):
    progressed = Signal()  # after each (throttled) update; tests and help desk listen
    move_finished = Signal(object)  # the Report

    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.state = IDLE
        self.control: Control | None = None
        self.snapshot: dict[str, Any] = {"elapsed": 0.0, "folders": []}
        self.planned = (0, 0)
        self.status_args: dict[str, Any] = {}
        self.problem: BaseException | None = None
        self.updates = 0
        self._worker_alive = False

        self.status = wrap_label()
        self.status.setObjectName("status")
        self.layout_.addWidget(self.status)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.layout_.addWidget(self.bar)
        self.numbers = wrap_label()
        self.layout_.addWidget(self.numbers)

        grid = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        self.count_values: dict[str, QLabel] = {}
        for i, key in enumerate(("copied", "present", "skipped", "failed")):
            name, value = QLabel(), QLabel("0")
            value.setObjectName(f"count_{key}")
            value.setMinimumWidth(48)  # keep each number next to its label
            grid.addWidget(name, 0, i * 2)
            grid.addWidget(value, 0, i * 2 + 1)
            self.count_labels[key], self.count_values[key] = name, value
        grid.setColumnStretch(8, 1)
        self.layout_.addLayout(grid)

        self.table = table(5, stretch=0)
        self.layout_.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self.start_move)
        for b in (self.pause_button, self.cancel_button, self.again_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.layout_.addLayout(buttons)
        self._update_buttons()
        self.retranslate()

    # -- running --------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        if self.state in (IDLE, DONE, CANCELLED, STOPPED, FAILED):
            self.start_move()
        self.settle()

    def start_move(self) -> None:
        if self.state in (RUNNING, PAUSED):
            return
        s = self.session
        assert s.source is not None and s.target is not None
        self.control = Control()
        self.threads.controls.append(self.control)
        self.problem = None
        self.status_args = {}
        self.snapshot = {"elapsed": 0.0, "folders": []}
        self.planned = (
            sum(m.messages or 0 for m in s.mappings if m.include),
            sum(m.size or 0 for m in s.mappings if m.include),
        )
        # Smaller batches than the CLI: Pause and Stop take effect within a few messages.
        options = s.move_options(saved_dir=s.saved_dir(), batch_messages=BATCH_MESSAGES)
        worker = MoveWorker(
            s.source, s.target, s.store_path(), s.mappings, options, self.control,
            meta={"gui.source_url": s.source.url, "gui.target_url": s.target.url},
        )
        worker.event.connect(self._event)
        worker.progress.connect(self._progress)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._worker_done)
        self.state = RUNNING
        self._worker_alive = True
        s.log(f"move started: {len([m for m in s.mappings if m.include])} folders")
        self.threads.start(worker)
        self._refresh()

    def toggle_pause(self) -> None:
        if self.control is None:
            return
        if self.state == RUNNING:
            self.control.pause()
            self.state = PAUSED
            self.session.log("paused by the user")
        elif self.state == PAUSED:
            self.control.resume()
            self.state = RUNNING
            self.session.log("resumed by the user")
        self._refresh()

    def cancel(self) -> None:
        if self.control is not None and self.state in (RUNNING, PAUSED):
            self.control.cancel()
            self.session.log("cancelled by the user")
            self.status_args = {"stopping": True}
            self._refresh()

    def is_running(self) -> bool:
        return self.state in (RUNNING, PAUSED)

    # -- from the worker --------------------------------------------------------------
    def _progress(self, snapshot: dict[str, Any]) -> None:
        self.snapshot = snapshot
        self.updates += 1
        self._refresh()
        self.progressed.emit()

    def _event(self, ev: object) -> None:
        s = self.session
        if isinstance(ev, Connected):
            s.note_capabilities(ev.side, ev.host, ev.capabilities, ev.greeting)
            s.log(f"connected {ev.side} {ev.host}")
        elif isinstance(ev, PlanReady):
            self.planned = (ev.messages, ev.bytes)
        elif isinstance(ev, FolderStarted):
            s.log(f"folder {ev.source} -> {ev.target}: {ev.total} messages, {ev.to_copy} to "
                  f"copy, {ev.present} already there, {ev.skipped} skipped")
        elif isinstance(ev, FolderFinished):
            s.log(f"folder {ev.source} done: {ev.counts}")
        elif isinstance(ev, MessageFailed):
            s.log(f"message failed {ev.folder} uid {ev.uid}: {ev.reason} {ev.detail}")
        elif isinstance(ev, Retrying):
            self.status_args = {"retry": ev}
            s.log(f"retrying ({ev.reason}) attempt {ev.attempt} in {ev.delay:.0f}s {ev.detail}")
        elif isinstance(ev, Warning):
            self.status_args = {**self.status_args, "warning": ev}
            s.log(f"warning {ev.code} {ev.params}")
        elif isinstance(ev, Paused | Resumed):
            s.log(type(ev).__name__.lower())
        elif isinstance(ev, Finished):
            report: Report = ev.report  # type: ignore[assignment]
            s.report = report
            self.state = (CANCELLED if report.cancelled else
                          STOPPED if report.stopped_reason else DONE)
            s.log(f"move finished: {self.state} {report.totals()}")
        self._refresh()

    def _failed(self, exc: BaseException) -> None:
        self.problem = exc
        self.state = FAILED
        self.session.log(f"move failed: {exc!r}")
        tb = getattr(exc, "__traceback_text__", "")
        if tb and not getattr(exc, "code", None):
            self.session.log(tb)

    def _worker_done(self) -> None:
        self._worker_alive = False
        if self.state in (RUNNING, PAUSED):  # ended without a Finished event
            self.state = FAILED
        self._refresh()
        self.completeChanged.emit()
        if self.session.report is not None and self.state != FAILED:
            self.move_finished.emit(self.session.report)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return (not self._worker_alive and self.state in (DONE, CANCELLED, STOPPED, FAILED)
                and self.session.report is not None)

    # -- display ------------------------------------------------------------------------
    def totals(self) -> dict[str, int]:
        folders: list[FolderTally] = self.snapshot["folders"]
        keys = ("copied", "present", "skipped", "failed", "bytes_copied")
        return {k: sum(getattr(f, k) for f in folders) for k in keys}

    def _update_buttons(self) -> None:
        running = self.state in (RUNNING, PAUSED)
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running and not self.status_args.get("stopping"))
        self.again_button.setVisible(self.state in (CANCELLED, STOPPED, FAILED))
        self.pause_button.setText(self.tr("&Resume") if self.state == PAUSED else
                                  self.tr("&Pause"))
        self.pause_button.setAccessibleName(self.pause_button.text().replace("&", ""))

    def _refresh(self) -> None:
        t = self.totals()
        total_messages, total_bytes = self.planned
        done = t["copied"] + t["present"] + t["skipped"] + t["failed"]
        self.bar.setRange(0, max(total_messages, 1))
        self.bar.setValue(min(done, max(total_messages, 1)))
        self.bar.setAccessibleName(self.tr("Overall progress"))
        for key, label in self.count_values.items():
            label.setText(str(t[key]))
        elapsed = max(self.snapshot["elapsed"], 1e-3)
        rate = t["copied"] / elapsed
        left = max(total_messages - done, 0)
        numbers = fill(
            plural(total_messages, self.tr("{done} of {n} message · {mb} copied of {total_mb}"),
                   self.tr("{done} of {n} messages · {mb} copied of {total_mb}")),
            done=done, mb=size_text(t["bytes_copied"]), total_mb=size_text(total_bytes))
        if self.state == RUNNING and t["copied"] > 0:
            numbers += " · " + fill(
                self.tr("{rate} messages a second ({mbs}/s) · {left} left"),
                rate=f"{rate:.1f}", mbs=size_text(int(t['bytes_copied'] / elapsed)),
                left=duration_text(left / rate if rate > 0 else 0))
        self.numbers.setText(numbers)
        self.status.setText(self._status_text())
        folders: list[FolderTally] = self.snapshot["folders"]
        roles = {m.source: m.role for m in self.session.mappings}
        self.table.setRowCount(len(folders))
        for row, f in enumerate(folders):
            accounted = f.copied + f.present + f.skipped + f.failed
            cells = (folder_label(f.source, roles.get(f.source)), f"{accounted} / {f.total}",
                     str(f.copied), str(f.present), str(f.failed))
            for col, text in enumerate(cells):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    if col:
                        item.setTextAlignment(RIGHT)
                    self.table.setItem(row, col, item)
                if item.text() != text:
                    item.setText(text)
            self.table.item(row, 0).setToolTip(f.source)
        self._update_buttons()

    def _status_text(self) -> str:
        if self.status_args.get("stopping") and self.state in (RUNNING, PAUSED):
            return self.tr("Stopping after the messages in flight…")
        if self.state == PAUSED:
            return self.tr("Paused. Nothing is lost; click Resume to go on.")
        if self.state == RUNNING:
            retry = self.status_args.get("retry")
            if retry is not None:
                return fill(self.tr("The connection was interrupted ({why}). Trying again in "
                                    "{seconds} seconds (attempt {n})…"),
                            why=error_text(retry.reason, {"host": ""}),
                            seconds=f"{retry.delay:.0f}", n=retry.attempt)
            text = self.tr("Copying your mail. You can keep working; the window stays "
                           "responsive.")
            warning = self.status_args.get("warning")
            if warning is not None and warning.code in NOTICES:
                text += " " + error_text(warning.code, warning.params)
            return text
        if self.state == DONE:
            return self.tr("All folders are done. Click Next to check the result.")
        if self.state == CANCELLED:
            return self.tr("The move was stopped. What was copied stays copied; click "
                           "\"Continue moving\" to go on, or Next to see the result so far.")
        if self.state == STOPPED:
            warning = self.status_args.get("warning")
            why = error_text(warning.code, warning.params) if warning else ""
            return fill(self.tr("The move stopped early: {why} Continue when the problem is "
                                "fixed."), why=why)
        if self.state == FAILED and self.problem is not None:
            return fill(self.tr("The move could not go on: {why}"),
                        why=exception_text(self.problem))
        return ""

    def retranslate(self) -> None:
        self.setTitle(self.tr("Moving your mail"))
        self.setSubTitle(self.tr("Copying from the old mailbox to the new one."))
        self.intro.setText(self.tr(
            "Messages already in the new mailbox are not copied again. You can pause, or "
            "stop and continue later: mailmover remembers where it was."))
        names = {"copied": self.tr("Copied:"), "present": self.tr("Already there:"),
                 "skipped": self.tr("Skipped:"), "failed": self.tr("Failed:")}
        for key, label in self.count_labels.items():
            label.setText(names[key])
        self.table.setHorizontalHeaderLabels([
            self.tr("Folder"), self.tr("Done"), self.tr("Copied"), self.tr("Already there"),
            self.tr("Failed")])
        self.table.setAccessibleName(self.tr("Progress per folder"))
        self.cancel_button.setText(self.tr("&Stop"))
        self.cancel_button.setAccessibleName(self.tr("Stop"))
        self.again_button.setText(self.tr("Continue &moving"))
        self.again_button.setAccessibleName(self.tr("Continue moving"))
        self._refresh()
