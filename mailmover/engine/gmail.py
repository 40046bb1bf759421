"""Gmail and Google Workspace: one message, many labels (as the old and the new mailbox).

On Gmail a message lives once, in All Mail (`\\All`), and shows in one folder per label;
archiving removes only the Inbox label, so archived mail is in All Mail and nowhere
else. Copying the label folders alone would leave it behind, and copying All Mail as a
folder would double everything. So All Mail is moved too, but only the messages that
are in none of the label folders, into an Archive folder (the destination's `\\Archive`
role where it has one). Spam is left out by default; Trash is not in All Mail and goes
to the destination's Trash like any role folder. Starred and Important are views of All
Mail, never copied as folders (a starred message carries `\\Flagged` itself).

As the new mailbox (`adjust_target`): nothing goes into Gmail's Trash or Spam (Gmail
deletes mail there after 30 days): those folders go to ordinary labels, `Old Trash` and
`Old Spam`, named in the plan; a name Gmail refuses (leading, trailing or doubled spaces,
`^`) is renamed in the plan. A message several old folders hold is stored once and given
its other labels by COPY (gmail_labels.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from mailmover.engine import errors
from mailmover.engine.folders import (
    ALL,
    ARCHIVE,
    DEFAULT_NAMES,
    FLAGGED,
    IMPORTANT,
    JUNK,
    TRASH,
    FolderMapping,
    Listing,
)
from mailmover.engine.imap import faults
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.gmail_ext import gmail_meta
from mailmover.engine.imap.scan import Entry, scan, select

# Gmail as the new mailbox: where the old Trash and Spam go instead of Gmail's own.
OLD_FOLDER_NAMES = {TRASH: "Old Trash", JUNK: "Old Spam"}
_SPACES = re.compile(r" {2,}")

# Not labels: All Mail itself, the views of it, and the folders outside it.
_NOT_LABELS = (ALL, FLAGGED, IMPORTANT, JUNK, TRASH)


def label_folders(source: Listing) -> list[str]:
    """The source folders whose messages are also in All Mail (INBOX, Sent, Drafts, labels)."""
    return [f.name for f in source.folders if f.selectable and f.role not in _NOT_LABELS]


def adjust(mappings: list[FolderMapping], source: Listing, target: Listing, host: str) -> None:
    """Turn the ordinary mapping into Gmail's (in place); raises StopMove when All Mail
    is hidden from IMAP: without it archived mail cannot be seen at all."""
    if not source.gmail:
        return
    all_mail = source.by_role(ALL)
    if all_mail is None:
        raise errors.StopMove(errors.GMAIL_ALL_MAIL_HIDDEN, host=host)
    labels = label_folders(source)
    archive = target.by_role(ARCHIVE)
    for m in mappings:
        if m.source == all_mail.name:
            m.include, m.reason, m.role = True, "", ARCHIVE
            m.target = (
                archive.name if archive else target.namespace.absolute(DEFAULT_NAMES[ARCHIVE])
            )
            m.unlabelled_only = list(labels)
        elif m.role == JUNK:
            m.include, m.reason = False, "spam"  # like the quarantine folder elsewhere


def unlabelled(entries: Sequence[Entry], labelled: Iterable[Sequence[Entry]]) -> list[Entry]:
    """The All Mail messages in no label folder. A message is known by its fingerprint;
    genuine duplicates count: a fingerprint seen k times in All Mail and at most j times
    in any one label folder leaves k - j of them (the newest) as archived."""
    most: Counter[bytes] = Counter()
    for folder in labelled:
        for fp, n in Counter(e.fp for e in folder).items():
            most[fp] = max(most[fp], n)
    left: Counter[bytes] = Counter(e.fp for e in entries)
    for fp, n in most.items():
        left[fp] -= n
    keep: list[Entry] = []
    for e in reversed(entries):
        if left[e.fp] > 0:
            left[e.fp] -= 1
            keep.append(e)
    keep.reverse()
    return keep


def archived(
    conn: ImapConnection,
    m: FolderMapping,
    entries: Sequence[Entry],
    labelled: Iterable[Sequence[Entry]],
) -> list[Entry]:
    """All Mail's archived messages: by X-GM-MSGID where the server has X-GM-EXT-1 (a
    message is archived when no label folder shows its id: certain, also for messages
    that only look alike), else by fingerprint (`unlabelled`). All Mail is selected
    again at the end."""
    by_id = _archived_by_id(conn, m, entries)
    return by_id if by_id is not None else unlabelled(entries, labelled)


def _archived_by_id(
    conn: ImapConnection, m: FolderMapping, entries: Sequence[Entry]
) -> list[Entry] | None:
    if not conn.has("X-GM-EXT-1"):
        return None
    shown: set[int] = set()
    for name in m.unlabelled_only:
        try:
            shown.update(g.msgid for g in gmail_meta(conn, name).values())
        except faults.FolderFault as fault:
            if fault.code != errors.FOLDER_MISSING:
                raise
    mine = gmail_meta(conn, m.source)  # last: All Mail stays selected
    if any(e.uid not in mine for e in entries):
        return None  # an id missing: the headers decide, for all alike
    return [e for e in entries if mine[e.uid].msgid not in shown]


def read_labels(conn: ImapConnection, folders: Iterable[str]) -> list[list[Entry]]:
    """Each label folder's messages (a folder gone since the plan holds none)."""
    out: list[list[Entry]] = []
    for name in folders:
        try:
            sel = select(conn, name, readonly=True)
        except faults.FolderFault as fault:
            if fault.code == errors.FOLDER_MISSING:
                continue
            raise
        out.append(list(scan(conn, sel.exists)))
    return out


def hidden_labels(conn: ImapConnection, m: FolderMapping, source: Listing) -> list[str]:
    """The labels All Mail's messages carry that are not shown as folders (X-GM-LABELS;
    none known without X-GM-EXT-1): named in the plan."""
    shown = {f.name for f in source.folders}
    found = {
        label
        for meta in gmail_meta(conn, m.source).values()
        for label in meta.labels
        if not label.startswith("\\")  # \Inbox, \Sent, \Starred: Gmail's own
    }
    return sorted(found - shown)


def archived_stats(conn: ImapConnection, m: FolderMapping) -> tuple[int, int]:
    """(messages, bytes) of what All Mail adds: its archived messages, for the plan."""
    labelled = read_labels(conn, m.unlabelled_only)
    sel = select(conn, m.source, readonly=True)
    keep = archived(conn, m, list(scan(conn, sel.exists)), labelled)
    return len(keep), sum(e.size for e in keep)


def gmail_name(path: str, delimiter: str) -> str:
    """`path` as Gmail allows a label: no leading, trailing or doubled spaces in any
    level, no `^`."""
    parts = [_SPACES.sub(" ", p.replace("^", "_")).strip() or "_" for p in path.split(delimiter)]
    return delimiter.join(parts)


def adjust_target(mappings: list[FolderMapping], target: Listing, chosen: set[str]) -> None:
    """Gmail as the new mailbox (in place): no mail into its Trash or Spam, names it
    accepts. A destination the user chose (`chosen`) keeps its name, but never Trash/Spam."""
    if not target.gmail:
        return
    bins = {f.name: f.role for f in target.folders if f.role in (TRASH, JUNK)}
    for m in mappings:
        role = bins.get(m.target) or (m.role if m.role in (TRASH, JUNK) else None)
        if role is not None:
            m.target = target.namespace.absolute(OLD_FOLDER_NAMES[role])
            m.role, m.note = None, "gmail_no_trash"
        elif m.source not in chosen and m.target.upper() != "INBOX":
            fixed = gmail_name(m.target, target.delimiter)
            if fixed != m.target:
                m.target, m.note = fixed, "gmail_renamed"
