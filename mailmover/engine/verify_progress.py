"""Where the check is (verify.py): folder n of N, messages read, time left.

The old mailbox's side of a folder may be read on a second thread (verify.py): it only
counts (`step(old=True)`); the caller's thread tells `progress`, so a front end hears
from one thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailmover.engine.folders import FolderMapping

if TYPE_CHECKING:
    from mailmover.engine.verify import FolderCheck

Known = Mapping[str, Mapping[int, tuple[int, bytes]]]


@dataclass(frozen=True)
class CheckProgress:
    """Where the check is. Messages count once per mailbox they are read from (each is
    read in the old and in the new one); `total` uses the plan's counts for folders not
    opened yet, so it can still change."""

    folder: str  # the old folder being checked
    index: int  # 1-based: folder `index` of `folders`
    folders: int
    done: int
    total: int
    elapsed: float  # seconds since the check began
    eta_seconds: float | None  # None until enough was read to tell
    finished: FolderCheck | None = None  # this folder's result, once it is checked

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(self.done / self.total, 1.0)


Progress = Callable[[CheckProgress], None]
PROGRESS_EVERY = 0.25  # seconds between two reports within a folder


class Meter:
    """Counts what the check read and tells `progress`: at each folder's start and end,
    and every PROGRESS_EVERY seconds in between."""

    def __init__(self, folders: list[FolderMapping], progress: Progress | None,
                 clock: Callable[[], float], known: Known) -> None:
        self.progress, self.clock = progress, clock
        self.started = self.last = clock()
        self.folders = folders
        # To read per folder in each mailbox: the plan's count until the folder is open,
        # less in the old one what the move hashed (it is not read there again).
        self.expected_new = [m.messages or 0 for m in folders]
        self.expected_old = [max((m.messages or 0) - len(known.get(m.source, ())), 0)
                             for m in folders]
        self.index = 0
        self.new = self.old = 0  # read so far; `old` on the old side's thread
        self.at_begin = (0, 0)

    @property
    def done(self) -> int:
        return self.new + self.old

    def begin(self, index: int) -> None:
        self.index, self.at_begin = index, (self.new, self.old)
        self.tell()

    def expect(self, *, new: int | None = None, old: int | None = None) -> None:
        """The folder's real counts, once its sides are open (each from its thread)."""
        if new is not None:
            self.expected_new[self.index] = new
        if old is not None:
            self.expected_old[self.index] = old

    def step(self, old: bool = False) -> None:
        if old:  # the old side's thread: counted here, told by the caller's thread
            self.old += 1
            return
        self.new += 1
        if self.clock() - self.last >= PROGRESS_EVERY:
            self.tell()

    def end(self, check: FolderCheck) -> None:
        """After both sides of the folder were read: what was really there to read."""
        self.expected_new[self.index] = self.new - self.at_begin[0]
        self.expected_old[self.index] = self.old - self.at_begin[1]
        self.tell(check)

    def tell(self, finished: FolderCheck | None = None) -> None:
        if self.progress is None or not self.folders:
            return
        now = self.last = self.clock()
        elapsed = now - self.started
        done = self.done
        total = max(sum(self.expected_new) + sum(self.expected_old), done)
        eta = (total - done) * elapsed / done if done and elapsed >= 1 else None
        folder = self.folders[self.index].source
        self.progress(CheckProgress(folder, self.index + 1, len(self.folders), done, total,
                                    elapsed, eta, finished))
