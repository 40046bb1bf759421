"""The only bridge between the engine and the window: workers on QThreads, signals out.

The steps share the session's connections (engine.logins: each account logged in once
per wizard run); a step holds them through `Logins.lease()`, so two workers never talk
on one connection (imapclient is not thread-safe). A move is paused/cancelled through
engine.control.Control, never by terminating the thread. Per-message events are folded
into a throttled snapshot (~10 a second) so a fast copy cannot flood the event loop.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from mailmover.doctor import Checkup, Finding
from mailmover.engine import (
    Account,
    CheckProgress,
    ConnectionPool,
    Control,
    Finished,
    FolderMapping,
    Logins,
    MessageCopied,
    Migration,
    MoveOptions,
    Preset,
    ProgressModel,
    Verification,
)
from mailmover.engine import verify_move as verify
from mailmover.store import Store

UPDATE_INTERVAL = 0.1  # seconds between progress snapshots (~10 UI updates a second)


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


class CheckWorker(Worker):
    """Runs the check of the new mailbox; relays the engine's CheckProgress as `progress`
    (the engine spaces them out) and hands back the Verification as `result`."""

    result = Signal(object)  # engine Verification
    progress = Signal(object)  # engine CheckProgress

    def __init__(self, logins: Logins, source: Account, target: Account,
                 mappings: list[FolderMapping], options: MoveOptions,
                 store_path: Path | None = None) -> None:
        super().__init__()
        self.logins, self.source, self.target = logins, source, target
        self.mappings, self.options = mappings, options
        self.store_path = store_path

    def work(self) -> None:
        known = hashed_by_move(self.store_path, self.mappings)
        self.result.emit(run_verify(self.logins, self.source, self.target, self.mappings,
                                    self.options, self.progress.emit, known))


def hashed_by_move(path: Path | None, mappings: list[FolderMapping]
                   ) -> dict[str, dict[int, tuple[int, bytes]]]:
    """What the move hashed as it copied (the progress store), per old folder: the check
    need not read those messages in the old mailbox again."""
    if path is None or not path.is_file():
        return {}
    store = Store(path)
    try:
        return {m.source: store.digests(m.source) for m in mappings if m.include}
    finally:
        store.close()


class MoveWorker(Worker):
    """Runs Migration.run() and reports through `event` and throttled `progress`."""

    # Not `event`: that would hide QObject.event(), through which Qt delivers events.
    engine_event = Signal(object)
    progress = Signal(object)  # engine.progress.Snapshot

    def __init__(
        self,
        source: Account,
        target: Account,
        store_path: Path,
        mappings: list[FolderMapping],
        options: MoveOptions,
        control: Control,
        meta: dict[str, str] | None = None,
        *,
        logins: Logins,
    ) -> None:
        super().__init__()
        self.logins = logins
        self.source, self.target = source, target
        self.store_path = store_path
        self.mappings = mappings
        self.options = options
        self.control = control
        self.meta = meta or {}
        self.model = ProgressModel()  # the engine's count: the page only renders it
        self._last_emit = 0.0

    def work(self) -> None:
        with self.logins.lease():
            self._move()

    def _move(self) -> None:
        store = Store(self.store_path)
        for key, value in self.meta.items():
            store.set_meta(key, value)
        pool = _pool(self.logins, self.source, self.target, self.options)
        migration = Migration(self.source, self.target, store, self.options, self.control,
                              pool=pool)
        try:
            for ev in migration.connect_events():
                self.engine_event.emit(ev)
            for ev in migration.run(self.mappings):
                self.model.apply(ev)
                if isinstance(ev, MessageCopied):
                    self._maybe_progress()
                    continue
                self._progress_now()
                self.engine_event.emit(ev)
                if isinstance(ev, Finished):
                    break
        finally:
            store.close()  # the connections stay with the session (verify follows)

    def _maybe_progress(self) -> None:
        now = time.monotonic()
        if now - self._last_emit >= UPDATE_INTERVAL:
            self._progress_now(now)

    def _progress_now(self, now: float | None = None) -> None:
        self._last_emit = now or time.monotonic()
        self.progress.emit(self.model.snapshot())


def check_login(logins: Logins, side: str, account: Account) -> tuple[tuple[str, ...], str]:
    """Log in (or find the connection already open); (capabilities, greeting). The
    connection stays open for the steps that follow."""
    with logins.lease():
        conn = logins.connection(side, account)
        return tuple(sorted(conn.capabilities)), conn.greeting


def _pool(logins: Logins, source: Account, target: Account,
          options: MoveOptions) -> ConnectionPool:
    return logins.pool(source, target, pairs=options.connections,
                       provider_limits=options.provider_limits)


def make_plan(
    logins: Logins, source: Account, target: Account, options: MoveOptions
) -> list[FolderMapping]:
    with logins.lease():
        pool = _pool(logins, source, target, options)
        return Migration(source, target, None, options, pool=pool).plan()


def preflight(
    logins: Logins,
    source: Account,
    target: Account,
    options: MoveOptions | None = None,
    source_preset: Preset | None = None,
    target_preset: Preset | None = None,
) -> Iterator[Finding]:
    """mailmover.doctor's findings one by one (logins, quota, size limit, visibility)."""
    with logins.lease():
        checkup = Checkup(source, target, options=options, source_preset=source_preset,
                          target_preset=target_preset, logins=logins)
        yield from checkup.steps()


def run_verify(
    logins: Logins, source: Account, target: Account, mappings: list[FolderMapping],
    options: MoveOptions, progress: Callable[[CheckProgress], None] | None = None,
    known: dict[str, dict[int, tuple[int, bytes]]] | None = None,
) -> Verification:
    with logins.lease():
        src, dst = _pool(logins, source, target, options).main()
        return verify(src, dst, mappings, progress=progress, known=known)


class Threads(QObject):
    """Starts workers on their own QThread and waits for all of them at shutdown.

    Python owns each worker and its QThread, and they are freed here, on the GUI thread,
    only once their thread has really ended and no other worker thread is running.
    Not with deleteLater: Qt reports a thread finished while it is still finishing (it
    deletes the objects waiting for deleteLater after `finished`), so freeing the Python
    side then deleted objects twice. And not while another worker runs: PySide takes
    the GIL inside Qt's locks when it frees an object, while a worker emitting a signal
    holds the GIL and takes those locks, and the two threads wait for each other
    forever. tests/gui/test_threads.py drives both races.
    """

    def __init__(self) -> None:
        super().__init__()
        self._running: dict[QThread, Worker] = {}
        self._ended: list[tuple[QThread, Worker]] = []
        self.controls: list[Control] = []

    def start(self, worker: Worker) -> QThread:
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._prune)  # queued: runs on the GUI thread
        self._running[thread] = worker
        thread.start()
        return thread

    @Slot()
    def _prune(self) -> None:
        for thread in list(self._running):
            if thread.isFinished():
                thread.wait()  # returns at once, or when Qt's own finishing is done
                self._ended.append((thread, self._running.pop(thread)))
        if not self._running:
            self._ended.clear()

    def busy(self) -> bool:
        self._prune()
        return bool(self._running)

    def stop_all(self, timeout_ms: int = 30000) -> None:
        """Cancel every move and wait: never leave a thread running at exit."""
        for control in self.controls:
            control.cancel()
        for thread in list(self._running):
            thread.quit()
            thread.wait(timeout_ms)
        # A thread still running (a server that never answers) stays referenced:
        # freeing a running QThread aborts the program.
        self._prune()
