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

`known`, if given (the progress store's digests: Store.digests), is what the move read of
each old message and hashed as it copied it. A message's content under one UID and
UIDVALIDITY never changes (RFC 3501), so for those the old mailbox is not read again:
only their flags and dates are, and the new mailbox is read in full as ever.

`progress`, if given, hears where the check is (CheckProgress: folder n of N, messages
read on both sides, time left, each folder's result as it ends), on the caller's thread.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from mailmover.engine import errors, gmail
from mailmover.engine.folders import FolderMapping
from mailmover.engine.gmail_labels import Key, LabelCopies, gmail_ids
from mailmover.engine.identity import flag_set
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.faults import FolderFault
from mailmover.engine.imap.scan import Entry, fetch_batches, scan, select
from mailmover.engine.messages import flags_to_copy, keywords_allowed, marked_deleted
from mailmover.engine.verify_progress import CheckProgress, Known, Meter, Progress
from mailmover.engine.verify_read import Seen, contents

__all__ = ["CheckProgress", "FolderCheck", "Verification", "verify"]

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


def verify(
    src: ImapConnection,
    dst: ImapConnection,
    mappings: Iterable[FolderMapping],
    max_message_size: int | None = None,
    removed: Mapping[str, set[int]] | None = None,
    include_deleted: bool = False,
    progress: Progress | None = None,
    *,
    known: Known | None = None,
    clock: Callable[[], float] = time.monotonic,
    gmail_one_copy: bool = False,
) -> Verification:
    """`removed`: per source folder, UIDs whose copy the user removed (from the store);
    `known`: per source folder, UID -> (UIDVALIDITY, digest) the move recorded.

    Each folder's old side is read on a second thread while the new side is read here
    (two connections: `src` is used only there, `dst` only here), so the check takes
    about as long as the longer of the two."""
    result = Verification()
    included = [m for m in mappings if m.include]
    meter = Meter(included, progress, clock, known or {})
    choice = _Choice(max_message_size, removed or {}, include_deleted)
    labels = _GmailCount(src, included, gmail_one_copy)  # on the old side's thread only
    with ThreadPoolExecutor(1, thread_name_prefix="verify-old") as old_side:
        for index, m in enumerate(included):
            meter.begin(index)
            hashed = (known or {}).get(m.source, {})
            reading = old_side.submit(_old_side, src, m, choice, hashed, meter, labels)
            try:
                new = _new_side(dst, m, meter)
            except BaseException:
                wait([reading])  # never leave the old connection busy on its thread
                raise
            check = _compare(m, reading.result(), new)
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


@dataclass(frozen=True)
class _Choice:
    max_message_size: int | None
    removed: Mapping[str, set[int]]
    include_deleted: bool


@dataclass
class _Old:
    check: FolderCheck  # what the old side says: source_count, removed_by_user, Gmail's
    wanted: list[int] = field(default_factory=list)  # UIDs that should have a copy
    seen: list[Seen] = field(default_factory=list)  # flags with keywords, as read


@dataclass
class _New:
    missing: bool = False
    count: int = 0
    keywords: bool = True
    seen: list[Seen] = field(default_factory=list)


def _old_side(src: ImapConnection, m: FolderMapping, choice: _Choice,
              hashed: Mapping[int, tuple[int, bytes]], meter: Meter,
              labels: _GmailCount) -> _Old:
    """The old folder: what it holds, read in full unless the move hashed it (on the
    old side's thread)."""
    out = _Old(FolderCheck(m.source, m.target))
    # Gmail's All Mail: what it adds is only what no label folder holds (gmail.py).
    labelled = gmail.read_labels(src, m.unlabelled_only)
    sel = select(src, m.source, readonly=True)
    entries = list(scan(src, sel.exists))
    if m.unlabelled_only:
        entries = gmail.archived(src, m, entries, labelled)
    out.check.source_count = len(entries)
    if choice.max_message_size is not None:  # skipped by the user's choice, as in the move
        entries = [e for e in entries if e.size <= choice.max_message_size]
    if not choice.include_deleted:  # marked \Deleted: left out, as in the move
        entries = [e for e in entries if not marked_deleted(e.flags)]
    entries = labels.filter(m, out.check, entries)  # may open other label folders
    gone = choice.removed.get(m.source, set())
    out.check.removed_by_user = sum(1 for e in entries if e.uid in gone)
    entries = [e for e in entries if e.uid not in gone]
    out.wanted = [e.uid for e in entries]
    # What the move hashed under this UIDVALIDITY is not read again; the rest is.
    known = {e.uid: hashed[e.uid][1] for e in entries
             if e.uid in hashed and hashed[e.uid][0] == sel.uidvalidity}
    if src.selected != m.source:  # Gmail's labels opened another folder meanwhile
        select(src, m.source, readonly=True)
    out.seen = _already_hashed(src, [e for e in entries if e.uid in known], known)
    meter.expect(old=len(entries) - len(known))
    for seen in contents(src, [e.uid for e in entries if e.uid not in known], True):
        out.seen.append(seen)
        meter.step(old=True)
    return out


def _new_side(dst: ImapConnection, m: FolderMapping, meter: Meter) -> _New:
    out = _New()
    try:
        dsel = select(dst, m.target, readonly=True)
    except FolderFault as fault:
        if fault.code != errors.FOLDER_MISSING:
            raise
        out.missing = True
        return out
    out.count = dsel.exists
    entries = list(scan(dst, dsel.exists))
    out.keywords = keywords_allowed(dsel.permanent_flags)
    meter.expect(new=len(entries))
    for seen in contents(dst, [e.uid for e in entries], out.keywords):
        out.seen.append(seen)
        meter.step()
    return out


def _compare(m: FolderMapping, old: _Old, new: _New) -> FolderCheck:
    check = old.check
    if new.missing:
        check.target_missing = True
        check.missing = len(old.wanted)
        check.missing_uids = list(old.wanted)
        return check
    check.target_count = new.count
    theirs: dict[bytes, list[Seen]] = defaultdict(list)
    for seen in new.seen:
        theirs[seen.digest].append(seen)
    # The old side was read with keywords; without them at the destination, as the move.
    ours = old.seen if new.keywords else [
        replace(s, flags=frozenset(f for f in s.flags if f.startswith(b"\\")))
        for s in old.seen]
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


def _already_hashed(src: ImapConnection, entries: list[Entry],
                    digests: Mapping[int, bytes]) -> list[Seen]:
    """Messages of the selected old folder whose content the move hashed: their flags
    (as scanned) and dates (one light FETCH), with the recorded digest."""
    out = []
    by_uid = {e.uid: e for e in entries}
    for uid, item in fetch_batches(src, list(by_uid), (b"INTERNALDATE",), max_count=500):
        when = item.get(b"INTERNALDATE")
        flags = flag_set(flags_to_copy(by_uid[uid].flags, True))
        out.append(Seen(uid, digests[uid], flags, when if isinstance(when, datetime) else None))
    return out


def _same_date(a: datetime | None, b: datetime | None) -> bool:
    return a is None or b is None or a == b
