"""Page 1: what will happen, how long it takes, the language, and an unfinished move."""

from __future__ import annotations

import contextlib
import html
import json
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPushButton, QVBoxLayout

from mailmover import paths
from mailmover.gui.i18n import LANGUAGES_
from mailmover.gui.messages import fill, helpdesk_text, plural
from mailmover.gui.pages.base import Page, wrap_label
from mailmover.gui.session import Resume
from mailmover.store import Store

UNFINISHED = ("running", "cancelled", "stopped")


def find_unfinished(directory: Path | None = None) -> Resume | None:
    """The most recent move whose last run did not finish, if any."""
    try:
        directory = directory or paths.jobs_dir()
    except OSError:
        return None  # an unsafe or unwritable state folder: said when a move starts
    for path in sorted(directory.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True):
        store = None
        try:
            store = Store(path)
            run = store.last_run()
            if not run or run["status"] not in UNFINISHED:
                continue
            src = store.get_meta("gui.source_url")
            dst = store.get_meta("gui.target_url")
            if not src or not dst:
                continue  # started by the command line: the help desk resumes it there
            done, total = _progress(store, run)
            return Resume(path, src, dst, run["status"], done, total, store.load_mapping())
        except (sqlite3.Error, OSError, ValueError):
            continue
        finally:
            if store is not None:
                store.close()
    return None


def _progress(store: Store, run: dict[str, Any]) -> tuple[int, int]:
    """(messages done, messages planned) of an unfinished move. The total is what the
    window planned (all chosen folders), not only the folders the last run reached."""
    try:
        planned = {str(k): int(v) for k, v in
                   json.loads(store.get_meta("gui.planned") or "{}").items()}
    except (ValueError, TypeError, AttributeError):
        planned = {}
    if planned:
        done = sum(min(len(store.states(name)), count) for name, count in planned.items())
        return done, max(sum(planned.values()), done)
    done = sum(store.counts().values())
    total = int((run.get("report") or {}).get("totals", {}).get("source_count", 0))
    return done, max(total, done)


class WelcomePage(Page):
    language_chosen = Signal(str)

    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.steps = wrap_label(rich=True)
        self.layout_.addWidget(self.steps)
        self.dates = wrap_label(rich=True)
        self.dates.setObjectName("dates")
        self.layout_.addWidget(self.dates)

        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.language.currentData())
        )
        self.language_label = wrap_label()
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        self.layout_.addLayout(form)

        self.resume_box = QGroupBox()
        box = QVBoxLayout(self.resume_box)
        self.resume_text = wrap_label()
        self.resume_button = QPushButton()
        self.resume_button.setCheckable(True)
        self.resume_button.toggled.connect(self._resume_toggled)
        box.addWidget(self.resume_text)
        box.addWidget(self.resume_button)
        self.layout_.addWidget(self.resume_box)
        self.layout_.addStretch(1)
        self.found: Resume | None = None
        self.refresh_resume()
        self.retranslate()

    def set_language(self, language: str) -> None:
        index = self.language.findData(language)
        if index >= 0 and index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)

    def refresh_resume(self) -> None:
        self.found = find_unfinished()
        self.resume_box.setVisible(self.found is not None)
        self.retranslate()

    def _resume_toggled(self, on: bool) -> None:
        self.session.resume = self.found if on else None
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to mailmover"))
        self.setSubTitle(self.tr("Your mail, contacts and files move to the new mailbox."))
        profile = self.session.profile
        # The institution's name in the UI language when the profile gives both.
        language = "zh" if LANGUAGES_.current == "zh_CN" else "en"
        name = profile.name(language) if profile is not None else ""
        self.intro.setText(
            fill(self.tr("This assistant moves everything from your old mailbox at {who} to "
                         "the new one, step by step. Nothing is deleted from the old mailbox."),
                 who=name or self.tr("your institution"))
        )
        self.steps.setText(
            self.tr(
                "<ol><li><b>Before you start</b>, log in once to the new mailbox's webmail: "
                "change the initial password, switch on IMAP (Settings → Client settings, "
                "设置 → 客户端设置), and, if the new mailbox uses them, create a "
                "client-specific password for mail programs.</li>"
                "<li>Log in to the new and the old mailbox here.</li>"
                "<li>Choose the folders to move.</li>"
                "<li>mailmover copies the mail and then checks that every message arrived."
                "</li><li>Move your contacts and cloud-drive files with its help.</li></ol>"
                "Copying takes from a few minutes to a few hours, depending on how much mail "
                "you have. You can pause, close the window and continue later: nothing is "
                "copied twice."
            )
        )
        lines = []
        closes = self.session.profile_value("old_closes_date")
        if closes and self.session.old_system_closed():
            lines.append(fill(self.tr("The old mail system closed on <b>{date}</b>. Move what "
                                      "can still be reached now; the help desk knows how "
                                      "long it stays open."),
                              date=html.escape(str(closes))))
        elif closes:
            lines.append(fill(self.tr("The old mail system closes on <b>{date}</b>. Finish "
                                      "moving your mail, contacts and files before then."),
                              date=html.escape(str(closes))))
        desk = helpdesk_text(self.session)
        if desk:
            lines.append(html.escape(fill(self.tr("Questions? {helpdesk}"), helpdesk=desk)))
        self.dates.setText("<br>".join(lines))
        self.dates.setVisible(bool(lines))
        self.language_label.setText(self.tr("&Language:"))
        self.language.setAccessibleName(self.tr("Language"))
        self.resume_box.setTitle(self.tr("An unfinished move"))
        self.resume_button.setAccessibleName(self.tr("Continue the unfinished move"))
        if self.found is not None:
            f = self.found
            self.resume_text.setText(
                fill(
                    plural(f.total,
                           self.tr("A move from {source} to {target} was not finished: {done} "
                                   "of {n} message is done. You can continue where it "
                                   "stopped."),
                           self.tr("A move from {source} to {target} was not finished: {done} "
                                   "of {n} messages are done. You can continue where it "
                                   "stopped.")),
                    source=_who(f.source_url), target=_who(f.target_url), done=f.done,
                )
            )
        on = self.resume_button.isChecked()
        self.resume_button.setText(
            self.tr("✓ It will be continued") if on else self.tr("Continue this move")
        )


def _who(url: str) -> str:
    from urllib.parse import unquote, urlsplit

    with contextlib.suppress(ValueError):
        parts = urlsplit(url)
        return f"{unquote(parts.username or '')} ({parts.hostname})"
    return url
