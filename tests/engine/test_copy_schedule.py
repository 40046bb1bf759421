"""How the pairs share a copy (engine/parallel.py): large messages go first and in a lane
of their own, so no pair waits for one at the end of a group; a pair that finishes
reading ahead joins as an appender even after every message was fetched."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from mailmover.engine.control import Control
from mailmover.engine.copy_work import Copied, FolderWork, work_order
from mailmover.engine.handoff import Fetched, Handoff, Job, drain
from mailmover.engine.imap.append import Appender, AppendItem
from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, scan, select
from mailmover.engine.memory import ByteBudget
from mailmover.engine.parallel import FolderCopy
from tests.gui.conftest import client_for
from tests.support.faultproxy import DELAY, Fault, FaultProxy


def _entries(sizes: list[int], first_uid: int = 1) -> list[Entry]:
    return [Entry(first_uid + i, s, b"%d" % i) for i, s in enumerate(sizes)]


def test_work_order_large_first_then_folder_after_folder() -> None:
    a = FolderWork("A", "A", 1, _entries([10, 5_000, 20, 30, 9_000]))
    b = FolderWork("B", "B", 1, _entries([1_000, 40, 50], first_uid=100))
    large, small = work_order([a, b], pairs=2, big=1_000)
    assert [(w.source, e.uid) for w, e in large] == [("A", 5), ("A", 2), ("B", 100)]
    assert [w.source for w, _ in small] == sorted(w.source for w, _ in small)  # A, then B
    seen = [(w.source, e.uid) for w, e in large] + [
        (w.source, e.uid) for w, chunk in small for e in chunk
    ]
    assert sorted(seen) == sorted([("A", e.uid) for e in a.entries] + [
        ("B", e.uid) for e in b.entries
    ])  # every message exactly once
    for _, chunk in small:
        assert [e.uid for e in chunk] == sorted(e.uid for e in chunk)


def test_large_lane_and_handoff_order() -> None:
    budget = ByteBudget(100)
    assert budget.try_acquire(60) and not budget.try_acquire(60)
    budget.release(60)
    assert budget.try_acquire(500)  # larger than the budget: when nothing else is in flight
    assert not budget.try_acquire(1)
    handoff = Handoff(big=1_000)
    work = FolderWork("A", "A", 1, [])

    def got(size: int) -> Fetched:
        job = Job(work, Entry(size, size, b""))
        return Fetched(job, AppendItem(job, b""))

    handoff.end()
    for size in (10, 2_000, 20, 5_000):
        handoff.put(got(size))
    order = [handoff.get_nowait() for _ in range(5)]
    assert [o.job.entry.size for o in order[:4]] == [2_000, 5_000, 10, 20]  # type: ignore[attr-defined]
    assert not isinstance(order[4], Fetched)  # the end marker comes after everything


def _fill(account, folder: str, sizes: list[int]) -> None:
    with client_for(account) as c:
        c.create_folder(folder)
        for n, size in enumerate(sizes):
            head = f"Message-ID: <s{n}@x>\r\nSubject: {n}\r\n\r\n".encode()
            c.append(folder, head + b"x" * size + b"\r\n", [b"\\Seen"])


def _work(conn: ImapConnection, folder: str) -> FolderWork:
    sel = select(conn, folder, readonly=True)
    return FolderWork(folder, folder, sel.uidvalidity, list(scan(conn, sel.exists)))


def _run(copy: FolderCopy, until: float = 60.0) -> list[Copied]:
    copied: list[Copied] = []
    end = time.monotonic() + until
    while not copy.finished and time.monotonic() < end:
        copied += [o for o in drain(copy.results, 0.05) if isinstance(o, Copied)]
    copy.join()
    copied += [o for o in drain(copy.results, 0.0) if isinstance(o, Copied)]
    assert copy.finished, "the copy did not end"
    return copied


def test_large_messages_are_sent_first_largest_first(
    make_account, coremail_server, exmail_server
) -> None:
    src, dst = make_account(coremail_server), make_account(exmail_server)
    sizes = [300, 200_000, 400, 500, 350_000, 600, 700]
    _fill(src, "课题组", sizes)
    with client_for(dst) as c:
        c.create_folder("课题组")
    s, d = connect(src.account()), connect(dst.account())
    try:
        copy = FolderCopy(
            [(s, d)], [_work(s, "课题组")], control=Control(), budget=ByteBudget(1 << 20),
            batch_bytes=100_000, batch_messages=10,
        )
        copy.start()
        copied = _run(copy)
    finally:
        s.close()
        d.close()
    assert len(copied) == len(sizes)
    with client_for(dst) as c:
        c.select_folder("课题组", readonly=True)
        got = c.fetch(c.search("ALL"), [b"RFC822.SIZE"])
    by_uid = [got[uid][b"RFC822.SIZE"] for uid in sorted(got)]
    assert by_uid[0] > by_uid[1] > 100_000  # the two large ones, largest first
    assert all(size < 1_000 for size in by_uid[2:])


def test_a_pair_joins_as_appender_after_everything_was_fetched(
    make_account, coremail_server, exmail_server
) -> None:
    src, dst = make_account(coremail_server), make_account(exmail_server)
    _fill(src, "收件箱", [200] * 12)
    with client_for(dst) as c:
        c.create_folder("收件箱")
    # Every "+" of the destination held back: appending is slow, fetching is not.
    slow = FaultProxy(exmail_server.port, [Fault(DELAY, rb"^\+", seconds=0.15, repeat=100)])
    slow_dst = replace(dst.account(), port=slow.port)
    made: list[ImapConnection] = []
    lock = threading.Lock()

    def appender(conn: ImapConnection, mailbox: str) -> Appender:
        with lock:
            made.append(conn)
        return Appender(conn, mailbox)

    s1, d1 = connect(src.account()), connect(slow_dst)
    s2, d2 = connect(src.account()), connect(slow_dst)
    try:
        copy = FolderCopy(
            [(s1, d1)], [_work(s1, "收件箱")], control=Control(), budget=ByteBudget(1 << 20),
            batch_bytes=1 << 20, batch_messages=100, appender=appender,
        )
        copy.start()
        end = time.monotonic() + 30
        while copy._fetchers_left and time.monotonic() < end:
            time.sleep(0.01)
        assert copy._fetchers_left == 0  # every message fetched, most not yet sent
        assert copy.add_pair((s2, d2))
        copied = _run(copy)
    finally:
        for conn in (s1, d1, s2, d2):
            conn.close()
        slow.close()
    assert sorted(o.entry.uid for o in copied) == list(range(1, 13))  # each once
    assert d2 in made  # the joined appender sent some of them
    with client_for(dst) as c:
        assert c.select_folder("收件箱")[b"EXISTS"] == 12


def test_half_the_fetchers_at_most_on_large_messages() -> None:
    # With four pairs, two fetchers may download large messages; the next one to ask
    # gets small ones (that keep the appenders fed), until a large download ends or
    # nothing but large ones is left.
    work = FolderWork("A", "A", 1, _entries([5_000, 6_000, 7_000] + [10] * 8))
    pairs = [(object(), object()) for _ in range(4)]
    copy = FolderCopy(
        pairs, [work], control=Control(), budget=ByteBudget(1 << 20),  # type: ignore[arg-type]
        batch_bytes=1_000, batch_messages=100,
    )
    sizes = []
    for _ in range(3):
        taken = copy._take()
        assert taken is not None
        sizes.append(taken[1][0].size)
    assert sizes[:2] == [7_000, 6_000] and sizes[2] == 10
    copy._large_active -= 1  # a large download ended
    taken = copy._take()
    assert taken is not None and taken[1][0].size == 5_000
    while (taken := copy._take()) is not None:
        assert taken[1][0].size == 10
