"""Folders in words: why one is left out, and the everyday names of role folders."""

from __future__ import annotations

from mailmover import textsafe
from mailmover.gui.i18n import QT_TRANSLATE_NOOP

from .templates import translated

_FOLDER_NOTES: dict[str, str] = {
    "quarantine": QT_TRANSLATE_NOOP("Messages", "Virus quarantine: not moved unless you tick it"),
    "virtual": QT_TRANSLATE_NOOP(
        "Messages", "A view of other folders: moving it would double mail"
    ),
    "spam": QT_TRANSLATE_NOOP("Messages", "Gmail's spam: not moved unless you tick it"),
    "user": QT_TRANSLATE_NOOP("Messages", "Left out by your choice"),
}

_ROLES: dict[str, str] = {
    "inbox": QT_TRANSLATE_NOOP("Messages", "Inbox"),
    "sent": QT_TRANSLATE_NOOP("Messages", "Sent"),
    "drafts": QT_TRANSLATE_NOOP("Messages", "Drafts"),
    "trash": QT_TRANSLATE_NOOP("Messages", "Deleted"),
    "junk": QT_TRANSLATE_NOOP("Messages", "Junk"),
    "archive": QT_TRANSLATE_NOOP("Messages", "Archive"),
}


def folder_note(reason: str) -> str:
    template = _FOLDER_NOTES.get(reason)
    return translated(template) if template else ""


def role_name(role: str | None) -> str:
    template = _ROLES.get(role or "")
    return translated(template) if template else ""


def folder_label(name: str, role: str | None = None) -> str:
    """What people call a folder: "Inbox"/"收件箱" for INBOX, the role's everyday name for
    Sent/Drafts/Deleted/Junk, else its path as the server has it, with control, bidi and
    zero-width characters shown as \\x7f, \\u202e (Qt would draw them as nothing: `a<DEL>b`
    would look like `ab`, or reverse the text after it)."""
    if name.upper() == "INBOX":
        role = "inbox"
    return role_name(role) or textsafe.shown(name, keep_tab=False)
