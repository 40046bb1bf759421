"""Flags that a destination dropped on APPEND, set afterwards with STORE; dates it
dropped, counted (IMAP has no way to set INTERNALDATE after the fact).

Some servers (GNU Mailutils imap4d) ignore the flag list of APPEND but accept
`STORE +FLAGS` later. After the first answered APPENDs on a connection, their flags are
read back once: a server that kept them is trusted from then on (no extra round trips);
one that dropped them gets a `UID STORE +FLAGS` for every copy that lacks some.
The new UID comes from APPENDUID (UIDPLUS); a server without it (imap4d again) has its
new messages read back by their identity headers, newest first, from the UIDs not seen yet.
"""

from __future__ import annotations

import logging
import weakref
from collections import defaultdict
from datetime import datetime

from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import arrivals, select

log = logging.getLogger(__name__)

# Per destination connection: True = keeps APPEND's flags, False = drops them.
_KEEPS_FLAGS: weakref.WeakKeyDictionary[ImapConnection, bool] = weakref.WeakKeyDictionary()
# The same for APPEND's date (GNU imap4d stores the time of arrival instead).
_KEEPS_DATES: weakref.WeakKeyDictionary[ImapConnection, bool] = weakref.WeakKeyDictionary()


class FlagRepair:
    """Collects (new UID, wanted flags) of one appender; `run` when nothing is in flight."""

    def __init__(self, conn: ImapConnection, mailbox: str) -> None:
        self.conn = conn
        self.mailbox = mailbox
        self.pending: list[tuple[int, frozenset[bytes], datetime | None]] = []
        # Copies without a new UID (no APPENDUID): fingerprint, wanted flags, date.
        self.unplaced: list[tuple[bytes, frozenset[bytes], datetime | None]] = []
        self._first_unseen = 1  # the UIDs below were read back already
        self.repaired = 0  # copies whose flags had to be set afterwards
        self.dates_lost = 0  # copies whose INTERNALDATE the server did not keep

    def add(
        self,
        uid: int | None,
        flags: tuple[bytes, ...] | list[bytes],
        when: datetime | None = None,
        fp: bytes | None = None,
    ) -> None:
        keeps_dates = _KEEPS_DATES.get(self.conn)
        if when is not None and keeps_dates is False:
            self.dates_lost += 1  # known for this connection: no need to look again
        check_flags = bool(flags) and _KEEPS_FLAGS.get(self.conn) is not True
        check_date = when is not None and keeps_dates is None
        if check_flags or check_date:
            wanted = frozenset(flags) if check_flags else frozenset()
            if uid is not None:
                self.pending.append((uid, wanted, when if check_date else None))
            elif fp is not None:
                self.unplaced.append((fp, wanted, when if check_date else None))

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
            missing: dict[frozenset[bytes], list[int]] = defaultdict(list)
            for uid, wanted, _ in pending:
                meta = data.get(uid)
                have = {f.upper() for f in (meta.flags if meta is not None else ())}
                lost = frozenset(f for f in wanted if f.upper() not in have)
                if lost:
                    missing[lost].append(uid)
            if not missing:
                _KEEPS_FLAGS[self.conn] = True
                return
            _KEEPS_FLAGS[self.conn] = False
            for flags, uids in missing.items():
                self._store(uids, flags)
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
            ops.store_flags(self.conn, uids, add=system)
        self.repaired += len(uids)

    def _placed(self) -> list[tuple[int, frozenset[bytes], datetime | None]]:
        """UIDs for the copies the server named none for, found by their identity
        headers among the messages not read back yet (the newest of equals first)."""
        unplaced, self.unplaced = self.unplaced, []
        if not unplaced:
            return []
        found = arrivals(self.conn, self._first_unseen)
        if found:
            self._first_unseen = found[-1].uid + 1
        by_fp: dict[bytes, list[int]] = defaultdict(list)
        for e in found:
            by_fp[e.fp].append(e.uid)
        placed = []
        for fp, wanted, when in unplaced:
            if by_fp.get(fp):
                placed.append((by_fp[fp].pop(), wanted, when))
        return placed

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
