"""Copy the to-copy lists of one or several folders over several connection pairs at once.

Each pair is two threads: a fetcher on the source connection (`UID FETCH` in batches
bounded by bytes) feeding an appender on the destination connection (pipelined APPEND,
see imap/append.py), so download and upload overlap. The lists are cut into UID chunks that
the pairs take in turn, so one huge folder keeps every pair busy, and with several
folders in flight a pair that runs out of one folder's work goes on with the next one's
instead of waiting for the last answers (many small folders cost one tail, not one each).
A fetcher SELECTs a chunk's folder when it differs from the one its connection has
selected; an appender names the mailbox in every APPEND, so it needs no SELECT.

Workers never touch the store or the report: every outcome goes into one results queue
that the caller's thread drains, records and turns into events. Bytes in flight are
capped by a budget shared by all pairs, so memory does not grow with the mailbox; large
messages have a budget of their own (at most twice the bytes in flight, or the budget
plus one message larger than it).
"""

from __future__ import annotations

import collections
import logging
import queue
import threading
from collections.abc import Callable, Collection, Sequence

from mailmover.engine import errors
from mailmover.engine.answer_check import check_answers
from mailmover.engine.control import Control
from mailmover.engine.copy_work import (
    AppendLost,
    Copied,
    FolderLost,
    FolderWork,
    Outcome,
    Refused,
    Unreadable,
    Vanished,
    WorkerDone,
    WorkerError,
    batches,
    chunks,
    work_order,
)
from mailmover.engine.flagfix import FlagRepair
from mailmover.engine.handoff import END, Fetched, Handoff, Job, drain
from mailmover.engine.imap import faults, ops
from mailmover.engine.imap.append import Appender, AppendItem, AppendResult
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, select
from mailmover.engine.memory import ByteBudget, return_big_buffers_to_the_os
from mailmover.engine.messages import flags_to_copy
from mailmover.engine.spool import Spool

__all__ = ["ByteBudget", "FolderCopy", "FolderWork", "batches", "chunks", "drain", "work_order"]

log = logging.getLogger(__name__)

Pair = tuple[ImapConnection, ImapConnection]


class FolderCopy:
    """Threads copying folders; outcomes arrive in `results` until `finished`."""

    def __init__(
        self,
        pairs: Sequence[Pair],
        works: Sequence[FolderWork],
        *,
        control: Control,
        budget: ByteBudget,
        batch_bytes: int,
        batch_messages: int,
        appender: Callable[[ImapConnection, str], Appender] | None = None,
        spool: Spool | None = None,
        suspects: Collection[tuple[str, int]] = (),
    ) -> None:
        self.works = list(works)
        # (folder, UID) of messages that broke a connection before: fetched alone.
        self.suspects = set(suspects)
        self._lost: set[str] = set()  # source folders that cannot be read any more
        self.control = control
        self.budget = budget
        # Large messages (batch_bytes or more, each fetched alone) have a lane of their
        # own, as large: they go as soon as there is room among the large ones, never
        # held back by small ones filling the budget, nor holding them back.
        self.big = batch_bytes
        self.large_budget = ByteBudget(budget.limit)
        self.spool = spool
        self.batch_bytes, self.batch_messages = batch_bytes, batch_messages
        self._make_appender = appender or (lambda conn, mailbox: Appender(conn, mailbox))
        return_big_buffers_to_the_os()
        large, small = work_order(self.works, len(pairs), big=batch_bytes)
        self._large = collections.deque(large)
        self._large_active = 0  # fetchers busy with a large message
        self._small = collections.deque(small)
        self.pairs = list(pairs[: max(1, min(len(pairs), len(large) + len(small)))])
        self.results: queue.SimpleQueue[Outcome] = queue.SimpleQueue()
        self.stop = threading.Event()
        self._threads: list[threading.Thread] = []
        # One handoff for all pairs: an idle appender takes whatever any fetcher got, so
        # no pair sits idle at the end of a folder while another still has a backlog.
        self._handoff = Handoff(self.big)
        self._fetchers_left = len(self.pairs)
        self._ended = 0  # worker threads that have put their last outcome
        self._lock = threading.Lock()
        # Per source folder: keywords outside PERMANENTFLAGS; dates the server replaced.
        self.flags_not_kept: dict[str, set[bytes]] = {}
        self.flags_repaired = 0  # copies whose flags were set after APPEND dropped them
        self.dates_not_kept: dict[str, int] = {}

    # -- control from the caller's thread -----------------------------------------
    def start(self) -> None:
        for i, pair in enumerate(self.pairs):
            self._start_pair(i, pair)

    def add_pair(self, pair: Pair) -> bool:
        """A pair that was busy elsewhere (reading the next folder) joins while work is left.

        After the last fetcher has ended, only its appender joins: what is left is in
        the handoff, and the end markers were counted then, so it gets one of its own
        (after everything fetched: the handoff puts them last).
        """
        with self._lock:
            if self._stopping():
                return False
            self.pairs.append(pair)
            index = len(self.pairs) - 1
            fetching = self._fetchers_left > 0
            if fetching:
                self._fetchers_left += 1
            else:
                self._handoff.end()
        self._start_pair(index, pair, fetch=fetching)
        return True

    def _start_pair(self, i: int, pair: Pair, *, fetch: bool = True) -> None:
        src, dst = pair
        loops = [(self._fetch_loop, src, "fetch")] if fetch else []
        for target, conn, name in [*loops, (self._append_loop, dst, "append")]:
            t = threading.Thread(
                target=target, args=(conn, self._handoff), name=f"mm-{name}-{i}", daemon=True
            )
            self._threads.append(t)
            t.start()

    @property
    def finished(self) -> bool:
        """Every worker has put its last outcome (read it before draining the results)."""
        with self._lock:
            return self._ended == len(self._threads)

    def _ended_one(self) -> None:
        with self._lock:
            self._ended += 1
        self.results.put(WorkerDone())

    def halt(self) -> None:
        """Stop taking new work; what was sent is still answered and reported."""
        self.stop.set()

    def join(self) -> None:
        for t in self._threads:
            t.join()
        for source, kept in sorted(self.flags_not_kept.items()):
            labels = " ".join(sorted(f.decode("utf-8", "replace") for f in kept))
            log.warning(errors.describe(errors.FLAGS_NOT_KEPT, flags=labels, folder=source))

    # -- workers ------------------------------------------------------------------
    def _fetch_loop(self, src: ImapConnection, handoff: Handoff) -> None:
        fetching: list[Entry] = []
        work: FolderWork | None = None
        try:
            selected: FolderWork | None = None  # per connection: what this fetcher SELECTed
            while not self._stopping():
                taken = self._take()
                if taken is None:
                    break
                work, chunk, reserved = taken
                try:
                    if selected is not work:
                        selected = None
                        sel = select(src, work.source, readonly=True)
                        if sel.uidvalidity != work.uidvalidity:
                            raise errors.TransientError(
                                errors.UIDVALIDITY_CHANGED, folder=work.source
                            )
                        selected = work
                    reserved = self._fetch_chunk(src, work, chunk, reserved, handoff, fetching)
                except faults.FolderFault as fault:
                    self._lose(work, fault, chunk if reserved else [])
                    reserved = False
                    selected = None
                if reserved:  # stopped before fetching it
                    self._release(chunk)
                if chunk[0].size >= self.big:
                    with self._lock:
                        self._large_active -= 1
        except BaseException as exc:  # noqa: BLE001 - reported to the caller's thread
            source = work.source if work is not None and fetching else ""
            self.results.put(WorkerError(exc, list(fetching), source))
            self.stop.set()
        finally:
            with self._lock:
                self._fetchers_left -= 1
                if self._fetchers_left == 0:  # the last fetcher ends every appender
                    for _ in self.pairs:
                        handoff.end()
            self._ended_one()

    def _fetch_chunk(
        self,
        src: ImapConnection,
        work: FolderWork,
        chunk: list[Entry],
        reserved: bool,
        handoff: Handoff,
        fetching: list[Entry],
    ) -> bool:
        """Fetch `chunk` batch by batch (`fetching` holds the batch in flight, for the
        blame if the link breaks); whether its reserved bytes are still unused."""
        suspects, source = self.suspects, work.source
        for batch in batches(
            chunk, self.batch_bytes, self.batch_messages, lambda e: (source, e.uid) in suspects
        ):
            while self.control.paused and not self._stopping():
                self.control.sleep(0.1)
            if self._stopping():
                break
            if reserved:
                reserved = False  # _take reserved its bytes
            elif not self._budget(batch[0]).acquire(sum(e.size for e in batch), self.stop):
                break
            fetching[:] = batch
            self._fetch(src, work, batch, handoff)
            fetching.clear()
        return reserved

    def _lose(self, work: FolderWork, fault: faults.FolderFault, held: list[Entry]) -> None:
        """`work`'s folder cannot be read any more: drop what is queued of it (once)."""
        self._release(held)
        with self._lock:
            if work.source in self._lost:
                return
            self._lost.add(work.source)
            self._small = collections.deque(c for c in self._small if c[0] is not work)
            self._large = collections.deque(c for c in self._large if c[0] is not work)
        self.results.put(FolderLost(fault, work.source))

    def _budget(self, e: Entry) -> ByteBudget:
        return self.large_budget if e.size >= self.big else self.budget

    def _release(self, entries: Sequence[Entry]) -> None:
        for e in entries:
            self._budget(e).release(e.size)

    def _take(self) -> tuple[FolderWork, list[Entry], bool] | None:
        """The next chunk: a large message if the budget has room for it now (its bytes
        reserved: True), else small ones; a large message waits for room only when
        nothing else is left, so it never holds up the small ones behind it."""
        with self._lock:
            # Half the fetchers at most on large messages (a large one downloads in
            # ranges for a while): the others keep every appender fed with small ones.
            room = self._large_active < max(1, len(self.pairs) // 2)
            if room and self._large and self.large_budget.try_acquire(self._large[0][1].size):
                work, entry = self._large.popleft()
                self._large_active += 1
                return work, [entry], True
            if self._small:
                work, chunk = self._small.popleft()
                return work, chunk, False
            if self._large:
                work, entry = self._large.popleft()
                self._large_active += 1
                return work, [entry], False
        return None

    def _fetch(
        self,
        src: ImapConnection,
        work: FolderWork,
        batch: list[Entry],
        handoff: Handoff,
    ) -> None:
        spool = self.spool
        if spool is not None and len(batch) == 1 and batch[0].size >= spool.threshold:
            self._fetch_spooled(src, spool, work, batch[0], handoff)
            return
        try:
            data = ops.fetch_bodies(src, [e.uid for e in batch])
        except faults.MessageFault as fault:
            self._split(src, work, batch, handoff, fault)
            return
        except BaseException:
            self._release(batch)
            raise
        if len(batch) > 1:
            check_answers(src, batch, data)
        unanswered = [e.uid for e in batch if e.uid not in data]
        there = ops.still_there(src, unanswered) if unanswered else set()
        for e in batch:
            body = data.pop(e.uid, None)
            if body is None:
                self._release([e])
                if e.uid in there:  # the server has it and would not give it
                    scope = faults.Scope(src.account.host, work.source, (e.uid,))
                    detail = "the server answered without this message's content"
                    refusal = faults.MessageFault(
                        errors.MESSAGE_UNREADABLE, **scope.params(), detail=detail
                    )
                    self.results.put(Unreadable(e, refusal, work.source))
                else:
                    self.results.put(Vanished(e, work.source))
                continue
            have = body.flags
            flags = flags_to_copy(have, work.keywords)
            if not work.keywords:
                dropped = set(flags_to_copy(have, True)) - set(flags)
                if dropped:
                    with self._lock:
                        self.flags_not_kept.setdefault(work.source, set()).update(dropped)
            job = Job(work, e)
            handoff.put(Fetched(job, AppendItem(job, body.raw, flags, body.when)))

    def _split(
        self,
        src: ImapConnection,
        work: FolderWork,
        batch: list[Entry],
        handoff: Handoff,
        fault: faults.MessageFault,
    ) -> None:
        """A batch the server refused as a whole: halves, until the refused message is
        alone (it fails with the server's words); the others are fetched as usual."""
        if len(batch) == 1:
            self._release(batch)
            self.results.put(Unreadable(batch[0], fault, work.source))
            return
        half = len(batch) // 2
        for part in (batch[:half], batch[half:]):
            self._fetch(src, work, part, handoff)

    def _fetch_spooled(
        self,
        src: ImapConnection,
        spool: Spool,
        work: FolderWork,
        e: Entry,
        handoff: Handoff,
    ) -> None:
        """A large message in ranges through the spool: a cut loses one range at most."""
        try:
            got = spool.fetch(src, work.source, work.uidvalidity, e.uid)
        except BaseException:
            self._release([e])
            raise
        if got is None:
            self._release([e])
            self.results.put(Vanished(e, work.source))
            return
        flags = flags_to_copy(got.flags, work.keywords)
        job = Job(work, e)
        handoff.put(Fetched(job, AppendItem(job, got.raw, flags, got.when)))

    def _append_loop(self, dst: ImapConnection, handoff: Handoff) -> None:
        appender: Appender | None = None
        # One per destination folder written by this connection (keyed by the work).
        repairs: dict[int, tuple[FolderWork, FlagRepair]] = {}
        sending: Job | None = None
        try:
            while True:
                try:
                    got = handoff.get_nowait()
                except queue.Empty:
                    # Nothing to send: collect an answer (and free its budget), then look
                    # for more to send, so new messages do not wait for every answer.
                    if appender is not None and appender.pending:
                        self._report(appender.collect_one(), repairs)
                        continue
                    for _, repair in repairs.values():
                        repair.run()  # nothing in flight now: the stream is ours
                    got = handoff.get()
                if got is END:
                    break
                assert isinstance(got, Fetched)
                if self.stop.is_set():
                    self._release([got.job.entry])  # not sent: stays to copy
                    got = None
                    continue
                item, sending, got = got.item, got.job, None
                work = sending.work
                if id(work) not in repairs:
                    repairs[id(work)] = (work, FlagRepair(dst, work.target))
                if appender is None:
                    appender = self._make_appender(dst, work.target)
                else:
                    appender.set_mailbox(work.target)
                self._report(appender.submit(item), repairs)
                sending = None
                # Drop the reference before waiting for more: an idle appender must not
                # keep its last (possibly 25 MB) message alive after the server has it.
                del item
            if appender is not None:
                self._report(appender.flush(), repairs)
            for work, repair in repairs.values():
                repair.finish()
                for e in repair.lost:  # answered OK and never found: not copied
                    self.results.put(AppendLost(e, work.source))
        except BaseException as exc:  # noqa: BLE001 - reported to the caller's thread
            unanswered = appender.unanswered() if appender is not None else []
            jobs = [it.key for it in unanswered if isinstance(it.key, Job)]
            if sending is not None:
                jobs.append(sending)
            blamed = max(jobs, key=lambda j: j.entry.size, default=None)
            if blamed is None:
                self.results.put(WorkerError(exc))
            else:
                error = WorkerError(exc, [blamed.entry], blamed.work.source, unanswered=True)
                self.results.put(error)
            self.stop.set()  # the other appenders drop (and release) what is left
            for it in unanswered:
                if isinstance(it.key, Job):
                    self._release([it.key.entry])
        finally:
            with self._lock:
                for work, repair in repairs.values():
                    self.flags_repaired += repair.repaired
                    if repair.dates_lost:
                        lost = self.dates_not_kept.get(work.source, 0) + repair.dates_lost
                        self.dates_not_kept[work.source] = lost
            self._ended_one()

    def _report(
        self, done: list[AppendResult], repairs: dict[int, tuple[FolderWork, FlagRepair]]
    ) -> None:
        for r in done:
            job = r.item.key
            assert isinstance(job, Job)
            entry, source = job.entry, job.work.source
            self._release([entry])
            if r.ok:
                repair = repairs[id(job.work)][1]
                uid = r.uid_in(job.work.target_uidvalidity)
                repair.add(uid, tuple(r.item.flags), r.item.when, entry.fp, entry)
                self.results.put(Copied.of(entry, uid, r.item, source))
            else:
                self.results.put(Refused(entry, r.text, r.item.raw, source))

    def _stopping(self) -> bool:
        return self.stop.is_set() or self.control.cancelled
