"""The Moving page: every planned folder listed, activity while a folder is read, a
continued move that does not start from 0, Next off while copying, an interrupted
connection named with its host, the computer kept awake (issue 16)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.events import (
    FolderPlan,
    FolderStarted,
    MessageCopied,
    PlanReady,
    Retrying,
    Warning,
)
from mailmover.engine.folders import FolderMapping
from mailmover.engine.progress import ProgressModel
from mailmover.gui.app import MOVING
from mailmover.gui.pages.folder_progress import COL_STATE
from mailmover.gui.pages.moving import FAILED, RUNNING, STALL_SECONDS
from tests.gui.conftest import fill_mailbox, folder_counts
from tests.gui.drive import click_next, start_move_and_stop, to_folders
from tests.gui.test_resume import to_continue
from tests.support.clock import FakeClock


def next_enabled(w) -> bool:  # type: ignore[no-untyped-def]
    return w.button(QWizard.WizardButton.NextButton).isEnabled()


def test_stop_and_continue_keeps_the_bar_and_next_stays_off(
        qtbot, make_wizard, make_account, coremail_server, exmail_server, fake_inhibit):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 300, "课题组": 40})
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    page = start_move_and_stop(qtbot, w)
    assert w.currentId() == MOVING
    # Every planned folder is listed from the start, the later ones as still to come.
    planned = [m.source for m in w.session.mappings if m.include]
    assert page.table.rowCount() == len(planned) >= 2
    assert page.table.item(len(planned) - 1, COL_STATE).text() in ("to come", "reading… 0 s")
    assert not next_enabled(w)
    assert page.keep_awake.active, "the computer is not kept awake during the move"
    assert "keeps the computer from going to sleep" in page.awake.label.text()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30000)
    page.progressed.disconnect()
    assert page.state == "cancelled"
    assert not page.keep_awake.active, "still keeping the computer awake after the move"
    stopped_at = page.bar.value()
    assert 0 < stopped_at < 340
    assert next_enabled(w)

    lowest = [stopped_at]
    page.progressed.connect(lambda: lowest.append(page.bar.value()))
    qtbot.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    assert page.state == RUNNING
    lowest.append(page.bar.value())
    assert not next_enabled(w), "Next is enabled while copying goes on"
    assert page.resume_note.isVisibleTo(page) and str(stopped_at) in page.resume_note.text()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=60000)
    page.progressed.disconnect()
    assert min(lowest) >= stopped_at, f"the bar went back from {stopped_at} to {min(lowest)}"
    assert page.bar.value() == page.bar.maximum() == 340
    assert next_enabled(w)
    assert "to come" not in [page.table.item(r, COL_STATE).text()
                             for r in range(page.table.rowCount())]


def test_reopened_move_counts_every_planned_folder(qtbot, make_wizard, make_account,
                                                   coremail_server, exmail_server):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 200, "课题组": 100})
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    page = start_move_and_stop(qtbot, w)
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30000)
    done = page.bar.value()
    w.close()

    w2 = make_wizard()
    found = w2.welcome.found
    assert found is not None and found.total == 300, "the total forgot the folders not reached"
    assert f"{found.done} of 300 messages" in w2.welcome.resume_text.text()
    assert 0 < found.done < 300
    qtbot.mouseClick(w2.welcome.resume_button, Qt.MouseButton.LeftButton)
    click_next(qtbot, w2)
    to_continue(qtbot, w2, source, target)
    click_next(qtbot, w2)
    assert w2.currentId() == MOVING
    note = w2.moving.resume_note
    assert note.isVisibleTo(w2.moving) and "Continuing" in note.text()
    assert w2.moving.bar.value() >= min(done, found.done)
    qtbot.waitUntil(lambda: w2.moving.isComplete(), timeout=60000)
    click_next(qtbot, w2)
    qtbot.waitUntil(lambda: w2.report_page.isComplete(), timeout=30000)
    assert w2.session.verification.ok
    assert folder_counts(target)["INBOX"] == 200


def feed(page, model: ProgressModel, ev) -> None:  # type: ignore[no-untyped-def]
    """What MoveWorker does with each engine event: count it in the engine's model, send
    the snapshot, relay the event."""
    model.apply(ev)
    page._progress(model.snapshot())
    page._event(ev)


def _running_page(w):  # type: ignore[no-untyped-def]
    """The Moving page as during a move (no worker, the engine's model fed by hand): two
    planned folders, 500 of INBOX's 1,200 copied in the last minute."""
    s = w.session
    s.source = Account(host="mail.old-uni.edu.cn", user="zhang@old-uni.edu.cn")
    s.target = Account(host="imap.exmail.qq.com", user="zhang@uni.edu.cn")
    s.mappings = [FolderMapping("INBOX", "INBOX", "inbox", messages=1200),
                  FolderMapping("课题组", "课题组", messages=50)]
    page = w.moving
    page.state = RUNNING
    page.clock = FakeClock(1000.0)
    page.model = ProgressModel(window=120, clock=page.clock)
    feed(page, page.model, PlanReady(2, 1250, 0, (FolderPlan("INBOX", "INBOX", 1200, 0),
                                                  FolderPlan("课题组", "课题组", 50, 0))))
    feed(page, page.model, FolderStarted("INBOX", "INBOX", 1200, 1200, 0, 0, 1200 * 1000))
    for _ in range(500):
        page.clock.now += 0.12
        feed(page, page.model, MessageCopied("INBOX", 1, 1000))
    return page


def test_interrupted_connection_names_the_host_and_drops_the_estimate(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    assert "left" in page.numbers.text()
    assert page.bar.value() == 500 and page.bar.maximum() == 1250
    feed(page, page.model,
         Retrying(errors.CONNECTION_LOST, 1, 8.0, "[Errno 104] Connection reset by peer"))
    status = page.status.text()
    assert "mail.old-uni.edu.cn" in status and "imap.exmail.qq.com" in status
    assert "Waiting for the network" in status
    assert "left" not in page.numbers.text(), "promises a time left during an outage"
    assert "Waiting for the network" in page.status.accessibleDescription()
    # The folder read again after the reconnect: counted once, not twice.
    feed(page, page.model, FolderStarted("INBOX", "INBOX", 1200, 700, 0, 0, 700 * 1000,
                                         copied=500, bytes_copied=500 * 1000))
    assert page.bar.value() == 500 and page.totals()["copied"] == 500
    # Copying goes on: the interruption line goes away by itself.
    for _ in range(20):
        page.clock.now += 0.12
        feed(page, page.model, MessageCopied("INBOX", 2, 1000))
    assert "Waiting" not in page.status.text() and "left" in page.numbers.text()
    assert page.bar.value() == 520
    page.state = "done"


def test_silence_while_copying_says_waiting(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    page.last_change = time.monotonic() - STALL_SECONDS - 5
    page._refresh()
    assert "No answer from mail.old-uni.edu.cn / imap.exmail.qq.com" in page.status.text()
    assert "left" not in page.numbers.text()
    page.state = "done"


def test_reading_a_big_folder_shows_activity(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    # Nothing read yet: INBOX is being read and compared.
    page.model = ProgressModel()
    feed(page, page.model, PlanReady(2, 1250, 0, (FolderPlan("INBOX", "INBOX", 1200, 0),
                                                  FolderPlan("课题组", "课题组", 50, 0))))
    assert "Reading Inbox (1200 messages)" in page.status.text()
    assert page.table.rowCount() == 2
    assert page.table.item(0, COL_STATE).text().startswith("reading…")
    assert page.table.item(1, COL_STATE).text() == "to come"
    assert page.table.item(1, 1).text() == "0 / 50"
    page.state = "done"



@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_another_move_into_the_same_mailbox_is_named(qtbot, make_wizard, make_account,
                                                     coremail_server, exmail_server, language):
    from mailmover import paths
    from mailmover.engine.lock import MoveLock

    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 5})
    w = make_wizard(language=language)
    to_folders(qtbot, w, source, target)
    other = MoveLock(paths.data_dir() / "locks", w.session.target.key, purpose="command line")
    other.acquire()
    try:
        click_next(qtbot, w)
        page = w.moving
        qtbot.waitUntil(lambda: not page.is_running() and not page._worker_alive,
                        timeout=30000)
        status = page.status.text()
        wanted = ("Another move into the new mailbox" if language == "en"
                  else "另一个搬迁任务正在向新邮箱")
        assert wanted in status, status
        assert f"{target.user} (127.0.0.1)" in status and "@127.0.0.1:" not in status
        if language == "zh_CN":  # who holds it, in Chinese too
            assert "process" not in status and "上的 mailmover command line" in status, status
        assert page.again_button.isVisible() and not next_enabled(w)
        assert not page.keep_awake.active
    finally:
        other.release()
    qtbot.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30000)
    assert page.state == "done" and folder_counts(target)["INBOX"] == 5


def test_real_dropped_connection_is_reported_while_it_lasts(qtbot, make_wizard, make_account,
                                                            coremail_server, exmail_server):
    from dataclasses import replace as dc_replace

    from mailmover.gui.pages import base
    from tests.support.faultproxy import DROP, Fault, FaultProxy

    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 120})
    # The new mailbox's connection drops after the 40th stored message.
    with FaultProxy(exmail_server.port, [Fault(DROP, rb"OK \[APPENDUID", nth=40)]) as proxy:

        class _Via:
            port = proxy.port

        w = make_wizard()
        to_folders(qtbot, w, source, dc_replace(target, server=_Via()))
        page = w.moving
        seen: list[str] = []
        page.progressed.connect(lambda: seen.append(page.status.text()))
        del base.ANNOUNCED[:]
        click_next(qtbot, w)
        # Generous: a busy machine; a connection the proxy cut may wait for its timeout.
        qtbot.waitUntil(lambda: page.isComplete(), timeout=150000)
        assert proxy.injected == 1
    heard = [x for x in base.ANNOUNCED if "interrupted" in x]
    assert heard and "127.0.0.1" in heard[0] and "Waiting for the network" in heard[0]
    assert "connection to  was" not in " ".join(seen + heard)
    assert page.state == "done" and "interrupted" not in page.status.text()
    assert folder_counts(target)["INBOX"] == 120


def test_the_broken_connection_is_named_when_the_engine_knows_it(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    feed(page, page.model, Retrying(errors.CONNECTION_LOST, 1, 2.0, "EOF", "imap.exmail.qq.com"))
    status = page.status.text()
    assert "imap.exmail.qq.com" in status and "mail.old-uni.edu.cn" not in status
    page.state = "done"


def test_a_state_folder_others_can_change_is_refused_in_words(qtbot, make_wizard, home):
    """Issue 26: the wizard does not start (nor crash in a slot) on such a folder."""
    home.mkdir(parents=True, exist_ok=True)
    home.chmod(0o777)
    w = make_wizard()
    s = w.session
    s.source = Account(host="127.0.0.1", user="a", port=1, security="plain")
    s.target = Account(host="127.0.0.1", user="b", port=1, security="plain")
    s.mappings = [FolderMapping("INBOX", "INBOX", "inbox", messages=1)]
    page = w.moving
    page.start_move()
    assert page.state == FAILED and not page._worker_alive
    assert f"mailmover will not use {home}" in page.status.text()
    assert list(home.iterdir()) == []


def test_a_state_folder_without_permissions_is_said_while_moving(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    feed(page, page.model, Warning(errors.NO_PERMISSIONS, {"path": "/media/usb/mailmover"}))
    assert "/media/usb/mailmover, on a disk without permissions" in page.status.text()


def test_the_network_wait_counts_from_the_cut(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    feed(page, page.model, Retrying(errors.CONNECTION_LOST, 1, 2.0, "EOF"))
    page.status_args["retry_at"] -= 40  # the cut was 40 s ago; attempts followed
    for attempt in range(2, 10):
        feed(page, page.model, Retrying(errors.CONNECTION_LOST, attempt, 2.0, "EOF"))
    assert "(40 s, attempt 9)" in page.status.text(), page.status.text()
    # Copying again, then a new cut: that one counts from its own start.
    feed(page, page.model, MessageCopied("INBOX", 3, 1000))
    feed(page, page.model, Retrying(errors.CONNECTION_LOST, 1, 2.0, "EOF"))
    assert "(0 s, attempt 1)" in page.status.text(), page.status.text()
    page.state = "done"


def test_rows_say_paused_while_paused(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    page.state = "paused"
    page._refresh()
    states = [page.table.item(r, COL_STATE).text() for r in range(page.table.rowCount())]
    assert states == ["paused", "to come"]
    w.set_language("zh_CN")
    assert page.table.item(0, COL_STATE).text() == "已暂停"
    assert "正在复制" not in page.table.item(0, COL_STATE).text()
    page.state = "done"


def test_an_earlier_runs_copies_count_as_copied(qtbot, make_wizard):
    w = make_wizard()
    page = _running_page(w)
    # INBOX read again by a later run: 500 copies of an earlier run, 20 found there.
    feed(page, page.model, FolderStarted("INBOX", "INBOX", 1200, 680, 520, 0, 680 * 1000,
                                         earlier=500))
    assert page.totals()["copied"] == 500 and page.totals()["present"] == 20
    assert page.counts.values["copied"].text() == "500"
    assert page.counts.values["present"].text() == "20"
    assert page.table.item(0, 2).text() == "500" and page.table.item(0, 3).text() == "20"
    page.state = "done"


def test_the_keep_awake_note_only_when_it_is_held(qtbot, make_wizard, fake_inhibit):
    w = make_wizard()
    page = _running_page(w)  # running, and nothing was held
    note = page.awake.label
    assert page.awake.isVisibleTo(page)
    assert "could not keep this computer awake" in note.text()
    assert "keeps the computer from going to sleep" not in note.text()
    assert page.keep_awake.acquire()
    page._refresh()
    assert "keeps the computer from going to sleep" in note.text()
    page.stop_keeping_awake()
    page.state = "done"
    page._refresh()
    assert not page.awake.isVisibleTo(page)
