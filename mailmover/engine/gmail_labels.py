"""Gmail as the old mailbox: a message in several labels is downloaded and stored once.

On Gmail one message shows in every folder of its labels (INBOX, Work, …) with the same
bytes, flags and date. A mail program shows it in each of those folders, so by default
the move puts a copy in each of them too, but it downloads and APPENDs it only once:
the first label folder to copy it does so; every other label folder of the move gets it
by `UID COPY` on the destination, from the copy already there (no second download or
upload, and nothing of the daily budget). The report counts those as `label_copies`,
apart from `copied`, so nobody takes them for duplicates. With `--gmail-one-copy` a
message lands only in its first label folder (listing order, INBOX last); its other
label folders leave it out (skipped, with that reason); Sent and Drafts come first,
INBOX last.

The same message is known by Gmail's X-GM-MSGID where the server has X-GM-EXT-1 (real
Gmail always has): then only the messages with more than one label (X-GM-LABELS) are
remembered for the run, so its memory does not grow with the mailbox. Without it (a
server that only shows `\\All`) by its header fingerprint, size and flags, and every
label message is remembered. What cannot be matched is simply copied the usual way,
which is never wrong, only slower. All Mail's archived messages, Spam and Trash
are no labels here.

Gmail as the new mailbox (`into_gmail`): a folder there is a label, so a message that
several old folders hold with the same bytes is APPENDed once and given its other
labels by COPY (Gmail would drop a second APPEND of it). The old server is no Gmail:
its folders' copies of a message may differ, so the match by fingerprint and size is
confirmed by the content digest of both copies (downloaded from the old server, which
has no daily limit) before a COPY stands for an upload.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mailmover.engine import errors
from mailmover.engine.events import COPIED, PRESENT, SKIPPED
from mailmover.engine.folders import JUNK, TRASH, FolderMapping
from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.gmail_ext import gmail_meta
from mailmover.engine.imap.scan import Entry, select
from mailmover.engine.messages import flags_to_copy

Key = tuple[bytes, int, frozenset[bytes]]  # (fingerprint, size, flags) or (b"gm", X-GM-MSGID, ())
Where = tuple[str, int]  # a source message: (folder, UID)
Digests = Callable[[str, Sequence[int]], dict[int, bytes]]
_BATCH = 500  # UIDs per COPY


@dataclass(frozen=True, slots=True)
class StoredCopy:
    """Where the destination already holds a message: folder, UIDVALIDITY, UID."""

    folder: str
    uidvalidity: int
    uid: int


class LabelCopies:
    """For one run: where the destination holds each label message, which messages wait
    in the current group for their first copy, and (one-copy) each label folder's."""

    def __init__(
        self,
        mappings: Sequence[FolderMapping],
        gmail: bool,
        one_copy: bool,
        *,
        into_gmail: bool = False,
    ) -> None:
        labels = [
            m.source
            for m in mappings
            if gmail and m.include and not m.unlabelled_only and m.role not in (TRASH, JUNK)
        ]
        # Into Gmail every folder is a label; from Gmail only its label folders are.
        self.labels = {m.source for m in mappings if m.include} if into_gmail else set(labels)
        self.by_flags = gmail  # Gmail serves one message with the same flags everywhere
        self.confirm = into_gmail and not gmail  # other servers' copies may differ
        # --gmail-one-copy: the first label folder holding a message keeps it: Sent and
        # Drafts first (a sent message stays in Sent), then the user's labels in listing
        # order, INBOX last.
        roles = {m.source: m.role for m in mappings}
        self.order = sorted(
            labels,
            key=lambda n: 2 if n.upper() == "INBOX" else 0 if roles.get(n) else 1,
        )
        self.only_first = one_copy and gmail
        self.placed: dict[Where, StoredCopy] = {}
        self.stored: dict[Key, Where] = {}  # a message placed at the destination
        self._claimed: dict[Key, Where] = {}  # this group: the first copy of it
        self._waiting: dict[str, list[tuple[Entry, Where]]] = {}  # this group: to COPY
        self._keys: dict[str, set[Key]] = {}
        # X-GM-EXT-1: per label folder, the X-GM-MSGID of its messages with more than one
        # label (only those can need a label copy: the run keeps nothing of the others).
        self._ids: dict[str, dict[int, int]] = {}
        self.loader: Callable[[str], dict[int, tuple[int, int]]] | None = None

    def key(self, folder: str, e: Entry) -> Key | None:
        """One message, as each of its folders serves it: Gmail's X-GM-MSGID where the
        server has X-GM-EXT-1 (certain; None for a message with one label only, which
        never needs a label copy), else its headers, size and flags."""
        ids = self._ids.get(folder)
        if ids:
            gm = ids.get(e.uid)
            return (b"gm", gm, frozenset()) if gm is not None else None
        flags = frozenset(f.upper() for f in e.flags if f.upper() != b"\\RECENT")
        return e.fp, e.size, flags if self.by_flags else frozenset()

    def know_ids(self, folder: str) -> None:
        """X-GM-MSGID of a label folder's messages with several labels, once per run and
        folder, through `loader` (set by the caller while it holds the source connection).
        A folder whose server gives no ids is known by headers instead."""
        if self.loader is not None and self.by_flags and folder not in self._ids:
            found = self.loader(folder)
            multi = {uid: gm for uid, (gm, labels) in found.items() if labels > 1}
            # {0: 0}: the server has ids, none of this folder's messages has two labels.
            self._ids[folder] = multi or ({0: 0} if found else {})

    def begin_group(self) -> None:
        self._claimed.clear()
        self._waiting.clear()

    # -- what the destination holds ---------------------------------------------------
    def _place(self, source: str, e: Entry, at: StoredCopy) -> None:
        k = self.key(source, e)
        if k is not None:
            self.placed[(source, e.uid)] = at
            self.stored.setdefault(k, (source, e.uid))

    def learn_rows(
        self,
        m: FolderMapping,
        target: str,
        entries: Sequence[Entry],
        rows: Sequence[dict[str, Any]],
    ) -> None:
        """After a folder was reconciled: its copies at the destination."""
        if m.source not in self.labels:
            return
        self.know_ids(m.source)
        by_uid = {e.uid: e for e in entries}
        for r in rows:
            e = by_uid.get(r["uid"])
            tuid, tuv = r.get("target_uid"), r.get("target_uidvalidity")
            if e is not None and r["state"] in (COPIED, PRESENT) and tuid and tuv:
                self._place(m.source, e, StoredCopy(target, int(tuv), int(tuid)))

    def learn_copy(
        self, source: str, target: str, uidvalidity: int, e: Entry, uid: int | None
    ) -> None:
        """A message APPENDed during the copy (its new UID from APPENDUID)."""
        if source in self.labels and uid is not None:
            self._place(source, e, StoredCopy(target, uidvalidity, uid))

    # -- deciding ------------------------------------------------------------------------
    def left_out(
        self, m: FolderMapping, entries: Sequence[Entry], read: Callable[[str], list[Entry]]
    ) -> list[Entry]:
        """--gmail-one-copy: the messages of `m` a label folder before it also holds."""
        if not self.only_first or m.source not in self.order:
            return []
        before: set[Key] = set()
        for name in self.order[: self.order.index(m.source)]:
            if name not in self._keys:
                try:
                    self.know_ids(name)
                    keys = (self.key(name, e) for e in read(name))
                    self._keys[name] = {k for k in keys if k is not None}
                except faults.FolderFault as fault:
                    if fault.code != errors.FOLDER_MISSING:
                        raise
                    self._keys[name] = set()
            before |= self._keys[name]
        return [e for e in entries if (k := self.key(m.source, e)) is not None and k in before]

    def one_copy(
        self, m: FolderMapping, entries: list[Entry], read: Callable[[str], list[Entry]]
    ) -> tuple[list[Entry], list[dict[str, Any]]]:
        """--gmail-one-copy: (what `m` copies, the store's rows of what it leaves out)."""
        left = self.left_out(m, entries, read)
        if not left:
            return entries, []
        rows: list[dict[str, Any]] = [
            {"uid": e.uid, "fp": e.fp, "state": SKIPPED, "size": e.size,
             "reason": errors.GMAIL_OTHER_LABEL}
            for e in left
        ]  # fmt: skip
        out = {id(e) for e in left}
        return [e for e in entries if id(e) not in out], rows

    def split(
        self,
        m: FolderMapping,
        target: str,
        entries: Sequence[Entry],
        digests: Digests | None = None,
    ) -> list[Entry]:
        """The messages of `m` to download; the others wait for `copy_waiting` (held by
        another folder of the destination, or copied by an earlier folder of the group).
        `digests` (folder, UIDs -> content digests) confirms a match where needed."""
        if m.source not in self.labels:
            return list(entries)
        now: list[Entry] = []
        maybe: list[tuple[Entry, Where]] = []
        for e in entries:
            k = self.key(m.source, e)
            if k is None:
                now.append(e)  # one label only: no other folder of the move wants it
                continue
            first = self.stored.get(k)
            if first is not None and self.placed[first].folder == target:
                first = None  # a genuine duplicate in its own folder: copied as usual
            if first is None:
                claim = self._claimed.get(k)
                first = claim if claim is not None and claim[0] != m.source else None
            if first is None:
                self._claimed.setdefault(k, (m.source, e.uid))
                now.append(e)
            else:
                maybe.append((e, first))
        if self.confirm and maybe:
            same = _same_bytes(m.source, maybe, digests)
            now.extend(e for e, _ in maybe if id(e) not in same)
            maybe = [(e, w) for e, w in maybe if id(e) in same]
        if maybe:
            self._waiting[m.source] = maybe
        return now

    def waiting(self, source: str) -> bool:
        return bool(self._waiting.get(source))

    def waiting_entries(self, source: str) -> list[Entry]:
        return [e for e, _ in self._waiting.get(source, [])]

    # -- copying ---------------------------------------------------------------------------
    def copy_waiting(
        self, dst: ImapConnection, source: str, target: str, keywords: bool
    ) -> list[dict[str, Any]]:
        """COPY on the destination what `source` waits for; the store's rows of what
        was copied. A message whose first copy did not happen (failed, or held for
        tomorrow's budget) stays pending: the next run does it."""
        rounds: list[dict[tuple[str, int], dict[int, Entry]]] = []
        for e, first in self._waiting.pop(source, []):
            at = self.placed.get(first)
            if at is None or at.folder == target:
                continue
            where = (at.folder, at.uidvalidity)
            for r in rounds:  # each UID once per COPY (genuine duplicates: another round)
                if at.uid not in r.setdefault(where, {}):
                    r[where][at.uid] = e
                    break
            else:
                rounds.append({where: {at.uid: e}})
        rows: list[dict[str, Any]] = []
        for r in rounds:
            for (folder, uidvalidity), by_uid in r.items():
                if by_uid:
                    rows.extend(_copy(dst, folder, uidvalidity, by_uid, target, keywords))
        return rows


_VIEWS = ("\\Important", "\\Starred")  # labels that are no folder of the move


def gmail_ids(conn: ImapConnection, folder: str) -> dict[int, tuple[int, int]]:
    """UID -> (X-GM-MSGID, how many label folders show it) of a folder's messages ({}
    without X-GM-EXT-1, or when refused)."""
    try:
        return {
            uid: (g.msgid, sum(1 for x in g.labels if x not in _VIEWS))
            for uid, g in gmail_meta(conn, folder).items()
        }
    except (faults.FolderFault, faults.MessageFault):
        return {}


def _same_bytes(
    source: str, maybe: Sequence[tuple[Entry, Where]], digests: Digests | None
) -> set[int]:
    """ids of the entries whose content digest equals their first copy's."""
    if digests is None:
        return set()
    mine = digests(source, [e.uid for e, _ in maybe])
    firsts: dict[str, list[int]] = {}
    for _, (folder, uid) in maybe:
        firsts.setdefault(folder, []).append(uid)
    theirs: dict[Where, bytes] = {}
    for folder, uids in firsts.items():
        theirs.update(((folder, uid), d) for uid, d in digests(folder, uids).items())
    return {
        id(e) for e, first in maybe if e.uid in mine and mine[e.uid] == theirs.get(first)
    }


def _copy(
    dst: ImapConnection,
    folder: str,
    uidvalidity: int,
    by_uid: dict[int, Entry],
    target: str,
    keywords: bool,
) -> list[dict[str, Any]]:
    try:
        sel = select(dst, folder, readonly=True)
    except faults.FolderFault:
        return []  # deleted by the user meanwhile: the next run copies them
    if sel.uidvalidity != uidvalidity:
        return []
    rows: list[dict[str, Any]] = []
    uids = sorted(by_uid)
    for i in range(0, len(uids), _BATCH):
        part = uids[i : i + _BATCH]
        tuv, new = ops.copy_uids(dst, part, target)
        for uid in part:
            e = by_uid[uid]
            if tuv is not None and uid not in new:
                continue  # gone from the destination: the next run copies it as usual
            rows.append(
                {
                    "uid": e.uid,
                    "fp": e.fp,
                    "state": COPIED,
                    "size": e.size,
                    "target_uid": new.get(uid),
                    "target_uidvalidity": tuv,
                    "flags": tuple(flags_to_copy(e.flags, keywords)),
                }
            )
    return rows
