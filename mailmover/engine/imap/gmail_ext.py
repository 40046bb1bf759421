"""Gmail's IMAP extension (X-GM-EXT-1): each message's X-GM-MSGID and X-GM-LABELS.

X-GM-MSGID is the same in every folder a message shows in (one per Gmail message, for
good), so it tells a message in several label folders from two messages that only look
alike; X-GM-LABELS names every label a message carries, also those hidden from IMAP.
"""

from __future__ import annotations

from dataclasses import dataclass

from imapclient import imap_utf7

from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import fetch_all, select

_ITEMS = [b"UID", b"X-GM-MSGID", b"X-GM-LABELS"]


@dataclass(frozen=True, slots=True)
class GmailMeta:
    msgid: int
    labels: tuple[str, ...]  # system labels as Gmail names them: \Inbox, \Sent, \Starred


def gmail_meta(conn: ImapConnection, folder: str) -> dict[int, GmailMeta]:
    """UID -> Gmail's identity and labels for every message of `folder` (selected
    read-only here); {} when the server has no X-GM-EXT-1. A message without a usable
    X-GM-MSGID is left out (known by its headers instead)."""
    if not conn.has("X-GM-EXT-1"):
        return {}
    sel = select(conn, folder, readonly=True)
    out: dict[int, GmailMeta] = {}
    for item in fetch_all(conn, sel.exists, _ITEMS, batch=5000):
        uid, msgid = item.get(b"UID"), item.get(b"X-GM-MSGID")
        if not isinstance(uid, int) or not isinstance(msgid, int) or msgid <= 0:
            continue
        raw = item.get(b"X-GM-LABELS") or ()
        labels = tuple(_label(x) for x in raw if isinstance(x, bytes | str | int))
        out[uid] = GmailMeta(msgid, labels)
    return out


def _label(value: bytes | str | int) -> str:
    if isinstance(value, int):
        return str(value)  # a label called "2020" comes as a number
    if isinstance(value, bytes):
        return str(imap_utf7.decode(value))
    return value
