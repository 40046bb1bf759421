"""Which CSV column feeds which contact field; editable by the user."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import ContactsError
from .header_keys import normalise_header
from .headers import ADDRESS_PARTS, match_header, numbered_part
from .model import EMAIL_FIELDS, FIELDS
from .note_headers import LABELLED_NOTE


@dataclass(slots=True)
class Column:
    index: int  # 0-based position in the row
    header: str
    field: str | None  # None: not recognised, the user has to decide
    slot: str = ""  # Google's numbered groups: "1" for E-mail/Phone, else e.g. "address1"
    auto: bool = True  # False once the user chose the field
    # For "notes" columns found by header (note_headers.LABELLED_NOTE): each value becomes a
    # notes line "note_label: value", since a bare "1970-01-01" in the notes means nothing.
    note_label: str = ""
    # Parts of one address or date (street, city, zip...) share a label and become one
    # line "label: a, b, c": this is the separator between them; "" for a line per column.
    note_joined: str = ""


@dataclass(slots=True)
class ColumnMapping:
    columns: list[Column] = field(default_factory=list)

    @classmethod
    def from_headers(cls, headers: list[str]) -> ColumnMapping:
        columns = []
        for index, header in enumerate(headers):
            fld, slot = match_header(header)
            if fld == LABELLED_NOTE:
                columns.append(Column(index, header, "notes", slot, note_label=_label(header)))
            else:
                columns.append(Column(index, header, fld, slot))
        # Thunderbird (zh-CN) writes 名字/姓氏 for First/Last Name; elsewhere 名字 is a name.
        if any(c.field == "family_name" for c in columns):
            for col in columns:
                if normalise_header(col.header) == normalise_header("名字"):
                    col.field = "given_name"
        _join_address_parts(columns)
        # Google's "Address N - Formatted" already holds street, city...: one line, not eight.
        formatted = {c.slot for c in columns if c.slot and numbered_part(c.header) == "formatted"}
        for col in columns:
            if col.slot in formatted and numbered_part(col.header) in ADDRESS_PARTS:
                # Ignored, and no slot: only a "- Label"/"- Type" column names the slot.
                col.field, col.note_label, col.slot = "ignore", "", ""
        return cls(columns)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def unmapped(self) -> list[Column]:
        """Columns nobody has decided about yet (shown to the user)."""
        return [c for c in self.columns if c.field is None and c.header.strip()]

    @property
    def has_email(self) -> bool:
        return any(c.field in EMAIL_FIELDS for c in self.columns)

    def find(self, column: str | int) -> Column:
        """A column by 0-based index (int), header (exact, then normalised) or "#N"."""
        if isinstance(column, int):
            if 0 <= column < len(self.columns):
                return self.columns[column]
            raise self._unknown(str(column))
        for col in self.columns:
            if col.header == column:
                return col
        key = normalise_header(column)
        for col in self.columns:
            if key and normalise_header(col.header) == key:
                return col
        # "#3" (or "3" when no header is called that) is the third column, counting from 1.
        number = column.strip().removeprefix("#")
        if number.isdigit() and 1 <= int(number) <= len(self.columns):
            return self.columns[int(number) - 1]
        raise self._unknown(column)

    def _unknown(self, column: str) -> ContactsError:
        return ContactsError("contacts.unknown_column", column=column, columns=self.headers)

    def set(self, column: str | int, field_name: str | None) -> None:
        """Map a column to a field ("ignore" to drop it, None to mark it undecided)."""
        if field_name is not None and field_name not in FIELDS:
            raise ContactsError("contacts.unknown_field", field=field_name, fields=list(FIELDS))
        col = self.find(column)
        col.field = field_name
        col.slot = ""
        col.auto = False
        col.note_label = ""
        col.note_joined = ""

    def apply(self, overrides: Mapping[str | int, str | None]) -> None:
        for column, field_name in overrides.items():
            self.set(column, field_name)

    def as_dict(self) -> dict[str, str | None]:
        """Header -> field, for showing or saving the user's choices."""
        return {c.header: c.field for c in self.columns}


def _label(header: str) -> str:
    """The label of a notes line: the header, without Google's " - Value"/" - Formatted"."""
    header = header.strip()
    if numbered_part(header) in ("value", "formatted") and " - " in header:
        return header.rsplit(" - ", 1)[0].strip()
    return header


# Address parts that Outlook and Thunderbird spread over several columns: "Business
# Street", "Business City"...; "商务地址 街道", "商务地址 市/县"...; "家庭地址" then generic
# "城市", "邮政编码" (Thunderbird zh-CN repeats those for home and work).
_EN_ADDRESS_RE = re.compile(
    r"^(business|home|other|work)(street\d?|address\d?|city|state|postalcode|zipcode"
    r"|countryregion|country|addresspobox)$"
)
_ZH_ADDRESS_RE = re.compile(r"^(商务地址|住宅地址|其他地址|家庭地址|工作地址)")
_FOLLOWING_PARTS = {
    normalise_header(h)
    for h in ("城市", "省/自治区/直辖市", "邮政编码", "国家", "City", "State", "Zip", "Country")
}
# Thunderbird's birthday in three columns.
_BIRTH_PARTS = {
    normalise_header(h): label
    for h, label in (
        ("Birth Year", "Birthday"),
        ("Birth Month", "Birthday"),
        ("Birth Day", "Birthday"),
        ("出生年份", "生日"),
        ("出生月份", "生日"),
        ("出生日", "生日"),
    )
}


def _join_address_parts(columns: list[Column]) -> None:
    previous: Column | None = None
    run = 0  # columns in the current address so far
    for col in columns:
        if col.field != "notes" or not col.note_label:
            previous, run = None, 0
            continue
        key = normalise_header(col.header)
        label = ""
        if m := _EN_ADDRESS_RE.match(key):
            label = f"{m.group(1).capitalize()} Address"
        elif m := _ZH_ADDRESS_RE.match(key):
            label = m.group(1)
        elif key in _FOLLOWING_PARTS and previous is not None and run >= 2:
            # Generic "城市" after "家庭地址", "家庭地址 2" (Thunderbird zh-CN); after a
            # single address column the zip may mean anything: its own line then.
            label = previous.note_label
        if label:
            run = run + 1 if previous is not None and previous.note_label == label else 1
            col.note_label, col.note_joined = label, ", "
        elif key in _BIRTH_PARTS:
            col.note_label, col.note_joined, run = _BIRTH_PARTS[key], "-", 0
        else:
            run = 0
        previous = col
