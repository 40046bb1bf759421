"""The whole wizard, driven as a user would, between two real Dovecot servers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from mailmover.gui.app import CLOUD, CONTACTS, FINISHED, FOLDERS, MOVING, NEW, OLD, REPORT
from tests.gui.conftest import fill_mailbox, folder_counts, subjects
from tests.gui.drive import click_next, move_and_check, to_folders, type_account

SPECIAL = 'a (b)*%"\\{x} 密码'


def test_full_move_verified(qtbot, make_wizard, make_account, coremail_server, exmail_server,
                            home):
    source = make_account(coremail_server, SPECIAL)
    target = make_account(exmail_server, "new-secret")
    fill_mailbox(source, {"INBOX": 5, "已发送": 3, "课题/基金申请": 4, "病毒文件夹": 1})
    w = make_wizard()
    assert w.currentId() == 0
    to_folders(qtbot, w, source, target)

    rows = {m.source: m for m in w.session.mappings}
    assert rows["INBOX"].messages == 5 and rows["已发送"].messages == 3
    assert rows["已发送"].target == "Sent Messages" or rows["已发送"].role == "sent"
    assert not rows["病毒文件夹"].include  # quarantine unticked
    # The user renames one destination folder in the table.
    table = w.folders.table
    row = [m.source for m in w.session.mappings].index("课题/基金申请")
    table.item(row, 4).setText("课题/基金")
    assert w.session.mappings[row].target == "课题/基金"
    assert "Estimated time" in w.folders.estimate.text()

    move_and_check(qtbot, w)
    report = w.session.report
    totals = report.totals()
    assert totals["source_count"] == 12 and totals["copied"] == 12 and totals["failed"] == 0
    assert w.session.verification.ok
    assert w.report_page.all_good()
    assert "Everything arrived" in w.report_page.verdict.text()
    assert w.report_page.table.rowCount() == 3
    assert w.session.report_path is not None and w.session.report_path.exists()
    assert "基金" in w.session.report_path.read_text(encoding="utf-8")

    counts = folder_counts(target)
    assert counts["INBOX"] == 5
    assert counts["课题/基金"] == 4
    assert "病毒文件夹" not in counts
    sent = [n for n in counts if n in ("Sent", "Sent Messages")]
    assert sent and counts[sent[0]] == 3
    assert subjects(target, "INBOX") == subjects(source, "INBOX")

    for page in (CONTACTS, CLOUD, FINISHED):
        click_next(qtbot, w)
        assert w.currentId() == page
    text = w.finished_page.summary.text()
    assert "12 messages copied" in text
    qtbot.mouseClick(w.finished_page.report_button, Qt.MouseButton.LeftButton)
    assert w.opened_urls[-1] == str(w.session.report_path)

    # Running again copies nothing new and still verifies.
    for _ in range(3):
        w.back()
    assert w.currentId() == REPORT
    qtbot.mouseClick(w.report_page.retry_button, Qt.MouseButton.LeftButton)
    assert w.currentId() == MOVING
    qtbot.waitUntil(lambda: w.moving.isComplete(), timeout=60000)
    again = w.session.report.totals()
    assert again["copied"] == 0 and again["present"] == 12
    assert folder_counts(target)["INBOX"] == 5


def test_wrong_password_and_closed_port(qtbot, make_wizard, make_account, exmail_server):
    target = make_account(exmail_server, "right")
    w = make_wizard()
    click_next(qtbot, w)
    page = w.new_account
    type_account(qtbot, page, target)
    page.password.clear()
    qtbot.keyClicks(page.password, "wrong")
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._result_code not in (None, "checking"), timeout=15000)
    assert page._result_code == "auth.failed"
    assert "did not accept this e-mail address and password" in page.status.text()
    click_next(qtbot, w)  # Next checks again and stays on the page
    qtbot.waitUntil(lambda: page._result_code not in (None, "checking"), timeout=15000)
    assert w.currentId() == NEW

    from tests.support.dovecot import free_port

    page.port.setValue(free_port())  # nothing listens there
    page.password.clear()
    qtbot.keyClicks(page.password, "right")
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._result_code not in (None, "checking"), timeout=15000)
    assert page._result_code == "connect.refused"
    assert "did not accept a connection on port" in page.status.text()

    page.port.setValue(exmail_server.port)
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.currentId() == OLD, timeout=15000)


def test_app_password_steps_shown(qtbot, make_wizard):
    from mailmover.engine import errors

    w = make_wizard()
    page = w.new_account
    page._checked_failed(errors.ConnectError(errors.AUTH_APP_PASSWORD, host="imap.exmail.qq.com",
                                             detail="请使用客户端专用密码"))
    page._check_done()
    assert "client-specific password" in page.status.text()
    assert "Generate new password" in page.status.text()


def test_remember_password_in_keychain(qtbot, make_wizard, make_account, exmail_server,
                                       memory_keyring):
    target = make_account(exmail_server, "kept")
    w = make_wizard()
    click_next(qtbot, w)
    page = w.new_account
    type_account(qtbot, page, target)
    page.remember.setChecked(True)
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.currentId() == OLD, timeout=15000)
    assert "kept" in memory_keyring.store.values()
    # A new window fills the password from the keychain.
    w2 = make_wizard()
    click_next(qtbot, w2)
    type_account(qtbot, w2.new_account, target)
    w2.new_account.password.clear()
    w2.new_account._fill_from_keychain()
    assert w2.new_account.password.text() == "kept"


def test_no_keychain_says_so(qtbot, make_wizard, monkeypatch):
    from mailmover import secrets

    monkeypatch.setattr(secrets, "available", lambda: False)
    w = make_wizard()
    page = w.new_account
    page.remember.setChecked(True)
    assert not page.keychain_note.isHidden()
    assert "kept only while" in page.keychain_note.text()


def test_start_commits(qtbot, make_wizard, make_account, coremail_server, exmail_server):
    """After 'Start moving' there is no way back to change the plan mid-move."""
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 2})
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    assert w.currentId() == FOLDERS
    assert w.button(QWizard.WizardButton.CommitButton).text() == "Start moving"
    move_and_check(qtbot, w)
    assert w.session.report.totals()["copied"] == 2
