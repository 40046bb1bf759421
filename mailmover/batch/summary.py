"""The batch summary: a CSV for scripts and spreadsheets, a JSON beside it for programs
(the wizard's help-desk view), and an HTML page for the help desk.

All three are rewritten (atomically) each time an account finishes, so a batch that is
killed still leaves a summary of what it finished.
"""

from __future__ import annotations

import html
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mailmover import csvsafe
from mailmover.atomic import write_atomic
from mailmover.batch.runner import STATES, AccountResult

FORMAT = "mailmover-batch-summary"
VERSION = 1

CSV_COLUMNS = (
    "line",
    "source_user",
    "target_user",
    "state",
    "source_messages",
    "copied",
    "already_there",
    "skipped",
    "failed",
    "pending",
    "bytes",
    "duration",
    "verified",
    "first_error",
    "report",
)


@dataclass
class BatchInfo:
    accounts_file: str
    source: str
    target: str
    shard: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None
    interrupted: bool = False
    parallel: int = 0
    # Per server: the cap on connections open at once, and the most that were open.
    connection_caps: dict[str, int] = field(default_factory=dict)
    connection_peaks: dict[str, int] = field(default_factory=dict)


def paths_for(summary_csv: Path) -> tuple[Path, Path, Path]:
    """(csv, json, html) of one summary."""
    return summary_csv, summary_csv.with_suffix(".json"), summary_csv.with_suffix(".html")


def _order(results: list[AccountResult]) -> list[AccountResult]:
    """Accounts that need someone first, then by line."""
    rank = {s: i for i, s in enumerate(STATES)}
    return sorted(results, key=lambda r: (rank.get(r.state, 0), r.failed == 0, r.line))


def totals(results: list[AccountResult]) -> dict[str, Any]:
    keys = ("source_messages", "copied", "already_there", "skipped", "failed", "pending", "bytes")
    out: dict[str, Any] = {k: sum(getattr(r, k) for r in results) for k in keys}
    out["accounts"] = len(results)
    out["states"] = {s: sum(r.state == s for r in results) for s in STATES}
    return out


def to_csv(results: list[AccountResult]) -> str:
    """Every cell through csvsafe: a server's error text or a user name starting with
    = + - @ is not run as a formula; its control and bidi characters are escaped."""
    rows = []
    for r in sorted(results, key=lambda r: r.line):
        d = r.to_dict()
        d["duration"] = f"{r.duration:.1f}"
        rows.append([d[c] for c in CSV_COLUMNS])
    return csvsafe.to_csv(CSV_COLUMNS, rows)


def to_json(info: BatchInfo, results: list[AccountResult]) -> str:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "batch": info.__dict__,
        "totals": totals(results),
        "accounts": [r.to_dict() for r in sorted(results, key=lambda r: r.line)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def read_json(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a summary JSON (for the wizard's help-desk view); checks its format."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path} is not a mailmover batch summary")
    return data


def write(path: Path, info: BatchInfo, results: list[AccountResult]) -> None:
    csv_path, json_path, html_path = paths_for(path)
    # UTF-8 with BOM: Excel on a Chinese Windows then shows the names right.
    write_atomic(csv_path, "\ufeff" + to_csv(results))
    write_atomic(json_path, to_json(info, results))
    write_atomic(html_path, to_html(info, results, html_path.parent))


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f}"


_SCRIPT = """
document.querySelectorAll('th').forEach((th, col) => th.addEventListener('click', () => {
  const body = th.closest('table').tBodies[0];
  const asc = th.dataset.dir !== 'asc';
  th.closest('tr').querySelectorAll('th').forEach(h => delete h.dataset.dir);
  th.dataset.dir = asc ? 'asc' : 'desc';
  const key = td => td.dataset.v !== undefined ? Number(td.dataset.v) : td.textContent;
  [...body.rows].sort((a, b) => {
    const x = key(a.cells[col]), y = key(b.cells[col]);
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return asc ? c : -c;
  }).forEach(r => body.appendChild(r));
}));
"""

_STYLE = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; }
th { cursor: pointer; background: #f3f3f3; }
th[data-dir=asc]::after { content: ' \\25B2'; } th[data-dir=desc]::after { content: ' \\25BC'; }
td.n { text-align: right; }
tr.failed, tr.stopped { background: #fde2e2; }
tr.incomplete, tr.cancelled { background: #fff4d6; }
tr.pending, tr.running { color: #777; }
"""


def to_html(info: BatchInfo, results: list[AccountResult], base: Path) -> str:
    e = html.escape
    t = totals(results)
    states = ", ".join(f"{n} {s}" for s, n in t["states"].items() if n)
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.started))
    head = (
        f"<h1>Batch move: {e(Path(info.accounts_file).name)}"
        + (f" (shard {e(info.shard)})" if info.shard else "")
        + "</h1>"
        f"<p>{e(info.source)} &rarr; {e(info.target)}, started {e(when)}"
        + (", <b>interrupted</b>" if info.interrupted else "")
        + "</p>"
        f"<p>{t['accounts']} accounts: {e(states)}. {t['source_messages']} messages in the old "
        f"mailboxes: {t['copied']} copied, {t['already_there']} already there, "
        f"{t['skipped']} skipped, {t['failed']} failed, {t['pending']} not reached; "
        f"{_mb(t['bytes'])} MB copied.</p>"
    )
    cols = (
        "line", "state", "source user", "target user", "messages", "copied", "already there",
        "skipped", "failed", "MB", "seconds", "verified", "first error", "report",
    )  # fmt: skip
    rows = []
    for r in _order(results):
        link = ""
        if r.report:
            try:
                href = os.path.relpath(r.report, base)
            except ValueError:  # another drive (Windows)
                href = r.report
            link = f'<a href="{e(Path(href).as_posix())}">report</a>'
        cells = [
            f'<td class="n" data-v="{r.line}">{r.line}</td>',
            f"<td>{e(r.state)}</td>",
            f"<td>{e(r.source_user)}</td>",
            f"<td>{e(r.target_user)}</td>",
            *(
                f'<td class="n" data-v="{v}">{v}</td>'
                for v in (r.source_messages, r.copied, r.already_there, r.skipped, r.failed)
            ),
            f'<td class="n" data-v="{r.bytes}">{_mb(r.bytes)}</td>',
            f'<td class="n" data-v="{r.duration:.1f}">{r.duration:.1f}</td>',
            f"<td>{e(r.verified)}</td>",
            f"<td>{e(r.first_error)}</td>",
            f"<td>{link}</td>",
        ]
        rows.append(f'<tr class="{e(r.state)}">' + "".join(cells) + "</tr>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>mailmover batch summary</title><style>{_STYLE}</style></head><body>"
        + head
        + "<table><thead><tr>"
        + "".join(f"<th>{e(c)}</th>" for c in cols)
        + "</tr></thead><tbody>\n"
        + "\n".join(rows)
        + f"\n</tbody></table><script>{_SCRIPT}</script></body></html>\n"
    )
