"""pool.prepare(): the extra pairs log in in the background while planning goes on, and
pairs() hands them out (with any refusal as a warning) without logging in again; at the
end every connection is closed, all at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.events import Warning
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.pool import ConnectionPool, Pair


class FakeConnection(ImapConnection):
    """A logged-in connection as the pool sees it: no socket."""

    def __init__(self, account: Account) -> None:  # no super(): nothing to talk to
        self.account = account
        self.greeting = "* OK IMAP ready"
        self.capabilities = frozenset({"IMAP4REV1"})
        self.closed = False
        self.on_close: Callable[[], object] = lambda: None

    def close(self) -> None:
        self.on_close()
        self.closed = True


class Connector:
    def __init__(self, source_limit: int | None = None) -> None:
        self.calls = 0
        self.gate = threading.Event()
        self.gate.set()
        self.source_limit = source_limit  # logins the source server allows
        self.source_logins = 0
        self.made: list[FakeConnection] = []
        self._lock = threading.Lock()

    def __call__(self, account: Account) -> FakeConnection:
        with self._lock:
            self.calls += 1
            n = self.calls
        if n > 2:  # the main pair is never held back
            assert self.gate.wait(10)
        if account.host == "src.example" and self.source_limit is not None:
            with self._lock:
                self.source_logins += 1
                refused = self.source_logins > self.source_limit
            if refused:
                raise errors.ConnectError(errors.AUTH_FAILED, host=account.host, detail="too many")
        conn = FakeConnection(account)
        with self._lock:
            self.made.append(conn)
        return conn


def _pool(connector: Connector, pairs: int = 4) -> ConnectionPool:
    src = Account("src.example", "a", 143, "plain", "pw", allow_plaintext=True)
    dst = Account("dst.example", "b", 143, "plain", "pw", allow_plaintext=True)
    return ConnectionPool(src, dst, connector, pairs=pairs)


def test_prepare_returns_at_once_and_pairs_waits_for_the_logins() -> None:
    connector = Connector()
    connector.gate.clear()
    pool = _pool(connector)
    pool.prepare(4)  # returns while the extra logins are held back
    assert connector.calls <= 2 + 6 and len(connector.made) == 2
    got: list[tuple[list[Pair], list[Warning]]] = []
    waiter = threading.Thread(target=lambda: got.append(pool.pairs(4)))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and not got  # pairs() waits for the background logins
    connector.gate.set()
    waiter.join(10)
    pairs, warnings = got[0]
    assert len(pairs) == 4 and warnings == []
    assert connector.calls == 8  # no login twice
    pool.prepare(4)  # nothing left to open
    assert pool.pairs(4)[0] == pairs and connector.calls == 8
    pool.close()
    assert all(c.closed for c in connector.made)


def test_a_refused_background_login_is_a_warning_and_fewer_pairs() -> None:
    connector = Connector(source_limit=2)  # the main pair and one extra pair only
    pool = _pool(connector)
    pool.prepare(4)
    pairs, warnings = pool.pairs(4)
    assert len(pairs) == 2
    assert [w.code for w in warnings] == [errors.FEWER_CONNECTIONS] * 2
    assert pool.limit == 2
    assert pool.pairs(4) == (pairs, [])  # asked again: no new logins, no new warning
    pool.close()
    # The destination half of each refused pair was closed, not left open.
    assert all(c.closed for c in connector.made)


def test_reset_during_background_logins_closes_them_too() -> None:
    connector = Connector()
    connector.gate.clear()
    pool = _pool(connector)
    pool.prepare(3)
    threading.Timer(0.1, connector.gate.set).start()
    pool.reset()
    assert len(connector.made) == 6 and all(c.closed for c in connector.made)
    assert not pool.is_open


def test_connections_are_closed_at_once_not_one_after_another() -> None:
    connector = Connector()
    pool = _pool(connector)
    pool.pairs(3)
    # Every close waits for all six to be closing: closed one after another, the first
    # would wait in vain and the barrier break.
    barrier = threading.Barrier(6, timeout=10)
    for conn in connector.made:
        conn.on_close = barrier.wait
    pool.close()
    assert len(connector.made) == 6 and all(c.closed for c in connector.made)
    assert not barrier.broken
