"""A daily budget of bytes moved: Gmail's limits, or the user's own.

Gmail lets mail programs download about 2,500 MB a day and upload about 500 MB a day
per account (presets: `download_mb_per_day`, `upload_mb_per_day`); past them it ends
sessions (`BYE`) or trickles and may lock the account for hours. A move from or into
Gmail therefore paces itself: before each group of folders is copied, only as many
messages are handed to the copy as fit what is left of the budget in the last 24 hours;
when some had to wait, the move stops cleanly after the group (exit code 7) and the
next run continues with them. `--max-mb-per-day N` sets the budget (0: no pacing).

What was moved is kept in the progress store (meta `pacing_used`, bytes per hour), so a
second run the same day knows what the first one used. The window is the last 24 hours,
not the calendar day: two runs either side of midnight cannot move two days' worth at
once. Only message bytes count (a message downloaded once, uploaded once); the few
header bytes each folder's scan reads are left inside the margin of "about".
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mailmover.engine import errors
from mailmover.engine.imap.scan import Entry
from mailmover.engine.presets import load_presets
from mailmover.store import Store

HOUR = 3600
WINDOW_HOURS = 24
MB = 1024 * 1024
_KEY = "pacing_used"


@dataclass(frozen=True)
class DailyBudget:
    bytes_per_day: int
    own: bool  # chosen by the user (--max-mb-per-day), else the provider's (Gmail)

    @property
    def mb_per_day(self) -> str:
        return mb_text(self.bytes_per_day)


def mb_text(n: int) -> str:
    """Bytes as MB for a sentence: whole from 10 MB, else up to two decimals."""
    if n >= 10 * MB:
        return f"{round(n / MB):,}"
    return f"{n / MB:.2f}".rstrip("0").rstrip(".") or "0"


def gmail_limits() -> tuple[int | None, int | None]:
    """(download, upload) bytes a day from the Gmail preset."""
    q = load_presets()["gmail"].quirks
    down, up = q.download_mb_per_day, q.upload_mb_per_day
    return (down * MB if down else None, up * MB if up else None)


def daily_budget(
    chosen: int | None, source_gmail: bool, target_gmail: bool
) -> DailyBudget | None:
    """The budget of a move: the user's (`chosen` bytes; 0 turns pacing off), else the
    tighter of Gmail's download limit (Gmail as the old mailbox) and its upload limit
    (Gmail as the new one); None: no pacing."""
    if chosen is not None:
        return DailyBudget(chosen, own=True) if chosen > 0 else None
    down, up = gmail_limits()
    limits = [n for n, on in ((down, source_gmail), (up, target_gmail)) if on and n]
    return DailyBudget(min(limits), own=False) if limits else None


def days_needed(total_bytes: int, budget: DailyBudget | None) -> int:
    """How many days of the budget a move of `total_bytes` takes (1 without pacing)."""
    if budget is None or total_bytes <= 0:
        return 1
    return max(1, math.ceil(total_bytes / budget.bytes_per_day))


class Pacer:
    """The budget of one run: what the last 24 hours used, what the current group of
    folders has been handed, and whether anything had to wait."""

    def __init__(
        self,
        store: Store,
        budget: DailyBudget | None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.store = store
        self.budget = budget
        self.clock = clock or time.time
        self.reserved = 0  # handed to the current group's copy, not yet moved
        self.held = 0  # messages that did not fit today
        self.smallest_held = 0  # bytes: the next run needs room for at least this much
        self._used: dict[int, int] = self._load()
        self._dirty = False

    def _load(self) -> dict[int, int]:
        try:
            raw = json.loads(self.store.get_meta(_KEY) or "{}")
            return {int(k): int(v) for k, v in raw.items()}
        except (ValueError, TypeError, AttributeError):
            return {}  # unreadable: counted afresh (the provider still says stop)

    def _hour(self) -> int:
        return int(self.clock() // HOUR)

    def used(self) -> int:
        """Bytes moved in the last 24 hours (this run and the earlier ones)."""
        first = self._hour() - WINDOW_HOURS + 1
        return sum(n for h, n in self._used.items() if h >= first)

    def left(self) -> int | None:
        if self.budget is None:
            return None
        return self.budget.bytes_per_day - self.used() - self.reserved

    def begin_group(self) -> None:
        self.reserved = self.held = 0
        self.smallest_held = 0

    def take(self, entries: Sequence[Entry]) -> list[Entry]:
        """The messages of `entries` that fit what is left today, in order; the others
        wait for the next run (counted in `held`). A message larger than a whole day's
        budget goes alone on a day nothing else was moved, or it would never go."""
        left = self.left()
        if left is None:
            return list(entries)
        fresh = self.used() == 0 and self.reserved == 0
        now: list[Entry] = []
        for e in entries:
            if e.size <= left or (fresh and not now):
                now.append(e)
                left -= e.size
                self.reserved += e.size
            else:
                self.held += 1
                self.smallest_held = min(self.smallest_held or e.size, e.size)
        return now

    def spent(self, size: int) -> None:
        """`size` bytes were moved (a message downloaded and handed to the destination);
        `flush` writes it to the store (with the copies' rows: a crash keeps the count)."""
        if self.budget is None or size <= 0:
            return
        hour = self._hour()
        self._used[hour] = self._used.get(hour, 0) + size
        self.reserved = max(0, self.reserved - size)
        self._dirty = True

    def flush(self) -> None:
        if not self._dirty:
            return
        first = self._hour() - WINDOW_HOURS + 1
        self._used = {h: n for h, n in self._used.items() if h >= first}
        self.store.set_meta(_KEY, json.dumps({str(h): n for h, n in self._used.items()}))
        self._dirty = False

    def resume_at(self) -> float:
        """When the window has room again for the smallest message that waits: the end
        of the hour whose leaving the 24 hours frees enough (now, if nothing counts)."""
        first = self._hour() - WINDOW_HOURS + 1
        counted = sorted((h, n) for h, n in self._used.items() if h >= first)
        if not counted or self.budget is None:
            return self.clock()
        used = sum(n for _, n in counted)
        room = self.budget.bytes_per_day - min(self.smallest_held, self.budget.bytes_per_day)
        for h, n in counted:
            used -= n
            if used <= room:
                return float((h + WINDOW_HOURS) * HOUR)
        return float((counted[-1][0] + WINDOW_HOURS) * HOUR)

    def stop(self) -> errors.StopMove:
        """The StopMove that ends a run whose budget is used up (held messages wait)."""
        assert self.budget is not None
        code = errors.DAILY_LIMIT_OWN if self.budget.own else errors.DAILY_LIMIT_GMAIL
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.resume_at()))
        return errors.StopMove(
            code,
            budget_mb=self.budget.mb_per_day,
            used_mb=mb_text(self.used()),
            resume_at=when,
            waiting=str(self.held),
        )
