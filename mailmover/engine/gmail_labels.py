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

The same message is known by its header fingerprint, size and flags (Gmail serves it
alike in every label folder); what this module cannot match is simply copied the usual
way, which is never wrong, only slower. All Mail's archived messages, Spam and Trash
are no labels here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mailmover.engine import errors
from mailmover.engine.events import COPIED, PRESENT
from mailmover.engine.folders import JUNK, TRASH, FolderMapping
from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, select
from mailmover.engine.messages import flags_to_copy

Key = tuple[bytes, int, frozenset[bytes]]
_BATCH = 500  # UIDs per COPY


def key(e: Entry) -> Key:
    """One Gmail message, as each of its label folders serves it."""
    return e.fp, e.size, frozenset(f.upper() for f in e.flags if f.upper() != b"\\RECENT")


@dataclass(frozen=True)
class StoredCopy:
    """Where the destination already holds a message: folder, UIDVALIDITY, UID."""

    folder: str
    uidvalidity: int
    uid: int


class LabelCopies:
    """For one run: which label messages the destination already holds, which wait in
    the current group for their first copy, and (one-copy) each label folder's messages."""

    def __init__(self, mappings: Sequence[FolderMapping], gmail: bool, one_copy: bool) -> None:
        labels = [
            m.source
            for m in mappings
            if gmail and m.include and not m.unlabelled_only and m.role not in (TRASH, JUNK)
        ]
        self.labels = set(labels)
        # --gmail-one-copy: the first label folder holding a message keeps it: Sent and
        # Drafts first (a sent message stays in Sent), then the user's labels in listing
        # order, INBOX last.
        roles = {m.source: m.role for m in mappings}
        self.order = sorted(
            labels, key=lambda n: 2 if n.upper() == "INBOX" else 0 if roles.get(n) else 1
        )
        self.one_copy = one_copy
        self.stored: dict[Key, StoredCopy] = {}
        self._claimed: dict[Key, str] = {}  # this group: the folder that copies it
        self._waiting: dict[str, list[Entry]] = {}  # this group: source folder -> to COPY
        self._keys: dict[str, set[Key]] = {}

    def begin_group(self) -> None:
        self._claimed.clear()
        self._waiting.clear()

    # -- what the destination holds ---------------------------------------------------
    def learn_rows(
        self,
        m: FolderMapping,
        target: str,
        entries: Sequence[Entry],
        rows: Sequence[dict[str, Any]],
    ) -> None:
        """After a label folder was reconciled: its copies at the destination."""
        if m.source not in self.labels:
            return
        by_uid = {e.uid: e for e in entries}
        for r in rows:
            e = by_uid.get(r["uid"])
            tuid, tuv = r.get("target_uid"), r.get("target_uidvalidity")
            if e is not None and r["state"] in (COPIED, PRESENT) and tuid and tuv:
                self.stored.setdefault(key(e), StoredCopy(target, int(tuv), int(tuid)))

    def learn_copy(
        self, source: str, target: str, uidvalidity: int, e: Entry, uid: int | None
    ) -> None:
        """A message APPENDed during the copy (its new UID from APPENDUID)."""
        if source in self.labels and uid is not None:
            self.stored.setdefault(key(e), StoredCopy(target, uidvalidity, uid))

    # -- deciding ------------------------------------------------------------------------
    def left_out(
        self, m: FolderMapping, entries: Sequence[Entry], read: Callable[[str], list[Entry]]
    ) -> list[Entry]:
        """--gmail-one-copy: the messages of `m` a label folder before it also holds."""
        if not self.one_copy or m.source not in self.labels:
            return []
        before: set[Key] = set()
        for name in self.order[: self.order.index(m.source)]:
            if name not in self._keys:
                try:
                    self._keys[name] = {key(e) for e in read(name)}
                except faults.FolderFault as fault:
                    if fault.code != errors.FOLDER_MISSING:
                        raise
                    self._keys[name] = set()
            before |= self._keys[name]
        return [e for e in entries if key(e) in before]

    def split(self, m: FolderMapping, target: str, entries: Sequence[Entry]) -> list[Entry]:
        """The messages of `m` to download; the others wait for `copy_waiting` (held by
        another folder of the destination, or copied by an earlier folder of the group)."""
        if m.source not in self.labels:
            return list(entries)
        now: list[Entry] = []
        waiting: list[Entry] = []
        for e in entries:
            k = key(e)
            at = self.stored.get(k)
            if (at is not None and at.folder != target) or self._claimed.get(k, m.source) != (
                m.source
            ):
                waiting.append(e)
            else:
                self._claimed.setdefault(k, m.source)
                now.append(e)
        if waiting:
            self._waiting[m.source] = waiting
        return now

    def waiting(self, source: str) -> bool:
        return bool(self._waiting.get(source))

    # -- copying ---------------------------------------------------------------------------
    def copy_waiting(
        self, dst: ImapConnection, source: str, target: str, keywords: bool
    ) -> list[dict[str, Any]]:
        """COPY on the destination what `source` waits for; the store's rows of what
        was copied. A message whose first copy did not happen (failed, or held for
        tomorrow's budget) stays pending: the next run does it."""
        rounds: list[dict[tuple[str, int], dict[int, list[Entry]]]] = []
        for e in self._waiting.pop(source, []):
            at = self.stored.get(key(e))
            if at is None or at.folder == target:
                continue
            where = (at.folder, at.uidvalidity)
            for r in rounds:  # each UID once per COPY (genuine duplicates: another round)
                if at.uid not in r.setdefault(where, {}):
                    r[where][at.uid] = [e]
                    break
            else:
                rounds.append({where: {at.uid: [e]}})
        rows: list[dict[str, Any]] = []
        for r in rounds:
            for (folder, uidvalidity), by_uid in r.items():
                if not by_uid:
                    continue
                try:
                    sel = select(dst, folder, readonly=True)
                except faults.FolderFault:
                    continue  # deleted by the user meanwhile: the next run copies them
                if sel.uidvalidity != uidvalidity:
                    continue
                uids = sorted(by_uid)
                for i in range(0, len(uids), _BATCH):
                    part = uids[i : i + _BATCH]
                    tuv, new = ops.copy_uids(dst, part, target)
                    for uid in part:
                        e = by_uid[uid][0]
                        if tuv is not None and uid not in new:
                            continue  # gone from the destination: copied the usual way
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
