"""The contact model shared by every reader and writer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Single-valued fields of a contact (names and organisation), in display order.
SCALAR_FIELDS: tuple[str, ...] = (
    "display_name",
    "family_name",
    "given_name",
    "middle_name",
    "prefix",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
)

# Fields a CSV column can be mapped to (the names users type in --map COLUMN=FIELD).
FIELDS: tuple[str, ...] = (
    "display_name",
    "family_name",
    "given_name",
    "middle_name",
    "prefix",
    "suffix",
    "nickname",
    "email",
    "email_work",
    "email_home",
    "mobile",
    "phone",
    "phone_work",
    "phone_home",
    "fax",
    "organization",
    "department",
    "title",
    "notes",
    "groups",
    "ignore",
)

EMAIL_FIELDS: dict[str, str] = {"email": "", "email_work": "work", "email_home": "home"}
PHONE_FIELDS: dict[str, str] = {
    "phone": "",
    "mobile": "cell",
    "phone_work": "work",
    "phone_home": "home",
    "fax": "fax",
}
EMAIL_KINDS = ("", "work", "home")
PHONE_KINDS = ("", "cell", "work", "home", "fax")

# Pragmatic check: one @, no spaces, a dotted domain. Not RFC 5322; good enough to flag
# the usual damage (names typed into the e-mail column, full-width ＠, missing domain).
_EMAIL_RE = re.compile(r"^[^@\s,;<>\"()\[\]]+@[^@\s,;<>\"()\[\]]+\.[^@\s,;<>\"()\[\].]+$")
# Excel turns long numbers into 1.38001E+10, losing digits: flag instead of guessing.
# Control characters (Unicode category Cc) other than newline and tab.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MANGLED_PHONE_RE = re.compile(r"^\d(\.\d+)?E\+\d+$", re.IGNORECASE)


@dataclass(slots=True)
class Issue:
    """Something wrong with one contact; it is still written."""

    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Email:
    address: str
    kind: str = ""  # "", "work" or "home"


@dataclass(slots=True)
class Phone:
    number: str
    kind: str = ""  # "", "cell", "work", "home" or "fax"


@dataclass(slots=True)
class Contact:
    display_name: str = ""
    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    emails: list[Email] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    organization: str = ""
    department: str = ""
    title: str = ""
    notes: str = ""
    groups: list[str] = field(default_factory=list)
    # Where the contact came from (CSV line or vCard BEGIN line), for messages.
    line: int = 0
    issues: list[Issue] = field(default_factory=list)
    # Lookup tables for add_email/add_phone, so a card with 40,000 EMAIL lines is read in
    # linear time (a scan of the list per address was quadratic). Rebuilt when they no
    # longer match the lists, which callers may also change directly.
    _email_index: dict[str, Email] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _phone_index: set[tuple[str, str]] = field(
        default_factory=set, init=False, repr=False, compare=False
    )

    def composed_name(self) -> str:
        """Family and given name in the order their script expects."""
        parts = [p for p in (self.given_name, self.middle_name, self.family_name) if p]
        if not parts:
            return ""
        if self.family_name and all(_is_cjk_text(p) for p in parts):
            # Chinese order, no spaces: 张 + 三 -> 张三.
            return self.family_name + self.given_name + self.middle_name
        return " ".join(parts)

    def name(self) -> str:
        """The name a person would see; empty when the contact has none."""
        return self.display_name or self.composed_name() or self.nickname

    def formatted_name(self) -> str:
        """A never-empty label: the name, else organisation, e-mail or phone."""
        if label := self.name() or self.organization:
            return label
        if self.emails:
            return self.emails[0].address
        if self.phones:
            return self.phones[0].number
        return ""

    def is_empty(self) -> bool:
        return not (
            self.formatted_name() or self.department or self.title or self.notes or self.groups
        )

    def email_keys(self) -> list[str]:
        """Lower-cased addresses: the key duplicates are merged on."""
        return [e.address.casefold() for e in self.emails]


def _is_cjk_text(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


def clean_text(value: str) -> str:
    """Normalise line ends, drop control characters, trim."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", value).strip()


def is_valid_email(address: str) -> bool:
    if len(address) > 254 or ".." in address:
        return False
    local = address.partition("@")[0]
    if local.startswith(".") or local.endswith("."):
        return False
    return _EMAIL_RE.match(address) is not None


def add_email(contact: Contact, address: str, kind: str = "") -> None:
    """Append an address unless the contact already has it (case-insensitive)."""
    address = address.strip()
    if not address:
        return
    key = address.casefold()
    index = contact._email_index
    emails = contact.emails
    if len(index) != len(emails) or (
        emails and index.get(emails[-1].address.casefold()) is not emails[-1]
    ):
        index.clear()
        for email in contact.emails:
            index.setdefault(email.address.casefold(), email)
    existing = index.get(key)
    if existing is not None:
        if not existing.kind:
            existing.kind = kind
        return
    email = Email(address, kind)
    contact.emails.append(email)
    index[key] = email


def add_phone(contact: Contact, number: str, kind: str = "") -> None:
    number = number.strip()
    if number.startswith("'"):
        # Excel's "treat as text" marker.
        number = number[1:].strip()
    if not number:
        return
    index = contact._phone_index
    phones = contact.phones
    if len(index) != len(phones) or (
        phones and (_phone_key(phones[-1].number), phones[-1].kind) not in index
    ):
        index.clear()
        index.update((_phone_key(p.number), p.kind) for p in contact.phones)
    key = (_phone_key(number), kind)
    if key in index:
        return
    contact.phones.append(Phone(number, kind))
    index.add(key)


def add_group(contact: Contact, group: str) -> None:
    group = group.strip()
    if group and group not in contact.groups:
        contact.groups.append(group)


def _phone_key(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def validate(contact: Contact) -> list[Issue]:
    """Recompute and return the contact's issues."""
    issues: list[Issue] = []
    for email in contact.emails:
        if not is_valid_email(email.address):
            issues.append(Issue("contact.invalid_email", {"email": email.address}))
    if not contact.emails:
        issues.append(Issue("contact.no_email", {}))
    for phone in contact.phones:
        if _MANGLED_PHONE_RE.match(phone.number):
            issues.append(Issue("contact.phone_mangled", {"phone": phone.number}))
    contact.issues = issues
    return issues
