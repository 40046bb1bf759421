"""A digest of a message's content that survives what servers do to stored mail, fed
in pieces so a message of any size is hashed in bounded memory.

What it forgives: line ends (CRLF added, lone CR dropped), headers re-folded, runs of
blanks, 8-bit header bytes replaced (Cyrus: `X`), blank lines added at the end, and the
headers in which a mail store keeps its own state inside the message (mbox stores such
as GNU imap4d add `X-IMAPbase`, `X-UID`, `Status` to everything they hold: STATE_FIELDS).
The result does not depend on where the pieces were cut: the two sides of a check read
the same message in pieces that fall in different places.
"""

from __future__ import annotations

import hashlib
import re

_LINE_ENDS = re.compile(rb"\r\n|\r")
_FOLD = re.compile(rb"\n[ \t]+")
_SPACES = re.compile(rb"[ \t]+")
_EIGHT_BIT = re.compile(rb"[\x80-\xff]")
# A store's state, not the message's: what mbox-family stores (GNU Mailutils, UW IMAP,
# Pine, Mozilla) write into the header of each message they hold.
STATE_FIELDS = (
    "status", "x-status", "x-keywords", "x-uid", "x-imapbase", "x-imap",
    "content-length", "x-mozilla-status", "x-mozilla-status2",
)  # fmt: skip
_STATE = re.compile(
    rb"^(?:" + b"|".join(re.escape(f.encode()) for f in STATE_FIELDS) + rb")[ \t]*:.*"
    rb"(?:\n[ \t].*)*(?:\n|$)",
    re.I | re.M,
)
# A header longer than this without the blank line that ends it is cut here (counted
# in normalised bytes, so the cut is the same whatever the pieces): the rest is hashed
# as body, and a hostile message cannot make the head grow without bound.
HEAD_MAX = 1024 * 1024


class ContentHasher:
    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=16)
        self._head = bytearray()  # normalised header text until the blank line
        self._in_body = False
        self._cr = False  # the last piece ended in CR: its meaning waits for the next
        self._newlines = 0  # body line ends held back (trailing ones are not hashed)

    def update(self, piece: bytes) -> ContentHasher:
        if self._cr:
            piece = b"\r" + piece
            self._cr = False
        if piece.endswith(b"\r"):
            piece = piece[:-1]
            self._cr = True
        text = _LINE_ENDS.sub(b"\n", piece)
        if self._in_body:
            self._body(text)
            return self
        self._head += text
        end = self._head.find(b"\n\n")
        if end >= 0 and end <= HEAD_MAX:
            self._start_body(end, 2)
        elif len(self._head) > HEAD_MAX + 1:  # a blank line at HEAD_MAX is fully seen
            self._start_body(HEAD_MAX, 0)
        return self

    def digest(self) -> bytes:
        if self._cr:
            self._cr = False
            self.update(b"\n")  # a lone CR at the very end is a line end
        if not self._in_body:
            self._hash.update(_normal_head(bytes(self._head)))
            self._hash.update(b"\0")
            self._head.clear()
            self._in_body = True
        return self._hash.copy().digest()

    def _start_body(self, end: int, skip: int) -> None:
        head, rest = bytes(self._head[:end]), bytes(self._head[end + skip :])
        self._head.clear()
        self._in_body = True
        self._hash.update(_normal_head(head))
        self._hash.update(b"\0")
        self._body(rest)

    def _body(self, text: bytes) -> None:
        kept = text.rstrip(b"\n")
        if kept:
            self._hash.update(b"\n" * self._newlines)
            self._hash.update(kept)
            self._newlines = len(text) - len(kept)
        else:
            self._newlines += len(text)


def _normal_head(head: bytes) -> bytes:
    head = _FOLD.sub(b" ", _STATE.sub(b"", head))
    return _SPACES.sub(b" ", _EIGHT_BIT.sub(b"X", head)).strip()


def content_digest(raw: bytes) -> bytes:
    """The digest of a whole message at once."""
    return ContentHasher().update(raw).digest()
