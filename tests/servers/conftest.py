"""Servers other than plain Dovecot, on 127.0.0.1: Cyrus (two layouts), Courier, GNU imap4d, pymap,
and the Coremail/Exmail emulations (a proxy in front of Dovecot or pymap)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from imapclient import IMAPClient

from mailmover.engine.account import Account
from tests.support.courier import CourierServer
from tests.support.cyrus import CyrusServer
from tests.support.dovecot import DovecotServer, free_port
from tests.support.imap4d import Imap4dServer
from tests.support.providers import (
    EXMAIL_CAPABILITIES,
    EXMAIL_FOLDERS,
    EXMAIL_USER_PARENT,
    Behaviour,
    Coremail,
    Exmail,
    ProviderProxy,
)


@dataclass
class Endpoint:
    """One account as mailmover sees it (`account`) and as the test inspects it (`direct`)."""

    name: str
    account: Account
    direct_port: int  # the real server, behind any emulation proxy
    user: str
    password: str
    personal: str  # personal namespace prefix ("INBOX." or "")
    separator: str
    proxy: ProviderProxy | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def client(self) -> IMAPClient:
        c = IMAPClient("127.0.0.1", self.direct_port, ssl=False, timeout=30)
        c.normalise_times = False
        c.login(self.user, self.password)
        if self.extra.get("send_id"):
            c.id_({"name": "tests"})
        return c

    def path(self, *parts: str) -> str:
        return self.personal + self.separator.join(parts)


_n = 0


@contextlib.contextmanager
def behind(ep: Endpoint, behaviour: Behaviour) -> Iterator[ProviderProxy]:
    """`ep` as mailmover sees it goes through a proxy playing `behaviour` (a provider's
    rules, a refusal) until the block ends; the test still inspects the real server."""
    proxy = ProviderProxy(ep.direct_port, behaviour).start()
    before = ep.account
    ep.account = replace(before, port=proxy.port)
    try:
        yield proxy
    finally:
        ep.account = before
        proxy.stop()


def _user() -> str:
    global _n
    _n += 1
    return f"u{os.getpid()}y{_n}"


def _account(port: int, user: str, password: str) -> Account:
    return Account(
        host="127.0.0.1",
        port=port,
        user=user,
        password=password,
        security="plain",
        allow_plaintext=True,
        timeout=30,
    )


@pytest.fixture(scope="session")
def cyrus_debian() -> Iterator[CyrusServer]:
    s = CyrusServer("debian").start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def cyrus_upstream() -> Iterator[CyrusServer]:
    s = CyrusServer("upstream").start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def imap4d() -> Iterator[Imap4dServer]:
    s = Imap4dServer().start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def dovecot_mbox() -> Iterator[DovecotServer]:
    s = DovecotServer(storage="mbox").start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def courier() -> Iterator[CourierServer]:
    s = CourierServer().start()
    yield s
    s.stop()


class PymapServer:
    """pymap's in-memory server (strict RFC 3501 grammar), one account, a subprocess."""

    def __init__(self, user: str, password: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                os.path.join(os.path.dirname(sys.executable), "pymap"),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-tls",
                "dict",
                "--demo-user",
                user,
                "--demo-password",
                password,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                c = IMAPClient("127.0.0.1", self.port, ssl=False, timeout=2)
                c.logout()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("pymap did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def endpoint(
    request: pytest.FixtureRequest,
) -> Iterator[Callable[[str], Endpoint]]:
    """endpoint(kind) -> a fresh account on that kind of server."""
    cleanup: list[Callable[[], None]] = []

    def make(kind: str) -> Endpoint:
        user, password = _user(), "secret"
        if kind in ("cyrus", "cyrus-unix"):
            server = request.getfixturevalue(
                "cyrus_debian" if kind == "cyrus" else "cyrus_upstream"
            )
            server.add_user(user, password)
            ep = Endpoint(
                kind,
                _account(server.port, user, password),
                server.port,
                user,
                password,
                server.personal_prefix,
                server.separator,
            )
            ep.client().logout()  # the first login creates INBOX and the role folders
            return ep
        if kind == "courier":
            server = request.getfixturevalue("courier")
            server.add_user(user, password)
            return Endpoint(
                kind,
                _account(server.port, user, password),
                server.port,
                user,
                password,
                "INBOX.",
                ".",
            )
        if kind in ("dovecot", "coremail"):
            server = request.getfixturevalue("coremail_server")
            server.add_user(user, password)
            c = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=30)
            c.login(user, password)
            for name in ("已发送", "草稿箱", "已删除", "垃圾邮件"):
                c.create_folder(name)  # a Coremail account has them from the start
            c.logout()
            if kind == "dovecot":
                return Endpoint(
                    kind,
                    _account(server.port, user, password),
                    server.port,
                    user,
                    password,
                    "",
                    "/",
                )
            proxy = ProviderProxy(server.port, Coremail()).start()
            cleanup.append(proxy.stop)
            return Endpoint(
                kind,
                _account(proxy.port, user, password),
                server.port,
                user,
                password,
                "",
                "/",
                proxy,
            )
        if kind in ("exmail", "exmail-bye"):
            server = request.getfixturevalue("exmail_server")
            server.add_user(user, password)
            proxy = ProviderProxy(
                server.port, Exmail(max_message=256 * 1024, refuse_with_bye=kind == "exmail-bye")
            ).start()
            cleanup.append(proxy.stop)
            ep = Endpoint(
                kind,
                _account(proxy.port, user, password),
                server.port,
                user,
                password,
                "",
                "/",
                proxy,
            )
            c = ep.client()
            for name in EXMAIL_FOLDERS:
                c.create_folder(name)
            # Dovecot (LAYOUT=fs) shows the parent of a folder as \Noselect, as Exmail does.
            c.create_folder(EXMAIL_USER_PARENT + "/占位")
            c.logout()
            return ep
        if kind == "pymap":
            pm = PymapServer(user, password)
            cleanup.append(pm.stop)
            strict = Behaviour(keep_capabilities=EXMAIL_CAPABILITIES)
            proxy = ProviderProxy(pm.port, strict).start()
            cleanup.append(proxy.stop)
            return Endpoint(
                kind,
                _account(proxy.port, user, password),
                pm.port,
                user,
                password,
                "",
                "/",
                proxy,
            )
        if kind == "dovecot-mbox":
            mbox = request.getfixturevalue("dovecot_mbox")
            mbox.add_user(user, password)
            return Endpoint(
                kind, _account(mbox.port, user, password), mbox.port, user, password, "", "/"
            )
        if kind == "imap4d":
            server = request.getfixturevalue("imap4d")
            login = server.add_user(user, password)
            ep = Endpoint(
                kind, _account(server.port, login, password), server.port, login, password, "", "/"
            )
            return ep
        raise ValueError(kind)

    yield make
    for fn in reversed(cleanup):
        fn()
