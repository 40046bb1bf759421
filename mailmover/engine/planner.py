"""Which source folder goes where: list both sides, map, and recognise renamed folders.

Callable without a move (the wizard's folder page, doctor, verify): `plan()` needs
only a connection pool; the rename detection of a run also reads the progress store.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import threading
from collections import Counter
from collections.abc import Sequence

from mailmover.engine import gmail
from mailmover.engine.folders import FolderMapping, Listing, list_folders, plan_mapping
from mailmover.engine.imap import faults
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import scan, select, sizes
from mailmover.engine.imap.stats import statistics
from mailmover.engine.pool import ConnectionPool
from mailmover.engine.targets import separate_targets
from mailmover.store import Store

# A folder the server will not show (a connection fault is the run's to handle).
_NOT_READABLE = faults.REFUSED


def select_mappings(
    mappings: list[FolderMapping], include: Sequence[str], exclude: Sequence[str]
) -> list[FolderMapping]:
    """Apply --include/--exclude globs; an include can bring back a default-off folder."""
    for m in mappings:
        if include:
            matched = any(fnmatch.fnmatchcase(m.source, p) for p in include)
            m.include = matched
            m.reason = "" if matched else "user"
        if any(fnmatch.fnmatchcase(m.source, p) for p in exclude):
            m.include, m.reason = False, "user"
    return mappings


def folder_stats(conn: ImapConnection, folder: str) -> tuple[int, int]:
    """(messages, bytes) of a folder, from sizes fetched in batches."""
    count = total = 0
    for size in sizes(conn, folder):
        count += 1
        total += size
    return count, total


class Planner:
    def __init__(
        self,
        pool: ConnectionPool,
        *,
        store: Store | None,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        overrides: dict[str, str] | None = None,
        target_parent: str | None = None,
    ) -> None:
        self.pool = pool
        self.store = store
        self.include, self.exclude = include, exclude
        self.overrides = dict(overrides or {})
        self.target_parent = target_parent
        self.source_listing: Listing | None = None
        self.target_listing: Listing | None = None
        # Folders plan() gave another destination than their natural one (a collision).
        self.separated: list[tuple[str, FolderMapping]] = []

    def plan(self, *, with_stats: bool = True) -> list[FolderMapping]:
        """List both sides and map folders; counts and sizes for the user to review.

        The two sides are listed at once, each on its own connection; the source's
        statistics follow its listing while the destination is still being listed, and
        cost about two round trips in all (`stats.statistics`), not one per folder."""
        src, dst = self.pool.main()
        target_side: list[Listing | BaseException] = []

        def list_target() -> None:
            try:
                target_side.append(list_folders(dst))
            except BaseException as exc:  # noqa: BLE001 - re-raised on this thread
                target_side.append(exc)

        reader = threading.Thread(target=list_target, name="mm-list-target", daemon=True)
        reader.start()
        try:
            self.source_listing = list_folders(src)
            stats: dict[str, tuple[int, int]] = {}
            if with_stats:
                names = [f.name for f in self.source_listing.folders if f.selectable]
                stats = statistics(src, names)
        finally:
            reader.join()
        got = target_side[0]
        if isinstance(got, BaseException):
            raise got
        self.target_listing = got
        overrides = {**self.remembered_renames(), **self.overrides}
        mappings = plan_mapping(
            self.source_listing,
            self.target_listing,
            overrides=overrides,
            target_parent=self.target_parent,
        )
        gmail.adjust(mappings, self.source_listing, self.target_listing, src.account.host)
        gmail.adjust_target(mappings, self.target_listing, set(overrides))
        select_mappings(mappings, self.include, self.exclude)
        # Accidental collisions only: a target the user chose (--map, the wizard) may merge.
        self.separated = separate_targets(mappings, chosen=set(overrides))
        if with_stats:
            for m in mappings:
                if m.unlabelled_only:  # All Mail adds only what no label folder holds
                    m.messages, m.size = gmail.archived_stats(src, m)
                    m.hidden_labels = gmail.hidden_labels(src, m, self.source_listing)
                    continue
                # A folder the pipelined statistics could not answer: the old way.
                found = stats.get(m.source)
                m.messages, m.size = found if found is not None else folder_stats(src, m.source)
        return mappings

    def target(self) -> Listing:
        """The destination's folders (listed once; a run given mappings still needs them)."""
        if self.target_listing is None:
            _, dst = self.pool.main()
            self.target_listing = list_folders(dst)
        return self.target_listing

    # -- renamed folders ----------------------------------------------------------------
    def remembered_renames(self) -> dict[str, str]:
        """Source folders recognised as renamed in an earlier run -> their destination."""
        if self.store is None:
            return {}
        return dict(json.loads(self.store.get_meta("renamed_targets") or "{}"))

    def follow_renames(
        self,
        mappings: list[FolderMapping],
        known: dict[str, dict[str, object]],
        gone: list[str],
    ) -> list[tuple[str, FolderMapping]]:
        """New source folders holding mostly the mail of a folder that went away are that
        folder renamed: they keep its destination (remembered for later runs)."""
        assert self.store is not None
        src, _ = self.pool.main()
        found: list[tuple[str, FolderMapping]] = []
        candidates = {name: self.store.fingerprints(name) for name in gone}
        for m in mappings:
            if not m.include or m.role is not None or m.source in known or not candidates:
                continue
            sel = select(src, m.source, readonly=True)
            fps = [e.fp for e in scan(src, sel.exists)]
            for old, old_fps in candidates.items():
                if _mostly_in(fps, old_fps):
                    m.target = str(known[old]["target"])
                    found.append((old, m))
                    remembered = {**self.remembered_renames(), m.source: m.target}
                    self.store.set_meta("renamed_targets", json.dumps(remembered))
                    del candidates[old]
                    break
        return found

    def adopt_orphans(
        self, mappings: list[FolderMapping], known: dict[str, dict[str, object]]
    ) -> list[FolderMapping]:
        """A source folder this store never saw whose destination does not exist yet,
        while a destination folder nobody maps to holds its mail: the folder was renamed
        on the old server after an earlier move whose progress file is lost. Keep the
        existing destination instead of copying everything a second time."""
        listing = self.target()
        names = listing.names()
        taken = {m.target for m in mappings}
        orphans = [
            f.name
            for f in listing.folders
            if f.selectable and f.role is None and f.name not in taken
            and f.name.upper() != "INBOX"
        ]
        candidates = [
            m
            for m in mappings
            if m.include and m.role is None and m.source not in known and m.target not in names
        ]
        if not orphans or not candidates:
            return []
        src, dst = self.pool.main()
        orphan_fps: dict[str, set[bytes]] = {}
        for name in orphans:
            with contextlib.suppress(*_NOT_READABLE):
                dsel = select(dst, name, readonly=True)
                orphan_fps[name] = {e.fp for e in scan(dst, dsel.exists)}
        adopted: list[FolderMapping] = []
        for m in candidates:
            with contextlib.suppress(*_NOT_READABLE):
                sel = select(src, m.source, readonly=True)
                fps = [e.fp for e in scan(src, sel.exists)]
                for name, have in orphan_fps.items():
                    if _mostly_in(fps, have):
                        m.target = name
                        adopted.append(m)
                        del orphan_fps[name]
                        break
        return adopted

    def fingerprints_elsewhere(self, dst: ImapConnection, folder: str) -> Counter[bytes]:
        """Fingerprints in every other destination folder (only with --restore-removed)."""
        found: Counter[bytes] = Counter()
        for f in self.target().folders:
            if not f.selectable or f.name == folder:
                continue
            with contextlib.suppress(*_NOT_READABLE):
                dsel = select(dst, f.name, readonly=True)
                found.update(e.fp for e in scan(dst, dsel.exists))
        return found


def _mostly_in(fps: list[bytes], other: set[bytes]) -> bool:
    return bool(fps) and sum(1 for fp in fps if fp in other) * 2 >= len(fps)
