"""mailmover's own FETCH parser (engine/imap/fetch_wire.py): what imapclient's parser
returned for the same answers, on imaplib's data and over a scripted server; hostile or
broken answers are classified (bad server data), never a crash, and the stream stays
usable after them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import ProtocolError
from imapclient.response_parser import parse_fetch_response

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.fetch_wire import parse
from mailmover.engine.imap.scan import fetch_all
from tests.unit.scripted_server import ScriptedServer, Step

BODY = b'Subject: hi\r\n\r\nline one\r\n)( "{5}\r\n\\ NIL\r\n'
HEADERS = b"Message-ID: <a@b>\r\nSubject: x\r\n\r\n"

# imaplib's form: one line, or (line up to its literal, the literal), then the rest.
SAMPLES: list[list[Any]] = [
    [
        (
            b'1 (UID 7 FLAGS (\\Seen $Label1) INTERNALDATE "08-Dec-2026 08:01:02 +0800" '
            b"BODY[] {%d}" % len(BODY),
            BODY,
        ),
        b")",
    ],
    [
        (
            b"2 (UID 9 RFC822.SIZE 55 FLAGS () BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM "
            b"SUBJECT)] {%d}" % len(HEADERS),
            HEADERS,
        ),
        b")",
        b"3 (UID 10 RFC822.SIZE 0 FLAGS (\\Answered \\*) BODY[HEADER.FIELDS (MESSAGE-ID "
        b'DATE FROM SUBJECT)] "")',
    ],
    [(b"4 (BODY[]<0> {3}", b"abc"), b" UID 12 FLAGS (\\Seen))"],
    [b'5 (UID 13 BODY[]<100> NIL X-GM-LABELS ("\\\\Inbox" "a \\"b\\"" foo) MODSEQ (42))'],
    [b'6 (uid 14 flags (\\Seen) internaldate "bad date")'],  # lower case, unreadable date
    [b"7 (FLAGS (\\Seen))"],  # unsolicited: no UID, keyed by its number
    [b"8 (UID 15 FLAGS (\\Seen))", b"8 (UID 15 RFC822.SIZE 99)"],  # merged
]


@pytest.mark.parametrize("data", SAMPLES)
@pytest.mark.parametrize("uid_is_key", [True, False])
def test_same_values_as_imapclients_parser(data: list[Any], uid_is_key: bool) -> None:
    want = dict(parse_fetch_response(data, normalise_times=False, uid_is_key=uid_is_key))
    assert parse(data, uid_is_key=uid_is_key) == want


def test_a_literal_is_the_very_object_imaplib_read() -> None:
    big = b"x" * 5_000_000
    got = parse([(b"1 (UID 3 BODY[] {5000000}", big), b")"])
    assert got[3][b"BODY[]"] is big  # not copied, not scanned


def test_nothing_answered() -> None:
    assert parse([None]) == {}
    assert parse([]) == {}


HOSTILE: list[list[Any]] = [
    [b"1 (UID 7 FLAGS (\\Seen)"],  # never closed
    [b"1 (UID 7))"],  # closed twice
    [b"1 (UID 7 FLAGS)"],  # an item without a value
    [b"x (UID 7)"],  # not a message number
    [b"1 UID 7"],  # not a list
    [b"1 (UID seven)"],  # UID not a number
    [b"1 (UID 123456789012345678901234567890)"],  # a number far too large
    [b'1 (UID 7 BODY[] "unterminated)'],
    [b"1 (UID 7 BODY[] {5}"],  # a literal announced as a line, no literal
    [(b"1 (UID 7 BODY[] {9}", b"short"), b")"],  # literal shorter than announced
    [(b"1 (UID 7 BODY[]", b"abc"), b")"],  # a literal never announced
    [b"1 (UID 7 FLAGS (\\Seen]))"],
    [b"1 (UID 7 \x00 FLAGS ())"],
    [b"1 (UID 7)", 42],
    [(1, 2)],
]


@pytest.mark.parametrize("data", HOSTILE)
def test_a_broken_answer_is_a_protocol_error(data: list[Any]) -> None:
    with pytest.raises(ProtocolError):
        parse(data)


def _connection(server: ScriptedServer) -> ImapConnection:
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=10)
    client.normalise_times = False
    account = Account("127.0.0.1", "u", server.port, "plain", "pw", allow_plaintext=True)
    conn = ImapConnection(account, client, "")
    conn.selected = "INBOX"
    client._imap.state = "SELECTED"
    return conn


_CAPS = Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY IMAP4rev1\r\n{tag} OK done\r\n")
_BODIES = rb"\S+ UID FETCH 7,8,9 \(BODY\.PEEK\[\] FLAGS INTERNALDATE\)\r\n"


def test_bodies_over_the_wire_then_a_hostile_answer_then_a_clean_stream() -> None:
    server = ScriptedServer(
        b"* OK [CAPABILITY IMAP4rev1] ready\r\n",
        [
            _CAPS,
            Step(
                _BODIES,
                b'* 1 FETCH (UID 7 FLAGS (\\Seen) INTERNALDATE "08-Dec-2026 08:01:02 +0800" '
                b"BODY[] {%d}\r\n" % len(BODY) + BODY + b")\r\n"
                b"* 5 EXISTS\r\n"
                b"* 2 FETCH (BODY[] {3}\r\nabc UID 8 FLAGS ())\r\n"
                b"* 3 FETCH (FLAGS (\\Deleted))\r\n"  # unsolicited, about another message
                b"{tag} OK done\r\n",
            ),
            Step(_BODIES, b"* 1 FETCH (UID 7 BODY[] {3}\r\nabc UID)\r\n{tag} OK done\r\n"),
            Step(
                rb"\S+ FETCH 1,2 \(UID RFC822\.SIZE\)\r\n",
                b"* 1 FETCH (UID 7 RFC822.SIZE 40)\r\n* 2 FETCH (UID 8 RFC822.SIZE 3)\r\n"
                b"{tag} OK done\r\n",
            ),
            Step(rb"\w+ NOOP\r\n", b"{tag} OK NOOP done\r\n"),
        ],
    )
    conn = _connection(server)
    try:
        got = ops.fetch_bodies(conn, [7, 8, 9])
        assert set(got) == {7, 8}  # 9 not answered for
        when = datetime(2026, 12, 8, 8, 1, 2, tzinfo=timezone(timedelta(hours=8)))
        assert got[7] == ops.Body(BODY, (b"\\Seen",), when)
        assert got[8] == ops.Body(b"abc", (), None)
        with pytest.raises(faults.MessageFault) as exc:  # classified, never a crash
            ops.fetch_bodies(conn, [7, 8, 9])
        assert exc.value.code == errors.BAD_SERVER_DATA
        sizes = [
            (i[b"UID"], i[b"RFC822.SIZE"]) for i in fetch_all(conn, 2, [b"UID", b"RFC822.SIZE"])
        ]
        assert sizes == [(7, 40), (8, 3)]
        conn.client.noop()  # the stream is clean: imapclient's next command is answered
    finally:
        conn.client.shutdown()
        server.close()
    assert server.errors == []
