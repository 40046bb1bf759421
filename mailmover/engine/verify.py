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
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
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
    # Gmail as the old mailbox: its messages in the label folders checked, each once,
    # and how many more times they show in other label folders (not duplicates).
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
    gmail_one_copy: bool = False,
) -> Verification:
    """`removed`: per source folder, UIDs whose copy the user removed (from the store)."""
    result = Verification()
    mappings = list(mappings)
    gmail_source = src.has("X-GM-EXT-1") or any(m.unlabelled_only for m in mappings)
    labels = LabelCopies(mappings, gmail_source, gmail_one_copy)
    labels.loader = lambda name: gmail_ids(src, name)
    most: Counter[Key] = Counter()  # a message's copies in the one folder with most
    shown = archived = 0
    for m in mappings:
        if not m.include:
            continue
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
        if m.source in labels.labels:
            elsewhere = labels.left_out(m, src_entries, lambda name: _entries(src, name))
            check.in_other_label = len(elsewhere)
            out = {id(e) for e in elsewhere}
            src_entries = [e for e in src_entries if id(e) not in out]
            labels.know_ids(m.source)
            here = Counter(labels.key(m.source, e) for e in src_entries)
            most.update({k: n - most[k] for k, n in here.items() if n > most[k]})
            shown += len(src_entries)
            select(src, m.source, readonly=True)
        elif gmail_source and m.unlabelled_only:
            archived += len(src_entries)
        gone = (removed or {}).get(m.source, set())
        check.removed_by_user = sum(1 for e in src_entries if e.uid in gone)
        src_entries = [e for e in src_entries if e.uid not in gone]
        if not ops.exists(dst, m.target):
            check.target_missing = True
            check.missing = len(src_entries)
            check.missing_uids = [e.uid for e in src_entries]
            result.folders.append(check)
            continue
        dsel = select(dst, m.target, readonly=True)
        check.target_count = dsel.exists
        dst_entries = list(scan(dst, dsel.exists))
        keywords = keywords_allowed(dsel.permanent_flags)
        theirs: dict[bytes, list[Seen]] = defaultdict(list)
        for seen in contents(dst, [e.uid for e in dst_entries], keywords):
            theirs[seen.digest].append(seen)
        select(src, m.source, readonly=True)
        ours = list(contents(src, [e.uid for e in src_entries], keywords))
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
        result.folders.append(check)
    if gmail_source:
        result.gmail_messages = sum(most.values()) + archived
        result.label_copies = shown - sum(most.values())
    return result


def _entries(conn: ImapConnection, folder: str) -> list[Entry]:
    sel = select(conn, folder, readonly=True)
    return list(scan(conn, sel.exists))


def _same_date(a: datetime | None, b: datetime | None) -> bool:
    return a is None or b is None or a == b
