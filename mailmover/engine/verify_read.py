"""What `mailmover verify` reads of each message: a digest of its content, its flags and
its date, in memory that does not grow with the size of a message.

The first range of many messages travels in one FETCH; a message longer than one range
is read on, one range at a time, each range fed to the digest and dropped. So what is
held at once is bounded by the range and the batch, never by the largest message nor by
a size the server announced (a server may lie about sizes).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from mailmover.engine.digest import ContentHasher
from mailmover.engine.identity import flag_set
from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.messages import flags_to_copy

RANGE = 256 * 1024
BATCH = 64  # messages per FETCH: at most BATCH * RANGE bytes in one answer
# No message is longer than this: a server that never stops sending ranges is wrong.
LONGEST = 1 << 32


@dataclass(frozen=True, slots=True)
class Seen:
    uid: int
    digest: bytes
    flags: frozenset[bytes]
    date: datetime | None


def contents(
    conn: ImapConnection, uids: Sequence[int], keywords: bool, *, piece: int = RANGE
) -> Iterator[Seen]:
    """Each message of the selected folder that is still there, in `uids` order."""
    for start in range(0, len(uids), BATCH):
        batch = uids[start : start + BATCH]
        starts = ops.fetch_starts(conn, batch, piece)
        for uid in batch:
            got = starts.pop(uid, None)
            if got is None:
                continue  # expunged meanwhile
            digest = _digest(conn, uid, got.range, piece)
            if digest is None:
                continue
            flags = flag_set(flags_to_copy(got.flags, keywords))
            yield Seen(uid, digest, flags, got.when)


def _digest(conn: ImapConnection, uid: int, first: ops.Range, piece: int) -> bytes | None:
    hasher = ContentHasher()
    if first.whole is not None:  # a server that ignores ranges
        return hasher.update(first.whole).digest()
    data, offset = first.data, 0
    while True:
        hasher.update(data)
        offset += len(data)
        if len(data) < piece:
            return hasher.digest()
        if offset > LONGEST:
            raise faults.bad_data("a message without end", conn.scope(conn.selected, (uid,)))
        got = ops.fetch_range(conn, uid, offset, piece)
        if got.gone:
            return None  # expunged while it was read
        if got.whole is not None:
            return ContentHasher().update(got.whole).digest()
        data = got.data
