"""A Gmail-like old mailbox on a real Dovecot: labels as folders, All Mail (`\\All`)
holding every message, archived mail only there, Spam and Trash outside it, Starred and
Important as views, and role folders under their German names (found by SPECIAL-USE
only: `[Google Mail]/Gesendet` is Sent). Each copy of a message has the same bytes,
flags and date in every folder it shows in, as Gmail serves it."""

from __future__ import annotations

import contextlib
import itertools
import re
import socket
import threading
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from imapclient import IMAPClient

from tests.support.mailbox import message

ALL_MAIL = "[Google Mail]/Alle Nachrichten"
SENT = "[Google Mail]/Gesendet"
DRAFTS = "[Google Mail]/Entwürfe"
STARRED = "[Google Mail]/Markiert"
IMPORTANT = "[Google Mail]/Wichtig"
SPAM = "[Google Mail]/Spam"
TRASH = "[Google Mail]/Papierkorb"

GMAIL_SPECIAL_USE = {
    ALL_MAIL: "\\All",
    SENT: "\\Sent",
    DRAFTS: "\\Drafts",
    STARRED: "\\Flagged",
    IMPORTANT: "\\Important",
    SPAM: "\\Junk",
    TRASH: "\\Trash",
}

# A destination with its own role folders (the Archive role under another name).
TARGET_SPECIAL_USE = {
    "Archiv": "\\Archive",
    "Sent": "\\Sent",
    "Drafts": "\\Drafts",
    "Trash": "\\Trash",
    "Junk": "\\Junk",
}

_UTC8 = timezone(timedelta(hours=8))
_SYSTEM_LABELS = {"INBOX": "\\Inbox", SENT: "\\Sent", DRAFTS: "\\Draft"}


class GmailBox:
    """What was put where: `labels[folder]` are the messages a label folder shows,
    `archived` those only in All Mail (a list: genuine duplicates count)."""

    def __init__(self) -> None:
        self.labels: dict[str, list[tuple[bytes, tuple[bytes, ...], datetime]]] = {}
        self.archived: list[tuple[bytes, tuple[bytes, ...], datetime]] = []
        self.spam: list[bytes] = []
        self.trash: list[bytes] = []


def gmail_folders(c: IMAPClient, user_labels: tuple[str, ...] = ()) -> None:
    """Gmail's own folders (a fresh Gmail account as the new mailbox), and labels."""
    for f in (*GMAIL_SPECIAL_USE, *user_labels):
        if not c.folder_exists(f):
            c.create_folder(f)


def fill_gmail(
    c: IMAPClient,
    *,
    user_labels: tuple[str, ...] = ("Work", "Work/2020"),
    body: bytes = b"",
    ids: bool = False,
    hidden: dict[int, tuple[str, ...]] | None = None,
) -> GmailBox:
    """A small account with every case: one label, two labels, archived, starred,
    archived and starred, keywords, a genuine duplicate of which one copy is archived.
    `body` makes every message larger (pacing tests); `ids` gives each message its Gmail
    identity for GmExtProxy (X-GM-MSGID, X-GM-LABELS, `hidden` labels added)."""
    gmail_folders(c, user_labels)
    box = GmailBox()
    serial = itertools.count(1)  # a Gmail message's X-GM-MSGID: one per message

    def put(i: int, labels: tuple[str, ...], flags: tuple[bytes, ...] = (), **kw: object) -> None:
        extra = b""
        if ids:
            names = [_SYSTEM_LABELS.get(x, x) for x in labels]
            names += ["\\Starred"] * (b"\\Flagged" in flags) + ["\\Important"] * (i % 3 == 0)
            names += list((hidden or {}).get(i, ()))
            extra = gm_headers(1_000_000 + next(serial), names)
        raw = message(i, body=body, extra_headers=extra, **kw)  # type: ignore[arg-type]
        when = datetime(2019, 1 + i % 12, 1 + i % 27, 8, i % 60, 0, tzinfo=_UTC8)
        c.append(ALL_MAIL, raw, flags, when)
        if b"\\Flagged" in flags:
            c.append(STARRED, raw, flags, when)
        if i % 3 == 0:
            c.append(IMPORTANT, raw, flags, when)
        for label in labels:
            c.append(label, raw, flags, when)
            box.labels.setdefault(label, []).append((raw, flags, when))
        if not labels:
            box.archived.append((raw, flags, when))

    put(1, ("INBOX",), (b"\\Seen",))
    put(2, ("INBOX",), (b"\\Flagged",))
    put(3, ("INBOX", "Work"), (b"\\Seen", b"$Forwarded"))
    put(4, ("Work",), (b"\\Seen", b"\\Answered"))
    put(5, ("Work/2020",))
    put(6, (SENT,), (b"\\Seen",))
    put(7, (DRAFTS,), (b"\\Draft",))
    put(8, ())
    put(9, (), (b"\\Seen", b"Projekt"))
    put(10, (), (b"\\Seen", b"\\Flagged"))  # archived and starred
    put(11, ("INBOX",), (b"\\Seen",))
    put(11, (), (b"\\Seen",))  # the same message twice; one copy archived
    for i, folder in ((90, SPAM), (91, TRASH)):
        raw = message(i, subject=f"Subject: {'spam' if folder == SPAM else 'deleted'} {i}".encode())
        c.append(folder, raw, (b"\\Seen",), datetime(2020, 5, 5, 5, 5, 5, tzinfo=_UTC8))
        (box.spam if folder == SPAM else box.trash).append(raw)
    return box


def expected(
    items: list[tuple[bytes, tuple[bytes, ...], datetime]],
) -> Counter[tuple[str, frozenset[bytes], str]]:
    """The snapshot (tests.support.mailbox.snapshot) a folder holding `items` gives."""
    import hashlib

    return Counter(
        (
            hashlib.sha256(raw).hexdigest(),
            frozenset(flags),
            when.astimezone(timezone.utc).isoformat(),
        )
        for raw, flags, when in items
    )


# Gmail's words when an account passes its daily IMAP limits (as migration tools
# report them), and when it ends a session.
BANDWIDTH_BYE = b"[UNAVAILABLE] Account exceeded command or bandwidth limits. (Failure)"
SESSION_EXPIRED_BYE = b"Session expired, please login again."


def target_of(label: str) -> str:
    """Where a label folder of fill_gmail lands on an `archive_server` destination."""
    return {SENT: "Sent", DRAFTS: "Drafts"}.get(label, label)


def assert_moved(d: IMAPClient, box: GmailBox) -> None:
    """The destination holds exactly the account: each label folder, Archive, Trash."""
    from tests.support.mailbox import snapshot

    assert snapshot(d, "Archiv") == expected(box.archived)
    for label, items in box.labels.items():
        assert snapshot(d, target_of(label)) == expected(items), label
    assert sum(snapshot(d, "Trash").values()) == len(box.trash)


# -- X-GM-EXT-1 in front of a real Dovecot ----------------------------------------------
# Every copy of a message carries its Gmail identity as two headers; the proxy answers
# X-GM-MSGID and X-GM-LABELS from them, as Gmail answers from its own store.
ID_HEADER, LABELS_HEADER = b"X-Test-GM-MSGID", b"X-Test-GM-Labels"
_ITEM = b"BODY.PEEK[HEADER.FIELDS (" + ID_HEADER.upper() + b" " + LABELS_HEADER.upper() + b")]"
_ANSWER = re.compile(
    rb"BODY\[HEADER\.FIELDS \(" + ID_HEADER + rb" " + LABELS_HEADER + rb"\)\] \{(\d+)\}\r\n",
    re.I,
)
_LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n$")
_FETCH = re.compile(rb"^\S+ (UID )?FETCH ", re.I)
_CAPS = re.compile(rb"^(\* CAPABILITY |\S+ OK \[CAPABILITY |\* OK \[CAPABILITY )", re.I)


def gm_headers(msgid: int, labels: Sequence[str]) -> bytes:
    """The headers that give a test message its X-GM-MSGID and X-GM-LABELS."""
    quoted = " ".join('"' + x.replace("\\", "\\\\") + '"' for x in labels)
    return ID_HEADER + b": %d\r\n" % msgid + LABELS_HEADER + b": " + quoted.encode() + b"\r\n"


class GmExtProxy:
    """Advertises X-GM-EXT-1 and serves X-GM-MSGID / X-GM-LABELS in FETCH answers."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = int(self._sock.getsockname()[1])
        self.asked = 0  # FETCH commands that asked for X-GM items
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._sock.close()
        for s in self._open:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def __enter__(self) -> GmExtProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream, timeout=30)
            server.settimeout(None)
            self._open += [client, server]
            threading.Thread(target=self._c2s, args=(client, server), daemon=True).start()
            threading.Thread(target=self._s2c, args=(server, client), daemon=True).start()

    def _c2s(self, src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError, ValueError):
            reader = src.makefile("rb")
            while line := reader.readline():
                if _FETCH.match(line) and b"X-GM-" in line.upper():
                    self.asked += 1
                    line = re.sub(rb" ?X-GM-(MSGID|LABELS)", b"", line, flags=re.I)
                    cut = line.rindex(b")")
                    line = line[:cut] + b" " + _ITEM + line[cut:]
                    line = line.replace(b"( ", b"(")
                dst.sendall(line)
                m = _LITERAL.search(line)
                if m:  # an APPEND's message: passed on as it is
                    dst.sendall(reader.read(int(m.group(1))))
        _shut(dst)

    def _s2c(self, src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError, ValueError):
            reader = src.makefile("rb")
            while line := reader.readline():
                unit = line
                while m := _LITERAL.search(line):  # a response with literals: whole
                    unit += reader.read(int(m.group(1)))
                    line = reader.readline()
                    unit += line
                if _CAPS.match(unit) and b"X-GM-EXT-1" not in unit:
                    unit = unit.replace(b"IMAP4rev1", b"IMAP4rev1 X-GM-EXT-1", 1)
                dst.sendall(_answer(unit))
        _shut(dst)


def _answer(unit: bytes) -> bytes:
    """A FETCH answer with our header item turned into X-GM-MSGID and X-GM-LABELS."""
    m = _ANSWER.search(unit)
    if m is None:
        return unit
    n = int(m.group(1))
    head = unit[m.end() : m.end() + n]
    msgid, labels = b"0", b""
    for h in head.split(b"\r\n"):
        name, _, value = h.partition(b":")
        if name.strip().lower() == ID_HEADER.lower():
            msgid = value.strip()
        elif name.strip().lower() == LABELS_HEADER.lower():
            labels = value.strip()
    return unit[: m.start()] + b"X-GM-MSGID " + msgid + b" X-GM-LABELS (" + labels + b")" + (
        unit[m.end() + n :]
    )


def _shut(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
