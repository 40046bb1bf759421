"""A Gmail-like old mailbox on a real Dovecot: labels as folders, All Mail (`\\All`)
holding every message, archived mail only there, Spam and Trash outside it, Starred and
Important as views, and role folders under their German names (found by SPECIAL-USE
only: `[Google Mail]/Gesendet` is Sent). Each copy of a message has the same bytes,
flags and date in every folder it shows in, as Gmail serves it."""

from __future__ import annotations

from collections import Counter
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


class GmailBox:
    """What was put where: `labels[folder]` are the messages a label folder shows,
    `archived` those only in All Mail (a list: genuine duplicates count)."""

    def __init__(self) -> None:
        self.labels: dict[str, list[tuple[bytes, tuple[bytes, ...], datetime]]] = {}
        self.archived: list[tuple[bytes, tuple[bytes, ...], datetime]] = []
        self.spam: list[bytes] = []
        self.trash: list[bytes] = []


def fill_gmail(
    c: IMAPClient,
    *,
    user_labels: tuple[str, ...] = ("Work", "Work/2020"),
    body: bytes = b"",
) -> GmailBox:
    """A small account with every case: one label, two labels, archived, starred,
    archived and starred, keywords, a genuine duplicate of which one copy is archived.
    `body` makes every message larger (pacing tests)."""
    for f in (*GMAIL_SPECIAL_USE, *user_labels):
        if not c.folder_exists(f):
            c.create_folder(f)
    box = GmailBox()

    def put(i: int, labels: tuple[str, ...], flags: tuple[bytes, ...] = (), **kw: object) -> None:
        raw = message(i, body=body, **kw)  # type: ignore[arg-type]
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
