"""CSV output for webmail import, with plain Chinese or English headers.

UTF-8 with a BOM by default (Excel and Exmail both read it); GBK on request. A character
GBK cannot hold raises ``contacts.unencodable`` naming the contact and field: we do not
substitute "?" into someone's name. The whole output is then abandoned (atomic write).

At most ``MAX_EMAIL_COLUMNS`` e-mail columns: Outlook's CSV, whose headers webmail
importers know, has three (E-mail, E-mail 2, E-mail 3), and a card with 40,000 addresses
must not become a 40,000-column file. Further addresses go into the notes on a line of
their own (``EXTRA_EMAILS_LABEL``), which our reader turns back into addresses.

Every data cell passes ``injection.neutralise`` (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from typing import BinaryIO

from .errors import ContactsError
from .injection import neutralise
from .model import Contact

CSV_ENCODINGS = ("utf-8-sig", "gbk")
LANGUAGES = ("zh", "en")
GROUP_SEPARATOR = ";"
PHONE_SEPARATOR = "; "
MAX_EMAIL_COLUMNS = 3
EMAIL_SEPARATOR = "; "
# The notes line that carries the addresses beyond MAX_EMAIL_COLUMNS, per header language.
EXTRA_EMAILS_LABEL = {"zh": "其他电子邮件地址：", "en": "Other e-mail addresses: "}

# (zh header, en header, getter). Headers follow Outlook's, which webmail importers know.
_Getter = Callable[[Contact], str]


def _phones(kind: str) -> _Getter:
    return lambda c: PHONE_SEPARATOR.join(p.number for p in c.phones if p.kind == kind)


_BEFORE_EMAILS: list[tuple[str, str, _Getter]] = [
    ("姓名", "Name", lambda c: c.name()),
    ("姓", "Last Name", lambda c: c.family_name),
    ("名", "First Name", lambda c: c.given_name),
    ("中间名", "Middle Name", lambda c: c.middle_name),
    ("昵称", "Nickname", lambda c: c.nickname),
]
_AFTER_EMAILS: list[tuple[str, str, _Getter]] = [
    ("移动电话", "Mobile Phone", _phones("cell")),
    ("商务电话", "Business Phone", _phones("work")),
    ("住宅电话", "Home Phone", _phones("home")),
    ("商务传真", "Business Fax", _phones("fax")),
    ("其他电话", "Other Phone", _phones("")),
    ("公司", "Company", lambda c: c.organization),
    ("部门", "Department", lambda c: c.department),
    ("职务", "Job Title", lambda c: c.title),
    ("备注", "Notes", lambda c: c.notes),
    ("分组", "Categories", lambda c: GROUP_SEPARATOR.join(c.groups)),
]


_NOTES = next(i for i, col in enumerate(_AFTER_EMAILS) if col[1] == "Notes")


def csv_codec(name: str) -> str:
    """The codec name for a supported CSV encoding, else contacts.unsupported_csv_encoding."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = ""
    if codec not in CSV_ENCODINGS:
        raise ContactsError("contacts.unsupported_csv_encoding", encoding=name)
    return codec


def _email_header(n: int, language: str) -> str:
    if language == "zh":
        return "电子邮件地址" if n == 1 else f"电子邮件地址{n}"
    return "E-mail Address" if n == 1 else f"E-mail {n} Address"


class CsvWriter:
    """Writes contacts one by one; ``email_columns`` is the largest contact's address
    count (capped at MAX_EMAIL_COLUMNS)."""

    def __init__(
        self,
        fh: BinaryIO,
        *,
        encoding: str = "utf-8-sig",
        language: str = "zh",
        email_columns: int = 1,
    ) -> None:
        self.fh = fh
        self.encoding = csv_codec(encoding)
        self.language = language if language in LANGUAGES else "zh"
        self.email_columns = min(max(1, email_columns), MAX_EMAIL_COLUMNS)
        self.written = 0
        self.neutralised = 0  # cells written with a ' in front (see injection.py)
        self.neutralised_lines: list[int] = []  # input lines of those contacts (first 1000)
        self.emails_in_notes = 0  # contacts whose extra addresses went into the notes
        lang = 0 if self.language == "zh" else 1
        self.headers: list[str] = [str(col[lang]) for col in _BEFORE_EMAILS]
        self.headers += [_email_header(n, self.language) for n in range(1, self.email_columns + 1)]
        self.headers += [str(col[lang]) for col in _AFTER_EMAILS]
        if self.encoding == "utf-8-sig":
            fh.write(codecs.BOM_UTF8)
        self._write_row(self.headers, None)

    def write(self, contact: Contact) -> None:
        emails = [e.address for e in contact.emails]
        extra = emails[self.email_columns :]
        emails = emails[: self.email_columns]
        emails += [""] * (self.email_columns - len(emails))
        row = [get(contact) for _, _, get in _BEFORE_EMAILS]
        row += emails
        after = [get(contact) for _, _, get in _AFTER_EMAILS]
        if extra:
            # Never drop an address: the ones without a column go into the notes.
            line = EXTRA_EMAILS_LABEL[self.language] + EMAIL_SEPARATOR.join(extra)
            after[_NOTES] = f"{after[_NOTES]}\n{line}" if after[_NOTES] else line
            self.emails_in_notes += 1
        row += after
        safe = self._neutralise(row, contact)
        self._write_row(safe, contact)
        self.written += 1

    def _neutralise(self, row: list[str], contact: Contact) -> list[str]:
        out = []
        changed = False
        for cell in row:
            cell, was_formula = neutralise(cell)
            if was_formula:
                self.neutralised += 1
                changed = True
            out.append(cell)
        if changed and len(self.neutralised_lines) < 1000:
            self.neutralised_lines.append(contact.line)
        return out

    def _write_row(self, row: list[str], contact: Contact | None) -> None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(row)
        text = buf.getvalue()
        codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            raise self._unencodable(row, contact, codec) from None
        self.fh.write(data)

    def _unencodable(self, row: list[str], contact: Contact | None, codec: str) -> ContactsError:
        for header, cell in zip(self.headers, row, strict=True):
            for ch in cell:
                try:
                    ch.encode(codec)
                except UnicodeEncodeError:
                    return ContactsError(
                        "contacts.unencodable",
                        char=ch,
                        codepoint=f"U+{ord(ch):04X}",
                        field=header,
                        contact=contact.formatted_name() if contact else "",
                        line=contact.line if contact else 0,
                        encoding=self.encoding,
                    )
        return ContactsError(
            "contacts.unencodable",
            char="",
            codepoint="",
            field="",
            contact="",
            line=0,
            encoding=self.encoding,
        )
