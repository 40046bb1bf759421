"""GUI test fixtures: a private MAILMOVER_HOME, an in-memory keychain, helpers to drive."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import keyring
import keyring.backend
import pytest
from imapclient import IMAPClient

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def make_wizard(qtbot) -> Iterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    from mailmover.gui.app import build_wizard

    made = []

    def make(**kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("language", "en")
        w = build_wizard(**kwargs)
        w.opened_urls = []  # type: ignore[attr-defined]
        w.session.open_url = w.opened_urls.append  # type: ignore[attr-defined]
        w.session.confirm = lambda *a: True
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.shutdown()


def client_for(account) -> IMAPClient:  # type: ignore[no-untyped-def]
    c = IMAPClient("127.0.0.1", port=account.server.port, ssl=False, timeout=30)
    c.plain_login(account.user, account.password)  # UTF-8: any password
    return c


def message(n: int, folder: str) -> bytes:
    m = EmailMessage()
    m["From"] = "张老师 <zhang@old.example.edu.cn>"
    m["To"] = "li@old.example.edu.cn"
    m["Subject"] = f"测试 {folder} {n}"
    m["Date"] = f"Mon, 02 Sep 2024 10:{n // 60 % 60:02d}:{n % 60:02d} +0800"
    m["Message-ID"] = f"<{folder.encode().hex()}-{n}-{time.time_ns()}@test>"
    m.set_content(f"正文 {n}\n")
    return m.as_bytes().replace(b"\n", b"\r\n")


def fill_mailbox(account, folders: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    with client_for(account) as c:
        for folder, count in folders.items():
            if folder != "INBOX" and not c.folder_exists(folder):
                c.create_folder(folder)
            c.select_folder(folder)
            for i in range(count):
                c.append(folder, message(i, folder), flags=[b"\\Seen"] if i % 2 else [])


def folder_counts(account) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with client_for(account) as c:
        out = {}
        for flags, _d, name in c.list_folders():
            if any(f.lower() in (b"\\noselect", b"\\nonexistent") for f in flags):
                continue  # a placeholder parent (e.g. 课题 of 课题/基金): holds no mail
            info = c.select_folder(name, readonly=True)
            out[name] = int(info[b"EXISTS"])
        return out


def subjects(account, folder: str) -> list[str]:  # type: ignore[no-untyped-def]
    with client_for(account) as c:
        c.select_folder(folder, readonly=True)
        data = c.fetch(c.search("ALL"), [b"BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
        return sorted(v[b"BODY[HEADER.FIELDS (SUBJECT)]"].decode() for v in data.values())


def shoot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    widget.grab().save(str(path))
    return path


# A stand-in systemd-inhibit that logs its arguments and runs the command it wraps
# (REFUSE=1 makes it fail), so keep-awake can be tested without logind.
FAKE = """#!/bin/sh
echo "$@" >> "{log}"
[ -n "$REFUSE" ] && exit 1
while [ "${{1#--}}" != "$1" ]; do shift; done
exec "$@"
"""


@pytest.fixture
def fake_inhibit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "inhibit.log"
    script = bin_dir / "systemd-inhibit"
    script.write_text(FAKE.format(log=log))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log
