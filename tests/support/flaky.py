"""A mailbox on a flaky line: build it, move it to convergence, check it byte for byte.

Used by tests/faults/test_flaky_*.py and benchmarks/faults.py. The fault model (issue
14): both links through a FaultProxy whose ByteCuts cut 50-75 % of connections after a
random 30 KB-4 MB; the mailbox has several 5-20 MB messages among many small ones.
Convergence is what a user does: the move retries by itself, and when a run ends with
messages still pending the user runs it again.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from imapclient import IMAPClient

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.events import Event, Finished, MessageCopied, PlanReady, Retrying
from mailmover.engine.folders import FolderMapping
from mailmover.engine.imap.connect import connect
from mailmover.engine.options import MoveOptions
from mailmover.engine.progress import WAITING_NETWORK, ProgressModel
from mailmover.engine.report import Report
from mailmover.engine.transfer import Migration
from mailmover.store import Store

FOLDERS = ["INBOX", "已发送", "课题组", "课题组/2020", "课题组/2021", "草稿箱", "Archive"]
MB = 1024 * 1024
_FLAGS = [(), (b"\\Seen",), (b"\\Seen", b"\\Answered"), (b"\\Seen", b"\\Flagged"), (b"\\Draft",)]


@dataclass
class Mailbox:
    messages: int
    bytes: int
    per_folder: dict[str, int]


def build(
    c: IMAPClient, messages: int, big_mb: list[int], seed: int, folders: list[str] | None = None
) -> Mailbox:
    """`messages` in total over `folders`, of which the `big_mb` ones are that many MB;
    varied flags and dates, some without Message-ID, two genuine duplicates."""
    rng = random.Random(seed)
    folders = folders or FOLDERS
    for f in folders:
        if f != "INBOX":
            with contextlib.suppress(Exception):
                c.create_folder(f)
    big = {rng.randrange(messages): size for size in big_mb}
    while len(big) < len(big_mb):  # two sizes drew the same index
        big[rng.randrange(messages)] = big_mb[len(big)]
    per: Counter[str] = Counter()
    total = 0
    start = datetime(2019, 1, 1, tzinfo=timezone(timedelta(hours=8)))
    for i in range(messages):
        folder = folders[0] if i in big else folders[rng.randrange(len(folders))]
        size = big[i] * MB if i in big else int(rng.lognormvariate(8.8, 1.1))
        raw = _message(i, size, rng, message_id=i % 23 != 0)
        when = start + timedelta(minutes=rng.randrange(2_000_000))
        c.append(folder, raw, _FLAGS[i % len(_FLAGS)], when)
        per[folder] += 1
        total += len(raw)
        if i % 97 == 5:  # a genuine duplicate: the same message twice in one folder
            c.append(folder, raw, _FLAGS[i % len(_FLAGS)], when)
            per[folder] += 1
            total += len(raw)
    return Mailbox(sum(per.values()), total, dict(per))


def _message(i: int, size: int, rng: random.Random, *, message_id: bool) -> bytes:
    head = (
        b"From: =?UTF-8?B?5byg5LiJ?= <zhangsan@uni.edu.cn>\r\nTo: lisi@uni.edu.cn\r\n"
        + f"Date: Tue, 3 Mar 2020 09:{i % 60:02d}:00 +0800\r\n".encode()
        + (f"Message-ID: <flaky{i}@uni.edu.cn>\r\n".encode() if message_id else b"")
        + f"Subject: report {i}\r\nMIME-Version: 1.0\r\n".encode()
        + b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    )
    data = base64.encodebytes(rng.randbytes(max(0, size - len(head)) * 3 // 4))
    return head + data.replace(b"\n", b"\r\n")


# -- moving ---------------------------------------------------------------------------
@dataclass
class Trace:
    """What the runs did, and every progress check that failed (must stay empty)."""

    runs: int = 0
    seconds: float = 0.0
    retries: int = 0
    waiting_seen: int = 0  # snapshots saying "waiting for the network" after a Retrying
    samples: int = 0
    problems: list[str] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    mappings: list[FolderMapping] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def plan(mig: Migration, tries: int = 20) -> list[FolderMapping]:
    """Plan with folder statistics, as the CLI and the wizard do; a cut during planning
    is tried again (what a person would do: press the button again)."""
    for attempt in range(tries):
        try:
            return mig.plan(with_stats=True)
        except (errors.TransientError, errors.ConnectError):
            mig.pool.reset()
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def converge(
    src: Account,
    dst: Account,
    store_path: Path,
    options: MoveOptions,
    mailbox: Mailbox,
    *,
    max_runs: int = 6,
    on_event: Callable[[Event, Trace], None] | None = None,
) -> Trace:
    """Run the move until a run ends with nothing pending; check the progress model after
    every event: its message total is the mailbox's, done never exceeds it, bytes done
    never exceed bytes total (which never exceeds the mailbox), and a Retrying event
    reads as "waiting for the network"."""
    trace = Trace()
    started = time.monotonic()
    for _ in range(max_runs):
        trace.runs += 1
        store = Store(store_path)
        mig = Migration(src, dst, store, options)
        try:
            mappings = plan(mig)
            trace.mappings = mappings
            model = ProgressModel()
            report: Report | None = None
            planned = False
            for ev in mig.run(mappings):
                trace.events.append(ev)
                model.apply(ev)
                planned = planned or isinstance(ev, PlanReady)
                if on_event is not None:
                    on_event(ev, trace)
                _check(model, ev, mailbox, trace, planned)
                if isinstance(ev, Finished):
                    assert isinstance(ev.report, Report)
                    report = ev.report
        finally:
            mig.close()
            store.close()
        assert report is not None
        trace.reports.append(report)
        if report.ok:
            break
    trace.seconds = time.monotonic() - started
    return trace


def _check(model: ProgressModel, ev: Event, mailbox: Mailbox, trace: Trace, planned: bool) -> None:
    if isinstance(ev, Retrying):
        trace.retries += 1
    snap = model.snapshot()
    trace.samples += 1
    if isinstance(ev, Retrying):
        if snap.waiting != WAITING_NETWORK:
            trace.problems.append(f"after Retrying: waiting={snap.waiting!r}")
        else:
            trace.waiting_seen += 1
    if not planned:
        return  # before the plan: nothing to show yet
    if snap.messages_total != mailbox.messages:
        trace.problems.append(f"{type(ev).__name__}: total {snap.messages_total}")
    if snap.messages_done > snap.messages_total:
        trace.problems.append(f"{type(ev).__name__}: done {snap.messages_done} > total")
    if snap.bytes_done > snap.bytes_total or snap.bytes_total > mailbox.bytes * 1.01:
        trace.problems.append(
            f"{type(ev).__name__}: bytes {snap.bytes_done}/{snap.bytes_total} "
            f"(mailbox {mailbox.bytes})"
        )
    if isinstance(ev, Finished) and ev.report is not None:
        report = ev.report
        assert isinstance(report, Report)
        if report.ok and snap.messages_done != mailbox.messages:
            trace.problems.append(f"finished exact but done {snap.messages_done}")


def copied(trace: Trace) -> int:
    return sum(1 for e in trace.events if isinstance(e, MessageCopied))


# -- checking -------------------------------------------------------------------------
Item = tuple[bytes, frozenset[bytes], float]


def contents(c: IMAPClient, folder: str) -> Counter[Item]:
    """Multiset of (sha256 of the bytes, flags, INTERNALDATE) of one folder."""
    out: Counter[Item] = Counter()
    if not c.folder_exists(folder):
        return out
    c.select_folder(folder, readonly=True)
    uids = c.search("ALL")
    for i in range(0, len(uids), 20):
        data = c.fetch(uids[i : i + 20], [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"])
        for item in data.values():
            flags = frozenset(f for f in item[b"FLAGS"] if f.upper() != b"\\RECENT")
            digest = hashlib.sha256(item[b"BODY[]"]).digest()
            out[(digest, flags, item[b"INTERNALDATE"].timestamp())] += 1
    return out


@dataclass
class Exactness:
    missing: int = 0  # source messages without an identical copy (bytes, flags, date)
    extra: int = 0  # copies beyond the source's (doubled or different)
    folders: int = 0


def exactness(src: Account, dst: Account, mappings: list[FolderMapping]) -> Exactness:
    """Read straight from both servers (not through the proxies)."""
    s, d = connect(src), connect(dst)
    out = Exactness()
    try:
        for m in mappings:
            if not m.include:
                continue
            a, b = contents(s.client, m.source), contents(d.client, m.target)
            out.missing += sum((a - b).values())
            out.extra += sum((b - a).values())
            out.folders += 1
    finally:
        s.close()
        d.close()
    return out


def spool_files(spool_dir: Path) -> list[Path]:
    return [p for p in spool_dir.rglob("*") if p.is_file()] if spool_dir.exists() else []
