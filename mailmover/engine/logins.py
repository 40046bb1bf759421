"""A front end's connections across its steps: each account logged in once per session.

The wizard checks the new account on one page, the old one on the next, then plans,
checks, moves and verifies. Providers rate-limit logins (and count failed ones), so the
connection made to check an account is kept and lent to every later step; a connection
that died while the user read a page is noticed (NOOP) and replaced by one new login.

One step at a time: a step holds `lease()` while it uses the connections (imapclient is
not thread-safe; two steps on two threads must not talk on one connection).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap import ops
from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.pool import ConnectionPool, Connector

log = logging.getLogger(__name__)

SIDES = ("source", "target")
# Connections idle longer than this are checked with a NOOP before a step uses them: a
# server's autologout or a laptop's sleep may have ended them. Steps that follow each
# other at once cost nothing.
IDLE_CHECK = 20.0
# The NOOP's own timeout: a connection a NAT box forgot never answers, and a page must
# not wait the account's full timeout to find that out.



def same(a: Account | None, b: Account | None) -> bool:
    """The same login: equal settings and the same password (not part of equality)."""
    return a is not None and b is not None and a == b and a.password == b.password


class Logins:
    """Connections kept between steps: single sides (an account checked on its page)
    and the pool of a move (main pair plus extra pairs) once both accounts are known."""

    def __init__(self, connector: Connector = connect) -> None:
        self._connector = connector
        self._held: dict[str, ImapConnection] = {}
        self._pool: ConnectionPool | None = None
        self._pool_key: tuple[int, bool] = (0, True)
        self._lock = threading.RLock()
        self._last_used = time.monotonic()
        self.logins = 0  # how many times this session logged in (tests, the help-desk log)

    @contextlib.contextmanager
    def lease(self) -> Iterator[Logins]:
        """Hold the connections for one step; stale ones are replaced on first use."""
        with self._lock:
            if time.monotonic() - self._last_used > IDLE_CHECK:
                self._drop_dead()
            try:
                yield self
            except errors.ConnectError:
                raise  # a login refused: the connections that are open are fine
            except BaseException:
                # A step that broke off mid-command may leave an answer half read: the
                # next step must not read it as its own. Log out; it logs in again.
                self._close_all()
                raise
            finally:
                self._last_used = time.monotonic()

    # -- one side ---------------------------------------------------------------------
    def connection(self, side: str, account: Account) -> ImapConnection:
        """A logged-in connection to `account`: the one already open, else a new login."""
        with self._lock:
            pool = self._pool
            if pool is not None and same(getattr(pool, side), account) and pool.is_open:
                src, dst = pool.main()
                return src if side == "source" else dst
            conn = self._held.get(side)
            if conn is not None and same(conn.account, account):
                return conn
            if conn is not None:
                del self._held[side]
                conn.close()
            conn = self._login(account)
            self._held[side] = conn
            return conn

    # -- both sides -------------------------------------------------------------------
    def pool(self, source: Account, target: Account, *, pairs: int,
             provider_limits: bool = True) -> ConnectionPool:
        """The move's pool for these accounts; connections already open are reused."""
        with self._lock:
            pool = self._pool
            key = (pairs, provider_limits)
            if (pool is not None and same(pool.source, source) and same(pool.target, target)
                    and key == self._pool_key):
                return pool
            if pool is not None:
                self._pool = None
                main = pool.detach_main()  # kept for the new pool where its account matches
                pool.close()
                for side, conn, account in zip(SIDES, main or (), (source, target), strict=False):
                    if same(conn.account, account) and side not in self._held:
                        self._held[side] = conn
                    else:
                        conn.close()  # another account now, or a newer check of it is held
            for side, account in zip(SIDES, (source, target), strict=True):
                held = self._held.get(side)
                if held is not None and not same(held.account, account):
                    del self._held[side]
                    held.close()
            self._pool = ConnectionPool(source, target, self._hand_over, pairs=pairs,
                                        provider_limits=provider_limits)
            self._pool_key = key
            return self._pool

    def _hand_over(self, account: Account) -> ImapConnection:
        """The pool's connector: a connection this session already has, else a login."""
        for side in SIDES:
            conn = self._held.get(side)
            if conn is not None and same(conn.account, account):
                del self._held[side]
                return conn
        return self._login(account)

    # -- upkeep -----------------------------------------------------------------------
    def _login(self, account: Account) -> ImapConnection:
        conn = self._connector(account)
        self.logins += 1
        return conn

    def _drop_dead(self) -> None:
        for side, conn in list(self._held.items()):
            if not _alive(conn):
                log.info("the %s connection ended while idle; the next step logs in again", side)
                del self._held[side]
                conn.close()
        pool = self._pool
        if pool is not None and pool.is_open and not all(_alive(c) for c in pool.main()):
            log.info("a connection ended while idle; the next step logs in again")
            pool.reset()

    def close(self, wait: float = 1.0) -> None:
        """Log out everywhere. A step still holding the connections after `wait`
        seconds keeps them (they end with the process): closing must not hang a window."""
        if not self._lock.acquire(timeout=wait):
            return
        try:
            self._close_all()
        finally:
            self._lock.release()

    def _close_all(self) -> None:
        held, self._held = list(self._held.values()), {}
        pool, self._pool = self._pool, None
        for conn in held:
            conn.close()
        if pool is not None:
            pool.close()


def _alive(conn: ImapConnection) -> bool:
    """One NOOP with a short timeout; False when the connection is gone."""
    return ops.alive(conn)
