"""Shared fixtures: real Dovecot servers on 127.0.0.1, fresh accounts per test."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from tests.support.dovecot import (
    COREMAIL_SPECIAL_USE,
    EXMAIL_CAPABILITY,
    DovecotServer,
    dovecot_binary,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Move locks, default stores and logs of the whole test session go to a private folder,
# never the developer's own (subprocesses inherit it, so their locks still meet).
os.environ.setdefault("MAILMOVER_HOME", tempfile.mkdtemp(prefix="mailmover-tests-"))

_counter = itertools.count()


@dataclass
class TestAccount:
    server: DovecotServer
    user: str
    password: str

    @property
    def url(self) -> str:
        return f"imap+plain://{self.user}@127.0.0.1:{self.server.port}"

    def account(self):  # -> mailmover.engine.account.Account
        from mailmover.engine.account import Account

        return Account(
            host="127.0.0.1",
            port=self.server.port,
            user=self.user,
            password=self.password,
            security="plain",
            allow_plaintext=True,
        )


def _server(request: pytest.FixtureRequest, **kwargs) -> Iterator[DovecotServer]:
    if dovecot_binary() is None:
        pytest.fail("dovecot is not installed: run the README's test command (tests/run)")
    server = DovecotServer(**kwargs).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def coremail_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """Like Coremail: separator '/', Chinese folder names with SPECIAL-USE, LITERAL+."""
    yield from _server(request, separator="/", special_use=COREMAIL_SPECIAL_USE)


@pytest.fixture(scope="session")
def exmail_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """Like Exmail: separator '/', English names without flags, no LITERAL+/MULTIAPPEND."""
    yield from _server(request, separator="/", capability=EXMAIL_CAPABILITY)


@pytest.fixture(scope="session")
def dot_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """Maildir++ layout: separator '.'."""
    yield from _server(request, separator=".")


@pytest.fixture(scope="session")
def tls_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """Implicit TLS and STARTTLS with a self-signed certificate for localhost."""
    yield from _server(request, separator="/", tls=True)


@pytest.fixture(scope="session")
def limited_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """Refuses messages over 1 MB, as a destination with a size limit does."""
    yield from _server(request, separator="/", max_mail_size="1M")


@pytest.fixture
def make_account() -> Callable[..., TestAccount]:
    def make(server: DovecotServer, password: str = "secret", **kw) -> TestAccount:
        user = f"u{os.getpid()}x{next(_counter)}"
        server.add_user(user, password, **kw)
        return TestAccount(server, user, password)

    return make


@pytest.fixture(autouse=True)
def _forget_env_secrets() -> Iterator[None]:
    """Password variables are removed from os.environ when read and remembered for the
    process (mailmover.hardening); a test's variables must not outlive it."""
    yield
    from mailmover import hardening

    hardening._READ.clear()
