"""The report the help desk prints and signs: one self-contained HTML file (print-friendly
CSS, A4), and the same page as a PDF through Qt (QTextDocument + QPdfWriter)."""

from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from mailmover.atomic import write_atomic
from mailmover.engine import Report, Verification
from mailmover.gui.i18n import QT_TRANSLATE_NOOP
from mailmover.gui.messages import (
    account_label,
    date_text,
    fill,
    folder_label,
    reason_text,
    server_answer,
    size_text,
)

_CTX = "ReportHtml"

# Strings used through _t() below, registered for lupdate.
_LITERALS = (
    QT_TRANSLATE_NOOP("ReportHtml", "Already there"),
    QT_TRANSLATE_NOOP("ReportHtml", "Check"),
    QT_TRANSLATE_NOOP("ReportHtml", "Copied"),
    QT_TRANSLATE_NOOP("ReportHtml", "Date"),
    QT_TRANSLATE_NOOP("ReportHtml", "Failed"),
    QT_TRANSLATE_NOOP("ReportHtml", "Folder"),
    QT_TRANSLATE_NOOP("ReportHtml", "In new mailbox"),
    QT_TRANSLATE_NOOP("ReportHtml", "In old mailbox"),
    QT_TRANSLATE_NOOP("ReportHtml", "Messages that could not be moved"),
    QT_TRANSLATE_NOOP("ReportHtml", "Missing"),
    QT_TRANSLATE_NOOP("ReportHtml", "New folder"),
    QT_TRANSLATE_NOOP("ReportHtml", "None."),
    QT_TRANSLATE_NOOP("ReportHtml", "Not reached"),
    QT_TRANSLATE_NOOP("ReportHtml", "OK"),
    QT_TRANSLATE_NOOP("ReportHtml", "Old folder"),
    QT_TRANSLATE_NOOP("ReportHtml", "Reason"),
    QT_TRANSLATE_NOOP("ReportHtml", "Result"),
    QT_TRANSLATE_NOOP("ReportHtml", "Saved as"),
    QT_TRANSLATE_NOOP("ReportHtml", "Server answer"),
    QT_TRANSLATE_NOOP("ReportHtml", "Size"),
    QT_TRANSLATE_NOOP("ReportHtml", "Skipped"),
    QT_TRANSLATE_NOOP("ReportHtml", "Subject"),
    QT_TRANSLATE_NOOP("ReportHtml", "mailmover report"),
    QT_TRANSLATE_NOOP("ReportHtml", "Mail move report"),
    QT_TRANSLATE_NOOP("ReportHtml", "Old mailbox"),
    QT_TRANSLATE_NOOP("ReportHtml", "New mailbox"),
    QT_TRANSLATE_NOOP("ReportHtml", "Started at"),
    QT_TRANSLATE_NOOP("ReportHtml", "Finished at"),
    QT_TRANSLATE_NOOP("ReportHtml", "not finished"),
    QT_TRANSLATE_NOOP("ReportHtml", "Institution"),
    QT_TRANSLATE_NOOP("ReportHtml", "Copies of the failed messages"),
    QT_TRANSLATE_NOOP("ReportHtml", "Not checked"),
    QT_TRANSLATE_NOOP("ReportHtml", "Confirmation"),
    QT_TRANSLATE_NOOP("ReportHtml", "Account holder"),
    QT_TRANSLATE_NOOP("ReportHtml", "Help desk"),
    QT_TRANSLATE_NOOP("ReportHtml", "Name"),
    QT_TRANSLATE_NOOP("ReportHtml", "Signature"),
    QT_TRANSLATE_NOOP("ReportHtml", "Printed from mailmover on {when}."),
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "Messages: {total} in the old mailbox; {copied} copied, {present} already "
        "there, {skipped} skipped, {failed} failed, {pending} not reached.",
    ),
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "Each message that could not be moved is kept as an .eml file in this folder "
        "on the computer where the move ran:",
    ),
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "The mail listed above was moved to the new mailbox as stated; the messages "
        "listed as not moved were handed over as files where a file is named.",
    ),
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "The move is not finished: this page records what had been done when it was "
        "printed. It does not confirm that the mail was moved.",
    ),
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "Not checked: the check of the new mailbox did not finish, so this page does not "
        "confirm that the mail was moved.",
    ),
    QT_TRANSLATE_NOOP("ReportHtml", "Not finished — {n} messages not yet copied."),
    QT_TRANSLATE_NOOP("ReportHtml", "Not finished — 1 message not yet copied."),
    QT_TRANSLATE_NOOP("ReportHtml", "None refused; the move is not finished."),
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "Everything arrived: all {n} messages of the chosen folders are in the new mailbox.",
    ),
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "Every message is in the new mailbox; some copies differ from the old ones (flags "
        "or dates).",
    ),
)


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


@dataclass
class Extras:
    """What the report knows from the window beyond the engine's Report."""

    institution: str = ""
    saved_dir: Path | None = None
    roles: dict[str, str | None] = field(default_factory=dict)
    planned: dict[str, int] = field(default_factory=dict)  # folder -> messages planned
    helpdesk: str = ""


def _when(stamp: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else ""


CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       font-size: 10.5pt; color: #000; margin: 2em; }
h1 { font-size: 16pt; margin: 0 0 .4em 0; }
h2 { font-size: 12pt; margin: 1.2em 0 .4em 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #777; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; }
table.facts td { border: none; padding: 1px 8px 1px 0; }
table.facts td:first-child { white-space: nowrap; font-weight: bold; }
.verdict { font-weight: bold; font-size: 11.5pt; }
.sign td { border: none; padding: 18px 12px 2px 0; }
.small { color: #444; font-size: 9pt; }
@media print {
  body { margin: 0; }
  tr, .sign { page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def not_copied(report: Report, verification: Verification | None) -> int:
    """Messages of the chosen folders not (yet) in the new mailbox: what the check found
    missing, else what the move had not reached."""
    if verification is not None:
        return int(verification.totals()["missing"])
    return int(report.totals()["pending"])


def complete(report: Report, verification: Verification | None) -> bool:
    """The move ran to its end and the check found every message in the new mailbox
    (without a check: the move's own counts, all copied and none failed)."""
    ended = not report.cancelled and not report.stopped_reason
    if verification is None:
        return ended and report.totals()["pending"] == 0 and report.totals()["failed"] == 0
    return ended and not_copied(report, verification) == 0


def paper_verdict(report: Report, verification: Verification | None) -> str:
    """The verdict as printed: what happened, never an instruction for the screen and
    never more than happened."""
    if verification is None:
        return _t("Not checked: the check of the new mailbox did not finish, so this page "
                  "does not confirm that the mail was moved.")
    left = not_copied(report, verification)
    if left or report.cancelled or report.stopped_reason:
        return (_t("Not finished — 1 message not yet copied.") if left == 1 else
                fill(_t("Not finished — {n} messages not yet copied."), n=left))
    if verification.ok and sum(f.failed for f in report.folders) == 0:
        return fill(_t("Everything arrived: all {n} messages of the chosen folders are in "
                       "the new mailbox."), n=verification.totals()["source_count"])
    return _t("Every message is in the new mailbox; some copies differ from the old ones "
              "(flags or dates).")


def render(report: Report, verification: Verification | None, verdict: str | None = None,
           extras: Extras | None = None) -> str:
    """The printed page. Without `verdict` (the wizard: its screen verdict tells the
    person what to click) the page states paper_verdict(); the batch viewer gives its
    own, which names a state only."""
    e = html.escape
    x = extras or Extras()
    checks = {c.source: c for c in (verification.folders if verification else [])}
    rows = []
    total_old = total_pending = 0
    for f in report.folders:
        c = checks.get(f.source)
        reached = getattr(f, "reached", True) and (f.source_count > 0 or f.accounted > 0)
        in_old = c.source_count if c else (f.source_count or x.planned.get(f.source, 0))
        if c is None:
            result = _t("Not checked")
        elif c.ok and f.complete:
            result = _t("OK")
        elif not reached and (report.cancelled or report.stopped_reason):
            result = _t("Not reached")
        else:
            result = _t("Check")
        pending = f.pending if reached else max(in_old - f.accounted, 0)
        total_old += in_old
        total_pending += pending
        cells = (folder_label(f.source, x.roles.get(f.source)),
                 folder_label(f.target, x.roles.get(f.source)), in_old,
                 c.target_count if c else "", f.copied_by_move, f.found_there, f.skipped,
                 f.failed,
                 pending, (c.missing if c else ""), result)
        rows.append("<tr>" + "".join(
            f"<td class='n'>{e(str(v))}</td>" if isinstance(v, int) else f"<td>{e(str(v))}</td>"
            for v in cells) + "</tr>")
    t = report.totals()
    failures = [x_ for f in report.folders for x_ in f.failures]
    fail_rows = "".join(
        "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in (
            folder_label(y.folder, x.roles.get(y.folder)), y.subject, date_text(y.date),
            size_text(y.size), reason_text(y.reason), server_answer(y.detail),
            Path(y.saved_as).name if y.saved_as else "")) + "</tr>" for y in failures)
    heads = [_t("Old folder"), _t("New folder"), _t("In old mailbox"), _t("In new mailbox"),
             _t("Copied"), _t("Already there"), _t("Skipped"), _t("Failed"), _t("Not reached"),
             _t("Missing"), _t("Result")]
    fheads = [_t("Folder"), _t("Subject"), _t("Date"), _t("Size"), _t("Reason"),
              _t("Server answer"), _t("Saved as")]
    facts = [(_t("Old mailbox"), account_label(report.source)),
             (_t("New mailbox"), account_label(report.target)),
             (_t("Started at"), _when(report.started)),
             (_t("Finished at"), _when(report.finished) or _t("not finished"))]
    if x.institution:
        facts.insert(0, (_t("Institution"), x.institution))
    if x.helpdesk:
        facts.append((_t("Help desk"), x.helpdesk))
    facts_html = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in facts)
    totals = fill(_t("Messages: {total} in the old mailbox; {copied} copied, {present} "
                     "already there, {skipped} skipped, {failed} failed, {pending} not "
                     "reached."),
                  total=max(total_old, t["source_count"]), copied=t["copied"] + t["earlier"],
                  present=t["present"] - t["earlier"], skipped=t["skipped"], failed=t["failed"],
                  pending=max(total_pending, t["pending"]))
    saved = ""
    if failures and x.saved_dir is not None:
        title = _t("Copies of the failed messages")
        where = _t("Each message that could not be moved is kept as an .eml file in this "
                   "folder on the computer where the move ran:")
        saved = (f"<h2>{e(title)}</h2><p>{e(where)}<br>"
                 f"<code>{e(str(x.saved_dir))}</code></p>")
    # Underscores rather than CSS borders: Qt's PDF and every browser print them alike.
    line = "_" * 18
    sign_rows = "".join(
        f"<tr><td><b>{e(who)}</b></td><td>{e(_t('Name'))}: {line}</td>"
        f"<td>{e(_t('Signature'))}: {line}</td><td>{e(_t('Date'))}: {line[:12]}</td></tr>"
        for who in (_t("Account holder"), _t("Help desk")))
    checked_here = verdict is None
    if verdict is None:
        verdict = paper_verdict(report, verification)
    # Without a check of its own, the wizard's page confirms nothing.
    done = complete(report, verification) and not (checked_here and verification is None)
    nothing = _t("None.") if done else _t("None refused; the move is not finished.")
    fail_table = (f"<table><thead><tr>{''.join(f'<th>{e(h)}</th>' for h in fheads)}</tr>"
                  f"</thead>{fail_rows}</table>" if failures else f"<p>{e(nothing)}</p>")
    # Only a finished, checked move gets the sentence that says the mail was moved.
    if done:
        confirm = _t("The mail listed above was moved to the new mailbox as stated; the "
                     "messages listed as not moved were handed over as files where a file is "
                     "named.")
    elif checked_here and verification is None:
        confirm = verdict
    else:
        confirm = _t("The move is not finished: this page records what had been done when it "
                     "was printed. It does not confirm that the mail was moved.")
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{e(_t("Mail move report"))}</title>
<style>{CSS}</style>
</head><body>
<h1>{e(_t("Mail move report"))}</h1>
<table class="facts">{facts_html}</table>
<p class="verdict">{e(verdict)}</p>
<p>{e(totals)}</p>
<table><thead><tr>{"".join(f"<th>{e(h)}</th>" for h in heads)}</tr></thead>
{"".join(rows)}</table>
<h2>{e(_t("Messages that could not be moved"))}</h2>
{fail_table}
{saved}
<h2>{e(_t("Confirmation"))}</h2>
<p>{e(confirm)}</p>
<table class="sign">{sign_rows}</table>
<p class="small">{e(fill(_t("Printed from mailmover on {when}."), when=_when(time.time())))}</p>
</body></html>
"""


def save(path: Path, report: Report, verification: Verification | None,
         extras: Extras | None = None) -> Path:
    write_atomic(path, render(report, verification, None, extras))
    return path


def save_pdf(path: Path, report: Report, verification: Verification | None,
             extras: Extras | None = None) -> Path:
    """The same page as an A4 PDF (Qt's rich-text engine: the CSS it knows is applied)."""
    doc = QTextDocument()
    doc.setHtml(render(report, verification, None, extras))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setTitle(_t("Mail move report"))
    writer.setCreator("mailmover")
    doc.print_(writer)
    del writer  # finishes the file
    return path
