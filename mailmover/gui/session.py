"""What the pages share: accounts, the plan, the outcome, the log; and hooks tests replace.

The hooks (open_url, confirm, choose_*) are plain attributes so a test can answer a
dialog or record a browser opening without a real dialog or browser.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from mailmover import paths, textsafe
from mailmover.engine import (
    Account,
    FolderMapping,
    Logins,
    MoveOptions,
    Preset,
    Report,
    Verification,
    preset,
    preset_for_email,
)
from mailmover.profile import Profile
from mailmover.store import job_path


@dataclass
class Resume:
    """An unfinished move found in the progress store."""

    store_path: Path
    source_url: str
    target_url: str
    status: str
    done: int
    total: int
    mapping: list[dict[str, Any]] = field(default_factory=list)


class Session(QObject):
    logged = Signal(str)
    capabilities_changed = Signal()

    def __init__(self, profile: Profile | None = None) -> None:
        super().__init__()
        self.profile = profile
        self.source: Account | None = None
        self.target: Account | None = None
        self.mappings: list[FolderMapping] = []
        self.report: Report | None = None
        self.verification: Verification | None = None
        self.report_path: Path | None = None
        self.resume: Resume | None = None
        self.contacts_output: Path | None = None
        self.cloud_folder: Path | None = None
        self.cloud_summary: tuple[int, int] | None = None
        self.capabilities: dict[str, tuple[str, tuple[str, ...], str]] = {}
        # The wizard's connections, kept between steps: one login per account per run.
        self.logins = Logins()
        self.log_lines: list[str] = []
        self.open_url: Callable[[str], object] = _open_url
        self.confirm: Callable[[QWidget, str, str], bool] = _confirm
        self.choose_save_file: Callable[[QWidget, str, str, str], str] = _save_file
        self.choose_open_file: Callable[[QWidget, str, str], str] = _open_file
        self.choose_folder: Callable[[QWidget, str], str] = _folder

    # -- profile ----------------------------------------------------------------------
    def profile_value(self, name: str) -> Any:
        return getattr(self.profile, name, None) if self.profile is not None else None

    def old_system_closed(self) -> bool:
        """The profile's closing date of the old system has passed (it then reads as past,
        not as a deadline still ahead)."""
        closes = self.profile_value("old_closes_date")
        return isinstance(closes, dt.date) and closes < dt.date.today()

    def profile_server(self, side: str) -> Any:
        """The profile's server settings for "target" (new) or "source" (old), if any."""
        return self.profile_value("new_server" if side == "target" else "old_server")

    def folder_overrides(self) -> dict[str, str]:
        """The profile's folder-mapping overrides (old folder -> new folder)."""
        value = self.profile_value("folder_overrides")
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def move_options(self, **kwargs: Any) -> MoveOptions:
        return MoveOptions(overrides=self.folder_overrides(), **kwargs)

    def preset_for(self, side: str, address: str | None = None) -> Preset | None:
        """The provider of one side: a public mail domain's preset (qq.com, 163.com …),
        else the preset the institution profile names for that side."""
        if address is None:
            acc = self.target if side == "target" else self.source
            address = acc.user if acc is not None else ""
        domain = address.rpartition("@")[2].strip().lower() if "@" in address else ""
        own = str(self.profile_value("email_domain") or "").lower()
        if domain and domain != own:
            found = preset_for_email(address)
            if found is not None:
                return found
        name = getattr(self.profile_server(side), "preset", None)
        if isinstance(name, str) and name:
            try:
                return preset(name)
            except KeyError:
                return None
        return None

    # -- where things go --------------------------------------------------------------
    def store_path(self) -> Path:
        assert self.source is not None and self.target is not None
        return job_path(paths.jobs_dir(), self.source.key, self.target.key)

    def saved_dir(self) -> Path:
        return paths.saved_messages_dir() / self.store_path().stem

    def reports_dir(self) -> Path:
        return paths.reports_dir()

    # -- log (help-desk view) ---------------------------------------------------------
    def secrets(self) -> list[str]:
        return [a.password for a in (self.source, self.target) if a is not None and a.password]

    def log(self, text: str) -> None:
        line = time.strftime("%H:%M:%S ") + redact(text, self.secrets())
        self.log_lines.append(line)
        del self.log_lines[:-5000]  # bounded
        self.logged.emit(line)

    def note_capabilities(self, side: str, host: str, caps: tuple[str, ...], greeting: str) -> None:
        self.capabilities[side] = (host, caps, greeting)
        self.capabilities_changed.emit()


def redact(text: str, secrets: list[str]) -> str:
    for s in sorted(secrets, key=len, reverse=True):
        if s:
            text = text.replace(s, "••••••")
    # Belt and braces: a LOGIN line or AUTHENTICATE payload that slipped through.
    text = re.sub(r"(?i)(\bLOGIN\s+\S+\s+)\S+", r"\1••••••", text)
    return re.sub(r"(?i)(AUTHENTICATE\s+PLAIN\s+)\S+", r"\1••••••", text)


class LogBridge(logging.Handler):
    """Engine log records (from any thread) into the session log, via a queued signal."""

    class _Relay(QObject):
        line = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__(logging.INFO)
        self.relay = self._Relay()
        self.relay.line.connect(session.log)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = textsafe.shown(record.getMessage())  # a folder name may hold U+202E
            self.relay.line.emit(f"{record.levelname} {record.name}: {text}")
        except RuntimeError:  # the window is gone
            pass


def _open_url(url: str) -> object:
    target = QUrl(url) if "://" in url else QUrl.fromLocalFile(url)
    return QDesktopServices.openUrl(target)


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def _save_file(parent: QWidget, title: str, start: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, start, filters)[0]


def _open_file(parent: QWidget, title: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, "", filters)[0]


def _folder(parent: QWidget, title: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title)
