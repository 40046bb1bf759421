"""Pre-flight in the wizard, presets and profile pre-fill, folder overrides (issue 6)."""

from __future__ import annotations

import time
from email.message import EmailMessage

import pytest

from mailmover import doctor
from mailmover.engine.imap import probes
from mailmover.gui.app import FOLDERS, MOVING, NEW, OLD
from mailmover.profile import Profile, load_profile
from mailmover.resources import resource_dir
from tests.gui.conftest import client_for, fill_mailbox, folder_counts, shoot
from tests.gui.drive import click_next, move_and_check, to_folders


def big_message(n: int, size: int) -> bytes:
    m = EmailMessage()
    m["From"] = "zhang@old.example.edu.cn"
    m["To"] = "li@old.example.edu.cn"
    m["Subject"] = f"附件 {n}"
    m["Date"] = "Mon, 02 Sep 2024 10:00:00 +0800"
    m["Message-ID"] = f"<big-{n}-{time.time_ns()}@test>"
    m.set_content("x" * size)
    return m.as_bytes().replace(b"\n", b"\r\n")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_quota_problem_shown_before_start(qtbot, make_wizard, make_account, coremail_server,
                                          exmail_server, language):
    source = make_account(coremail_server)
    target = make_account(exmail_server, "pw", quota="100K")
    with client_for(source) as c:
        for i in range(3):
            c.append("INBOX", big_message(i, 60_000))
    w = make_wizard(language=language)
    to_folders(qtbot, w, source, target)
    page = w.folders
    codes = {f.code: f for f in page.findings}
    assert doctor.QUOTA_SHORT in codes, [f.code for f in page.findings]
    assert codes[doctor.QUOTA_SHORT].severity == doctor.PROBLEM
    shown = page.findings_label.text()
    summary = page.check_summary.text()
    if language == "en":
        assert "Not enough space" in shown and "100 KB" in shown
        assert "raise the quota" in shown  # the fix, too
        assert "1 thing to look at" in summary
    else:
        assert "空间不足" in shown and "100 KB" in shown
        assert "信息中心" in shown or "扩容" in shown or "配额" in shown
        assert "Not enough" not in shown
    assert page.findings_label.isVisibleTo(page)
    shoot(w, f"{language}-3-folders-quota-problem")
    assert doctor.VIEW_OK in codes  # the visibility probe ran and cleaned up
    assert not any(n.startswith(probes.PROBE_PREFIX) for n in folder_counts(target))

    # Unticking the only folder would leave nothing to move; the quota line follows ticks.
    assert page.problems() and page.isComplete()
    # The user may still start: a confirmation, then the move begins (and stops when full).
    asked: list[str] = []
    w.session.confirm = lambda _parent, _title, text: asked.append(text) or True
    click_next(qtbot, w)
    assert asked and w.currentId() == MOVING
    # The dialog names the problem and its fix in one sentence, not "see the list".
    sentence = asked[0].split("\n\n")[0]
    if language == "en":
        assert "Not enough space" in sentence and "100 KB" in sentence
        assert " — ask the IT office to raise the quota" in sentence, sentence
        assert "see the list" not in asked[0]
    else:
        assert "空间不足" in sentence and " — " in sentence and "100 KB" in sentence
        assert "列表" not in asked[0]
    qtbot.waitUntil(lambda: w.moving.isComplete(), timeout=60000)


def test_quota_rejudged_for_ticked_folders(qtbot, make_wizard, make_account, coremail_server,
                                           exmail_server):
    source = make_account(coremail_server)
    target = make_account(exmail_server, "pw", quota="100K")
    with client_for(source) as c:
        c.create_folder("大附件")
        for i in range(3):
            c.append("大附件", big_message(i, 60_000))
    fill_mailbox(source, {"INBOX": 2})
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    page = w.folders
    assert [f.code for f in page.problems()] == [doctor.QUOTA_SHORT]
    row = [m.source for m in w.session.mappings].index("大附件")
    from PySide6.QtCore import Qt

    page.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)
    assert not page.problems()
    assert "Enough space" in page.findings_label.text()
    asked: list[object] = []
    w.session.confirm = lambda *a: asked.append(a) or True
    click_next(qtbot, w)
    assert w.currentId() == MOVING and not asked  # no problem left: no question
    qtbot.waitUntil(lambda: w.moving.isComplete(), timeout=60000)


def test_login_changed_since_is_a_finding(qtbot, make_wizard, make_account, coremail_server,
                                          exmail_server):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 1})
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    page = w.folders
    page.add_finding(doctor.Finding(doctor.LOGIN_FAILED, doctor.PROBLEM, {
        "side": "target", "host": "imap.exmail.qq.com", "user": "li@uni.edu.cn",
        "error": "auth.app_password_required", "reason": "English only"}))
    text = page.findings_label.text()
    assert "Could not log in to the new mailbox li@uni.edu.cn" in text
    assert "client-specific password" in text and "English only" not in text


def test_unknown_finding_falls_back_to_doctor_english(qtbot, make_wizard):
    from mailmover.gui.messages import finding_text

    make_wizard()
    f = doctor.Finding("doctor.something_new", doctor.WARNING, {})
    assert finding_text(f) == (f.english(), f.fix_english())


def test_presets_fill_server_for_public_domains(qtbot, make_wizard):
    w = make_wizard()
    click_next(qtbot, w)
    p = w.new_account
    assert p.host.text() == ""
    qtbot.keyClicks(p.email, "li@qq.com")
    assert (p.host.text(), p.port.value(), p.security.currentData()) == (
        "imap.qq.com", 993, "tls")
    assert "QQ" in p.server_box.provider_note.text() and p.server_box.provider_note.isVisibleTo(p)
    # Another domain replaces what was filled automatically …
    p.email.clear()
    qtbot.keyClicks(p.email, "li@126.com")
    assert p.host.text() == "imap.126.com"
    # … an unknown one clears it again, and what the user types is never overwritten.
    p.email.clear()
    qtbot.keyClicks(p.email, "li@uni.example")
    assert p.host.text() == "" and not p.server_box.provider_note.isVisibleTo(p)
    qtbot.keyClicks(p.host, "mail.uni.example")
    p.email.clear()
    qtbot.keyClicks(p.email, "li@163.com")
    assert p.host.text() == "mail.uni.example"
    # Outlook signs in with Microsoft, not a password (tests/gui/test_oauth_page.py).
    w2 = make_wizard()
    qtbot.keyClicks(w2.new_account.email, "a@outlook.com")
    assert "Outlook.com" in w2.new_account.server_box.provider_note.text()
    assert w2.new_account.oauth_box.isVisibleTo(w2.new_account)


def test_profile_fills_both_servers(qtbot, make_wizard):
    profile = load_profile(resource_dir() / "profiles" / "example-coremail-to-exmail.toml")
    w = make_wizard(profile=profile)
    new, old = w.new_account, w.old_account
    assert (new.host.text(), new.port.value(), new.security.currentData()) == (
        "imap.exmail.qq.com", 993, "tls")
    assert old.host.text() == "mail.example.edu.cn"
    assert "Tencent Exmail" in new.server_box.provider_note.text()
    assert "client-specific password and enter it here" in new.password_note.text()
    assert "Example University" in w.welcome.intro.text()
    click_next(qtbot, w)
    shoot(w, "en-1-new-account-profile")
    assert w.currentId() == NEW
    # The company domain keeps the profile's server; only the part before @ is typed.
    qtbot.keyClicks(new.email, "li")
    new.email.editingFinished.emit()
    assert new.email.text() == "li@example.edu.cn"
    assert new.host.text() == "imap.exmail.qq.com"
    # A public address on the old side follows its provider instead.
    qtbot.keyClicks(old.email, "li@163.com")
    assert old.host.text() == "imap.163.com"
    assert w.session.preset_for("target", "li@example.edu.cn").name == "exmail"
    assert w.session.preset_for("source", "li@163.com").name == "netease"
    assert OLD == NEW + 1


def test_profile_folder_overrides_reach_the_plan(qtbot, make_wizard, make_account,
                                                 coremail_server, exmail_server):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 1, "课题组": 2})
    w = make_wizard(profile=Profile(folder_overrides={"课题组": "Projects/课题组"}))
    to_folders(qtbot, w, source, target)
    assert w.currentId() == FOLDERS
    rows = {m.source: m for m in w.session.mappings}
    assert rows["课题组"].target == "Projects/课题组"
    row = list(rows).index("课题组")
    assert w.folders.table.item(row, 4).text() == "Projects/课题组"
    move_and_check(qtbot, w)
    counts = folder_counts(target)
    assert counts["Projects/课题组"] == 2 and "课题组" not in counts
