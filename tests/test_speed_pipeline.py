"""The fast paths copy exactly: pipelined APPEND with and without LITERAL+, MULTIAPPEND
groups that fail as a whole, and the byte budget that bounds memory."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from imapclient import IMAPClient

from mailmover.engine.imap.append import Appender, AppendItem, parse_uid_set
from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.scan import Entry
from mailmover.engine.parallel import ByteBudget, batches, chunks

TZ = timezone(timedelta(hours=8))


def mail(n: int, size: int = 0) -> bytes:
    head = (
        f"Message-ID: <p{n}@uni.edu.cn>\r\nDate: Mon, 1 Mar 2010 08:00:00 +0800\r\n"
        f"From: a@uni.edu.cn\r\nSubject: =?utf-8?b?5rWL6K+V?= {n}\r\n\r\n"
    ).encode()
    return head + b"x" * size + f"body {n}\r\n".encode()


def items(count: int, big: int = 0) -> list[AppendItem]:
    out = []
    for n in range(count):
        flags = [b"\\Seen"] if n % 2 else [b"\\Flagged", b"$Label1"]
        when = datetime(2011, 1, 1, 9, 30, tzinfo=TZ) + timedelta(days=n)
        out.append(AppendItem(n, mail(n, big if n == 3 else 0), flags, when))
    return out


def read_back(server, user: str, password: str, folder: str) -> list[tuple]:
    c = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    c.normalise_times = False
    c.login(user, password)
    c.select_folder(folder, readonly=True)
    data = c.fetch(c.search("ALL"), [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"])
    c.logout()
    return [
        (
            uid,
            v[b"BODY[]"],
            sorted(f for f in v[b"FLAGS"] if f != b"\\Recent"),
            v[b"INTERNALDATE"].timestamp(),
        )
        for uid, v in sorted(data.items())
    ]


def append_all(app: Appender, todo: list[AppendItem]) -> list:
    results = []
    for it in todo:
        results += app.submit(it)
    return results + app.flush()


def check_exact(results, todo, stored) -> None:
    assert [r.item.key for r in results] == [it.key for it in todo]
    assert all(r.ok for r in results)
    assert [r.uid for r in results] == [s[0] for s in stored]  # APPENDUID per message
    for it, (_, raw, flags, when) in zip(todo, stored, strict=True):
        assert raw == it.raw
        assert flags == sorted(it.flags)
        assert when == it.when.timestamp()


def test_pipelined_append_without_literal_plus_waits_for_each_continuation(
    exmail_server, make_account
):
    acc = make_account(exmail_server)
    with connect(acc.account()) as conn:
        app = Appender(conn, "INBOX", max_pending=8)
        assert not app.literal_plus and not app.multiappend
        todo = items(40, big=300_000)
        results = append_all(app, todo)
        # The connection is clean afterwards: imapclient can use it again.
        assert conn.client.select_folder("INBOX")[b"EXISTS"] == 40
    check_exact(results, todo, read_back(exmail_server, acc.user, acc.password, "INBOX"))


def test_literal_plus_and_multiappend_into_a_chinese_folder(coremail_server, make_account):
    acc = make_account(coremail_server)
    with connect(acc.account()) as conn:
        conn.client.create_folder("课题组/项目")
        app = Appender(conn, "课题组/项目", group_count=7)
        assert app.literal_plus and app.multiappend
        todo = items(50, big=200_000)
        results = append_all(app, todo)
        assert app.unanswered() == []
    check_exact(results, todo, read_back(coremail_server, acc.user, acc.password, "课题组/项目"))


def test_a_refused_message_in_a_multiappend_group_fails_alone(limited_server, make_account):
    acc = make_account(limited_server)
    with connect(acc.account()) as conn:
        app = Appender(conn, "INBOX", group_bytes=4_000_000, group_count=10)
        assert app.multiappend
        todo = items(6, big=1_500_000)  # message 3 is over the server's 1 MB limit
        results = append_all(app, todo)
    by_key = {r.item.key: r for r in results}
    assert sorted(by_key) == list(range(6))
    assert not by_key[3].ok and by_key[3].text
    assert all(by_key[k].ok and by_key[k].uid for k in (0, 1, 2, 4, 5))
    stored = read_back(limited_server, acc.user, acc.password, "INBOX")
    assert sorted(s[1] for s in stored) == sorted(todo[k].raw for k in (0, 1, 2, 4, 5))


def test_uid_sets_from_appenduid():
    assert parse_uid_set(b"5:8,10") == [5, 6, 7, 8, 10]
    assert parse_uid_set(b"9:7") == [7, 8, 9]


def test_budget_lets_an_oversized_message_through_alone():
    budget = ByteBudget(100)
    stop = threading.Event()
    assert budget.acquire(60, stop)
    waiter_got: list[bool] = []
    t = threading.Thread(target=lambda: waiter_got.append(budget.acquire(500, stop)))
    t.start()
    t.join(0.5)
    assert t.is_alive()  # 60 + 500 > 100: waits for the first to be answered
    budget.release(60)
    t.join(2)
    assert waiter_got == [True] and budget.used == 500


def test_work_is_cut_into_uid_chunks_and_byte_bounded_batches():
    entries = [Entry(uid, 10, bytes([uid % 256])) for uid in range(1, 1001)]
    cut = chunks(entries, pairs=4)
    assert len(cut) >= 4 and [e for c in cut for e in c] == entries
    sized = [Entry(1, 50, b""), Entry(2, 60, b""), Entry(3, 500, b""), Entry(4, 5, b"")]
    assert [[e.uid for e in b] for b in batches(sized, 100, 10)] == [[1], [2], [3], [4]]
