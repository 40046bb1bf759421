"""What passes from a fetcher to an appender, and the results queue the caller drains."""

from __future__ import annotations

import itertools
import queue
from dataclasses import dataclass

from mailmover.engine.copy_work import FolderWork, Outcome
from mailmover.engine.imap.append import AppendItem
from mailmover.engine.imap.scan import Entry

__all__ = ["END", "Fetched", "Handoff", "Job", "drain"]


@dataclass(slots=True)
class Job:
    """An APPEND's key: the message and its folder."""

    work: FolderWork
    entry: Entry


@dataclass(slots=True)
class Fetched:
    job: Job
    item: AppendItem


END = object()


class Handoff:
    """Fetched messages waiting for an appender: large ones first (their bytes are the
    large lane's: sent at once, the lane takes the next one sooner), then in the order
    they came; the end markers after everything."""

    def __init__(self, big: int) -> None:
        self.big = big
        self._queue: queue.PriorityQueue[tuple[int, int, object]] = queue.PriorityQueue()
        self._order = itertools.count()

    def put(self, got: Fetched) -> None:
        rank = 0 if got.job.entry.size >= self.big else 1
        self._queue.put((rank, next(self._order), got))

    def end(self) -> None:
        self._queue.put((2, next(self._order), END))

    def get_nowait(self) -> object:
        return self._queue.get_nowait()[2]

    def get(self) -> object:
        return self._queue.get()[2]


def drain(results: queue.SimpleQueue[Outcome], timeout: float) -> list[Outcome]:
    """Everything waiting, or what arrives within `timeout`."""
    out: list[Outcome] = []
    try:
        out.append(results.get(timeout=timeout) if timeout > 0 else results.get_nowait())
        while len(out) < 500:
            out.append(results.get_nowait())
    except queue.Empty:
        pass
    return out
