"""How the command line shows a move: the progress line, the plan, the report."""

from __future__ import annotations

import time

from mailmover.commands.common import Output, pad, printable
from mailmover.engine import (
    Connected,
    DailyBudget,
    Event,
    FolderFinished,
    FolderMapping,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    PlanReady,
    ProgressModel,
    Report,
    Retrying,
    Warning,
    days_needed,
    errors,
)
from mailmover.units import format_size

_FOLDER_FAILED = (errors.FOLDER_REFUSED, errors.FOLDER_CREATE_FAILED)
_NOTES = {
    "gmail_no_trash": "not into Gmail's Trash or Spam: Gmail deletes mail there after 30 days",
    "gmail_renamed": "renamed: Gmail does not allow that name",
}


def why(reason: str, detail: str, folder: str = "") -> str:
    """A failure in words, with the server's own answer quoted: never a bare code (and
    never "The folder  could not be created": the folder is named)."""
    said = f' (the server said: "{detail.strip()}")' if detail.strip() else ""
    return errors.describe(reason, folder=folder) + said


class Progress:
    """A one-line bar on a terminal; plain lines otherwise (logs, CI, pipes). It renders the
    engine's progress model and counts nothing itself."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.tty = out.out.isatty()
        self.model = ProgressModel()
        self.last = time.monotonic()  # the first rate is shown once there is one to trust
        self.folders_failed = 0  # folders the server would not open or create

    def handle(self, ev: object) -> None:
        if isinstance(ev, Event):
            self.model.apply(ev)
        if isinstance(ev, Connected):
            self.out.say(f"connected to {ev.host} ({ev.side})")
        elif isinstance(ev, PlanReady):
            self.out.say(f"{ev.folders} folders to move")
        elif isinstance(ev, FolderStarted):
            self._clear()
            self.out.say(
                f"{ev.source} -> {ev.target}: {ev.total} messages, {ev.to_copy} to copy, "
                f"{ev.present} already there" + (f", {ev.skipped} skipped" if ev.skipped else "")
            )
        elif isinstance(ev, MessageCopied):
            self._tick()
        elif isinstance(ev, MessageFailed):
            self._clear()
            where = f" (saved as {ev.saved_as})" if ev.saved_as else ""
            said = why(ev.reason, ev.detail, ev.folder)
            self.out.say(f"  failed: {ev.folder} UID {ev.uid}: {said}{where}")
        elif isinstance(ev, FolderFinished):
            if ev.counts.get("copied"):
                self._tick(force=True)
        elif isinstance(ev, Retrying):
            self._clear()
            what = (
                "the server asked us to slow down"
                if ev.reason == errors.THROTTLED
                else f"connection problem ({ev.detail or 'no answer'})"
            )
            self.out.say(f"  {what}; retrying in {ev.delay:.0f} s (attempt {ev.attempt})")
        elif isinstance(ev, Warning):
            if ev.code in _FOLDER_FAILED:
                self.folders_failed += 1
            self._clear()
            self.out.say(f"  warning: {errors.MailMoverError(ev.code, **ev.params)}")

    def _clear(self) -> None:
        if self.tty:
            self.out.out.write("\r\033[K")

    def _tick(self, force: bool = False) -> None:
        now = time.monotonic()
        interval = 0.2 if self.tty else 5.0
        if not force and now - self.last < interval:
            return
        self.last = now
        s = self.model.snapshot()
        eta = f"about {s.eta_seconds:.0f} s left" if s.eta_seconds is not None else "time left ?"
        line = (
            f"{s.messages_done}/{s.messages_total} messages, "
            f"{format_size(s.bytes_done)}/{format_size(s.bytes_total)}, "
            f"{s.rate_messages:.1f} msg/s, "
            f"{s.rate_bytes / 1_048_576:.2f} MB/s, {eta}"
        )
        if self.tty:
            width = 24
            bar = "#" * int(width * s.fraction) + "-" * (width - int(width * s.fraction))
            self.out.out.write(f"\r\033[K[{bar}] {printable(line)}")
            self.out.out.flush()
        else:
            self.out.say(line)


def print_plan(
    mappings: list[FolderMapping], out: Output, budget: DailyBudget | None = None
) -> None:
    out.say(f"{'':2}{'source folder':<32} {'messages':>8} {'size':>10}  -> destination folder")
    for m in mappings:
        mark = "x" if m.include else " "
        note = f"  (not moved: {m.reason})" if not m.include else ""
        if m.include and m.unlabelled_only:
            note = "  (only mail with no label: archived in Gmail)"
            if m.hidden_labels:
                note = (
                    "  (only mail with no label shown: archived in Gmail, and mail only in "
                    f"the labels hidden from IMAP: {', '.join(m.hidden_labels)})"
                )
        elif m.include and m.note in _NOTES:
            note = f"  ({_NOTES[m.note]})"
        out.say(
            f"[{mark}] {pad(m.source, 31)}{m.messages or 0:>8} {format_size(m.size or 0):>10}  -> "
            f"{m.target}{note}"
        )
    for m in mappings:
        if m.include and m.hidden_labels:
            out.say(
                f"Gmail hides the labels {', '.join(m.hidden_labels)} from mail programs: their "
                "mail is moved into Archive unless another label shows it. To move them as "
                "folders, in Gmail open Settings, Labels, tick “Show in IMAP” for each, then "
                "run again."
            )
    total = sum(m.size or 0 for m in mappings if m.include)
    if budget is not None:
        days = days_needed(total, budget)
        whose = "the daily limit you chose" if budget.own else "Gmail's limits"
        length = "about 1 day" if days == 1 else f"about {days} days"
        out.say(
            f"at {whose} ({budget.mb_per_day} MB a day) this takes {length}: the move "
            "stops when a day's limit is reached; run it again the next day to continue"
        )


def print_report(report: Report, out: Output) -> None:
    out.say("")
    out.say(
        f"{'folder':<32} {'source':>7} {'copied':>7} {'present':>8} {'skipped':>8} "
        f"{'failed':>7} {'removed':>8} {'pending':>8}"
    )
    for f in report.folders:
        out.say(
            f"{pad(f.source, 32)}{f.source_count:>7} {f.copied:>7} {f.present:>8} {f.skipped:>8} "
            f"{f.failed:>7} {f.removed:>8} {f.pending:>8}"
        )
    t = report.totals()
    out.say(
        f"{'total':<32} {t['source_count']:>7} {t['copied']:>7} {t['present']:>8} "
        f"{t['skipped']:>8} {t['failed']:>7} {t['removed']:>8} {t['pending']:>8}"
    )
    if t["removed"]:
        out.say(
            f"{t['removed']} messages copied before were deleted or moved by you in the new "
            "mailbox and were not copied again (--restore-removed brings deleted ones back)"
        )
    if t["label_copies"]:
        out.say(
            f"{t['label_copies']} label copies: Gmail messages with several labels were "
            "copied once and put into their other label folders on the new server (not "
            "duplicates; counted apart from 'copied')"
        )
    if t["flags_updated"]:
        out.say(f"{t['flags_updated']} copies got the flags changed since on the old server")
    for f in report.folders:
        for x in f.failures:
            out.say(
                f"  failed: {x.folder} UID {x.uid} {x.date!r} {x.subject!r} {x.size} bytes: "
                f"{why(x.reason, x.detail, x.folder)} {x.saved_as}"
            )


