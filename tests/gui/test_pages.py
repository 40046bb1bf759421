"""Every page in both languages: translated, accessible, tab order, screenshots."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from mailmover.gui.app import CLOUD, CONTACTS, FINISHED
from tests.gui.conftest import fill_mailbox, shoot
from tests.gui.drive import click_next, move_and_check

ROOT = Path(__file__).resolve().parents[2]
INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QTableWidget)


def _venv_tool(name: str) -> str:
    # Beside this Python, not on PATH: scripts/test runs the venv's Python unactivated.
    tool = shutil.which(name, path=str(Path(sys.executable).parent))
    assert tool, f"{name} is not beside {sys.executable} (PySide6-Essentials)"
    return tool


def test_translations_complete(tmp_path):
    """lupdate over the sources into a copy of our .ts: nothing new may be unfinished."""
    ts = tmp_path / "check.ts"
    shutil.copy(ROOT / "resources/i18n/mailmover_zh_CN.ts", ts)
    sources = [str(p) for p in (ROOT / "mailmover/gui").rglob("*.py")]
    subprocess.run([_venv_tool("pyside6-lupdate"), *sources, "-ts", str(ts)], check=True,
                   capture_output=True)
    text = ts.read_text(encoding="utf-8")
    unfinished = re.findall(r"<source>(.*?)</source>\s*(?:<[^>]*>\s*)*?<translation "
                            r"type=\"unfinished\"", text, re.S)
    assert 'type="unfinished"' not in text, f"untranslated: {unfinished[:10]}"
    assert "<translation></translation>" not in text
    qm = tmp_path / "check.qm"
    out = subprocess.run([_venv_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True,
                         capture_output=True, text=True).stdout
    assert "0 unfinished" in out
    committed = ROOT / "resources/i18n/mailmover_zh_CN.qm"
    assert committed.exists() and committed.stat().st_mtime >= 0
    assert committed.read_bytes() == qm.read_bytes(), "compiled .qm is stale: run lrelease"


def texts(page: QWidget) -> list[str]:
    out = []
    for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if w.isVisibleTo(page) and w.text():
            out.append(w.text())
    out += [page.title(), page.subTitle()]
    return out


def check_accessible(page: QWidget) -> None:
    for w in page.findChildren(QWidget):
        if isinstance(w, INPUTS) and w.isVisibleTo(page) and not isinstance(w, QLabel):
            if w.objectName().startswith("qt_") or type(w).__name__ == "QToolButton":
                continue  # parts of a spin box / combo / table, named by their owner
            assert w.accessibleName(), f"{type(w).__name__} {w.objectName()} has no name"
            assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{w.accessibleName()} no tab"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page(qtbot, make_wizard, make_account, coremail_server, exmail_server,
                    language, tmp_path):
    source = make_account(coremail_server)
    target = make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 3, "已发送": 2, "课题组": 2, "病毒文件夹": 1})
    w = make_wizard(language=language)
    w.resize(900, 680)
    seen: dict[int, list[str]] = {}

    def visit(name: str) -> None:
        page = w.currentPage()
        qtbot.wait(50)
        check_accessible(page)
        check_tab_order(qtbot, w, page)
        seen[w.currentId()] = texts(page)
        shoot(w, f"{language}-{w.currentId()}-{name}")

    visit("welcome")
    to_folders_visiting(qtbot, w, source, target, visit)
    move_and_check(qtbot, w)
    w.back()  # the Moving page, finished, as it looks at the end
    visit("moving")
    w.next()
    qtbot.waitUntil(lambda: w.report_page.isComplete(), timeout=30000)
    visit("report")
    click_next(qtbot, w)
    assert w.currentId() == CONTACTS
    sample = tmp_path / "通讯录.csv"
    sample.write_bytes("姓名,电子邮件,手机\r\n张三,zhang@uni.edu.cn,13800000000\r\n"
                       "李四,li-at-uni,13900000000\r\n".encode("gbk"))
    w.contacts.load(sample)
    assert w.contacts.preview is not None
    out = tmp_path / "for-import.csv"
    w.contacts.save_to(out)
    assert out.exists() and w.contacts.converted.written == 2
    visit("contacts")
    click_next(qtbot, w)
    assert w.currentId() == CLOUD
    drive = tmp_path / "drive"
    drive.mkdir()
    (drive / "讲义.pdf").write_bytes(b"x" * 2048)
    w.cloud.set_folder(drive)
    w.cloud.done.setChecked(True)
    assert "1" in w.cloud.found.text()
    visit("cloud")
    click_next(qtbot, w)
    assert w.currentId() == FINISHED
    visit("finished")
    w.button(w.WizardButton.CustomButton1).click()
    assert w.helpdesk is not None and w.helpdesk.isVisible()
    log = w.helpdesk.log.toPlainText()
    assert "connected" in log and source.password not in log and target.password not in log
    check_accessible(w.helpdesk)
    shoot(w.helpdesk, f"{language}-helpdesk")
    bundle = w.helpdesk.save_bundle(tmp_path / "diag.zip")
    assert bundle.exists()
    assert source.password.encode() not in bundle.read_bytes()

    if language == "zh_CN":
        allowed = re.compile(r"^[\W\d_]*$|^[-\w.]+@[-\w.]+$|STARTTLS|English|mailmover|"
                             r"name@|127\.0\.0\.1|\.csv|\.pdf|^[A-Za-z0-9_./-]+$")
        for pid, lines in seen.items():
            for line in lines:
                # Each heading, list item and line on its own: a translated sentence must
                # not hide an untranslated heading in the same label.
                split = re.sub(r"<(br|/li|/b|/p|/tr|/td|/h\d)[^>]*>", "\n", line)
                for plain in re.sub(r"<[^>]+>", "", split).splitlines():
                    words = re.findall(r"[A-Za-z]{4,}", plain)
                    has_cjk = re.search(r"[\u4e00-\u9fff]", plain)
                    if words and not has_cjk and not allowed.search(plain):
                        pytest.fail(f"page {pid}: untranslated text {plain!r}")


def tab_stops(w, page) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The inputs of each page in the order a user reads them (top to bottom)."""
    order = {
        "WelcomePage": ("language", "resume_button"),
        "AccountPage": ("webmail_button", "email", "password", "show_password", "remember",
                        "check_button", "advanced", "host", "port", "security", "ca_file",
                        "ca_button"),
        "FoldersPage": ("table", "check_again"),
        "MovingPage": ("pause_button", "cancel_button", "again_button", "table"),
        "ReportPage": ("table", "failures", "retry_button", "saved_button", "save_button",
                       "pdf_button"),
        "ContactsPage": ("old_button", "new_button", "pick_button", "save_button", "encoding",
                         "columns", "rows"),
        "CloudPage": ("open_button", "folder_button", "done"),
        "FinishedPage": ("report_button",),
    }[type(page).__name__]
    widgets = [getattr(page, name) for name in order]
    return [x for x in widgets if x.isVisibleTo(page) and x.isEnabled()
            and x.focusPolicy() & Qt.FocusPolicy.TabFocus]


def check_tab_order(qtbot, w, page) -> None:  # type: ignore[no-untyped-def]
    """Press Tab from the first input: every input in reading order, then the wizard's
    buttons (no trap inside a table, no input skipped or out of order)."""
    from PySide6.QtWidgets import QApplication

    wanted = tab_stops(w, page)
    if not wanted:
        return
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    wanted[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    seen: list[QWidget] = []
    for _ in range(len(wanted) * 6 + 2):
        focus = QApplication.focusWidget()
        owner = next((x for x in wanted if x is focus or x.isAncestorOf(focus)), focus)
        if not seen or seen[-1] is not owner:
            seen.append(owner)
        if len(seen) > len(wanted):
            break
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
    names = [x.accessibleName() or x.objectName() for x in seen]
    assert seen[: len(wanted)] == wanted, f"{type(page).__name__}: {names}"
    after = seen[len(wanted)] if len(seen) > len(wanted) else None
    assert after is not None and not page.isAncestorOf(after), (
        f"{type(page).__name__}: after the last input Tab went to {names[-1]}")


def to_folders_visiting(qtbot, w, source, target, visit) -> None:  # type: ignore[no-untyped-def]
    from mailmover.gui.app import FOLDERS, NEW, OLD
    from tests.gui.drive import type_account, wait_checked

    click_next(qtbot, w)
    assert w.currentId() == NEW
    type_account(qtbot, w.new_account, target)
    visit("new-account")
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.currentId() == OLD, timeout=15000)
    type_account(qtbot, w.old_account, source)
    visit("old-account")
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.currentId() == FOLDERS, timeout=15000)
    wait_checked(qtbot, w)
    visit("folders")


def test_tab_order_on_account_page(qtbot, make_wizard):
    w = make_wizard()
    click_next(qtbot, w)
    p = w.new_account
    chain = [p.email]
    for _ in range(7):
        chain.append(chain[-1].nextInFocusChain())
    assert chain[:8] == [p.email, p.password, p.show_password, p.remember, p.check_button,
                         p.host, p.port, p.security] or _reachable(p)


def _reachable(p) -> bool:  # type: ignore[no-untyped-def]
    order, w = [], p.email
    for _ in range(40):
        order.append(w)
        w = w.nextInFocusChain()
    wanted = [p.email, p.password, p.show_password, p.remember, p.check_button, p.host, p.port,
              p.security, p.ca_file, p.ca_button]
    positions = [next(i for i, x in enumerate(order) if x is t or x.parent() is t)
                 for t in wanted]
    return positions == sorted(positions)


def test_language_switch_live(qtbot, make_wizard):
    w = make_wizard(language="en")
    assert w.welcome.title() == "Welcome to mailmover"
    w.welcome.language.setCurrentIndex(w.welcome.language.findData("zh_CN"))
    assert w.welcome.title() == "欢迎使用 mailmover"
    assert w.new_account.email_label.text() == "邮箱地址(&E)："
    # Qt's own buttons come from qtbase_zh_CN.
    assert w.button(w.WizardButton.CancelButton).text() in ("取消", "取消(&C)")
    w.welcome.language.setCurrentIndex(w.welcome.language.findData("en"))
    assert w.new_account.email_label.text() == "&E-mail address:"
