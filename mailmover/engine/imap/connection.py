"""One signed-in IMAP connection: the client, what the server said about itself, and
the guard that classifies every answer given on it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from types import TracebackType

from imapclient import IMAPClient

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap import faults
from mailmover.engine.imap.quirks import Quirks, decide

# What a command may raise that is the server's or the network's doing (imapclient's
# exceptions are imaplib's or subclasses; parse errors of a server's answer come as
# ValueError and kin). Anything else is a bug of ours and is left to surface as one.
SERVER_ERRORS: tuple[type[BaseException], ...] = (
    errors.MailMoverError,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    MemoryError,
    *faults.LIBRARY_ERRORS,
)


class ImapConnection:
    """An authenticated IMAPClient plus what we learned about the server.

    Only code in `engine/imap/` touches `client`; everything above calls the
    boundary's functions, which run their commands under `guard`."""

    def __init__(self, account: Account, client: IMAPClient, greeting: str) -> None:
        self.account = account
        self.client = client
        self.greeting = greeting
        self.capabilities: frozenset[str] = frozenset()
        # The shortest time seen from a write to the first line of its answer
        # (stats.pipeline, scan.select): the network's round trip plus a little of the
        # server's time; it sizes the in-flight budget (memory.in_flight_for).
        self.round_trip: float | None = None
        self.selected: str | None = None  # the folder scan.select opened last
        self.refresh_capabilities()
        self.quirks: Quirks = decide(greeting, self.capabilities)

    def refresh_capabilities(self) -> None:
        with self.guard():
            caps = self.client.capabilities()
        self.capabilities = frozenset(c.decode("ascii", "replace").upper() for c in caps)

    def note_round_trip(self, seconds: float) -> None:
        if self.round_trip is None or seconds < self.round_trip:
            self.round_trip = seconds

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.logout()
        with contextlib.suppress(Exception):
            self.client.shutdown()

    def __enter__(self) -> ImapConnection:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def scope(self, folder: str | None = None, uids: Iterable[int] = ()) -> faults.Scope:
        return faults.Scope(self.account.host, folder, tuple(uids))

    @contextlib.contextmanager
    def guard(self, folder: str | None = None, uids: Iterable[int] = ()) -> Iterator[None]:
        """Every failure of the commands inside as one fault (faults.classify): a refusal
        concerns `uids` if given, else `folder` if given, else the account."""
        try:
            yield
        except SERVER_ERRORS as exc:
            raise faults.classify(exc, self.scope(folder, uids)) from exc
