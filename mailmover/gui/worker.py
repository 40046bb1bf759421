"""The only bridge between the engine and the window: workers on QThreads, signals out.

Each worker opens its own IMAP connections in its own thread (imapclient is not
thread-safe). A move is paused/cancelled through engine.control.Control, never by
terminating the thread. Per-message events are folded into a throttled snapshot
(~10 a second) so a fast copy cannot flood the event loop.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from mailmover.doctor import Checkup, Finding
from mailmover.engine.account import Account
from mailmover.engine.connect import connect
from mailmover.engine.control import Control
from mailmover.engine.events import (
    Event,
    Finished,
    FolderFinished,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    PlanReady,
)
from mailmover.engine.folders import FolderMapping
from mailmover.engine.presets import Preset
from mailmover.engine.transfer import Migration, MoveOptions
from mailmover.engine.verify import verify
from mailmover.store import Store

UPDATE_INTERVAL = 0.1  # seconds between progress snapshots (~10 UI updates a second)


@dataclass
class FolderTally:
    source: str
    target: str = ""
    total: int = 0
    to_copy: int = 0
    copied: int = 0
    present: int = 0
    skipped: int = 0
    failed: int = 0
    bytes_to_copy: int = 0
    bytes_copied: int = 0
    done: bool = False


@dataclass
class Tally:
    """Running counts of this run, as the Moving page shows them."""

    started: float = field(default_factory=time.monotonic)
    folders: dict[str, FolderTally] = field(default_factory=dict)
    planned_messages: int = 0
    planned_bytes: int = 0

    def apply(self, ev: Event) -> None:
        if isinstance(ev, PlanReady):
            self.planned_messages, self.planned_bytes = ev.messages, ev.bytes
        elif isinstance(ev, FolderStarted):
            self.folders[ev.source] = FolderTally(
                ev.source,
                ev.target,
                ev.total,
                ev.to_copy,
                present=ev.present,
                skipped=ev.skipped,
                bytes_to_copy=ev.bytes_to_copy,
            )
        elif isinstance(ev, MessageCopied):
            f = self.folders.setdefault(ev.folder, FolderTally(ev.folder))
            f.copied += 1
            f.bytes_copied += ev.size
        elif isinstance(ev, MessageFailed):
            self.folders.setdefault(ev.folder, FolderTally(ev.folder)).failed += 1
        elif isinstance(ev, FolderFinished):
            f = self.folders.setdefault(ev.source, FolderTally(ev.source))
            f.done = True

    def snapshot(self) -> dict[str, Any]:
        folders = [FolderTally(**vars(f)) for f in self.folders.values()]
        return {"elapsed": time.monotonic() - self.started, "folders": folders}


class Worker(QObject):
    """Base: run() on the worker thread, finished() exactly once at the end."""

    finished = Signal()
    failed = Signal(object)  # the exception (MailMoverError carries a code)

    @Slot()
    def run(self) -> None:
        try:
            self.work()
        except Exception as exc:  # noqa: BLE001 - reported to the page, never swallowed
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.failed.emit(exc)
        finally:
            self.finished.emit()

    def work(self) -> None:
        raise NotImplementedError


class CallWorker(Worker):
    """Runs one function (check login, plan, verify) and hands back its result."""

    result = Signal(object)

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self._fn = fn

    def work(self) -> None:
        self.result.emit(self._fn())


class IterWorker(Worker):
    """Runs a generator (the pre-flight check) and hands back each item as it comes."""

    item = Signal(object)

    def __init__(self, make: Callable[[], Iterator[object]]) -> None:
        super().__init__()
        self._make = make

    def work(self) -> None:
        for value in self._make():
            self.item.emit(value)


class MoveWorker(Worker):
    """Runs Migration.run() and reports through `event` and throttled `progress`."""

    # Not `event`: that would hide QObject.event(), through which Qt delivers events.
    engine_event = Signal(object)
    progress = Signal(object)  # Tally.snapshot()

    def __init__(
        self,
        source: Account,
        target: Account,
        store_path: Path,
        mappings: list[FolderMapping],
        options: MoveOptions,
        control: Control,
        meta: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.source, self.target = source, target
        self.store_path = store_path
        self.mappings = mappings
        self.options = options
        self.control = control
        self.meta = meta or {}
        self.tally = Tally()
        self._last_emit = 0.0

    def work(self) -> None:
        store = Store(self.store_path)
        for key, value in self.meta.items():
            store.set_meta(key, value)
        migration = Migration(self.source, self.target, store, self.options, self.control)
        try:
            for ev in migration.connect_events():
                self.engine_event.emit(ev)
            for ev in migration.run(self.mappings):
                self.tally.apply(ev)
                if isinstance(ev, MessageCopied):
                    self._maybe_progress()
                    continue
                self._progress_now()
                self.engine_event.emit(ev)
                if isinstance(ev, Finished):
                    break
        finally:
            migration.close()
            store.close()

    def _maybe_progress(self) -> None:
        now = time.monotonic()
        if now - self._last_emit >= UPDATE_INTERVAL:
            self._progress_now(now)

    def _progress_now(self, now: float | None = None) -> None:
        self._last_emit = now or time.monotonic()
        self.progress.emit(self.tally.snapshot())


def check_login(account: Account) -> tuple[tuple[str, ...], str]:
    """Log in once and out again; (capabilities, greeting)."""
    conn = connect(account)
    try:
        return tuple(sorted(conn.capabilities)), conn.greeting
    finally:
        conn.close()


def make_plan(
    source: Account, target: Account, options: MoveOptions | None = None
) -> list[FolderMapping]:
    migration = Migration(source, target, None, options)
    try:
        return migration.plan()
    finally:
        migration.close()


def preflight(
    source: Account,
    target: Account,
    options: MoveOptions | None = None,
    source_preset: Preset | None = None,
    target_preset: Preset | None = None,
) -> Iterator[Finding]:
    """mailmover.doctor's findings one by one (logins, quota, size limit, visibility)."""
    checkup = Checkup(source, target, options=options, source_preset=source_preset,
                      target_preset=target_preset)
    yield from checkup.steps()


def run_verify(source: Account, target: Account, mappings: list[FolderMapping]) -> object:
    migration = Migration(source, target, None)
    try:
        src, dst = migration.connections()
        return verify(src, dst, mappings)
    finally:
        migration.close()


class Threads(QObject):
    """Starts workers on their own QThread and waits for all of them at shutdown."""

    def __init__(self) -> None:
        super().__init__()
        self._running: dict[QThread, Worker] = {}
        self.controls: list[Control] = []

    def start(self, worker: Worker) -> QThread:
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.finished.connect(worker.deleteLater)
        thread.finished.connect(self._forget)
        thread.finished.connect(thread.deleteLater)
        self._running[thread] = worker
        thread.start()
        return thread

    @Slot()
    def _forget(self) -> None:
        self._prune()

    def _prune(self) -> None:
        for thread in list(self._running):
            try:
                finished = thread.isFinished()
            except RuntimeError:  # deleteLater already ran
                finished = True
            if finished:
                self._running.pop(thread, None)

    def busy(self) -> bool:
        self._prune()
        return bool(self._running)

    def stop_all(self, timeout_ms: int = 30000) -> None:
        """Cancel every move and wait: never leave a thread running at exit."""
        for control in self.controls:
            control.cancel()
        for thread in list(self._running):
            try:
                thread.quit()
                thread.wait(timeout_ms)
            except RuntimeError:  # already deleted
                pass
        self._running.clear()
