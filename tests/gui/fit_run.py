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
from pathlib import Path

import keyring
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QWidget,
    QWizard,
)

from tests.gui.conftest import ARTIFACTS, MemoryKeyring

CONTACTS_FILE = Path(__file__).resolve().parents[1] / "contacts" / "fixtures" / "outlook_en.csv"


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


# The labels that carry a page's status, errors, findings and results (by object name).
MESSAGE_LABELS = ("status", "error", "findings", "check_summary", "result", "verdict")


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QPushButton, QLabel)) else ""
    return f"{widget.objectName() or type(widget).__name__}:{text[:40]!r}"


def shown(page: QWidget) -> tuple[list[QPushButton], list[QLabel]]:
    """The page's enabled buttons and its non-empty message labels (not those inside a
    table: the table's own scrolling shows them)."""
    def outside_tables(widget: QWidget) -> bool:
        # A form section marked "scrolls_with_fields" (the server settings opened under
        # Advanced) is scrolled through like its fields; its Choose… sits beside its field.
        return not any(isinstance(a, QAbstractItemView) or a.property("scrolls_with_fields")
                       for a in _ancestors(widget))

    buttons = [b for b in page.findChildren(QPushButton)
               if b.isVisible() and b.isEnabled() and outside_tables(b)]
    labels = [label for label in page.findChildren(QLabel)
              if label.objectName() in MESSAGE_LABELS and label.isVisible() and label.text()]
    return buttons, labels


def out_of_view(page: QWidget) -> list[str]:
    """Those of shown() not wholly inside the visible part of the page as scrolled now."""
    viewport = page.page_scroll.viewport()  # type: ignore[attr-defined]
    buttons, labels = shown(page)
    out = []
    for widget in [*buttons, *labels]:
        rect = QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
        if not inside(viewport.rect(), rect):
            out.append(_name(widget))
    return out


def _ancestors(widget: QWidget) -> list[QWidget]:
    out = []
    parent = widget.parentWidget()
    while parent is not None:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def elided_headers(page: QWidget) -> list[str]:
    """Header sections of the page's visible tables whose text does not fit the section,
    or that stick out of the table's visible width."""
    out = []
    for header in page.findChildren(QHeaderView):
        if not header.isVisible() or header.orientation() != Qt.Orientation.Horizontal:
            continue
        model = header.model()
        for i in range(header.count()):
            if header.isSectionHidden(i):
                continue
            text = str(model.headerData(i, Qt.Orientation.Horizontal) or "")
            start = header.sectionViewportPosition(i)
            size = header.sectionSize(i)
            if (header.sectionSizeFromContents(i).width() > size or start < 0
                    or start + size > header.viewport().width() + 1):
                out.append(text)
    return out


def cut_addresses(page: QWidget) -> list[str]:
    """E-mail addresses in the page's visible tables that their cell cuts short: an
    address cannot wrap, so its column must be as wide as it and its row tall enough
    for every line."""
    out = []
    for t in page.findChildren(QTableWidget):
        if not t.isVisible():
            continue
        metrics = t.fontMetrics()
        for row in range(t.rowCount()):
            for col in range(t.columnCount()):
                item = t.item(row, col)
                lines = item.text().split("\n") if item is not None else []
                words = [w for line in lines for w in line.split() if "@" in w]
                if not words:
                    continue
                # The item delegate's text margin: the focus frame's and one pixel, a side.
                width = t.columnWidth(col) - 2 * (t.style().pixelMetric(
                    QStyle.PixelMetric.PM_FocusFrameHMargin, None, t) + 1)
                tall = len(lines) * metrics.lineSpacing() <= t.rowHeight(row)
                out += [w for w in words if metrics.horizontalAdvance(w) > width or not tall]
    return out


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
        "out_of_view": out_of_view(page),
        "enabled": len(shown(page)[0]),
        "messages": [label.objectName() for label in shown(page)[1]],
        "elided_headers": elided_headers(page),
        "cut_addresses": cut_addresses(page),
        "screenshot": str(path),
    }


def main(argv: list[str]) -> int:
    language, src_url, src_pw, dst_url, dst_pw, prefix = argv
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication([])
    from mailmover.gui.app import CLOUD, CONTACTS, FINISHED, MOVING, REPORT, build_wizard
    from tests.gui.drive import click_next, to_folders, type_account

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
    # A login that fails: its message, the fix and the server's words are in view.
    page = w.new_account
    type_account(bot, page, _Acc(dst_url, dst_pw + "-wrong"))
    QTest.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    bot.waitUntil(lambda: not page._checking and page._result_code not in (None, "checking"),
                  timeout=15000)
    out.append(measure(w, "new-account-failed", prefix))
    w.back()
    to_folders(bot, w, source, target)
    out.append(measure(w, "folders", prefix))
    # The move, paused at once: Pause/Resume and Stop are in view while it runs.
    click_next(bot, w)
    assert w.currentId() == MOVING
    w.moving.toggle_pause()
    out.append(measure(w, "moving-paused", prefix))
    if w.moving.state == "paused":
        w.moving.toggle_pause()
    bot.waitUntil(lambda: w.moving.isComplete(), timeout=60000)
    click_next(bot, w)
    assert w.currentId() == REPORT
    out.append(measure(w, "report-checking", prefix))
    bot.waitUntil(lambda: w.report_page.isComplete(), timeout=30000)
    out.append(measure(w, "report", prefix))
    w.back()
    out.append(measure(w, "moving", prefix))
    w.next()
    bot.waitUntil(lambda: w.report_page.isComplete(), timeout=30000)
    click_next(bot, w)
    assert w.currentId() == CONTACTS
    out.append(measure(w, "contacts", prefix))
    # A file chosen and saved: the preview and what saving did, Save beside Choose file.
    w.contacts.load(CONTACTS_FILE)
    w.contacts.save_to(Path(os.environ["MAILMOVER_HOME"]) / "contacts-for-import.csv")
    out.append(measure(w, "contacts-saved", prefix))
    w.contacts.load(CONTACTS_FILE.with_name("binary.dat"))
    out.append(measure(w, "contacts-failed", prefix))
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
