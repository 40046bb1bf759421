"""The pre-flight check, each finding provoked against real Dovecot servers.

Only the restricted IMAP view (Exmail's "last 30 days" / unticked "my folders") needs a
fake: no real server can be told to hide old mail, so a small loopback proxy in front of
Dovecot hides what Exmail would hide.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from imapclient import IMAPClient

from mailmover import doctor
from mailmover.cli import main
from mailmover.doctor import PROBLEM, Finding, run_doctor
from mailmover.engine.imap import probes
from mailmover.engine.imap.probes import parse_quota
from mailmover.engine.presets import parse_preset, preset
from tests.support.dovecot import DovecotServer

CAPS_WITH_LIMIT = "IMAP4rev1 LITERAL+ UIDPLUS ID QUOTA CHILDREN NAMESPACE APPENDLIMIT=1048576"


@pytest.fixture(scope="session")
def appendlimit_server() -> Iterator[DovecotServer]:
    """Refuses messages over 1 MB and says so with APPENDLIMIT, as a careful server does."""
    server = DovecotServer(separator="/", capability=CAPS_WITH_LIMIT, max_mail_size="1M").start()
    yield server
    server.stop()


def fill(acc, folders: dict[str, list[bytes]]) -> None:
    c = IMAPClient("127.0.0.1", acc.server.port, ssl=False, timeout=30)
    c.login(acc.user, acc.password)
    for folder, messages in folders.items():
        if folder != "INBOX":
            c.create_folder(folder)
        for raw in messages:
            c.append(folder, raw, [b"\\Seen"])
    c.logout()


def msg(i: int, size: int = 0) -> bytes:
    head = (
        f"From: a@uni.edu.cn\r\nTo: b@uni.edu.cn\r\nSubject: m{i}\r\n"
        f"Message-ID: <d{i}@uni.edu.cn>\r\nDate: Mon, 1 Jun 2020 10:00:00 +0800\r\n\r\n"
    ).encode()
    line = b"x" * 76 + b"\r\n"
    return head + line * max(size // len(line), 1)


def codes(findings: list[Finding]) -> dict[str, Finding]:
    return {f.code: f for f in findings}


def folders_of(acc) -> set[str]:
    c = IMAPClient("127.0.0.1", acc.server.port, ssl=False, timeout=30)
    c.login(acc.user, acc.password)
    names = {n for _, _, n in c.list_folders()}
    c.logout()
    return names


def test_healthy_pair(coremail_server, exmail_server, make_account):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    fill(src, {"INBOX": [msg(1), msg(2)], "已发送": [msg(3)], "课题组": [msg(4, 20_000)]})
    findings = run_doctor(src.account(), dst.account(), target_preset=preset("exmail"))
    found = codes(findings)
    assert doctor.worst(findings) == "ok", [f.english() for f in findings]
    assert found[doctor.LOGIN_OK].params["server"] == "dovecot"
    assert found[doctor.FOLDERS].params["messages"] == 4
    mapping = {m["source"]: m["target"] for m in found[doctor.FOLDERS].params["mappings"]}
    assert mapping["已发送"] == "Sent"
    assert found[doctor.SIZE_OK].params["limit"] == 50 * 1024 * 1024  # from the preset
    assert doctor.VIEW_OK in found
    # The scratch folder and its message are gone again.
    assert not any(n.startswith(probes.PROBE_PREFIX) for n in folders_of(dst))


def test_quota_too_small(coremail_server, make_account):
    src = make_account(coremail_server)
    dst = make_account(coremail_server, quota="1M")
    fill(src, {"INBOX": [msg(i, 400_000) for i in range(3)]})
    f = codes(run_doctor(src.account(), dst.account(), probe=False))[doctor.QUOTA_SHORT]
    assert f.severity == PROBLEM
    assert f.params["limit"] == 1024 * 1024
    assert f.params["needed"] > f.params["free"]
    assert f.params["suggest"] >= f.params["needed"]
    assert "only 1.0 MB free" in f.english() and "quota" in f.fix_english()


def test_quota_plenty(coremail_server, make_account):
    src = make_account(coremail_server)
    dst = make_account(coremail_server, quota="100M")
    fill(src, {"INBOX": [msg(1)]})
    f = codes(run_doctor(src.account(), dst.account(), probe=False))
    assert f[doctor.QUOTA_OK].params["free"] == 100 * 1024 * 1024


def test_message_over_appendlimit(coremail_server, appendlimit_server, make_account):
    src, dst = make_account(coremail_server), make_account(appendlimit_server)
    fill(src, {"INBOX": [msg(1)], "大附件": [msg(2, 1_500_000), msg(3, 1_200_000)]})
    f = codes(run_doctor(src.account(), dst.account(), probe=False))[doctor.SIZE_TOO_LARGE]
    assert f.severity == PROBLEM
    assert f.params["count"] == 2 and f.params["folder"] == "大附件"
    assert f.params["limit"] == 1048576 and f.params["limit_source"] == "APPENDLIMIT"
    assert ".eml" in f.fix_english()


def test_message_over_preset_limit(coremail_server, limited_server, make_account):
    """limited_server refuses > 1 MB without saying so; the preset knows the limit."""
    src, dst = make_account(coremail_server), make_account(limited_server)
    fill(src, {"INBOX": [msg(1, 1_100_000)]})
    data = {"name": "small", "title_en": "Small", "quirks": {"max_message_size": 1048576}}
    found = codes(run_doctor(src.account(), dst.account(), probe=False))
    assert doctor.SIZE_NO_LIMIT in found  # nothing announced, no preset: cannot know
    found = codes(
        run_doctor(src.account(), dst.account(), probe=False, target_preset=parse_preset(data))
    )
    assert found[doctor.SIZE_TOO_LARGE].params["limit_source"] == "preset:small"


def test_wrong_password_is_a_finding(coremail_server, exmail_server, make_account):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    findings = run_doctor(
        src.account(), dst.account().with_password("wrong"), target_preset=preset("exmail")
    )
    assert [f.code for f in findings] == [doctor.LOGIN_OK, doctor.LOGIN_FAILED]
    failed = findings[1]
    assert failed.params["side"] == "target" and failed.params["error"] == "auth.failed"
    assert "client-specific password" in failed.fix_english()  # Exmail's steps
    assert "wrong" not in repr(failed.params)


def test_login_refused_by_closed_port(coremail_server, make_account):
    src = make_account(coremail_server)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = replace(src.account(), port=port)
    findings = run_doctor(dead, src.account())
    assert findings[0].code == doctor.LOGIN_FAILED
    assert findings[0].params["error"] == "connect.refused"
    assert "port" in findings[0].fix_english()


# -- a restricted IMAP view, simulated ---------------------------------------------------
class HidingProxy:
    """Forwards IMAP between client and Dovecot, hiding what a restricted view hides:
    `hide_messages` reports 0 messages in the probe's folder; `hide_folders` drops the
    probe's folder from LIST replies."""

    def __init__(self, port: int, *, hide_messages: bool, hide_folders: bool) -> None:
        self.upstream = port
        self.hide_messages, self.hide_folders = hide_messages, hide_folders
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream))
            state = {"selected": ""}
            threading.Thread(target=self._up, args=(client, server, state), daemon=True).start()
            threading.Thread(target=self._down, args=(server, client, state), daemon=True).start()

    def _lines(self, sock: socket.socket, literals: bool) -> Iterator[bytes]:
        """Lines; from the server, each literal travels whole with its line. (Client
        literals may wait for a "+" continuation, so those pass as plain lines.)"""
        f = sock.makefile("rb")
        while True:
            try:
                line = f.readline()
            except OSError:
                return
            if not line:
                return
            m = re.search(rb"\{(\d+)\}\r\n$", line) if literals else None
            if m:
                line += f.read(int(m.group(1)))
            yield line

    def _up(self, src: socket.socket, dst: socket.socket, state: dict[str, str]) -> None:
        for line in self._lines(src, literals=False):
            m = re.match(rb'\S+ (?:SELECT|EXAMINE) "?([^"\r\n]*)"?', line, re.I)
            if m:
                state["selected"] = m.group(1).decode("utf-8", "replace")
            if not _send(dst, line):
                return
        dst.close()

    def _down(self, src: socket.socket, dst: socket.socket, state: dict[str, str]) -> None:
        for line in self._lines(src, literals=True):
            probe = probes.PROBE_PREFIX.encode()
            if self.hide_folders and line.startswith(b"* LIST") and probe in line:
                continue
            if (
                self.hide_messages
                and state["selected"].startswith(probes.PROBE_PREFIX)
                and re.match(rb"\* \d+ EXISTS", line)
            ):
                line = b"* 0 EXISTS\r\n"
            if not _send(dst, line):
                return
        dst.close()


def _send(sock: socket.socket, data: bytes) -> bool:
    try:
        sock.sendall(data)
        return True
    except OSError:  # the other side hung up: the session is over
        return False


@pytest.mark.parametrize(
    "hide_messages, hide_folders, expected",
    [(True, False, doctor.VIEW_RESTRICTED), (False, True, doctor.VIEW_FOLDERS_HIDDEN)],
)
def test_restricted_view_detected(
    coremail_server, exmail_server, make_account, hide_messages, hide_folders, expected
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    fill(src, {"INBOX": [msg(1)]})
    proxy = HidingProxy(exmail_server.port, hide_messages=hide_messages, hide_folders=hide_folders)
    try:
        through_proxy = replace(dst.account(), port=proxy.port)
        found = codes(run_doctor(src.account(), through_proxy, target_preset=preset("exmail")))
    finally:
        proxy.close()
    assert found[expected].severity == PROBLEM
    assert "客户端设置" in found[expected].fix_english()
    assert (doctor.VIEW_OK in found) == (not hide_messages)
    assert not any(n.startswith(probes.PROBE_PREFIX) for n in folders_of(dst))


def test_parse_quota_takes_tightest_root():
    assert parse_quota([b'"User quota" (STORAGE 10 1024)', b'"x" (STORAGE 0 100000)']) == (
        10 * 1024,
        1024 * 1024,
    )
    assert parse_quota([None, b'"q" (MESSAGE 1 10)']) is None


# -- the command line --------------------------------------------------------------------
def _doctor_cli(monkeypatch, capsys, src, dst, *extra: str) -> tuple[int, str]:
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
    code = main(["doctor", src.url, dst.url, *extra])
    return code, capsys.readouterr().out


def test_cli_exit_codes(coremail_server, exmail_server, make_account, monkeypatch, capsys):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    fill(src, {"INBOX": [msg(1)]})
    code, out = _doctor_cli(monkeypatch, capsys, src, dst, "--target-preset", "exmail")
    assert code == 0, out
    assert "[ ok ]" in out and "0 problems" in out

    small = make_account(coremail_server, quota="1M")
    fill(src, {"big": [msg(5, 1_100_000)]})
    code, out = _doctor_cli(monkeypatch, capsys, src, small, "--no-probe")
    assert code == 1 and "[FAIL]" in out and "fix:" in out

    bad = replace(dst, password="not-it")
    code, out = _doctor_cli(monkeypatch, capsys, src, bad)
    assert code == 3 and "not-it" not in out
