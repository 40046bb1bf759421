"""IMAP command injection (issue 26): nothing from a user name reaches the wire as a
second command. A CR/LF in an account URL or in a batch CSV cell is refused before any
connection, with a plain sentence and the usage exit code."""

from __future__ import annotations

import io
import socket
import threading
from urllib.parse import quote as urlquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imapclient import IMAPClient

from mailmover.batch import cli as batch_cli
from mailmover.cli import Output, main
from mailmover.engine import errors
from mailmover.engine.account import Account, parse_url
from mailmover.engine.imap import wire
from mailmover.engine.imap.connect import connect
from tests.support.mailbox import client, count

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\x9b"]
NON_ASCII = ["é", "张", "\u202e", "\u200b", "😀"]


def _injected(attacker: str, attacker_pw: str) -> str:
    # LOGIN attacker …, then APPEND INBOX {N+}: the victim's password, which follows on
    # the same line, would be stored in the attacker's mailbox.
    return f'victim"\r\nA1 LOGIN {attacker} {attacker_pw}\r\nA2 APPEND INBOX {{40+}}\r\n'


class _Listener:
    """A port that counts connections (none may come)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.sock.close()


def test_crlf_in_a_url_user_name_is_refused_before_connecting(
    coremail_server, make_account, tmp_path, monkeypatch
):
    attacker = make_account(coremail_server, "attackerpw")
    victim_dst = make_account(coremail_server)
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "victims-secret-password-xyz")
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", victim_dst.password)
    user = urlquote(_injected(attacker.user, attacker.password), safe="")
    src_url = f"imap+plain://{user}@127.0.0.1:{coremail_server.port}"
    err = io.StringIO()
    code = main(
        ["migrate", src_url, victim_dst.url, "--state-dir", str(tmp_path / "s")],
        Output(io.StringIO(), err),
    )
    assert code == 2, err.getvalue()
    assert "contains a control character (U+000D at position 8)" in err.getvalue()
    assert "\r" not in err.getvalue() and "\n" not in err.getvalue().rstrip("\n")
    with client(coremail_server, attacker.user, attacker.password) as c:
        assert count(c, "INBOX") == 0


def test_crlf_in_a_batch_csv_cell_is_refused_before_connecting(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "x")
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "x")
    path = tmp_path / "staff.csv"
    bad = _injected("attacker", "pw").replace('"', '""')
    path.write_text(f'source_user,target_user\r\n"{bad}",b@new.cn\r\n', encoding="utf-8")
    path.chmod(0o600)
    listener = _Listener()
    err = io.StringIO()
    try:
        code = batch_cli.main(
            ["batch", str(path), "--source", f"imap+plain://127.0.0.1:{listener.port}",
             "--target", f"imap+plain://127.0.0.1:{listener.port}",
             "--state-dir", str(tmp_path / "s")],
            Output(io.StringIO(), err),
        )  # fmt: skip
    finally:
        listener.close()
    assert code == 2, err.getvalue()
    assert ": the source user name victim" in err.getvalue()
    assert "control character (U+000D" in err.getvalue()
    assert listener.accepted == 0


def test_an_account_made_in_code_is_refused_before_any_byte_is_sent():
    """The wizard builds Accounts directly: connect() refuses them too."""
    listener = _Listener()
    try:
        acc = Account("127.0.0.1", "a\r\nA1 LOGOUT", listener.port, "plain", "pw",
                      allow_plaintext=True)  # fmt: skip
        with pytest.raises(errors.ConnectError) as info:
            connect(acc)
    finally:
        listener.close()
    assert info.value.code == errors.BAD_NAME
    assert listener.accepted == 0


def _with(base: str, char: str, at: int) -> str:
    at = min(at, len(base))
    return base[:at] + char + base[at:]


NAMES = st.sampled_from(["zhang@uni.edu.cn", "a", "张三@北大.cn", "x y"])
CHARS = st.sampled_from(CONTROLS + NON_ASCII + ['"', "\\", "{", "%", "@"])


@settings(max_examples=400, deadline=None)
@given(NAMES, CHARS, st.integers(0, 20))
def test_a_user_name_with_a_control_character_anywhere_is_refused(base, char, at):
    name = _with(base, char, at)
    url = f"imaps://{urlquote(name, safe='')}@mail.uni.edu.cn"
    is_control = ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F
    if is_control:
        with pytest.raises(errors.MailMoverError) as info:
            parse_url(url)
        assert info.value.code == errors.BAD_NAME
        with pytest.raises(errors.MailMoverError):
            Account("h", name).check_security()
        assert "\r" not in str(info.value) and "\n" not in str(info.value)
    else:
        assert parse_url(url).user == name


@settings(max_examples=400, deadline=None)
@given(NAMES, CHARS, st.integers(0, 20))
def test_quoted_strings_never_carry_a_line_break(base, char, at):
    """wire.quote (the quoted LOGIN): refuses CR/LF/NUL rather than send two lines."""
    import imaplib

    text = _with(base, char, at)
    imap = imaplib.IMAP4.__new__(imaplib.IMAP4)
    if char in "\r\n\0":
        with pytest.raises(ValueError):
            wire.quote(imap, text)
    else:
        assert not {"\r", "\n", "\0"} & set(wire.quote(imap, text))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["INBOX", "已发送", "课题组/2019", "A.B"]), CHARS, st.integers(0, 20))
def test_folder_names_go_on_the_wire_as_printable_ascii(base, char, at):
    """Folder names (from the server, --map, a profile) are sent modified UTF-7,
    quoted: any control character or non-ASCII becomes &…-, never a raw byte."""
    c = IMAPClient.__new__(IMAPClient)
    c.folder_encode = True
    encoded = wire.encode_folder(c, _with(base, char, at))
    assert all(0x20 <= b < 0x7F for b in encoded), encoded


def test_id_values_are_printable_ascii():
    from mailmover import __version__

    assert __version__.isascii() and __version__.isprintable()
    assert not set(__version__) & set('"\\')
