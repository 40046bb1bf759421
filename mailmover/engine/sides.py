"""Read both sides of a folder before copying, and keep what was read for the run.

A folder read once is not read again from the start after a dropped connection: the
next read selects the folder and fetches only the messages with UIDs above the highest
one already known (`UID FETCH n:*`). The cached list is reused only when the server's
count proves nothing was expunged meanwhile (EXISTS == known + new) and UIDVALIDITY is
unchanged; otherwise the folder is scanned again in full. So identity (store record,
fingerprint, content digest) always works on the folder's true state.

`read_sides` changes nothing shared but the cache (under a lock) and the destination's
folder names; a read-ahead thread may call it for the next folder.
"""

from __future__ import annotations

import imaplib
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from imapclient.exceptions import IMAPClientError

from mailmover.engine import errors, stats, wire
from mailmover.engine.connect import ImapConnection
from mailmover.engine.fingerprint import FETCH_ITEM, fingerprint, header_item
from mailmover.engine.folders import FolderMapping, FolderNames, ensure_folder, fallback_parent
from mailmover.engine.planner import Planner
from mailmover.engine.scan import UID_MAX, Entry, Selected, scan, select

_ITEMS = [b"UID", b"RFC822.SIZE", b"FLAGS", FETCH_ITEM]


@dataclass
class Sides:
    """Both sides of a folder as read before copying."""

    sel: Selected
    entries: list[Entry]
    dsel: Selected
    target_entries: list[Entry]
    target: str  # where the folder is on the destination
    relocated_from: str | None = None  # the planned target the server refused


class FolderRefused(Exception):
    """The destination refused to create the folder: its messages fail, the move goes on."""

    def __init__(self, error: errors.MailMoverError, sel: Selected, entries: list[Entry]):
        super().__init__(error.code)
        self.error, self.sel, self.entries = error, sel, entries


@dataclass
class _Known:
    uidvalidity: int
    entries: list[Entry]


class SideReader:
    """Reads folders for one run; remembers what it read (see the module note)."""

    def __init__(self, planner: Planner) -> None:
        self.planner = planner
        self._names: FolderNames = planner.target().names()
        self._names_lock = threading.Lock()  # ensure_folder from the read-ahead thread too
        self._known: dict[tuple[str, str], _Known] = {}
        self._known_lock = threading.Lock()
        self.full_reads = 0  # folders scanned from the start (for tests)
        self.refreshes = 0  # folders brought up to date from what was known

    def forget(self, side: str, folder: str) -> None:
        """Read `folder` in full next time (e.g. after flags were changed on it)."""
        with self._known_lock:
            self._known.pop((side, folder), None)

    def read(
        self, conn: ImapConnection, side: str, folder: str, *, readonly: bool
    ) -> tuple[Selected, list[Entry]]:
        """Select `folder` and return its messages, incrementally when it was read before."""
        sel = select(conn, folder, readonly=readonly)
        with self._known_lock:
            known = self._known.get((side, folder))
        entries: list[Entry] | None = None
        if known is not None and known.uidvalidity == sel.uidvalidity:
            entries = _refresh(conn, known.entries, sel.exists)
        if entries is None:
            entries = list(scan(conn, sel.exists))
            with self._known_lock:
                self.full_reads += 1
        else:
            with self._known_lock:
                self.refreshes += 1
        with self._known_lock:
            self._known[(side, folder)] = _Known(sel.uidvalidity, entries)
        return sel, list(entries)

    def read_sides(
        self, src: ImapConnection, dst: ImapConnection, m: FolderMapping
    ) -> Sides | None:
        """Both sides of a folder, read in parallel; None when the source folder is gone."""
        target_side: list[object] = []

        def read_target() -> None:
            # The destination is read on its own connection while the source is scanned.
            try:
                actual = self._ensure_target(dst, m.target)
                dsel, at_target = self.read(dst, "target", actual, readonly=False)
                target_side.extend((dsel, at_target, actual))
            except BaseException as exc:  # noqa: BLE001 - re-raised on this thread
                target_side.append(exc)

        reader = threading.Thread(target=read_target, name="mm-reconcile", daemon=True)
        reader.start()
        try:
            try:
                sel, entries = self.read(src, "source", m.source, readonly=True)
            except (IMAPClientError, imaplib.IMAP4.error):
                with src.guard():
                    if src.client.folder_exists(m.source):
                        raise
                return None
        finally:
            reader.join()
        first = target_side[0]
        if isinstance(first, errors.MailMoverError) and first.code == errors.FOLDER_CREATE_FAILED:
            # Not a connection problem: retrying will not help. Every message of the
            # folder is reported as failed with the server's reason; the move goes on.
            raise FolderRefused(first, sel, entries)
        if isinstance(first, BaseException):
            raise first
        dsel, at_target, actual = target_side
        assert isinstance(dsel, Selected) and isinstance(at_target, list)
        assert isinstance(actual, str)
        moved = m.target if actual != m.target else None
        return Sides(sel, entries, dsel, at_target, actual, moved)

    def create_targets(self, dst: ImapConnection, mappings: Sequence[FolderMapping]) -> None:
        """CREATE and SUBSCRIBE the destination folders of several folders in one write,
        instead of two round trips each taken one after another (under the names lock).
        Only what the server answered OK is taken as done; anything else goes the usual
        way when its folder is read (ensure_folder: its error, the fallback parent)."""
        delimiter = self.planner.target().delimiter
        with self._names_lock:
            paths: list[str] = []
            for m in mappings:
                parts = m.target.split(delimiter)
                for i in range(1, len(parts) + 1):
                    path = delimiter.join(parts[:i])  # parents first: servers answer in order
                    if path not in self._names and path.upper() != "INBOX" and path not in paths:
                        paths.append(path)
            if len(paths) < 2:
                return  # one folder costs the same the usual way
            commands: list[bytes] = []
            for path in paths:
                name = wire.encode_folder(dst.client, path)
                commands += [b"CREATE " + name, b"SUBSCRIBE " + name]
            answers = stats.pipeline(dst, commands, ordered=False)
            for i, path in enumerate(paths):
                if answers[2 * i].status == "OK":
                    self._names.add(path)
                    if answers[2 * i + 1].status == "OK":
                        self._names.subscribed.add(path)

    def _ensure_target(self, dst: ImapConnection, target: str) -> str:
        """Create the destination folder; when the server refuses a top-level folder, try
        under its own parent for user folders. Returns where the folder is."""
        listing = self.planner.target()
        with self._names_lock:
            try:
                ensure_folder(dst, target, listing.delimiter, self._names)
                return target
            except errors.MailMoverError as exc:
                alt = fallback_parent(listing, target)
                if exc.code != errors.FOLDER_CREATE_FAILED or alt is None:
                    raise
                ensure_folder(dst, alt, listing.delimiter, self._names)
                return alt


def _refresh(conn: ImapConnection, known: list[Entry], exists: int) -> list[Entry] | None:
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
    client = conn.client
    client.use_uid = False  # sequence numbers: imapclient keeps only the ids it was given
    try:
        with conn.guard():
            data = client.fetch(seqs, _ITEMS)
    finally:
        client.use_uid = True
    new: list[Entry] = []
    for seq in seqs:
        item = data.get(seq)
        uid = item.get(b"UID") if item is not None else None
        if not isinstance(uid, int) or not 0 < uid <= UID_MAX:
            return None
        if k and seq == k:
            if uid != known[-1].uid:
                return None
            continue
        size = int(item.get(b"RFC822.SIZE", 0)) if item is not None else 0
        flags = tuple(f for f in (item or {}).get(b"FLAGS", ()) if isinstance(f, bytes))
        new.append(Entry(uid, size, fingerprint(header_item(item or {}), size), flags))
    return known + new


class _ReadsSides(Protocol):
    def read_sides(
        self, src: ImapConnection, dst: ImapConnection, m: FolderMapping
    ) -> Sides | None: ...

    def create_targets(self, dst: ImapConnection, mappings: Sequence[FolderMapping]) -> None: ...


class ReadAhead:
    """The next group's folders, read one after another on the main pair while this
    group copies. `results` holds what was read, in order; after a connection error
    (kept in `error`) the remaining folders are read again when their group starts."""

    def __init__(
        self,
        runner: _ReadsSides,
        mappings: Sequence[FolderMapping],
        src: ImapConnection,
        dst: ImapConnection,
    ) -> None:
        self.mappings = list(mappings)
        self.results: list[tuple[FolderMapping, Sides | FolderRefused | None]] = []
        self.error: BaseException | None = None
        self.thread = threading.Thread(
            target=self._run, args=(runner, src, dst), name="mm-read-ahead", daemon=True
        )
        self.thread.start()

    def _run(self, runner: _ReadsSides, src: ImapConnection, dst: ImapConnection) -> None:
        try:
            runner.create_targets(dst, self.mappings)
        except BaseException as exc:  # noqa: BLE001 - the folders read it again, on its thread
            self.error = exc
            return
        for m in self.mappings:
            try:
                self.results.append((m, runner.read_sides(src, dst, m)))
            except FolderRefused as refused:  # an answer about this folder, not the link
                self.results.append((m, refused))
            except BaseException as exc:  # noqa: BLE001 - the folder reads it again, on its thread
                self.error = exc
                return

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


def read_many(
    reader: _ReadsSides,
    pairs: Sequence[tuple[ImapConnection, ImapConnection]],
    mappings: Sequence[FolderMapping],
) -> list[Sides | BaseException | None]:
    """Several folders' sides at once, each pair reading one folder after another (many
    small folders cost their round trips divided by the pairs). A pair whose connection
    fails stops; the folders it did not read carry that error."""
    out: list[Sides | BaseException | None] = [None] * len(mappings)
    reader.create_targets(pairs[0][1], mappings)
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in range(len(mappings)):
        todo.put(i)
    unread: list[int] = []  # taken by a pair that had failed
    failed: list[BaseException] = []

    def work(src: ImapConnection, dst: ImapConnection) -> None:
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            try:
                out[i] = reader.read_sides(src, dst, mappings[i])
            except FolderRefused as refused:
                out[i] = refused
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                out[i] = exc
                failed.append(exc)
                return

    threads = [
        threading.Thread(target=work, args=pair, name="mm-read", daemon=True)
        for pair in pairs[: max(1, len(mappings))]
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    while not todo.empty():  # every pair failed before these
        unread.append(todo.get_nowait())
    for i in unread:
        out[i] = failed[0] if failed else errors.TransientError(errors.CONNECTION_LOST)
    return out
