"""Read the message lists of many small folders in one write, not two round trips each.

For every folder `SELECT` (or `EXAMINE`) and `UID FETCH 1:* (UID RFC822.SIZE FLAGS
<identity headers>)` go out back to back; the server runs them in turn (RFC 3501 5.5:
a command that changes the selected mailbox is never run alongside another), so the
untagged answers between two tagged ones belong to the command they precede. Read one
folder after another, twenty small folders cost forty round trips; here they cost one.

UID FETCH, not FETCH: `1:*` names no message in an empty folder, which a sequence-number
FETCH may refuse, while a UID range is allowed to match nothing.

Only a clean answer counts: the selection OK with UIDVALIDITY and EXISTS, the FETCH OK,
and exactly the messages 1..EXISTS, each with a valid UID. Any other folder (refused,
gone, mail arriving meanwhile, an answer we cannot read) is left out of the result and
read the usual way (sides.py), so its errors and its reporting are unchanged. The
result equals what `scan.select` + `scan.scan` return.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from imapclient.response_parser import parse_response

from mailmover.engine.fingerprint import FETCH_ITEM
from mailmover.engine.imap import fetch_wire, stats, wire
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry, Selected, to_entry

log = logging.getLogger(__name__)

_FETCH = b"UID FETCH 1:* (UID RFC822.SIZE FLAGS " + FETCH_ITEM + b")"
_CODE = re.compile(rb"^\[(UIDVALIDITY|PERMANENTFLAGS) (.*?)\]", re.I)


def read_folders(
    conn: ImapConnection, folders: Sequence[str], *, readonly: bool
) -> dict[str, tuple[Selected, list[Entry]]]:
    """(selection, messages in sequence order) of each folder answered cleanly.

    The connection is left as after selecting the last folder (or with none selected
    when that selection failed), as imaplib must believe for its next command."""
    if not folders:
        return {}
    verb = b"EXAMINE " if readonly else b"SELECT "
    commands: list[bytes] = []
    for folder in folders:
        commands += [verb + wire.encode_folder(conn.client, folder), _FETCH]
    answers = stats.pipeline(conn, commands)
    ok = answers[-2].status == "OK"
    wire.selected_by_pipeline(conn.client, ok, readonly=readonly)
    conn.selected = folders[-1] if ok else None
    out: dict[str, tuple[Selected, list[Entry]]] = {}
    for i, folder in enumerate(folders):
        got = _folder(answers[2 * i], answers[2 * i + 1])
        if got is None:
            log.info("%s: %s read the usual way", conn.account.host, folder)
        else:
            out[folder] = got
    return out


def _folder(select: stats.Answer, fetch: stats.Answer) -> tuple[Selected, list[Entry]] | None:
    if select.status != "OK" or fetch.status != "OK":
        return None
    try:
        sel = _selected(select)
        if sel is None or "EXISTS" in fetch.untagged or "EXPUNGE" in fetch.untagged:
            return None  # the folder changed while it was read
        pieces = [p for entry in fetch.untagged.get("FETCH", []) for p in entry]
        data = fetch_wire.parse(pieces, uid_is_key=False) if pieces else {}
    except Exception:  # noqa: BLE001 - an answer we cannot read is read the usual way
        return None
    if sorted(data) != list(range(1, sel.exists + 1)):
        return None
    entries: list[Entry] = []
    for seq in range(1, sel.exists + 1):
        entry = to_entry(data[seq])
        if entry is None:
            return None  # scan.scan names such a server's fault: let it
        entries.append(entry)
    return sel, entries


def _selected(answer: stats.Answer) -> Selected | None:
    """UIDVALIDITY, EXISTS and PERMANENTFLAGS from a SELECT's untagged answers."""
    exists: int | None = None
    for pieces in answer.untagged.get("EXISTS", []):
        exists = int(_text(pieces).split()[0])
    uidvalidity: int | None = None
    permanent: tuple[bytes, ...] | None = None
    for pieces in answer.untagged.get("OK", []):
        m = _CODE.match(_text(pieces))
        if not m:
            continue
        if m.group(1).upper() == b"UIDVALIDITY":
            uidvalidity = int(m.group(2))
        else:
            parsed = parse_response([m.group(2)])
            flags = parsed[0] if parsed else ()
            permanent = tuple(f for f in flags if isinstance(f, bytes)) if flags else ()
    if exists is None or uidvalidity is None:
        return None
    return Selected(uidvalidity=uidvalidity, exists=exists, permanent_flags=permanent)


def _text(pieces: list[Any]) -> bytes:
    return b"".join(p[0] if isinstance(p, tuple) else p for p in pieces)
