"""Login and ID, byte for byte, against a scripted peer (engine/connect.py, engine/wire.py).

Any password must work: quoted LOGIN escapes `"` and `\\`; a password outside ASCII goes
by AUTHENTICATE PLAIN (UTF-8) when offered, else as a synchronising LOGIN literal.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import pytest

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap.connect import connect
from tests.unit.scripted_server import ScriptedServer, Step

CAPS = b"IMAP4rev1 LITERAL+ ID"
GREETING = b"* OK [CAPABILITY " + CAPS + b"] ready\r\n"


def _account(port: int, password: str) -> Account:
    return Account("127.0.0.1", "zhang@uni.edu.cn", port, "plain", password, allow_plaintext=True)


@pytest.fixture
def server() -> Iterator[list[ScriptedServer]]:
    made: list[ScriptedServer] = []
    yield made
    for s in made:
        s.close()


def _caps_step(caps: bytes) -> Step:
    # imaplib asks for CAPABILITY right after the greeting, whatever the greeting said.
    return Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY " + caps + b"\r\n{tag} OK done\r\n")


def _run(made: list[ScriptedServer], greeting: bytes, steps: list[Step], password: str) -> None:
    s = ScriptedServer(greeting, steps)
    made.append(s)
    try:
        conn = connect(_account(s.port, password))
        conn.close()
    finally:
        assert s.errors == [], s.received


def test_ascii_password_with_every_special_character_is_quoted(server) -> None:
    password = 'p(a)s*s%w"o\\rd {x}'
    login = re.escape(b'LOGIN "zhang@uni.edu.cn" "p(a)s*s%w\\"o\\\\rd {x}"')
    _run(
        server,
        GREETING,
        [
            _caps_step(CAPS),
            # The OK carries the capabilities: no second CAPABILITY command.
            Step(rb"\S+ " + login + rb"\r\n", b"{tag} OK [CAPABILITY " + CAPS + b"] in\r\n"),
            Step(rb"\S+ ID .*\r\n", b'* ID ("name" "x")\r\n{tag} OK ID done\r\n'),
        ],
        password,
    )


def test_non_ascii_password_uses_authenticate_plain_when_offered(server) -> None:
    caps = b"IMAP4rev1 AUTH=PLAIN"
    password = "密码 (2024)*"
    sasl = base64.b64encode(b"\0zhang@uni.edu.cn\0" + password.encode()).replace(b"+", rb"\+")
    _run(
        server,
        b"* OK [CAPABILITY " + caps + b"] ready\r\n",
        [
            _caps_step(caps),
            Step(rb"\S+ AUTHENTICATE PLAIN\r\n", b"+ \r\n"),
            Step(sasl + rb"\r\n", b"{tag} OK in\r\n", continues=True),
            Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY " + caps + b"\r\n{tag} OK done\r\n"),
        ],
        password,
    )


def test_non_ascii_password_without_auth_plain_goes_as_a_literal(server) -> None:
    caps = b"IMAP4rev1"
    password = "张三的密码"
    raw = password.encode()
    _run(
        server,
        b"* OK [CAPABILITY " + caps + b"] ready\r\n",
        [
            _caps_step(caps),
            Step(
                rb'\S+ LOGIN "zhang@uni\.edu\.cn" \{%d\}\r\n' % len(raw)
                + re.escape(raw)
                + rb"\r\n",
                b"{tag} OK in\r\n",
            ),
            Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY " + caps + b"\r\n{tag} OK done\r\n"),
        ],
        password,
    )


def test_coremail_gets_id_even_when_not_advertised(server) -> None:
    caps = b"IMAP4rev1 UIDPLUS"
    greeting = b"* OK Coremail System IMap Server Ready(11.0)\r\n"
    _run(
        server,
        greeting,
        [
            Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY " + caps + b"\r\n{tag} OK done\r\n"),
            Step(rb'\S+ LOGIN "zhang@uni\.edu\.cn" "pw"\r\n', b"{tag} OK in\r\n"),
            Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY " + caps + b"\r\n{tag} OK done\r\n"),
            Step(rb'\S+ ID \("name" "mailmover" "version" "[^"]+"\)\r\n', b"{tag} OK ID done\r\n"),
        ],
        "pw",
    )


def test_refused_login_is_classified_and_names_the_server_words(server) -> None:
    s = ScriptedServer(
        GREETING,
        [
            _caps_step(CAPS),
            Step(
                rb"\S+ LOGIN .*\r\n",
                b"{tag} NO [AUTHENTICATIONFAILED] login fail, please using weixin token\r\n",
            )
        ],
    )
    server.append(s)
    with pytest.raises(errors.ConnectError) as exc:
        connect(_account(s.port, "wrong"))
    assert exc.value.code in (errors.AUTH_FAILED, errors.AUTH_APP_PASSWORD)
    assert "weixin token" in str(exc.value)
    assert "b'" not in str(exc.value)  # the server's words, not a Python bytes literal
