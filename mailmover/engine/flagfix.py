"""Flags that a destination dropped on APPEND, set afterwards with STORE; dates it
dropped, counted (IMAP has no way to set INTERNALDATE after the fact).

Some servers (GNU Mailutils imap4d) ignore the flag list of APPEND but accept
`STORE +FLAGS` later. After the first answered APPENDs on a connection, their flags are
read back once: a server that kept them is trusted from then on (no extra round trips);
one that dropped them gets a `UID STORE +FLAGS` for every copy that lacks some.
The new UID comes from APPENDUID (UIDPLUS); a server without it (imap4d again) has its
new messages read back by their identity headers, newest first, from the UIDs not seen yet;
a copy answered OK that never shows up there is `lost` (not counted as copied).
"""

from __future__ import annotations

import logging
import time
import weakref
from collections import defaultdict
from datetime import datetime

from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, arrivals, select

log = logging.getLogger(__name__)

# Per destination connection: True = keeps APPEND's flags, False = drops them.
_KEEPS_FLAGS: weakref.WeakKeyDictionary[ImapConnection, bool] = weakref.WeakKeyDictionary()
# The same for APPEND's date (GNU imap4d stores the time of arrival instead).
_KEEPS_DATES: weakref.WeakKeyDictionary[ImapConnection, bool] = weakref.WeakKeyDictionary()


# STORE and read back at most this many times (another session may undo a STORE once).
STORE_TRIES = 3
# Seconds between the last looks for copies a SELECT did not show yet.
PLACE_WAITS = (0.2, 0.5, 1.0)


def _lost(
    pending: list[tuple[int, frozenset[bytes], datetime | None]],
    data: dict[int, ops.Meta],
    system_only: bool = False,
) -> dict[frozenset[bytes], list[int]]:
    """The wanted flags each copy lacks, grouped by the flags (one STORE per set);
    `system_only` where the server refused keywords (they were said already)."""
    missing: dict[frozenset[bytes], list[int]] = defaultdict(list)
    for uid, wanted, _ in pending:
        meta = data.get(uid)
        have = {f.upper() for f in (meta.flags if meta is not None else ())}
        lost = frozenset(
            f
            for f in wanted
            if f.upper() not in have and not (system_only and not f.startswith(b"\\"))
        )
        if lost:
            missing[lost].append(uid)
    return missing


class FlagRepair:
    """Collects (new UID, wanted flags) of one appender; `run` when nothing is in flight."""

    def __init__(self, conn: ImapConnection, mailbox: str) -> None:
        self.conn = conn
        self.mailbox = mailbox
        self.pending: list[tuple[int, frozenset[bytes], datetime | None]] = []
        # Copies without a new UID (no APPENDUID): fingerprint, wanted flags, date, key.
        self.unplaced: list[tuple[bytes, frozenset[bytes], datetime | None, Entry | None]] = []
        self.lost: list[Entry] = []  # keys of copies answered OK and never found
        self._first_unseen = 1  # the UIDs below were read back already
        self.repaired = 0  # copies whose flags had to be set afterwards
        self.dates_lost = 0  # copies whose INTERNALDATE the server did not keep
        self._taken: set[int] = set()  # UIDs placed, from `_first_unseen` on
        self._keywords_refused = False  # STORE of keywords refused: system flags only

    def add(
        self,
        uid: int | None,
        flags: tuple[bytes, ...] | list[bytes],
        when: datetime | None = None,
        fp: bytes | None = None,
        key: Entry | None = None,
    ) -> None:
        """One answered APPEND. A copy without a new UID is always looked for (found: its
        flags and date checked; never found: `lost` names its `key`)."""
        keeps_dates = _KEEPS_DATES.get(self.conn)
        if when is not None and keeps_dates is False:
            self.dates_lost += 1  # known for this connection: no need to look again
        check_flags = bool(flags) and _KEEPS_FLAGS.get(self.conn) is not True
        check_date = when is not None and keeps_dates is None
        wanted = frozenset(flags) if check_flags else frozenset()
        if uid is None and fp is not None:
            self.unplaced.append((fp, wanted, when if check_date else None, key))
        elif uid is not None and (check_flags or check_date):
            self.pending.append((uid, wanted, when if check_date else None))

    def run(self) -> None:
        """Check or repair what was collected; the caller holds no APPEND in flight."""
        pending, self.pending = self.pending, []
        if not pending and not self.unplaced:
            return
        try:
            select(self.conn, self.mailbox, readonly=False)
            pending += self._placed()
            data = ops.fetch_meta(self.conn, [p[0] for p in pending])
            self._check_dates(pending, data)
            pending = [p for p in pending if p[1]]
            if not pending or _KEEPS_FLAGS.get(self.conn) is True:
                return
            missing = _lost(pending, data)
            if not missing:
                _KEEPS_FLAGS[self.conn] = True
                return
            _KEEPS_FLAGS[self.conn] = False
            self.repaired += sum(len(uids) for uids in missing.values())
            for _ in range(STORE_TRIES):
                for flags, uids in missing.items():
                    self._store(uids, flags)
                # Read back from a new SELECT: GNU imap4d writes a session's flag changes
                # only when it leaves the folder, and drops them when another session
                # wrote the folder first (two appenders in one folder).
                select(self.conn, self.mailbox, readonly=False)
                data = ops.fetch_meta(self.conn, [p[0] for p in pending])
                missing = _lost(pending, data, self._keywords_refused)
                if not missing:
                    return
            lost = sum(len(uids) for uids in missing.values())
            log.warning(
                "the new server did not keep the flags of %d messages in %s", lost, self.mailbox
            )
        except faults.REFUSED as exc:
            # A server that refuses STORE keeps the copies without those flags.
            log.warning("could not set flags after APPEND in %s: %s", self.mailbox, exc)
            _KEEPS_FLAGS[self.conn] = True

    def _store(self, uids: list[int], flags: frozenset[bytes]) -> None:
        try:
            ops.store_flags(self.conn, uids, add=sorted(flags))
        except faults.REFUSED:
            # imap4d refuses the whole STORE for one keyword it cannot keep ("BAD
            # Unrecognized flag"); the system flags still go on (keywords were said).
            system = sorted(f for f in flags if f.startswith(b"\\"))
            if not system or len(system) == len(flags):
                raise
            self._keywords_refused = True
            ops.store_flags(self.conn, uids, add=system)

    def _placed(self) -> list[tuple[int, frozenset[bytes], datetime | None]]:
        """UIDs for the copies the server named none for, found by their identity
        headers among the messages not read back yet (the newest of equals first).

        A copy not found stays for the next run: GNU imap4d's Maildir sometimes leaves
        a message another session is moving out of `new/` out of a SELECT's view."""
        unplaced, self.unplaced = self.unplaced, []
        if not unplaced:
            return []
        found = [e for e in arrivals(self.conn, self._first_unseen) if e.uid not in self._taken]
        by_fp: dict[bytes, list[int]] = defaultdict(list)
        for e in found:
            by_fp[e.fp].append(e.uid)
        placed = []
        for fp, wanted, when, key in unplaced:
            if by_fp.get(fp):
                placed.append((by_fp[fp].pop(), wanted, when))
            else:
                self.unplaced.append((fp, wanted, when, key))
        self._taken.update(uid for uid, _, _ in placed)
        if found and not self.unplaced:
            # Read again from here only when nothing is missing: a late message may
            # show up below the newest UID seen.
            self._first_unseen = found[-1].uid + 1
            self._taken.clear()
        return placed

    def finish(self) -> None:
        """The last `run`, with a few more looks for copies not found yet."""
        self.run()
        for wait in PLACE_WAITS:
            if not self.unplaced:
                return
            time.sleep(wait)
            self.run()
        if self.unplaced:
            log.warning(
                "%d copies in %s were answered OK and then not found",
                len(self.unplaced),
                self.mailbox,
            )
            self.lost += [key for *_, key in self.unplaced if key is not None]
            self.unplaced = []

    def _check_dates(
        self,
        pending: list[tuple[int, frozenset[bytes], datetime | None]],
        data: dict[int, ops.Meta],
    ) -> None:
        checked = lost = 0
        for uid, _, when in pending:
            meta = data.get(uid)
            got = meta.when if meta is not None else None
            if when is None or got is None:
                continue
            checked += 1
            try:
                same = got == when
            except TypeError:  # one naive, one aware: compare the wall clock
                same = got.replace(tzinfo=None) == when.replace(tzinfo=None)
            lost += not same
        if checked:
            _KEEPS_DATES[self.conn] = lost == 0
            self.dates_lost += lost
