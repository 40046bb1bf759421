"""Flags that a destination dropped on APPEND, set afterwards with STORE.

Some servers (GNU Mailutils imap4d) ignore the flag list of APPEND but accept
`STORE +FLAGS` later. After the first answered APPENDs on a connection, their flags are
read back once: a server that kept them is trusted from then on (no extra round trips);
one that dropped them gets a `UID STORE +FLAGS` for every copy that lacks some.
Needs APPENDUID (UIDPLUS): without the new UID there is nothing to STORE to.
"""

from __future__ import annotations

import imaplib
import logging
import weakref
from collections import defaultdict

from imapclient.exceptions import IMAPClientError

from mailmover.engine.connect import ImapConnection

log = logging.getLogger(__name__)

# Per destination connection: True = keeps APPEND's flags, False = drops them.
_KEEPS_FLAGS: weakref.WeakKeyDictionary[ImapConnection, bool] = weakref.WeakKeyDictionary()


class FlagRepair:
    """Collects (new UID, wanted flags) of one appender; `run` when nothing is in flight."""

    def __init__(self, conn: ImapConnection, mailbox: str) -> None:
        self.conn = conn
        self.mailbox = mailbox
        self.pending: list[tuple[int, frozenset[bytes]]] = []
        self.repaired = 0  # copies whose flags had to be set afterwards

    def add(self, uid: int | None, flags: tuple[bytes, ...] | list[bytes]) -> None:
        if uid is None or not flags or _KEEPS_FLAGS.get(self.conn) is True:
            return
        self.pending.append((uid, frozenset(flags)))

    def run(self) -> None:
        """Check or repair what was collected; the caller holds no APPEND in flight."""
        pending, self.pending = self.pending, []
        if not pending or _KEEPS_FLAGS.get(self.conn) is True:
            return
        client = self.conn.client
        try:
            with self.conn.guard():
                client.select_folder(self.mailbox)
                data = client.fetch([uid for uid, _ in pending], [b"FLAGS"])
                missing: dict[frozenset[bytes], list[int]] = defaultdict(list)
                for uid, wanted in pending:
                    have = {f.upper() for f in data.get(uid, {}).get(b"FLAGS", ())}
                    lost = frozenset(f for f in wanted if f.upper() not in have)
                    if lost:
                        missing[lost].append(uid)
                if not missing:
                    _KEEPS_FLAGS[self.conn] = True
                    return
                _KEEPS_FLAGS[self.conn] = False
                for flags, uids in missing.items():
                    client.add_flags(uids, sorted(flags), silent=True)
                    self.repaired += len(uids)
        except (IMAPClientError, imaplib.IMAP4.error) as exc:
            # A server that refuses STORE keeps the copies without those flags.
            log.warning("could not set flags after APPEND in %s: %s", self.mailbox, exc)
            _KEEPS_FLAGS[self.conn] = True
