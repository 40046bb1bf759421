"""Pause, resume, stop mid-move, close, reopen: the move continues without duplicates."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mailmover.gui.app import MOVING
from mailmover.gui.pages.folder_progress import COL_STATE
from tests.gui.conftest import fill_mailbox, folder_counts
from tests.gui.drive import click_next, move_and_check, to_folders

COUNT = 300


def test_pause_resume_stop_and_continue(qtbot, make_wizard, make_account, coremail_server,
                                        exmail_server):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": COUNT})
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    page = w.moving
    # Pause as soon as the first progress arrives, as a user clicking quickly would.
    page.progressed.connect(lambda: page.state == "running" and not page.control.paused
                            and page.pause_button.click())
    click_next(qtbot, w)
    assert w.currentId() == MOVING
    qtbot.waitUntil(lambda: page.state == "paused", timeout=30000)
    page.progressed.disconnect()
    assert page.state == "paused" and page.pause_button.text().replace("&", "") == "Resume"
    qtbot.wait(800)  # the engine stops at the next batch boundary, then holds
    held = folder_counts(target).get("INBOX", 0)
    qtbot.wait(600)
    assert folder_counts(target).get("INBOX", 0) == held, "still copying while paused"
    assert held < COUNT
    assert page.table.item(0, COL_STATE).text() == "paused"
    # Resumed, then stopped once some are copied (the next run finds them).
    page.progressed.connect(lambda: page.state == "running" and page.totals()["copied"] > 20
                            and page.cancel_button.click())
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert page.state in ("running", "cancelled")
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30000)
    page.progressed.disconnect()
    assert page.state == "cancelled"
    assert page.again_button.isVisible()
    partial = w.session.report.totals()
    assert partial["pending"] > 0 or partial["copied"] < COUNT
    w.close()  # nothing running any more: closes without asking
    assert not w.isVisible()

    # Next start: the welcome page offers to continue, with its progress.
    w2 = make_wizard()
    assert w2.welcome.found is not None
    assert w2.welcome.resume_box.isVisibleTo(w2.welcome)
    assert f"of {COUNT} messages" in w2.welcome.resume_text.text()
    qtbot.mouseClick(w2.welcome.resume_button, Qt.MouseButton.LeftButton)
    assert w2.session.resume is not None
    click_next(qtbot, w2)
    # The accounts come back filled in (server, user); only passwords are typed again.
    assert w2.new_account.email.text() == target.user
    assert w2.new_account.port.value() == exmail_server.port
    to_continue(qtbot, w2, source, target)
    move_and_check(qtbot, w2)
    totals = w2.session.report.totals()
    assert totals["copied"] + totals["present"] == COUNT and totals["failed"] == 0
    assert w2.session.verification.ok
    # One way of counting across runs: the first run's copies count as copied, not as
    # "already there", on the moving page, the report page and the printed report.
    assert totals["earlier"] == totals["present"] == partial["copied"] > 0
    assert w2.moving.totals()["copied"] == COUNT and w2.moving.totals()["present"] == 0
    assert w2.moving.counts.values["copied"].text() == str(COUNT)
    assert [w2.moving.table.item(0, c).text() for c in (2, 3)] == [str(COUNT), "0"]
    assert [w2.report_page.table.item(0, c).text() for c in (3, 4)] == [str(COUNT), "0"]
    printed = w2.report_page.save_copy(w2.session.reports_dir() / "again.html")
    assert printed is not None
    assert f"{COUNT} copied, 0 already there" in printed.read_text(encoding="utf-8")
    assert folder_counts(target)["INBOX"] == COUNT  # no duplicates


def to_continue(qtbot, w, source, target) -> None:  # type: ignore[no-untyped-def]
    from mailmover.gui.app import FOLDERS, OLD
    from tests.gui.drive import wait_checked

    qtbot.keyClicks(w.new_account.password, target.password)
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.currentId() == OLD, timeout=15000)
    qtbot.keyClicks(w.old_account.password, source.password)
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.currentId() == FOLDERS, timeout=15000)
    wait_checked(qtbot, w)


def test_close_while_moving_asks_and_saves(qtbot, make_wizard, make_account, coremail_server,
                                           exmail_server):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": COUNT})
    w = make_wizard()
    asked = []
    w.session.confirm = lambda *a: asked.append(a[1]) or False
    to_folders(qtbot, w, source, target)
    w.moving.progressed.connect(lambda: w.moving.state == "running" and w.moving.toggle_pause())
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.moving.state == "paused", timeout=30000)
    w.close()
    assert asked and w.isVisible()  # said no: still open, still paused
    w.session.confirm = lambda *a: True
    w.close()
    assert not w.isVisible()
    assert not w.threads.busy()
    w2 = make_wizard()
    assert w2.welcome.found is not None and w2.welcome.found.status == "cancelled"
