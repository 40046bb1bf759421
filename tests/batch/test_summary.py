"""The summary files and the terminal display, from results alone (no server needed)."""

from __future__ import annotations

import csv
import io

import pytest

from mailmover.batch import summary
from mailmover.batch.accounts import Job, Row
from mailmover.batch.progress import BatchProgress
from mailmover.batch.runner import AccountResult, BatchOptions, BatchRunner
from mailmover.engine.account import Account


def _results() -> list[AccountResult]:
    return [
        AccountResult(2, "a@old.cn", "a@new.cn", "done", 10, 10, 0, 0, 0, 0, 5000, 1.5),
        AccountResult(3, "<b>x</b>", "x@new.cn", "failed", first_error="did not accept <password>"),
        AccountResult(4, "张三", "zhangsan@new.cn", "incomplete", 5, 3, 1, 0, 1, 0, 900, 2.0),
    ]


def test_csv_json_and_html_agree(tmp_path):
    info = summary.BatchInfo("staff.csv", "imaps://old", "imaps://new", shard="1/2")
    path = tmp_path / "out" / "sum.csv"
    summary.write(path, info, _results())
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 names with the BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["line"] for r in rows] == ["2", "3", "4"]
    assert rows[2]["source_user"] == "张三" and rows[2]["failed"] == "1"
    assert list(rows[0]) == list(summary.CSV_COLUMNS)

    data = summary.read_json(path.with_suffix(".json"))
    assert data["batch"]["shard"] == "1/2"
    assert data["totals"]["copied"] == 13 and data["totals"]["states"]["failed"] == 1
    with pytest.raises(ValueError):
        summary.read_json(path)  # the CSV is not a summary JSON

    page = path.with_suffix(".html").read_text(encoding="utf-8")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page  # escaped
    # Accounts that need someone first: failed, then incomplete, then done.
    order = [page.index(f'<tr class="{s}">') for s in ("failed", "incomplete", "done")]
    assert order == sorted(order)


def test_terminal_display_redraws_one_line():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    def acc(user: str) -> Account:
        return Account("127.0.0.1", user, 1, "plain")

    jobs = [Job(Row(2, "a", "b"), acc("a"), acc("b")), Job(Row(3, "c", "d"), acc("c"), acc("d"))]
    runner = BatchRunner(jobs, BatchOptions())
    runner.started = 0.0
    out = Tty()
    progress = BatchProgress(out, 2)
    runner.results[0].state = "running"
    progress.tick(runner)
    assert out.getvalue().startswith("\r\033[Kaccounts: 0/2 done, 1 running")
    runner.results[0].state, runner.results[0].copied = "done", 10
    progress.account_finished(runner.results[0])
    progress.tick(runner)
    text = out.getvalue()
    assert "[1/2] line 2 a -> b: done" in text
    assert text.rsplit("\r\033[K", 1)[1].startswith("accounts: 1/2 done, 0 running")
