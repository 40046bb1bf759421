"""Move the mail: plan -> for each group of folders (reconcile -> copy -> record), as events.

The orchestrator. The parts it drives, each with one job:
- `pool.ConnectionPool`: logs in once per account, lends connections;
- `planner.Planner`: folders, mapping, renamed folders;
- `groups.folder_groups`: which folders are copied together (small ones in flight at
  once, a large one alone);
- `folder_run.FolderRunner`: one group of folders, reconcile -> copy -> record;
- `reconcile`/`identity`: which message is whose copy; `store.Store`: the record.

A group whose copy breaks (connection lost, throttled) is tried again as a whole after a
wait that matches the cause (backoff.py: at once, then briefly; long pauses only when
the server asks to slow down; an absent network is waited for). After the last folder, a final
pass copies the messages set aside because they kept breaking the connection; those
still failing are left pending, and the next run does them last.

Invariants (docs/architecture.md): the destination is read before writing, so whatever
is already there is skipped and a rerun never duplicates; a message is recorded as
copied only after the destination's OK; every source message ends in exactly one state;
one move per destination mailbox at a time (the lock).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Iterator

from mailmover import paths, safefiles
from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.backoff import OFFLINE_CODES, Backoff
from mailmover.engine.control import Control
from mailmover.engine.copy_work import TargetFolderGone
from mailmover.engine.events import (
    Connected,
    Event,
    Finished,
    Retrying,
    Warning,
)
from mailmover.engine.folder_run import FolderRunner
from mailmover.engine.folders import FolderMapping, Listing
from mailmover.engine.gmail_labels import LabelCopies
from mailmover.engine.groups import folder_groups
from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.lock import MoveLock
from mailmover.engine.options import DEFAULT_CONNECTIONS, MoveOptions
from mailmover.engine.pacing import DailyBudget, Pacer, daily_budget
from mailmover.engine.planner import Planner, folder_stats, select_mappings
from mailmover.engine.pool import ConnectionPool, Connector, provider_connection_limit
from mailmover.engine.progress import plan_ready
from mailmover.engine.report import Report
from mailmover.engine.spool import Spool
from mailmover.store import Store

__all__ = [
    "DEFAULT_CONNECTIONS",
    "Migration",
    "MoveOptions",
    "folder_stats",
    "provider_connection_limit",
    "select_mappings",
]

# Reconnect-worthy connect errors once a run is under way (a laptop woke up offline).
_TRANSIENT_CONNECT = {
    errors.TIMEOUT,
    errors.CONNECTION_REFUSED,
    errors.NETWORK,
    errors.HOST_NOT_FOUND,
    errors.CONNECTION_LOST,
}
_PLAN_ATTEMPTS = 3


class Migration:
    """One source account to one target account, resumable through its store.

    `pool` may be shared with the wizard's other steps (one login per account); a
    Migration closes only a pool it opened itself."""

    def __init__(
        self,
        source: Account,
        target: Account,
        store: Store | None,
        options: MoveOptions | None = None,
        control: Control | None = None,
        connector: Connector = connect,
        pool: ConnectionPool | None = None,
    ) -> None:
        self.source = source
        self.target = target
        self.store = store
        self.options = options or MoveOptions()
        self.control = control or Control()
        self._own_pool = pool is None
        self._expired = False  # the last attempt ended with BYE Session expired
        self.pool = pool or ConnectionPool(
            source,
            target,
            connector,
            pairs=self.options.connections,
            provider_limits=self.options.provider_limits,
        )
        self.planner = Planner(
            self.pool,
            store=store,
            include=self.options.include,
            exclude=self.options.exclude,
            overrides=self.options.overrides,
            target_parent=self.options.target_parent,
        )

    @property
    def source_listing(self) -> Listing | None:
        return self.planner.source_listing

    @property
    def target_listing(self) -> Listing | None:
        return self.planner.target_listing

    def connections(self) -> tuple[ImapConnection, ImapConnection]:
        return self.pool.main()

    def close(self) -> None:
        if self._own_pool:
            self.pool.close()

    def daily_budget(self) -> DailyBudget | None:
        """Bytes a day this move may move (pacing.py): the user's, else Gmail's limits
        where either side is Gmail (known from the plan's listings, else X-GM-EXT-1)."""
        if self.options.max_bytes_per_day is not None:
            return daily_budget(self.options.max_bytes_per_day, False, False)
        src, dst = self.planner.source_listing, self.planner.target_listing
        if src is None or dst is None:
            a, b = self.pool.main()
            return daily_budget(None, a.has("X-GM-EXT-1"), b.has("X-GM-EXT-1"))
        return daily_budget(None, src.gmail, dst.gmail)

    def _label_copies(self, mappings: list[FolderMapping]) -> LabelCopies:
        """Gmail as the old mailbox: a message in several labels is copied once, then by
        COPY on the destination (which must say where: UIDPLUS), or once only; Gmail as
        the new one: what several old folders hold is stored once, labelled by COPY."""
        src, dst = self.pool.main()
        listing = self.planner.source_listing
        gmail = (listing.gmail if listing is not None else src.has("X-GM-EXT-1")) or any(
            m.unlabelled_only for m in mappings
        )
        one_copy = self.options.gmail_one_copy
        into_gmail = self.planner.target().gmail and dst.has("UIDPLUS")
        return LabelCopies(
            mappings,
            gmail and (one_copy or dst.has("UIDPLUS")),
            one_copy,
            into_gmail=into_gmail,
        )

    def connect_events(self) -> Iterator[Event]:
        src, dst = self.pool.main()
        yield Connected("source", self.source.host, tuple(sorted(src.capabilities)), src.greeting)
        yield Connected("target", self.target.host, tuple(sorted(dst.capabilities)), dst.greeting)

    def plan(self, *, with_stats: bool = True) -> list[FolderMapping]:
        """List both sides and map folders; counts and sizes for the user to review.

        A connection cut while planning is tried again a few times at once (a flaky line
        cuts the planning connections too); a network that stays away is reported."""
        backoff = Backoff(initial=self.options.backoff_initial, max_attempts=_PLAN_ATTEMPTS)
        while True:
            try:
                return self.planner.plan(with_stats=with_stats)
            except (errors.TransientError, errors.ConnectError) as exc:
                if isinstance(exc, errors.ConnectError) and exc.code not in _TRANSIENT_CONNECT:
                    raise
                delay = backoff.next_delay(exc.code)
                if delay is None or exc.code in OFFLINE_CODES:
                    raise
                self.pool.reset()
                if delay and self.control.sleep(delay):
                    raise

    # -- running ------------------------------------------------------------------
    def run(self, mappings: list[FolderMapping] | None = None) -> Iterator[Event]:
        """Copy every included folder; ends with a Finished event carrying the report.

        Holds the destination's move lock throughout: a second move into the same
        mailbox (another window, the command line, another state folder) raises
        MOVE_IN_PROGRESS before anything is read or written."""
        if self.store is None:
            raise ValueError("a run needs a progress store")
        lock = MoveLock(self.options.lock_dir or paths.data_dir() / "locks", self.target.key)
        lock.acquire()
        try:
            yield from self._run_locked(self.store, mappings)
        finally:
            lock.release()

    def _run_locked(self, store: Store, mappings: list[FolderMapping] | None) -> Iterator[Event]:
        if mappings is None:
            mappings = self.plan(with_stats=False)
        report = Report(self.source.key, self.target.key)
        if safefiles.warn_once_without_modes(store.path.parent):
            yield Warning(errors.NO_PERMISSIONS, {"path": str(store.path.parent)})
        store.set_meta("source", self.source.key)
        store.set_meta("target", self.target.key)
        # The extra pairs log in while the run starts and reads the first folders, so the
        # first copy does not wait for their logins. Only on an open pool: a login that
        # fails here would bypass the folder retry (its waits, offline patience).
        if self.pool.is_open:
            self.pool.prepare(self.options.connections)
        yield from self._announce_plan_changes(store, mappings)
        spool = self._spool()
        runner = FolderRunner(
            store=store,
            options=self.options,
            control=self.control,
            planner=self.planner,
            pool=self.pool,
            spool=spool,
            pacer=Pacer(store, self.daily_budget(), self.options.clock),
            labels=self._label_copies(mappings),
        )
        runner.tries.set_aside = _load_set_aside(store)
        run_id = store.start_run()
        included = [m for m in mappings if m.include]
        for m in included:
            report.folder(m.source, m.target).reached = False
        yield plan_ready(included, store.accounted())
        status = "finished"
        backoff = Backoff(
            initial=self.options.backoff_initial,
            network_max=min(4.0, self.options.backoff_max),
            throttle_max=self.options.backoff_max,
            max_attempts=self.options.max_attempts,
            patience=self.options.offline_patience,
        )
        groups = folder_groups(included)
        try:
            for i, group in enumerate(groups):
                if self.control.cancelled:
                    break
                nxt = groups[i + 1] if i + 1 < len(groups) else []
                yield from self._folder_with_retries(runner, group, report, nxt, backoff)
            # The final pass: messages set aside (they kept breaking the connection, or
            # the last run left them) now that everything else is done.
            runner.tries.final_pass = True
            for m in included:
                if self.control.cancelled:
                    break
                if any(folder == m.source for folder, _ in runner.tries.set_aside):
                    yield from self._folder_with_retries(runner, [m], report, [], backoff)
        except (errors.StopMove, errors.TransientError) as exc:
            report.stopped_reason = exc.code
            status = "stopped"
            with contextlib.suppress(errors.StopMove):  # the disk may be what is full
                store.log_event(exc.code, exc.params)
            yield Warning(exc.code, {k: str(v) for k, v in exc.params.items()})
        finally:
            self._count_unreached(included, report)
            if self._own_pool:
                self.pool.reset()
            else:
                self.pool.release_extra()  # the main pair stays for verify
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
            # Still set aside: the next run copies them after everything else.
            store.set_meta("set_aside", json.dumps(sorted(runner.tries.set_aside)))
            store.finish_run(run_id, status, report.to_dict())
        if report.ok:
            spool.clear()  # nothing is left to resume: no copy of the mail stays behind
        yield Finished(report.cancelled, report)

    def _announce_plan_changes(
        self, store: Store, mappings: list[FolderMapping]
    ) -> Iterator[Event]:
        """Folders renamed, recognised, separated or gone since the last run: adjust the
        mapping (so nothing is copied twice) and say so."""
        for planned, m in self.planner.separated:
            params = {"folder": m.source, "planned": planned, "target": m.target}
            store.log_event(errors.FOLDER_NAME_TAKEN, params)
            yield Warning(errors.FOLDER_NAME_TAKEN, params)
        # A folder moved before that the source no longer has: renamed (its mail is now
        # in a new folder: keep the old destination, so nothing is copied twice) or gone.
        known = {row["source"]: row for row in store.load_mapping()}
        gone = [name for name in known if name not in {m.source for m in mappings}]
        renamed = self.planner.follow_renames(mappings, known, gone) if gone else []
        adopted = self.planner.adopt_orphans(mappings, known)
        store.save_mapping(m.to_dict() for m in mappings)
        for old, m in renamed:
            gone.remove(old)
            store.forget_folder(old)
            params = {"folder": old, "now": m.source, "target": m.target}
            store.log_event(errors.FOLDER_RENAMED, params)
            yield Warning(errors.FOLDER_RENAMED, params)
        for m in adopted:
            params = {"folder": m.source, "target": m.target}
            store.log_event(errors.FOLDER_RECOGNISED, params)
            yield Warning(errors.FOLDER_RECOGNISED, params)
        for name in gone:
            store.forget_folder(name)
            store.log_event(errors.FOLDER_MISSING, {"folder": name})
            yield Warning(errors.FOLDER_MISSING, {"folder": name})

    def _spool(self) -> Spool:
        """One spool folder per (source, destination): two moves never share a file."""
        base = self.options.spool_dir or paths.data_dir() / "spool"
        key = f"{self.source.key}\0{self.target.key}".encode()
        return Spool(base / hashlib.sha256(key).hexdigest()[:16])

    def _folder_with_retries(
        self,
        runner: FolderRunner,
        group: list[FolderMapping],
        report: Report,
        nxt: list[FolderMapping],
        backoff: Backoff,
    ) -> Iterator[Event]:
        """A group of folders (folder_groups), run again as a whole after a cut."""
        while True:
            progress = [False]
            try:
                yield from runner.run(group, report, progress, nxt)
                backoff.progressed()
                runner.done_with(group)
                self._expired = False
                return
            except errors.StopMove:
                raise
            except (errors.TransientError, errors.ConnectError) as exc:
                if isinstance(exc, errors.ConnectError) and exc.code not in _TRANSIENT_CONNECT:
                    raise
                if progress[0]:
                    self._expired = False
                if exc.code == errors.SESSION_EXPIRED:
                    # Gmail ends old sessions so; at once again, without progress, it
                    # is its daily limit: stop for today (exit 7), the next run resumes.
                    if self._expired:
                        raise faults.StoppedForToday(
                            errors.PROVIDER_DAILY_LIMIT, **exc.params
                        ) from None
                    self._expired = True
                self.pool.reset()
                runner.ahead = None
                if exc.code == errors.THROTTLED:
                    self.pool.slow_down()
                if progress[0]:
                    backoff.progressed()
                delay = backoff.next_delay(exc.code)
                if delay is None:
                    raise errors.TransientError(exc.code, **exc.params) from None
                if runner.unanswered:
                    # The server may still be storing an APPEND it read before the cut;
                    # reading the folder before it is done would copy that message twice.
                    runner.unanswered = False
                    delay = max(delay, settle_time(self.options))
                runner.store.log_event("retry", {"code": exc.code, "attempt": backoff.attempts})
                yield Retrying(exc.code, backoff.attempts, delay,
                               str(exc.params.get("detail", "")), str(exc.params.get("host", "")))
                if delay and self.control.sleep(delay):
                    return
            except errors.MailMoverError as exc:
                if isinstance(exc, errors.ConnectError):
                    raise
                if isinstance(exc, TargetFolderGone) and runner.reader.recreate(exc.target):
                    params = {"folder": exc.target}
                    with contextlib.suppress(errors.StopMove):
                        runner.store.log_event(errors.FOLDER_RECREATED, params)
                    yield Warning(errors.FOLDER_RECREATED, params)
                    runner.ahead = None  # it may have read the folder before it went
                    continue
                if len(group) > 1:
                    # Which folder? Each on its own: only that one is reported below.
                    for m in group:
                        if self.control.cancelled:
                            return
                        yield from self._folder_with_retries(runner, [m], report, [], backoff)
                    return
                m = group[0]
                # Only this folder cannot be moved (e.g. the server sent a UID that cannot
                # be right): say so with the server's words and go on with the others.
                with contextlib.suppress(errors.StopMove):
                    runner.store.log_event(exc.code, exc.params)
                params = {"folder": m.source, **{k: str(v) for k, v in exc.params.items()}}
                fr = report.folder(m.source, m.target)
                fr.error, fr.reached = exc.code, False  # its messages count as pending
                yield Warning(exc.code, params)
                return

    def _count_unreached(self, included: list[FolderMapping], report: Report) -> None:
        """Source counts of folders the run never read: from the plan, else STATUS on a
        connection that is still open (never a new login at the end of a broken run)."""
        src = self.pool.source_if_open()
        for m in included:
            fr = report.folder(m.source, m.target)
            if fr.reached:
                continue
            if m.messages is not None:
                fr.source_count = m.messages
            elif src is not None:
                with contextlib.suppress(faults.Fault):
                    count = ops.message_count(src, m.source)
                    fr.source_count = count if count is not None else fr.source_count


def settle_time(options: MoveOptions) -> float:
    """How long a server may need to finish an APPEND whose connection broke."""
    return min(2.0, max(0.2, 2 * options.backoff_initial))


def _load_set_aside(store: Store) -> set[tuple[str, int]]:
    """Messages the last run set aside and did not copy: this run does them last."""
    try:
        rows = json.loads(store.get_meta("set_aside") or "[]")
        return {(str(folder), int(uid)) for folder, uid in rows}
    except (ValueError, TypeError):
        return set()  # unreadable: nothing is set aside, everything is copied in order
