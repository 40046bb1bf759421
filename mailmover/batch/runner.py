"""Run many single-account moves at once, within a global cap of connections per server.

Each account is an ordinary move: the same Migration, progress store, destination lock
and report as `mailmover migrate`, so rerunning a batch resumes every account and a
single account can be finished later with `migrate`. Accounts run in threads (the work
waits on the network; each thread opens its own connections, as imapclient requires).

The cap: before an account starts, its worker reserves the account's connections on
both servers (all at once, so two workers never hold half of what each needs); the
connector handed to the engine refuses any connection beyond that reservation. The
sum of reservations never exceeds the cap, so neither do the open connections.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from mailmover import paths
from mailmover.batch.accounts import Job
from mailmover.engine import (
    Account,
    Control,
    Finished,
    ImapConnection,
    MessageCopied,
    MessageFailed,
    Migration,
    MoveOptions,
    Report,
    Warning,
    connect,
    errors,
)
from mailmover.engine import verify_move as verify
from mailmover.store import Store, job_path

log = logging.getLogger(__name__)

# Account states in the summary.
PENDING = "pending"  # not started (the batch was stopped first, or another shard's)
RUNNING = "running"
DONE = "done"  # every message copied or already there
INCOMPLETE = "incomplete"  # finished, but some messages failed or verification differs
STOPPED = "stopped"  # stopped early (new mailbox full, server kept failing): rerun
FAILED = "failed"  # could not start: login refused, locked, connection
CANCELLED = "cancelled"  # Ctrl-C while it ran: rerun to finish
STATES = (FAILED, STOPPED, INCOMPLETE, CANCELLED, RUNNING, PENDING, DONE)  # worst first
# This computer's problems (disk full, state folder not writable): every account would
# meet them, so the batch stops instead of failing the rest one by one.
LOCAL_CODES = frozenset({errors.DISK_FULL, errors.STATE_READ_ONLY})


@dataclass
class AccountResult:
    """One row of the summary."""

    line: int
    source_user: str
    target_user: str
    state: str = PENDING
    source_messages: int = 0
    copied: int = 0
    already_there: int = 0
    skipped: int = 0
    failed: int = 0
    pending: int = 0
    bytes: int = 0
    duration: float = 0.0
    first_error: str = ""
    error_code: str = ""
    verified: str = ""  # "yes" / "no" with --verify, else ""
    report: str = ""  # the account's JSON report (Report.write_json)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Store() swaps the process umask while it opens its file; two threads doing that at once
# can leave 0o077 behind for the whole process (A saves 022, B saves 077, A restores 022,
# B restores 077). Opening stores one at a time keeps every save/restore pair intact.
_STORE_OPEN = threading.Lock()


def server_key(account: Account) -> str:
    return f"{account.host.lower()}:{account.port}"


class ServerSlots:
    """Connections per server across the whole batch: reservations and what is open."""

    def __init__(self, caps: dict[str, int]) -> None:
        self.caps = dict(caps)
        self._reserved: Counter[str] = Counter()
        self.open: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()  # most connections open at once, per server
        self._cond = threading.Condition()

    def reserve(self, needs: Counter[str], stop: threading.Event) -> bool:
        """Wait until `needs` fits under every cap; False if the batch stops first."""
        with self._cond:
            while not all(self._reserved[k] + n <= self.caps[k] for k, n in needs.items()):
                if stop.is_set():
                    return False
                self._cond.wait(0.2)
            self._reserved.update(needs)
            return True

    def release(self, needs: Counter[str]) -> None:
        with self._cond:
            self._reserved.subtract(needs)
            self._cond.notify_all()

    def opened(self, key: str) -> None:
        with self._cond:
            self.open[key] += 1
            self.peak[key] = max(self.peak[key], self.open[key])

    def closed(self, key: str) -> None:
        with self._cond:
            self.open[key] -= 1


class _Budget:
    """One account's connector: at most its reservation open per server, counted."""

    def __init__(self, slots: ServerSlots, allowed: Counter[str]) -> None:
        self.slots = slots
        self.allowed = allowed
        self.open: Counter[str] = Counter()
        self._lock = threading.Lock()

    def connect(self, account: Account) -> ImapConnection:
        key = server_key(account)
        with self._lock:
            if self.open[key] >= self.allowed[key]:
                # The engine then goes on with the connections it has (FEWER_CONNECTIONS).
                raise errors.ConnectError(
                    errors.THROTTLED, host=account.host, detail="batch connection cap reached"
                )
            self.open[key] += 1
        self.slots.opened(key)
        try:
            conn = connect(account)
        except BaseException:
            self._closed(key)
            raise
        close = conn.close
        done = threading.Event()

        def counted_close() -> None:
            close()
            if not done.is_set():
                done.set()
                self._closed(key)

        # Instance attribute, not a subclass: the engine's connect() builds the object.
        conn.close = counted_close  # type: ignore[method-assign]
        return conn

    def _closed(self, key: str) -> None:
        with self._lock:
            self.open[key] -= 1
        self.slots.closed(key)


@dataclass
class BatchOptions:
    parallel: int = 4
    connections: int = 1  # connection pairs per account
    caps: dict[str, int] | None = None  # per server key; None: no cap beyond `parallel`
    state_dir: str | None = None
    reports_dir: Path | None = None
    verify: bool = False
    move: MoveOptions | None = None


def _safe(text: str) -> str:
    return re.sub(r"[^\w.@-]+", "_", text)[:60]


class BatchRunner:
    """Runs jobs on `parallel` worker threads; results are updated as accounts finish."""

    def __init__(
        self,
        jobs: list[Job],
        options: BatchOptions,
        on_finished: Callable[[AccountResult], None] | None = None,
    ) -> None:
        self.jobs = jobs
        self.options = options
        self.move = options.move or MoveOptions()
        self.move = replace(self.move, connections=max(1, options.connections))
        self.results = [AccountResult(j.row.line, j.source.user, j.target.user) for j in jobs]
        caps = dict(options.caps or {})
        for job in jobs:
            for acc in (job.source, job.target):
                caps.setdefault(server_key(acc), 10**9)
        self.slots = ServerSlots(caps)
        self._on_finished = on_finished
        self._stop = threading.Event()
        self._controls: set[Control] = set()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self.messages_done = 0
        self.bytes_done = 0
        self.started = 0.0
        self.local_error: errors.MailMoverError | None = None  # set when the batch stopped

    # -- control --------------------------------------------------------------------
    def cancel(self) -> None:
        """Stop cleanly: no new account starts, running ones stop after messages in flight."""
        self._stop.set()
        with self._lock:
            for control in self._controls:
                control.cancel()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def start(self) -> None:
        self.started = time.monotonic()
        todo: queue.SimpleQueue[int] = queue.SimpleQueue()
        for i in range(len(self.jobs)):
            todo.put(i)
        workers = max(1, min(self.options.parallel, len(self.jobs)))
        for n in range(workers):
            t = threading.Thread(target=self._worker, args=(todo,), name=f"mm-batch-{n}")
            t.daemon = True  # a second Ctrl-C must be able to end the process
            t.start()
            self._threads.append(t)

    def wait(self, timeout: float | None = None) -> bool:
        """True once every worker has ended."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for t in self._threads:
            t.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)

    def run(self) -> list[AccountResult]:
        self.start()
        self.wait()
        return self.results

    # -- work -----------------------------------------------------------------------
    def _worker(self, todo: queue.SimpleQueue[int]) -> None:
        while not self._stop.is_set():
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            job, result = self.jobs[i], self.results[i]
            if job.refused is not None:  # e.g. nobody signed it in: it fails alone
                result.state, result.first_error = FAILED, str(job.refused)
                result.error_code = job.refused.code
                self._finished(job, result)
                continue
            needs: Counter[str] = Counter()
            for acc in (job.source, job.target):
                needs[server_key(acc)] += self.move.connections
            if not self.slots.reserve(needs, self._stop):
                return
            try:
                self._account(job, result, _Budget(self.slots, needs))
            except Exception as exc:  # noqa: BLE001 - one account never ends the batch
                log.exception("account on line %d", job.row.line)
                result.state, result.first_error = FAILED, f"internal error: {exc!r}"
            finally:
                self.slots.release(needs)
            self._finished(job, result)

    def _finished(self, job: Job, result: AccountResult) -> None:
        if self._on_finished is not None:
            try:
                self._on_finished(result)
            except Exception:  # noqa: BLE001 - e.g. the summary's disk is full
                log.exception("after the account on line %d", job.row.line)

    def _account(self, job: Job, result: AccountResult, budget: _Budget) -> None:
        started = time.monotonic()
        result.state = RUNNING
        control = Control()
        with self._lock:
            self._controls.add(control)
            if self._stop.is_set():
                control.cancel()
        store: Store | None = None
        migration: Migration | None = None
        try:
            # Migration.run holds the destination's move lock (MOVE_IN_PROGRESS when taken
            # by another process): reported for this account, the others go on.
            jobs = paths.jobs_dir(self.options.state_dir)
            store_path = job_path(jobs, job.source.key, job.target.key)
            saved = paths.saved_messages_dir(self.options.state_dir) / store_path.stem
            with _STORE_OPEN:
                store = Store(store_path)
            spool = paths.data_dir(self.options.state_dir) / "spool"
            options = replace(self.move, saved_dir=saved, spool_dir=spool)
            migration = Migration(job.source, job.target, store, options, control, budget.connect)
            report: Report | None = None
            for ev in migration.run():
                if isinstance(ev, MessageCopied):
                    with self._lock:
                        self.messages_done += 1
                        self.bytes_done += ev.size
                elif isinstance(ev, MessageFailed) and not result.first_error:
                    result.first_error = _message_error(ev)
                    result.error_code = ev.reason
                elif isinstance(ev, Warning) and ev.code not in (errors.FEWER_CONNECTIONS,):
                    log.info(
                        "line %d: %s", job.row.line, errors.MailMoverError(ev.code, **ev.params)
                    )
                elif isinstance(ev, Finished):
                    assert isinstance(ev.report, Report)
                    report = ev.report
            assert report is not None
            migration.close()
            self._record(job, result, report)
            if self.options.verify and result.state == DONE:
                self._verify(job, result, budget, options)
        except errors.MailMoverError as exc:
            result.state = FAILED
            result.first_error, result.error_code = str(exc), exc.code
            if exc.code in LOCAL_CODES:
                self._stop_local(exc, result)
        finally:
            if migration is not None:
                migration.close()
            if store is not None:
                store.close()
            with self._lock:
                self._controls.discard(control)
            result.duration = time.monotonic() - started

    def _record(self, job: Job, result: AccountResult, report: Report) -> None:
        t = report.totals()
        result.source_messages = t["source_count"]
        result.copied, result.already_there = t["copied"], t["present"]
        result.skipped, result.failed, result.pending = t["skipped"], t["failed"], t["pending"]
        result.bytes = t["bytes_copied"]
        if report.cancelled:
            result.state = CANCELLED
        elif report.stopped_reason:
            result.state = STOPPED
            result.first_error = result.first_error or str(
                errors.MailMoverError(report.stopped_reason, host=job.target.host)
            )
            result.error_code = result.error_code or report.stopped_reason
        else:
            result.state = DONE if report.ok else INCOMPLETE
        if report.stopped_reason in LOCAL_CODES:
            self._stop_local(errors.MailMoverError(report.stopped_reason), result)
        if self.options.reports_dir is not None:
            path = self.options.reports_dir / f"{job.row.line:05d}-{_safe(job.source.user)}.json"
            report.write_json(path)
            result.report = str(path)

    def _verify(
        self, job: Job, result: AccountResult, budget: _Budget, options: MoveOptions
    ) -> None:
        check = Migration(job.source, job.target, None, options, connector=budget.connect)
        try:
            mappings = check.plan(with_stats=False)
            src, dst = check.connections()
            outcome = verify(
                src,
                dst,
                mappings,
                options.max_message_size,
                include_deleted=options.include_deleted,
            )
        finally:
            check.close()
        result.verified = "yes" if outcome.ok else "no"
        if not outcome.ok:
            t = outcome.totals()
            result.state = INCOMPLETE
            result.first_error = result.first_error or (
                f"verification: {t['missing']} missing, {t['duplicated']} duplicated"
            )

    def _stop_local(self, exc: errors.MailMoverError, result: AccountResult) -> None:
        result.state = STOPPED
        with self._lock:
            self.local_error = self.local_error or exc
        self.cancel()

    # -- progress -------------------------------------------------------------------
    def counts(self) -> Counter[str]:
        return Counter(r.state for r in self.results)


def _message_error(ev: MessageFailed) -> str:
    text = str(errors.MailMoverError(ev.reason, detail=ev.detail))
    if ev.detail and ev.detail not in text:
        text = f"{text}: {ev.detail}"
    return f"{ev.folder} UID {ev.uid}: {text}"
