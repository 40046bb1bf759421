"""A realistic, reproducible faculty mailbox: log-normal sizes (median ~15 KB), a few
multi-MB attachments, nested Chinese folders, flags and keywords, dates back to 2009."""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.header import Header

# (folder, share of the messages); "/" is the hierarchy separator of both servers.
FOLDERS = [
    ("INBOX", 0.40),
    ("已发送", 0.16),
    ("草稿箱", 0.01),
    ("已删除", 0.05),
    ("课题组", 0.06),
    ("课题组/2019 项目申报", 0.07),
    ("课题组/学生/毕业论文", 0.07),
    ("学院通知", 0.08),
    ("会议/ICML 2021", 0.05),
    ("会议/审稿", 0.05),
]
# Shaped like a real Coremail mailbox (issue 15): 21 folders, several empty or holding a
# handful of messages, nested Chinese names. Weight 0: the folder exists and is empty.
# Parents come before their children (a parent made implicitly cannot hold mail).
COREMAIL21 = [
    ("INBOX", 0.42),
    ("已发送", 0.15),
    ("草稿箱", 0.004),
    ("已删除", 0.05),
    ("垃圾邮件", 0.0),
    ("病毒文件夹", 0.0),
    ("订阅邮件", 0.02),
    ("课题组", 0.04),
    ("课题组/学生", 0.05),
    ("课题组/学生/毕业论文", 0.06),
    ("课题组/2019 项目申报", 0.05),
    ("学院通知", 0.07),
    ("会议", 0.0),
    ("会议/ICML 2021", 0.03),
    ("会议/审稿", 0.03),
    ("会议/审稿/2022", 0.002),
    ("财务", 0.0),
    ("财务/报销", 0.003),
    ("教学", 0.0),
    ("教学/课程 2023春", 0.012),
    ("归档", 0.008),
]


def many_folders(count: int = 60) -> list[tuple[str, float]]:
    """`count` folders: the role folders, nested project, student, conference and archive
    folders; a third of them empty, several holding a handful, a few large."""
    names = ["INBOX", "已发送", "草稿箱", "已删除", "垃圾邮件"]
    for top, subs in (
        ("课题组", ["学生", "学生/毕业论文", "学生/开题", "学生/周报", "经费", "设备"]),
        (
            "项目",
            ["国家自然科学基金", "国家自然科学基金/2019", "国家自然科学基金/2023", "横向课题"],
        ),
        ("会议", ["ICML 2021", "NeurIPS 2022", "审稿", "审稿/2022", "审稿/2023"]),
        ("教学", ["课程 2022秋", "课程 2023春", "助教", "考试"]),
        ("学院", ["通知", "人事", "财务/报销", "财务/发票"]),
        ("期刊", ["投稿", "审稿意见", "录用"]),
    ):
        names.append(top)
        parents = {top}
        for sub in subs:
            path = f"{top}/{sub}"
            parent = path.rsplit("/", 1)[0]
            if parent not in parents:
                names.append(parent)
                parents.add(parent)
            names.append(path)
            parents.add(path)
    year = 2009
    while len(names) < count:
        if "归档" not in names:
            names.append("归档")
        names.append(f"归档/{year}")
        year += 1
    names = names[:count]
    weights: list[tuple[str, float]] = []
    for i, name in enumerate(names):
        if name == "INBOX":
            w = 0.30
        elif name == "已发送":
            w = 0.10
        elif i % 3 == 2 and name not in ("草稿箱", "已删除"):
            w = 0.0  # a third of the folders are empty
        elif i % 5 == 0:
            w = 0.0008  # a handful of messages
        else:
            w = 0.6 / (i + 1) ** 0.8
        weights.append((name, w))
    return weights


CORPORA = {
    "default": FOLDERS,
    "coremail21": COREMAIL21,
    "many60": many_folders(60),
    "coremail87": COREMAIL21,  # mail of its own: coremail87() (issue 28)
}

_SUBJECTS = [
    "关于申报国家自然科学基金的通知",
    "Re: 论文修改意见",
    "组会安排",
    "Fwd: 审稿邀请",
    "毕业答辩时间",
    "Meeting notes",
    "报销单据",
    "Invitation to review",
    "课程表调整",
]
_PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "Alice Smith", "Bob Chen"]
_TZ = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Mail:
    folder: str
    raw: bytes
    flags: tuple[bytes, ...]
    when: datetime


def _size(rng: random.Random, attachments: bool, cap: int) -> int:
    if attachments and rng.random() < 0.006:
        return rng.randint(2_000_000, 6_000_000)
    return int(min(cap, max(700, rng.lognormvariate(9.6, 1.0))))  # e^9.6 ~ 15 KB


def message(rng: random.Random, n: int, size: int, when: datetime) -> bytes:
    who = rng.choice(_PEOPLE)
    subject = Header(f"{rng.choice(_SUBJECTS)} #{n}", "utf-8").encode()
    head = (
        f"Message-ID: <bench.{n}.{rng.getrandbits(40):x}@mail.uni.edu.cn>\r\n"
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0800')}\r\n"
        f"From: {Header(who, 'utf-8').encode()} <u{n % 97}@uni.edu.cn>\r\n"
        f"To: faculty@uni.edu.cn\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        '--b1\r\nContent-Type: text/plain; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii")
    text = base64.encodebytes(("老师您好，附件请查收。" * 8).encode()).replace(b"\n", b"\r\n")
    body = head + text
    rest = max(0, size - len(body) - 120)
    if rest:
        # Attachment bytes that do not compress, in 76-column base64 lines.
        blob = base64.encodebytes(rng.randbytes(rest * 3 // 4)).replace(b"\n", b"\r\n")
        body += (
            b'--b1\r\nContent-Type: application/pdf; name="a.pdf"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n" + blob
        )
    return body + b"--b1--\r\n"


def mailbox(
    count: int,
    *,
    seed: int = 3,
    attachments: bool = True,
    cap: int = 3_000_000,
    folders: list[tuple[str, float]] | None = None,
    fixed_size: int | None = None,
) -> Iterator[Mail]:
    rng = random.Random(seed)
    plan = folders or FOLDERS
    names = [f for f, w in plan if w > 0]
    weights = [w for _, w in plan if w > 0]
    start = datetime(2009, 3, 1, 8, 0, tzinfo=_TZ)
    for n in range(count):
        folder = rng.choices(names, weights)[0]
        when = start + timedelta(seconds=rng.randrange(0, 15 * 365 * 86400))
        size = fixed_size or _size(rng, attachments, cap)
        flags: list[bytes] = []
        if rng.random() < 0.7:
            flags.append(b"\\Seen")
        if rng.random() < 0.1:
            flags.append(b"\\Answered")
        if rng.random() < 0.05:
            flags.append(b"\\Flagged")
        if folder == "草稿箱":
            flags.append(b"\\Draft")
        if rng.random() < 0.05:
            flags.append(b"$Label1")
        yield Mail(folder, message(rng, n, size, when), tuple(flags), when)


# Issue 28's mailbox: 2,000 messages, ~87 MB in 21 folders, six attachments of 1-10 MB,
# malformed messages and duplicates.
_LARGE_87 = (1_200_000, 2_100_000, 3_300_000, 4_600_000, 6_800_000, 9_700_000)


def _malformed(rng: random.Random, n: int, when: datetime) -> bytes:
    """Mail as old servers hold it: bare LF line ends, no Message-ID or Date, raw GBK
    in headers, a 2,000-character header line, an unterminated MIME part, no body."""
    kind = n % 6
    if kind == 0:
        return (
            f"From: u{n}@uni.edu.cn\nSubject: bare LF #{n}\n\n" + "line\n" * rng.randint(5, 200)
        ).encode()
    if kind == 1:
        return b"Subject: no id, no date #%d\r\n\r\nbody\r\n" % n
    if kind == 2:
        return (
            b"Subject: " + f"原始 GBK 主题 #{n}".encode("gbk") + b"\r\nFrom: "
            + "张伟".encode("gbk") + b" <z@uni.edu.cn>\r\n\r\n" + "正文".encode("gbk") + b"\r\n"
        )
    if kind == 3:
        return b"X-Long: " + b"a" * 2000 + b"\r\nSubject: long #%d\r\n\r\nx\r\n" % n
    if kind == 4:
        return (
            b'Content-Type: multipart/mixed; boundary="never"\r\nSubject: cut #%d\r\n\r\n'
            b"--never\r\nContent-Type: text/plain\r\n\r\nno closing boundary\r\n" % n
        )
    return b"Subject: headers only #%d\r\n" % n


def coremail87(count: int = 2000, *, seed: int = 3) -> Iterator[Mail]:
    """`count` messages like the issue's mailbox: COREMAIL21's folders, log-normal sizes
    (median ~17 KB), the six large attachments, 1 in 100 malformed, 1 in 50 a duplicate
    of an earlier message (same bytes: half in its own folder, half in another)."""
    rng = random.Random(seed)
    names = [f for f, w in COREMAIL21 if w > 0]
    weights = [w for _, w in COREMAIL21 if w > 0]
    start = datetime(2009, 3, 1, 8, 0, tzinfo=_TZ)
    large = {rng.randrange(count): size for size in _LARGE_87}
    made: list[Mail] = []
    for n in range(count):
        folder = rng.choices(names, weights)[0]
        when = start + timedelta(seconds=rng.randrange(0, 15 * 365 * 86400))
        flags = (b"\\Seen",) if rng.random() < 0.7 else ()
        if made and rng.random() < 0.02:
            old = rng.choice(made[-200:])
            mail = Mail(old.folder if rng.random() < 0.5 else folder, old.raw, flags, old.when)
        elif rng.random() < 0.01:
            mail = Mail(folder, _malformed(rng, n, when), flags, when)
        else:
            size = large.get(n) or int(min(900_000, max(700, rng.lognormvariate(9.77, 1.0))))
            mail = Mail(folder, message(rng, n, size, when), flags, when)
        if len(mail.raw) < 200_000:
            made.append(mail)
        yield mail


def corpus_mails(corpus: str, count: int, seed: int) -> Iterator[Mail]:
    """The mail of a corpus named in CORPORA."""
    if corpus == "coremail87":
        return coremail87(count, seed=seed)
    return mailbox(count, seed=seed, folders=CORPORA[corpus])
