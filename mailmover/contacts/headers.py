"""What a CSV column header means: the contact field it fills, Google's numbered
columns, a guess for headers nobody listed, and which program wrote a set of headers.

The header tables live beside it (field_headers, note_headers, csv_signatures); headers
are compared as keys (header_keys.normalise_header).
"""

from __future__ import annotations

import re

from .csv_signatures import SIGNATURES
from .field_headers import FIELD_HEADERS
from .header_keys import normalise_header
from .note_headers import LABELLED_NOTE, NOTE_HEADERS

# Later tables win for a header listed twice: the notes list comes last, as it did.
SYNONYMS: dict[str, str] = {
    key: fld
    for fld, keys in {**FIELD_HEADERS, LABELLED_NOTE: NOTE_HEADERS}.items()
    for key in keys
}

# Google's numbered pairs: "E-mail 1 - Type"/"E-mail 1 - Label" give the kind of the
# address in "E-mail 1 - Value" (which may hold several, separated by " ::: ").
_SLOT_RE = re.compile(r"^(email|phone)(\d+)(type|label|value)$")


# Google's other numbered groups: "Address 1 - Formatted", "Website 1 - Value",
# "Relation 1 - Label", "Event 1 - Type", "Custom Field 1 - Value", "IM 1 - Service"...
_NUMBERED_RE = re.compile(r"^([a-z]+)(\d+)([a-z]+)$")
# Parts of a numbered group that describe the value ("Home", "Spouse"): no notes line of
# their own, the value's line shows them.
NUMBERED_LABEL_PARTS = frozenset({"type", "label", "service", "protocol"})
# Address parts that "Address N - Formatted" holds already (see mapping.py).
ADDRESS_PARTS = frozenset(
    {"street", "city", "pobox", "region", "postalcode", "country", "extendedaddress"}
)

# Fallback for headers in none of the tables: words that say the column holds a phone
# number or a detail with no field of its own. Never for headers that mention mail,
# whose column may hold the addresses themselves.
_MAIL_WORDS = ("mail", "邮件", "邮箱", "郵", "信箱")
_PHONE_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("fax", "传真"), "fax"),
    (("mobile", "cell", "手机", "移动电话"), "mobile"),
    (("pager", "寻呼", "tty", "telex", "电报", "assistant", "助理"), LABELLED_NOTE),
    (("phone", "tel", "电话"), "phone"),
)
_LABELLED_WORDS = (
    "address",
    "street",
    "city",
    "zip",
    "postal",
    "country",
    "birth",
    "anniversary",
    "web",
    "homepage",
    "url",
    "qq",
    "wechat",
    "地址",
    "街道",
    "城市",
    "邮编",
    "国家",
    "生日",
    "纪念日",
    "网页",
    "主页",
    "网站",
    "微信",
)


def match_header(header: str) -> tuple[str | None, str]:
    """Return (field, slot) for a header; field None when unknown.

    ``slot`` is non-empty only for Google's numbered columns, e.g. ("email", "1"),
    ("email_label", "1"), (LABELLED_NOTE, "address1") or ("ignore", "address1").
    """
    key = normalise_header(header)
    if not key:
        return None, ""
    if m := _SLOT_RE.match(key):
        kind, slot, part = m.groups()
        return (kind if part == "value" else f"{kind}_label"), slot
    if key in SYNONYMS:
        return SYNONYMS[key], ""
    if m := _NUMBERED_RE.match(key):
        kind, number, part = m.groups()
        if "mail" in kind:  # "E-mail 4 Address": more of Outlook's pattern
            if part in ("address", "value"):
                return "email", ""
            return ("ignore" if part in ("type", "displayname") else None), ""
        return ("ignore" if part in NUMBERED_LABEL_PARTS else LABELLED_NOTE), kind + number
    return _guess(key), ""


def _guess(key: str) -> str | None:
    if any(word in key for word in _MAIL_WORDS):
        return None
    for words, fld in _PHONE_WORDS:
        if any(word in key for word in words):
            return fld
    if any(word in key for word in _LABELLED_WORDS):
        return LABELLED_NOTE
    return None


def numbered_part(header: str) -> str:
    """ "formatted" for "Address 1 - Formatted"; "" when not a numbered group."""
    m = _NUMBERED_RE.match(normalise_header(header))
    return m.group(3) if m else ""


def detect_csv_format(headers: list[str]) -> str:
    """Name the program that most likely wrote these headers (informational only)."""
    keys = {normalise_header(h) for h in headers}
    best, best_score = "csv", 1
    for name, signature in SIGNATURES.items():
        score = len(keys.intersection(signature))
        if score > best_score:
            best, best_score = name, score
    return best
