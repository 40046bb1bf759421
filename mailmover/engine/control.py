"""Pause, resume and cancel from another thread, checked between units of work."""

from __future__ import annotations

import threading


class Control:
    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def cancel(self) -> None:
        self._cancel.set()
        self._running.set()  # wake a paused worker so it can stop

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def sleep(self, seconds: float) -> bool:
        """Sleep unless cancelled; True if cancelled meanwhile."""
        return self._cancel.wait(seconds)
