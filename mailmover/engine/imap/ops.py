"""Small commands about folders and messages, each under the connection's guard: the
policy modules (folders, reconcile, verify, transfer, spool, logins) call these and
receive plain values or a fault, never a library answer."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mailmover.engine.imap import faults, fetch_wire, wire
from mailmover.engine.imap.append import parse_uid_set
from mailmover.engine.imap.connection import ImapConnection

log = logging.getLogger(__name__)

_APPENDUID = re.compile(rb"APPENDUID \d+ (\d+)")

NOOP_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class RawFolder:
    """One LIST answer: flags as given, the hierarchy delimiter, the decoded name."""

    flags: tuple[bytes | str, ...]
    delimiter: str | None
    name: str


@dataclass(frozen=True, slots=True)
class Meta:
    flags: tuple[bytes, ...]
    when: datetime | None


@dataclass(frozen=True, slots=True)
class Body:
    raw: bytes
    flags: tuple[bytes, ...]
    when: datetime | None


def _text(value: bytes | str) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def _rows(rows: Sequence[tuple[object, object, object]]) -> list[RawFolder]:
    out: list[RawFolder] = []
    for flags, delim, name in rows:
        if not isinstance(name, (bytes, str)):
            name = str(name)  # a folder called "2024" may come back as a number
        d = _text(delim) if isinstance(delim, (bytes, str)) and delim else None
        given = flags if isinstance(flags, tuple) else ()
        fl = tuple(f for f in given if isinstance(f, (bytes, str)))
        # Undecodable modified UTF-7: keep what we got.
        out.append(RawFolder(fl, d, _text(name)))
    return out


def list_folders(conn: ImapConnection) -> list[RawFolder]:
    """LIST "" "*"; where the server has XLIST but not SPECIAL-USE (QQ/Exmail), XLIST's
    role flags are added (LIST stays the source of truth: some servers advertise XLIST
    and answer it with nothing)."""
    with conn.guard():
        raw = _rows(list(conn.client.list_folders()))
    if conn.has("XLIST") and not conn.has("SPECIAL-USE"):
        try:
            with conn.guard():
                xflags = {f.name: f.flags for f in _rows(list(conn.client.xlist_folders()))}
        except faults.REFUSED:
            xflags = {}
        raw = [
            RawFolder(tuple(dict.fromkeys(f.flags + xflags.get(f.name, ()))), f.delimiter, f.name)
            for f in raw
        ]
    return raw


def subscribed(conn: ImapConnection) -> set[str]:
    """Subscribed folder names (LSUB); empty when the server will not say."""
    try:
        with conn.guard():
            rows = _rows(list(conn.client.list_sub_folders()))
    except faults.REFUSED as exc:
        log.info("LSUB failed on %s: %s", conn.account.host, exc)
        return set()
    return {r.name for r in rows}


def exists(conn: ImapConnection, folder: str) -> bool:
    """Is `folder` listed? A refusal to say counts as no."""
    try:
        with conn.guard(folder=folder):
            return bool(conn.client.folder_exists(folder))
    except faults.REFUSED:
        return False


def create(conn: ImapConnection, folder: str) -> str | None:
    """CREATE `folder`: None when done, else the server's words (the caller decides:
    another connection may have created it, a parent may be implicit)."""
    try:
        with conn.guard(folder=folder):
            conn.client.create_folder(folder)
    except faults.REFUSED as exc:
        return str(exc.params.get("detail", "")) or exc.code
    return None


def subscribe(conn: ImapConnection, folder: str) -> bool:
    """SUBSCRIBE; False when refused (never a reason to stop: the mail is there)."""
    try:
        with conn.guard(folder=folder):
            conn.client.subscribe_folder(folder)
    except faults.REFUSED:
        return False
    return True


def delete(conn: ImapConnection, folder: str) -> bool:
    try:
        with conn.guard(folder=folder):
            conn.client.delete_folder(folder)
    except faults.REFUSED:
        return False
    return True


def message_count(conn: ImapConnection, folder: str) -> int | None:
    """STATUS (MESSAGES); None when the server will not say."""
    try:
        with conn.guard(folder=folder):
            status = conn.client.folder_status(folder, [b"MESSAGES"])
            return int(status.get(b"MESSAGES", 0))
    except faults.REFUSED:
        return None


def store_flags(
    conn: ImapConnection, uids: Sequence[int], *, add: Sequence[bytes] = (),
    remove: Sequence[bytes] = (),
) -> None:
    """UID STORE +FLAGS / -FLAGS (silent) in the selected folder."""
    add, remove = wire.valid_flags(add), wire.valid_flags(remove)  # unquoted on the wire
    with conn.guard(folder=conn.selected, uids=uids):
        if add:
            conn.client.add_flags(list(uids), sorted(add), silent=True)
        if remove:
            conn.client.remove_flags(list(uids), sorted(remove), silent=True)


def expunge_one(conn: ImapConnection, folder: str, uid: int) -> None:
    """Delete one message for good (a scratch message of the pre-flight check)."""
    with conn.guard(folder=folder, uids=(uid,)):
        conn.client.select_folder(folder)
        conn.client.delete_messages([uid])
        conn.client.expunge()
        conn.client.close_folder()
    conn.selected = None


def _flags(item: dict[bytes, object]) -> tuple[bytes, ...]:
    flags = item.get(b"FLAGS", ())
    return tuple(f for f in flags if isinstance(f, bytes)) if isinstance(flags, tuple) else ()


def _when(item: dict[bytes, object]) -> datetime | None:
    when = item.get(b"INTERNALDATE")
    return when if isinstance(when, datetime) else None


def fetch_meta(conn: ImapConnection, uids: Sequence[int]) -> dict[int, Meta]:
    """FLAGS and INTERNALDATE of messages of the selected folder; a UID not answered
    for (expunged meanwhile) is missing from the result."""
    with conn.guard(folder=conn.selected, uids=uids):
        data = fetch_wire.fetch(conn.client, uids, [b"FLAGS", b"INTERNALDATE"])
    wanted = set(uids)
    return {u: Meta(_flags(i), _when(i)) for u, i in data.items() if u in wanted}


_BODY = [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"]


def fetch_bodies(conn: ImapConnection, uids: Sequence[int]) -> dict[int, Body]:
    """Whole messages of the selected folder with their flags and dates; a UID not
    answered for (expunged meanwhile) is missing from the result."""
    with conn.guard(folder=conn.selected, uids=uids):
        data = fetch_wire.fetch(conn.client, uids, _BODY)
    out: dict[int, Body] = {}
    for uid in uids:
        item = data.pop(uid, None)
        raw = item.get(b"BODY[]") if item is not None else None
        if item is not None and isinstance(raw, bytes):
            out[uid] = Body(raw, _flags(item), _when(item))
    return out


def still_there(conn: ImapConnection, uids: Sequence[int]) -> set[int]:
    """Which of `uids` the selected folder still holds (`UID SEARCH UID`): a message a
    FETCH did not answer for was expunged, or the server would not give it."""
    with conn.guard(folder=conn.selected, uids=uids):
        found = conn.client.search([b"UID", ",".join(str(u) for u in uids).encode()])
    return set(found) & set(uids)


@dataclass(frozen=True, slots=True)
class Range:
    """One ranged FETCH's answer: the bytes from the offset, or the whole message from
    a server that ignores ranges; `gone` when the message was expunged."""

    data: bytes = b""
    whole: bytes | None = None
    gone: bool = False


def fetch_range(conn: ImapConnection, uid: int, offset: int, length: int) -> Range:
    with conn.guard(folder=conn.selected, uids=(uid,)):
        got = fetch_wire.fetch(conn.client, [uid], [b"BODY.PEEK[]<%d.%d>" % (offset, length)])
    item = got.get(uid)
    if item is None:
        return Range(gone=True)
    data = item.get(b"BODY[]<%d>" % offset)
    whole = item.get(b"BODY[]")
    if not isinstance(data, bytes) and isinstance(whole, bytes):
        return Range(whole=whole)
    return Range(data=data if isinstance(data, bytes) else b"")  # past the end: NIL


@dataclass(frozen=True, slots=True)
class Start:
    """The first bytes of a message (a ranged FETCH) with its flags and date."""

    range: Range
    flags: tuple[bytes, ...]
    when: datetime | None


def fetch_starts(conn: ImapConnection, uids: Sequence[int], length: int) -> dict[int, Start]:
    """The first `length` bytes of each message of the selected folder, in one FETCH, so
    what a batch holds is bounded by `length` whatever sizes the server announced. A
    server that ignores the range sends whole messages; a UID not answered for (expunged
    meanwhile) is missing from the result."""
    with conn.guard(folder=conn.selected, uids=uids):
        data = fetch_wire.fetch(
            conn.client, uids, [b"BODY.PEEK[]<0.%d>" % length, b"FLAGS", b"INTERNALDATE"]
        )
    out: dict[int, Start] = {}
    for uid in uids:
        item = data.pop(uid, None)
        if item is None:
            continue
        part, whole = item.get(b"BODY[]<0>"), item.get(b"BODY[]")
        if isinstance(part, bytes):
            got = Range(data=part)
        elif isinstance(whole, bytes):
            got = Range(whole=whole)
        else:
            continue  # no body in the answer: as if not answered
        out[uid] = Start(got, _flags(item), _when(item))
    return out


def alive(conn: ImapConnection) -> bool:
    """One NOOP with a short timeout; False when the connection is gone."""
    try:
        sock = conn.client.socket()
        before = sock.gettimeout()
        sock.settimeout(min(before or NOOP_TIMEOUT, NOOP_TIMEOUT))
        try:
            with conn.guard():
                conn.client.noop()
        finally:
            sock.settimeout(before)
        return True
    except (faults.Fault, OSError, AttributeError):
        return False


def append_one(
    conn: ImapConnection,
    folder: str,
    raw: bytes,
    flags: Sequence[bytes] = (),
    when: datetime | None = None,
) -> int | None:
    """One plain APPEND (the pre-flight check's scratch message, the demo's sample
    mail): the new UID where the server says it (APPENDUID), else None. A refusal
    concerns this message."""
    with conn.guard(folder=folder, uids=(0,)):
        response = conn.client.append(folder, raw, wire.valid_flags(flags), when)
    m = _APPENDUID.search(response or b"")
    return int(m.group(1)) if m else None


def examine_count(conn: ImapConnection, folder: str) -> int:
    """EXAMINE `folder`; its EXISTS (the self-test reads INBOX this way)."""
    with conn.guard(folder=folder):
        info = conn.client.select_folder(folder, readonly=True)
        conn.selected = folder
        return int(info.get(b"EXISTS", 0))


def logout_quietly(conn: ImapConnection) -> None:
    with contextlib.suppress(Exception):
        conn.close()


_COPYUID = re.compile(rb"\[COPYUID (\d+) ([0-9:,]+) ([0-9:,]+)\]", re.I)


def copy_uids(
    conn: ImapConnection, uids: Sequence[int], target: str
) -> tuple[int | None, dict[int, int]]:
    """`UID COPY` of `uids` from the selected folder into `target` on the same server:
    (the target's UIDVALIDITY, source UID -> new UID) from COPYUID; (None, {}) when the
    server does not say (no UIDPLUS) or copied none (the UIDs are gone)."""
    with conn.guard(folder=target, uids=uids):
        said = conn.client.copy(list(uids), target)
    text = said if isinstance(said, bytes) else str(said).encode()
    m = _COPYUID.search(text)
    if not m:
        return None, {}
    try:
        old = parse_uid_set(m.group(2), limit=len(uids))
        new = parse_uid_set(m.group(3), limit=len(uids))
    except ValueError:
        return None, {}
    if len(old) != len(new):
        return None, {}
    return int(m.group(1)), dict(zip(old, new, strict=True))
