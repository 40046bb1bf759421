"""Move the mail: plan -> reconcile -> copy -> record, as a generator of events.

Invariants (ARCHITECTURE.md): the destination is read before writing, so whatever is
already there is skipped and a rerun never duplicates; a message is recorded as copied
only after the destination's OK; every source message ends in exactly one state.
"""

from __future__ import annotations

import fnmatch
import imaplib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from imapclient.exceptions import IMAPClientError

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.connect import ImapConnection, connect, is_throttle
from mailmover.engine.control import Control
from mailmover.engine.events import (
    COPIED,
    FAILED,
    PRESENT,
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
    list_folders,
    plan_mapping,
)
from mailmover.engine.messages import flags_to_copy, keywords_allowed, save_eml, summary
from mailmover.engine.report import Failure, FolderReport, Report
from mailmover.engine.scan import Entry, scan, select
from mailmover.store import Store

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


@dataclass
class MoveOptions:
    include: Sequence[str] = ()  # glob patterns on source folder names
    exclude: Sequence[str] = ()
    connections: int = 1
    batch_bytes: int = 8 * 1024 * 1024
    batch_messages: int = 100
    max_message_size: int | None = None  # larger ones are skipped (the user's choice)
    saved_dir: Path | None = None  # refused messages are kept here as .eml
    max_attempts: int = 8  # consecutive failed attempts without progress
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    overrides: dict[str, str] = field(default_factory=dict)
    target_parent: str | None = None


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

    # -- connections --------------------------------------------------------------
    def connections(self) -> tuple[ImapConnection, ImapConnection]:
        if self._src is None:
            self._src = self._connector(self.source)
        if self._dst is None:
            self._dst = self._connector(self.target)
        return self._src, self._dst

    def close(self) -> None:
        for conn in (self._src, self._dst):
            if conn is not None:
                conn.close()
        self._src = self._dst = None

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
        mappings = plan_mapping(
            self.source_listing,
            self.target_listing,
            overrides=self.options.overrides,
            target_parent=self.options.target_parent,
        )
        select_mappings(mappings, self.options.include, self.options.exclude)
        if with_stats:
            for m in mappings:
                m.messages, m.size = folder_stats(src, m.source)
        return mappings

    # -- running ------------------------------------------------------------------
    def run(self, mappings: list[FolderMapping] | None = None) -> Iterator[Event]:
        """Copy every included folder; ends with a Finished event carrying the report."""
        if mappings is None:
            mappings = self.plan(with_stats=False)
        elif self.target_listing is None:
            _, dst = self.connections()
            self.target_listing = list_folders(dst)
            self._target_names = self.target_listing.names()
        if self.store is None:
            raise ValueError("a run needs a progress store")
        report = Report(self.source.key, self.target.key)
        self.store.set_meta("source", self.source.key)
        self.store.set_meta("target", self.target.key)
        self.store.save_mapping(m.to_dict() for m in mappings)
        run_id = self.store.start_run()
        included = [m for m in mappings if m.include]
        yield PlanReady(
            len(included),
            sum(m.messages or 0 for m in included),
            sum(m.size or 0 for m in included),
        )
        status = "finished"
        try:
            for m in included:
                if self.control.cancelled:
                    break
                yield from self._folder_with_retries(m, report)
        except errors.StopMove as exc:
            report.stopped_reason = exc.code
            status = "stopped"
            self.store.log_event(exc.code, exc.params)
            yield Warning(exc.code, {k: str(v) for k, v in exc.params.items()})
        except errors.TransientError as exc:
            report.stopped_reason = exc.code
            status = "stopped"
            self.store.log_event(exc.code, exc.params)
            yield Warning(exc.code, {k: str(v) for k, v in exc.params.items()})
        finally:
            self.close()
        if self.control.cancelled:
            report.cancelled = True
            status = "cancelled"
        # Folders never reached are part of the account too.
        for m in included:
            fr = report.folder(m.source, m.target)
            if fr.accounted < fr.source_count:
                fr.pending = fr.source_count - (fr.accounted - fr.pending)
        import time

        report.finished = time.time()
        self.store.finish_run(run_id, status, report.to_dict())
        yield Finished(report.cancelled, report)

    def _folder_with_retries(self, m: FolderMapping, report: Report) -> Iterator[Event]:
        attempts = 0
        while True:
            progress = [False]
            try:
                yield from self._folder(m, report, progress)
                return
            except (errors.TransientError, errors.ConnectError) as exc:
                if isinstance(exc, errors.ConnectError) and exc.code not in _TRANSIENT_CONNECT:
                    raise
                self.close()
                attempts = 1 if progress[0] else attempts + 1
                if attempts > self.options.max_attempts:
                    raise errors.TransientError(exc.code, **exc.params) from None
                delay = min(
                    self.options.backoff_initial * 2 ** (attempts - 1), self.options.backoff_max
                )
                self.store.log_event("retry", {"code": exc.code, "attempt": attempts})
                yield Retrying(exc.code, attempts, delay, str(exc.params.get("detail", "")))
                if self.control.sleep(delay):
                    return

    def _folder(self, m: FolderMapping, report: Report, progress: list[bool]) -> Iterator[Event]:
        src, dst = self.connections()
        fr = report.folder(m.source, m.target)
        sel = select(src, m.source, readonly=True)
        if self.store.begin_folder(m.source, sel.uidvalidity, sel.exists):
            yield Warning(errors.UIDVALIDITY_CHANGED, {"folder": m.source})
        entries = list(scan(src, sel.exists))
        assert self.target_listing is not None
        ensure_folder(dst, m.target, self.target_listing.delimiter, self._target_names)
        dsel = select(dst, m.target, readonly=False)
        at_target = Counter(e.fp for e in scan(dst, dsel.exists))
        keywords = keywords_allowed(dsel.permanent_flags)

        # Classify every source message: the multiset decides (genuine duplicates count).
        fresh = FolderReport(m.source, m.target, source_count=len(entries))
        fr.__dict__.update(fresh.__dict__)
        to_copy: list[Entry] = []
        rows = []
        limit = self.options.max_message_size
        for e in entries:
            if at_target[e.fp] > 0:
                at_target[e.fp] -= 1
                state = COPIED if (m.source, e.uid) in self._copied else PRESENT
                fr.add(state, e.size)
                if state == PRESENT:
                    rows.append({"uid": e.uid, "fp": e.fp, "state": PRESENT, "size": e.size})
            elif limit is not None and e.size > limit:
                fr.add(SKIPPED)
                rows.append(
                    {
                        "uid": e.uid,
                        "fp": e.fp,
                        "state": SKIPPED,
                        "size": e.size,
                        "reason": errors.MESSAGE_SKIPPED_SIZE,
                    }
                )
            else:
                to_copy.append(e)
        self.store.record(m.source, sel.uidvalidity, rows)
        del rows, entries
        yield FolderStarted(
            m.source,
            m.target,
            fr.source_count,
            len(to_copy),
            fr.present,
            fr.skipped,
            sum(e.size for e in to_copy),
        )
        for batch in _batches(to_copy, self.options.batch_bytes, self.options.batch_messages):
            if self.control.paused:
                yield Paused()
                self.control.wait_while_paused()
                if not self.control.cancelled:
                    yield Resumed()
            if self.control.cancelled:
                break
            yield from self._copy_batch(src, dst, m, sel.uidvalidity, batch, fr, keywords, progress)
        fr.pending = fr.source_count - (fr.accounted - fr.pending)
        yield FolderFinished(
            m.source,
            {
                COPIED: fr.copied,
                PRESENT: fr.present,
                SKIPPED: fr.skipped,
                FAILED: fr.failed,
                "pending": fr.pending,
                "total": fr.source_count,
            },
        )

    def _copy_batch(
        self,
        src: ImapConnection,
        dst: ImapConnection,
        m: FolderMapping,
        uidvalidity: int,
        batch: list[Entry],
        fr: FolderReport,
        keywords: bool,
        progress: list[bool],
    ) -> Iterator[Event]:
        with src.guard():
            data = src.client.fetch(
                [e.uid for e in batch], [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"]
            )
        for e in batch:
            item = data.pop(e.uid, None)
            if item is None or b"BODY[]" not in item:
                yield from self._fail(m, uidvalidity, e, fr, errors.MESSAGE_VANISHED, "", None)
                continue
            raw: bytes = item[b"BODY[]"]
            flags = flags_to_copy(tuple(item.get(b"FLAGS", ())), keywords)
            when = item.get(b"INTERNALDATE")
            try:
                with dst.guard():
                    response = dst.client.append(m.target, raw, flags, when)
            except (IMAPClientError, imaplib.IMAP4.error) as exc:
                text = str(exc)
                if _OVER_QUOTA.search(text):
                    raise errors.StopMove(
                        errors.OVER_QUOTA, host=self.target.host, detail=text
                    ) from None
                if (
                    "[LIMIT]" in text.upper()
                    and not _TOO_LARGE.search(text)
                    or (is_throttle(text) and not _TOO_LARGE.search(text))
                ):
                    raise errors.TransientError(
                        errors.THROTTLED, host=self.target.host, detail=text
                    ) from None
                reason = (
                    errors.MESSAGE_TOO_LARGE if _TOO_LARGE.search(text) else errors.MESSAGE_REJECTED
                )
                yield from self._fail(m, uidvalidity, e, fr, reason, text, raw)
                continue
            target_uid = _appenduid(response)
            self.store.record(
                m.source,
                uidvalidity,
                [
                    {
                        "uid": e.uid,
                        "fp": e.fp,
                        "state": COPIED,
                        "size": e.size,
                        "target_uid": target_uid,
                    }
                ],
            )
            self._copied.add((m.source, e.uid))
            fr.add(COPIED, e.size)
            progress[0] = True
            yield MessageCopied(m.source, e.uid, e.size)

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
            saved = str(save_eml(self.options.saved_dir, m.source, e.uid, raw))
        self.store.record(
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


def _appenduid(response: object) -> int | None:
    text = response.decode("ascii", "replace") if isinstance(response, bytes) else str(response)
    match = re.search(r"\[APPENDUID \d+ (\d+)\]", text, re.I)
    return int(match.group(1)) if match else None


def _batches(entries: list[Entry], max_bytes: int, max_count: int) -> Iterator[list[Entry]]:
    """Groups bounded by bytes and count; a message larger than the bound goes alone."""
    batch: list[Entry] = []
    size = 0
    for e in entries:
        if batch and (size + e.size > max_bytes or len(batch) >= max_count):
            yield batch
            batch, size = [], 0
        batch.append(e)
        size += e.size
    if batch:
        yield batch


def folder_stats(conn: ImapConnection, folder: str) -> tuple[int, int]:
    """(messages, bytes) of a folder, from sizes fetched in batches."""
    sel = select(conn, folder, readonly=True)
    total = 0
    client = conn.client
    for start in range(1, sel.exists + 1, 5000):
        end = min(start + 4999, sel.exists)
        client.use_uid = False
        try:
            with conn.guard():
                data = client.fetch(list(range(start, end + 1)), [b"RFC822.SIZE"])
        finally:
            client.use_uid = True
        total += sum(int(v.get(b"RFC822.SIZE", 0)) for v in data.values())
    return sel.exists, total
