"""Parallel pairs over one big folder copy exactly, a rerun copies nothing, and a
connection lost with APPENDs in flight neither loses nor doubles a message."""

from __future__ import annotations

import hashlib
import socket
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from imapclient import IMAPClient

from mailmover.engine.events import Finished, MessageCopied, Retrying
from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.transfer import Migration, MoveOptions
from mailmover.store import Store

TZ = timezone(timedelta(hours=8))


def client(server, acc) -> IMAPClient:
    c = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    c.normalise_times = False
    c.login(acc.user, acc.password)
    return c


def fill(server, acc, folder: str, count: int) -> None:
    c = client(server, acc)
    if folder != "INBOX":
        c.create_folder(folder)
    for n in range(count):
        body = (
            (
                f"Message-ID: <big{n}@uni.edu.cn>\r\nFrom: a@uni.edu.cn\r\n"
                f"Subject: 论文 {n}\r\nDate: Tue, 2 Mar 2010 10:00:00 +0800\r\n\r\n"
            ).encode()
            + (b"y" * (n * 997 % 40_000))
            + b"\r\n"
        )
        if n == 7:
            body += b"z" * 2_000_000  # one large message among small ones
        flags = [b"\\Seen", b"$Label1"] if n % 3 else [b"\\Answered"]
        c.append(folder, body, flags, datetime(2012, 5, 1, tzinfo=TZ) + timedelta(hours=n))
    if count > 4:
        c.append(folder, body, [], datetime(2012, 5, 1, tzinfo=TZ))  # a genuine duplicate
    c.logout()


def contents(server, acc, folder: str) -> Counter:
    c = client(server, acc)
    c.select_folder(folder, readonly=True)
    data = c.fetch(c.search("ALL"), [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"])
    c.logout()
    return Counter(
        (
            hashlib.sha256(v[b"BODY[]"]).hexdigest(),
            frozenset(f for f in v[b"FLAGS"] if f != b"\\Recent"),
            v[b"INTERNALDATE"].timestamp(),
        )
        for v in data.values()
    )


def move(src, dst, store: Store, connector=connect, **options):
    opts = MoveOptions(backoff_initial=0.01, **options)
    migration = Migration(src.account(), dst.account(), store, opts, connector=connector)
    events = list(migration.run())
    assert isinstance(events[-1], Finished)
    return events, events[-1].report


def test_one_big_folder_uses_every_pair_and_copies_exactly(
    coremail_server, exmail_server, make_account, tmp_path: Path
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    fill(coremail_server, src, "课题组/大文件夹", 160)
    opened: list[ImapConnection] = []

    def counting(account):
        conn = connect(account)
        opened.append(conn)
        return conn

    store = Store(tmp_path / "job.sqlite")
    events, report = move(src, dst, store, connector=counting, connections=3)
    assert len(opened) == 6  # three pairs, all used for the one folder
    big = next(f for f in report.folders if f.source == "课题组/大文件夹")
    assert (big.source_count, big.copied, big.failed) == (161, 161, 0)
    copied = [e for e in events if isinstance(e, MessageCopied)]
    assert len(copied) == 161
    assert contents(coremail_server, src, "课题组/大文件夹") == contents(
        exmail_server, dst, "课题组/大文件夹"
    )
    rows = store.db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT target_uid) FROM messages WHERE state='copied'"
    ).fetchone()
    assert rows == (161, 161)  # every copy recorded with its own APPENDUID

    _, again = move(src, dst, store, connections=3)
    big = next(f for f in again.folders if f.source == "课题组/大文件夹")
    assert (big.copied, big.present) == (0, 161)
    assert sum(contents(exmail_server, dst, "课题组/大文件夹").values()) == 161


def test_connection_lost_with_appends_in_flight_loses_and_doubles_nothing(
    coremail_server, exmail_server, make_account, tmp_path: Path
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    fill(coremail_server, src, "INBOX", 80)
    cut = {"done": False}

    def flaky(account):
        conn = connect(account)
        if account.port == exmail_server.port and not cut["done"]:
            imap = conn.client._imap
            send, sent = imap.send, [0]

            def send_then_cut(data: bytes) -> None:
                send(data)
                sent[0] += data.count(b" APPEND ")
                if sent[0] >= 30 and not cut["done"]:
                    cut["done"] = True  # the server keeps what it read; we never hear OK
                    imap.sock.shutdown(socket.SHUT_RDWR)

            imap.send = send_then_cut
        return conn

    store = Store(tmp_path / "job.sqlite")
    events, report = move(src, dst, store, connector=flaky, connections=1)
    assert cut["done"]
    assert any(isinstance(e, Retrying) and e.reason == "connect.lost" for e in events)
    inbox = report.folders[0]
    assert inbox.failed == 0 and inbox.copied + inbox.present == inbox.source_count == 81
    assert contents(coremail_server, src, "INBOX") == contents(exmail_server, dst, "INBOX")
    states = Counter(store.states("INBOX").values())
    assert states["copied"] + states["present"] == 81
    # Recorded as copied only what the destination confirmed: each has its own UID.
    uids = [r[0] for r in store.db.execute("SELECT target_uid FROM messages WHERE state='copied'")]
    assert len(uids) == len(set(uids)) and None not in uids


def test_next_folder_is_read_ahead_during_a_copy_but_not_into_the_same_target(
    coremail_server, exmail_server, make_account, tmp_path: Path, monkeypatch
):
    """The main pair reconciles folder k+1 while the others copy folder k. Two source
    folders going into one target are read one after the other, so mail both hold is
    copied once (as without read-ahead); a folder deleted after planning is reported."""
    import mailmover.engine.folder_run as folder_run

    src, dst = make_account(coremail_server), make_account(exmail_server)
    fill(coremail_server, src, "课题组", 40)
    c = client(coremail_server, src)
    for folder in ("合并甲", "合并乙", "已删掉"):
        c.create_folder(folder)
    shared = b"Message-ID: <shared@uni.edu.cn>\r\nSubject: both\r\n\r\nsame\r\n"
    for n in range(6):
        own = f"Message-ID: <own{n}@uni.edu.cn>\r\nSubject: {n}\r\n\r\nx\r\n".encode()
        c.append("合并甲" if n % 2 else "合并乙", own, [b"\\Seen"])
    c.append("合并甲", shared, [])
    c.append("合并乙", shared, [])
    c.append("已删掉", b"Message-ID: <gone@uni.edu.cn>\r\n\r\ngone\r\n", [])
    c.logout()

    read_ahead: list[str] = []
    real = folder_run.ReadAhead

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, migration, mappings, *pair):
            read_ahead.extend(m.source for m in mappings)
            super().__init__(migration, mappings, *pair)

    monkeypatch.setattr(folder_run, "ReadAhead", Counting)
    store = Store(tmp_path / "job.sqlite")
    opts = MoveOptions(
        connections=3, backoff_initial=0.01, overrides={"合并甲": "合并", "合并乙": "合并"}
    )
    migration = Migration(src.account(), dst.account(), store, opts)
    mappings = migration.plan(with_stats=False)
    order = ["课题组", "已删掉", "INBOX", "合并甲", "合并乙"]
    mappings.sort(key=lambda m: order.index(m.source) if m.source in order else -1)
    c = client(coremail_server, src)
    c.delete_folder("已删掉")  # gone between planning and copying
    c.logout()
    events = list(migration.run(mappings))
    report = events[-1].report

    assert "已删掉" in read_ahead  # read during 课题组's copy: reported, not an error
    assert any(getattr(e, "code", "") == "folder.missing" for e in events)
    assert "合并乙" not in read_ahead  # 合并甲 was writing into the same target
    merged = {f.source: f for f in report.folders if f.target == "合并"}
    assert merged["合并甲"].copied + merged["合并乙"].copied == 7  # 6 own + shared once
    assert merged["合并乙"].present == 1
    assert sum(contents(exmail_server, dst, "合并").values()) == 7
    big = next(f for f in report.folders if f.source == "课题组")
    assert (big.copied, big.failed) == (41, 0)
    assert contents(coremail_server, src, "课题组") == contents(exmail_server, dst, "课题组")
