"""Several small folders in flight at once (engine/groups.py): a connection cut while a
group of folders is copying still ends in an exact copy, nothing doubled, and progress
totals that add up to the mailbox."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from mailmover.engine.events import (
    Finished,
    FolderFinished,
    FolderStarted,
    MessageCopied,
    Retrying,
)
from mailmover.engine.imap.connect import connect
from mailmover.engine.progress import ProgressModel
from mailmover.engine.transfer import Migration, MoveOptions
from mailmover.store import Store
from tests.test_speed_parallel import client, contents

TZ = timezone(timedelta(hours=8))
# 14 folders, nested, a third empty: (name, messages).
FOLDERS = [
    (f"项目/甲{i}" if i % 2 else f"归档/{i}", 0 if i % 3 == 0 else 2 + i % 5) for i in range(14)
]


def fill(server, acc) -> int:
    c = client(server, acc)
    total = 0
    for name, count in FOLDERS:
        c.create_folder(name)
        for n in range(count):
            body = (
                f"Message-ID: <m{n}.{name}@uni.edu.cn>\r\nFrom: a@uni.edu.cn\r\n"
                f"Subject: {name} {n}\r\nDate: Tue, 2 Mar 2010 10:00:00 +0800\r\n\r\n"
            ).encode() + b"x" * (n * 331 % 5000) + b"\r\n"
            flags = [b"\\Seen", b"$Label1"] if n % 2 else []
            c.append(name, body, flags, datetime(2012, 5, 1, tzinfo=TZ) + timedelta(hours=n))
            total += 1
    c.logout()
    return total


def cut_once(port: int, user: str, when: Callable[[bytes], bool]) -> tuple[Callable, dict]:
    """A connector whose connection to (port, user) is shut down once, right after it
    sent a write `when` picks (the server may have read it; we never hear the answer)."""
    cut = {"done": False}

    def connector(account):  # type: ignore[no-untyped-def]
        conn = connect(account)
        if account.port == port and account.user == user:
            imap = conn.client._imap
            send = imap.send

            def send_then_cut(data: bytes) -> None:
                send(data)
                if not cut["done"] and when(data):
                    cut["done"] = True
                    imap.sock.shutdown(socket.SHUT_RDWR)

            imap.send = send_then_cut
        return conn

    return connector, cut


@pytest.mark.parametrize("destination", ["exmail_server", "coremail_server"])
def test_cut_while_several_folders_are_in_flight_copies_exactly_once(
    coremail_server, destination: str, make_account, tmp_path: Path, request
):
    target_server = request.getfixturevalue(destination)
    src, dst = make_account(coremail_server), make_account(target_server)
    total = fill(coremail_server, src)
    sent = [0]

    def twenty_messages_sent(data: bytes) -> bool:
        sent[0] += data.count(b"Message-ID: <m")
        return sent[0] >= 20

    flaky, cut = cut_once(target_server.port, dst.user, twenty_messages_sent)

    store = Store(tmp_path / "job.sqlite")
    opts = MoveOptions(backoff_initial=0.01, connections=3)
    migration = Migration(src.account(), dst.account(), store, opts, connector=flaky)
    mappings = migration.plan()  # with statistics: small folders are grouped
    events = list(migration.run(mappings))
    assert isinstance(events[-1], Finished)
    report = events[-1].report
    assert cut["done"]

    # The cut came while more than one folder with mail to copy was in flight.
    first_retry = next(i for i, e in enumerate(events) if isinstance(e, Retrying))
    open_folders: set[str] = set()
    for e in events[:first_retry]:
        if isinstance(e, FolderStarted) and e.to_copy:
            open_folders.add(e.source)
        elif isinstance(e, FolderFinished):
            open_folders.discard(e.source)
    assert len(open_folders) >= 2

    # Exact: every folder holds what the source holds, nothing twice.
    for name, count in FOLDERS:
        assert contents(coremail_server, src, name) == contents(target_server, dst, name)
        assert sum(contents(target_server, dst, name).values()) == count
    by_folder = {f.source: f for f in report.folders}
    for name, count in FOLDERS:
        f = by_folder[name]
        assert (f.source_count, f.copied + f.present, f.failed, f.pending) == (count, count, 0, 0)
    assert report.totals()["source_count"] == total
    rows = store.db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT folder || ' ' || target_uid) FROM messages"
        " WHERE state='copied' AND target_uid IS NOT NULL"
    ).fetchone()
    assert rows[0] == rows[1]  # every recorded copy has its own destination UID
    states = Counter(s for name, _ in FOLDERS for s in store.states(name).values())
    assert states["copied"] + states["present"] == total

    # Progress: per folder and in total exactly the mailbox, after the retry too.
    model = ProgressModel()
    for e in events:
        model.apply(e)
    snap = model.snapshot()
    assert (snap.messages_total, snap.messages_done) == (total, total)
    assert snap.copied == sum(f.copied for f in report.folders)
    assert all(f.done == f.total and f.state == "done" for f in snap.folders)
    copied_events = Counter(e.folder for e in events if isinstance(e, MessageCopied))
    assert sum(copied_events.values()) >= total - sum(f.present for f in report.folders)

    # The folders (created several in one write) are subscribed; their parents were
    # placeholders in the old mailbox and stay so, unsubscribed (issue 23, item 10).
    c = client(target_server, dst)
    subscribed = {name for _, _, name in c.list_sub_folders()}
    c.logout()
    assert {name for name, _ in FOLDERS} <= subscribed
    assert not {"项目", "归档"} & subscribed

    # A rerun finds everything there.
    again = Migration(src.account(), dst.account(), store, MoveOptions(connections=3))
    report2 = list(again.run(again.plan()))[-1].report
    assert sum(f.copied for f in report2.folders) == 0
    assert sum(f.present for f in report2.folders) == total


@pytest.mark.parametrize("side", ["source", "target"])
def test_cut_during_the_pipelined_read_of_a_group_reads_it_again_exactly(
    coremail_server, exmail_server, side: str, make_account, tmp_path: Path
):
    # The link dies right after a group's folders were asked for in one write
    # (engine/group_scan.py): the group is read again and copied exactly once.
    src, dst = make_account(coremail_server), make_account(exmail_server)
    total = fill(coremail_server, src)
    victim, server = (src, coremail_server) if side == "source" else (dst, exmail_server)
    flaky, cut = cut_once(
        server.port, victim.user,
        lambda data: b"UID FETCH 1:* " in data and data.count(b"\r\n") > 2,  # a group read
    )

    store = Store(tmp_path / "job.sqlite")
    opts = MoveOptions(backoff_initial=0.01, connections=3)
    migration = Migration(src.account(), dst.account(), store, opts, connector=flaky)
    events = list(migration.run(migration.plan()))
    report = events[-1].report
    assert cut["done"] and any(isinstance(e, Retrying) for e in events)
    assert report.ok
    for name, count in FOLDERS:
        assert contents(coremail_server, src, name) == contents(exmail_server, dst, name)
        assert sum(contents(exmail_server, dst, name).values()) == count
    assert report.totals()["source_count"] == total
