"""The connections of one move: logged in once, lent to planning, copying and verifying.

A pair is (source connection, destination connection). The main pair is opened first
(both logins at once) and serves planning, reconcile and verify; extra pairs are opened
in parallel when copying wants them, or in the background as soon as a run says a copy
will follow (`prepare`), so their logins overlap planning and the first reconcile. The
number of pairs is capped by the user's choice and by the provider's known limit
(presets: Exmail allows 3); a server that refuses an extra login means fewer pairs, never
a failed move. After a broken connection `reset()` drops them all; the next `main()`
logs in again.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.events import Warning
from mailmover.engine.imap import quirks
from mailmover.engine.imap.connection import ImapConnection

log = logging.getLogger(__name__)

Pair = tuple[ImapConnection, ImapConnection]
Connector = Callable[[Account], ImapConnection]


def provider_connection_limit(greeting: str, capabilities: frozenset[str]) -> int | None:
    """The known connection limit of the server's provider (presets), if any."""
    return quirks.decide(greeting, capabilities).connection_limit


class ConnectionPool:
    def __init__(
        self,
        source: Account,
        target: Account,
        connector: Connector,
        *,
        pairs: int,
        provider_limits: bool = True,
    ) -> None:
        self.source = source
        self.target = target
        self._connector = connector
        self._provider_limits = provider_limits
        self.limit = max(1, pairs)
        self._main: Pair | None = None
        self._extra: list[Pair] = []
        self._lock = threading.Lock()  # main() may be asked from a read-ahead thread
        self._opening: threading.Thread | None = None  # prepare()'s background logins
        self._early_warnings: list[Warning] = []

    # -- the main pair --------------------------------------------------------------
    def main(self) -> Pair:
        with self._lock:
            if self._main is None:
                src, dst = _login_both(self._connector, self.source, self.target)
                for conn in (src, dst):
                    self._apply_provider_limit(conn)
                self._main = (src, dst)
            return self._main

    @property
    def is_open(self) -> bool:
        return self._main is not None

    def source_if_open(self) -> ImapConnection | None:
        """The source connection when one is open; never logs in (end of a broken run)."""
        return self._main[0] if self._main is not None else None

    def _apply_provider_limit(self, conn: ImapConnection) -> None:
        if not self._provider_limits:
            return
        limit = provider_connection_limit(conn.greeting, conn.capabilities)
        if limit is not None and limit < self.limit:
            log.info("%s allows %d connections; using %d pairs", conn.account.host, limit, limit)
            self.limit = max(1, limit)

    # -- pairs for copying ------------------------------------------------------------
    def prepare(self, wanted: int) -> None:
        """Start logging in the extra pairs a copy will want, in the background, so they
        are ready when the first folder starts copying (`pairs()` waits for them).
        Call it when a copy is sure to follow (a run), not for planning or checking."""
        self.main()
        with self._lock:
            if self._opening is not None:
                return
            missing = max(1, min(wanted, self.limit)) - 1 - len(self._extra)
            if missing <= 0:
                return
            self._opening = threading.Thread(
                target=self._open_background, args=(missing,), name="mm-login", daemon=True
            )
            self._opening.start()

    def _open_background(self, missing: int) -> None:
        self._early_warnings.extend(self._open(missing))

    def _wait_for_background(self) -> list[Warning]:
        with self._lock:
            opening, self._opening = self._opening, None
        if opening is not None:
            opening.join()
        warnings, self._early_warnings = self._early_warnings, []
        return warnings

    def pairs(self, wanted: int) -> tuple[list[Pair], list[Warning]]:
        """The main pair plus extra pairs opened in parallel; fewer if the server refuses."""
        main = self.main()
        warnings = self._wait_for_background()
        wanted = max(1, min(wanted, self.limit))
        missing = wanted - 1 - len(self._extra)
        if missing > 0:
            warnings += self._open(missing)
        return [main, *self._extra][:wanted], warnings

    def _open(self, missing: int) -> list[Warning]:
        """Log in `missing` pairs at once; a refused login lowers the limit."""
        opened: queue.SimpleQueue[Pair | BaseException] = queue.SimpleQueue()

        def open_pair() -> None:
            try:
                opened.put(_login_both(self._connector, self.source, self.target))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                opened.put(exc)

        threads = [threading.Thread(target=open_pair, daemon=True) for _ in range(missing)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        warnings: list[Warning] = []
        while not opened.empty():
            got = opened.get()
            if isinstance(got, BaseException):
                # A connection limit is not a reason to stop: go on with fewer pairs.
                self.limit = 1 + len(self._extra)
                code = getattr(got, "code", errors.NETWORK)
                warnings.append(Warning(errors.FEWER_CONNECTIONS, {"code": code}))
            else:
                self._extra.append(got)
        self.limit = max(self.limit, 1 + len(self._extra))
        return warnings

    def slow_down(self) -> None:
        """The server asked us to slow down: one pair fewer from now on."""
        self.limit = max(1, self.limit - 1)

    # -- ending ---------------------------------------------------------------------
    def release_extra(self) -> None:
        """Close the extra pairs (a run is over) and keep the main pair for what follows
        (verify, the next run): a shared pool does not hold idle logins."""
        self._wait_for_background()
        with self._lock:
            extra, self._extra = self._extra, []
        _close_all([c for pair in extra for c in pair])

    def detach_main(self) -> Pair | None:
        """Hand the main pair over to the caller (a pool for other settings takes it)."""
        with self._lock:
            main, self._main = self._main, None
        return main

    def reset(self) -> None:
        """Close everything (after a broken connection); the next use logs in again."""
        self._wait_for_background()  # its pairs are closed below with the rest
        with self._lock:
            conns = [c for pair in ([self._main] if self._main else []) + self._extra for c in pair]
            self._main, self._extra = None, []
        _close_all(conns)

    close = reset


def _close_all(conns: list[ImapConnection]) -> None:
    # All at once: each LOGOUT waits a round trip for the server's answer, so eight
    # connections closed one after another cost eight round trips at the end.
    closers = [threading.Thread(target=conn.close, name="mm-logout", daemon=True) for conn in conns]
    for t in closers:
        t.start()
    for t in closers:
        t.join()


def _login_both(connector: Connector, source: Account, target: Account) -> Pair:
    """Log in to both servers at once: start-up costs one login's time, not two."""
    got: dict[str, ImapConnection | BaseException] = {}

    def login(side: str, account: Account) -> None:
        try:
            got[side] = connector(account)
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            got[side] = exc

    thread = threading.Thread(target=login, args=("target", target), daemon=True)
    thread.start()
    login("source", source)
    thread.join()
    src, dst = got["source"], got["target"]
    for one, other in ((src, dst), (dst, src)):
        if isinstance(one, BaseException):
            if isinstance(other, ImapConnection):
                other.close()
            raise one
    assert isinstance(src, ImapConnection) and isinstance(dst, ImapConnection)
    return src, dst
