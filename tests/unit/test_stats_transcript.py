"""Pipelined planning statistics against a scripted server: LIST-STATUS with a literal
folder name, a folder it does not answer for, pipelined STATUS with a BAD in the middle,
EXAMINE + FETCH sizes with an unsolicited answer, and a clean stream afterwards."""

from __future__ import annotations

from imapclient import IMAPClient

from mailmover.engine.account import Account
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.stats import statistics
from tests.unit.scripted_server import ScriptedServer, Step


def _capability(caps: bytes) -> Step:
    # imaplib asks for CAPABILITY right after the greeting, whatever the greeting said.
    return Step(rb"\S+ CAPABILITY\r\n", b"* CAPABILITY " + caps + b"\r\n{tag} OK done\r\n")


def _connection(server: ScriptedServer) -> ImapConnection:
    client = IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=10)
    account = Account("127.0.0.1", "u", server.port, "plain", "pw", allow_plaintext=True)
    return ImapConnection(account, client, "")


def test_list_status_with_status_size_in_one_round_trip() -> None:
    server = ScriptedServer(
        b"* OK [CAPABILITY IMAP4rev1 LIST-STATUS STATUS=SIZE] ready\r\n",
        [
            _capability(b"IMAP4rev1 LIST-STATUS STATUS=SIZE"),
            Step(
                rb'\S+ LIST "" "\*" RETURN \(STATUS \(MESSAGES SIZE\)\)\r\n',
                b'* LIST () "/" INBOX\r\n* STATUS INBOX (MESSAGES 2 SIZE 300)\r\n'
                b'* LIST () "/" {8}\r\nsay "hi"\r\n* STATUS {8}\r\nsay "hi" (MESSAGES 0 SIZE 0)\r\n'
                b'* LIST () "/" "&UXZO1mWHTvZZOQ-"\r\n'
                b'* STATUS "&UXZO1mWHTvZZOQ-" (MESSAGES 7 SIZE 9000)\r\n'
                b"{tag} OK LIST done\r\n",
            ),
            # Not in the LIST-STATUS answer: asked by STATUS, refused, left to the old way.
            Step(rb'\S+ STATUS "Gone" \(MESSAGES SIZE\)\r\n', b"{tag} NO no such folder\r\n"),
            Step(rb"\w+ NOOP\r\n", b"{tag} OK NOOP done\r\n"),
        ],
    )
    conn = _connection(server)
    try:
        got = statistics(conn, ["INBOX", 'say "hi"', "其他文件夹", "Gone"])
        assert got == {"INBOX": (2, 300), 'say "hi"': (0, 0), "其他文件夹": (7, 9000)}
        conn.client.noop()  # the stream is clean: imapclient's next command is answered
    finally:
        conn.client.shutdown()
        server.close()
    assert server.errors == []


def test_pipelined_status_then_sizes() -> None:
    server = ScriptedServer(
        b"* OK [CAPABILITY IMAP4rev1] ready\r\n",
        [
            _capability(b"IMAP4rev1"),
            Step(rb'\S+ STATUS "A" \(MESSAGES\)\r\n', b'* STATUS "A" (MESSAGES 2)\r\n{tag} OK\r\n'),
            Step(rb'\S+ STATUS "B" \(MESSAGES\)\r\n', b"{tag} BAD what\r\n"),
            Step(rb'\S+ STATUS "C" \(MESSAGES\)\r\n', b'* STATUS "C" (MESSAGES 0)\r\n{tag} OK\r\n'),
            Step(
                rb'\S+ EXAMINE "A"\r\n',
                b"* 2 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n{tag} OK [READ-ONLY] done\r\n",
            ),
            Step(
                rb"\S+ FETCH 1:\* \(RFC822.SIZE\)\r\n",
                b"* 1 FETCH (RFC822.SIZE 100)\r\n* 3 EXISTS\r\n* 2 FETCH (RFC822.SIZE 50)\r\n"
                b"{tag} OK done\r\n",
            ),
            Step(rb"\w+ NOOP\r\n", b"{tag} OK NOOP done\r\n"),
        ],
    )
    conn = _connection(server)
    try:
        assert statistics(conn, ["A", "B", "C"]) == {"A": (2, 150), "C": (0, 0)}
        conn.client.noop()
    finally:
        conn.client.shutdown()
        server.close()
    assert server.errors == []
