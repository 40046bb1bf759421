"""Many folders read in one write (engine/group_scan.py) against a scripted server: a
folder with literals and an unsolicited flag update, an empty one, a refused one, one
that got new mail while it was read, one with an impossible UID, and a clean stream
afterwards. Only the clean answers count; the others are left to the usual read."""

from __future__ import annotations

from imapclient import IMAPClient

from mailmover.engine.account import Account
from mailmover.engine.fingerprint import fingerprint
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.group_scan import read_folders
from mailmover.engine.imap.scan import Entry, Selected
from tests.unit.scripted_server import ScriptedServer, Step

_FETCH = (
    rb"\S+ UID FETCH 1:\* \(UID RFC822\.SIZE FLAGS "
    rb"BODY\.PEEK\[HEADER\.FIELDS \(MESSAGE-ID DATE FROM SUBJECT\)\]\)\r\n"
)
_H1 = b"Message-ID: <1@x>\r\nSubject: one\r\n\r\n"
_H2 = b"Message-ID: <2@x>\r\nSubject: two\r\n\r\n"


def _select(name: bytes, exists: int, uidvalidity: int, flags: bytes = b"") -> Step:
    perm = b"* OK [PERMANENTFLAGS (" + flags + b")] ok\r\n"
    return Step(
        rb"\S+ SELECT " + name + rb"\r\n",
        b"* %d EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY %d] ok\r\n" % (exists, uidvalidity)
        + perm
        + b"{tag} OK [READ-WRITE] done\r\n",
    )


def _fetch(uid: int, seq: int, header: bytes, flags: bytes = b"\\Seen") -> bytes:
    return (
        b"* %d FETCH (UID %d RFC822.SIZE %d FLAGS (%s) "
        b"BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)] {%d}\r\n"
        % (seq, uid, 1000 + uid, flags, len(header))
        + header
        + b")\r\n"
    )


def test_clean_answers_count_the_others_are_left_out() -> None:
    server = ScriptedServer(
        b"* OK [CAPABILITY IMAP4rev1] ready\r\n",
        [
            Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY IMAP4rev1\r\n{tag} OK done\r\n"),
            _select(b'"A"', 2, 7, b"\\Seen \\Answered \\*"),
            Step(
                _FETCH,
                _fetch(41, 1, _H1) + b"* 1 FETCH (FLAGS (\\Seen \\Flagged))\r\n"
                + _fetch(42, 2, _H2, b"") + b"{tag} OK done\r\n",
            ),
            _select(b'"&UXZO1mWHTvZZOQ-"', 0, 9),  # 其他文件夹, empty
            Step(_FETCH, b"{tag} OK nothing\r\n"),
            Step(rb'\S+ SELECT "Gone"\r\n', b"{tag} NO no such folder\r\n"),
            Step(_FETCH, b"{tag} BAD no folder selected\r\n"),
            _select(b'"Busy"', 1, 3),
            Step(_FETCH, b"* 2 EXISTS\r\n" + _fetch(5, 1, _H1) + _fetch(6, 2, _H2)
                 + b"{tag} OK done\r\n"),
            _select(b'"Odd"', 1, 4),
            Step(_FETCH, _fetch(0, 1, _H1) + b"{tag} OK done\r\n"),
            _select(b'"Short"', 2, 5),
            Step(_FETCH, _fetch(8, 1, _H1) + b"{tag} OK done\r\n"),  # message 2 unanswered
            Step(rb"\w+ NOOP\r\n", b"{tag} OK NOOP done\r\n"),
        ],
    )
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=10)
    account = Account("127.0.0.1", "u", server.port, "plain", "pw", allow_plaintext=True)
    conn = ImapConnection(account, client, "")
    try:
        got = read_folders(
            conn, ["A", "其他文件夹", "Gone", "Busy", "Odd", "Short"], readonly=False
        )
        client.noop()  # the stream is clean: imapclient's next command is answered
    finally:
        client.shutdown()
        server.close()
    assert server.errors == []
    assert set(got) == {"A", "其他文件夹"}
    sel, entries = got["A"]
    assert sel == Selected(7, 2, (b"\\Seen", b"\\Answered", b"\\*"))
    assert entries == [
        Entry(41, 1041, fingerprint(_H1), (b"\\Seen", b"\\Flagged")),  # the later update
        Entry(42, 1042, fingerprint(_H2), ()),
    ]
    assert got["其他文件夹"] == (Selected(9, 0, ()), [])
