"""Planning statistics (messages and bytes per folder) in a few round trips, not one
per folder.

1. Message counts: one `LIST "" "*" RETURN (STATUS (MESSAGES))` where the server
   advertises LIST-STATUS (RFC 5819), else one pipelined `STATUS` per folder, all sent
   in one write (STATUS=SIZE servers, RFC 8438, give the bytes in the same answer).
2. Bytes: `EXAMINE` + `FETCH 1:* (RFC822.SIZE)` for every folder holding mail, again all
   sent in one write and read in order (RFC 3501 5.5: the server runs them in turn).

The results equal `planner.folder_stats` (count and sum of RFC822.SIZE of the messages
a read-only SELECT shows). A folder any pipelined step could not answer cleanly is left
out of the result; the caller asks it the old way, one folder at a time, so refusals and
vanished folders behave exactly as before.

Like pipeline.py it speaks on imaplib's stream (`wire.transport`) with its own tags and
reads every answer it caused, so the connection goes back to imapclient clean; the
connection is left with the last examined folder selected read-only, as `folder_stats`
leaves it.
"""

from __future__ import annotations

import imaplib
import itertools
import logging
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from imapclient.imap_utf7 import decode as decode_utf7
from imapclient.response_parser import parse_response

from mailmover.engine.imap import faults, wire
from mailmover.engine.imap.connection import ImapConnection

log = logging.getLogger(__name__)

# Commands per write: small lines, so even a window of this many cannot fill the
# socket buffers while the server waits for us to read its answers.
WINDOW = 200
_TAGS = itertools.count(1)
_LITERAL_AT_END = re.compile(rb"\{(\d+)\+?\}$")
_UNTAGGED = re.compile(rb"^\* (?:(\d+) )?([A-Za-z-]+) ?(.*)$", re.S)
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)", re.I)


@dataclass
class Answer:
    """One pipelined command's tagged status and the untagged data it caused, in
    imaplib's form: per type, entries of one line or (line, literal) pieces."""

    status: str  # OK / NO / BAD
    untagged: dict[str, list[list[Any]]] = field(default_factory=dict)


def _read_untagged(imap: Any, first: bytes) -> tuple[str, list[Any]]:
    """One untagged answer (its literals read too): (TYPE, pieces for parse_response)."""
    line = first.rstrip(b"\r\n")
    m = _UNTAGGED.match(line)
    kind = m.group(2).decode("ascii", "replace").upper() if m else ""
    number = m.group(1) if m else None
    rest = m.group(3) if m else line
    if number is not None:
        rest = number + b" " + rest  # "* 3 FETCH (...)" -> "3 (...)", as imaplib keeps it
    pieces: list[Any] = []
    while True:
        lit = _LITERAL_AT_END.search(rest)
        if not lit:
            pieces.append(rest)
            return kind, pieces
        literal = imap.read(int(lit.group(1)))
        pieces.append((rest, literal))
        more = imap.readline()
        if not more:
            raise imaplib.IMAP4.abort("connection closed by the server")
        rest = more.rstrip(b"\r\n")


def pipeline(
    conn: ImapConnection, commands: Sequence[bytes], *, ordered: bool = True
) -> list[Answer]:
    """Send `commands` (without tags) back to back, one write per window, and return
    each one's answer in order. A NO or BAD answers that command only.

    `ordered=False`: commands that do not depend on each other's data (CREATE,
    SUBSCRIBE): a server may answer them in any order (RFC 3501 5.5; pymap does, and a
    proxy may answer some itself), so tags are matched as they come and untagged data
    is not kept."""
    imap = wire.transport(conn.client)
    answers: list[Answer] = []
    with conn.guard():
        for start in range(0, len(commands), WINDOW):
            window = commands[start : start + WINDOW]
            tags = [b"MS%d" % next(_TAGS) for _ in window]
            sent = time.perf_counter()
            imap.send(b"".join(t + b" " + c + b"\r\n" for t, c in zip(tags, window, strict=True)))
            if not ordered:
                answers += _any_order(imap, tags)
                continue
            for tag in tags:
                answer = Answer("")
                while not answer.status:
                    line = _next_line(imap)
                    if sent:  # the first line of the window's first answer
                        conn.note_round_trip(time.perf_counter() - sent)
                        sent = 0.0
                    if line.startswith(b"* "):
                        kind, pieces = _untagged(imap, line)
                        answer.untagged.setdefault(kind, []).append(pieces)
                    elif line.upper().startswith(tag + b" "):
                        word = line[len(tag) + 1 :].split(b" ", 1)[0]
                        answer.status = word.decode("ascii", "replace").upper().strip()
                    # Anything else (another tag) cannot come on a clean connection.
                answers.append(answer)
    return answers


def _next_line(imap: Any) -> bytes:
    """The server's next line; a closed connection or a '+' (we sent no literal) is an
    error of the connection, not of one command."""
    line: bytes = imap.readline()
    if not line:
        raise imaplib.IMAP4.abort("connection closed by the server")
    if line.startswith(b"+"):
        raise imaplib.IMAP4.abort("unexpected continuation request")
    return line


def _untagged(imap: Any, line: bytes) -> tuple[str, list[Any]]:
    kind, pieces = _read_untagged(imap, line)
    if kind == "BYE":
        raise imaplib.IMAP4.abort(line.decode("utf-8", "replace").strip())
    return kind, pieces


def _any_order(imap: Any, tags: list[bytes]) -> list[Answer]:
    got = {tag.upper(): Answer("") for tag in tags}
    waiting = set(got)
    while waiting:
        line = _next_line(imap)
        if line.startswith(b"* "):
            _untagged(imap, line)
            continue
        tag, _, rest = line.partition(b" ")
        if tag.upper() in waiting:
            waiting.discard(tag.upper())
            word = rest.split(b" ", 1)[0]
            got[tag.upper()].status = word.decode("ascii", "replace").upper().strip()
    return [got[tag.upper()] for tag in tags]


def _status_pairs(entries: list[list[Any]]) -> list[tuple[str, dict[bytes, int]]]:
    """`* STATUS name (MESSAGES n ...)` answers -> (decoded name, items)."""
    out: list[tuple[str, dict[bytes, int]]] = []
    for entry in entries:
        try:
            parsed = parse_response(entry)
        except Exception:  # noqa: BLE001 - an answer we cannot read is asked again
            continue
        if len(parsed) != 2 or not isinstance(parsed[1], tuple):
            continue
        name, items = parsed
        if isinstance(name, int):
            name = str(name)
        elif isinstance(name, bytes):
            name = decode_utf7(name)
        values = list(items)
        pairs = {
            bytes(k).upper(): int(v)
            for k, v in zip(values[::2], values[1::2], strict=False)
            if isinstance(k, bytes) and isinstance(v, int)
        }
        out.append((str(name), pairs))
    return out


def message_counts(
    conn: ImapConnection, folders: Sequence[str], *, with_size: bool = False
) -> dict[str, tuple[int, int | None]]:
    """(messages, bytes or None) per folder, in one round trip where the server allows.

    Bytes come only from a server with STATUS=SIZE and only when `with_size`. A folder
    the server did not answer for is missing from the result."""
    sized = with_size and conn.has("STATUS=SIZE")
    items = b"(MESSAGES SIZE)" if sized else b"(MESSAGES)"
    wanted = set(folders)
    found: dict[str, tuple[int, int | None]] = {}

    def take(name: str, pairs: dict[bytes, int]) -> None:
        if b"MESSAGES" in pairs and (not sized or b"SIZE" in pairs):
            found[name] = (pairs[b"MESSAGES"], pairs.get(b"SIZE") if sized else None)

    if conn.has("LIST-STATUS") and folders:
        [answer] = pipeline(conn, [b'LIST "" "*" RETURN (STATUS ' + items + b")"])
        if answer.status == "OK":
            for name, pairs in _status_pairs(answer.untagged.get("STATUS", [])):
                if name in wanted:
                    take(name, pairs)
                elif name.upper() == "INBOX" and "INBOX" in wanted:
                    take("INBOX", pairs)
    rest = [f for f in folders if f not in found]
    if rest:
        commands = [b"STATUS " + wire.encode_folder(conn.client, f) + b" " + items for f in rest]
        for folder, answer in zip(rest, pipeline(conn, commands), strict=True):
            if answer.status != "OK":
                continue
            got = _status_pairs(answer.untagged.get("STATUS", []))
            if got:
                # This command's own answer: the last STATUS it caused.
                take(folder, got[-1][1])
    return found


def folder_sizes(conn: ImapConnection, folders: Iterable[str]) -> dict[str, tuple[int, int]]:
    """(messages, bytes) of folders holding mail: EXAMINE + FETCH RFC822.SIZE for all of
    them, pipelined. A folder whose EXAMINE or FETCH was not OK is left out."""
    names = list(folders)
    commands: list[bytes] = []
    for folder in names:
        commands.append(b"EXAMINE " + wire.encode_folder(conn.client, folder))
        commands.append(b"FETCH 1:* (RFC822.SIZE)")
    answers = pipeline(conn, commands)
    out: dict[str, tuple[int, int]] = {}
    for i, folder in enumerate(names):
        examine, fetch = answers[2 * i], answers[2 * i + 1]
        if examine.status != "OK" or fetch.status != "OK":
            continue
        count = total = 0
        for pieces in fetch.untagged.get("FETCH", []):
            count += 1
            text = b" ".join(p[0] if isinstance(p, tuple) else p for p in pieces)
            m = _SIZE.search(text)
            total += int(m.group(1)) if m else 0
        out[folder] = (count, total)
    # Leave the connection as a read-only SELECT would (imaplib tracks the state).
    if answers:
        ok = answers[-2].status == "OK"
        wire.selected_by_pipeline(conn.client, ok, readonly=True)
        conn.selected = names[-1] if ok else None
    return out


def statistics(conn: ImapConnection, folders: Sequence[str]) -> dict[str, tuple[int, int]]:
    """(messages, bytes) per folder in about two round trips: counts first, then sizes
    of the folders that hold mail. Folders missing from the result need the old way."""
    try:
        counts = message_counts(conn, folders, with_size=True)
    except (faults.MessageFault, faults.FolderFault, faults.AccountFault, ValueError) as exc:
        log.info("pipelined STATUS failed on %s: %s", conn.account.host, exc)
        return {}
    out: dict[str, tuple[int, int]] = {}
    need_size: list[str] = []
    for folder, (messages, size) in counts.items():
        if messages == 0:
            out[folder] = (0, 0)
        elif size is not None:
            out[folder] = (messages, size)
        else:
            need_size.append(folder)
    if need_size:
        try:
            out.update(folder_sizes(conn, need_size))
        except (faults.MessageFault, faults.FolderFault, faults.AccountFault, ValueError) as exc:
            log.info("pipelined size scan failed on %s: %s", conn.account.host, exc)
    return out


def create_and_subscribe(
    conn: ImapConnection, paths: Sequence[str], unsubscribed: Sequence[str]
) -> tuple[list[str], list[str]]:
    """CREATE + SUBSCRIBE each of `paths` (parents first) and SUBSCRIBE each of
    `unsubscribed`, all in one write: (created, subscribed), only what was answered OK."""
    commands: list[bytes] = []
    for path in paths:
        name = wire.encode_folder(conn.client, path)
        commands += [b"CREATE " + name, b"SUBSCRIBE " + name]
    commands += [b"SUBSCRIBE " + wire.encode_folder(conn.client, t) for t in unsubscribed]
    answers = pipeline(conn, commands, ordered=False)
    created: list[str] = []
    subscribed: list[str] = []
    for i, path in enumerate(paths):
        if answers[2 * i].status == "OK":
            created.append(path)
            if answers[2 * i + 1].status == "OK":
                subscribed.append(path)
    for target, answer in zip(unsubscribed, answers[2 * len(paths) :], strict=True):
        if answer.status == "OK":
            subscribed.append(target)
    return created, subscribed
