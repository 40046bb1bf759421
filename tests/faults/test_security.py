"""Passwords never written anywhere; hostile servers cannot exhaust memory."""

from __future__ import annotations

import base64
import io
import logging
import socket
import threading
import tracemalloc
from pathlib import Path

import pytest

from mailmover.cli import Output, main
from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.folders import list_folders
from mailmover.engine.imap.connect import connect
from tests.support.mailbox import client, message

SRC_PW = 'Src(p)a*s%s"w\\rd {7}'
DST_PW = "新邮箱密码 Dst!"


def _all_written(root: Path) -> bytes:
    blob = b""
    for p in root.rglob("*"):
        if p.is_file():
            blob += p.read_bytes()
    return blob


def _forms(user: str, pw: str) -> list[bytes]:
    raw = pw.encode()
    plain = base64.b64encode(b"\0" + user.encode() + b"\0" + raw)
    return [raw, plain, pw.encode("unicode_escape"), repr(pw).encode()]


def test_passwords_never_reach_logs_reports_store_or_output(
    coremail_server, limited_server, make_account, tmp_path, monkeypatch, caplog
):
    src = make_account(coremail_server, SRC_PW)
    dst = make_account(limited_server, DST_PW)
    c = client(coremail_server, src.user, src.password)
    c.append("INBOX", message(1))
    c.append("INBOX", message(2, body=b"W" * 1_100_000))  # refused: saved as .eml
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", SRC_PW)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", DST_PW)
    state = tmp_path / "state"
    caplog.set_level(logging.DEBUG)  # everything, imapclient's protocol log included
    logging.getLogger("imapclient").setLevel(logging.DEBUG)
    out, err = io.StringIO(), io.StringIO()
    argv = [
        "migrate",
        src.url,
        dst.url,
        "--state-dir",
        str(state),
        "-v",
        "--report",
        str(state / "report.json"),
    ]
    assert main(argv, Output(out, err)) == 1
    assert main(["verify", *argv[1:]], Output(out, err)) == 1
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", DST_PW + "wrong")
    assert main(argv, Output(out, err)) == 3
    written = _all_written(state) + out.getvalue().encode() + err.getvalue().encode()
    written += caplog.text.encode()
    assert b"report.json" in b"".join(p.name.encode() for p in state.rglob("*"))
    for user, pw in ((src.user, SRC_PW), (dst.user, DST_PW), (dst.user, DST_PW + "wrong")):
        for form in _forms(user, pw):
            assert form not in written, form
    assert "u" in repr(src.account()) and SRC_PW not in repr(src.account())


def test_certificate_verification_has_no_off_switch():
    from mailmover.cli import build_parser

    options = (
        build_parser().format_help()
        + build_parser()._subparsers._group_actions[0].choices["migrate"].format_help()
    )
    for word in ("insecure", "no-verify", "skip-verify", "verify-cert"):
        assert word not in options
    with pytest.raises(TypeError):
        Account("h", "u", verify=False)  # type: ignore[call-arg]


def _hostile_server(literal_size: int) -> tuple[socket.socket, threading.Thread]:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)

    def serve() -> None:
        conn, _ = s.accept()
        f = conn.makefile("rwb")
        f.write(b"* OK hostile IMAP ready\r\n")
        f.flush()
        while line := f.readline():
            words = line.strip().split(b" ")
            tag, cmd = words[0], (words[1].upper() if len(words) > 1 else b"")
            if cmd == b"CAPABILITY":
                f.write(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
            elif cmd == b"LOGIN":
                f.write(tag + b" OK logged in\r\n")
            elif cmd == b"LIST":
                # Announce a literal far larger than any message, then send a trickle.
                f.write(b'* LIST () "/" {' + str(literal_size).encode() + b"}\r\n")
                f.write(b"x" * 1000)
            else:
                f.write(tag + b" OK\r\n")
            f.flush()
        conn.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return s, t


def test_hostile_server_cannot_make_us_allocate_a_huge_literal():
    s, t = _hostile_server(40 * 1024**3)  # 40 GB
    acc = Account("127.0.0.1", "u", s.getsockname()[1], "plain", "p", timeout=5)
    tracemalloc.start()
    try:
        with connect(acc) as conn:
            with pytest.raises(errors.TransientError) as exc:
                list_folders(conn)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        s.close()
    assert exc.value.code == errors.CONNECTION_LOST
    assert "literal" in str(exc.value)
    assert peak < 50 * 1024 * 1024
