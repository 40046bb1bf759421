"""Page 5: the move itself; overall and per-folder progress, pause, resume, cancel."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
)

from mailmover.engine import DONE as DONE_STATE
from mailmover.engine import (
    PLANNED,
    Connected,
    Control,
    Finished,
    FolderProgress,
    ProgressModel,
    Report,
    Retrying,
    Snapshot,
    Warning,
    errors,
    plan_ready,
)
from mailmover.gui.event_log import log_line
from mailmover.gui.messages import (
    duration_text,
    error_text,
    exception_text,
    fill,
    folder_label,
    helpdesk_text,
    plural,
    size_text,
)
from mailmover.gui.pages.base import Page, announce, wrap_label
from mailmover.gui.pages.folder_progress import FolderProgressTable
from mailmover.gui.pages.moving_parts import AwakeNote, Counts
from mailmover.gui.worker import MoveWorker
from mailmover.keepawake import KeepAwake
from mailmover.store import local_error
from mailmover.store_reader import accounted

BATCH_MESSAGES = 20
# Warnings that do not stop the move, shown beside "Copying your mail".
NOTICES = (errors.FEWER_CONNECTIONS, errors.FOLDER_MISSING, errors.THROTTLED,
           errors.UIDVALIDITY_CHANGED, errors.FOLDER_RELOCATED, errors.FOLDER_RENAMED,
           errors.FOLDER_NAME_TAKEN, errors.FOLDER_RECOGNISED, errors.FLAGS_NOT_KEPT,
           errors.FOLDER_REFUSED, errors.NO_PERMISSIONS, errors.FOLDER_GONE_DURING_MOVE,
           errors.DELETED_DURING_MOVE, errors.FOLDER_RECREATED, errors.DATES_NOT_KEPT,
           errors.DELETED_MARKED_LEFT_OUT, errors.APPENDS_LOST,
           errors.FOLDER_BESIDE_PARENT)
# No change in the counts for this long while copying: say we are waiting for the network,
# and stop promising a time left.
STALL_SECONDS = 15
IDLE, RUNNING, PAUSED, DONE, CANCELLED, STOPPED, FAILED = (
    "idle", "running", "paused", "done", "cancelled", "stopped", "failed")


class MovingPage(Page):
    progressed = Signal()  # after each (throttled) update; tests and help desk listen
    move_finished = Signal(object)  # the Report

    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.state = IDLE
        self.control: Control | None = None
        self.snapshot: Snapshot | None = None  # the engine's progress model, rendered
        self.status_args: dict[str, Any] = {}
        self.problem: BaseException | None = None
        self.updates = 0
        self._worker_alive = False
        self.continuing: tuple[int, int] | None = None  # (done before, total)
        self.last_change = time.monotonic()  # when the counts last moved
        self._last_done = -1
        self.keep_awake = KeepAwake()
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)

        self.resume_note = wrap_label()
        self.resume_note.setObjectName("resume_note")
        self.resume_note.setVisible(False)
        self.layout_.addWidget(self.resume_note)

        self.status = wrap_label()
        self.status.setObjectName("status")
        self.layout_.addWidget(self.status)
        # Pause and Stop beside the bar they act on, where the status line points to them.
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.bar, 1)
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self.start_move)
        for b in (self.pause_button, self.cancel_button, self.again_button):
            buttons.addWidget(b)
        self.layout_.addLayout(buttons)
        self.numbers = wrap_label()
        self.layout_.addWidget(self.numbers)

        self.counts = Counts()
        self.layout_.addWidget(self.counts)
        self.awake = AwakeNote()
        self.layout_.addWidget(self.awake)
        self.folder_table = FolderProgressTable()
        self.table = self.folder_table.table
        self.layout_.addWidget(self.table, 1)

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
        try:
            s.saved_dir()  # makes the state folders, or refuses one others can change
        except OSError as exc:
            self._failed(local_error(exc, Path(getattr(exc, "where", "") or ".")) or exc)
            self._refresh()
            announce(self.status, self._status_text())
            return
        self.control = Control()
        self.threads.controls.append(self.control)
        self.problem = None
        self.status_args = {}
        # The bar's first frame, until the engine's own count arrives: the engine's model
        # given the plan and what earlier runs did (a stopped run continued, an unfinished
        # move reopened), so the bar starts there, not at 0, and counts as the engine does.
        first = ProgressModel()
        first.apply(plan_ready([m for m in s.mappings if m.include], accounted(s.store_path())))
        self.snapshot = first.snapshot()
        before = self.snapshot.messages_done
        self.continuing = (before, self.snapshot.messages_total) if before else None
        self.last_change = time.monotonic()
        self._last_done = -1
        # Smaller batches than the CLI: Pause and Stop take effect within a few messages.
        options = s.move_options(saved_dir=s.saved_dir(), batch_messages=BATCH_MESSAGES)
        counts = {m.source: m.messages or 0 for m in s.mappings if m.include}
        worker = MoveWorker(
            s.source, s.target, s.store_path(), s.mappings, options, self.control,
            meta={"gui.source_url": s.source.url, "gui.target_url": s.target.url,
                  "gui.planned": json.dumps(counts, ensure_ascii=False)},
            logins=s.logins,
        )
        worker.engine_event.connect(self._event)
        worker.progress.connect(self._progress)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._worker_done)
        self.state = RUNNING
        self._worker_alive = True
        s.log(f"move started: {len([m for m in s.mappings if m.include])} folders")
        if self.keep_awake.acquire():
            s.log(f"keeping the computer awake ({self.keep_awake.method})")
        else:
            s.log("the computer could not be kept awake")
        self.threads.start(worker)
        self.ticker.start()
        self.completeChanged.emit()  # Next stays off until this run has ended
        self._refresh()

    def stop_keeping_awake(self) -> None:
        if self.keep_awake.active:
            self.session.log("the computer may sleep again")
        self.keep_awake.release()

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
    def _progress(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.updates += 1
        self._refresh()
        self.progressed.emit()

    def _event(self, ev: object) -> None:
        s = self.session
        line = log_line(ev)
        if line is not None:
            s.log(line)
        if isinstance(ev, Connected):
            s.note_capabilities(ev.side, ev.host, ev.capabilities, ev.greeting)
        elif isinstance(ev, Retrying):
            # The wait counts from the cut, not from the latest of its attempts.
            since = self.status_args.get("retry_at", time.monotonic())
            self.status_args = {**self.status_args, "retry": ev, "retry_at": since}
            announce(self.status, self._status_text())
        elif isinstance(ev, Warning):
            self.status_args = {**self.status_args, "warning": ev}
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
        self.ticker.stop()
        self.stop_keeping_awake()
        if self.state in (RUNNING, PAUSED):  # ended without a Finished event
            self.state = FAILED
        self._refresh()
        announce(self.status, self._status_text())
        self.completeChanged.emit()
        if self.session.report is not None and self.state != FAILED:
            self.move_finished.emit(self.session.report)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return (not self._worker_alive and self.state in (DONE, CANCELLED, STOPPED, FAILED)
                and self.session.report is not None)

    # -- display: the engine's snapshot, rendered ---------------------------------------
    def totals(self) -> dict[str, int]:
        """As people count: an earlier run's copies of this move are copied."""
        snap = self.snapshot
        if snap is None:
            return {"copied": 0, "present": 0, "skipped": 0, "failed": 0, "bytes_copied": 0}
        return {"copied": snap.copied_by_move, "present": snap.found_there,
                "skipped": snap.skipped, "failed": snap.failed, "bytes_copied": snap.bytes_done}

    def rows(self) -> list[FolderProgress]:
        """Every planned folder in the order the engine takes them."""
        return list(self.snapshot.folders) if self.snapshot is not None else []

    def current_folder(self) -> tuple[str, bool] | None:
        """(folder, reached) the engine is working on: reached once the engine read it,
        before that it is reading and comparing both sides."""
        if self.state != RUNNING:
            return None
        for f in self.rows():
            if f.state != DONE_STATE:
                return f.source, f.state != PLANNED
        return None

    def stalled_for(self) -> float:
        """Seconds without any change in the counts while copying (0 otherwise)."""
        current = self.current_folder()
        if current is None or not current[1]:
            return 0.0  # reading a folder: no counts change, that is expected
        return max(time.monotonic() - self.last_change, 0.0)

    def _tick(self) -> None:
        if self.state in (RUNNING, PAUSED):
            self._refresh()

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
        snap = self.snapshot
        rows = self.rows()
        total_messages = snap.messages_total if snap is not None else 0
        total_bytes = snap.bytes_total if snap is not None else 0
        done = snap.messages_done if snap is not None else 0
        now = time.monotonic()
        if done != self._last_done:
            self._last_done, self.last_change = done, now
        if "retry" in self.status_args and snap is not None and snap.waiting is None:
            # Copying goes on again (the engine says so): the interruption is over.
            self.status_args = {k: v for k, v in self.status_args.items()
                                if k not in ("retry", "retry_at")}
        total = max(total_messages, done, 1)
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))
        self.bar.setAccessibleName(self.tr("Overall progress"))
        self.counts.show_counts(t)
        numbers = fill(
            plural(total_messages, self.tr("{done} of {n} message · {mb} copied of {total_mb}"),
                   self.tr("{done} of {n} messages · {mb} copied of {total_mb}")),
            done=done, mb=size_text(t["bytes_copied"]), total_mb=size_text(total_bytes))
        waiting = "retry" in self.status_args or self.stalled_for() >= STALL_SECONDS
        if (self.state == RUNNING and snap is not None and snap.eta_seconds is not None
                and not waiting):
            # The engine's estimate: from the recent throughput, retries included.
            numbers += " · " + fill(
                self.tr("{rate} messages a second ({mbs}/s) · {left} left"),
                rate=f"{snap.rate_messages:.1f}", mbs=size_text(int(snap.rate_bytes)),
                left=duration_text(snap.eta_seconds))
        self.numbers.setText(numbers)
        self.status.setText(self._status_text())
        if self.continuing is not None:
            self.resume_note.setText(fill(
                plural(self.continuing[1],
                       self.tr("Continuing the move where it stopped: {done} of {n} message "
                               "had been done before."),
                       self.tr("Continuing the move where it stopped: {done} of {n} messages "
                               "had been done before.")),
                done=self.continuing[0]))
        self.resume_note.setVisible(self.continuing is not None)
        self.awake.show_for(self.keep_awake.active if self.state in (RUNNING, PAUSED)
                            else None)
        current = self.current_folder()
        self.folder_table.show(rows, {m.source: m.role for m in self.session.mappings},
                               current[0] if current is not None and not current[1] else None,
                               self.state in (RUNNING, PAUSED), paused=self.state == PAUSED)
        self._update_buttons()

    def _hosts(self, detail: str, host: str = "") -> str:
        if host:
            return host  # the engine knows which connection broke
        hosts = [a.host for a in (self.session.source, self.session.target) if a is not None]
        named = [h for h in hosts if h and h in detail]
        return " / ".join(dict.fromkeys(named or hosts))

    def _status_text(self) -> str:
        if self.status_args.get("stopping") and self.state in (RUNNING, PAUSED):
            return self.tr("Stopping after the messages in flight…")
        if self.state == PAUSED:
            return self.tr("Paused. Nothing is lost; click Resume to go on.")
        if self.state == RUNNING:
            return self._running_text()
        if self.state == DONE:
            return self.tr("All folders are done. Click Next to check the result.")
        if self.state == CANCELLED:
            return self.tr("The move was stopped. What was copied stays copied; click "
                           "\"Continue moving\" to go on, or Next to see the result so far.")
        desk = helpdesk_text(self.session)
        if self.state == STOPPED:
            warning = self.status_args.get("warning")
            why = error_text(warning.code, warning.params) if warning else ""
            text = fill(self.tr("The move stopped early: {why} Click \"Continue moving\" when "
                                "the problem is fixed."), why=why)
            return f"{text} {desk}".strip()
        if self.state == FAILED and self.problem is not None:
            text = fill(self.tr("The move could not go on: {why}"),
                        why=exception_text(self.problem))
            return f"{text} {desk}".strip()
        return ""

    def _running_text(self) -> str:
        retry = self.status_args.get("retry")
        if retry is not None:
            waited = int(time.monotonic() - self.status_args.get("retry_at", time.monotonic()))
            return fill(self.tr("The connection to {host} was interrupted. Waiting for the "
                                "network… ({seconds} s, attempt {n}). Nothing is lost."),
                        host=self._hosts(retry.detail, retry.host), seconds=waited, n=retry.attempt)
        stalled = self.stalled_for()
        if stalled >= STALL_SECONDS:
            return fill(self.tr("No answer from {host} for {seconds} seconds. Waiting for the "
                                "network… Nothing is lost."),
                        host=self._hosts(""), seconds=int(stalled))
        current = self.current_folder()
        if current is not None and not current[1]:
            name = current[0]
            m = next((m for m in self.session.mappings if m.source == name), None)
            text = fill(plural(m.messages or 0 if m else 0,
                               self.tr("Reading {folder} (1 message) and comparing it with the "
                                       "new mailbox, so nothing is copied twice…"),
                               self.tr("Reading {folder} ({n} messages) and comparing it with "
                                       "the new mailbox, so nothing is copied twice…")),
                        folder=folder_label(name, m.role if m else None))
        else:
            text = self.tr("Copying your mail. You can keep working; the window stays "
                           "responsive.")
        warning = self.status_args.get("warning")
        if warning is not None and warning.code in NOTICES:
            text += " " + error_text(warning.code, warning.params)
        return text

    def retranslate(self) -> None:
        self.setTitle(self.tr("Moving your mail"))
        self.setSubTitle(self.tr("Copying from the old mailbox to the new one."))
        self.intro.setText(self.tr(
            "Messages already in the new mailbox are not copied again. You can pause, or "
            "stop and continue later: mailmover remembers where it was."))
        self.awake.retranslate()
        self.counts.retranslate()
        self.folder_table.retranslate()
        self.cancel_button.setText(self.tr("&Stop"))
        self.cancel_button.setAccessibleName(self.tr("Stop"))
        self.again_button.setText(self.tr("Continue &moving"))
        self.again_button.setAccessibleName(self.tr("Continue moving"))
        self._refresh()
