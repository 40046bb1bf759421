"""The personal namespace (RFC 2342): where a server keeps the user's own folders.

Dovecot, Coremail and Exmail keep them at the top level (prefix ""). Cyrus as Debian
ships it and Courier keep them under `INBOX.` with `.` as separator, and refuse a CREATE
anywhere else. Folder names are therefore compared and carried *relative* to this
prefix: `INBOX.项目.2019` on Courier is the folder `项目/2019` elsewhere, and a folder
created on Courier is `INBOX.` + its relative name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from mailmover.engine.imap import faults
from mailmover.engine.imap.connection import ImapConnection

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Namespace:
    prefix: str = ""  # e.g. "INBOX." (ends with the separator) or ""
    delimiter: str | None = "/"

    def relative(self, name: str) -> str:
        """`name` without the personal prefix; INBOX and names outside it unchanged."""
        if self.prefix and name.upper() != "INBOX" and _startswith(name, self.prefix):
            return name[len(self.prefix) :]
        return name

    def absolute(self, relative: str) -> str:
        """The server's full name for a folder given relative to the personal prefix."""
        if not self.prefix or relative.upper() == "INBOX":
            return relative
        if _startswith(relative, self.prefix):
            return relative  # already inside (a user's override, an earlier plan)
        inbox = self.prefix.rstrip(self.delimiter or "")
        if self.delimiter and _startswith(relative, inbox + self.delimiter):
            return relative  # a child of INBOX is already in INBOX's hierarchy
        return self.prefix + relative


def _startswith(name: str, prefix: str) -> bool:
    # "INBOX" is case-insensitive (RFC 3501 5.1); the rest of a prefix is not.
    if prefix[:5].upper() == "INBOX":
        return name[:5].upper() == "INBOX" and name[5:].startswith(prefix[5:])
    return name.startswith(prefix)


def personal_namespace(conn: ImapConnection, list_delimiter: str | None) -> Namespace:
    """The first personal namespace the server announces; the top level otherwise."""
    if not conn.has("NAMESPACE"):
        return Namespace("", list_delimiter)
    try:
        with conn.guard():
            ns = conn.client.namespace()
    except faults.REFUSED as exc:
        log.info("NAMESPACE failed on %s: %s", conn.account.host, exc)
        return Namespace("", list_delimiter)
    personal = ns.personal or ()
    if not personal:
        return Namespace("", list_delimiter)
    prefix, delim = personal[0]
    if isinstance(prefix, bytes):
        prefix = prefix.decode("utf-8", "replace")
    if isinstance(delim, bytes):
        delim = delim.decode("ascii", "replace")
    return Namespace(prefix or "", delim or list_delimiter)
