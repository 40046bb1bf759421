"""Plain words and the institution's guidance in the window (issue 16): server settings
behind "Advanced", the old system's closing date, the help desk's number in errors, the
steps before starting, the right webmail link, role folders by their everyday names, the
cloud page's deadline, Enter goes on, errors reach a screen reader."""

from __future__ import annotations

import datetime
import socket
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from mailmover.engine.folders import FolderMapping
from mailmover.gui.app import NEW, OLD
from mailmover.gui.pages import base
from mailmover.profile import load_profile
from mailmover.resources import resource_dir
from tests.gui.drive import click_next, type_account


@pytest.fixture
def profile():  # type: ignore[no-untyped-def]
    return load_profile(resource_dir() / "profiles" / "example-coremail-to-exmail.toml")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_settings_behind_advanced_when_filled_in(qtbot, make_wizard, profile):
    w = make_wizard(profile=profile)
    for page in (w.new_account, w.old_account):
        assert page.host.text()  # filled in from the profile
        assert not page.server_box.isVisibleTo(page) and not page.advanced.isChecked()
    click_next(qtbot, w)
    page = w.new_account
    qtbot.mouseClick(page.advanced, Qt.MouseButton.LeftButton)
    assert page.server_box.isVisibleTo(page)
    # New mailbox on Exmail: a picture of where to click in its webmail.
    assert page.picture.isVisibleTo(page) and "client-specific" in page.picture_caption.text()
    assert not w.old_account.picture.isVisibleTo(w.old_account)
    # Without a profile nothing can be filled in: the settings are shown at once.
    w2 = make_wizard()
    assert w2.new_account.server_box.isVisibleTo(w2.new_account)
    assert not w2.new_account.picture.isVisibleTo(w2.new_account)


def test_welcome_says_what_to_do_first_and_until_when(qtbot, make_wizard, profile):
    w = make_wizard(profile=profile)
    steps = w.welcome.steps.text()
    for words in ("initial password", "IMAP", "client-specific password"):
        assert words in steps
    dates = w.welcome.dates.text()
    assert "2025-12-31" in dates and "010-12345678" in dates
    w.welcome.language.setCurrentIndex(w.welcome.language.findData("zh_CN"))
    assert "2025-12-31" in w.welcome.dates.text() and "关闭" in w.welcome.dates.text()
    assert "初始密码" in w.welcome.steps.text() and "客户端专用密码" in w.welcome.steps.text()


def test_a_past_closing_date_reads_as_past(qtbot, make_wizard, profile):
    today = datetime.date.today()
    past = replace(profile, old_closes_date=today - datetime.timedelta(days=1))
    ahead = replace(profile, old_closes_date=today + datetime.timedelta(days=30))
    w_past, w_ahead = make_wizard(profile=past), make_wizard(profile=ahead)
    assert "closed on" in w_past.welcome.dates.text()
    assert "before then" not in w_past.welcome.dates.text()
    assert "before then" in w_ahead.welcome.dates.text()
    assert "closed on" in w_past.cloud.step1.text()
    assert "before the old system closes" in w_ahead.cloud.step1.text()
    w_past.welcome.language.setCurrentIndex(w_past.welcome.language.findData("zh_CN"))
    assert "已于" in w_past.welcome.dates.text()


def test_the_example_profiles_closing_date_has_passed(qtbot, make_wizard, profile):
    """The shipped example closes on 2025-12-31: no page asks to finish before then."""
    assert profile.old_closes_date == datetime.date(2025, 12, 31) < datetime.date.today()
    for language in ("en", "zh_CN"):
        w = make_wizard(profile=profile, language=language)
        w.finished_page.initializePage()
        texts = " ".join((w.welcome.dates.text(), w.cloud.step1.text(),
                          w.finished_page.summary.text(), w.report_page.later.text()))
        assert "2025-12-31" in texts
        for ahead in ("before then", "before the old system closes", "closes on",
                      "run mailmover again later", "将于", "关闭前", "稍后再运行"):
            assert ahead not in texts, (language, ahead)
        assert not w.report_page.later.isVisibleTo(w.report_page)


def test_new_webmail_button_opens_the_new_system(qtbot, make_wizard, profile):
    w = make_wizard(profile=profile)
    click_next(qtbot, w)
    qtbot.mouseClick(w.new_account.webmail_button, Qt.MouseButton.LeftButton)
    assert w.opened_urls[-1].startswith("https://exmail.qq.com")
    # A profile pointing the password link at the OLD system: the new webmail instead.
    old_style = replace(profile, password_change_url="https://mail.example.edu.cn/#password")
    w2 = make_wizard(profile=old_style)
    assert w2.new_account.webmail_url() == "https://exmail.qq.com"
    assert w2.old_account.webmail_url() == "https://mail.example.edu.cn"


def test_login_error_plain_with_help_desk_and_announced(qtbot, make_wizard, make_account,
                                                        exmail_server, profile):
    target = make_account(exmail_server, "right")
    w = make_wizard(profile=profile)
    click_next(qtbot, w)
    page = w.new_account
    type_account(qtbot, page, replace(target, password="wrong"))
    page.start_check(advance=False)
    qtbot.waitUntil(lambda: not page._checking, timeout=15000)
    status = page.status.text()
    assert "did not accept" in status and "010-12345678" in status
    assert "b'" not in status and 'b"' not in status
    assert "did not accept" in page.status.accessibleDescription()
    assert any("did not accept" in x for x in base.ANNOUNCED)
    # A closed port is about the server settings: they open by themselves.
    qtbot.mouseClick(page.advanced, Qt.MouseButton.LeftButton)
    assert not page.server_box.isVisibleTo(page)
    page.port.setValue(free_port())
    page.start_check(advance=False)
    qtbot.waitUntil(lambda: not page._checking, timeout=15000)
    assert page.server_box.isVisibleTo(page)
    assert "010-12345678" in page.status.text()


def test_enter_goes_on_and_focus_starts_in_the_first_field(qtbot, make_wizard, profile):
    w = make_wizard(profile=profile)
    click_next(qtbot, w)
    assert w.currentId() == NEW
    page = w.new_account
    qtbot.waitUntil(lambda: w.focusWidget() is page.email, timeout=3000)
    assert not page.webmail_button.autoDefault() and not page.check_button.autoDefault()
    qtbot.keyClicks(page.email, "li")
    page.email.editingFinished.emit()
    page.password.setText("x")
    page.webmail_button.setFocus()
    qtbot.keyClick(page.webmail_button, Qt.Key.Key_Return)
    assert w.opened_urls == [], "Enter opened the webmail instead of going on"
    assert page._checking or w.currentId() == OLD  # Enter = Next: the login is checked
    qtbot.waitUntil(lambda: not page._checking, timeout=20000)


def test_role_folders_by_their_everyday_names(qtbot, make_wizard):
    w = make_wizard(language="zh_CN")
    s = w.session
    s.mappings = [FolderMapping("INBOX", "INBOX", "inbox", messages=3),
                  FolderMapping("已发送", "Sent Messages", "sent", messages=2),
                  FolderMapping("已删除", "Deleted Messages", "trash", messages=1),
                  FolderMapping("课题组", "课题组", messages=2)]
    page = w.folders
    page._fill(s.mappings)
    page.loaded = True
    targets = [page.table.item(r, 4).text() for r in range(4)]
    assert targets == ["收件箱", "已发送", "已删除", "课题组"]
    assert page.table.item(1, 4).toolTip() == "Sent Messages"
    assert not page.table.item(1, 4).flags() & Qt.ItemFlag.ItemIsEditable
    assert page.table.item(3, 4).flags() & Qt.ItemFlag.ItemIsEditable


def test_cloud_page_deadline_and_no_tick_when_the_browser_failed(qtbot, make_wizard,
                                                                  profile):
    w = make_wizard(profile=profile)
    cloud = w.cloud
    assert "2025-12-31" in cloud.step1.text()
    assert "exmail.qq.com" in cloud.step3.text()
    w.session.open_url = lambda url: False  # no browser could be started
    qtbot.mouseClick(cloud.open_button, Qt.MouseButton.LeftButton)
    assert cloud.marks[0].text() == "①", "step ① ticked although nothing opened"
    assert "#netdisk" in cloud.open_note.text() and cloud.open_note.isVisibleTo(cloud)
    w.session.open_url = lambda url: True
    qtbot.mouseClick(cloud.open_button, Qt.MouseButton.LeftButton)
    assert cloud.marks[0].text() == "✔" and not cloud.open_note.isVisibleTo(cloud)


def test_step_list_on_the_side(qtbot, make_wizard):
    w = make_wizard()
    assert "<b>▶ Welcome</b>" in w.step_list.text() and "○ Log in" in w.step_list.text()
    click_next(qtbot, w)
    assert "✔ Welcome" in w.step_list.text() and "<b>▶ Log in</b>" in w.step_list.text()
    assert w.step_list.accessibleName() == "Steps: Log in"
    w.welcome.language.setCurrentIndex(w.welcome.language.findData("zh_CN"))
    assert "<b>▶ 登录</b>" in w.step_list.text() and "○ 选择文件夹" in w.step_list.text()
