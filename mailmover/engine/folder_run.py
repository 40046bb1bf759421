"""A group of folders (one, or several small ones in flight at once): read both sides ->
reconcile -> copy -> record, as events.

The store is written on the caller's thread only. A read-ahead thread may read the next
group's folders meanwhile (`read_sides` returns what it found, including where the
destination folder really is, and changes nothing shared); the caller applies it. Each
folder's events come in order (FolderStarted, its MessageCopied, FolderFinished); the
folders of a group interleave, which the progress model keeps apart by folder.

On a flaky line (issue 14): both sides are read once per run and then only brought up
to date (sides.py); large messages come through the spool (spool.py), so a cut costs at
most one range; the message a broken copy was moving is blamed, and one blamed
`message_attempts` times is set aside for the final pass (transfer.py) instead of
holding up the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator, Sequence

from mailmover.engine import errors
from mailmover.engine.attempts import Attempts
from mailmover.engine.control import Control
from mailmover.engine.copy_work import Copied, FolderWork, Refused, WorkerDone, WorkerError
from mailmover.engine.events import (
    COPIED,
    FAILED,
    PRESENT,
    REMOVED,
    SKIPPED,
    Event,
    FolderFinished,
    FolderStarted,
    Paused,
    Resumed,
    Warning,
)
from mailmover.engine.folders import FolderMapping
from mailmover.engine.gmail_labels import LabelCopies, gmail_ids
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry
from mailmover.engine.memory import in_flight_for
from mailmover.engine.messages import keywords_allowed
from mailmover.engine.options import MoveOptions
from mailmover.engine.outcomes import CopyFolder, Recorder
from mailmover.engine.pacing import Pacer
from mailmover.engine.parallel import ByteBudget, FolderCopy, drain
from mailmover.engine.planner import Planner
from mailmover.engine.pool import ConnectionPool, Pair
from mailmover.engine.reconcile import apply_flag_changes, decide, fetch_digests
from mailmover.engine.report import FolderReport, Report
from mailmover.engine.sides import FolderRefused, ReadAhead, SideReader, Sides, read_many
from mailmover.engine.spool import Spool
from mailmover.store import Store

log = logging.getLogger(__name__)


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
        pacer: Pacer | None = None,
        labels: LabelCopies | None = None,
    ) -> None:
        self.store = store
        self.pacer = pacer or Pacer(store, None)  # the daily budget (pacing.py)
        self.labels = labels or LabelCopies((), False, False)  # Gmail (gmail_labels.py)
        self.options = options
        self.control = control
        self.planner = planner
        self.pool = pool
        self.ahead: ReadAhead | None = None  # the next folder, read during this one's copy
        self.reader = SideReader(planner)
        self.spool = spool
        # Messages that keep breaking the copy are set aside for the final pass.
        self.tries = Attempts(options.message_attempts, spool)
        self.record = Recorder(store, options, self.tries, pool.target.host)
        # A copy broke with APPENDs unanswered: the retry lets the server settle first.
        self.unanswered = False
        self._keywords_said: set[tuple[str, str]] = set()  # (folder, labels) said

    # -- reading ----------------------------------------------------------------------
    def read_sides(
        self, src: ImapConnection, dst: ImapConnection, m: FolderMapping
    ) -> Sides | None:
        """Both sides of a folder; after a first read, only what changed (sides.py)."""
        return self.reader.read_sides(src, dst, m)

    def read_group(
        self, src: ImapConnection, dst: ImapConnection, mappings: Sequence[FolderMapping]
    ) -> list[Sides | FolderRefused | BaseException | None]:
        return self.reader.read_group(src, dst, mappings)

    # -- a group of folders -----------------------------------------------------------
    def run(
        self,
        group: Sequence[FolderMapping],
        report: Report,
        progress: list[bool],
        nxt: Sequence[FolderMapping] = (),
    ) -> Iterator[Event]:
        """Read, reconcile and copy `group` (one folder, or several small ones in flight
        at once); `nxt` is the group after it, read ahead while this one copies.

        A broken connection raises from here and the caller runs the whole group again:
        what was copied shows up as present and counts as copied (`self.copied`).
        Messages that did not fit today's budget wait: the run stops after the group."""
        self.pacer.begin_group()
        self.labels.begin_group()
        read = yield from self._read_group(group)
        folders: list[CopyFolder] = []
        for m, got in zip(group, read, strict=True):
            fr = report.folder(m.source, m.target)
            fr.reached = True
            if isinstance(got, FolderRefused):
                yield from self.record.refused_folder(m, fr, got.error, got.sel, got.entries)
                continue
            if isinstance(got, BaseException):
                raise got  # to the folder retry
            if got is None:
                # Deleted or renamed on the old server after planning: report, go on.
                self.store.log_event(errors.FOLDER_MISSING, {"folder": m.source})
                yield Warning(errors.FOLDER_MISSING, {"folder": m.source})
                continue
            if got.relocated_from is not None:
                m.target = fr.target = got.target
                self.store.save_mapping([m.to_dict()])
                params = {"folder": got.relocated_from, "target": got.target}
                self.store.log_event(got.relocated_why, params)
                yield Warning(got.relocated_why, params)
            folder = yield from self._reconcile(m, fr, got)
            waits = self.labels.waiting(m.source)
            if (folder.now or waits) and not self.control.cancelled:
                folders.append(folder)
            else:
                yield _finished(folder)
        del read
        copying = [f for f in folders if f.now]
        if copying:
            yield from self._copy(copying, progress, nxt)
        for folder in folders:
            self._label_copies(folder)
            yield _finished(folder)
        if self.pacer.held:
            raise self.pacer.stop()  # pending, resumed by the next run

    def _read_group(
        self, group: Sequence[FolderMapping]
    ) -> Generator[Event, None, list[Sides | BaseException | None]]:
        """Each folder's two sides: read ahead during the group before, else now (several
        folders at once over the pairs)."""
        ahead, self.ahead = self.ahead, None
        known: dict[int, Sides | BaseException | None] = {}
        if ahead is not None:
            known = {id(m): got for m, got in ahead.results}
        missing = [m for m in group if id(m) not in known]
        if len(missing) > 1:
            pairs, warnings = self.pool.pairs(self.options.connections)
            yield from warnings
            known.update(zip(map(id, missing), read_many(self.reader, pairs, missing), strict=True))
        elif missing:
            src, dst = self.pool.main()
            m = missing[0]
            try:
                known[id(m)] = self.read_sides(src, dst, m)
            except FolderRefused as refused:
                known[id(m)] = refused
        return [known[id(m)] for m in group]

    def _reconcile(
        self, m: FolderMapping, fr: FolderReport, sides: Sides
    ) -> Generator[Event, None, CopyFolder]:
        src, dst = self.pool.main()
        sel, dsel = sides.sel, sides.dsel
        if self.store.begin_folder(m.source, sel.uidvalidity, sel.exists):
            yield Warning(errors.UIDVALIDITY_CHANGED, {"folder": m.source})
        keywords = keywords_allowed(dsel.permanent_flags)
        # Identity decides (store record, fingerprint, content digest); the multiset of
        # genuine duplicates is respected and one copy never stands for two sources.
        records = self.store.records(m.source)
        decision = decide(
            sides.entries,
            sides.target_entries,
            dsel.uidvalidity,
            records,
            src=src,
            dst=dst,
            source_folder=m.source,
            target_folder=fr.target,
            keywords=keywords,
            max_message_size=self.options.max_message_size,
            include_deleted=self.options.include_deleted,
            restore_removed=self.options.restore_removed,
            elsewhere=lambda: self.planner.fingerprints_elsewhere(dst, fr.target),
        )
        fr.reset(FolderReport(m.source, fr.target, source_count=len(sides.entries)))
        ours = self.record.copied.get(m.source, set())
        for e in decision.present:
            fr.add(COPIED if e.uid in ours else PRESENT, e.size)
            rec = records.get(e.uid)
            if e.uid not in ours and rec is not None and rec.state == COPIED:
                fr.earlier += 1  # an earlier run's copy: present, shown as copied
        for _ in decision.skipped:
            fr.add(SKIPPED)
        marked = sum(r.get("reason") == errors.MESSAGE_SKIPPED_DELETED for r in decision.rows)
        if marked:
            params = {"folder": m.source, "count": str(marked)}
            self.store.log_event(errors.DELETED_MARKED_LEFT_OUT, params)
            yield Warning(errors.DELETED_MARKED_LEFT_OUT, params)
        for _ in decision.removed:
            fr.add(REMOVED)
        if decision.flag_changes:
            apply_flag_changes(dst, fr.target, list(decision.flag_changes.values()))
            fr.flags_updated = len(decision.flag_changes)
            self.reader.forget("target", fr.target)  # its flags changed: read in full
        self.store.record(m.source, sel.uidvalidity, decision.rows)
        self.tries.confirmed(m.source, sel.uidvalidity, decision.present)
        self.labels.loader = lambda name: gmail_ids(src, name)
        self.labels.learn_rows(m, fr.target, sides.entries, decision.rows)
        to_copy = self._one_copy(m, fr, sel.uidvalidity, decision.to_copy)
        folder = CopyFolder(m, fr, sel.uidvalidity, dsel.uidvalidity, keywords, [])
        for e in to_copy:
            if self.tries.exhausted(m.source, e.uid):
                # It broke the connection every time it was read, in this run and in
                # the final pass: it fails with that reason, the mailbox is done.
                yield from self.record.fail(
                    m, sel.uidvalidity, e, fr, errors.MESSAGE_BREAKS_CONNECTION
                )
            elif not self.tries.waits(m.source, e.uid):
                folder.now.append(e)
        now = self.labels.split(
            m, fr.target, folder.now, lambda name, uids: fetch_digests(src, name, uids)
        )
        folder.now = self.pacer.take(now)
        cheap = self.labels.waiting_entries(m.source)  # a COPY each: nothing to transfer
        yield FolderStarted(
            m.source,
            m.target,
            fr.source_count,
            len(to_copy) - len(cheap),
            fr.present,
            fr.skipped,
            sum(e.size for e in to_copy) - sum(e.size for e in cheap),
            copied=fr.copied,
            bytes_copied=fr.bytes_copied,
            earlier=fr.earlier,
        )
        return folder

    def _one_copy(
        self, m: FolderMapping, fr: FolderReport, uidvalidity: int, to_copy: list[Entry]
    ) -> list[Entry]:
        """--gmail-one-copy: what an earlier label folder holds is left out (skipped)."""
        src, _ = self.pool.main()
        keep, rows = self.labels.one_copy(
            m, to_copy, lambda name: self.reader.read(src, "source", name, readonly=True)[1]
        )
        if rows:
            self.store.record(m.source, uidvalidity, rows)
            for _ in rows:
                fr.add(SKIPPED)
        return keep

    def _label_copies(self, f: CopyFolder) -> None:
        """Gmail: the group's messages waiting for a copy already at the destination get
        it by COPY there (gmail_labels.py); counted apart, as label copies."""
        if not self.labels.waiting(f.m.source):
            return
        _, dst = self.pool.main()
        rows = self.labels.copy_waiting(dst, f.m.source, f.fr.target, f.keywords)
        self.store.record(f.m.source, f.uidvalidity, rows)
        f.fr.label_copies += len(rows)

    def done_with(self, group: Sequence[FolderMapping]) -> None:
        """`group` will not be run again (no retry follows): drop its folders' message
        lists, kept so that a retry only reads what changed. Kept on for a folder with
        messages set aside for the run's final pass. A later folder writing into the same
        target reads it in full. Kept, they would grow the run's memory with the mailbox."""
        aside = {folder for folder, _ in self.tries.set_aside}
        for m in group:
            if m.source not in aside:
                self.reader.forget("source", m.source)
                self.reader.forget("target", m.target)

    def _copy(
        self,
        folders: list[CopyFolder],
        progress: list[bool],
        nxt: Sequence[FolderMapping] = (),
    ) -> Iterator[Event]:
        """Run the pairs over every folder of the group and record their outcomes here, on
        the caller's thread.

        A worker's error (connection lost, throttled, mailbox full) stops the others;
        what the destination already answered is still recorded, then the error goes up
        to the folder retry.
        """
        pairs, warnings = self.pool.pairs(self.options.connections)
        yield from warnings
        by_source = {f.m.source: f for f in folders}
        # A folder writing into a target this group writes is not read ahead: its
        # destination is read after this copy (mail both hold is then copied once).
        writing = {f.fr.target for f in folders}
        later = [m for m in nxt if m.target not in writing]
        copiers, ahead = pairs, None
        if later and len(pairs) > 1:
            # Read the next group on the main pair while the others copy this one; the
            # main pair joins the copy when done.
            ahead = ReadAhead(self, later, *pairs[0])
            copiers = pairs[1:]
        works = [
            FolderWork(
                f.m.source, f.fr.target, f.uidvalidity, f.now, f.keywords, f.target_uidvalidity
            )
            for f in folders
        ]
        copy = FolderCopy(
            copiers,
            works,
            control=self.control,
            budget=ByteBudget(in_flight(self.options, pairs)),
            batch_bytes=self.options.batch_bytes,
            batch_messages=self.options.batch_messages,
            spool=self.spool,
            suspects=self.tries.counts.keys(),
        )
        for f in folders:
            self.tries.handed(f.m.source, f.now)
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
                outcomes = drain(copy.results, 0.0 if done else 0.02)
                self.record.copied_rows(by_source, outcomes)
                for o in outcomes:
                    if isinstance(o, Copied | Refused):  # downloaded and sent
                        self.pacer.spent(o.entry.size)
                    if isinstance(o, Copied):
                        f = by_source[o.source]
                        self.labels.learn_copy(
                            o.source, f.fr.target, f.target_uidvalidity, o.entry, o.target_uid
                        )
                    if isinstance(o, WorkerError):
                        for e in o.blamed:
                            self.tries.blame(o.blamed_source, e)
                        self.unanswered = self.unanswered or o.unanswered
                        stop: BaseException | None = o.error
                    elif isinstance(o, WorkerDone):
                        continue
                    else:
                        stop = yield from self.record.outcome(by_source[o.source], o, progress)
                    if stop is not None and error is None:
                        error = stop  # not recorded: the retry copies it again
                        copy.halt()
                self.pacer.flush()
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
            # Also when the consumer stops iterating: no worker outlives the group.
            copy.halt()
            copy.join()
            self.pacer.flush()
            if ahead is not None:
                ahead.thread.join()  # it speaks on the main pair
            if self.spool is not None and self.spool.written > spooled:
                progress[0] = True  # part of a large message is safe: not a lost attempt
        # Said also when the copy broke: the retry counts only what it copies itself.
        yield from self._said(copy)
        if error is not None:
            raise error
        self.ahead = ahead
        yield from self.record.said_vanished()

    def _said(self, copy: FolderCopy) -> Iterator[Event]:
        for source, kept in sorted(copy.flags_not_kept.items()):
            # Keywords outside the destination's PERMANENTFLAGS: said once per folder.
            labels = " ".join(sorted(f.decode("utf-8", "replace") for f in kept))
            if (source, labels) in self._keywords_said:
                continue
            self._keywords_said.add((source, labels))
            params = {"folder": source, "flags": labels}
            self.store.log_event(errors.FLAGS_NOT_KEPT, params)
            yield Warning(errors.FLAGS_NOT_KEPT, params)
        for source, count in sorted(copy.dates_not_kept.items()):
            params = {"folder": source, "count": str(count)}
            self.store.log_event(errors.DATES_NOT_KEPT, params)
            yield Warning(errors.DATES_NOT_KEPT, params)


def in_flight(options: MoveOptions, pairs: Sequence[Pair]) -> int:
    """The copy's in-flight budget: the user's, or sized to the round trips seen."""
    if options.inflight_bytes is not None:
        return options.inflight_bytes
    total = 0.0
    for side in (0, 1):  # each side's shortest round trip seen on any connection
        seen = [rt for p in pairs if (rt := p[side].round_trip) is not None]
        total += min(seen, default=0.0)
    size = in_flight_for(total)
    log.debug("in flight: %d MB (round trips %.0f ms)", size >> 20, total * 1000)
    return size


def _finished(f: CopyFolder) -> FolderFinished:
    fr = f.fr
    # What was set aside stays pending (copied in the final pass or the next run).
    fr.pending = fr.source_count - (fr.accounted - fr.pending)
    counts = {
        COPIED: fr.copied,
        PRESENT: fr.present,
        "earlier": fr.earlier,
        SKIPPED: fr.skipped,
        FAILED: fr.failed,
        REMOVED: fr.removed,
        "pending": fr.pending,
        "total": fr.source_count,
    }
    return FolderFinished(f.m.source, counts)
