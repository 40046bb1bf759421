"""One progress model, owned by the engine: the CLI and the wizard render it, count nothing.

Built from the events of a run. Exact under retries and reconnects: a folder read again
(FolderStarted after a dropped connection) replaces that folder's numbers instead of
adding to them, so totals never exceed the mailbox. The estimate uses the throughput of
the last `window` seconds, and there is none while the move waits for the network.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from mailmover.engine.counting import AcrossRuns
from mailmover.engine.events import (
    Event,
    FolderFinished,
    FolderPlan,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    Paused,
    PlanReady,
    Resumed,
    Retrying,
)
from mailmover.engine.folders import FolderMapping

PLANNED, READING, COPYING, DONE = "planned", "reading", "copying", "done"
WAITING_NETWORK, WAITING_PAUSED = "network", "paused"
_LONG_WAIT = 10.0  # seconds: a retry wait this long starts the throughput afresh


@dataclass(frozen=True)
class FolderProgress(AcrossRuns):
    source: str
    target: str
    state: str = PLANNED
    total: int = 0  # source messages (the plan's count until the folder is read)
    done: int = 0  # accounted for: copied, already there, skipped, failed, removed
    copied: int = 0
    present: int = 0  # already in the new mailbox (earlier runs' copies among them)
    earlier: int = 0  # of `present`: copied by an earlier run of this move
    skipped: int = 0
    failed: int = 0
    before: int = 0  # accounted for by earlier runs, until this run reads the folder
    bytes_total: int = 0  # what this run copies here: copied so far + still to copy
    bytes_done: int = 0

    @property
    def pending(self) -> int:
        return max(self.total - self.done, 0)


@dataclass(frozen=True)
class Snapshot(AcrossRuns):
    folders: tuple[FolderProgress, ...]
    messages_total: int
    messages_done: int
    copied: int
    present: int
    skipped: int
    failed: int
    bytes_total: int
    bytes_done: int
    elapsed: float
    rate_messages: float  # per second, recent
    rate_bytes: float
    eta_seconds: float | None  # None: not known yet, or waiting
    waiting: str | None  # WAITING_NETWORK, WAITING_PAUSED or None
    retry_reason: str = ""  # the error code while waiting for the network
    retry_detail: str = ""
    earlier: int = 0  # of `present`: copied by an earlier run of this move

    @property
    def fraction(self) -> float:
        if self.messages_total == 0:
            return 1.0
        return min(self.messages_done / self.messages_total, 1.0)


class ProgressModel:
    def __init__(self, *, window: float = 30.0, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._window = window
        self._started = clock()
        self._folders: dict[str, FolderProgress] = {}
        self._waiting: str | None = None
        self._retry = ("", "")
        self._samples: deque[tuple[float, int, int]] = deque()  # (time, messages, bytes)
        self._copied_total = 0  # for the rate: copies only, never "already there"
        self._bytes_total = 0

    # -- events ---------------------------------------------------------------------
    def apply(self, ev: Event) -> None:
        if isinstance(ev, PlanReady):
            for p in ev.plan:
                before = min(p.done_before, p.messages) if p.messages else p.done_before
                planned = FolderProgress(
                    p.source,
                    p.target,
                    total=max(p.messages, before),
                    done=before,
                    before=before,
                    bytes_total=p.size,
                )
                self._folders.setdefault(p.source, planned)
        elif isinstance(ev, FolderStarted):
            self._folders[ev.source] = FolderProgress(
                ev.source,
                ev.target,
                COPYING if ev.to_copy else READING,
                total=ev.total,
                done=ev.total - ev.to_copy,
                copied=ev.copied,
                present=ev.present,
                earlier=ev.earlier,
                skipped=ev.skipped,
                bytes_total=ev.bytes_copied + ev.bytes_to_copy,
                bytes_done=ev.bytes_copied,
            )
            self._progressed()
        elif isinstance(ev, MessageCopied):
            f = self._folder(ev.folder)
            self._folders[ev.folder] = replace(
                f,
                state=COPYING,
                done=f.done + 1,
                copied=f.copied + 1,
                bytes_done=f.bytes_done + ev.size,
                bytes_total=max(f.bytes_total, f.bytes_done + ev.size),
            )
            self._copied_total += 1
            self._bytes_total += ev.size
            self._progressed()
        elif isinstance(ev, MessageFailed):
            f = self._folder(ev.folder)
            self._folders[ev.folder] = replace(f, done=f.done + 1, failed=f.failed + 1)
        elif isinstance(ev, FolderFinished):
            f = self._folder(ev.source)
            # Messages deleted in the old folder during the copy leave its count.
            total = ev.counts.get("total", f.total)
            self._folders[ev.source] = replace(f, state=DONE, total=total)
        elif isinstance(ev, Retrying):
            self._waiting = WAITING_NETWORK
            self._retry = (ev.reason, ev.detail)
            if ev.delay >= _LONG_WAIT:
                # A long wait (asleep, throttled): the rate before says nothing about after.
                # A quick reconnect on a flaky line is part of that line's real rate.
                self._samples.clear()
        elif isinstance(ev, Paused):
            self._waiting = WAITING_PAUSED
            self._samples.clear()
        elif isinstance(ev, Resumed):
            self._waiting = None

    def _folder(self, source: str) -> FolderProgress:
        return self._folders.get(source) or FolderProgress(source, source, READING)

    def _progressed(self) -> None:
        if self._waiting == WAITING_NETWORK:
            self._waiting = None
        now = self._clock()
        self._samples.append((now, self._copied_total, self._bytes_total))
        while self._samples and now - self._samples[0][0] > self._window:
            self._samples.popleft()

    # -- the picture ----------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        folders = tuple(self._folders.values())
        now = self._clock()
        rate_m = rate_b = 0.0
        if len(self._samples) >= 2:
            t0, m0, b0 = self._samples[0]
            span = max(now - t0, 1e-6)
            rate_m = (self._copied_total - m0) / span
            rate_b = (self._bytes_total - b0) / span
        bytes_total = sum(f.bytes_total for f in folders)
        bytes_done = sum(f.bytes_done for f in folders)
        eta: float | None = None
        if self._waiting is None and rate_b > 0 and len(self._samples) >= 5:
            # Estimated from the recent rate, retries and reconnects included.
            eta = max(bytes_total - bytes_done, 0) / rate_b
        return Snapshot(
            folders=folders,
            messages_total=sum(f.total for f in folders),
            messages_done=sum(min(f.done, f.total) for f in folders),
            copied=sum(f.copied for f in folders),
            present=sum(f.present for f in folders),
            skipped=sum(f.skipped for f in folders),
            failed=sum(f.failed for f in folders),
            bytes_total=bytes_total,
            bytes_done=bytes_done,
            elapsed=now - self._started,
            rate_messages=rate_m,
            rate_bytes=rate_b,
            eta_seconds=eta,
            waiting=self._waiting,
            retry_reason=self._retry[0] if self._waiting == WAITING_NETWORK else "",
            retry_detail=self._retry[1] if self._waiting == WAITING_NETWORK else "",
            earlier=sum(f.earlier for f in folders),
        )


def plan_ready(included: Sequence[FolderMapping], done_before: Mapping[str, int]) -> PlanReady:
    """The plan as the progress model takes it: every folder the run will move, in order,
    with what earlier runs already did there (the store's count per folder)."""
    plan = tuple(
        FolderPlan(m.source, m.target, m.messages or 0, m.size or 0,
                   done_before=done_before.get(m.source, 0))
        for m in included
    )
    return PlanReady(len(plan), sum(p.messages for p in plan), sum(p.size for p in plan), plan)
