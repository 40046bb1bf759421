"""Copy one folder's to-copy list over several connection pairs at once.

Each pair is two threads: a fetcher on the source connection (`UID FETCH` in batches
bounded by bytes) feeding an appender on the destination connection (pipelined APPEND,
see pipeline.py), so download and upload overlap. The list is cut into UID chunks that
the pairs take in turn, so one huge folder keeps every pair busy.

Workers never touch the store or the report: every outcome goes into one results queue
that the caller's thread drains, records and turns into events. Bytes in flight are
capped by one budget shared by all pairs, so memory does not grow with the mailbox.
"""

from __future__ import annotations

import ctypes
import logging
import math
import queue
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mailmover.engine import errors
from mailmover.engine.connect import ImapConnection
from mailmover.engine.control import Control
from mailmover.engine.flagfix import FlagRepair
from mailmover.engine.messages import flags_to_copy
from mailmover.engine.pipeline import Appender, AppendItem, AppendResult
from mailmover.engine.scan import Entry, select
from mailmover.engine.spool import Spool

log = logging.getLogger(__name__)

Pair = tuple[ImapConnection, ImapConnection]
_BODY = [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"]


_BIG_BUFFER = 1024 * 1024
_heap_tuned = False


def return_big_buffers_to_the_os() -> None:
    """Make glibc give a freed message buffer back to the OS at once (Linux only).

    glibc raises its mmap threshold to the size of the last freed big block (up to
    32 MB), so after the first 25 MB message every later one is carved from a per-thread
    heap arena and stays resident when freed: with eight worker threads that is several
    copies of the largest message held for nothing. A fixed threshold keeps every buffer
    of 1 MB or more in its own mapping, unmapped when freed. Harmless elsewhere.
    """
    global _heap_tuned
    if _heap_tuned or not sys.platform.startswith("linux"):
        return
    _heap_tuned = True
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl or no libc symbols: nothing to tune
        return
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, _BIG_BUFFER)
    mallopt(m_trim_threshold, 2 * _BIG_BUFFER)


class ByteBudget:
    """Bytes fetched but not yet answered by the destination, across all pairs."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.used = 0
        self._cond = threading.Condition()

    def acquire(self, n: int, stop: threading.Event) -> bool:
        """Wait for room; a message larger than the whole budget goes when alone."""
        with self._cond:
            while self.used and self.used + n > self.limit:
                if stop.is_set():
                    return False
                self._cond.wait(0.2)
            if stop.is_set():
                return False
            self.used += n
            return True

    def release(self, n: int) -> None:
        with self._cond:
            self.used = max(0, self.used - n)
            self._cond.notify_all()


# What the workers report (consumed on the caller's thread).
@dataclass(slots=True)
class Copied:
    entry: Entry
    target_uid: int | None
    flags: tuple[bytes, ...] = ()  # as given to APPEND: the store keeps them


@dataclass(slots=True)
class Refused:
    entry: Entry
    text: str
    raw: bytes


@dataclass(slots=True)
class Vanished:
    entry: Entry


@dataclass(slots=True)
class WorkerError:
    error: BaseException
    # The message the worker was moving when it failed (the largest in flight: the one a
    # cut most likely hit); counted against its attempts, so one message that always
    # breaks the connection is set aside instead of holding up the rest.
    blamed: Entry | None = None


@dataclass(slots=True)
class WorkerDone:
    """A worker thread ended: wakes the caller at once instead of at its next poll."""


@dataclass(slots=True)
class _Fetched:
    entry: Entry
    item: AppendItem


_END = object()
Outcome = Copied | Refused | Vanished | WorkerError | WorkerDone


def chunks(entries: Sequence[Entry], pairs: int, max_chunk: int = 200) -> list[list[Entry]]:
    """UID-ordered chunks: a few per pair so a pair that finishes early takes more."""
    if not entries:
        return []
    size = max(1, min(max_chunk, math.ceil(len(entries) / (pairs * 4))))
    return [list(entries[i : i + size]) for i in range(0, len(entries), size)]


def batches(entries: Sequence[Entry], max_bytes: int, max_count: int) -> list[list[Entry]]:
    """Groups bounded by bytes and count; a message larger than the bound goes alone."""
    out: list[list[Entry]] = []
    batch: list[Entry] = []
    size = 0
    for e in entries:
        if batch and (size + e.size > max_bytes or len(batch) >= max_count):
            out.append(batch)
            batch, size = [], 0
        batch.append(e)
        size += e.size
    if batch:
        out.append(batch)
    return out


class FolderCopy:
    """Threads copying one folder; outcomes arrive in `results` until `finished`."""

    def __init__(
        self,
        pairs: Sequence[Pair],
        source: str,
        target: str,
        uidvalidity: int,
        entries: Sequence[Entry],
        *,
        keywords: bool,
        control: Control,
        budget: ByteBudget,
        batch_bytes: int,
        batch_messages: int,
        appender: Callable[[ImapConnection, str], Appender] | None = None,
        spool: Spool | None = None,
    ) -> None:
        self.source, self.target, self.uidvalidity = source, target, uidvalidity
        self.keywords = keywords
        self.control = control
        self.budget = budget
        self.spool = spool
        self.batch_bytes, self.batch_messages = batch_bytes, batch_messages
        self._make_appender = appender or (lambda conn, mailbox: Appender(conn, mailbox))
        return_big_buffers_to_the_os()
        work = chunks(entries, len(pairs))
        self.pairs = list(pairs[: max(1, min(len(pairs), len(work)))])
        self._chunks: queue.SimpleQueue[list[Entry]] = queue.SimpleQueue()
        for c in work:
            self._chunks.put(c)
        self.results: queue.SimpleQueue[Outcome] = queue.SimpleQueue()
        self.stop = threading.Event()
        self._threads: list[threading.Thread] = []
        # One handoff for all pairs: an idle appender takes whatever any fetcher got, so
        # no pair sits idle at the end of a folder while another still has a backlog.
        self._handoff: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._fetchers_left = len(self.pairs)
        self._ended = 0  # worker threads that have put their last outcome
        self._lock = threading.Lock()
        # Keywords the destination cannot keep (no \\* in PERMANENTFLAGS): copied without.
        self.flags_not_kept: set[bytes] = set()
        self.flags_repaired = 0  # copies whose flags were set after APPEND dropped them
        self.dates_not_kept = 0  # copies whose INTERNALDATE the server replaced

    # -- control from the caller's thread -----------------------------------------
    def start(self) -> None:
        for i, pair in enumerate(self.pairs):
            self._start_pair(i, pair)

    def add_pair(self, pair: Pair) -> bool:
        """A pair that was busy elsewhere (reading the next folder) joins while work is left.

        Only before the last fetcher has ended: the appenders' end markers are counted
        then, so a later appender would take another's and leave it waiting forever.
        """
        with self._lock:
            if self._fetchers_left == 0 or self._stopping():
                return False
            self._fetchers_left += 1
            self.pairs.append(pair)
            index = len(self.pairs) - 1
        self._start_pair(index, pair)
        return True

    def _start_pair(self, i: int, pair: Pair) -> None:
        src, dst = pair
        for target, conn, name in (
            (self._fetch_loop, src, "fetch"),
            (self._append_loop, dst, "append"),
        ):
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
        if self.flags_not_kept:
            labels = " ".join(sorted(f.decode("utf-8", "replace") for f in self.flags_not_kept))
            log.warning(errors.describe(errors.FLAGS_NOT_KEPT, flags=labels, folder=self.target))

    # -- workers ------------------------------------------------------------------
    def _fetch_loop(self, src: ImapConnection, handoff: queue.SimpleQueue[object]) -> None:
        fetching: list[Entry] = []
        try:
            selected = False
            while not self._stopping():
                try:
                    chunk = self._chunks.get_nowait()
                except queue.Empty:
                    break
                if not selected:
                    sel = select(src, self.source, readonly=True)
                    if sel.uidvalidity != self.uidvalidity:
                        raise errors.TransientError(errors.UIDVALIDITY_CHANGED, folder=self.source)
                    selected = True
                for batch in batches(chunk, self.batch_bytes, self.batch_messages):
                    while self.control.paused and not self._stopping():
                        self.control.sleep(0.1)
                    if self._stopping():
                        break
                    if not self.budget.acquire(sum(e.size for e in batch), self.stop):
                        break
                    fetching = batch
                    self._fetch(src, batch, handoff)
                    fetching = []
        except BaseException as exc:  # noqa: BLE001 - reported to the caller's thread
            self.results.put(WorkerError(exc, _largest(fetching)))
            self.stop.set()
        finally:
            with self._lock:
                self._fetchers_left -= 1
                if self._fetchers_left == 0:  # the last fetcher ends every appender
                    for _ in self.pairs:
                        handoff.put(_END)
            self._ended_one()

    def _fetch(
        self, src: ImapConnection, batch: list[Entry], handoff: queue.SimpleQueue[object]
    ) -> None:
        spool = self.spool
        if spool is not None and len(batch) == 1 and batch[0].size >= spool.threshold:
            self._fetch_spooled(src, spool, batch[0], handoff)
            return
        try:
            with src.guard():
                data = src.client.fetch([e.uid for e in batch], _BODY)
        except BaseException:
            self.budget.release(sum(e.size for e in batch))
            raise
        for e in batch:
            item = data.pop(e.uid, None)
            if item is None or b"BODY[]" not in item:
                self.budget.release(e.size)
                self.results.put(Vanished(e))
                continue
            have = tuple(item.get(b"FLAGS", ()))
            flags = flags_to_copy(have, self.keywords)
            if not self.keywords:
                dropped = set(flags_to_copy(have, True)) - set(flags)
                if dropped:
                    with self._lock:
                        self.flags_not_kept |= dropped
            when = item.get(b"INTERNALDATE")
            handoff.put(_Fetched(e, AppendItem(e, item[b"BODY[]"], flags, when)))

    def _fetch_spooled(
        self, src: ImapConnection, spool: Spool, e: Entry, handoff: queue.SimpleQueue[object]
    ) -> None:
        """A large message in ranges through the spool: a cut loses one range at most."""
        try:
            got = spool.fetch(src, self.source, self.uidvalidity, e.uid)
        except BaseException:
            self.budget.release(e.size)
            raise
        if got is None:
            self.budget.release(e.size)
            self.results.put(Vanished(e))
            return
        flags = flags_to_copy(got.flags, self.keywords)
        handoff.put(_Fetched(e, AppendItem(e, got.raw, flags, got.when)))

    def _append_loop(self, dst: ImapConnection, handoff: queue.SimpleQueue[object]) -> None:
        appender: Appender | None = None
        repair = FlagRepair(dst, self.target)
        sending: Entry | None = None
        try:
            appender = self._make_appender(dst, self.target)
            while True:
                try:
                    got = handoff.get_nowait()
                except queue.Empty:
                    # Nothing to send: collect the answers (and free their budget).
                    with dst.guard():
                        self._report(appender.flush(), repair)
                    repair.run()  # nothing in flight now: the stream is ours
                    got = handoff.get()
                if got is _END:
                    break
                assert isinstance(got, _Fetched)
                if self.stop.is_set():
                    self.budget.release(got.entry.size)  # not sent: stays to copy
                    got = None
                    continue
                item, got = got.item, None
                sending = item.key if isinstance(item.key, Entry) else None
                with dst.guard():
                    self._report(appender.submit(item), repair)
                sending = None
                # Drop the reference before waiting for more: an idle appender must not
                # keep its last (possibly 25 MB) message alive after the server has it.
                del item
            with dst.guard():
                self._report(appender.flush(), repair)
            repair.run()
        except BaseException as exc:  # noqa: BLE001 - reported to the caller's thread
            unanswered = appender.unanswered() if appender is not None else []
            keys = [it.key for it in unanswered if isinstance(it.key, Entry)]
            self.results.put(WorkerError(exc, _largest([*keys, *([sending] if sending else [])])))
            self.stop.set()  # the other appenders drop (and release) what is left
            for it in unanswered:
                self.budget.release(_size(it))
        finally:
            if repair.repaired or repair.dates_lost:
                with self._lock:
                    self.flags_repaired += repair.repaired
                    self.dates_not_kept += repair.dates_lost
            self._ended_one()

    def _report(self, done: list[AppendResult], repair: FlagRepair | None = None) -> None:
        for r in done:
            entry = r.item.key
            assert isinstance(entry, Entry)
            self.budget.release(entry.size)
            if r.ok:
                if repair is not None:
                    repair.add(r.uid, tuple(r.item.flags), r.item.when)
                self.results.put(Copied(entry, r.uid, tuple(r.item.flags)))
            else:
                self.results.put(Refused(entry, r.text, r.item.raw))

    def _stopping(self) -> bool:
        return self.stop.is_set() or self.control.cancelled


def _largest(entries: Sequence[Entry]) -> Entry | None:
    return max(entries, key=lambda e: e.size, default=None)


def _size(item: AppendItem) -> int:
    key = item.key
    return key.size if isinstance(key, Entry) else len(item.raw)
