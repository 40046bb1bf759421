"""Message identity across servers: a hash of a few stable header fields.

A message is probably the same on both sides when Message-ID, Date, From and Subject
match. Values are compared as raw bytes after unfolding and collapsing white space, and
with every 8-bit byte read as `X` (Cyrus stores raw 8-bit header bytes as `X`), so no
decoding guess and no such server can make two differ. The size is not part of it: a
server that adds CRLF changes the size. A fingerprint is a hint, never proof: two
different messages may share all four fields (mailmover.engine.identity decides those).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Protocol


class _HasFingerprint(Protocol):
    @property
    def fp(self) -> bytes: ...

FIELDS = ("MESSAGE-ID", "DATE", "FROM", "SUBJECT")
FETCH_ITEM = b"BODY.PEEK[HEADER.FIELDS (" + b" ".join(f.encode() for f in FIELDS) + b")]"
_WS = re.compile(rb"[ \t\r\n]+")
_EIGHT_BIT = re.compile(rb"[\x80-\xff]")


def parse_fields(raw: bytes) -> dict[str, bytes]:
    """Header block -> {lower-case name: value}, unfolded; repeated fields joined."""
    fields: dict[str, list[bytes]] = {}
    current: str | None = None
    for line in re.split(rb"\r\n|\n|\r", raw):
        if not line.strip():
            continue
        if line[:1] in (b" ", b"\t") and current is not None:
            fields[current][-1] += b" " + line.strip()
            continue
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        current = name.strip().decode("ascii", "replace").lower()
        fields.setdefault(current, []).append(value.strip())
    return {k: _WS.sub(b" ", b"\n".join(v)).strip() for k, v in fields.items()}


def fingerprint(header_fields: bytes, size: int = 0) -> bytes:
    """`size` is accepted for older callers and ignored (see the module note)."""
    fields = parse_fields(header_fields)
    parts = [_EIGHT_BIT.sub(b"X", fields.get(name.lower(), b"")) for name in FIELDS]
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()


_HEADER_END = re.compile(rb"\r?\n\r?\n")
# The four fields' lines (and their continuations) of a whole header: picking them out
# costs a tenth of parsing every field (this runs once per message copied).
_FIELD_LINES = re.compile(
    rb"^(?:message-id|date|from|subject)[ \t]*:.*(?:\r?\n[ \t].*)*", re.I | re.M
)


def same_message(e: _HasFingerprint, raw: bytes) -> bool:
    """Whether a fetched message carries the headers its scan saw (same fingerprint)."""
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        found = _HEADER_END.search(raw)  # bare LF: rarer, and a regex is slower
        end = found.start() if found else len(raw)
    header = raw[:end]
    return fingerprint(b"\n".join(_FIELD_LINES.findall(header))) == e.fp


def header_item(response: Mapping[bytes, object]) -> bytes:
    """Find the HEADER.FIELDS literal in a FETCH response (servers echo the key)."""
    for key, value in response.items():
        if isinstance(key, bytes) and key.startswith(b"BODY[HEADER.FIELDS"):
            return value if isinstance(value, bytes) else b""
    return b""
