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

The commands are written on imaplib's socket with imaplib's own tags and every answer is
read before returning, so the connection goes back to imapclient clean. The connection is
left with the last examined folder selected read-only, as `folder_stats` leaves it.
"""

from __future__ import annotations

import imaplib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from imapclient.imap_utf7 import decode as decode_utf7
from imapclient.response_parser import parse_fetch_response, parse_response

from mailmover.engine.connect import ImapConnection

log = logging.getLogger(__name__)

# Commands per write: small lines, so even a window of this many cannot fill the
# socket buffers while the server waits for us to read its answers.
WINDOW = 200


@dataclass
class Answer:
    """One pipelined command's tagged status and the untagged data it caused."""

    status: str  # OK / NO / BAD
    untagged: dict[str, list[Any]] = field(default_factory=dict)


def pipeline(conn: ImapConnection, commands: Sequence[bytes]) -> list[Answer]:
    """Send `commands` (without tags) back to back, one write per window, and return
    each one's answer in order. A NO or BAD answers that command only."""
    imap = conn.client._imap
    answers: list[Answer] = []
    with conn.guard():
        for start in range(0, len(commands), WINDOW):
            window = commands[start : start + WINDOW]
            tags: list[bytes] = []
            out = bytearray()
            for command in window:
                tag: bytes = imap._new_tag()
                imap.tagged_commands[tag] = None
                tags.append(tag)
                out += tag + b" " + command + b"\r\n"
            imap.send(bytes(out))
            for tag in tags:
                imap.untagged_responses = {}
                status, _ = imap._get_tagged_response(tag)
                answers.append(Answer(str(status).upper(), dict(imap.untagged_responses)))
            imap.untagged_responses = {}
    return answers


def _quoted(conn: ImapConnection, folder: str) -> bytes:
    name = conn.client._normalise_folder(folder)
    return name if isinstance(name, bytes) else str(name).encode("ascii")


def _status_pairs(data: list[Any]) -> list[tuple[str, dict[bytes, int]]]:
    """`* STATUS name (MESSAGES n ...)` answers -> (decoded name, items)."""
    out: list[tuple[str, dict[bytes, int]]] = []
    # One STATUS answer is one line, or a literal name (a tuple) and the rest of the line.
    entries: list[list[Any]] = []
    current: list[Any] = []
    for item in data:
        current.append(item)
        if not isinstance(item, tuple):
            entries.append(current)
            current = []
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
        answers = pipeline(conn, [b"STATUS " + _quoted(conn, f) + b" " + items for f in rest])
        for folder, answer in zip(rest, answers, strict=True):
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
        commands.append(b"EXAMINE " + _quoted(conn, folder))
        commands.append(b"FETCH 1:* (RFC822.SIZE)")
    answers = pipeline(conn, commands)
    out: dict[str, tuple[int, int]] = {}
    for i, folder in enumerate(names):
        examine, fetch = answers[2 * i], answers[2 * i + 1]
        if examine.status != "OK" or fetch.status != "OK":
            continue
        data = [d for d in fetch.untagged.get("FETCH", []) if d not in (b"", None)]
        try:
            parsed = parse_fetch_response(data, False, False) if data else {}
        except Exception:  # noqa: BLE001 - asked again the old way
            continue
        count = total = 0
        for item in parsed.values():
            count += 1
            total += int(item.get(b"RFC822.SIZE", 0))
        out[folder] = (count, total)
    # Leave the connection as a read-only SELECT would: imaplib tracks the state.
    imap = conn.client._imap
    last_ok = bool(answers) and answers[-2].status == "OK"
    imap.state = "SELECTED" if last_ok else "AUTH"
    if last_ok:
        imap.is_readonly = True
    return out


def statistics(conn: ImapConnection, folders: Sequence[str]) -> dict[str, tuple[int, int]]:
    """(messages, bytes) per folder in about two round trips: counts first, then sizes
    of the folders that hold mail. Folders missing from the result need the old way."""
    try:
        counts = message_counts(conn, folders, with_size=True)
    except (imaplib.IMAP4.error, ValueError) as exc:
        if isinstance(exc, imaplib.IMAP4.abort):
            raise
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
        except (imaplib.IMAP4.error, ValueError) as exc:
            if isinstance(exc, imaplib.IMAP4.abort):
                raise
            log.info("pipelined size scan failed on %s: %s", conn.account.host, exc)
    return out
