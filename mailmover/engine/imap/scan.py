"""Read a folder's message list (UID, size, fingerprint) in bounded batches.

Sequence-number ranges instead of SEARCH: SEARCH is unreliable on the QQ/Exmail family.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mailmover.engine import errors
from mailmover.engine.fingerprint import FETCH_ITEM, fingerprint, header_item
from mailmover.engine.imap import faults, fetch_wire
from mailmover.engine.imap.connection import ImapConnection

log = logging.getLogger(__name__)

SCAN_BATCH = 1000


UID_MAX = 2**32 - 1  # RFC 3501: nz-number is 32-bit


@dataclass(frozen=True, slots=True)
class Entry:
    uid: int
    size: int
    fp: bytes
    flags: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class Selected:
    uidvalidity: int
    exists: int
    permanent_flags: tuple[bytes, ...] | None


def select(conn: ImapConnection, folder: str, *, readonly: bool) -> Selected:
    """SELECT/EXAMINE `folder`. A refusal raises FolderFault: FOLDER_MISSING when the
    folder is gone (renamed or deleted meanwhile), else FOLDER_REFUSED with the
    server's words (that folder fails, the move goes on)."""
    conn.selected = None
    try:
        with conn.guard(folder=folder):
            sent = time.perf_counter()
            info = conn.client.select_folder(folder, readonly=readonly)
            # One round trip and a few short lines: a sample of the round trip for the
            # in-flight budget (memory.in_flight_for) where nothing is pipelined.
            conn.note_round_trip(time.perf_counter() - sent)
            perm = info.get(b"PERMANENTFLAGS")
            sel = Selected(
                uidvalidity=int(info.get(b"UIDVALIDITY", 0)),
                exists=int(info.get(b"EXISTS", 0)),
                permanent_flags=tuple(perm) if perm is not None else None,
            )
    except faults.REFUSED as fault:
        params = {**fault.params, "folder": folder, "host": conn.account.host}
        if fault.code == errors.FOLDER_MISSING or not _still_there(conn, folder):
            raise faults.FolderFault(errors.FOLDER_MISSING, **params) from None
        raise faults.FolderFault(errors.FOLDER_REFUSED, **params) from None
    if not 0 <= sel.uidvalidity <= UID_MAX or sel.exists < 0:
        raise faults.bad_data(f"UIDVALIDITY {sel.uidvalidity}", conn.scope(folder))
    conn.selected = folder
    return sel


def fetch_all(
    conn: ImapConnection, exists: int, items: list[bytes], batch: int = SCAN_BATCH
) -> Iterator[dict[bytes, Any]]:
    """FETCH `items` of every message of the selected folder, in sequence order."""
    client = conn.client
    for start in range(1, exists + 1, batch):
        end = min(start + batch - 1, exists)
        # Explicit numbers, not "a:b": only the ids asked for are kept.
        with conn.guard(folder=conn.selected):
            data = fetch_wire.fetch(client, range(start, end + 1), items, uid=False)
        for seq in sorted(data):
            yield data[seq]


def _still_there(conn: ImapConnection, folder: str) -> bool:
    try:
        with conn.guard(folder=folder):
            return bool(conn.client.folder_exists(folder))
    except faults.REFUSED:
        return False


def sizes(conn: ImapConnection, folder: str) -> Iterator[int]:
    """The size of every message in `folder` (selected read-only); none for a folder the
    server refuses to open (planning goes on; the run reports that folder's refusal)."""
    try:
        sel = select(conn, folder, readonly=True)
    except faults.FolderFault as exc:
        if exc.code != errors.FOLDER_REFUSED:
            raise
        log.info("planning: %s", exc)
        return
    for item in fetch_all(conn, sel.exists, [b"RFC822.SIZE"], batch=5000):
        yield int(item.get(b"RFC822.SIZE", 0))


def scan(conn: ImapConnection, exists: int, batch: int = SCAN_BATCH) -> Iterator[Entry]:
    """Yield every message of the selected folder, in sequence order.

    A UID outside 1..2^32-1 (a broken or hostile server) raises BAD_SERVER_DATA: such a
    message could be neither fetched nor recorded reliably."""
    for item in fetch_all(conn, exists, [b"UID", b"RFC822.SIZE", b"FLAGS", FETCH_ITEM], batch):
        if item.get(b"UID") is None:
            continue
        entry = to_entry(item)
        if entry is None:
            raise faults.bad_data(f"UID {item[b'UID']!r}", conn.scope(conn.selected))
        yield entry


def arrivals(conn: ImapConnection, first_uid: int) -> list[Entry]:
    """The messages of the selected folder from `first_uid` on, oldest first: what APPENDs
    added on a server that names no new UID (no UIDPLUS)."""
    with conn.guard(folder=conn.selected):
        # ALL, not `UID n:*`: GNU imap4d answers that with no UIDs at all.
        uids = [u for u in conn.client.search([b"ALL"]) if u >= first_uid]
        if not uids:
            return []
        data = fetch_wire.fetch(conn.client, uids, [b"RFC822.SIZE", b"FLAGS", FETCH_ITEM])
    # A UID FETCH answer is keyed by UID (imapclient takes the item out).
    found = (to_entry({**item, b"UID": uid}) for uid, item in data.items())
    return sorted((e for e in found if e is not None and e.uid >= first_uid), key=_uid)


def _uid(e: Entry) -> int:
    return e.uid


def to_entry(item: Mapping[bytes, Any]) -> Entry | None:
    """One message of a FETCH of (UID RFC822.SIZE FLAGS <identity headers>); None when
    its UID is missing or outside 1..2^32-1 (the caller decides what that means)."""
    uid = item.get(b"UID")
    if not isinstance(uid, int) or not 0 < uid <= UID_MAX:
        return None
    size = int(item.get(b"RFC822.SIZE", 0))
    flags = tuple(f for f in item.get(b"FLAGS", ()) if isinstance(f, bytes))
    return Entry(uid, size, fingerprint(header_item(item), size), shared_flags(flags))


# Most messages carry one of a few sets of flags: one tuple of each set is kept for all
# of them instead of a tuple and its flags per message (a big mailbox's lists stay
# cached for a whole run). Bounded, for a mailbox with a keyword per message.
_FLAG_SETS: dict[tuple[bytes, ...], tuple[bytes, ...]] = {}
_FLAG_SETS_MAX = 4096


def shared_flags(flags: tuple[bytes, ...]) -> tuple[bytes, ...]:
    if len(_FLAG_SETS) >= _FLAG_SETS_MAX:
        return _FLAG_SETS.get(flags, flags)
    return _FLAG_SETS.setdefault(flags, flags)


def fetch_batches(
    conn: ImapConnection,
    uids: Sequence[int],
    items: Sequence[bytes],
    *,
    sizes: Mapping[int, int] | None = None,
    max_count: int = 200,
    max_bytes: int = 4 * 1024 * 1024,
) -> Iterator[tuple[int, dict[bytes, Any]]]:
    """FETCH `items` of the selected folder's `uids` in batches bounded by count and (when
    sizes are known) bytes, so memory stays bounded; yields (uid, answer) in `uids` order.
    A UID the server does not answer for (deleted meanwhile) is left out."""
    batch: list[int] = []
    size = 0
    for uid in uids:
        batch.append(uid)
        size += sizes.get(uid, 0) if sizes is not None else 0
        if size >= max_bytes or len(batch) >= max_count:
            yield from _fetch_batch(conn, batch, items)
            batch, size = [], 0
    if batch:
        yield from _fetch_batch(conn, batch, items)


def _fetch_batch(
    conn: ImapConnection, uids: list[int], items: Sequence[bytes]
) -> Iterator[tuple[int, dict[bytes, Any]]]:
    with conn.guard(folder=conn.selected, uids=uids):
        data = fetch_wire.fetch(conn.client, uids, items)
    for uid in uids:
        item = data.get(uid)
        if item is not None:
            yield uid, item


_ITEMS = [b"UID", b"RFC822.SIZE", b"FLAGS", FETCH_ITEM]


def refresh(conn: ImapConnection, known: list[Entry], exists: int) -> list[Entry] | None:
    """`known` (in sequence order) plus the messages that arrived since; None when that
    cannot be proved: the caller scans the folder again.

    Proof: sequence number k = len(known) still holds the highest known UID. UIDs only
    grow, so the k messages up to it are exactly the known ones (nothing expunged), and
    every message after it is new."""
    k = len(known)
    if exists < k:
        return None
    if exists == k == 0:
        return []
    seqs = list(range(max(k, 1), exists + 1))
    with conn.guard(folder=conn.selected):  # sequence numbers: only these are kept
        data = fetch_wire.fetch(conn.client, seqs, _ITEMS, uid=False)
    new: list[Entry] = []
    for seq in seqs:
        entry = to_entry(data.get(seq) or {})
        if entry is None:
            return None
        if k and seq == k:
            if entry.uid != known[-1].uid:
                return None
            continue
        new.append(entry)
    return known + new
