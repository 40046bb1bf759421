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

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from mailmover.engine import errors, gmail
from mailmover.engine.copy_work import TargetFolderGone
from mailmover.engine.folders import (
    FolderMapping,
    FolderNames,
    beside_mail_parent,
    ensure_folder,
    fallback_parent,
)
from mailmover.engine.imap import faults, group_scan, stats
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, Selected, refresh, scan, select
from mailmover.engine.planner import Planner


@dataclass
class Sides:
    """Both sides of a folder as read before copying."""

    sel: Selected
    entries: list[Entry]
    dsel: Selected
    target_entries: list[Entry]
    target: str  # where the folder is on the destination
    relocated_from: str | None = None  # the planned target the server refused
    relocated_why: str = errors.FOLDER_RELOCATED  # or FOLDER_BESIDE_PARENT


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
        self._recreated: dict[str, int] = {}

    def plan(self, targets: set[str]) -> None:
        """The run's destination folders (see FolderNames.planned)."""
        with self._names_lock:
            self._names.planned = set(targets)

    def recreate(self, target: str) -> bool:
        """The destination folder `target` was deleted during the move: create it again
        at its next read (at most twice a run: a server that keeps losing it has the
        folder reported instead)."""
        count = self._recreated.get(target, 0)
        if count >= 2:
            return False
        self._recreated[target] = count + 1
        with self._names_lock:
            self._names.discard(target)
            self._names.subscribed.discard(target)
        self.forget("target", target)
        return True

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
            entries = refresh(conn, known.entries, sel.exists)
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
                actual, why = self._ensure_target(dst, m.target)
                dsel, at_target = self.read(dst, "target", actual, readonly=False)
                target_side.extend((dsel, at_target, actual, why))
            except BaseException as exc:  # noqa: BLE001 - re-raised on this thread
                target_side.append(exc)

        reader = threading.Thread(target=read_target, name="mm-reconcile", daemon=True)
        reader.start()
        try:
            try:
                # Gmail's All Mail: the label folders first (the source stays selected
                # on All Mail for what follows), then only its archived messages.
                labelled = [self._labelled(src, name) for name in m.unlabelled_only]
                sel, entries = self.read(src, "source", m.source, readonly=True)
                if m.unlabelled_only:
                    entries = gmail.archived(src, m, entries, labelled)
            except faults.FolderFault as fault:
                if fault.code == errors.FOLDER_MISSING:
                    return None  # gone since the plan: the run says so
                raise
        finally:
            reader.join()
        first = target_side[0]
        if isinstance(first, errors.MailMoverError) and first.code == errors.FOLDER_CREATE_FAILED:
            # Not a connection problem: retrying will not help. Every message of the
            # folder is reported as failed with the server's reason; the move goes on.
            raise FolderRefused(first, sel, entries)
        if isinstance(first, faults.FolderFault) and first.code == errors.FOLDER_MISSING:
            raise TargetFolderGone(m.target, str(first.params.get("detail", "")))
        if isinstance(first, BaseException):
            raise first
        dsel, at_target, actual, why = target_side
        assert isinstance(dsel, Selected) and isinstance(at_target, list)
        assert isinstance(actual, str) and isinstance(why, str)
        moved = m.target if actual != m.target else None
        return Sides(sel, entries, dsel, at_target, actual, moved, why)

    def _labelled(self, src: ImapConnection, folder: str) -> list[Entry]:
        """A label folder's messages; one deleted since the plan holds none."""
        try:
            return self.read(src, "source", folder, readonly=True)[1]
        except faults.FolderFault as fault:
            if fault.code == errors.FOLDER_MISSING:
                return []
            raise

    def read_group(
        self, src: ImapConnection, dst: ImapConnection, mappings: Sequence[FolderMapping]
    ) -> list[Sides | FolderRefused | BaseException | None]:
        """Several folders' sides, those read for the first time in one write per side
        (group_scan.py), the others one by one as `read_sides` does. After an error of
        the connection the folders not yet read carry it (read again later)."""
        out: list[Sides | FolderRefused | BaseException | None] = [None] * len(mappings)
        try:
            self.create_targets(dst, mappings)
            done = self._read_first_time(src, dst, mappings)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            return [exc] * len(mappings)
        for i, m in enumerate(mappings):
            if id(m) in done:
                out[i] = done[id(m)]
                continue
            try:
                out[i] = self.read_sides(src, dst, m)
            except FolderRefused as refused:  # an answer about this folder, not the link
                out[i] = refused
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                out[i:] = [exc] * (len(mappings) - i)
                break
        return out

    def _read_first_time(
        self, src: ImapConnection, dst: ImapConnection, mappings: Sequence[FolderMapping]
    ) -> dict[int, Sides]:
        """The folders neither side has read yet and whose destination folder exists,
        pipelined: both sides at once, each in one write."""
        with self._known_lock, self._names_lock:
            fresh = [
                m
                for m in mappings
                if not m.unlabelled_only  # read with its label folders (read_sides)
                and ("source", m.source) not in self._known
                and ("target", m.target) not in self._known
                and m.target in self._names
                # ensure_folder subscribes it (create_targets did, unless refused)
                and (m.target.upper() == "INBOX" or m.target in self._names.subscribed)
            ]
        if len(fresh) < 2:
            return {}  # one folder costs the same the usual way
        targets = list(dict.fromkeys(m.target for m in fresh))
        target_side: list[object] = []

        def read_target() -> None:
            try:
                target_side.append(group_scan.read_folders(dst, targets, readonly=False))
            except BaseException as exc:  # noqa: BLE001 - re-raised on this thread
                target_side.append(exc)

        reader = threading.Thread(target=read_target, name="mm-reconcile", daemon=True)
        reader.start()
        try:
            sources = group_scan.read_folders(src, [m.source for m in fresh], readonly=True)
        finally:
            reader.join()
        if isinstance(target_side[0], BaseException):
            raise target_side[0]
        at_target = target_side[0]
        assert isinstance(at_target, dict)
        out: dict[int, Sides] = {}
        with self._known_lock:
            for m in fresh:
                if m.source not in sources or m.target not in at_target:
                    continue
                sel, entries = sources[m.source]
                dsel, target_entries = at_target[m.target]
                self._known[("source", m.source)] = _Known(sel.uidvalidity, entries)
                self._known[("target", m.target)] = _Known(dsel.uidvalidity, target_entries)
                self.full_reads += 2
                out[id(m)] = Sides(sel, list(entries), dsel, list(target_entries), m.target)
        return out

    def create_targets(self, dst: ImapConnection, mappings: Sequence[FolderMapping]) -> None:
        """CREATE and SUBSCRIBE the destination folders of several folders in one write,
        instead of two round trips each taken one after another (under the names lock);
        a destination folder that exists but is not subscribed is subscribed in the same
        write. Only what the server answered OK is taken as done; anything else goes the
        usual way when its folder is read (ensure_folder: its error, the fallback parent)."""
        delimiter = self.planner.target().delimiter
        with self._names_lock:
            paths: list[str] = []
            unsubscribed: list[str] = []
            for m in mappings:
                if m.target in self._names:
                    if (
                        m.target.upper() != "INBOX"
                        and m.target not in self._names.subscribed
                        and m.target not in unsubscribed
                    ):
                        unsubscribed.append(m.target)
                    continue
                for path in [*self._names.missing_parents(m.target, delimiter), m.target]:
                    if path.upper() != "INBOX" and path not in paths:
                        paths.append(path)
            # Parents first (servers answer in order); a parent that is no folder of the
            # run's own is not created: the server makes it a placeholder, as it was.
            paths.sort(key=lambda p: p.count(delimiter))
            if 2 * len(paths) + len(unsubscribed) < 2:
                return  # one command costs the same the usual way
            created, subscribed = stats.create_and_subscribe(dst, paths, unsubscribed)
            self._names.update(created)
            self._names.subscribed.update(subscribed)

    def _ensure_target(self, dst: ImapConnection, target: str) -> tuple[str, str]:
        """Create the destination folder; when the server refuses a top-level folder, try
        under its own parent for user folders; when it cannot put a folder inside one
        that holds mail (mbox), beside that one. Returns where the folder is, and why
        (the warning's code, if it is not where planned)."""
        listing = self.planner.target()
        with self._names_lock:
            try:
                ensure_folder(dst, target, listing.delimiter, self._names)
                return target, errors.FOLDER_RELOCATED
            except errors.MailMoverError as exc:
                if exc.code != errors.FOLDER_CREATE_FAILED:
                    raise
                beside = beside_mail_parent(target, listing.delimiter, self._names, exc)
                alt = beside or fallback_parent(listing, target)
                if alt is None:
                    raise
                ensure_folder(dst, alt, listing.delimiter, self._names)
                return alt, errors.FOLDER_BESIDE_PARENT if beside else errors.FOLDER_RELOCATED


class _ReadsGroups(Protocol):
    def read_group(
        self, src: ImapConnection, dst: ImapConnection, mappings: Sequence[FolderMapping]
    ) -> list[Sides | FolderRefused | BaseException | None]: ...


class ReadAhead:
    """The next group's folders, read on the main pair while this group copies.
    `results` holds what was read, in order; after a connection error (kept in `error`)
    the remaining folders are read again when their group starts."""

    def __init__(
        self,
        runner: _ReadsGroups,
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

    def _run(self, runner: _ReadsGroups, src: ImapConnection, dst: ImapConnection) -> None:
        for m, got in zip(self.mappings, runner.read_group(src, dst, self.mappings), strict=True):
            if isinstance(got, BaseException) and not isinstance(got, FolderRefused):
                self.error = got  # this folder and the rest are read again, on their thread
                return
            self.results.append((m, got))

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


def read_many(
    reader: _ReadsGroups,
    pairs: Sequence[tuple[ImapConnection, ImapConnection]],
    mappings: Sequence[FolderMapping],
) -> list[Sides | BaseException | None]:
    """Several folders' sides at once, the folders shared out among the pairs, each pair
    reading its share as a group (`read_group`). The folders of a pair whose connection
    fails carry that error."""
    out: list[Sides | BaseException | None] = [None] * len(mappings)
    pairs = pairs[: max(1, min(len(pairs), len(mappings)))]
    share = [list(range(i, len(mappings), len(pairs))) for i in range(len(pairs))]

    def work(k: int) -> None:
        src, dst = pairs[k]
        got = reader.read_group(src, dst, [mappings[i] for i in share[k]])
        for i, g in zip(share[k], got, strict=True):
            out[i] = g

    threads = [
        threading.Thread(target=work, args=(k,), name="mm-read", daemon=True)
        for k in range(len(pairs))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out
