"""The Check-and-report page and the printed report (issue 16): neutral while checking,
verdicts that name the real button, folders never reached with their real count, dates
and server answers readable, a page to print and sign, and a PDF of it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from mailmover.gui.app import MOVING, REPORT
from tests.gui.conftest import client_for, fill_mailbox, shoot
from tests.gui.drive import click_next, start_move_and_stop, to_folders
from tests.gui.test_preflight import big_message

RED = "#b00020"
RESULT = 7


def results(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [page.table.item(r, RESULT).text() for r in range(page.table.rowCount())]


def test_stopped_move_report(qtbot, make_wizard, make_account, coremail_server, exmail_server,
                             tmp_path):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    # 800 in INBOX: a group of its own (engine/groups.py), so a stop during its copy
    # leaves 课题组 never reached, not read and waiting in the same group.
    fill_mailbox(source, {"INBOX": 800, "课题组": 30})
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    page = start_move_and_stop(qtbot, w)
    assert w.currentId() == MOVING
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30000)
    page.progressed.disconnect()
    click_next(qtbot, w)
    assert w.currentId() == REPORT
    report = w.report_page
    # Straight after opening, the check is still running: nothing is red yet.
    assert report.checking
    assert RED not in report.verdict.text()
    assert set(results(report)) == {"checking…"}
    assert report.failures_label.text() == ""
    # Nothing to keep yet: every folder would read "not checked".
    assert not report.save_button.isEnabled() and not report.pdf_button.isEnabled()
    assert report.save_copy(tmp_path / "early.html") is None
    assert not (tmp_path / "early.html").exists()
    qtbot.waitUntil(lambda: report.isComplete(), timeout=30000)
    assert report.save_button.isEnabled() and report.pdf_button.isEnabled()

    verdict = report.verdict.text()
    button = report.retry_button.text().replace("&", "")
    assert button == "Continue moving"
    assert f'"{button}"' in verdict.replace("&quot;", '"'), verdict
    assert RED not in verdict  # unfinished, not failed
    rows = {report.table.item(r, 0).text(): r for r in range(report.table.rowCount())}
    never = rows["课题组"]
    assert report.table.item(never, 1).text() == "30", "a folder never reached shows 0"
    assert report.table.item(never, RESULT).text() == "not reached yet"
    assert report.table.item(rows["Inbox"], RESULT).text().endswith("still to copy")
    assert "No message failed" not in report.failures_label.text()
    assert "not been copied yet" in report.failures_label.text()
    shoot(w, "en-5-report-stopped")

    html = w.session.report_path.read_text(encoding="utf-8")
    assert "@127.0.0.1:" not in html, "account keys in the printed report"
    assert f"{source.user} (127.0.0.1)" in html
    assert "Signature" in html and "Account holder" in html and "@media print" in html
    assert ">30<" in html and "Not reached" in html
    # On paper: how many are not copied yet, no sentence to sign that says the mail was
    # moved, and nothing that is an instruction for the screen.
    missing = w.session.verification.totals()["missing"]
    assert missing > 0
    assert f"Not finished — {missing} messages not yet copied." in html
    assert "was moved to the new mailbox as stated" not in html
    assert "does not confirm that the mail was moved" in html
    assert "<p>None.</p>" not in html and "None refused; the move is not finished." in html
    for instruction in ("Continue moving", "click", "Click", "Go on with"):
        assert instruction not in html, instruction
    pdf = report.save_pdf(tmp_path / "report.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000

    # "Continue moving" goes back and finishes; Next is off meanwhile.
    qtbot.mouseClick(report.retry_button, Qt.MouseButton.LeftButton)
    assert w.currentId() == MOVING
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=60000)
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: report.isComplete(), timeout=30000)
    assert report.all_good() and set(results(report)) == {"✔ complete"}
    done = report.save_copy(tmp_path / "done.html")
    assert done is not None
    html = done.read_text(encoding="utf-8")
    assert "Everything arrived: all 830 messages" in html
    assert "was moved to the new mailbox as stated" in html and "Not finished" not in html


def test_failures_show_dates_and_reasons(qtbot, make_wizard, make_account, coremail_server,
                                         limited_server):
    source = make_account(coremail_server)
    target = make_account(limited_server)
    fill_mailbox(source, {"INBOX": 2})
    with client_for(source) as c:
        c.append("INBOX", big_message(1, 1_300_000))
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.moving.isComplete(), timeout=60000)
    click_next(qtbot, w)
    report = w.report_page
    qtbot.waitUntil(lambda: report.isComplete(), timeout=30000)
    assert report.failures.rowCount() == 1
    assert report.failures.item(0, 1).text() == "2024-09-02 10:00"
    assert report.failures.item(0, 4).text() in ("Too large for the new mailbox",
                                                  "Refused by the new mailbox")
    assert report.retry_button.text().replace("&", "") == "Try the failed ones again"
    verdict = report.verdict.text().replace("&quot;", '"')
    assert '"Try the failed ones again"' in verdict
    html = w.session.report_path.read_text(encoding="utf-8")
    assert "2024-09-02 10:00" in html and "Mon, 02 Sep 2024" not in html
    assert str(w.session.saved_dir()) in html
    assert not re.search(r"\bb'", html), "a Python bytes literal in the report"
