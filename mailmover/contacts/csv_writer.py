"""CSV output for webmail import, with plain Chinese or English headers.

UTF-8 with a BOM by default (Excel and Exmail both read it); GBK on request. A character
GBK cannot hold raises ``contacts.unencodable`` naming the contact and field: we do not
substitute "?" into someone's name. The whole output is then abandoned (atomic write).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from typing import BinaryIO

from .errors import ContactsError
from .model import Contact

CSV_ENCODINGS = ("utf-8-sig", "gbk")
LANGUAGES = ("zh", "en")
GROUP_SEPARATOR = ";"
PHONE_SEPARATOR = "; "

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
    """Writes contacts one by one; ``email_columns`` must cover the largest contact."""

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
        self.email_columns = max(1, email_columns)
        self.written = 0
        lang = 0 if self.language == "zh" else 1
        self.headers = [col[lang] for col in _BEFORE_EMAILS]
        self.headers += [_email_header(n, self.language) for n in range(1, self.email_columns + 1)]
        self.headers += [col[lang] for col in _AFTER_EMAILS]
        if self.encoding == "utf-8-sig":
            fh.write(codecs.BOM_UTF8)
        self._write_row(self.headers, None)

    def write(self, contact: Contact) -> None:
        emails = [e.address for e in contact.emails]
        if len(emails) > self.email_columns:
            # Never drop an address: the extra ones share the last column.
            keep = self.email_columns - 1
            emails = emails[:keep] + ["; ".join(emails[keep:])]
        emails += [""] * (self.email_columns - len(emails))
        row = [get(contact) for _, _, get in _BEFORE_EMAILS]
        row += emails
        row += [get(contact) for _, _, get in _AFTER_EMAILS]
        self._write_row(row, contact)
        self.written += 1

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
