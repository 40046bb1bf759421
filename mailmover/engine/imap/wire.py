"""The one place that touches imaplib's and imapclient's private members.

imapclient offers no pipelining, no literal LOGIN, no unadvertised ID and its QUOTA
parser fails on Dovecot's reply; imaplib underneath does all of these. Every use of a
private name goes through this module, so an upgrade of either library is checked here
(the transcript tests in tests/unit — login, APPEND, statistics, group scan — drive
them against scripted servers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from imapclient import IMAPClient

# A flag as RFC 3501 allows it on the wire: `\Seen` or a keyword atom (no space, CTL,
# non-ASCII, ( ) { } % * " \ ]). A source server's FETCH can hand back anything (a
# literal holding `x\r\nA1 DELETE INBOX`), and flags are written unquoted into APPEND
# and STORE on the destination.
_FLAG = re.compile(rb"\\?[!#$&'+,\-./0-9:;<=>?@A-Z\[^_`a-z|~]+")


def transport(client: IMAPClient) -> Any:
    """imaplib's connection under imapclient: send/readline/read on the raw stream.
    (Typed Any: callers also set imaplib's `literal` and wrap its `read`.)"""
    return client._imap


def encode_folder(client: IMAPClient, name: str) -> bytes:
    """A folder name as imapclient would put it on the wire (modified UTF-7, quoted)."""
    encoded = client._normalise_folder(name)
    return encoded if isinstance(encoded, bytes) else str(encoded).encode("ascii")


def valid_flags(flags: Iterable[bytes]) -> list[bytes]:
    """The flags that can go on the wire as they are; any other is left out."""
    return [f for f in flags if isinstance(f, bytes) and _FLAG.fullmatch(f)]


def quote(imap: Any, text: str) -> str:
    """imaplib's quoting of an astring (backslash and double quote escaped). A quoted
    string cannot carry CR, LF or NUL (RFC 3501 9): refused, never sent as two lines."""
    if any(c in text for c in "\r\n\0"):
        raise ValueError("CR, LF or NUL cannot be sent in a quoted string")
    quoted: str = imap._quote(text)
    return quoted


def simple_command(imap: Any, name: str, *args: Any) -> tuple[str, list[Any]]:
    """Send one command and wait for its tagged answer (continuations included)."""
    typ, data = imap._simple_command(name, *args)
    return typ, list(data)


def untagged(imap: Any, typ: str, data: list[Any], name: str) -> tuple[str, list[Any]]:
    """The untagged `name` responses that came with a command's answer."""
    got_typ, got = imap._untagged_response(typ, data, name)
    return got_typ, list(got)


def selected_by_pipeline(client: IMAPClient, ok: bool, *, readonly: bool) -> None:
    """Tell imaplib what SELECT/EXAMINE commands sent on the raw stream left selected:
    the last one's folder when it was answered OK, else none (a failed SELECT deselects,
    RFC 3501 6.3.1). imaplib checks its state before every command it sends."""
    imap = client._imap
    imap.state = "SELECTED" if ok else "AUTH"
    if ok:
        imap.is_readonly = readonly
