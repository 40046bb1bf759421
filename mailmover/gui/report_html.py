"""The report as one self-contained HTML file a help-desk person can open anywhere."""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mailmover.engine.report import Report, write_atomic
from mailmover.engine.verify import Verification
from mailmover.gui.messages import fill, reason_text, size_text

_CTX = "ReportHtml"

# Strings used through _t() below, registered for lupdate.
_LITERALS = (
    QT_TRANSLATE_NOOP("ReportHtml", "Already there"),
    QT_TRANSLATE_NOOP("ReportHtml", "Check"),
    QT_TRANSLATE_NOOP("ReportHtml", "Copied"),
    QT_TRANSLATE_NOOP("ReportHtml", "Date"),
    QT_TRANSLATE_NOOP("ReportHtml", "Failed"),
    QT_TRANSLATE_NOOP("ReportHtml", "Folder"),
    QT_TRANSLATE_NOOP("ReportHtml", "From {source} to {target}, started {when}."),
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
    QT_TRANSLATE_NOOP(
        "ReportHtml",
        "Messages: {total} in the old mailbox; {copied} copied, {present} already "
        "there, {skipped} skipped, {failed} failed, {pending} not reached.",
    ),
)


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def render(report: Report, verification: Verification | None, verdict: str) -> str:
    e = html.escape
    checks = {c.source: c for c in (verification.folders if verification else [])}
    rows = []
    for f in report.folders:
        c = checks.get(f.source)
        rows.append(
            "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in (
                f.source, f.target, f.source_count,
                c.target_count if c else "", f.copied, f.present, f.skipped, f.failed,
                f.pending, (c.missing if c else ""),
                (_t("OK") if c and c.ok and f.complete else _t("Check"))
            )) + "</tr>")
    t = report.totals()
    failures = [x for f in report.folders for x in f.failures]
    fail_rows = "".join(
        "<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in (
            x.folder, x.subject, x.date, size_text(x.size), reason_text(x.reason), x.detail,
            x.saved_as)) + "</tr>" for x in failures)
    started = time.strftime("%Y-%m-%d %H:%M", time.localtime(report.started))
    heads = [_t("Old folder"), _t("New folder"), _t("In old mailbox"), _t("In new mailbox"),
             _t("Copied"), _t("Already there"), _t("Skipped"), _t("Failed"), _t("Not reached"),
             _t("Missing"), _t("Result")]
    fheads = [_t("Folder"), _t("Subject"), _t("Date"), _t("Size"), _t("Reason"),
              _t("Server answer"), _t("Saved as")]
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{e(_t("mailmover report"))}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:3px 8px;text-align:left}}th{{background:#eee}}</style>
</head><body>
<h1>{e(_t("mailmover report"))}</h1>
<p><b>{e(verdict)}</b></p>
<p>{e(fill(_t("From {source} to {target}, started {when}."), source=report.source,
              target=report.target, when=started))}</p>
<p>{e(fill(_t("Messages: {total} in the old mailbox; {copied} copied, {present} already "
              "there, {skipped} skipped, {failed} failed, {pending} not reached."),
           total=t["source_count"], copied=t["copied"], present=t["present"],
           skipped=t["skipped"], failed=t["failed"], pending=t["pending"]))}</p>
<table><tr>{"".join(f"<th>{e(h)}</th>" for h in heads)}</tr>{"".join(rows)}</table>
<h2>{e(_t("Messages that could not be moved"))}</h2>
{f'<table><tr>{"".join(f"<th>{e(h)}</th>" for h in fheads)}</tr>{fail_rows}</table>'
 if failures else f"<p>{e(_t('None.'))}</p>"}
</body></html>
"""


def save(path: Path, report: Report, verification: Verification | None, verdict: str) -> Path:
    write_atomic(path, render(report, verification, verdict))
    return path
