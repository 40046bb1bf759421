"""Streaming reader for vCard 2.1, 3.0 and 4.0 files.

Written by hand rather than on vobject because exported address books break vobject's
parser in ways we must survive: 2.1 quoted-printable with soft line breaks, a CHARSET per
property (GBK next to UTF-8 in one file), bare 2.1 type parameters, and truncated files
that need a clear error instead of a half-read address book.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContactsError
from .model import Contact, add_email, add_group, add_phone, clean_text, validate

_UTF16_OR_32 = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)


@dataclass(slots=True)
class Property:
    name: str
    params: dict[str, list[str]]
    types: set[str]
    value: str


@dataclass
class VcardReader:
    path: Path
    encoding: str | None = None  # forced by the user, or from a UTF-16/32 BOM
    versions: list[str] = field(default_factory=list)
    charsets_used: set[str] = field(default_factory=set)
    rows_read: int = 0
    empty_rows: int = 0

    @property
    def detected_encoding(self) -> str:
        if self.encoding:
            return self.encoding
        if "gb18030" in self.charsets_used:
            return "gb18030"
        return "utf-8"

    def contacts(self) -> Generator[Contact, None, None]:
        self.rows_read = 0
        self.empty_rows = 0
        depth = 0
        begin_line = 0
        props: list[Property] = []
        for line_no, raw in self._logical_lines():
            prop = self._parse(raw)
            if prop is None:
                continue
            if prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
                depth += 1
                if depth == 1:
                    begin_line, props = line_no, []
                continue
            if prop.name == "END" and prop.value.strip().upper() == "VCARD":
                if depth == 1:
                    self.rows_read += 1
                    contact = _to_contact(props, begin_line)
                    if contact.is_empty():
                        self.empty_rows += 1
                    else:
                        yield contact
                depth = max(depth - 1, 0)
                continue
            if depth == 1:  # properties of nested (2.1 AGENT) cards are not ours
                if prop.name == "VERSION" and len(self.versions) < 5:
                    self.versions.append(prop.value.strip())
                props.append(prop)
        if depth:
            raise ContactsError(
                "contacts.truncated_vcard",
                path=str(self.path),
                line=begin_line,
                contacts_read=self.rows_read,
            )

    # -- lines ---------------------------------------------------------------------

    def _physical_lines(self) -> Iterator[bytes]:
        """Raw lines as bytes; UTF-16/32 files are re-encoded to UTF-8 first."""
        try:
            if self.encoding and codecs.lookup(self.encoding).name in _UTF16_OR_32:
                with self.path.open("r", encoding=self.encoding, newline="") as fh:
                    for text in fh:
                        yield text.lstrip("\ufeff").encode("utf-8")
                return
            with self.path.open("rb") as fh:
                first = True
                for data in fh:
                    if first and data.startswith(codecs.BOM_UTF8):
                        data = data[len(codecs.BOM_UTF8) :]
                    first = False
                    yield data
        except UnicodeDecodeError:
            raise ContactsError(
                "contacts.bad_encoding", path=str(self.path), encoding=self.encoding, line=0
            ) from None
        except OSError as exc:
            raise ContactsError(
                "contacts.read_failed", path=str(self.path), reason=exc.strerror
            ) from exc

    def _split_lines(self) -> Iterator[bytes]:
        """Physical lines without their ends; a lone CR (old Mac files) ends a line too."""
        for data in self._physical_lines():
            yield from data.rstrip(b"\r\n").split(b"\r")

    def _logical_lines(self) -> Iterator[tuple[int, bytes]]:
        """Unfold continuation lines and 2.1 quoted-printable soft line breaks."""
        pending: bytes | None = None
        start = 0
        for line_no, line in enumerate(self._split_lines(), start=1):
            if pending is not None and _qp_soft_break(pending):
                pending = pending[:-1] + line.lstrip(b" \t")
                continue
            if pending is not None and line[:1] in (b" ", b"\t"):
                pending += line[1:]
                continue
            if pending is not None:
                yield start, pending
            pending, start = (line, line_no) if line.strip() else (None, 0)
        if pending is not None:
            yield start, pending

    # -- properties ----------------------------------------------------------------

    def _parse(self, raw: bytes) -> Property | None:
        colon = _find_colon(raw)
        if colon < 0:
            return None
        head = raw[:colon].decode("utf-8", "replace")
        parts = _split_unquoted(head, ";")
        name = parts[0].rpartition(".")[2].strip().upper()  # drop Apple's "item1." group
        params: dict[str, list[str]] = {}
        types: set[str] = set()
        for part in parts[1:]:
            key, eq, val = part.partition("=")
            if not eq:  # vCard 2.1: "TEL;CELL;VOICE:" and "EMAIL;INTERNET:"
                key, val = "TYPE", key
            key = key.strip().upper()
            values = [v.strip().strip('"') for v in val.split(",") if v.strip()]
            params.setdefault(key, []).extend(values)
            if key == "TYPE":
                types.update(v.lower() for v in values)
        encoding = {v.upper() for v in params.get("ENCODING", [])}
        encoding |= {t.upper() for t in types if t.upper() in ("QUOTED-PRINTABLE", "BASE64")}
        value_bytes = raw[colon + 1 :]
        if encoding & {"B", "BASE64"}:
            return Property(name, params, types, "")  # photos and sounds: not carried
        if "QUOTED-PRINTABLE" in encoding:
            value_bytes = quopri.decodestring(value_bytes)
        charset = (params.get("CHARSET") or [""])[0]
        return Property(name, params, types, self._decode(value_bytes, charset))

    def _decode(self, data: bytes, charset: str) -> str:
        if charset:
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong label is common; fall through to detection
        if self.encoding and codecs.lookup(self.encoding).name not in _UTF16_OR_32:
            try:
                return data.decode(self.encoding)
            except UnicodeDecodeError:
                raise ContactsError(
                    "contacts.bad_encoding",
                    path=str(self.path),
                    encoding=self.encoding,
                    line=0,
                ) from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.charsets_used.add("gb18030")
            return data.decode("gb18030", "replace")


def _qp_soft_break(line: bytes) -> bool:
    if not line.endswith(b"="):
        return False
    colon = _find_colon(line)
    return colon > 0 and b"QUOTED-PRINTABLE" in line[:colon].upper()


def _find_colon(raw: bytes) -> int:
    quoted = False
    for i, byte in enumerate(raw):
        if byte == 0x22:  # "
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # :
            return i
    return -1


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _split_escaped(value: str, sep: str) -> list[str]:
    """Split on ``sep`` not preceded by a backslash escape; components stay escaped."""
    parts, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def unescape(value: str) -> str:
    return clean_text(_ESCAPE_RE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value))


def _email_kind(types: set[str]) -> str:
    if "work" in types:
        return "work"
    if "home" in types:
        return "home"
    return ""


def _phone_kind(types: set[str]) -> str:
    if "fax" in types:
        return "fax"
    if types & {"cell", "mobile", "iphone"}:
        return "cell"
    if "work" in types:
        return "work"
    if "home" in types:
        return "home"
    return ""


def _to_contact(props: list[Property], line: int) -> Contact:
    contact = Contact(line=line)
    notes: list[str] = []
    role = ""
    for prop in props:
        name, value = prop.name, prop.value
        if name == "N":
            parts = [unescape(p) for p in _split_escaped(value, ";")] + [""] * 5
            (
                contact.family_name,
                contact.given_name,
                contact.middle_name,
                contact.prefix,
                contact.suffix,
            ) = parts[:5]
        elif name == "FN":
            contact.display_name = contact.display_name or unescape(value)
        elif name == "NICKNAME":
            contact.nickname = contact.nickname or unescape(value)
        elif name == "EMAIL":
            add_email(contact, unescape(value).removeprefix("mailto:"), _email_kind(prop.types))
        elif name == "TEL":
            number = unescape(value)
            if number.lower().startswith("tel:"):
                number = number[4:]
            add_phone(contact, number, _phone_kind(prop.types))
        elif name == "ORG":
            units = [unescape(p) for p in _split_escaped(value, ";")]
            contact.organization = contact.organization or units[0]
            contact.department = contact.department or " / ".join(u for u in units[1:] if u)
        elif name == "TITLE":
            contact.title = contact.title or unescape(value)
        elif name == "ROLE":
            role = role or unescape(value)
        elif name == "NOTE":
            if text := unescape(value):
                notes.append(text)
        elif name in ("CATEGORIES", "X-CATEGORIES"):
            for group in _split_escaped(value, ","):
                add_group(contact, unescape(group))
    contact.title = contact.title or role
    contact.notes = "\n".join(notes)
    _undo_writer_fallbacks(contact)
    validate(contact)
    return contact


def _undo_writer_fallbacks(contact: Contact) -> None:
    """Writers (ours included) fill N or FN from other fields; read those back as absent."""
    others = (contact.family_name, contact.middle_name, contact.prefix, contact.suffix)
    if contact.display_name and contact.given_name == contact.display_name and not any(others):
        contact.given_name = ""  # N:;张三;;; next to FN:张三 (see vcard_writer.to_vobject)
    structured = (contact.family_name, contact.given_name, contact.middle_name)
    if contact.display_name and not any(structured) and not contact.nickname:
        fallbacks = {contact.organization, *(e.address for e in contact.emails)}
        fallbacks |= {p.number for p in contact.phones}
        if contact.display_name in fallbacks:
            contact.display_name = ""
