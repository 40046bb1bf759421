"""A copy's units of work and what the workers report about them.

`FolderWork` is one folder's share of a copy; `work_order`, `chunks` and `batches` cut
the work into what the fetchers take; the outcome types are what the workers put on
the copy's results queue, consumed on the run's thread (folder_run.py). A fault of one
message (`Unreadable`) or of one folder (`FolderLost`) is an outcome like a copy: the
rest of the copy goes on (docs/architecture.md, "The IMAP boundary").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mailmover.engine import errors
from mailmover.engine.digest import content_digest
from mailmover.engine.imap.append import AppendItem
from mailmover.engine.imap.scan import Entry


@dataclass(slots=True)
class FolderWork:
    """One folder's share of a copy: where from, where to, and what."""

    source: str
    target: str
    uidvalidity: int
    entries: Sequence[Entry]
    keywords: bool = True  # the destination keeps keywords (PERMANENTFLAGS has \\*)
    target_uidvalidity: int = 0  # the destination folder's, as read (0: not known)


# What the workers report (consumed on the caller's thread); `source` is the folder.
@dataclass(slots=True)
class Copied:
    entry: Entry
    target_uid: int | None
    flags: tuple[bytes, ...] = ()  # as given to APPEND: the store keeps them
    source: str = ""
    # The content digest (digest.py) of the bytes read from the old mailbox and sent:
    # the store keeps it, so the check need not read that message there again.
    digest: bytes = b""

    @classmethod
    def of(cls, entry: Entry, uid: int | None, item: AppendItem, source: str) -> Copied:
        return cls(entry, uid, tuple(item.flags), source, content_digest(item.raw))


@dataclass(slots=True)
class Refused:
    entry: Entry
    text: str
    raw: bytes
    source: str = ""


@dataclass(slots=True)
class Vanished:
    entry: Entry
    source: str = ""


@dataclass(slots=True)
class Unreadable:
    """The old server refused to give this message (a MessageFault, found by splitting
    its batch): it fails with the server's words; the rest go on."""

    entry: Entry
    error: errors.MailMoverError
    source: str = ""


@dataclass(slots=True)
class FolderLost:
    """The old folder could not be opened or read any more (renamed or deleted during
    the move, refused): what is left of it is not copied in this run; the rest go on."""

    error: errors.MailMoverError
    source: str = ""


@dataclass(slots=True)
class WorkerError:
    error: BaseException
    # The messages the worker was moving when it failed (a fetcher: its whole batch, a
    # cut may come from any of them; an appender: the largest in flight); counted
    # against their attempts. A blamed message is fetched alone from then on, so one
    # message that always breaks the connection is found and set aside, never its
    # neighbours.
    blamed: list[Entry] = field(default_factory=list)
    blamed_source: str = ""
    # APPENDs were sent and not answered: the server may still be storing them.
    unanswered: bool = False


@dataclass(slots=True)
class AppendLost:
    """A copy the new server answered OK for, then did not hold (no UIDPLUS, not found
    among the folder's new messages after a few looks): no longer counted as copied; it
    has no destination UID on record, so the next run copies it again."""

    entry: Entry
    source: str = ""


@dataclass(slots=True)
class WorkerDone:
    """A worker thread ended: wakes the caller at once instead of at its next poll."""


Outcome = (
    Copied | AppendLost | Refused | Vanished | Unreadable | FolderLost | WorkerError | WorkerDone
)


def chunks(
    entries: Sequence[Entry], pairs: int, max_chunk: int = 200, total: int | None = None
) -> list[list[Entry]]:
    """UID-ordered chunks: a few per pair so a pair that finishes early takes more.

    `total`: the messages of every folder in flight, so a small folder among many is not
    cut into one-message FETCHes."""
    if not entries:
        return []
    n = len(entries) if total is None else max(total, len(entries))
    size = max(1, min(max_chunk, math.ceil(n / (pairs * 4))))
    return [list(entries[i : i + size]) for i in range(0, len(entries), size)]


def work_order(
    works: Sequence[FolderWork], pairs: int, big: int
) -> tuple[list[tuple[FolderWork, Entry]], list[tuple[FolderWork, list[Entry]]]]:
    """What the pairs take: (large messages, largest first; the other messages in
    chunks, folder after folder in UID order, so the first folders finish first).

    A large message (`big` bytes or more) takes long to download (in ranges, spool.py)
    and to send. Taken early, its transfer overlaps the small messages the other pairs
    copy meanwhile; left in its place it often comes last, and every other pair waits
    for it at the end of the group."""
    large = sorted(
        ((w, e) for w in works for e in w.entries if e.size >= big),
        key=lambda we: -we[1].size,
    )
    rest = [(w, [e for e in w.entries if e.size < big]) for w in works]
    total = sum(len(entries) for _, entries in rest)
    small = [(w, c) for w, entries in rest for c in chunks(entries, pairs, total=total)]
    return large, small


def batches(
    entries: Sequence[Entry],
    max_bytes: int,
    max_count: int,
    alone: Callable[[Entry], bool] = lambda e: False,
) -> list[list[Entry]]:
    """Groups bounded by bytes and count; a message larger than the bound goes alone,
    and so does one that `alone` names (it broke a connection before)."""
    out: list[list[Entry]] = []
    batch: list[Entry] = []
    size = 0
    for e in entries:
        if alone(e):
            out.append([e])
            continue
        if batch and (size + e.size > max_bytes or len(batch) >= max_count):
            out.append(batch)
            batch, size = [], 0
        batch.append(e)
        size += e.size
    if batch:
        out.append(batch)
    return out


class TargetFolderGone(errors.MailMoverError):
    """The destination folder went away while the move wrote to it (`[TRYCREATE]`, or a
    SELECT that finds it gone): the folder retry creates it again and goes on."""

    def __init__(self, target: str, detail: str = "") -> None:
        super().__init__(errors.FOLDER_MISSING, folder=target, detail=detail)
        self.target = target
