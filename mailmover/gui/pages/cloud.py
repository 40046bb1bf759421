"""Page 8: cloud-drive files; no export protocol exists, so a guided checklist."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QPushButton, QWidget

from mailmover.gui.messages import fill, plural, size_text
from mailmover.gui.pages.base import Page, announce, wrap_label


def inventory(folder: Path, limit: int = 200_000) -> tuple[int, int]:
    """(files, bytes) under folder; stops counting after `limit` files."""
    count = size = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                size += (Path(root) / name).stat().st_size
            except OSError:
                continue
            count += 1
            if count >= limit:
                return count, size
    return count, size


class CloudPage(Page):
    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        grid = QGridLayout()
        self.step1, self.step2, self.step3 = wrap_label(), wrap_label(), wrap_label()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_drive)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self._choose)
        self.done = QCheckBox()
        self.done.toggled.connect(lambda _on: self.retranslate())
        self.marks = [QLabel("①"), QLabel("②"), QLabel("③")]
        for i, (mark, text, widget) in enumerate(zip(
                self.marks, (self.step1, self.step2, self.step3),
                (self.open_button, self.folder_button, self.done), strict=True)):
            grid.addWidget(mark, i * 2, 0)
            grid.addWidget(text, i * 2, 1)
            # Buttons as wide as their text, like everywhere else, not across the window.
            grid.addWidget(widget, i * 2 + 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        self.layout_.addLayout(grid)
        self.open_note = wrap_label()
        self.open_note.setObjectName("open_note")
        self.open_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.open_note, 6, 1)
        self.found = wrap_label()
        self.found.setObjectName("found")
        self.layout_.addWidget(self.found)
        self.layout_.addStretch(1)
        self.opened = False
        self.open_failed = ""  # the address that could not be opened ("?" for none)
        self.retranslate()

    def first_field(self) -> QWidget | None:
        return self.open_button

    def _open_drive(self) -> None:
        url = str(self.session.profile_value("cloud_drive_url")
                  or self.session.profile_value("old_webmail") or "")
        self.open_failed = url or "?"
        if url:
            result = self.session.open_url(url)
            # QDesktopServices says False when no browser could be started.
            if result is not False:
                self.open_failed = ""
        self.opened = not self.open_failed
        self.retranslate()
        if self.open_failed:
            announce(self.open_note, self.open_note.text())

    def _choose(self) -> None:
        folder = self.session.choose_folder(self, self.tr("Folder with the downloaded files"))
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        self.session.cloud_folder = folder
        self.session.cloud_summary = inventory(folder)
        self.session.log(f"cloud folder {folder}: {self.session.cloud_summary}")
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Cloud drive files"))
        self.setSubTitle(self.tr("Files in the old cloud drive are not moved automatically."))
        self.intro.setText(self.tr(
            "The old cloud drive (网盘) cannot be copied by a program. Download your files "
            "into one folder on this computer; mailmover then lists what is there so you can "
            "see nothing was forgotten."))
        closes = self.session.profile_value("old_closes_date")
        deadline = ("" if not closes else
                    fill(self.tr(" The old system closed on {date}: download what can "
                                 "still be reached now."), date=str(closes))
                    if self.session.old_system_closed() else
                    fill(self.tr(" Do this before the old system closes on {date}."),
                         date=str(closes)))
        self.step1.setText(self.tr("Open the old cloud drive in the browser.") + deadline)
        self.step2.setText(self.tr("Download all files into one folder, then choose that "
                                   "folder here."))
        webmail = str(self.session.profile_value("new_webmail") or "")
        where = (fill(self.tr("When everything is downloaded, tick the box. Keep the folder "
                              "on this computer (and a backup), or upload the files you still "
                              "share into the new mailbox's file storage in its webmail "
                              "({webmail})."), webmail=webmail) if webmail else
                 self.tr("When everything is downloaded, tick the box. Keep the folder on "
                         "this computer (and a backup), or upload the files you still share "
                         "into the new mailbox's file storage in its webmail."))
        self.step3.setText(where)
        if self.open_failed == "?":
            note = self.tr("mailmover does not know the address of the old cloud drive: open "
                           "the old webmail yourself and look for the cloud drive (网盘).")
        elif self.open_failed:
            note = fill(self.tr("The browser could not be opened. Open this address "
                                "yourself: {url}"), url=self.open_failed)
        else:
            note = ""
        self.open_note.setText(note)
        self.open_note.setVisible(bool(note))
        self.open_button.setText(self.tr("Open the old cloud drive"))
        self.folder_button.setText(self.tr("Choose the &download folder…"))
        self.done.setText(self.tr("I have downloaded all my files"))
        for w in (self.open_button, self.folder_button, self.done):
            w.setAccessibleName(w.text().replace("&", "").rstrip("…"))
        marks = (self.opened, self.session.cloud_folder is not None, self.done.isChecked())
        for label, on, sym in zip(self.marks, marks, "①②③", strict=True):
            label.setText("✔" if on else sym)
        summary = self.session.cloud_summary
        if self.session.cloud_folder is not None and summary is not None:
            self.found.setText(fill(
                self.tr("In {folder}: {count}, {size} in total."),
                folder=str(self.session.cloud_folder),
                count=plural(summary[0], self.tr("{n} file"), self.tr("{n} files")),
                size=size_text(summary[1])))
        else:
            self.found.setText(self.tr("No folder chosen yet. You can skip this step."))
