"""Planning statistics in a few round trips: the pipelined LIST-STATUS / STATUS / size
scan gives exactly what the one-folder-at-a-time `folder_stats` gives, on a server with
LIST-STATUS (Coremail-like Dovecot) and one without (Exmail-like), and the number of
writes to the socket does not grow with the number of folders. Speed itself is measured
by benchmarks/run.py, never asserted here."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from imapclient import IMAPClient

from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.stats import folder_sizes, message_counts, statistics
from mailmover.engine.planner import Planner, folder_stats
from mailmover.engine.pool import ConnectionPool

TZ = timezone(timedelta(hours=8))
# Nested Chinese names, empty folders, a folder named by digits, a quote and a space.
FOLDERS = {
    "INBOX": 5,
    "课题组": 0,
    "课题组/学生": 3,
    "课题组/学生/毕业论文": 0,
    "会议/ICML 2021": 2,
    "2019": 1,
    'say "hi"': 0,
    "归档/2015/一月": 4,
    "空": 0,
}


def _fill(server: Any, acc: Any) -> None:
    c = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    c.login(acc.user, acc.password)
    for folder, count in FOLDERS.items():
        if folder != "INBOX":
            c.create_folder(folder)
        for n in range(count):
            body = (
                f"Message-ID: <p{n}.{len(folder)}@uni.edu.cn>\r\nSubject: 组会 {n}\r\n\r\n"
            ).encode() + b"x" * (n * 1311 % 9000)
            c.append(folder, body, [b"\\Seen"], datetime(2015, 1, 2, tzinfo=TZ))
    c.logout()


class Writes:
    """Counts the writes on one connection's socket (each pipelined window is one)."""

    def __init__(self, conn: ImapConnection) -> None:
        self.count = 0
        imap = conn.client._imap
        send = imap.send

        def counted(data: bytes) -> None:
            self.count += 1
            send(data)

        imap.send = counted


def _expected(conn: ImapConnection, names: list[str]) -> dict[str, tuple[int, int]]:
    return {name: folder_stats(conn, name) for name in names}


@pytest.mark.parametrize("flavour", ["coremail_server", "exmail_server"])
def test_statistics_equal_folder_stats_in_two_writes(
    request: Any, make_account: Any, flavour: str
) -> None:
    server = request.getfixturevalue(flavour)
    acc = make_account(server)
    _fill(server, acc)
    conn = connect(acc.account())
    try:
        names = [n for n in FOLDERS] + ["课题组/学生"]  # asked twice: answered twice
        expected = _expected(conn, list(FOLDERS))
        assert expected["课题组/学生"][0] == 3 and expected["课题组/学生"][1] > 0
        writes = Writes(conn)
        got = statistics(conn, names)
        assert got == expected
        # Counts in one write, sizes in one more (none with STATUS=SIZE): not per folder.
        assert writes.count == (1 if conn.has("STATUS=SIZE") else 2)
        # LIST-STATUS where advertised, pipelined STATUS where not: same counts.
        assert conn.has("LIST-STATUS") == (flavour == "coremail_server")
        # The connection is clean afterwards: ordinary commands still work.
        assert conn.client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 5
        assert len(conn.client.search("ALL")) == 5
    finally:
        conn.close()


def test_unanswerable_folders_are_left_to_the_old_way(
    coremail_server: Any, make_account: Any
) -> None:
    acc = make_account(coremail_server)
    _fill(coremail_server, acc)
    conn = connect(acc.account())
    try:
        got = message_counts(conn, ["INBOX", "没有这个文件夹"])
        assert got == {"INBOX": (5, None)}
        sizes = folder_sizes(conn, ["没有这个文件夹", "INBOX"])
        assert set(sizes) == {"INBOX"} and sizes["INBOX"] == folder_stats(conn, "INBOX")
        # A NO in the middle of a pipeline does not disturb the answers after it.
        assert conn.client.folder_status("课题组/学生", [b"MESSAGES"])[b"MESSAGES"] == 3
    finally:
        conn.close()


def test_plan_with_stats_equals_one_folder_at_a_time(
    coremail_server: Any, exmail_server: Any, make_account: Any
) -> None:
    src_acc, dst_acc = make_account(coremail_server), make_account(exmail_server)
    _fill(coremail_server, src_acc)
    pool = ConnectionPool(src_acc.account(), dst_acc.account(), connect, pairs=1)
    try:
        mappings = Planner(pool, store=None).plan(with_stats=True)
        src, _ = pool.main()
        assert {m.source: (m.messages, m.size) for m in mappings} == _expected(src, list(FOLDERS))
        assert sum(m.messages or 0 for m in mappings) == sum(FOLDERS.values())
    finally:
        pool.close()
