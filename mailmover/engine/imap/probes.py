"""IMAP probes for the pre-flight check: quota, size limit, sizes, a restricted view.

Plain facts, no judgement: `mailmover.doctor` turns them into findings with fixes.
The view probe stores an old-dated message in a scratch folder inside the personal
namespace (or the provider's parent for user folders) and checks both can be seen
(Exmail's "last 30 days" setting hides older mail from mail programs).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import secrets
from dataclasses import dataclass

from mailmover.engine.folders import Listing
from mailmover.engine.imap import faults, ops, wire
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import fetch_all, select, sizes

PROBE_PREFIX = "mailmover-check-"
PROBE_DATE = dt.datetime(2016, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def parse_quota(responses: list[bytes | None]) -> tuple[int, int] | None:
    """(used, limit) in bytes from QUOTA responses; the tightest root wins."""
    best: tuple[int, int] | None = None
    for item in responses:
        if not item:
            continue
        text = item.decode("ascii", "replace") if isinstance(item, bytes) else str(item)
        m = re.search(r"\bSTORAGE\s+(\d+)\s+(\d+)", text, re.I)
        if not m:
            continue
        used, limit = int(m.group(1)) * 1024, int(m.group(2)) * 1024  # units of 1024 octets
        if best is None or limit - used < best[1] - best[0]:
            best = (used, limit)
    return best


def read_quota(conn: ImapConnection) -> tuple[int, int] | None:
    """GETQUOTAROOT INBOX through imaplib: imapclient's parser fails on Dovecot's reply."""
    imap = wire.transport(conn.client)
    try:
        with conn.guard():
            typ, data = imap.getquotaroot("INBOX")
    except faults.REFUSED:
        return None  # no QUOTA extension
    if typ != "OK" or len(data) < 2:
        return None
    return parse_quota(list(data[1]))


def append_limit(conn: ImapConnection) -> int | None:
    for cap in conn.capabilities:
        if cap.startswith("APPENDLIMIT="):
            with contextlib.suppress(ValueError):
                return int(cap.split("=", 1)[1])
    return None


@dataclass
class SizeStats:
    messages: int = 0
    size: int = 0
    largest: int = 0
    largest_folder: str = ""
    over_limit: int = 0


def size_stats(conn: ImapConnection, folder: str, limit: int | None, stats: SizeStats) -> int:
    """Add a folder's message sizes to `stats`; returns the folder's byte total."""
    total = 0
    for size in sizes(conn, folder):
        total += size
        stats.messages += 1
        if size > stats.largest:
            stats.largest, stats.largest_folder = size, folder
        if limit is not None and size > limit:
            stats.over_limit += 1
    stats.size += total
    return total


@dataclass
class ViewProbe:
    """What the view probe saw."""

    folder: str  # the scratch folder (or the first place tried, when refused)
    create_error: str = ""  # set when no scratch folder could be created
    append_error: str = ""
    folder_listed: bool = False
    visible: bool = False
    removed: bool = True

    @property
    def created(self) -> bool:
        return not self.create_error


def probe_view(conn: ImapConnection, listing: Listing, parent: str = "") -> ViewProbe:
    """Store an old-dated message in a scratch folder; is it (and the folder) visible?"""
    token = PROBE_PREFIX + secrets.token_hex(4)
    delim = listing.delimiter or "/"
    # Where the move would create folders: inside the personal namespace (Cyrus and
    # Courier: INBOX.), else under the provider's parent for user folders (Exmail).
    candidates = [listing.namespace.absolute(token)]
    if parent and parent in listing.names():
        candidates.append(parent + delim + token)
    last_error = ""
    folder = ""
    for name in candidates:
        refused = ops.create(conn, name)
        if refused is None:
            folder = name
            break
        last_error = refused
    if not folder:
        return ViewProbe(candidates[0], create_error=last_error or "refused")
    probe = ViewProbe(folder)
    uid: int | None = None
    try:
        try:
            uid = ops.append_one(conn, folder, _probe_message(token), [b"\\Seen"], PROBE_DATE)
        except faults.REFUSED as exc:
            probe.append_error = str(exc.params.get("detail", "")) or exc.code
            return probe
        probe.folder_listed = folder in {f.name for f in ops.list_folders(conn)}
        probe.visible = _visible(conn, folder, token)
    finally:
        probe.removed = _remove(conn, folder, uid)
    return probe


def _probe_message(token: str) -> bytes:
    date = PROBE_DATE.strftime("%a, %d %b %Y %H:%M:%S %z")
    return (
        f"From: mailmover <check@mailmover.invalid>\r\n"
        f"To: check@mailmover.invalid\r\n"
        f"Date: {date}\r\n"
        f"Message-ID: <{token}@mailmover.invalid>\r\n"
        f"Subject: mailmover visibility check (safe to delete)\r\n"
        f"MIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=us-ascii\r\n\r\n"
        f"mailmover stored this old-dated message to check that older mail is visible\r\n"
        f"over IMAP. It is deleted right away; if you see it, delete it.\r\n"
    ).encode("ascii")


def _visible(conn: ImapConnection, folder: str, token: str) -> bool:
    sel = select(conn, folder, readonly=True)
    marker = token.encode("ascii")
    for item in fetch_all(conn, sel.exists, [b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]):
        if marker in b"".join(v for v in item.values() if isinstance(v, bytes)):
            return True
    return False


def _remove(conn: ImapConnection, folder: str, uid: int | None) -> bool:
    with contextlib.suppress(faults.Fault):
        if uid is not None:  # empty it first: some servers refuse to delete a full folder
            ops.expunge_one(conn, folder, uid)
        ops.delete(conn, folder)
    with contextlib.suppress(faults.Fault):
        return not ops.exists(conn, folder)
    return False
