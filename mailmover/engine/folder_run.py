"""One folder of a move: read both sides -> reconcile -> copy -> record, as events.

The store is written on the caller's thread only. A read-ahead thread may read the next
folder's two sides meanwhile (`read_sides` returns what it found, including where the
destination folder really is, and changes nothing shared); the caller applies it.

On a flaky line (issue 14): both sides are read once per run and then only brought up
to date (sides.py); large messages come through the spool (spool.py), so a cut costs at
most one range; the message a broken copy was moving is blamed, and one blamed
`message_attempts` times is set aside for the final pass (transfer.py) instead of
holding up the rest.
"""

from __future__ import annotations

import logging
import queue
import re
from collections.abc import Iterator

from mailmover.engine import errors
from mailmover.engine.attempts import Attempts
from mailmover.engine.connect import ImapConnection, is_throttle
from mailmover.engine.control import Control
from mailmover.engine.events import (
    COPIED,
    FAILED,
    PRESENT,
    REMOVED,
    SKIPPED,
    Event,
    FolderFinished,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    Paused,
    Resumed,
    Warning,
)
from mailmover.engine.folders import FolderMapping
from mailmover.engine.messages import keywords_allowed, save_eml, summary
from mailmover.engine.options import MoveOptions
from mailmover.engine.parallel import (
    ByteBudget,
    Copied,
    FolderCopy,
    Outcome,
    Refused,
    Vanished,
    WorkerError,
)
from mailmover.engine.planner import Planner
from mailmover.engine.pool import ConnectionPool
from mailmover.engine.reconcile import apply_flag_changes, decide
from mailmover.engine.report import Failure, FolderReport, Report
from mailmover.engine.scan import Entry, Selected
from mailmover.engine.sides import FolderRefused, ReadAhead, SideReader, Sides
from mailmover.engine.spool import Spool
from mailmover.store import Store, local_error

log = logging.getLogger(__name__)

_OVER_QUOTA = re.compile(r"\[OVERQUOTA\]|quota|mailbox is full|空间不足|容量", re.I)
_TOO_LARGE = re.compile(r"too (large|big)|size|exceed|\[TOOBIG\]|过大|超过", re.I)


class FolderRunner:
    def __init__(
        self,
        *,
        store: Store,
        options: MoveOptions,
        control: Control,
        planner: Planner,
        pool: ConnectionPool,
        spool: Spool | None = None,
    ) -> None:
        self.store = store
        self.options = options
        self.control = control
        self.planner = planner
        self.pool = pool
        # (folder, uid) copied by this run: after a reconnect they show up as "present"
        # at the destination but were our work.
        self.copied: set[tuple[str, int]] = set()
        self.ahead: ReadAhead | None = None  # the next folder, read during this one's copy
        self.reader = SideReader(planner)
        self.spool = spool
        # Messages that keep breaking the copy are set aside for the final pass.
        self.tries = Attempts(options.message_attempts, spool)

    # -- reading ----------------------------------------------------------------------
    def read_sides(
        self, src: ImapConnection, dst: ImapConnection, m: FolderMapping
    ) -> Sides | None:
        """Both sides of a folder; after a first read, only what changed (sides.py)."""
        return self.reader.read_sides(src, dst, m)

    # -- one folder -------------------------------------------------------------------
    def run(
        self,
        m: FolderMapping,
        report: Report,
        progress: list[bool],
        nxt: FolderMapping | None = None,
    ) -> Iterator[Event]:
        src, dst = self.pool.main()
        fr = report.folder(m.source, m.target)
        fr.reached = True
        ahead, self.ahead = self.ahead, None
        if ahead is not None and ahead.mapping is m and ahead.error is None:
            sides = ahead.sides  # read while the previous folder was being copied
        else:
            # Not read ahead, or that failed: read now (a broken connection raises here
            # and goes to the folder retry).
            try:
                sides = self.read_sides(src, dst, m)
            except FolderRefused as refused:
                yield from self._refused_folder(m, fr, refused)
                return
        del ahead
        if sides is None:
            # Deleted or renamed on the old server after planning: report, go on.
            self.store.log_event(errors.FOLDER_MISSING, {"folder": m.source})
            yield Warning(errors.FOLDER_MISSING, {"folder": m.source})
            return
        if sides.relocated_from is not None:
            m.target = fr.target = sides.target
            self.store.save_mapping([m.to_dict()])
            params = {"folder": sides.relocated_from, "target": sides.target}
            self.store.log_event(errors.FOLDER_RELOCATED, params)
            yield Warning(errors.FOLDER_RELOCATED, params)
        yield from self._reconcile_and_copy(m, fr, sides, src, dst, progress, nxt)

    def _reconcile_and_copy(
        self,
        m: FolderMapping,
        fr: FolderReport,
        sides: Sides,
        src: ImapConnection,
        dst: ImapConnection,
        progress: list[bool],
        nxt: FolderMapping | None,
    ) -> Iterator[Event]:
        sel, dsel = sides.sel, sides.dsel
        if self.store.begin_folder(m.source, sel.uidvalidity, sel.exists):
            yield Warning(errors.UIDVALIDITY_CHANGED, {"folder": m.source})
        keywords = keywords_allowed(dsel.permanent_flags)
        # Identity decides (store record, fingerprint, content digest); the multiset of
        # genuine duplicates is respected and one copy never stands for two sources.
        decision = decide(
            sides.entries,
            sides.target_entries,
            dsel.uidvalidity,
            self.store.records(m.source),
            src=src,
            dst=dst,
            source_folder=m.source,
            target_folder=fr.target,
            keywords=keywords,
            max_message_size=self.options.max_message_size,
            restore_removed=self.options.restore_removed,
            elsewhere=lambda: self.planner.fingerprints_elsewhere(dst, fr.target),
        )
        fr.reset(FolderReport(m.source, fr.target, source_count=len(sides.entries)))
        for e in decision.present:
            fr.add(COPIED if (m.source, e.uid) in self.copied else PRESENT, e.size)
        for _ in decision.skipped:
            fr.add(SKIPPED)
        for _ in decision.removed:
            fr.add(REMOVED)
        if decision.flag_changes:
            apply_flag_changes(dst, fr.target, list(decision.flag_changes.values()))
            fr.flags_updated = len(decision.flag_changes)
            self.reader.forget("target", fr.target)  # its flags changed: read in full
        self.store.record(m.source, sel.uidvalidity, decision.rows)
        self.tries.confirmed(m.source, sel.uidvalidity, decision.present)
        to_copy = decision.to_copy
        now = [e for e in to_copy if not self.tries.waits(m.source, e.uid)]
        del sides, decision
        yield FolderStarted(
            m.source,
            m.target,
            fr.source_count,
            len(to_copy),
            fr.present,
            fr.skipped,
            sum(e.size for e in to_copy),
            copied=fr.copied,
            bytes_copied=fr.bytes_copied,
        )
        if now and not self.control.cancelled:
            yield from self._copy(m, (sel, dsel), now, fr, keywords, progress, nxt)
        # What was set aside stays pending (copied in the final pass or the next run).
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
        selected: tuple[Selected, Selected],
        to_copy: list[Entry],
        fr: FolderReport,
        keywords: bool,
        progress: list[bool],
        nxt: FolderMapping | None = None,
    ) -> Iterator[Event]:
        """Run the pairs and record their outcomes here, on the caller's thread.

        A worker's error (connection lost, throttled, mailbox full) stops the others;
        what the destination already answered is still recorded, then the error goes up
        to the folder retry.
        """
        uidvalidity, target_uidvalidity = selected[0].uidvalidity, selected[1].uidvalidity
        pairs, warnings = self.pool.pairs(self.options.connections)
        yield from warnings
        copiers, ahead = pairs, None
        if nxt is not None and len(pairs) > 1 and nxt.target != m.target:
            # Reconcile the next folder on the main pair while the others copy this one;
            # the main pair joins the copy when done. A folder sharing this one's target
            # is not read ahead: this copy is writing there.
            ahead = ReadAhead(self, nxt, *pairs[0])
            copiers = pairs[1:]
        copy = FolderCopy(
            copiers,
            m.source,
            fr.target,
            uidvalidity,
            to_copy,
            keywords=keywords,
            control=self.control,
            budget=ByteBudget(self.options.inflight_bytes),
            batch_bytes=self.options.batch_bytes,
            batch_messages=self.options.batch_messages,
            spool=self.spool,
        )
        self.tries.handed(m.source, to_copy)
        spooled = self.spool.written if self.spool is not None else 0
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
                self._record_copied(m, uidvalidity, target_uidvalidity, outcomes)
                self.tries.confirmed(
                    m.source, uidvalidity, [o.entry for o in outcomes if isinstance(o, Copied)]
                )
                for o in outcomes:
                    if isinstance(o, Copied):
                        self.copied.add((m.source, o.entry.uid))
                        self.tries.copied(m.source, o.entry.uid)
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
                            reason = _refusal_reason(o.text)
                            yield from self._fail(
                                m, uidvalidity, o.entry, fr, reason, o.text, o.raw
                            )
                        elif error is None:
                            error = stop  # not recorded: the retry copies it again
                            copy.halt()
                    elif isinstance(o, WorkerError):
                        if o.blamed is not None:
                            self.tries.blame(m.source, o.blamed)
                        if error is None:
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
            if self.spool is not None and self.spool.written > spooled:
                progress[0] = True  # part of a large message is safe: not a lost attempt
        if error is not None:
            raise error
        self.ahead = ahead
        if copy.flags_not_kept:
            # Keywords outside the destination's PERMANENTFLAGS: said once per folder.
            labels = " ".join(sorted(f.decode("utf-8", "replace") for f in copy.flags_not_kept))
            params = {"folder": m.source, "flags": labels}
            self.store.log_event(errors.FLAGS_NOT_KEPT, params)
            yield Warning(errors.FLAGS_NOT_KEPT, params)
        if copy.dates_not_kept:
            params = {"folder": m.source, "count": str(copy.dates_not_kept)}
            self.store.log_event(errors.DATES_NOT_KEPT, params)
            yield Warning(errors.DATES_NOT_KEPT, params)

    def _record_copied(
        self, m: FolderMapping, uidvalidity: int, target_uidvalidity: int, outcomes: list[Outcome]
    ) -> None:
        rows = [
            {
                "uid": o.entry.uid,
                "fp": o.entry.fp,
                "state": COPIED,
                "size": o.entry.size,
                "target_uid": o.target_uid,
                "target_uidvalidity": target_uidvalidity,
                "flags": o.flags,
            }
            for o in outcomes
            if isinstance(o, Copied)
        ]
        if rows:
            self.store.record(m.source, uidvalidity, rows)

    def _refusal_error(self, text: str) -> errors.MailMoverError | None:
        """A refusal that concerns the account, not the message: stop or slow down."""
        host = self.pool.target.host
        if _OVER_QUOTA.search(text):
            return errors.StopMove(errors.OVER_QUOTA, host=host, detail=text)
        if not _TOO_LARGE.search(text) and ("[LIMIT]" in text.upper() or is_throttle(text)):
            return errors.TransientError(errors.THROTTLED, host=host, detail=text)
        return None

    def _refused_folder(
        self, m: FolderMapping, fr: FolderReport, refused: FolderRefused
    ) -> Iterator[Event]:
        exc = refused.error
        detail = str(exc.params.get("detail", ""))
        self.store.log_event(exc.code, exc.params)
        yield Warning(exc.code, {k: str(v) for k, v in exc.params.items()})
        self.store.begin_folder(m.source, refused.sel.uidvalidity, refused.sel.exists)
        fr.reset(FolderReport(m.source, m.target, len(refused.entries)))
        yield FolderStarted(m.source, m.target, fr.source_count, 0, 0, 0, 0)
        for e in refused.entries:
            yield from self._fail(
                m, refused.sel.uidvalidity, e, fr, errors.FOLDER_CREATE_FAILED, detail, None
            )
        yield FolderFinished(m.source, {FAILED: fr.failed, "total": fr.source_count})

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
        saved_dir = self.options.saved_dir
        if raw is not None and saved_dir is not None:
            try:
                saved = str(save_eml(saved_dir, m.source, uidvalidity, e.uid, raw))
            except OSError as exc:
                local = local_error(exc, saved_dir)
                if local is not None:
                    raise local from None
                log.warning("could not keep a copy of a refused message: %s", exc)
        row = {
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
        self.store.record(m.source, uidvalidity, [row])
        self.tries.confirmed(m.source, uidvalidity, [e])  # failed for good: no resuming
        fr.add(FAILED)
        fr.failures.append(Failure(m.source, e.uid, subject, date, e.size, reason, detail, saved))
        yield MessageFailed(m.source, e.uid, reason, detail, saved)


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
