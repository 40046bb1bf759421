"""Per message, how often a copy broke while moving it, and what is set aside.

A copy that breaks (a cut connection) blames what it was moving (parallel.py: a
fetcher's whole batch, an appender's largest message in flight); a blamed message is
fetched alone from then on, so the one that breaks the link is found, not its
neighbours. A message blamed `limit` times is set aside: the run copies it in the final
pass, after every other folder, so one message that always breaks the connection does
not hold up the rest. In the final pass it gets up to `3 * limit` attempts in all; if
it still breaks the link it fails with that reason (the next run tries it again, last).
Also tracks what was handed to a copy, so its spooled download is deleted once the
destination holds the copy.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable

from mailmover.engine.imap.scan import Entry
from mailmover.engine.spool import Spool

log = logging.getLogger(__name__)

Key = tuple[str, int]  # (source folder, UID)


class Attempts:
    def __init__(self, limit: int, spool: Spool | None) -> None:
        self.limit = max(1, limit)
        self.spool = spool
        self.counts: Counter[Key] = Counter()
        self.set_aside: set[Key] = set()
        self.final_pass = False
        # UIDs given to a copy (maybe in the spool), per folder: sets of the entries'
        # own UIDs, not a (folder, uid) tuple per message of a big folder.
        self._handed: defaultdict[str, set[int]] = defaultdict(set)

    def waits(self, folder: str, uid: int) -> bool:
        """Not copied in this pass (see the module note)."""
        key = (folder, uid)
        if not self.final_pass:
            return key in self.set_aside
        return self.counts[key] >= 3 * self.limit

    def exhausted(self, folder: str, uid: int) -> bool:
        """Every attempt the final pass allows broke the connection."""
        return self.final_pass and self.counts[(folder, uid)] >= 3 * self.limit

    def blame(self, folder: str, e: Entry) -> None:
        key = (folder, e.uid)
        self.counts[key] += 1
        if self.counts[key] >= self.limit and key not in self.set_aside:
            log.info("message %s/%d set aside after %d attempts", folder, e.uid, self.counts[key])
            self.set_aside.add(key)

    def handed(self, folder: str, entries: Iterable[Entry]) -> None:
        self._handed[folder].update(e.uid for e in entries)

    def copied(self, folder: str, uid: int) -> None:
        self.set_aside.discard((folder, uid))

    def confirmed(self, folder: str, uidvalidity: int, entries: Iterable[Entry]) -> None:
        """Copies the destination holds (or messages failed for good): no spool needed."""
        if self.spool is None:
            return
        handed = self._handed[folder]
        for e in entries:
            if e.uid in handed:
                handed.discard(e.uid)
                self.spool.discard(folder, uidvalidity, e.uid)
