"""The help desk's batch summary view: a real `mailmover batch` against Dovecot, then its
summary opened in the window (worst accounts first, plain words in both languages, one
account's report), and files the view must refuse in plain words."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from mailmover.batch import cli as batch_cli
from mailmover.batch import summary
from mailmover.batch.runner import AccountResult
from mailmover.cli import Output
from mailmover.engine.report import FolderReport, Report
from mailmover.gui import batch_table, batch_words
from mailmover.gui.batch_table import (
    COPIED,
    ERROR,
    FAILED,
    MESSAGES,
    OLD,
    STATE,
)
from mailmover.gui.batch_view import BatchSummaryView
from mailmover.gui.helpdesk import HelpDeskView
from mailmover.gui.i18n import LANGUAGES_
from mailmover.gui.session import Session
from tests.batch.conftest import write_csv
from tests.gui.conftest import client_for, fill_mailbox, shoot
from tests.gui.test_pages import check_accessible
from tests.gui.test_preflight import big_message

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    LANGUAGES_.set("en")
    yield
    LANGUAGES_.set("en")


def make_view(qtbot: Any, path: Path | None = None) -> BatchSummaryView:
    session = Session()
    session.choose_open_file = lambda *a: str(path) if path else ""
    view = BatchSummaryView(session)
    qtbot.addWidget(view)
    view.show()
    return view


def cell(view: BatchSummaryView, row: int, col: int) -> str:
    item = view.table.item(row, col)
    assert item is not None
    return item.text()


def column(view: BatchSummaryView, col: int) -> list[str]:
    return [cell(view, r, col) for r in range(view.table.rowCount())]


def click_header(qtbot: Any, view: BatchSummaryView, col: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def row_of(view: BatchSummaryView, user: str) -> int:
    return column(view, OLD).index(user)


def test_a_real_batch_opens_worst_first_in_both_languages(
    qtbot: Any, english: None, make_account: Any, coremail_server: Any, limited_server: Any,
    tmp_path: Path,
) -> None:
    # Three accounts: one refuses its password, one has a message too large for the new
    # server (1 MB limit), one moves cleanly.
    wrong = (make_account(coremail_server), make_account(limited_server))
    big = (make_account(coremail_server), make_account(limited_server))
    fine = (make_account(coremail_server), make_account(limited_server))
    fill_mailbox(big[0], {"INBOX": 10})
    with client_for(big[0]) as c:
        c.append("INBOX", big_message(1, 1_300_000))
    fill_mailbox(fine[0], {"INBOX": 6, "课题组": 3})
    rows = [
        {"source_user": s.user, "target_user": t.user, "source_password": s.password,
         "target_password": t.password}
        for s, t in (fine, wrong, big)
    ]
    rows[1]["source_password"] = "not-the-password"
    accounts = write_csv(tmp_path / "staff.csv", rows)
    out, err = io.StringIO(), io.StringIO()
    code = batch_cli.main(
        ["batch", str(accounts),
         "--source", f"imap+plain://127.0.0.1:{coremail_server.port}",
         "--target", f"imap+plain://127.0.0.1:{limited_server.port}",
         "--state-dir", str(tmp_path / "state"), "--parallel", "3"],
        Output(out, err),
    )
    assert code == 1, out.getvalue() + err.getvalue()
    path = tmp_path / "staff-summary.json"
    assert path.exists()

    # Opened the way the help desk does: the button in the help-desk view.
    session = Session()
    session.choose_open_file = lambda *a: str(path)
    desk = HelpDeskView(session)
    qtbot.addWidget(desk)
    desk.show()
    desk.batch_button.click()
    view = desk.batch_view
    assert view is not None and view.isVisible() and view.path == path
    view.resize(1200, 800)
    check_accessible(view)
    check_accessible(desk)

    # Worst first: could not start, finished with problems, done.
    assert column(view, OLD) == [wrong[0].user, big[0].user, fine[0].user]
    assert column(view, STATE) == ["Could not start", "Finished with problems", "Done"]
    assert column(view, MESSAGES) == ["0", "11", "9"]
    assert column(view, COPIED) == ["0", "10", "9"]
    assert column(view, FAILED) == ["0", "1", "0"]
    errors = column(view, ERROR)
    assert "did not accept this e-mail address and password" in errors[0]
    assert "127.0.0.1" in errors[0]
    assert errors[1] in ("Inbox: Too large for the new mailbox",
                         "Inbox: Refused by the new mailbox")
    assert errors[2] == ""
    heading = view.heading.text()
    assert "staff-summary.json" in heading and "3 accounts" in heading
    assert "Could not start: 1" in heading and "20 in the old mailboxes" in heading

    # Sorting by a number sorts numbers (9 before 11), and back to worst first.
    click_header(qtbot, view, MESSAGES)
    assert column(view, MESSAGES) in (["0", "9", "11"], ["11", "9", "0"])
    if column(view, MESSAGES)[0] != "0":
        click_header(qtbot, view, MESSAGES)
    assert column(view, MESSAGES) == ["0", "9", "11"]
    click_header(qtbot, view, STATE)
    if column(view, STATE)[0] != "Could not start":
        click_header(qtbot, view, STATE)
    assert column(view, OLD) == [wrong[0].user, big[0].user, fine[0].user]

    # Enter on a row shows that account's report; double-click another one.
    view.table.setFocus()
    view.table.setCurrentCell(row_of(view, fine[0].user), OLD)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    shown = view.report.toPlainText()
    assert "Mail move report" in shown and fine[0].user in shown and "课题组" in shown
    assert "Done" in shown and "Signature" not in shown  # the paper part is left out
    assert fine[0].user in view.report_title.text() and not view.error
    qtbot.wait(50)  # let the layout settle before the picture
    shoot(view, "en-batch-summary")

    r = row_of(view, big[0].user)
    item = view.table.item(r, OLD)
    assert item is not None
    rect = view.table.visualItemRect(item)
    # QTest's double-click lacks the press a view needs first: click, then double-click.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    shown = view.report.toPlainText()
    assert big[0].user in shown and "附件 1" in shown  # the refused message, by subject
    assert "Finished with problems" in shown
    qtbot.wait(50)
    shoot(view, "en-batch-summary-problem")

    # Switching the language rewrites the table and the report shown.
    LANGUAGES_.set("zh_CN")
    states = column(view, STATE)
    assert all(CJK.search(s) for s in states), states
    assert CJK.search(column(view, ERROR)[0])
    header = view.table.horizontalHeaderItem(MESSAGES)
    assert header is not None and CJK.search(header.text())
    assert CJK.search(view.heading.text()) and CJK.search(view.report.toPlainText())
    assert "附件 1" in view.report.toPlainText()
    assert CJK.search(desk.batch_button.text())
    view.table.setCurrentCell(row_of(view, fine[0].user), OLD)
    qtbot.keyClick(view.table, Qt.Key.Key_Enter)
    qtbot.wait(50)
    shoot(view, "zh_CN-batch-summary")
    LANGUAGES_.set("en")

    # The account that could not log in has no report: said so, with why.
    assert not view.show_report(row_of(view, wrong[0].user))
    assert "has no report" in view.error and "did not accept" in view.error

    # A report file that is gone: said so, with where it should be.
    fine_row = next(a for a in json.loads(path.read_text())["accounts"]
                    if a["source_user"] == fine[0].user)
    Path(fine_row["report"]).unlink()
    assert not view.show_report(row_of(view, fine[0].user))
    assert "is not at" in view.error and fine_row["report"] in view.error
    assert "staff-summary-reports" in view.report.toPlainText()
    qtbot.wait(50)
    shoot(view, "en-batch-summary-missing-report")


def _summary(tmp_path: Path, results: list[AccountResult]) -> Path:
    info = summary.BatchInfo("staff.csv", "imaps://old.uni.edu.cn", "imaps://new.uni.edu.cn")
    csv_path = tmp_path / "staff-summary.csv"
    summary.write(csv_path, info, results)
    return csv_path.with_suffix(".json")


def test_files_that_are_not_a_summary_are_refused_in_plain_words(
    qtbot: Any, english: None, tmp_path: Path
) -> None:
    good = _summary(tmp_path, [
        AccountResult(2, "a@old.cn", "a@new.cn", "done", 10, 10, 0, 0, 0, 0, 5000, 1.5),
    ])
    view = make_view(qtbot)
    assert not view.load(tmp_path / "staff-summary.csv")  # the CSV beside it
    assert "is not a batch summary" in view.error and "staff-summary.csv" in view.error
    assert view.problem.isVisible() and view.table.rowCount() == 0

    assert not view.load(tmp_path / "gone.json")
    assert "no file gone.json" in view.error

    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "something-else", "version": 1}))
    assert not view.load(other)
    assert "other.json is not a batch summary" in view.error

    assert view.load(good) and view.table.rowCount() == 1 and not view.problem.isVisible()
    newer = tmp_path / "newer.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["version"] = summary.VERSION + 1
    newer.write_text(json.dumps(data))
    assert not view.load(newer)
    assert "newer mailmover" in view.error and f"format {summary.VERSION + 1}" in view.error
    # The summary already open stays open.
    assert view.path == good and view.table.rowCount() == 1

    LANGUAGES_.set("zh_CN")
    assert not view.load(newer)
    assert CJK.search(view.error), view.error
    qtbot.wait(50)
    shoot(view, "zh_CN-batch-summary-newer")
    LANGUAGES_.set("en")

    # Cancelling the file dialog changes nothing.
    view.choose()
    assert view.path == good


def test_reports_copied_along_with_the_summary_are_found(
    qtbot: Any, english: None, tmp_path: Path
) -> None:
    # The batch ran elsewhere: the summary names a path that does not exist here, but the
    # reports folder was copied beside the summary.
    elsewhere = "/srv/it-office/batches/staff-summary-reports/00002-zhang.json"
    result = AccountResult(2, "zhang@old.cn", "zhang@new.cn", "stopped", 5, 2, 0, 0, 0, 3,
                           900, 65.0, first_error="new mailbox full", error_code="quota.full",
                           report=elsewhere)
    path = _summary(tmp_path, [result])
    copied = tmp_path / "staff-summary-reports" / "00002-zhang.json"
    copied.parent.mkdir()
    report = Report("zhang@old.cn@old.uni.edu.cn:993", "zhang@new.cn@new.uni.edu.cn:993",
                    stopped_reason="quota.full",
                    folders=[FolderReport("INBOX", "INBOX", 5, copied=2, pending=3)])
    report.write_json(copied)
    view = make_view(qtbot, path)
    view.choose()
    assert column(view, STATE) == ["Stopped early – run again"]
    assert cell(view, 0, batch_table.DURATION) == "1:05"
    assert view.show_report(0)
    text = view.report.toPlainText()
    assert "zhang@old.cn (old.uni.edu.cn)" in text and "Stopped early" in text
    assert view.report.toolTip() == str(copied)

    copied.write_text("{not json")
    assert not view.show_report(0)
    assert "not a mailmover report" in view.error


@pytest.mark.parametrize("seconds,shown", [(0, "0:00"), (7.4, "0:07"), (750, "12:30"),
                                           (3723, "1:02:03")])
def test_durations(seconds: float, shown: str) -> None:
    assert batch_words.duration_clock(seconds) == shown
