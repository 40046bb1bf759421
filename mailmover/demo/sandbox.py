"""Two sandbox IMAP servers on 127.0.0.1, in memory, in a background thread (pymap).

The old one holds sample mail (see samples.py) and looks like Coremail from the outside
(Chinese folder names, '/' separator); the new one has Exmail's folder names. No Qt.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import secrets
import shutil
import tempfile
import threading
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from mailmover.demo.samples import OWNER, sample_messages, write_contacts_csv
from mailmover.engine import Account, append_message, connect, create_folder

NEW_FOLDERS = ("Sent Messages", "Drafts", "Deleted Messages", "Junk")


class SandboxError(RuntimeError):
    """The sandbox servers could not start (pymap missing or a port problem)."""


@dataclass
class Sandbox:
    source: Account
    target: Account
    contacts_csv: Path
    directory: Path
    _stop: threading.Event = field(repr=False, default_factory=threading.Event)
    _thread: threading.Thread | None = field(repr=False, default=None)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


async def _serve(
    users: list[tuple[str, str, str]],
    ports: list[int],
    ready: threading.Event,
    stop: threading.Event,
    failure: list[BaseException],
) -> None:
    try:
        from pymap.backend.dict import Config, DictBackend, Login
        from pymap.imap import IMAPService
    except ImportError as exc:  # the "demo" extra is not installed
        failure.append(exc)
        ready.set()
        return

    class DemoConfig(Config):
        def __init__(self, *args: object, label: str, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._label = label

        @property
        def greeting(self) -> bytes:  # pymap would look up the FQDN: slow, and not ours
            return f"mailmover demo sandbox: {self._label}".encode("ascii")

    try:
        async with AsyncExitStack() as stack:
            for label, user, password in users:
                args = argparse.Namespace(
                    host="127.0.0.1",
                    port=0,
                    debug=False,
                    cert=None,
                    key=None,
                    tls=False,
                    demo_data=False,
                    demo_user=user,
                    demo_password=password,
                    passlib_cfg=None,
                    proxy_protocol=None,
                    inherited_sockets=None,
                )
                config = DemoConfig.from_args(args, label=label, invalid_user_sleep=0.0)
                backend = DictBackend(Login(config), config)
                await DictBackend._add_demo_user(config, backend.login)  # the one account
                config.apply_context()
                await backend.start(stack)
                service = IMAPService(backend, config)
                # Bind to a free port chosen by the OS, then read it back.
                server = await asyncio.start_server(_callback(service), host="127.0.0.1", port=0)
                await stack.enter_async_context(server)
                task = asyncio.create_task(server.serve_forever())
                stack.callback(task.cancel)
                ports.append(server.sockets[0].getsockname()[1])
            ready.set()
            while not stop.is_set():
                await asyncio.sleep(0.05)
    except BaseException as exc:  # surfaced to start_sandbox
        failure.append(exc)
        ready.set()


def _callback(service: object):  # type: ignore[no-untyped-def]
    from proxyprotocol.reader import ProxyProtocolReader
    from pymap.imap import IMAPServer

    backend = service.backend  # type: ignore[attr-defined]
    config = service.config  # type: ignore[attr-defined]
    reader = ProxyProtocolReader(config.proxy_protocol)
    return reader.get_callback(IMAPServer(backend.login, config))


def _fill_source(account: Account) -> None:
    conn = connect(account)
    try:
        created = {"INBOX"}
        for sample in sample_messages():
            if sample.folder not in created:
                create_folder(conn, sample.folder)
                created.add(sample.folder)
            append_message(conn, sample.folder, sample.raw, sample.flags, sample.when)
    finally:
        conn.close()


def _prepare_target(account: Account) -> None:
    conn = connect(account)
    try:
        for name in NEW_FOLDERS:
            create_folder(conn, name)
    finally:
        conn.close()


def start_sandbox(*, fill: bool = True) -> Sandbox:
    """Start both servers, fill the old one, write the contacts CSV; call .stop() after."""
    directory = Path(tempfile.mkdtemp(prefix="mailmover-demo-"))
    source_password = "旧-" + secrets.token_urlsafe(6)  # any password works, even Chinese
    target_password = "New(" + secrets.token_urlsafe(6) + ')"'
    target_user = OWNER  # same address: the institution keeps its domain
    users = [
        ("old mail system", OWNER, source_password),
        ("new mail system", target_user, target_password),
    ]
    ports: list[int] = []
    failure: list[BaseException] = []
    ready, stop = threading.Event(), threading.Event()
    thread = threading.Thread(
        target=lambda: asyncio.run(_serve(users, ports, ready, stop, failure)),
        name="mailmover-demo-imap",
        daemon=True,
    )
    thread.start()
    if not ready.wait(30) or failure or len(ports) != 2:
        stop.set()
        shutil.rmtree(directory, ignore_errors=True)
        raise SandboxError(repr(failure[0]) if failure else "sandbox did not start")

    def account(port: int, user: str, password: str) -> Account:
        return Account(
            host="127.0.0.1", port=port, user=user, password=password, security="plain", timeout=30
        )

    sandbox = Sandbox(
        source=account(ports[0], OWNER, source_password),
        target=account(ports[1], target_user, target_password),
        contacts_csv=write_contacts_csv(directory),
        directory=directory,
        _stop=stop,
        _thread=thread,
    )
    try:
        if fill:
            _fill_source(sandbox.source)
            _prepare_target(sandbox.target)
    except BaseException:
        with contextlib.suppress(Exception):
            sandbox.stop()
        raise
    return sandbox
