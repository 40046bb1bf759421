"""Streaming reader for address-book CSV files (Coremail, Outlook, Google, Thunderbird,
Foxmail/QQ and hand-made ones)."""

from __future__ import annotations

import csv
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .csv_writer import EXTRA_EMAILS_LABEL
from .errors import ContactsError
from .headers import match_header
from .injection import is_formula, strip_marker
from .mapping import ColumnMapping
from .model import (
    EMAIL_FIELDS,
    PHONE_FIELDS,
    SCALAR_FIELDS,
    Contact,
    add_email,
    add_group,
    add_phone,
    clean_text,
    validate,
)

_SEP_LINE_RE = re.compile(r'^\s*"?sep=(.)"?\s*$', re.IGNORECASE)
_DELIMITERS = (",", ";", "\t")
_EMAIL_SPLIT_RE = re.compile(r"[;,，；\s]+|:::")
_PHONE_SPLIT_RE = re.compile(r"[;；]|:::")
_GROUP_SPLIT_RE = re.compile(r"[;,，；|]|:::")
_ANGLE_RE = re.compile(r"<([^<>]+)>")
# Google's built-in labels, which are not groups anyone made.
_SYSTEM_GROUPS = {"mycontacts", "my contacts", "starred"}

_NAME_FIELDS = SCALAR_FIELDS
# The csv module refuses cells over 128 KiB; a card with thousands of addresses writes
# them into one notes cell (csv_writer.MAX_EMAIL_COLUMNS), which we must read back.
_FIELD_LIMIT = 64 * 1024 * 1024


@dataclass(slots=True)
class Layout:
    delimiter: str = ","
    sep_line: bool = False  # Excel's "sep=;" first line, skipped when reading


def _first_line(text: str) -> str:
    for line in text.lstrip("\ufeff").splitlines():
        if line.strip():
            return line
    return ""


def sniff_layout(text: str) -> Layout:
    """Delimiter from Excel's sep= line, else the most frequent of , ; TAB in the header."""
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if ln.strip()]
    if lines and (m := _SEP_LINE_RE.match(lines[0])):
        return Layout(m.group(1), True)
    header = lines[0] if lines else ""
    counts = {d: _count_outside_quotes(header, d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties keep the comma
    return Layout(best if counts[best] else ",", False)


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def header_cells(text: str) -> list[str]:
    layout = sniff_layout(text)
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if ln.strip()]
    if layout.sep_line:
        lines = lines[1:]
    if not lines:
        return []
    try:
        return next(csv.reader([lines[0]], delimiter=layout.delimiter))
    except (csv.Error, StopIteration):
        return []


def header_makes_sense(text: str, strict: bool) -> bool:
    """Accept a decoding when its header row is printable text (and, if strict, has at
    least one header we recognise)."""
    if _SEP_LINE_RE.match(_first_line(text)) is None and text.lstrip().upper().startswith(
        "BEGIN:VCARD"
    ):
        return True
    cells = header_cells(text)
    joined = "".join(cells)
    if not joined.strip():
        return False
    for ch in joined:
        if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or not (ch.isprintable() or ch == "\t"):
            return False
    if strict:
        return any(match_header(c)[0] is not None for c in cells)
    return True


@dataclass
class CsvReader:
    """Reads one CSV file; iterate ``contacts()`` as many times as needed."""

    path: Path
    encoding: str
    layout: Layout
    mapping: ColumnMapping
    # Column positions whose values were dropped because nobody mapped them.
    unmapped_with_data: set[int] = field(default_factory=set)
    rows_read: int = 0
    empty_rows: int = 0

    @classmethod
    def open(cls, path: Path, encoding: str, layout: Layout) -> CsvReader:
        with _open_rows(path, encoding, layout) as rows:
            headers: list[str] = []
            for _line, row in rows:
                if any(cell.strip() for cell in row):
                    headers = row
                    break
        headers = _clean_headers(headers)
        if not headers:
            raise ContactsError("contacts.no_contacts", path=str(path))
        return cls(path, encoding, layout, ColumnMapping.from_headers(headers))

    def contacts(self) -> Generator[Contact, None, None]:
        self.unmapped_with_data = set()
        self.rows_read = 0
        self.empty_rows = 0
        width = len(self.mapping.columns)
        unmapped = {c.index for c in self.mapping.columns if c.field is None}
        with _open_rows(self.path, self.encoding, self.layout) as rows:
            header_seen = False
            for line, row in rows:
                if not any(cell.strip() for cell in row):
                    if header_seen:
                        self.empty_rows += 1
                    continue
                if not header_seen:
                    header_seen = True
                    continue
                self.rows_read += 1
                for index, cell in enumerate(row):
                    if (index >= width or index in unmapped) and cell.strip():
                        self.unmapped_with_data.add(index)
                contact = row_to_contact(row, self.mapping, line)
                if contact.is_empty():
                    self.empty_rows += 1
                    continue
                yield contact

    def unmapped_headers(self) -> list[str]:
        """Names of the columns that held data nobody mapped."""
        names = []
        for index in sorted(self.unmapped_with_data):
            if index < len(self.mapping.columns):
                names.append(self.mapping.columns[index].header)
            else:
                names.append(f"#{index + 1}")
        return names


def _clean_headers(headers: list[str]) -> list[str]:
    cells = [h.replace("\ufeff", "").strip() for h in headers]
    while cells and not cells[-1]:
        cells.pop()  # Excel's trailing empty columns
    return [cell or f"#{i + 1}" for i, cell in enumerate(cells)]


class _open_rows:  # noqa: N801 - used like open()
    """Context manager yielding (first physical line, row) from the CSV file."""

    def __init__(self, path: Path, encoding: str, layout: Layout) -> None:
        self.path, self.encoding, self.layout = path, encoding, layout

    def __enter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            self.fh = self.path.open("r", encoding=self.encoding, newline="")
        except OSError as exc:
            raise ContactsError(
                "contacts.read_failed", path=str(self.path), reason=exc.strerror
            ) from exc
        return self._rows()

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        offset = 0
        if self.layout.sep_line:
            while True:
                first = self.fh.readline()
                offset += 1
                if not first or first.strip():
                    break
        if csv.field_size_limit() < _FIELD_LIMIT:  # process-wide; only ever raised
            csv.field_size_limit(_FIELD_LIMIT)
        reader = csv.reader(self.fh, delimiter=self.layout.delimiter, strict=True)
        last = 0
        try:
            for row in reader:
                yield offset + last + 1, row
                last = reader.line_num
        except csv.Error as exc:
            raise ContactsError(
                "contacts.malformed_csv",
                path=str(self.path),
                line=offset + reader.line_num,
                reason=str(exc),
            ) from None
        except UnicodeDecodeError:
            raise ContactsError(
                "contacts.bad_encoding",
                path=str(self.path),
                encoding=self.encoding,
                line=offset + reader.line_num + 1,
            ) from None

    def __exit__(self, *exc_info: object) -> None:
        self.fh.close()


def row_to_contact(row: list[str], mapping: ColumnMapping, line: int) -> Contact:
    contact = Contact(line=line)
    labels: dict[tuple[str, str], str] = {}
    for col in mapping.columns:
        if col.field in ("email_label", "phone_label") and col.index < len(row):
            labels[(col.field[:5], col.slot)] = row[col.index]
        elif col.field == "ignore" and col.slot and col.index < len(row):
            labels[("note", col.slot)] = row[col.index]  # "Relation 1 - Label": Spouse
    notes: list[str] = []
    # Labelled lines of columns without a field of their own: key -> (label, values);
    # the parts of one address (street, city...) share a key and become one line.
    extras: dict[str, tuple[str, str, list[str]]] = {}  # key -> (label, separator, values)
    for col in mapping.columns:
        if col.index >= len(row) or col.field in (None, "ignore"):
            continue
        value = cell_value(row[col.index])
        if not value:
            continue
        fld = col.field
        if fld in EMAIL_FIELDS:
            kind = EMAIL_FIELDS[fld] or _email_kind(labels.get(("email", col.slot), ""))
            for address in split_emails(value):
                add_email(contact, address, kind)
        elif fld in PHONE_FIELDS:
            kind = PHONE_FIELDS[fld] or _phone_kind(labels.get(("phone", col.slot), ""))
            for number in _PHONE_SPLIT_RE.split(value):
                add_phone(contact, number, kind)
        elif fld == "groups":
            for group in split_groups(value):
                add_group(contact, group)
        elif fld == "notes" and col.note_label:
            if value.casefold() in _PLACEHOLDERS:
                continue
            label = _with_kind(col.note_label, labels.get(("note", col.slot), ""))
            key = col.note_label if col.note_joined else f"#{col.index}"
            extras.setdefault(key, (label, col.note_joined, []))[2].append(_one_line(value))
        elif fld == "notes":
            notes.append(_take_extra_emails(value, contact))
        elif fld in _NAME_FIELDS and not getattr(contact, fld):
            setattr(contact, fld, value)
    for label, joiner, values in extras.values():
        separator = ": " if label.isascii() else "："
        notes.append(label + separator + joiner.join(values))
    contact.notes = "\n".join(n for n in notes if n)
    validate(contact)
    return contact


# What Outlook writes into columns nobody filled in (dates, gender).
_PLACEHOLDERS = {"0/0/00", "0/0/0000", "00/00/00", "0-0-00", "unspecified", "未指定"}


def _with_kind(label: str, kind: str) -> str:
    """ "Address 1 (Home)" from Google's "Address 1 - Label"."""
    kind = clean_text(kind).removeprefix("* ").strip()
    return f"{label} ({kind})" if kind else label


def _one_line(value: str) -> str:
    """A multi-line value (Google's formatted address) on one notes line."""
    return ", ".join(part.strip() for part in value.split("\n") if part.strip())


def cell_value(raw: str) -> str:
    """A cell's text: cleaned, with our (or Excel's) ' formula marker removed.

    A leading TAB that keeps a spreadsheet from running the rest as a formula (OWASP's
    other neutraliser) is kept: stripping it would make the cell dangerous again.
    """
    raw = strip_marker(raw)
    value = clean_text(raw)
    if value and raw[:1] in " \t" and raw.lstrip(" ").startswith("\t") and is_formula(value):
        return "\t" + value
    return value


_EXTRA_EMAILS_PREFIXES = tuple(EXTRA_EMAILS_LABEL.values())


def _take_extra_emails(notes: str, contact: Contact) -> str:
    """Our CSV writer puts addresses beyond its e-mail columns on a notes line of their
    own; read them back as addresses."""
    if not any(prefix in notes for prefix in _EXTRA_EMAILS_PREFIXES):
        return notes
    kept = []
    for line in notes.split("\n"):
        prefix = next((p for p in _EXTRA_EMAILS_PREFIXES if line.startswith(p)), None)
        if prefix is None:
            kept.append(line)
            continue
        for address in split_emails(line[len(prefix) :]):
            add_email(contact, address)
    return "\n".join(kept).strip()


def split_emails(value: str) -> list[str]:
    """One cell may hold several addresses: "a@x; b@y", "张三 <a@x>", "a@x ::: b@y"."""
    found = _ANGLE_RE.findall(value)
    parts = _EMAIL_SPLIT_RE.split(_ANGLE_RE.sub(" ", value))
    if found:
        # Outside the <...> only bare addresses count; the rest are display names.
        parts = found + [p for p in parts if "@" in p]
    out = []
    for part in parts:
        part = part.strip()
        if part.lower().startswith("mailto:"):
            part = part[7:]
        if part:
            out.append(part)
    return out


def split_groups(value: str) -> list[str]:
    groups = []
    for part in _GROUP_SPLIT_RE.split(value):
        part = part.strip()
        if part.startswith("* "):
            part = part[2:].strip()
        if part and part.casefold() not in _SYSTEM_GROUPS:
            groups.append(part)
    return groups


def _email_kind(label: str) -> str:
    label = label.casefold()
    if "work" in label or "工作" in label or "business" in label:
        return "work"
    if "home" in label or "personal" in label or "个人" in label or "家" in label:
        return "home"
    return ""


def _phone_kind(label: str) -> str:
    label = label.casefold()
    if "fax" in label or "传真" in label:
        return "fax"
    if "mobile" in label or "cell" in label or "手机" in label or "移动" in label:
        return "cell"
    if "work" in label or "business" in label or "工作" in label:
        return "work"
    if "home" in label or "家" in label or "住宅" in label:
        return "home"
    return ""
