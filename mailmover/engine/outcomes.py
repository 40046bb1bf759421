"""Where each message of a copy ends up, recorded on the run's thread: the store's row,
the folder's report, the event (docs/architecture.md invariant 7, "nothing silent").

A fault stays where it happened: a message the old server will not give fails alone
(`Unreadable`), a folder that is gone or refused mid-copy is reported and the rest goes
on (`FolderLost`), a refusal of one APPEND fails that message unless it concerns the
account (full, slow down: returned, and the copy stops to be retried).
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from dataclasses import dataclass

from mailmover.engine import errors
from mailmover.engine.attempts import Attempts
from mailmover.engine.copy_work import (
    AppendLost,
    Copied,
    FolderLost,
    Outcome,
    Refused,
    TargetFolderGone,
    Unreadable,
    Vanished,
)
from mailmover.engine.events import (
    COPIED,
    FAILED,
    Event,
    FolderFinished,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    Warning,
)
from mailmover.engine.folders import FolderMapping
from mailmover.engine.imap import faults
from mailmover.engine.imap.scan import Entry, Selected
from mailmover.engine.messages import save_eml, summary
from mailmover.engine.options import MoveOptions
from mailmover.engine.report import Failure, FolderReport
from mailmover.store import Store, local_error

log = logging.getLogger(__name__)


@dataclass
class CopyFolder:
    """A folder of the group being copied: what the run thread needs to record."""

    m: FolderMapping
    fr: FolderReport
    uidvalidity: int
    target_uidvalidity: int
    keywords: bool
    now: list[Entry]  # to copy in this pass


class Recorder:
    def __init__(self, store: Store, options: MoveOptions, tries: Attempts, host: str) -> None:
        self.store = store
        self.options = options
        self.tries = tries
        self.host = host  # the destination's, for the words of its refusals
        # UIDs copied by this run, per source folder: after a reconnect they show up as
        # "present" at the destination but were our work. Sets of the entries' own UID
        # objects, not (folder, uid) tuples: a third of the memory per message.
        self.copied: dict[str, set[int]] = {}
        self.second_chance: set[tuple[str, int]] = set()  # refused as the server's trouble
        self.vanished: dict[str, int] = {}  # per source folder: expunged during the copy
        self.lost_appends: dict[str, int] = {}  # per source folder: OK, then not there

    def outcome(
        self, f: CopyFolder, o: Outcome, progress: list[bool]
    ) -> Generator[Event, None, errors.MailMoverError | None]:
        """Record one worker outcome of folder `f`; a fault that must stop the copy (the
        account's: full, slow down) is returned, unrecorded, for the retry."""
        if isinstance(o, Copied):
            self.copied.setdefault(o.source, set()).add(o.entry.uid)
            self.tries.copied(o.source, o.entry.uid)
            f.fr.add(COPIED, o.entry.size)
            progress[0] = True
            yield MessageCopied(o.source, o.entry.uid, o.entry.size)
        elif isinstance(o, AppendLost):
            self.copied.get(o.source, set()).discard(o.entry.uid)
            f.fr.uncopy(o.entry.size)
            self.lost_appends[o.source] = self.lost_appends.get(o.source, 0) + 1
        elif isinstance(o, Vanished):
            # Expunged in the old mailbox since the folder was read (the old server no
            # longer has it): not a failure, and no longer part of the folder's count.
            f.fr.source_count -= 1
            self.vanished[o.source] = self.vanished.get(o.source, 0) + 1
        elif isinstance(o, Unreadable):
            detail = str(o.error.params.get("detail", "")) or o.error.english()
            yield from self.fail(
                f.m, f.uidvalidity, o.entry, f.fr, errors.MESSAGE_UNREADABLE, detail
            )
            progress[0] = True  # an answer, not a broken link
        elif isinstance(o, FolderLost):
            yield from self.lost(f, o)
        elif isinstance(o, Refused):
            return (yield from self.refused(f, o))
        return None

    def said_vanished(self) -> Iterator[Event]:
        """Once per folder: how many messages were deleted there during the copy."""
        for source, count in sorted(self.vanished.items()):
            params = {"folder": source, "count": str(count)}
            self.store.log_event(errors.DELETED_DURING_MOVE, params)
            yield Warning(errors.DELETED_DURING_MOVE, params)
        self.vanished.clear()
        for source, count in sorted(self.lost_appends.items()):
            params = {"folder": source, "count": str(count)}
            self.store.log_event(errors.APPENDS_LOST, params)
            yield Warning(errors.APPENDS_LOST, params)
        self.lost_appends.clear()

    def lost(self, f: CopyFolder, o: FolderLost) -> Iterator[Event]:
        """The old folder went away (or was refused) during the copy: what is left of
        it stays pending, the folder is named; the next run finds it by its mail."""
        gone = o.error.code == errors.FOLDER_MISSING
        code = errors.FOLDER_GONE_DURING_MOVE if gone else o.error.code
        f.fr.error = code
        params = {
            "folder": f.m.source,
            "detail": str(o.error.params.get("detail", "")),
            "host": str(o.error.params.get("host", "")),
        }
        self.store.log_event(code, params)
        yield Warning(code, params)

    def copied_rows(self, by_source: dict[str, CopyFolder], outcomes: list[Outcome]) -> None:
        """Copies answered OK, one store write per folder; then they need no spool."""
        copied: dict[str, list[Copied]] = {}
        for o in outcomes:
            if isinstance(o, Copied):
                copied.setdefault(o.source, []).append(o)
        for source, done in copied.items():
            f = by_source[source]
            rows = [
                {
                    "uid": o.entry.uid,
                    "fp": o.entry.fp,
                    "state": COPIED,
                    "size": o.entry.size,
                    "target_uid": o.target_uid,
                    "target_uidvalidity": f.target_uidvalidity,
                    "flags": o.flags,
                    "digest": o.digest or None,
                }
                for o in done
            ]
            self.store.record(source, f.uidvalidity, rows)
            self.tries.confirmed(source, f.uidvalidity, [o.entry for o in done])

    def refused_folder(
        self,
        m: FolderMapping,
        fr: FolderReport,
        error: errors.MailMoverError,
        sel: Selected,
        entries: list[Entry],
    ) -> Iterator[Event]:
        """The destination refused to create the folder: each of its messages fails."""
        detail = str(error.params.get("detail", ""))
        self.store.log_event(error.code, error.params)
        yield Warning(error.code, {k: str(v) for k, v in error.params.items()})
        self.store.begin_folder(m.source, sel.uidvalidity, sel.exists)
        fr.reset(FolderReport(m.source, m.target, len(entries)))
        yield FolderStarted(m.source, m.target, fr.source_count, 0, 0, 0, 0)
        for e in entries:
            yield from self.fail(m, sel.uidvalidity, e, fr, errors.FOLDER_CREATE_FAILED, detail)
        yield FolderFinished(m.source, {FAILED: fr.failed, "total": fr.source_count})

    def refused(
        self, f: CopyFolder, o: Refused
    ) -> Generator[Event, None, errors.MailMoverError | None]:
        """A destination's refusal of one APPEND: the account's (returned: the copy
        stops, unrecorded, and is retried) or this message's (reported, saved)."""
        scope = faults.Scope(self.host, f.m.target, (o.entry.uid,))
        fault = faults.append_refusal(o.text, scope)
        if isinstance(fault, faults.AccountFault | faults.ConnectionFault):
            return fault
        if isinstance(fault, faults.FolderFault) and fault.code == errors.FOLDER_MISSING:
            return TargetFolderGone(f.m.target, o.text)  # create it again, then retry
        key = (o.source, o.entry.uid)
        if faults.is_server_trouble(o.text) and key not in self.second_chance:
            if not self.tries.final_pass:
                # Not this message's fault: it is tried again in the final pass.
                self.second_chance.add(key)
                self.tries.set_aside.add(key)
                return None
        # Too large, refused, or its folder gone ([TRYCREATE]): this message is reported.
        reason = (
            fault.code
            if isinstance(fault, faults.MessageFault) and fault.code != errors.BAD_SERVER_DATA
            else errors.MESSAGE_REJECTED
        )
        yield from self.fail(f.m, f.uidvalidity, o.entry, f.fr, reason, o.text, o.raw)
        return None

    def fail(
        self,
        m: FolderMapping,
        uidvalidity: int,
        e: Entry,
        fr: FolderReport,
        reason: str,
        detail: str = "",
        raw: bytes | None = None,
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
