"""Walk the whole wizard on one simulated screen and check that every page fits it.

Run as a subprocess by test_fit.py, one screen per run, because the screen (size and
scale) is fixed when the QApplication starts:

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json QT_SCALE_FACTOR=1.5 \\
        python -m tests.gui.fit_run LANGUAGE SOURCE_URL SOURCE_PW TARGET_URL TARGET_PW PREFIX

Prints one JSON object: per page the window's frame, the available area, whether the
wizard's buttons are inside the window and whether the page needs to scroll.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

import keyring
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from tests.gui.conftest import ARTIFACTS, MemoryKeyring


class Bot:
    """The few pytest-qt calls tests/gui/drive.py makes, without pytest."""

    def mouseClick(self, widget: QWidget, button: Qt.MouseButton) -> None:  # noqa: N802
        QTest.mouseClick(widget, button)

    def keyClicks(self, widget: QWidget, text: str) -> None:  # noqa: N802
        QTest.keyClicks(widget, text)

    def wait(self, ms: int) -> None:
        QTest.qWait(ms)

    def waitUntil(self, cond: Callable[[], object], timeout: int = 5000) -> None:  # noqa: N802
        end = time.monotonic() + timeout / 1000
        while not cond():
            if time.monotonic() > end:
                raise TimeoutError("condition not met")
            QTest.qWait(20)


class _Acc:
    def __init__(self, url: str, password: str) -> None:
        from urllib.parse import unquote, urlsplit

        parts = urlsplit(url)
        self.user = unquote(parts.username or "")
        self.password = password

        class _Server:
            port = parts.port

        self.server = _Server()


def inside(outer: QRect, inner: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


def measure(w: QWizard, name: str, prefix: str) -> dict[str, object]:
    QTest.qWait(80)
    screen = w.screen()
    area = screen.availableGeometry()
    frame = w.frameGeometry()
    window = QRect(0, 0, w.width(), w.height())
    buttons_ok = True
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                  QWizard.WizardButton.CancelButton, QWizard.WizardButton.FinishButton,
                  QWizard.WizardButton.CommitButton):
        b = w.button(which)
        if b.isVisible():
            top_left = b.mapTo(w, b.rect().topLeft())
            if not inside(window, QRect(top_left, b.size())):
                buttons_ok = False
    page = w.currentPage()
    scroll = page.page_scroll  # type: ignore[attr-defined]
    body = page.body  # type: ignore[attr-defined]
    path = ARTIFACTS / f"{prefix}-{w.currentId()}-{name}.png"
    ARTIFACTS.mkdir(exist_ok=True)
    w.grab().save(str(path))
    return {
        "page": name,
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "size": [w.width(), w.height()],
        "available": [area.x(), area.y(), area.width(), area.height()],
        "fits": w.width() <= area.width() and w.height() <= area.height(),
        "buttons_inside": buttons_ok,
        "too_wide": body.minimumSizeHint().width() > scroll.viewport().width() + 1,
        "scrolls": scroll.verticalScrollBar().maximum() > 0,
        "screenshot": str(path),
    }


def main(argv: list[str]) -> int:
    language, src_url, src_pw, dst_url, dst_pw, prefix = argv
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication([])
    from mailmover.gui.app import CLOUD, CONTACTS, FINISHED, build_wizard
    from tests.gui.drive import click_next, move_and_check, to_folders

    bot = Bot()
    w = build_wizard(language=language)
    w.session.open_url = lambda url: True
    w.session.confirm = lambda *a: True
    w.show()
    QTest.qWaitForWindowExposed(w)
    out = [measure(w, "welcome", prefix)]
    source, target = _Acc(src_url, src_pw), _Acc(dst_url, dst_pw)
    click_next(bot, w)
    out.append(measure(w, "new-account", prefix))
    w.back()
    to_folders(bot, w, source, target)
    out.append(measure(w, "folders", prefix))
    move_and_check(bot, w)
    out.append(measure(w, "report", prefix))
    w.back()
    out.append(measure(w, "moving", prefix))
    w.next()
    bot.waitUntil(lambda: w.report_page.isComplete(), timeout=30000)
    click_next(bot, w)
    assert w.currentId() == CONTACTS
    out.append(measure(w, "contacts", prefix))
    click_next(bot, w)
    assert w.currentId() == CLOUD
    out.append(measure(w, "cloud", prefix))
    click_next(bot, w)
    assert w.currentId() == FINISHED
    out.append(measure(w, "finished", prefix))
    w.shutdown()
    app.processEvents()
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    # The measurements are out. Leave without the interpreter's teardown of Qt objects:
    # CI once saw this process die with SIGSEGV and no output (the JSON still buffered),
    # which the fit of the pages has nothing to do with; the app's own start and quit
    # are tested by tests/gui/test_refcount.py and the bundle's self-test.
    sys.stderr.flush()
    os._exit(code)
