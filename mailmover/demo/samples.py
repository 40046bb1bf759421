"""Realistic sample mail for the demo's old mailbox: Chinese folders, GBK and UTF-8
headers, attachments, flags, old dates, a genuine duplicate, and a contacts CSV."""

from __future__ import annotations

import datetime as dt
import email.header
import email.utils
from dataclasses import dataclass
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

CN = dt.timezone(dt.timedelta(hours=8))
DOMAIN = "demo.edu.cn"
OWNER = f"zhang.wei@{DOMAIN}"


@dataclass(frozen=True)
class Sample:
    folder: str
    raw: bytes
    flags: tuple[bytes, ...]
    when: dt.datetime


def _header(text: str, charset: str) -> str:
    if text.isascii():
        return text
    return email.header.Header(text, charset).encode()


def _address(name: str, addr: str, charset: str) -> str:
    return email.utils.formataddr((name, addr), charset=charset if not name.isascii() else "utf-8")


def _message(
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    subject: str,
    body: str,
    when: dt.datetime,
    msgid: str,
    charset: str = "utf-8",
    attachments: tuple[tuple[str, bytes, str], ...] = (),
) -> bytes:
    text = MIMEText(body, "plain", charset)
    if attachments:
        msg: MIMEMultipart | MIMEText = MIMEMultipart(boundary=f"=_demo_{msgid}")
        msg.attach(text)
        for name, data, subtype in attachments:
            part = MIMEApplication(data, subtype)
            # RFC 2231 file names, as Coremail writes them for Chinese names.
            part.add_header("Content-Disposition", "attachment", filename=(charset, "", name))
            msg.attach(part)
    else:
        msg = text
    msg["From"] = _address(*sender, charset)
    msg["To"] = _address(*to, charset)
    msg["Subject"] = _header(subject, charset)
    msg["Date"] = email.utils.format_datetime(when)
    msg["Message-ID"] = f"<{msgid}@{DOMAIN}>"
    return msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _pdf(title: str, size: int) -> bytes:
    head = f"%PDF-1.4\n% {title}\n".encode()
    return head + (b"0" * max(size - len(head) - 6, 0)) + b"\n%%EOF"


_PEOPLE = [
    ("李娜", "li.na"),
    ("王强", "wang.qiang"),
    ("陈静", "chen.jing"),
    ("刘洋", "liu.yang"),
    ("杨帆", "yang.fan"),
    ("Prof. Anna Schmidt", "anna.schmidt"),
]

_INBOX_SUBJECTS = [
    ("关于2024年度科研项目申报的通知", "gbk"),
    ("课题组周会安排（第{n}周）", "utf-8"),
    ("Re: 论文修改意见", "gb2312"),
    ("Invitation: ICSE 2024 program committee", "utf-8"),
    ("研究生答辩时间确认", "gbk"),
    ("实验室设备采购清单", "utf-8"),
]

_FOLDERS = {
    "INBOX": 12,
    "已发送": 6,
    "草稿箱": 2,
    "已删除": 3,
    "垃圾邮件": 2,
    "课题组": 3,
    "课题组/2023": 4,
    "课题组/2024": 4,
    "学院通知": 3,
    "Conference 会议": 2,
    "病毒文件夹": 1,
}


def sample_messages(now: dt.datetime | None = None) -> list[Sample]:
    """About 40 messages spread over six years; deterministic for a given `now`."""
    now = now or dt.datetime(2025, 5, 20, 9, 0, tzinfo=CN)
    samples: list[Sample] = []
    n = 0
    for folder, count in _FOLDERS.items():
        for i in range(count):
            n += 1
            name, local = _PEOPLE[n % len(_PEOPLE)]
            subject, charset = _INBOX_SUBJECTS[n % len(_INBOX_SUBJECTS)]
            subject = subject.format(n=n)
            if folder.startswith("课题组/"):
                subject = f"{folder.split('/')[1]}年课题组材料：{subject}"
            when = now - dt.timedelta(days=37 * n + i * 3, hours=n % 7)
            sender = (name, f"{local}@{DOMAIN}")
            to = ("张伟", OWNER)
            if folder in ("已发送", "草稿箱"):
                sender, to = to, sender
            attachments: tuple[tuple[str, bytes, str], ...] = ()
            if n % 4 == 0:
                attachments = (
                    (f"附件{n}-项目申报书.pdf", _pdf(subject, 40_000 + n * 1000), "pdf"),
                )
            if folder == "病毒文件夹":
                subject = "发票 invoice.exe"
            body = (
                f"{name}老师：\n\n您好！{subject}。请查收，如有问题请随时联系。\n\n"
                f"此致\n敬礼\n\n（mailmover 演示邮件 {n}，demo message {n}）\n"
            )
            raw = _message(
                sender=sender,
                to=to,
                subject=subject,
                body=body,
                when=when,
                msgid=f"demo-{n}",
                charset=charset,
                attachments=attachments,
            )
            flags: list[bytes] = []
            if folder != "INBOX" or i % 3:
                flags.append(b"\\Seen")
            if folder == "INBOX" and i == 1:
                flags.append(b"\\Flagged")
            if folder == "草稿箱":
                flags.append(b"\\Draft")
            if folder == "INBOX" and i == 4:
                flags.append(b"\\Answered")
            samples.append(Sample(folder, raw, tuple(flags), when))
    # A genuine duplicate (the same notice delivered twice): both copies must arrive.
    first = next(s for s in samples if s.folder == "学院通知")
    samples.append(first)
    return samples


CONTACTS_HEADER = ["姓名", "电子邮件", "手机", "单位", "部门", "职务", "备注"]


def write_contacts_csv(directory: Path) -> Path:
    """A Coremail-style address-book export: Chinese headers, GBK, CRLF."""
    rows = [CONTACTS_HEADER]
    departments = ["计算机学院", "研究生院", "科研处", "实验室", "外事处", "Computer Science"]
    for i, (name, local) in enumerate(_PEOPLE):
        rows.append(
            [
                name,
                f"{local}@{DOMAIN}",
                f"1380000{i:04d}",
                "示例大学" if i < 5 else "TU Example",
                departments[i],
                "教授" if i % 2 else "讲师",
                "课题组成员" if i < 3 else "",
            ]
        )
    path = directory / "通讯录-contacts.csv"
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode("gbk"))
    return path


__all__ = ["Sample", "sample_messages", "write_contacts_csv", "OWNER", "DOMAIN"]
