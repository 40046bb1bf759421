"""Build realistic test mailboxes and take exact snapshots of what a server holds."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime, timedelta, timezone

from imapclient import IMAPClient

from tests.support.dovecot import DovecotServer

CST = timezone(timedelta(hours=8))


def client(server: DovecotServer, user: str, password: str) -> IMAPClient:
    c = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=30)
    c.normalise_times = False
    if password.isascii():
        c.login(user, password)
    else:
        c.plain_login(user, password)
    return c


def message(
    i: int,
    *,
    subject: bytes | None = None,
    message_id: bool = True,
    body: bytes = b"",
    extra_headers: bytes = b"",
    year: int = 2020,
) -> bytes:
    mid = f"Message-ID: <m{i}.{year}@uni.edu.cn>\r\n".encode() if message_id else b""
    subj = subject if subject is not None else f"Subject: message {i}".encode()
    return (
        b"From: =?UTF-8?B?5byg5LiJ?= <zhangsan@uni.edu.cn>\r\n"
        b"To: lisi@uni.edu.cn\r\n"
        + f"Date: Mon, 1 Jun {year} 10:{i % 60:02d}:00 +0800\r\n".encode()
        + mid
        + subj
        + b"\r\n"
        + extra_headers
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + (body or f"Body of message {i}.\r\n".encode())
    )


# Folders as a Coremail user has them (names decoded; imapclient encodes to modified UTF-7).
RICH_FOLDERS = [
    "INBOX",
    "已发送",
    "草稿箱",
    "已删除",
    "课题组",
    "课题组/2019/项目 A",
    "Archive.2018",
]


# What fill_rich marks \Deleted without expunging: a move leaves it out (skipped).
RICH_MARKED_DELETED = {"已删除": 1}


def fill_rich(c: IMAPClient) -> dict[str, int]:
    """A mailbox with everything that goes wrong in real life. Returns counts per folder."""
    for f in RICH_FOLDERS:
        if f != "INBOX" and not c.folder_exists(f):
            c.create_folder(f)
    counts: Counter[str] = Counter()

    def put(folder: str, raw: bytes, flags: tuple[bytes, ...] = (), when: datetime | None = None):
        c.append(folder, raw, flags, when or datetime(2021, 3, 4, 5, 6, 7, tzinfo=CST))
        counts[folder] += 1

    flag_sets = [
        (),
        (b"\\Seen",),
        (b"\\Seen", b"\\Answered"),
        (b"\\Flagged",),
        (b"\\Draft",),
        (b"\\Seen", b"$Forwarded", b"Work"),
    ]
    for i in range(24):
        put(
            "INBOX",
            message(i, year=2008 + i % 17),
            flag_sets[i % len(flag_sets)],
            datetime(2008 + i % 17, 1 + i % 12, 1 + i % 28, 12, 0, 0, tzinfo=CST),
        )
    # Headers in GBK (RFC 2047) and raw 8-bit GBK, UTF-8 subject.
    put("INBOX", message(100, subject=b"Subject: =?GBK?B?xOO6w6OsysC958==?="))
    put("INBOX", message(101, subject=b"Subject: " + "课题组会议通知".encode("gbk")))
    put("INBOX", message(102, subject="Subject: 研究生答辩安排".encode()))
    # No Message-ID, and genuine duplicates (same bytes twice; twice more without an ID).
    put("INBOX", message(103, message_id=False))
    put("INBOX", message(104))
    put("INBOX", message(104))
    put("INBOX", message(105, message_id=False))
    put("INBOX", message(105, message_id=False))
    # Malformed: bare LF line endings, very long lines, 8-bit header without MIME.
    put("INBOX", message(106).replace(b"\r\n", b"\n"))
    put("INBOX", message(107, body=b"x" * 20000 + b"\r\n" + b"y" * 5000 + b"\r\n"))
    put("INBOX", message(108, extra_headers="X-Note: 没有编码的头\r\n".encode()))
    # An attachment of some size.
    put("INBOX", message(109, body=b"QUJD" * 40000 + b"\r\n"))
    for i in range(5):
        put("已发送", message(200 + i), (b"\\Seen",))
    put("草稿箱", message(300), (b"\\Draft",))
    put("已删除", message(301), (b"\\Seen", b"\\Deleted"))
    put("课题组", message(400))
    for i in range(3):
        put("课题组/2019/项目 A", message(410 + i, year=2019))
    put("Archive.2018", message(420, year=2018))
    return dict(counts)


def snapshot(c: IMAPClient, folder: str) -> Counter[tuple[str, frozenset[bytes], str]]:
    """Multiset of (sha256 of bytes, flags, INTERNALDATE) for a folder; messages marked
    \\Deleted (not expunged) are left out, as a move leaves them out by default."""
    c.select_folder(folder, readonly=True)
    uids = c.search("ALL")
    out: Counter[tuple[str, frozenset[bytes], str]] = Counter()
    if not uids:
        return out
    data = c.fetch(uids, [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"])
    for item in data.values():
        if any(f.upper() == b"\\DELETED" for f in item[b"FLAGS"]):
            continue
        flags = frozenset(f for f in item[b"FLAGS"] if f.upper() != b"\\RECENT")
        when = item[b"INTERNALDATE"].astimezone(timezone.utc).isoformat()
        out[(hashlib.sha256(item[b"BODY[]"]).hexdigest(), flags, when)] += 1
    return out


def count(c: IMAPClient, folder: str) -> int:
    return int(c.select_folder(folder, readonly=True)[b"EXISTS"])
