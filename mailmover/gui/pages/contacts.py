"""Page 7: contacts, from the old webmail's export to a file the new webmail imports."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from mailmover.contacts import FIELDS, ContactsError, convert, preview
from mailmover.gui.i18n import QT_TRANSLATE_NOOP
from mailmover.gui.messages import fill
from mailmover.gui.pages.base import Page, announce, table, wrap_label

_FIELD_NAMES: dict[str, str] = {
    "display_name": QT_TRANSLATE_NOOP("ContactsPage", "Name"),
    "family_name": QT_TRANSLATE_NOOP("ContactsPage", "Family name"),
    "given_name": QT_TRANSLATE_NOOP("ContactsPage", "Given name"),
    "middle_name": QT_TRANSLATE_NOOP("ContactsPage", "Middle name"),
    "prefix": QT_TRANSLATE_NOOP("ContactsPage", "Title before the name"),
    "suffix": QT_TRANSLATE_NOOP("ContactsPage", "Suffix"),
    "nickname": QT_TRANSLATE_NOOP("ContactsPage", "Nickname"),
    "email": QT_TRANSLATE_NOOP("ContactsPage", "E-mail"),
    "email_work": QT_TRANSLATE_NOOP("ContactsPage", "Work e-mail"),
    "email_home": QT_TRANSLATE_NOOP("ContactsPage", "Home e-mail"),
    "mobile": QT_TRANSLATE_NOOP("ContactsPage", "Mobile phone"),
    "phone": QT_TRANSLATE_NOOP("ContactsPage", "Phone"),
    "phone_work": QT_TRANSLATE_NOOP("ContactsPage", "Work phone"),
    "phone_home": QT_TRANSLATE_NOOP("ContactsPage", "Home phone"),
    "fax": QT_TRANSLATE_NOOP("ContactsPage", "Fax"),
    "organization": QT_TRANSLATE_NOOP("ContactsPage", "Organisation"),
    "department": QT_TRANSLATE_NOOP("ContactsPage", "Department"),
    "title": QT_TRANSLATE_NOOP("ContactsPage", "Job title"),
    "notes": QT_TRANSLATE_NOOP("ContactsPage", "Notes"),
    "groups": QT_TRANSLATE_NOOP("ContactsPage", "Groups"),
    "ignore": QT_TRANSLATE_NOOP("ContactsPage", "Leave out"),
}

_FORMATS: dict[str, str] = {
    "coremail_csv": QT_TRANSLATE_NOOP("ContactsPage", "Coremail address book (CSV)"),
    "outlook_csv": QT_TRANSLATE_NOOP("ContactsPage", "Outlook contacts (CSV)"),
    "google_csv": QT_TRANSLATE_NOOP("ContactsPage", "Google contacts (CSV)"),
    "thunderbird_csv": QT_TRANSLATE_NOOP("ContactsPage", "Thunderbird address book (CSV)"),
    "foxmail_csv": QT_TRANSLATE_NOOP("ContactsPage", "Foxmail address book (CSV)"),
    "csv": QT_TRANSLATE_NOOP("ContactsPage", "Table of contacts (CSV)"),
    "vcard": QT_TRANSLATE_NOOP("ContactsPage", "Business cards (vCard)"),
}
_VCARD_VERSION = QT_TRANSLATE_NOOP("ContactsPage", "Business cards (vCard {version})")


_ENCODINGS: dict[str, str] = {
    "utf-8": QT_TRANSLATE_NOOP("ContactsPage", "Unicode (UTF-8)"),
    "utf-8-sig": QT_TRANSLATE_NOOP("ContactsPage", "Unicode (UTF-8)"),
    "gb18030": QT_TRANSLATE_NOOP("ContactsPage", "Simplified Chinese, Windows (GBK/GB18030)"),
    "gbk": QT_TRANSLATE_NOOP("ContactsPage", "Simplified Chinese, Windows (GBK/GB18030)"),
    "big5": QT_TRANSLATE_NOOP("ContactsPage", "Traditional Chinese (Big5)"),
    "utf-16": QT_TRANSLATE_NOOP("ContactsPage", "Unicode text from Excel (UTF-16)"),
    "utf-16-le": QT_TRANSLATE_NOOP("ContactsPage", "Unicode text from Excel (UTF-16)"),
    "utf-16-be": QT_TRANSLATE_NOOP("ContactsPage", "Unicode text from Excel (UTF-16)"),
    "cp1252": QT_TRANSLATE_NOOP("ContactsPage", "Western European, Windows (cp1252)"),
}


def encoding_name(encoding: str) -> str:
    """A text encoding as people know it; the technical name stays in the item's data."""
    known = _ENCODINGS.get(encoding.lower())
    return f"{_t(known)} — {encoding}" if known else encoding


def format_name(fmt: str) -> str:
    """A file format as people know it: "coremail_csv" -> "Coremail address book (CSV)"."""
    if fmt in _FORMATS:
        return _t(_FORMATS[fmt])
    if fmt.startswith("vcard_"):
        return fill(_t(_VCARD_VERSION), version=fmt.split("_", 1)[1])
    if fmt.endswith("_csv"):
        return fill(_t(_FORMATS["csv"]), name=fmt)
    return fmt


_CODES: dict[str, str] = {
    "contacts.file_not_found": QT_TRANSLATE_NOOP("ContactsPage", "The file was not found."),
    "contacts.read_failed": QT_TRANSLATE_NOOP("ContactsPage", "The file could not be read."),
    "contacts.empty_file": QT_TRANSLATE_NOOP("ContactsPage", "The file is empty."),
    "contacts.binary_file": QT_TRANSLATE_NOOP(
        "ContactsPage", "This is not an address-book export. Export the contacts as CSV or "
        "vCard and choose that file."),
    "contacts.unknown_encoding": QT_TRANSLATE_NOOP(
        "ContactsPage", "The text encoding could not be recognised. Pick one in the list "
        "until the names look right."),
    "contacts.bad_encoding": QT_TRANSLATE_NOOP(
        "ContactsPage", "The file cannot be read with this text encoding; pick another."),
    "contacts.no_email_column": QT_TRANSLATE_NOOP(
        "ContactsPage", "No column with e-mail addresses was recognised. Choose \"E-mail\" "
        "for the right column in the table of columns."),
    "contacts.no_contacts": QT_TRANSLATE_NOOP("ContactsPage", "The file holds no contacts."),
    "contacts.malformed_csv": QT_TRANSLATE_NOOP(
        "ContactsPage", "The file is damaged (not a valid CSV file)."),
    "contacts.truncated_vcard": QT_TRANSLATE_NOOP(
        "ContactsPage", "The file ends in the middle of a contact; export it again."),
    "contacts.malformed_vcard": QT_TRANSLATE_NOOP(
        "ContactsPage", "The file is damaged (not a valid vCard file)."),
    "contacts.changed_while_reading": QT_TRANSLATE_NOOP(
        "ContactsPage", "The file changed while it was read; try again."),
    "contacts.write_failed": QT_TRANSLATE_NOOP(
        "ContactsPage", "The file for import could not be saved there; choose another place."),
    "contact.invalid_email": QT_TRANSLATE_NOOP("ContactsPage", "e-mail address looks wrong"),
    "contact.no_email": QT_TRANSLATE_NOOP("ContactsPage", "no e-mail address"),
    "contact.phone_mangled": QT_TRANSLATE_NOOP(
        "ContactsPage", "phone number was changed by Excel (e.g. 1.38E+10)"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("ContactsPage", text)


def code_text(code: str) -> str:
    return _t(_CODES[code]) if code in _CODES else code


class ContactsPage(Page):
    def __init__(self, session, threads) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.setAcceptDrops(True)
        self.steps = wrap_label(rich=True)
        self.layout_.addWidget(self.steps)
        # The page's actions above the tables, in the order of the steps: the webmails,
        # then Choose and Save side by side with what saving did right under them.
        row = QHBoxLayout()
        self.old_button = QPushButton()
        self.old_button.clicked.connect(self._open_old)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self._open_new)
        row.addWidget(self.old_button)
        row.addWidget(self.new_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        row2 = QHBoxLayout()
        self.pick_button = QPushButton()
        self.pick_button.clicked.connect(self._pick)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._save)
        row2.addWidget(self.pick_button)
        row2.addWidget(self.save_button)
        row2.addStretch(1)
        self.layout_.addLayout(row2)
        self.result = wrap_label(rich=True)
        self.result.setObjectName("result")
        self.layout_.addWidget(self.result)
        self.flagged = wrap_label(rich=True)
        self.flagged.setObjectName("error")
        self.layout_.addWidget(self.flagged)
        self.file_label = wrap_label()
        self.layout_.addWidget(self.file_label)

        form = QFormLayout()
        self.encoding = QComboBox()
        self.encoding.activated.connect(lambda _i: self.load(self.path, keep_mapping=True))
        self.encoding_label = QLabel()
        self.encoding_label.setBuddy(self.encoding)
        form.addRow(self.encoding_label, self.encoding)
        self.layout_.addLayout(form)

        tables = QHBoxLayout()
        self.columns = table(2, editable=True, resize=QHeaderView.ResizeMode.Stretch)
        # Addresses and phone numbers cannot wrap (a name can): they are kept whole.
        self.rows = table(4, wide=(1, 2, 0), whole=(1, 2))
        tables.addWidget(self.columns, 2)
        tables.addWidget(self.rows, 3)
        self.layout_.addLayout(tables, 1)

        self.path: Path | None = None
        self.preview: Any = None
        self.user_mapping: dict[str | int, str | None] = {}
        self.error: BaseException | None = None
        self.converted: Any = None
        self.retranslate()

    def first_field(self) -> QWidget | None:
        return self.pick_button

    # -- file in ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.load(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()

    def _pick(self) -> None:
        path = self.session.choose_open_file(
            self, self.tr("Choose the exported contacts"),
            self.tr("Address books (*.csv *.vcf *.txt);;All files (*)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path | None, keep_mapping: bool = False) -> None:
        if path is None or preview is None:
            return
        if not keep_mapping:
            self.user_mapping = {}
        self.path, self.error, self.converted = path, None, None
        encoding = self.encoding.currentData() if keep_mapping else None
        try:
            self.preview = preview(path, encoding=encoding,
                                   mapping=dict[str | int, str | None](self.user_mapping) or None,
                                   rows=10)
        except ContactsError as exc:
            self.preview, self.error = None, exc
        self.session.log(f"contacts preview {path.name}: "
                         f"{getattr(self.error, 'code', 'ok')}")
        self.retranslate()

    def _field_chosen(self, index: int, combo: QComboBox) -> None:
        self.user_mapping[index] = combo.currentData()
        self.load(self.path, keep_mapping=True)

    # -- file out -----------------------------------------------------------------------
    def _save(self) -> None:
        start = str(Path.home() / "contacts-for-new-mailbox.csv")
        path = self.session.choose_save_file(
            self, self.tr("Save the file for import"), start,
            self.tr("CSV for the new webmail (*.csv);;vCard (*.vcf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, output: Path) -> None:
        if self.path is None or convert is None:
            return
        try:
            self.converted = convert(
                self.path, output,
                encoding=self.encoding.currentData() or None,
                mapping=dict[str | int, str | None](self.user_mapping) or None)
            self.session.contacts_output = output
            self.error = None
        except ContactsError as exc:
            self.converted, self.error = None, exc
        self.session.log(f"contacts convert -> {output.name}: "
                         f"{getattr(self.error, 'code', 'ok')}")
        self.retranslate()

    def _open_old(self) -> None:
        url = (self.session.profile_value("contacts_export_url")
               or self.session.profile_value("old_webmail"))
        if url:
            self.session.open_url(url)

    def _open_new(self) -> None:
        self.session.open_url(self.session.profile_value("new_webmail")
                              or "https://exmail.qq.com")

    # -- texts --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Contacts"))
        self.setSubTitle(self.tr("Your address book goes along too."))
        self.intro.setText(self.tr(
            "The mail programs cannot move the address book by themselves. mailmover "
            "prepares a file that the new webmail can import."))
        self.steps.setText(self.tr(
            "<ol><li>In the old webmail, open <i>Address book</i> and choose <i>Export</i> "
            "(CSV or vCard). Save the file.</li>"
            "<li>Choose that file here, or drop it on this page.</li>"
            "<li>Check the preview, then save the file for import.</li>"
            "<li>In the new webmail, open <i>Contacts → Import</i> (通讯录 → 导入) and choose "
            "the saved file.</li></ol>"))
        self.old_button.setText(self.tr("Open the old webmail"))
        self.pick_button.setText(self.tr("Choose the exported &file…"))
        self.save_button.setText(self.tr("&Save the file for import…"))
        self.new_button.setText(self.tr("Open the new webmail to import"))
        for b in (self.old_button, self.pick_button, self.save_button, self.new_button):
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
        self.encoding_label.setText(self.tr("Text &encoding:"))
        self.encoding.setAccessibleName(self.tr("Text encoding"))
        self.columns.setHorizontalHeaderLabels([self.tr("Column in the file"),
                                                self.tr("Means")])
        self.columns.setAccessibleName(self.tr("Columns of the file"))
        self.rows.setHorizontalHeaderLabels([self.tr("Name"), self.tr("E-mail"),
                                             self.tr("Phone"), self.tr("To check")])
        self.rows.setAccessibleName(self.tr("First contacts of the file"))
        available = preview is not None
        self.pick_button.setEnabled(available)
        self.save_button.setEnabled(bool(self.preview is not None
                                         and getattr(self.preview, "can_convert", True)))
        if not available:
            self.file_label.setText(self.tr("Converting contacts is not available in this "
                                            "version; the help desk can do it for you."))
        elif self.path is None:
            self.file_label.setText(self.tr("No file chosen yet. You can also skip this step "
                                            "and come back later."))
        else:
            p = self.preview
            self.file_label.setText(
                fill(self.tr("File: {name} · format: {format}"), name=self.path.name,
                     format=format_name(getattr(p, "format", "")) if p else "–"))
        self._fill_encoding()
        self._fill_columns()
        self._fill_rows()
        self._fill_result()

    def _fill_encoding(self) -> None:
        self.encoding.blockSignals(True)
        self.encoding.clear()
        p = self.preview
        choices: list[str] = []
        if p is not None:
            choices = [p.encoding] + [c for c in p.candidates if c != p.encoding]
        elif self.error is not None:
            choices = list(getattr(self.error, "params", {}).get("candidates", []) or [])
        for c in choices:
            self.encoding.addItem(encoding_name(c), c)
        self.encoding.setEnabled(bool(choices))
        self.encoding.blockSignals(False)

    def _fill_columns(self) -> None:
        mapping = getattr(self.preview, "mapping", None)
        cols = mapping.columns if mapping is not None else []
        self.columns.setRowCount(len(cols))
        combos: list[QComboBox] = []
        for row, col in enumerate(cols):
            self.columns.setItem(row, 0, QTableWidgetItem(col.header))
            combo = QComboBox()
            combo.addItem(self.tr("— not recognised —"), None)
            for f in FIELDS:
                combo.addItem(_t(_FIELD_NAMES.get(f, f)), f)
            combo.setCurrentIndex(max(0, combo.findData(col.field)))
            combo.setAccessibleName(fill(self.tr("Meaning of column {column}"),
                                         column=col.header))
            if col.field is None and col.header.strip():
                combo.setStyleSheet("color: #b00020;")
            combo.activated.connect(lambda _i, i=col.index, c=combo: self._field_chosen(i, c))
            self.columns.setCellWidget(row, 1, combo)
            combos.append(combo)
        # Tab goes through the column choices right after their table, not after the
        # buttons at the bottom (cell widgets join the focus chain last otherwise).
        chain = [self.columns, *combos, self.rows]
        for before, after in zip(chain, chain[1:], strict=False):
            self.setTabOrder(before, after)

    def _fill_rows(self) -> None:
        contacts = getattr(self.preview, "contacts", []) or []
        self.rows.setRowCount(len(contacts))
        for row, c in enumerate(contacts):
            issues = ", ".join(code_text(i.code) for i in c.issues)
            # One address (and phone) a line: each whole, the row as tall as they need.
            cells = (c.name() or c.formatted_name(), "\n".join(e.address for e in c.emails),
                     "\n".join(p.number for p in c.phones), issues)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3 and text:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.rows.setItem(row, col, item)

    def _fill_result(self) -> None:
        p = self.preview
        parts: list[str] = []
        if self.error is not None:
            parts.append("<span style='color:#b00020'>✘ "
                         + html.escape(code_text(getattr(self.error, "code", ""))) + "</span>")
        if p is not None:
            for problem in p.problems:
                parts.append("<span style='color:#b00020'>✘ "
                             + html.escape(code_text(problem.code)) + "</span>")
            if p.unmapped:
                parts.append(html.escape(fill(
                    self.tr("Columns not recognised (marked red): {columns}. Choose what they "
                            "mean, or \"Leave out\"."), columns=", ".join(p.unmapped))))
            if p.flagged:
                parts.append(html.escape(fill(
                    self.tr("{n} of the first contacts have something to check (last column). "
                            "They are imported anyway; you can correct them later."),
                    n=p.flagged)))
        text = "<br>".join(parts)
        if text != self.flagged.text():
            self.flagged.setText(text)
            if self.error is not None or (p is not None and p.problems):
                announce(self.flagged, html.unescape(re.sub(r"<[^>]+>", " ", text)))
                self.bring_into_view(self.flagged)
        r = self.converted
        if r is not None:
            self.result.setText("<span style='color:#1b7a2b'>✔ " + html.escape(fill(
                self.tr("Saved {written} contacts to {path} ({merged} duplicates merged, "
                        "{flagged} to check). Now import this file in the new webmail."),
                written=r.written, path=str(r.output), merged=r.merged_away,
                flagged=r.flagged_count)) + "</span>")
        else:
            self.result.setText("")
