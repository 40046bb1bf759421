"""Check what a user cares about, folder by folder, by content rather than headers.

For each planned folder: every source message has exactly one copy (a digest of the
normalised message, digest.py, read in ranges: headers alone may collide), with the same
flags and keywords (where the destination keeps keywords) and the same INTERNALDATE.
Copies the user removed in the new mailbox (the store's `removed` records) are listed
as such, not as missing; messages only the new mailbox has are listed, not failures.

Gmail as the old mailbox: one message in three label folders is one message shown three
times (`gmail_messages`, `label_copies`), not three; with one copy only
(`gmail_one_copy`) a label folder's messages that an earlier label keeps are counted
as `in_other_label`, not missing.

`progress`, if given, hears where the check is (CheckProgress: folder n of N, messages
read on both sides, time left, each folder's result as it ends), on the caller's thread.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from mailmover.engine import gmail
from mailmover.engine.folders import FolderMapping
from mailmover.engine.gmail_labels import Key, LabelCopies, gmail_ids
from mailmover.engine.imap import ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, scan, select
from mailmover.engine.messages import keywords_allowed, marked_deleted
from mailmover.engine.verify_read import Seen, contents


@dataclass
class FolderCheck:
    source: str
    target: str
    source_count: int = 0
    target_count: int = 0
    missing: int = 0  # source messages with no copy at the destination
    duplicated: int = 0  # copies beyond what the source has
    flags_differ: int = 0  # copies whose flags or keywords differ from the source's
    dates_differ: int = 0  # copies whose INTERNALDATE differs
    removed_by_user: int = 0  # copied before, since deleted or moved by the user
    in_other_label: int = 0  # Gmail, one copy only: kept in an earlier label folder
    only_in_new: int = 0  # destination messages the source never had (not a failure)
    target_missing: bool = False
    missing_uids: list[int] = field(default_factory=list)
    flag_uids: list[int] = field(default_factory=list)  # source UIDs, flags differ
    date_uids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.missing, self.duplicated, self.flags_differ, self.dates_differ) == (0,) * 4


@dataclass
class Verification:
    folders: list[FolderCheck] = field(default_factory=list)
    # Gmail as the old mailbox: its messages in the folders checked, each once, and how
    # many more times they show in other label folders (not duplicates).
    gmail_messages: int | None = None
    label_copies: int = 0

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.folders)

    def totals(self) -> dict[str, int]:
        keys = (
            "source_count",
            "target_count",
            "missing",
            "duplicated",
            "flags_differ",
            "dates_differ",
            "removed_by_user",
            "in_other_label",
            "only_in_new",
        )
        return {k: sum(getattr(f, k) for f in self.folders) for k in keys}

    def to_dict(self) -> dict[str, Any]:
        folders = [asdict(f) for f in self.folders]
        gmail = {"gmail_messages": self.gmail_messages, "label_copies": self.label_copies}
        return {"ok": self.ok, "totals": self.totals(), "folders": folders, **gmail}


@dataclass(frozen=True)
class CheckProgress:
    """Where the check is. Messages count once per mailbox they are read from (each is
    read in the old and in the new one); `total` uses the plan's counts for folders not
    opened yet, so it can still change."""

    folder: str  # the old folder being checked
    index: int  # 1-based: folder `index` of `folders`
    folders: int
    done: int
    total: int
    elapsed: float  # seconds since the check began
    eta_seconds: float | None  # None until enough was read to tell
    finished: FolderCheck | None = None  # this folder's result, once it is checked

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(self.done / self.total, 1.0)


Progress = Callable[[CheckProgress], None]
PROGRESS_EVERY = 0.25  # seconds between two reports within a folder


class _Meter:
    """Counts what the check read and tells `progress`: at each folder's start and end,
    and every PROGRESS_EVERY seconds in between."""

    def __init__(self, folders: list[FolderMapping], progress: Progress | None,
                 clock: Callable[[], float]) -> None:
        self.progress, self.clock = progress, clock
        self.started = self.last = clock()
        self.expected = [2 * (m.messages or 0) for m in folders]  # both mailboxes
        self.folders = folders
        self.index = 0
        self.done = self.folder_done = 0

    def begin(self, index: int) -> None:
        self.index, self.folder_done = index, 0
        self.tell()

    def expect(self, messages: int) -> None:
        """The folder's real count, once both sides are open."""
        self.expected[self.index] = messages

    def step(self) -> None:
        self.done += 1
        self.folder_done += 1
        if self.clock() - self.last >= PROGRESS_EVERY:
            self.tell()

    def end(self, check: FolderCheck) -> None:
        self.expected[self.index] = self.folder_done  # what was really there to read
        self.tell(check)

    def tell(self, finished: FolderCheck | None = None) -> None:
        if self.progress is None or not self.folders:
            return
        now = self.last = self.clock()
        elapsed = now - self.started
        total = max(sum(self.expected), self.done)
        eta = (total - self.done) * elapsed / self.done if self.done and elapsed >= 1 else None
        folder = self.folders[self.index].source
        self.progress(CheckProgress(folder, self.index + 1, len(self.folders), self.done,
                                    total, elapsed, eta, finished))


def verify(
    src: ImapConnection,
    dst: ImapConnection,
    mappings: Iterable[FolderMapping],
    max_message_size: int | None = None,
    removed: Mapping[str, set[int]] | None = None,
    include_deleted: bool = False,
    progress: Progress | None = None,
    *,
    clock: Callable[[], float] = time.monotonic,
    gmail_one_copy: bool = False,
) -> Verification:
    """`removed`: per source folder, UIDs whose copy the user removed (from the store)."""
    result = Verification()
    included = [m for m in mappings if m.include]
    meter = _Meter(included, progress, clock)
    labels = _GmailCount(src, included, gmail_one_copy)
    for index, m in enumerate(included):
        meter.begin(index)
        check = _check(src, dst, m, meter, max_message_size, removed, include_deleted, labels)
        result.folders.append(check)
        meter.end(check)
    labels.finish(result)
    return result


class _GmailCount:
    """Gmail as the old mailbox: each message counted once over its label folders (the
    move's key: X-GM-MSGID where there is one), and one copy only understood."""

    def __init__(self, src: ImapConnection, mappings: list[FolderMapping], one_copy: bool):
        self.on = src.has("X-GM-EXT-1") or any(m.unlabelled_only for m in mappings)
        self.labels = LabelCopies(mappings, self.on, one_copy)
        self.labels.loader = lambda name: gmail_ids(src, name)
        self.src = src
        self.most: Counter[Key] = Counter()  # a message's copies in the folder with most
        self.shown = self.single = 0

    def filter(self, m: FolderMapping, check: FolderCheck, entries: list[Entry]) -> list[Entry]:
        if m.source in self.labels.labels:
            self.labels.know_ids(m.source)
            elsewhere = self.labels.left_out(m, entries, self._entries)
            check.in_other_label = len(elsewhere)
            out = {id(e) for e in elsewhere}
            entries = [e for e in entries if id(e) not in out]
            keys = [self.labels.key(m.source, e) for e in entries]
            here = Counter(k for k in keys if k is not None)
            self.most.update({k: n - self.most[k] for k, n in here.items() if n > self.most[k]})
            self.shown += sum(here.values())
            self.single += len(keys) - sum(here.values())  # one label only: one message
        elif self.on and m.unlabelled_only:
            self.single += len(entries)
        return entries

    def _entries(self, folder: str) -> list[Entry]:
        sel = select(self.src, folder, readonly=True)
        return list(scan(self.src, sel.exists))

    def finish(self, result: Verification) -> None:
        if self.on:
            result.gmail_messages = sum(self.most.values()) + self.single
            result.label_copies = self.shown - sum(self.most.values())


def _check(
    src: ImapConnection,
    dst: ImapConnection,
    m: FolderMapping,
    meter: _Meter,
    max_message_size: int | None,
    removed: Mapping[str, set[int]] | None,
    include_deleted: bool,
    labels: _GmailCount,
) -> FolderCheck:
    check = FolderCheck(m.source, m.target)
    # Gmail's All Mail: what it adds is only what no label folder holds (gmail.py).
    labelled = gmail.read_labels(src, m.unlabelled_only)
    sel = select(src, m.source, readonly=True)
    src_entries = list(scan(src, sel.exists))
    if m.unlabelled_only:
        src_entries = gmail.archived(src, m, src_entries, labelled)
    check.source_count = len(src_entries)
    if max_message_size is not None:  # skipped by the user's choice, as in the move
        src_entries = [e for e in src_entries if e.size <= max_message_size]
    if not include_deleted:  # marked \Deleted: left out, as in the move
        src_entries = [e for e in src_entries if not marked_deleted(e.flags)]
    src_entries = labels.filter(m, check, src_entries)
    gone = (removed or {}).get(m.source, set())
    check.removed_by_user = sum(1 for e in src_entries if e.uid in gone)
    src_entries = [e for e in src_entries if e.uid not in gone]
    if not ops.exists(dst, m.target):
        check.target_missing = True
        check.missing = len(src_entries)
        check.missing_uids = [e.uid for e in src_entries]
        return check
    dsel = select(dst, m.target, readonly=True)
    check.target_count = dsel.exists
    dst_entries = list(scan(dst, dsel.exists))
    meter.expect(len(dst_entries) + len(src_entries))
    keywords = keywords_allowed(dsel.permanent_flags)
    theirs: dict[bytes, list[Seen]] = defaultdict(list)
    for seen in contents(dst, [e.uid for e in dst_entries], keywords):
        theirs[seen.digest].append(seen)
        meter.step()
    select(src, m.source, readonly=True)
    ours = []
    for seen in contents(src, [e.uid for e in src_entries], keywords):
        ours.append(seen)
        meter.step()
    wanted = Counter(s.digest for s in ours)
    for s in ours:
        copies = theirs.get(s.digest)
        if not copies:
            check.missing += 1
            check.missing_uids.append(s.uid)
            continue
        # Prefer a copy with the same flags and date, so a mix-up of identical
        # messages is not counted as a flag difference.
        best = next(
            (c for c in copies if c.flags == s.flags and _same_date(c.date, s.date)), copies[0]
        )
        copies.remove(best)
        if best.flags != s.flags:
            check.flags_differ += 1
            check.flag_uids.append(s.uid)
        if not _same_date(best.date, s.date):
            check.dates_differ += 1
            check.date_uids.append(s.uid)
    for digest, left in theirs.items():
        if digest in wanted:
            check.duplicated += len(left)
        else:
            check.only_in_new += len(left)
    return check


def _same_date(a: datetime | None, b: datetime | None) -> bool:
    return a is None or b is None or a == b
