"""Driving the wizard as a user: type into fields, click buttons, wait for pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from mailmover.gui.app import FOLDERS, MOVING, REPORT


def click_next(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(QWizard.WizardButton.NextButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    assert button.isEnabled(), f"Next is disabled on page {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_account(qtbot, page, test_account) -> None:  # type: ignore[no-untyped-def]
    if not page.server_box.isVisibleTo(page):  # behind "Advanced": open it, as a user would
        qtbot.mouseClick(page.advanced, Qt.MouseButton.LeftButton)
    for field, text in ((page.email, test_account.user), (page.password, test_account.password),
                        (page.host, "127.0.0.1")):
        field.clear()
        for ch in text:  # QTest cannot synthesise keys for CJK: an input method would
            if ch.isascii():
                qtbot.keyClicks(field, ch)
            else:
                field.insert(ch)
    page.security.setCurrentIndex(page.security.findData("plain"))
    page.port.setValue(test_account.server.port)


def to_folders(qtbot, wizard, source, target) -> None:  # type: ignore[no-untyped-def]
    """Welcome -> new account -> old account -> folders (plan loaded)."""
    click_next(qtbot, wizard)
    type_account(qtbot, wizard.new_account, target)
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == 2, timeout=15000)
    type_account(qtbot, wizard.old_account, source)
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == FOLDERS, timeout=15000)
    wait_checked(qtbot, wizard)


def wait_checked(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    """The folders are read and the pre-flight check has finished."""
    qtbot.waitUntil(lambda: wizard.folders.loaded and wizard.folders.checked, timeout=30000)


def move_and_check(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    click_next(qtbot, wizard)
    assert wizard.currentId() == MOVING
    qtbot.waitUntil(lambda: wizard.moving.isComplete(), timeout=60000)
    click_next(qtbot, wizard)
    assert wizard.currentId() == REPORT
    qtbot.waitUntil(lambda: wizard.report_page.isComplete(), timeout=30000)


def start_move_and_stop(qtbot: Any, w: Any, after: int = 20) -> Any:
    """From the folders page: start the move and press Stop once `after` messages are
    copied (a move a person interrupts). Returns the Moving page."""
    page = w.moving
    page.progressed.connect(
        lambda: page.state == "running" and page.totals()["copied"] > after and page.cancel()
    )
    click_next(qtbot, w)
    return page
