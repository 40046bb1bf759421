"""What a batch shows while it runs: one status line on a terminal, plain lines otherwise.

A line per finished account goes to the output either way (a log of the batch); on a
terminal the status line (accounts done / running / failed, bytes, estimate) is
redrawn below it.
"""

from __future__ import annotations

import threading
import time
from typing import TextIO

from mailmover.batch.runner import (
    CANCELLED,
    DONE,
    FAILED,
    INCOMPLETE,
    RUNNING,
    STOPPED,
    AccountResult,
    BatchRunner,
)
from mailmover.units import format_size

FINISHED = (DONE, INCOMPLETE, FAILED, STOPPED, CANCELLED)


class BatchProgress:
    def __init__(self, out: TextIO, total: int) -> None:
        self.out = out
        self.tty = out.isatty()
        self.total = total
        self.finished = 0
        self._lock = threading.Lock()  # workers report finished accounts concurrently
        self._last_plain = time.monotonic()
        self._line_shown = False

    def account_finished(self, r: AccountResult) -> None:
        with self._lock:
            self.finished += 1
            self._clear()
            text = (
                f"[{self.finished}/{self.total}] line {r.line} {r.source_user} -> "
                f"{r.target_user}: {r.state}, {r.source_messages} messages, {r.copied} copied, "
                f"{r.already_there} already there"
                + (f", {r.skipped} skipped" if r.skipped else "")
                + (f", {r.failed} failed" if r.failed else "")
                + f" ({r.duration:.1f} s)"
            )
            if r.first_error:
                text += f"\n    {r.first_error}"
            print(text, file=self.out, flush=True)

    def status(self, runner: BatchRunner) -> str:
        counts = runner.counts()
        done = sum(counts[s] for s in FINISHED)
        failed = counts[FAILED] + counts[INCOMPLETE] + counts[STOPPED]
        elapsed = max(time.monotonic() - runner.started, 1e-6)
        left = len(runner.results) - done
        eta = f"about {elapsed / done * left:.0f} s left" if done else "estimating"
        return (
            f"accounts: {done}/{len(runner.results)} done, {counts[RUNNING]} running, "
            f"{failed} with problems | {runner.messages_done} messages, "
            f"{format_size(runner.bytes_done)}, "
            f"{runner.bytes_done / elapsed / 1_048_576:.2f} MB/s | {eta}"
        )

    def tick(self, runner: BatchRunner) -> None:
        with self._lock:
            if self.tty:
                self.out.write("\r\033[K" + self.status(runner))
                self.out.flush()
                self._line_shown = True
            elif time.monotonic() - self._last_plain >= 30:
                # Logs and CI: a status line now and then, not a flood.
                self._last_plain = time.monotonic()
                print(self.status(runner), file=self.out, flush=True)

    def close(self) -> None:
        with self._lock:
            self._clear()

    def _clear(self) -> None:
        if self.tty and self._line_shown:
            self.out.write("\r\033[K")
            self._line_shown = False
