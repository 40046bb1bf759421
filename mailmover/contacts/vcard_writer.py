"""vCard 3.0 output through vobject (UTF-8, CRLF, N and FN always present).

vobject's own folding measures short lines in characters, not octets, so a line of 60
Chinese characters (180 bytes) leaves unfolded, past RFC 2426's 75-octet limit. We ask
vobject for unfolded lines and fold them here, by octets, only between characters.
"""

from __future__ import annotations

from typing import BinaryIO

import vobject

from .model import Contact

LINE_OCTETS = 75
_UNFOLDED = 10**9

_PHONE_TYPES: dict[str, list[str]] = {
    "cell": ["CELL", "VOICE"],
    "work": ["WORK", "VOICE"],
    "home": ["HOME", "VOICE"],
    "fax": ["FAX"],
    "": ["VOICE"],
}


def fold_line(line: str, limit: int = LINE_OCTETS) -> bytes:
    """Fold one content line to ``limit`` octets per line, never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= limit:
        return data + b"\r\n"
    out = bytearray()
    chunk = bytearray()
    room = limit
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(chunk) + len(encoded) > room:
            out += chunk + b"\r\n "
            chunk = bytearray()
            room = limit - 1  # the leading space counts
        chunk += encoded
    out += chunk + b"\r\n"
    return bytes(out)


def to_vobject(contact: Contact) -> vobject.base.Component:
    card = vobject.vCard()
    name = card.add("n")
    given = contact.given_name
    if not (contact.family_name or contact.given_name or contact.middle_name) and contact.name():
        # Some importers show N, not FN: carry the display name there too.
        given = contact.name()
    name.value = vobject.vcard.Name(
        family=contact.family_name,
        given=given,
        additional=contact.middle_name,
        prefix=contact.prefix,
        suffix=contact.suffix,
    )
    card.add("fn").value = contact.formatted_name() or "?"
    if contact.nickname:
        card.add("nickname").value = contact.nickname
    for i, email in enumerate(contact.emails):
        prop = card.add("email")
        prop.value = email.address
        types = ["INTERNET"]
        if email.kind:
            types.append(email.kind.upper())
        if i == 0 and len(contact.emails) > 1:
            types.append("PREF")
        prop.params["TYPE"] = types
    for phone in contact.phones:
        prop = card.add("tel")
        prop.value = phone.number
        prop.params["TYPE"] = list(_PHONE_TYPES.get(phone.kind, ["VOICE"]))
    if contact.organization or contact.department:
        # vobject trap: ORG must be a list, or each character becomes a unit.
        units = [contact.organization]
        if contact.department:
            units.append(contact.department)
        card.add("org").value = units
    if contact.title:
        card.add("title").value = contact.title
    if contact.notes:
        card.add("note").value = contact.notes
    if contact.groups:
        # vobject trap: CATEGORIES must be a list too.
        card.add("categories").value = list(contact.groups)
    return card


def serialize(contact: Contact) -> bytes:
    text = to_vobject(contact).serialize(lineLength=_UNFOLDED)
    lines = text.split("\r\n")
    if lines and lines[-1] == "":
        lines.pop()
    return b"".join(fold_line(line) for line in lines)


class VcardWriter:
    """Writes contacts one by one to an open binary file."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.written = 0

    def write(self, contact: Contact) -> None:
        self.fh.write(serialize(contact))
        self.written += 1
