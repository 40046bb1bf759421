"""The server matrix: a move and a rerun into and out of servers other than Dovecot.

Each source message carries an `X-MM-Key` header (plain ASCII, which no server rewrites),
so the check is independent of mailmover's own identity logic: per folder, the multiset
of keys at the destination must equal the source's, minus the messages the server itself
refused (each reported with the server's reason). A copy whose bytes differ from its
source is "altered by the server"; flags and INTERNALDATE are compared exactly.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from mailmover.cli import Output, main
from tests.servers.conftest import Endpoint

CST = timezone(timedelta(hours=8))

# Role folders as each kind of server names them (relative to the personal namespace).
ROLE_NAMES: dict[str, dict[str, str]] = {
    "dovecot": {"sent": "已发送", "drafts": "草稿箱", "trash": "已删除", "junk": "垃圾邮件"},
    "coremail": {"sent": "已发送", "drafts": "草稿箱", "trash": "已删除", "junk": "垃圾邮件"},
    "cyrus": {"sent": "Sent", "drafts": "Drafts", "trash": "Trash", "junk": "Junk"},
    "cyrus-unix": {"sent": "Sent", "drafts": "Drafts", "trash": "Trash", "junk": "Junk"},
    "courier": {"sent": "Sent", "drafts": "Drafts", "trash": "Trash", "junk": "Junk"},
    "exmail": {
        "sent": "Sent Messages",
        "drafts": "Drafts",
        "trash": "Deleted Messages",
        "junk": "Junk",
    },
    "pymap": {"sent": "Sent", "drafts": "Drafts", "trash": "Trash", "junk": "Junk"},
    "imap4d": {"sent": "Sent", "drafts": "Drafts", "trash": "Trash", "junk": "Junk"},
    "dovecot-mbox": {"sent": "Sent", "drafts": "Drafts", "trash": "Trash", "junk": "Junk"},
}
# User folders, relative to the personal namespace, as path parts.
USER_FOLDERS: list[tuple[str, ...]] = [
    ("课题组",),
    ("课题组", "2019"),
    ("课题组", "2019", "项目 A"),
    ("Empty",),
    ("Not subscribed",),
]
# Where user folders go on a destination that refuses them at the top level.
USER_PARENT = {"exmail": ("其他文件夹",)}
# mbox storage: a folder holds mail or folders, never both; 课题组 holds mail, so its
# subfolders land beside it (learnt from the server's [CANNOT], during the run).
BESIDE = {
    "dovecot-mbox": {
        ("课题组", "2019"): ("课题组 - 2019",),
        ("课题组", "2019", "项目 A"): ("课题组 - 2019 - 项目 A",),
    }
}
BIG = 300 * 1024  # over the Exmail emulation's limit (256 KB stands in for 50 MB)


def _msg(key: str, i: int, *, subject: bytes | None = None, body: bytes = b"") -> bytes:
    subj = subject or f"Subject: =?UTF-8?B?5rWL6K+V?= {key}".encode()
    return (
        b"From: =?UTF-8?B?5byg5LiJ?= <zhangsan@uni.edu.cn>\r\n"
        b"To: lisi@uni.edu.cn\r\n"
        + f"Date: Mon, 1 Jun 2020 10:{i % 60:02d}:00 +0800\r\n".encode()
        + f"Message-ID: <{key}@uni.edu.cn>\r\n".encode()
        + subj
        + b"\r\n"
        + f"X-MM-Key: {key}\r\n".encode()
        + b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + (body or f"Body {key}.\r\n".encode())
    )


FLAG_SETS: list[tuple[bytes, ...]] = [
    (),
    (b"\\Seen",),
    (b"\\Seen", b"\\Answered"),
    (b"\\Flagged",),
    (b"\\Seen", b"$Forwarded", b"Work"),
]


@dataclass
class Source:
    """What was put into the source: folder (relative parts) -> keys."""

    folders: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    big: str = ""


def _append(c: IMAPClient, ep: Endpoint, folder: str, raw: bytes, flags, when) -> None:
    if ep.name != "imap4d":
        c.append(folder, raw, flags, when)
        return
    # imap4d refuses keywords in APPEND ("BAD Unrecognized flag") and ignores its
    # flags and date (the date comes from the headers); STORE works afterwards.
    c.append(folder, raw)
    flags = tuple(f for f in flags if f.startswith(b"\\"))  # no keywords at all
    if flags:
        c.select_folder(folder)
        c.add_flags(max(c.search("ALL")), flags)
        c.unselect_folder()


def fill(ep: Endpoint) -> Source:
    c = ep.client()
    src = Source()
    roles = ROLE_NAMES[ep.name]
    rel: list[tuple[str, ...]] = [
        ("INBOX",),
        (roles["sent"],),
        (roles["drafts"],),
        *USER_FOLDERS,
    ]
    for parts in rel:
        name = "INBOX" if parts == ("INBOX",) else ep.path(*parts)
        if not c.folder_exists(name):
            c.create_folder(name)
        if parts != ("Not subscribed",) and name != "INBOX":
            c.subscribe_folder(name)
        if parts == ("Empty",):
            src.folders[parts] = []
            continue
        keys: list[str] = []
        n = 6 if parts == ("INBOX",) else 3
        for i in range(n):
            key = f"k{abs(hash(parts)) % 10000}-{i}"
            when = datetime(2015 + i, 1 + i, 2 + i, 3, 4, 5, tzinfo=CST)
            _append(c, ep, name, _msg(key, i), FLAG_SETS[i % len(FLAG_SETS)], when)
            keys.append(key)
        src.folders[parts] = keys
    # A genuine duplicate, a raw 8-bit GBK header (Cyrus rewrites it), and one too big
    # for the Exmail emulation.
    dup = _msg("dup-1", 40)
    _append(c, ep, "INBOX", dup, (b"\\Seen",), datetime(2019, 5, 6, 7, 8, 9, tzinfo=CST))
    _append(c, ep, "INBOX", dup, (b"\\Seen",), datetime(2019, 5, 6, 7, 8, 9, tzinfo=CST))
    raw8 = _msg("raw8-1", 41, subject=b"Subject: " + "课题组会议通知".encode("gbk"))
    _append(c, ep, "INBOX", raw8, (), datetime(2018, 2, 3, 4, 5, 6, tzinfo=CST))
    big = _msg("big-1", 42, body=b"QUJD" * (BIG // 4) + b"\r\n")
    _append(c, ep, "INBOX", big, (), datetime(2017, 2, 3, 4, 5, 6, tzinfo=CST))
    # Malformed in ways servers treat differently: bare LF line ends, no body at all.
    bare_lf = _msg("lf-1", 43).replace(b"\r\n", b"\n")
    _append(c, ep, "INBOX", bare_lf, (b"\\Flagged",), datetime(2016, 2, 3, 4, 5, 6, tzinfo=CST))
    headers_only = _msg("hdr-1", 44).split(b"\r\n\r\n")[0] + b"\r\n"
    _append(c, ep, "INBOX", headers_only, (), datetime(2016, 3, 3, 4, 5, 6, tzinfo=CST))
    src.folders[("INBOX",)] += ["dup-1", "dup-1", "raw8-1", "big-1", "lf-1", "hdr-1"]
    src.big = "big-1"
    c.logout()
    return src


@dataclass
class Item:
    key: str
    sha: str
    flags: frozenset[bytes]
    date: str


def read(c: IMAPClient, folder: str) -> list[Item]:
    c.select_folder(folder, readonly=True)
    uids = c.search("ALL")
    if not uids:
        return []
    data = c.fetch(uids, [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"])
    out = []
    for item in data.values():
        body = item[b"BODY[]"]
        m = re.search(rb"^X-MM-Key: (\S+)", body, re.M)
        flags = frozenset(f for f in item[b"FLAGS"] if f.upper() not in (b"\\RECENT", b"\\DELETED"))
        when = item[b"INTERNALDATE"].astimezone(timezone.utc).isoformat()
        key = m.group(1).decode() if m else "?"
        out.append(Item(key, hashlib.sha256(body).hexdigest(), flags, when))
    return out


def dest_folder(dst: Endpoint, parts: tuple[str, ...], src_kind: str) -> str:
    if parts == ("INBOX",):
        return "INBOX"
    src_roles = {v: k for k, v in ROLE_NAMES[src_kind].items()}
    if len(parts) == 1 and parts[0] in src_roles:
        return dst.path(ROLE_NAMES[dst.name][src_roles[parts[0]]])
    parts = BESIDE.get(dst.name, {}).get(parts, parts)
    return dst.path(*USER_PARENT.get(dst.name, ()), *parts)


@dataclass
class Run:
    code: int
    out: str
    err: str
    report: dict[str, Any]


def migrate(src: Endpoint, dst: Endpoint, state: Path, *extra: str) -> Run:
    os.environ["MAILMOVER_SOURCE_PASSWORD"] = src.password
    os.environ["MAILMOVER_TARGET_PASSWORD"] = dst.password
    report = state / "report.json"
    report.unlink(missing_ok=True)
    out, err = io.StringIO(), io.StringIO()
    url = "imap+plain://{}@127.0.0.1:{}"
    code = main(
        [
            "migrate",
            url.format(src.user, src.account.port),
            url.format(dst.user, dst.account.port),
            "--state-dir",
            str(state),
            "--report",
            str(report),
            "--timeout",
            "30",
            *extra,
        ],
        Output(out, err),
    )
    data = json.loads(report.read_text()) if report.exists() else {}
    return Run(code, out.getvalue(), err.getvalue(), data)


@dataclass
class Measured:
    exact: int = 0
    altered: int = 0  # bytes changed by the server
    altered_keys: list[str] = field(default_factory=list)
    refused: int = 0  # refused by the server, reported with its reason
    missing: int = 0  # not there and not reported: a bug
    duplicated: int = 0
    flags_differ: int = 0
    dates_differ: int = 0
    keeps_keywords: bool = True  # the destination's PERMANENTFLAGS has \*
    keywords_dropped: int = 0  # copies without the keywords the destination cannot keep
    unsubscribed: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def measure(src: Endpoint, dst: Endpoint, source: Source, run: Run) -> Measured:
    s, d = src.client(), dst.client()
    res = Measured()
    # SELECT, not EXAMINE: a read-only folder announces PERMANENTFLAGS ().
    perm = d.select_folder("INBOX").get(b"PERMANENTFLAGS")
    res.keeps_keywords = perm is None or b"\\*" in perm
    failures = [x for f in run.report.get("folders", []) for x in f.get("failures", [])]
    res.reasons = sorted({f"{x['reason']}: {x['detail']}" for x in failures})
    subscribed = {name for _, _, name in d.list_sub_folders()}
    for parts in source.folders:
        sname = "INBOX" if parts == ("INBOX",) else src.path(*parts)
        dname = dest_folder(dst, parts, src.name)
        before = {}
        for it in read(s, sname):
            before.setdefault(it.key, []).append(it)
        after: dict[str, list[Item]] = {}
        if d.folder_exists(dname):
            for it in read(d, dname):
                after.setdefault(it.key, []).append(it)
        else:
            res.unsubscribed.append(f"{dname} (missing)")
        if dname != "INBOX" and dname not in subscribed:
            res.unsubscribed.append(dname)
        for key, items in before.items():
            got = after.get(key, [])
            res.duplicated += max(len(got) - len(items), 0)
            for i, it in enumerate(items):
                if i >= len(got):
                    reported = any(x["folder"] == sname for x in failures)
                    if reported:
                        res.refused += 1
                    else:
                        res.missing += 1
                    continue
                g = got[i]
                if g.sha == it.sha:
                    res.exact += 1
                else:
                    res.altered += 1
                    res.altered_keys.append(key)
                wanted = it.flags
                if not res.keeps_keywords:
                    wanted = frozenset(f for f in wanted if f.startswith(b"\\"))
                    res.keywords_dropped += wanted != it.flags
                res.flags_differ += g.flags != wanted
                res.dates_differ += g.date != it.date
        res.duplicated += sum(len(v) for k, v in after.items() if k not in before)
    s.logout()
    d.logout()
    return res


CASES = [
    ("dovecot", "cyrus"),
    ("dovecot", "cyrus-unix"),
    ("dovecot", "courier"),
    ("dovecot", "exmail"),
    ("dovecot", "pymap"),
    ("dovecot", "imap4d"),
    ("dovecot", "dovecot-mbox"),
    ("imap4d", "dovecot"),
    ("cyrus", "dovecot"),
    ("cyrus-unix", "dovecot"),
    ("courier", "dovecot"),
    ("coremail", "dovecot"),
]
RESULTS = Path(os.environ.get("MAILMOVER_MATRIX_OUT", "/tmp/mailmover-matrix.json"))


@pytest.mark.parametrize(("src_kind", "dst_kind"), CASES, ids=[f"{a}-to-{b}" for a, b in CASES])
def test_move_and_rerun_exact(
    src_kind: str,
    dst_kind: str,
    endpoint: Callable[[str], Endpoint],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    src, dst = endpoint(src_kind), endpoint(dst_kind)
    source = fill(src)

    # The plan shows where each folder will go before anything is created. (Exmail's
    # 其他文件夹/ is learnt from its refusal of a top-level CREATE, during the run.)
    plan = migrate(src, dst, tmp_path / "state", "--dry-run")
    assert plan.code == 0, plan.out + plan.err
    if dst_kind != "exmail":
        for parts in USER_FOLDERS:
            if parts in BESIDE.get(dst_kind, {}):
                continue  # the plan shows where it would go on other servers
            assert f"-> {dest_folder(dst, parts, src_kind)}\n" in plan.out, plan.out

    first = migrate(src, dst, tmp_path / "state")
    for run in (first,):
        assert "Traceback" not in run.out + run.err, run.out + run.err
    assert first.code in (0, 1), first.out + first.err
    m1 = measure(src, dst, source, first)

    second = migrate(src, dst, tmp_path / "state")
    assert "Traceback" not in second.out + second.err, second.out + second.err
    m2 = measure(src, dst, source, second)
    copied_again = sum(f["copied"] for f in second.report.get("folders", []))

    record = {"first": m1.__dict__, "second": m2.__dict__, "copied_again": copied_again}
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[f"{src_kind}->{dst_kind}"] = record
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1))

    assert m1.missing == 0, (m1, first.out)
    for parts, beside in BESIDE.get(dst_kind, {}).items():
        # Said, with both names.
        assert f"{'/'.join(parts)} was created beside it, as {beside[0]}" in first.out, first.out
    assert m1.duplicated == 0, (m1, first.out)
    if dst_kind == "exmail":
        assert m1.refused == 1 and any("0.25 MB" in r for r in m1.reasons), m1
    if dst_kind == "imap4d":
        # imap4d keeps no date given to APPEND, and IMAP cannot set one afterwards: each
        # copy whose date changed is counted, per folder, in what the move says.
        text = first.out + first.err + caplog.text
        counts = re.findall(r"did not keep the received date of (\d+) messages", text)
        assert m1.dates_differ > 0 and sum(map(int, counts)) == m1.dates_differ, (m1, text)
    else:
        assert m1.dates_differ == 0, m1
    assert m1.flags_differ == 0, (m1, first.out)
    if m1.keywords_dropped:
        # Said, not silent. (A log line until transfer.py turns it into a Warning event.)
        assert "cannot keep the labels" in first.err + caplog.text, first.err
    assert not m1.unsubscribed, m1.unsubscribed
    if (m2.duplicated or copied_again) and m1.altered:
        pytest.xfail(
            "rerun re-copies messages the server altered: message identity (issue 13 item 3)"
        )
    assert (m2.missing, m2.duplicated, copied_again) == (0, 0, 0), (m2, second.out)
    assert Counter(m1.reasons) == Counter(m2.reasons) or not m1.reasons
