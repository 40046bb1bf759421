"""Reconcile one folder: decide, for every source message, what this run does with it.

Input: both sides' message lists (read by scan) and the store's records. Output: the
messages to copy and a row per message for the store, decided by identity.match, plus the
flag changes to carry (ARCHITECTURE invariant 6, README "Changes between runs"):

- a copy the user deleted or moved away in the new mailbox is not brought back (state
  `removed`), unless `restore_removed`;
- flags changed on the old server since the copy are carried to the copy, unless the
  copy's flags were changed in the new mailbox since (the store keeps flags as copied);
- new mail on the old server is copied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mailmover.engine import errors
from mailmover.engine.digest import content_digest
from mailmover.engine.events import PRESENT, REMOVED, SKIPPED
from mailmover.engine.identity import Matching, flag_set, match
from mailmover.engine.imap import ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, fetch_batches, select
from mailmover.engine.messages import flags_to_copy, marked_deleted
from mailmover.store import Record


@dataclass
class FlagChange:
    target_uid: int
    add: frozenset[bytes]
    remove: frozenset[bytes]
    now: tuple[bytes, ...]  # the copy's flags afterwards, as recorded


@dataclass
class Decision:
    matching: Matching
    to_copy: list[Entry] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # for Store.record
    present: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    flag_changes: dict[int, FlagChange] = field(default_factory=dict)  # by source UID


def decide(
    source: Sequence[Entry],
    target: Sequence[Entry],
    target_uidvalidity: int,
    records: Mapping[int, Record],
    *,
    src: ImapConnection,
    dst: ImapConnection,
    source_folder: str,
    target_folder: str,
    keywords: bool,
    max_message_size: int | None = None,
    include_deleted: bool = False,
    restore_removed: bool = False,
    elsewhere: Callable[[], Counter[bytes]] | None = None,
) -> Decision:
    """`elsewhere`: fingerprints held by the destination's other folders, asked for only
    when restoring removed copies, so a copy the user moved is not brought back."""
    matching = match(
        source,
        target,
        target_uidvalidity,
        records,
        lambda uids: fetch_digests(src, source_folder, uids),
        lambda uids: fetch_digests(dst, target_folder, uids),
    )
    d = Decision(matching)
    removed = {e.uid for e in matching.removed}
    if restore_removed and removed:
        moved = Counter(elsewhere()) if elsewhere is not None else Counter()
        for e in matching.removed:
            if moved[e.fp] > 0:
                moved[e.fp] -= 1  # found in another folder: moved, not deleted
            else:
                removed.discard(e.uid)  # deleted: this run copies it again
    by_target_uid = {e.uid: e for e in target}
    for e in source:
        t_uid = matching.pairs.get(e.uid)
        if t_uid is not None:
            copy = by_target_uid[t_uid]
            d.present.append(e)
            rec = records.get(e.uid)
            as_copied = rec.flags if rec is not None else None
            now = tuple(flags_to_copy(copy.flags, keywords))
            change = _flag_change(e, copy, as_copied, keywords)
            if change is not None:
                d.flag_changes[e.uid] = change
                now = change.now
            elif as_copied is not None and flag_set(now) != flag_set(as_copied):
                now = as_copied  # the user changed the copy: keep what we copied as ours
            d.rows.append(
                {
                    "uid": e.uid,
                    "fp": e.fp,
                    "state": rec.state if rec is not None and rec.state == "copied" else PRESENT,
                    "size": e.size,
                    "target_uid": t_uid,
                    "target_uidvalidity": target_uidvalidity,
                    "flags": now,
                }
            )
        elif e.uid in removed:
            d.removed.append(e)
            rec = records[e.uid]
            d.rows.append(
                {
                    "uid": e.uid,
                    "fp": e.fp,
                    "state": REMOVED,
                    "size": e.size,
                    "target_uid": rec.target_uid,
                    "target_uidvalidity": rec.target_uidvalidity,
                    "flags": rec.flags,
                }
            )
        elif max_message_size is not None and e.size > max_message_size:
            d.skipped.append(e)
            d.rows.append(
                {
                    "uid": e.uid,
                    "fp": e.fp,
                    "state": SKIPPED,
                    "size": e.size,
                    "reason": errors.MESSAGE_SKIPPED_SIZE,
                }
            )
        elif not include_deleted and marked_deleted(e.flags):
            d.skipped.append(e)
            d.rows.append(
                {
                    "uid": e.uid,
                    "fp": e.fp,
                    "state": SKIPPED,
                    "size": e.size,
                    "reason": errors.MESSAGE_SKIPPED_DELETED,
                }
            )
        else:
            d.to_copy.append(e)
    return d


def _flag_change(
    source: Entry, copy: Entry, as_copied: tuple[bytes, ...] | None, keywords: bool
) -> FlagChange | None:
    """Carry a change made on the old side, unless the copy was changed by the user."""
    if as_copied is None:
        return None  # no record of the flags as copied: nothing certain to compare with
    recorded = flag_set(flags_to_copy(as_copied, keywords))
    wanted = flag_set(flags_to_copy(source.flags, keywords))
    have = flag_set(flags_to_copy(copy.flags, keywords))
    if wanted == recorded or have != recorded:
        return None
    add, remove = wanted - recorded, recorded - wanted
    original = {f.upper(): f for f in (*source.flags, *copy.flags)}
    now = tuple(sorted(original.get(f, f) for f in wanted))
    return FlagChange(
        copy.uid,
        frozenset(original.get(f, f) for f in add),
        frozenset(original.get(f, f) for f in remove),
        now,
    )


def apply_flag_changes(dst: ImapConnection, folder: str, changes: Sequence[FlagChange]) -> None:
    """UID STORE +FLAGS/-FLAGS on the copies: only the difference, so flags the user or
    the server added that we do not carry (e.g. \\Deleted) stay as they are."""
    if not changes:
        return
    select(dst, folder, readonly=False)
    for c in changes:
        ops.store_flags(dst, [c.target_uid], add=sorted(c.add), remove=sorted(c.remove))


def fetch_digests(conn: ImapConnection, folder: str, uids: Sequence[int]) -> dict[int, bytes]:
    """Content digests of a few messages (those whose headers collide), fetched in
    batches of bounded size; a UID that is gone has no entry."""
    if not uids:
        return {}
    select(conn, folder, readonly=True)
    out: dict[int, bytes] = {}
    for uid, item in fetch_batches(conn, uids, (b"BODY.PEEK[]",), max_count=20):
        raw = item.get(b"BODY[]")
        if isinstance(raw, bytes):
            out[uid] = content_digest(raw)
    return out
