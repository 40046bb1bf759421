"""Move the mail: plan -> reconcile -> copy -> record, as a generator of events.

Invariants (ARCHITECTURE.md): the destination is read before writing, so whatever is
already there is skipped and a rerun never duplicates; a message is recorded as copied
only after the destination's OK; every source message ends in exactly one state.
"""

from __future__ import annotations

import contextlib
import fnmatch
import imaplib
import json
import logging
import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from imapclient.exceptions import IMAPClientError

from mailmover import paths
from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.connect import ImapConnection, connect, is_throttle
from mailmover.engine.control import Control
from mailmover.engine.events import (
    COPIED,
    FAILED,
    PRESENT,
    REMOVED,
    SKIPPED,
    Connected,
    Event,
    Finished,
    FolderFinished,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    Paused,
    PlanReady,
    Resumed,
    Retrying,
    Warning,
)
from mailmover.engine.folders import (
    FolderMapping,
    Listing,
    ensure_folder,
    fallback_parent,
    list_folders,
    plan_mapping,
)
from mailmover.engine.lock import MoveLock
from mailmover.engine.messages import keywords_allowed, save_eml, summary
from mailmover.engine.parallel import (
    ByteBudget,
    Copied,
    FolderCopy,
    Outcome,
    Pair,
    Refused,
    Vanished,
    WorkerError,
)
from mailmover.engine.reconcile import apply_flag_changes, decide
from mailmover.engine.report import Failure, FolderReport, Report
from mailmover.engine.scan import Entry, Selected, scan, select, sizes
from mailmover.engine.targets import separate_targets
from mailmover.store import Store, local_error

log = logging.getLogger(__name__)

_OVER_QUOTA = re.compile(r"\[OVERQUOTA\]|quota|mailbox is full|空间不足|容量", re.I)
_TOO_LARGE = re.compile(r"too (large|big)|size|exceed|\[TOOBIG\]|过大|超过", re.I)
# Reconnect-worthy connect errors once a run is under way (a laptop woke up offline).
_TRANSIENT_CONNECT = {
    errors.TIMEOUT,
    errors.CONNECTION_REFUSED,
    errors.NETWORK,
    errors.HOST_NOT_FOUND,
    errors.CONNECTION_LOST,
}


DEFAULT_CONNECTIONS = 4


@dataclass
class MoveOptions:
    include: Sequence[str] = ()  # glob patterns on source folder names
    exclude: Sequence[str] = ()
    # Connection pairs copying at once; providers throttle beyond 2-4 (PROVIDERS.md).
    connections: int = DEFAULT_CONNECTIONS
    # Cap `connections` at the provider's known limit (presets: Exmail 3) unless the user
    # chose the number: providers' risk control reacts to many logins.
    provider_limits: bool = True
    # Measured (benchmarks/run.py): 1 MB batches and 8 MB in flight copy as fast as 4/40 MB
    # at 0 and 20 ms, and keep peak memory from growing with the mailbox. A message larger
    # than the budget still goes, alone.
    batch_bytes: int = 1024 * 1024  # per UID FETCH
    batch_messages: int = 100
    inflight_bytes: int = 8 * 1024 * 1024  # fetched but not yet stored, all pairs together
    max_message_size: int | None = None  # larger ones are skipped (the user's choice)
    saved_dir: Path | None = None  # refused messages are kept here as .eml
    max_attempts: int = 8  # consecutive failed attempts without progress
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    overrides: dict[str, str] = field(default_factory=dict)
    target_parent: str | None = None
    # Copy again what an earlier run copied and the user has since deleted or moved
    # in the new mailbox (by default such copies are left alone: the user's choice).
    restore_removed: bool = False
    # Where the per-destination move lock lives (default: the user data folder; never
    # the state folder, so two state folders still exclude each other).
    lock_dir: Path | None = None


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


class Migration:
    """One source account to one target account, resumable through its store."""

    def __init__(
        self,
        source: Account,
        target: Account,
        store: Store | None,
        options: MoveOptions | None = None,
        control: Control | None = None,
        connector: Callable[[Account], ImapConnection] = connect,
    ) -> None:
        self.source = source
        self.target = target
        self.store = store
        self.options = options or MoveOptions()
        self.control = control or Control()
        self._connector = connector
        self._src: ImapConnection | None = None
        self._dst: ImapConnection | None = None
        self.source_listing: Listing | None = None
        self.target_listing: Listing | None = None
        self._target_names: set[str] = set()
        # (folder, uid) copied by this run: after a reconnect they show up as "present"
        # at the destination but were our work.
        self._copied: set[tuple[str, int]] = set()
        self._extra_pairs: list[Pair] = []  # beyond (self._src, self._dst)
        self._ahead: _ReadAhead | None = None  # the next folder, read during this one's copy
        self._relocated: dict[str, tuple[str, str]] = {}  # source -> (planned, actual) target
        self._pair_limit = max(1, self.options.connections)
        self._separated: list[tuple[str, FolderMapping]] = []  # renamed by plan()

    @property
    def _db(self) -> Store:
        """The progress store; planning needs none, a run does."""
        if self.store is None:
            raise ValueError("a run needs a progress store")
        return self.store

    # -- connections --------------------------------------------------------------
    def connections(self) -> tuple[ImapConnection, ImapConnection]:
        if self._src is None:
            self._src = self._connector(self.source)
            self._apply_provider_limit(self._src)
        if self._dst is None:
            self._dst = self._connector(self.target)
            self._apply_provider_limit(self._dst)
        return self._src, self._dst

    def _apply_provider_limit(self, conn: ImapConnection) -> None:
        if not self.options.provider_limits:
            return
        limit = provider_connection_limit(conn.greeting, conn.capabilities)
        if limit is not None and limit < self._pair_limit:
            log.info("%s allows %d connections; using %d pairs", conn.account.host, limit, limit)
            self._pair_limit = max(1, limit)

    def close(self) -> None:
        conns = [self._src, self._dst] + [c for pair in self._extra_pairs for c in pair]
        for conn in conns:
            if conn is not None:
                conn.close()
        self._src = self._dst = None
        self._extra_pairs = []

    def _copy_pairs(self, wanted: int) -> tuple[list[Pair], list[Event]]:
        """The main pair plus extra pairs opened in parallel; fewer if the server refuses."""
        src, dst = self.connections()
        wanted = max(1, min(wanted, self._pair_limit))
        missing = wanted - 1 - len(self._extra_pairs)
        warnings: list[Event] = []
        if missing > 0:
            opened: queue.SimpleQueue[Pair | BaseException] = queue.SimpleQueue()

            def open_pair() -> None:
                a: ImapConnection | None = None
                try:
                    a = self._connector(self.source)
                    opened.put((a, self._connector(self.target)))
                except BaseException as exc:  # noqa: BLE001 - handed to the caller
                    if a is not None:
                        a.close()
                    opened.put(exc)

            threads = [threading.Thread(target=open_pair, daemon=True) for _ in range(missing)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            while not opened.empty():
                got = opened.get()
                if isinstance(got, BaseException):
                    # A connection limit is not a reason to stop: go on with fewer pairs.
                    self._pair_limit = 1 + len(self._extra_pairs)
                    code = getattr(got, "code", errors.NETWORK)
                    warnings.append(Warning(errors.FEWER_CONNECTIONS, {"code": code}))
                else:
                    self._extra_pairs.append(got)
            self._pair_limit = max(self._pair_limit, 1 + len(self._extra_pairs))
        return [(src, dst), *self._extra_pairs][:wanted], warnings

    def connect_events(self) -> Iterator[Event]:
        src, dst = self.connections()
        yield Connected("source", self.source.host, tuple(sorted(src.capabilities)), src.greeting)
        yield Connected("target", self.target.host, tuple(sorted(dst.capabilities)), dst.greeting)

    # -- planning -----------------------------------------------------------------
    def plan(self, *, with_stats: bool = True) -> list[FolderMapping]:
        """List both sides and map folders; counts and sizes for the user to review."""
        src, dst = self.connections()
        self.source_listing = list_folders(src)
        self.target_listing = list_folders(dst)
        self._target_names = self.target_listing.names()
        overrides = {**self._remembered_renames(), **self.options.overrides}
        mappings = plan_mapping(
            self.source_listing,
            self.target_listing,
            overrides=overrides,
            target_parent=self.options.target_parent,
        )
        select_mappings(mappings, self.options.include, self.options.exclude)
        # Accidental collisions only: a target the user chose (--map, the wizard) may merge.
        self._separated = separate_targets(mappings, chosen=set(overrides))
        if with_stats:
            for m in mappings:
                m.messages, m.size = folder_stats(src, m.source)
        return mappings

    # -- running ------------------------------------------------------------------
    def run(self, mappings: list[FolderMapping] | None = None) -> Iterator[Event]:
        """Copy every included folder; ends with a Finished event carrying the report.

        Holds the destination's move lock throughout: a second move into the same
        mailbox (another window, the command line, another state folder) raises
        MOVE_IN_PROGRESS before anything is read or written."""
        lock = MoveLock(self.options.lock_dir or paths.data_dir() / "locks", self.target.key)
        lock.acquire()
        try:
            yield from self._run_locked(mappings)
        finally:
            lock.release()

    def _run_locked(self, mappings: list[FolderMapping] | None) -> Iterator[Event]:
        if mappings is None:
            mappings = self.plan(with_stats=False)
        elif self.target_listing is None:
            _, dst = self.connections()
            self.target_listing = list_folders(dst)
            self._target_names = self.target_listing.names()
        if self.store is None:
            raise ValueError("a run needs a progress store")
        report = Report(self.source.key, self.target.key)
        self._copied = set()  # a Migration may be run again (the wizard's "try again")
        self._db.set_meta("source", self.source.key)
        self._db.set_meta("target", self.target.key)
        for old_target, m in self._separated:
            params = {"folder": m.source, "planned": old_target, "target": m.target}
            self._db.log_event(errors.FOLDER_NAME_TAKEN, params)
            yield Warning(errors.FOLDER_NAME_TAKEN, params)
        # A folder moved before that the source no longer has: renamed (its mail is now
        # in a new folder: keep the old destination, so nothing is copied twice) or gone.
        known = {row["source"]: row for row in self._db.load_mapping()}
        gone = [name for name in known if name not in {m.source for m in mappings}]
        renamed = self._follow_renames(mappings, known, gone) if gone else []
        adopted = self._adopt_orphans(mappings, known)
        self._db.save_mapping(m.to_dict() for m in mappings)
        run_id = self._db.start_run()
        included = [m for m in mappings if m.include]
        for old, m in renamed:
            gone.remove(old)
            self._db.forget_folder(old)
            params = {"folder": old, "now": m.source, "target": m.target}
            self._db.log_event(errors.FOLDER_RENAMED, params)
            yield Warning(errors.FOLDER_RENAMED, params)
        for m in adopted:
            params = {"folder": m.source, "target": m.target}
            self._db.log_event(errors.FOLDER_RECOGNISED, params)
            yield Warning(errors.FOLDER_RECOGNISED, params)
        for name in gone:
            self._db.forget_folder(name)
            self._db.log_event(errors.FOLDER_MISSING, {"folder": name})
            yield Warning(errors.FOLDER_MISSING, {"folder": name})
        for m in included:
            report.folder(m.source, m.target).reached = False
        yield PlanReady(
            len(included),
            sum(m.messages or 0 for m in included),
            sum(m.size or 0 for m in included),
        )
        status = "finished"
        self._ahead = None
        try:
            for i, m in enumerate(included):
                if self.control.cancelled:
                    break
                nxt = included[i + 1] if i + 1 < len(included) else None
                yield from self._folder_with_retries(m, report, nxt)
        except (errors.StopMove, errors.TransientError) as exc:
            report.stopped_reason = exc.code
            status = "stopped"
            with contextlib.suppress(errors.StopMove):  # the disk may be what is full
                self._db.log_event(exc.code, exc.params)
            yield Warning(exc.code, {k: str(v) for k, v in exc.params.items()})
        finally:
            self._count_unreached(included, report)
            self.close()
        if self.control.cancelled:
            report.cancelled = True
            status = "cancelled"
        # Folders never reached are part of the account too: their real source count
        # is pending, so the totals add up to the mailbox.
        for m in included:
            fr = report.folder(m.source, m.target)
            if fr.accounted < fr.source_count:
                fr.pending = fr.source_count - (fr.accounted - fr.pending)
        report.finished = time.time()
        with contextlib.suppress(errors.StopMove):
            self._db.finish_run(run_id, status, report.to_dict())
        yield Finished(report.cancelled, report)

    def _fingerprints_elsewhere(self, dst: ImapConnection, folder: str) -> Counter[bytes]:
        """Fingerprints in every other destination folder (only with --restore-removed)."""
        assert self.target_listing is not None
        found: Counter[bytes] = Counter()
        for f in self.target_listing.folders:
            if not f.selectable or f.name == folder:
                continue
            with contextlib.suppress(IMAPClientError, imaplib.IMAP4.error, errors.MailMoverError):
                dsel = select(dst, f.name, readonly=True)
                found.update(e.fp for e in scan(dst, dsel.exists))
        return found

    def _count_unreached(self, included: list[FolderMapping], report: Report) -> None:
        """Source counts of folders the run never read: from the plan, else STATUS on a
        connection that is still open (never a new login at the end of a broken run)."""
        for m in included:
            fr = report.folder(m.source, m.target)
            if fr.reached:
                continue
            if m.messages is not None:
                fr.source_count = m.messages
            elif self._src is not None:
                with contextlib.suppress(Exception):
                    status = self._src.client.folder_status(m.source, [b"MESSAGES"])
                    fr.source_count = int(status.get(b"MESSAGES", 0))

    def _adopt_orphans(
        self, mappings: list[FolderMapping], known: dict[str, dict[str, object]]
    ) -> list[FolderMapping]:
        """A source folder this store never saw whose destination does not exist yet,
        while a destination folder nobody maps to holds its mail: the folder was renamed
        on the old server after an earlier move whose progress file is lost. Keep the
        existing destination instead of copying everything a second time."""
        assert self.target_listing is not None
        names = self.target_listing.names()
        taken = {m.target for m in mappings}
        orphans = [
            f.name
            for f in self.target_listing.folders
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
        src, dst = self.connections()
        orphan_fps: dict[str, set[bytes]] = {}
        for name in orphans:
            with contextlib.suppress(IMAPClientError, imaplib.IMAP4.error, errors.MailMoverError):
                dsel = select(dst, name, readonly=True)
                orphan_fps[name] = {e.fp for e in scan(dst, dsel.exists)}
        adopted: list[FolderMapping] = []
        for m in candidates:
            with contextlib.suppress(IMAPClientError, imaplib.IMAP4.error, errors.MailMoverError):
                sel = select(src, m.source, readonly=True)
                fps = [e.fp for e in scan(src, sel.exists)]
                for name, have in orphan_fps.items():
                    shared = sum(1 for fp in fps if fp in have)
                    if fps and shared * 2 >= len(fps):
                        m.target = name
                        adopted.append(m)
                        del orphan_fps[name]
                        break
        return adopted

    def _folder_with_retries(
        self, m: FolderMapping, report: Report, nxt: FolderMapping | None = None
    ) -> Iterator[Event]:
        attempts = 0
        while True:
            progress = [False]
            try:
                yield from self._folder(m, report, progress, nxt)
                return
            except errors.StopMove:
                raise
            except (errors.TransientError, errors.ConnectError) as exc:
                if isinstance(exc, errors.ConnectError) and exc.code not in _TRANSIENT_CONNECT:
                    raise
                self.close()
                if exc.code == errors.THROTTLED:
                    self._pair_limit = max(1, self._pair_limit - 1)
                attempts = 1 if progress[0] else attempts + 1
                if attempts > self.options.max_attempts:
                    raise errors.TransientError(exc.code, **exc.params) from None
                delay = min(
                    self.options.backoff_initial * 2 ** (attempts - 1), self.options.backoff_max
                )
                self._db.log_event("retry", {"code": exc.code, "attempt": attempts})
                yield Retrying(exc.code, attempts, delay, str(exc.params.get("detail", "")))
                if self.control.sleep(delay):
                    return
            except errors.MailMoverError as exc:
                if isinstance(exc, errors.ConnectError):
                    raise
                # Only this folder cannot be moved (e.g. the server sent a UID that cannot
                # be right): say so with the server's words and go on with the others.
                with contextlib.suppress(errors.StopMove):
                    self._db.log_event(exc.code, exc.params)
                params = {"folder": m.source, **{k: str(v) for k, v in exc.params.items()}}
                yield Warning(exc.code, params)
                return

    def _remembered_renames(self) -> dict[str, str]:
        """Source folders recognised as renamed in an earlier run -> their destination."""
        if self.store is None:
            return {}
        return dict(json.loads(self.store.get_meta("renamed_targets") or "{}"))

    def _follow_renames(
        self,
        mappings: list[FolderMapping],
        known: dict[str, dict[str, object]],
        gone: list[str],
    ) -> list[tuple[str, FolderMapping]]:
        """New source folders holding mostly the mail of a folder that went away are that
        folder renamed: they keep its destination."""
        src, _ = self.connections()
        found: list[tuple[str, FolderMapping]] = []
        candidates = {name: self._db.fingerprints(name) for name in gone}
        for m in mappings:
            if not m.include or m.role is not None or m.source in known or not candidates:
                continue
            sel = select(src, m.source, readonly=True)
            fps = [e.fp for e in scan(src, sel.exists)]
            for old, old_fps in candidates.items():
                shared = sum(1 for fp in fps if fp in old_fps)
                if fps and shared * 2 >= len(fps):
                    m.target = str(known[old]["target"])
                    found.append((old, m))
                    remembered = {**self._remembered_renames(), m.source: m.target}
                    self._db.set_meta("renamed_targets", json.dumps(remembered))
                    del candidates[old]
                    break
        return found

    def _ensure_target(self, dst: ImapConnection, m: FolderMapping, delimiter: str) -> None:
        """Create the destination folder; when the server refuses a top-level folder, try
        under its own parent for user folders and remember where it went (`m.target`)."""
        try:
            ensure_folder(dst, m.target, delimiter, self._target_names)
        except errors.MailMoverError as exc:
            assert self.target_listing is not None
            alt = fallback_parent(self.target_listing, m.target)
            if exc.code != errors.FOLDER_CREATE_FAILED or alt is None:
                raise
            ensure_folder(dst, alt, delimiter, self._target_names)
            self._relocated[m.source] = (m.target, alt)
            m.target = alt

    def _refused_folder(
        self, m: FolderMapping, fr: FolderReport, refused: _FolderRefused
    ) -> Iterator[Event]:
        exc = refused.error
        detail = str(exc.params.get("detail", ""))
        self._db.log_event(exc.code, exc.params)
        yield Warning(exc.code, {k: str(v) for k, v in exc.params.items()})
        self._db.begin_folder(m.source, refused.sel.uidvalidity, refused.sel.exists)
        fr.reset(FolderReport(m.source, m.target, len(refused.entries)))
        yield FolderStarted(m.source, m.target, fr.source_count, 0, 0, 0, 0)
        for e in refused.entries:
            yield from self._fail(
                m, refused.sel.uidvalidity, e, fr, errors.FOLDER_CREATE_FAILED, detail, None
            )
        yield FolderFinished(m.source, {FAILED: fr.failed, "total": fr.source_count})

    def _read_sides(
        self, src: ImapConnection, dst: ImapConnection, m: FolderMapping
    ) -> _Sides | None:
        """Both sides of a folder, read in parallel; None when the source folder is gone."""
        assert self.target_listing is not None
        delimiter = self.target_listing.delimiter
        target_side: list[object] = []

        def read_target() -> None:
            # The destination is read on its own connection while the source is scanned.
            try:
                self._ensure_target(dst, m, delimiter)
                dsel = select(dst, m.target, readonly=False)
                target_side.extend((dsel, list(scan(dst, dsel.exists))))
            except BaseException as exc:  # noqa: BLE001 - re-raised on this thread
                target_side.append(exc)

        reader = threading.Thread(target=read_target, name="mm-reconcile", daemon=True)
        reader.start()
        try:
            try:
                sel = select(src, m.source, readonly=True)
            except (IMAPClientError, imaplib.IMAP4.error):
                with src.guard():
                    if src.client.folder_exists(m.source):
                        raise
                return None
            entries = list(scan(src, sel.exists))
        finally:
            reader.join()
        if isinstance(target_side[0], errors.MailMoverError) and (
            target_side[0].code == errors.FOLDER_CREATE_FAILED
        ):
            # Not a connection problem: retrying will not help. Every message of the
            # folder is reported as failed with the server's reason; the move goes on.
            raise _FolderRefused(target_side[0], sel, entries)
        if isinstance(target_side[0], BaseException):
            raise target_side[0]
        dsel, at_target = target_side
        assert isinstance(dsel, Selected) and isinstance(at_target, list)
        return sel, entries, dsel, at_target

    def _folder(
        self,
        m: FolderMapping,
        report: Report,
        progress: list[bool],
        nxt: FolderMapping | None = None,
    ) -> Iterator[Event]:
        src, dst = self.connections()
        fr = report.folder(m.source, m.target)
        fr.reached = True
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead.mapping is m and ahead.error is None:
            sides = ahead.sides  # read while the previous folder was being copied
        else:
            # Not read ahead, or that failed: read now (a broken connection raises here
            # and goes to the folder retry, as it always did).
            try:
                sides = self._read_sides(src, dst, m)
            except _FolderRefused as refused:
                yield from self._refused_folder(m, fr, refused)
                return
        del ahead
        if m.source in self._relocated:
            planned, actual = self._relocated.pop(m.source)
            fr.target = actual
            self._db.save_mapping([m.to_dict()])
            self._db.log_event(errors.FOLDER_RELOCATED, {"folder": planned, "target": actual})
            yield Warning(errors.FOLDER_RELOCATED, {"folder": planned, "target": actual})
        if sides is None:
            # Deleted or renamed on the old server after planning: report, go on.
            self._db.log_event(errors.FOLDER_MISSING, {"folder": m.source})
            yield Warning(errors.FOLDER_MISSING, {"folder": m.source})
            return
        sel, entries, dsel, at_target = sides
        del sides
        if self._db.begin_folder(m.source, sel.uidvalidity, sel.exists):
            yield Warning(errors.UIDVALIDITY_CHANGED, {"folder": m.source})
        keywords = keywords_allowed(dsel.permanent_flags)

        # Identity decides (store record, fingerprint, content digest); the multiset of
        # genuine duplicates is respected and one copy never stands for two sources.
        decision = decide(
            entries,
            at_target,
            dsel.uidvalidity,
            self._db.records(m.source),
            src=src,
            dst=dst,
            source_folder=m.source,
            target_folder=fr.target,
            keywords=keywords,
            max_message_size=self.options.max_message_size,
            restore_removed=self.options.restore_removed,
            elsewhere=lambda: self._fingerprints_elsewhere(dst, fr.target),
        )
        fresh = FolderReport(m.source, fr.target, source_count=len(entries))
        fr.reset(fresh)
        for e in decision.present:
            fr.add(COPIED if (m.source, e.uid) in self._copied else PRESENT, e.size)
        for _ in decision.skipped:
            fr.add(SKIPPED)
        for _ in decision.removed:
            fr.add(REMOVED)
        if decision.flag_changes:
            apply_flag_changes(dst, fr.target, list(decision.flag_changes.values()))
            fr.flags_updated = len(decision.flag_changes)
        self._db.record(m.source, sel.uidvalidity, decision.rows)
        to_copy = decision.to_copy
        target_uidvalidity = dsel.uidvalidity
        del entries, at_target, decision
        yield FolderStarted(
            m.source,
            m.target,
            fr.source_count,
            len(to_copy),
            fr.present,
            fr.skipped,
            sum(e.size for e in to_copy),
        )
        if to_copy and not self.control.cancelled:
            yield from self._copy(
                m, sel.uidvalidity, target_uidvalidity, to_copy, fr, keywords, progress, nxt
            )
        fr.pending = fr.source_count - (fr.accounted - fr.pending)
        yield FolderFinished(
            m.source,
            {
                COPIED: fr.copied,
                PRESENT: fr.present,
                SKIPPED: fr.skipped,
                FAILED: fr.failed,
                REMOVED: fr.removed,
                "pending": fr.pending,
                "total": fr.source_count,
            },
        )

    def _copy(
        self,
        m: FolderMapping,
        uidvalidity: int,
        target_uidvalidity: int,
        to_copy: list[Entry],
        fr: FolderReport,
        keywords: bool,
        progress: list[bool],
        nxt: FolderMapping | None = None,
    ) -> Iterator[Event]:
        """Run the pairs and record their outcomes here, on the caller's thread.

        The store is written from this thread only. A worker's error (connection lost,
        throttled, mailbox full) stops the others; what the destination already
        answered is still recorded, then the error goes up to the folder retry.
        """
        pairs, warnings = self._copy_pairs(self.options.connections)
        yield from warnings
        copiers, ahead = pairs, None
        if nxt is not None and len(pairs) > 1 and nxt.target != m.target:
            # Reconcile the next folder on the main pair while the others copy this one;
            # the main pair joins the copy when done. The next folder's destination is
            # still read before anything is written into it (a folder sharing this one's
            # target is not read ahead: this copy is writing there).
            ahead = _ReadAhead(self, nxt, *pairs[0])
            copiers = pairs[1:]
        copy = FolderCopy(
            copiers,
            m.source,
            m.target,
            uidvalidity,
            to_copy,
            keywords=keywords,
            control=self.control,
            budget=ByteBudget(self.options.inflight_bytes),
            batch_bytes=self.options.batch_bytes,
            batch_messages=self.options.batch_messages,
        )
        error: BaseException | None = None
        paused = False
        copy.start()
        joined = ahead is None
        try:
            while True:
                if not joined and ahead is not None and ahead.done:
                    joined = True
                    if ahead.error is None:
                        copy.add_pair(pairs[0])
                done = copy.finished  # read before draining: nothing can follow it
                outcomes = _drain(copy.results, 0.0 if done else 0.02)
                copied = [o for o in outcomes if isinstance(o, Copied)]
                if copied:
                    self._db.record(
                        m.source,
                        uidvalidity,
                        [
                            {
                                "uid": o.entry.uid,
                                "fp": o.entry.fp,
                                "state": COPIED,
                                "size": o.entry.size,
                                "target_uid": o.target_uid,
                                "target_uidvalidity": target_uidvalidity,
                                "flags": o.flags,
                            }
                            for o in copied
                        ],
                    )
                for o in outcomes:
                    if isinstance(o, Copied):
                        self._copied.add((m.source, o.entry.uid))
                        fr.add(COPIED, o.entry.size)
                        progress[0] = True
                        yield MessageCopied(m.source, o.entry.uid, o.entry.size)
                    elif isinstance(o, Vanished):
                        yield from self._fail(
                            m, uidvalidity, o.entry, fr, errors.MESSAGE_VANISHED, "", None
                        )
                    elif isinstance(o, Refused):
                        stop = self._refusal_error(o.text)
                        if stop is None:
                            yield from self._fail(
                                m, uidvalidity, o.entry, fr, _refusal_reason(o.text), o.text, o.raw
                            )
                        elif error is None:
                            error = stop  # not recorded: the retry copies it again
                            copy.halt()
                    elif isinstance(o, WorkerError) and error is None:
                        error = o.error
                        copy.halt()
                if done and not outcomes:
                    break
                if self.control.cancelled:
                    copy.halt()
                if self.control.paused and not paused:
                    paused = True
                    yield Paused()
                elif paused and not self.control.paused:
                    paused = False
                    if not self.control.cancelled:
                        yield Resumed()
        finally:
            # Also when the consumer stops iterating: no worker outlives the folder.
            copy.halt()
            copy.join()
            if ahead is not None:
                ahead.thread.join()  # it speaks on the main pair
        if error is not None:
            raise error
        self._ahead = ahead

    def _refusal_error(self, text: str) -> errors.MailMoverError | None:
        """A refusal that concerns the account, not the message: stop or slow down."""
        if _OVER_QUOTA.search(text):
            return errors.StopMove(errors.OVER_QUOTA, host=self.target.host, detail=text)
        if not _TOO_LARGE.search(text) and ("[LIMIT]" in text.upper() or is_throttle(text)):
            return errors.TransientError(errors.THROTTLED, host=self.target.host, detail=text)
        return None

    def _fail(
        self,
        m: FolderMapping,
        uidvalidity: int,
        e: Entry,
        fr: FolderReport,
        reason: str,
        detail: str,
        raw: bytes | None,
    ) -> Iterator[Event]:
        subject, date = summary(raw) if raw else ("", "")
        saved = ""
        if raw is not None and self.options.saved_dir is not None:
            try:
                saved = str(save_eml(self.options.saved_dir, m.source, uidvalidity, e.uid, raw))
            except OSError as exc:
                local = local_error(exc, self.options.saved_dir)
                if local is not None:
                    raise local from None
                log.warning("could not keep a copy of a refused message: %s", exc)
        self._db.record(
            m.source,
            uidvalidity,
            [
                {
                    "uid": e.uid,
                    "fp": e.fp,
                    "state": FAILED,
                    "size": e.size,
                    "reason": reason,
                    "detail": detail,
                    "subject": subject,
                    "date": date,
                    "saved_as": saved,
                }
            ],
        )
        fr.add(FAILED)
        fr.failures.append(Failure(m.source, e.uid, subject, date, e.size, reason, detail, saved))
        yield MessageFailed(m.source, e.uid, reason, detail, saved)


_Sides = tuple[Selected, list[Entry], Selected, list[Entry]]


class _FolderRefused(Exception):
    """The destination refused to create the folder: its messages fail, the move goes on."""

    def __init__(self, error: errors.MailMoverError, sel: Selected, entries: list[Entry]):
        super().__init__(error.code)
        self.error, self.sel, self.entries = error, sel, entries


class _ReadAhead:
    """The next folder's two sides, read on the main pair while this folder copies."""

    def __init__(
        self, migration: Migration, mapping: FolderMapping, src: ImapConnection, dst: ImapConnection
    ) -> None:
        self.mapping = mapping
        self.sides: _Sides | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(
            target=self._run, args=(migration, src, dst), name="mm-read-ahead", daemon=True
        )
        self.thread.start()

    def _run(self, migration: Migration, src: ImapConnection, dst: ImapConnection) -> None:
        try:
            self.sides = migration._read_sides(src, dst, self.mapping)
        except BaseException as exc:  # noqa: BLE001 - the folder reads it again, on its thread
            self.error = exc

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


def provider_connection_limit(greeting: str, capabilities: frozenset[str]) -> int | None:
    """The known connection limit of the server's provider (presets), if any."""
    from mailmover.identify import identify
    from mailmover.presets import preset_for_kind

    kind = identify(greeting, capabilities)
    preset = preset_for_kind(kind.value)
    return preset.quirks.max_connections if preset is not None else None


def _refusal_reason(text: str) -> str:
    return errors.MESSAGE_TOO_LARGE if _TOO_LARGE.search(text) else errors.MESSAGE_REJECTED


def _drain(results: queue.SimpleQueue[Outcome], timeout: float) -> list[Outcome]:
    """Everything waiting, or what arrives within `timeout`."""
    out: list[Outcome] = []
    try:
        out.append(results.get(timeout=timeout) if timeout > 0 else results.get_nowait())
        while len(out) < 500:
            out.append(results.get_nowait())
    except queue.Empty:
        pass
    return out


def folder_stats(conn: ImapConnection, folder: str) -> tuple[int, int]:
    """(messages, bytes) of a folder, from sizes fetched in batches."""
    count = total = 0
    for size in sizes(conn, folder):
        count += 1
        total += size
    return count, total
