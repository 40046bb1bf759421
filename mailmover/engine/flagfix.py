"""Flags that a destination dropped on APPEND, set afterwards with STORE; dates it
dropped, counted (IMAP has no way to set INTERNALDATE after the fact).

Some servers (GNU Mailutils imap4d) ignore the flag list of APPEND but accept
`STORE +FLAGS` later. After the first answered APPENDs on a connection, their flags are
read back once: a server that kept them is trusted from then on (no extra round trips);
one that dropped them gets a `UID STORE +FLAGS` for every copy that lacks some.
Needs APPENDUID (UIDPLUS): without the new UID there is nothing to STORE to.
"""

from __future__ import annotations

import logging
import weakref
from collections import defaultdict
from datetime import datetime

from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import select

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
        self.repaired = 0  # copies whose flags had to be set afterwards
        self.dates_lost = 0  # copies whose INTERNALDATE the server did not keep

    def add(
        self, uid: int | None, flags: tuple[bytes, ...] | list[bytes], when: datetime | None = None
    ) -> None:
        if uid is None:
            return
        keeps_dates = _KEEPS_DATES.get(self.conn)
        if when is not None and keeps_dates is False:
            self.dates_lost += 1  # known for this connection: no need to look again
        check_flags = bool(flags) and _KEEPS_FLAGS.get(self.conn) is not True
        check_date = when is not None and keeps_dates is None
        if check_flags or check_date:
            wanted = frozenset(flags) if check_flags else frozenset()
            self.pending.append((uid, wanted, when if check_date else None))

    def run(self) -> None:
        """Check or repair what was collected; the caller holds no APPEND in flight."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        try:
            select(self.conn, self.mailbox, readonly=False)
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
                ops.store_flags(self.conn, uids, add=sorted(flags))
                self.repaired += len(uids)
        except faults.REFUSED as exc:
            # A server that refuses STORE keeps the copies without those flags.
            log.warning("could not set flags after APPEND in %s: %s", self.mailbox, exc)
            _KEEPS_FLAGS[self.conn] = True

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
