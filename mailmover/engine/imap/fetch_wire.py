"""FETCH with a parser of our own: the answer's values are read by regular expressions,
a literal is taken as imaplib read it (never scanned, never copied).

imapclient's parser lexes every answer a byte at a time in Python; on a near server it
was the largest CPU cost of a copy (issue 28: a third of the fetchers' CPU). This one
returns what `IMAPClient.fetch` returns for the items mailmover asks for (UID, FLAGS,
INTERNALDATE, RFC822.SIZE, BODY[...] sections): a dict per message id of upper-case item
names, integers for numbers, None for NIL, bytes for strings and literals, tuples for
lists, datetimes for INTERNALDATE, plus b"SEQ". An answer it cannot read raises
imapclient's ProtocolError, which the boundary classifies as it did (bad server data).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from imapclient import IMAPClient
from imapclient.datetime_util import parse_to_datetime
from imapclient.exceptions import ProtocolError
from imapclient.imapclient import join_message_ids, seq_to_parenstr_upper

__all__ = ["fetch", "parse"]

# int | bytes | None | datetime | tuple: Any, as imapclient's answers are to the callers.
Value = Any

# One token after optional spaces: "(", ")", a quoted string, or an atom (which may hold
# a bracketed section with spaces and parentheses: BODY[HEADER.FIELDS (DATE FROM)]<0>).
_TOKEN = re.compile(
    rb'[ ]*(?:(\()|(\))|"((?:[^"\\\r\n]|\\[\\"])*)"|((?:[^\s()"\[\]{}]|\[[^\]\r\n]*\])+))'
)
_SPACES = re.compile(rb"[ ]*")
_LITERAL_END = re.compile(rb"\{(\d+)\}$")
_ESCAPE = re.compile(rb"\\([\\\"])")


def fetch(
    client: IMAPClient, ids: Sequence[int], items: Sequence[bytes], *, uid: bool = True
) -> dict[int, dict[bytes, Value]]:
    """`[UID] FETCH ids (items)` on imapclient's connection, as `IMAPClient.fetch` does
    it (its checks, its errors), answered for the ids asked for only."""
    if not ids:
        return {}
    if not isinstance(client, IMAPClient):
        # A stand-in of the fault-injection tests (no wire): asked the way imapclient is.
        got: dict[int, dict[bytes, Value]] = client.fetch(list(ids), list(items))
        return got
    imap = client._imap
    args = ["FETCH", join_message_ids(list(ids)), seq_to_parenstr_upper(list(items))]
    if uid:
        args.insert(0, "UID")
    tag = imap._command(*args)
    typ, data = imap._command_complete("FETCH", tag)
    client._checkok("fetch", typ, data)
    typ, data = imap._untagged_response(typ, data, "FETCH")
    parsed = parse(data, normalise_times=bool(client.normalise_times), uid_is_key=uid)
    return {i: parsed[i] for i in ids if i in parsed}


def parse(
    data: Sequence[object], *, normalise_times: bool = False, uid_is_key: bool = True
) -> dict[int, dict[bytes, Value]]:
    """imaplib's untagged FETCH data (lines, and (line, literal) pairs) -> per message."""
    if list(data) == [None]:
        return {}
    values = _values(data)
    if len(values) % 2:
        raise ProtocolError("unexpected end of a FETCH answer")
    out: dict[int, dict[bytes, Value]] = {}
    for i in range(0, len(values), 2):
        seq, attrs = values[i], values[i + 1]
        if not isinstance(seq, int):
            raise ProtocolError(f"invalid message ID: {seq!r}"[:200])
        if not isinstance(attrs, tuple):
            raise ProtocolError(f"bad response type: {attrs!r}"[:200])
        if len(attrs) % 2:
            raise ProtocolError("uneven number of response items")
        msg: dict[bytes, Value] = {b"SEQ": seq}
        key = seq
        for j in range(0, len(attrs), 2):
            name, value = attrs[j], attrs[j + 1]
            if not isinstance(name, bytes):
                raise ProtocolError(f"bad item name: {name!r}"[:200])
            word = name.upper()
            if word == b"UID":
                if not isinstance(value, int):
                    raise ProtocolError(f"invalid UID: {value!r}"[:200])
                if uid_is_key:
                    key = value
                else:
                    msg[word] = value
            elif word == b"INTERNALDATE":
                msg[word] = _date(value, normalise_times)
            else:
                msg[word] = value
        out.setdefault(key, {}).update(msg)
    return out


def _date(value: object, normalise: bool) -> datetime | None:
    if not isinstance(value, bytes):
        return None
    try:
        when: datetime = parse_to_datetime(value, normalise=normalise)
    except (ValueError, OverflowError, IndexError):
        return None
    return when


def _values(data: Sequence[object]) -> list[object]:
    """The answer as one stream of values: numbers, NIL, strings, literals, lists."""
    top: list[object] = []
    stack: list[list[object]] = []
    cur = top
    for element in data:
        literal: bytes | None = None
        if isinstance(element, tuple):
            if len(element) != 2 or not all(isinstance(x, bytes) for x in element):
                raise ProtocolError("bad literal in a FETCH answer")
            text, literal = element
            m = _LITERAL_END.search(text)
            if m is None or int(m.group(1)) != len(literal):
                raise ProtocolError("literal without its announcement")
            text = text[: m.start()]
        elif isinstance(element, bytes):
            text = element
        else:
            raise ProtocolError(f"bad FETCH answer: {element!r}"[:200])
        pos, end = 0, len(text)
        while True:
            m = _TOKEN.match(text, pos)
            if m is None:
                break
            pos = m.end()
            opened, closed, quoted, atom = m.groups()
            if opened:
                stack.append(cur)
                cur = []
            elif closed:
                if not stack:
                    raise ProtocolError("unbalanced ')' in a FETCH answer")
                done = tuple(cur)
                cur = stack.pop()
                cur.append(done)
            elif quoted is not None:
                cur.append(_ESCAPE.sub(rb"\1", quoted) if b"\\" in quoted else quoted)
            elif atom == b"NIL":
                cur.append(None)
            elif atom.isdigit() and len(atom) <= 20:
                cur.append(int(atom))
            else:
                cur.append(atom)
        if _SPACES.match(text, pos).end() != end:  # type: ignore[union-attr]
            raise ProtocolError(f"unreadable FETCH answer near {text[pos : pos + 40]!r}")
        if literal is not None:
            cur.append(literal)
    if stack:
        raise ProtocolError("unclosed '(' in a FETCH answer")
    return top
