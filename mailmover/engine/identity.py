"""Which destination message is the copy of which source message, one to one.

Certain evidence first, then cheaper hints (ARCHITECTURE invariant 1, docs/architecture.md):

1. The store's record: source UID -> destination (UIDVALIDITY, UID) from APPENDUID or an
   earlier match, trusted while the destination still holds that UID with the same
   fingerprint. A record whose source UID now holds another message (an old server that
   reused a UID) is about a message that is gone: ignored. One whose destination UID
   holds a message with another fingerprint is checked by content; if that differs too
   the record is wrong (a server's APPENDUID that lied) and is ignored, so the copy is
   found by the evidence below and no neighbour is taken for it.
2. The header fingerprint, when its group is one source and one destination message.
3. A digest of the normalised message, fetched only for groups with more than one
   candidate on either side: two messages sharing Message-ID, Date, From and Subject are
   told apart by their content, so one copy never stands for two sources.

What is left: source messages without a copy (to copy, unless the store says a copy was
made before and the user has since removed it) and destination messages that are the
copy of nothing (mail that arrived in the new mailbox directly).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from mailmover.engine.imap.scan import Entry
from mailmover.store import Record


@dataclass
class Matching:
    pairs: dict[int, int] = field(default_factory=dict)  # source UID -> destination UID
    certain: int = 0  # pairs known from the store's record
    by_digest: int = 0  # pairs decided by content
    unmatched_source: list[Entry] = field(default_factory=list)
    unmatched_target: list[Entry] = field(default_factory=list)
    # Source messages the store says were copied (or found) before, whose copy is gone
    # from this folder: the user deleted or moved it.
    removed: list[Entry] = field(default_factory=list)


# digest(uids) -> {uid: digest}; a UID missing from the answer has no digest (gone).
Digester = Callable[[Sequence[int]], Mapping[int, bytes]]

_HAD_COPY = frozenset({"copied", "present", "removed"})


def match(
    source: Sequence[Entry],
    target: Sequence[Entry],
    target_uidvalidity: int,
    records: Mapping[int, Record],
    source_digests: Digester,
    target_digests: Digester,
) -> Matching:
    result = Matching()
    by_uid = {e.uid: e for e in target}
    claimed: set[int] = set()
    rest: list[Entry] = []
    doubtful: list[tuple[Entry, int]] = []
    untrusted: set[int] = set()  # source UIDs whose record is not about them
    for e in source:
        rec = records.get(e.uid)
        if rec is not None and rec.fp is not None and rec.fp != e.fp:
            untrusted.add(e.uid)
            rest.append(e)
            continue
        t = rec.target_uid if rec is not None else None
        if (
            rec is not None
            and t is not None
            and rec.target_uidvalidity == target_uidvalidity
            and t in by_uid
            and t not in claimed
        ):
            if by_uid[t].fp == e.fp:
                result.pairs[e.uid] = t
                claimed.add(t)
                result.certain += 1
            else:
                doubtful.append((e, t))
        else:
            rest.append(e)
    if doubtful:
        rest += _check_records(doubtful, claimed, result, untrusted, source_digests, target_digests)

    src_groups: dict[bytes, list[Entry]] = defaultdict(list)
    for e in rest:
        src_groups[e.fp].append(e)
    dst_groups: dict[bytes, list[Entry]] = defaultdict(list)
    for d in target:
        if d.uid not in claimed:
            dst_groups[d.fp].append(d)

    ambiguous: list[bytes] = []
    for fp, srcs in src_groups.items():
        dsts = dst_groups.get(fp, [])
        if not dsts:
            continue
        if len(srcs) == 1 and len(dsts) == 1:
            result.pairs[srcs[0].uid] = dsts[0].uid
            claimed.add(dsts[0].uid)
        else:
            ambiguous.append(fp)

    if ambiguous:
        s_uids = [e.uid for fp in ambiguous for e in src_groups[fp]]
        d_uids = [d.uid for fp in ambiguous for d in dst_groups[fp]]
        s_dig = source_digests(s_uids)
        d_dig = target_digests(d_uids)
        for fp in ambiguous:
            free: dict[bytes, list[int]] = defaultdict(list)
            for d in dst_groups[fp]:
                if d.uid in d_dig:
                    free[d_dig[d.uid]].append(d.uid)
            for e in src_groups[fp]:
                digest = s_dig.get(e.uid)
                if digest is not None and free.get(digest):
                    t = free[digest].pop(0)
                    result.pairs[e.uid] = t
                    claimed.add(t)
                    result.by_digest += 1

    for e in rest:
        if e.uid in result.pairs:
            continue
        rec = records.get(e.uid)
        if (
            rec is not None
            and e.uid not in untrusted
            and rec.state in _HAD_COPY
            and rec.target_uid is not None
        ):
            result.removed.append(e)
        else:
            result.unmatched_source.append(e)
    result.unmatched_target = [d for d in target if d.uid not in claimed]
    return result


def _check_records(
    doubtful: list[tuple[Entry, int]],
    claimed: set[int],
    result: Matching,
    untrusted: set[int],
    source_digests: Digester,
    target_digests: Digester,
) -> list[Entry]:
    """Records whose destination message has another fingerprint: kept where the
    content agrees (a server that rewrote those headers), else ignored. Returns the
    source messages left to match by the other evidence."""
    s_dig = source_digests([e.uid for e, _ in doubtful])
    d_dig = target_digests([t for _, t in doubtful])
    left: list[Entry] = []
    for e, t in doubtful:
        digest = s_dig.get(e.uid)
        if digest is not None and digest == d_dig.get(t) and t not in claimed:
            result.pairs[e.uid] = t
            claimed.add(t)
            result.certain += 1
        else:
            untrusted.add(e.uid)
            left.append(e)
    return left


def flag_set(flags: Iterable[bytes]) -> frozenset[bytes]:
    """Flags compared the way servers treat them: case-insensitive, \\Recent ignored."""
    return frozenset(f.upper() for f in flags if f.upper() != b"\\RECENT")
