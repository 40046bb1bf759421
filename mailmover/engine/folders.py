"""Folder listing with roles, and the source -> destination mapping the user reviews."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any

from mailmover.engine import errors
from mailmover.engine.imap import ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.faults import FolderFault
from mailmover.engine.imap.namespace import Namespace, personal_namespace

log = logging.getLogger(__name__)

INBOX, SENT, DRAFTS, TRASH, JUNK, ARCHIVE, ALL, FLAGGED, IMPORTANT = (
    "inbox",
    "sent",
    "drafts",
    "trash",
    "junk",
    "archive",
    "all",
    "flagged",
    "important",
)

# RFC 6154 SPECIAL-USE and Gmail's XLIST flags.
_FLAG_ROLES = {
    "\\INBOX": INBOX,
    "\\SENT": SENT,
    "\\DRAFTS": DRAFTS,
    "\\TRASH": TRASH,
    "\\JUNK": JUNK,
    "\\SPAM": JUNK,
    "\\ARCHIVE": ARCHIVE,
    "\\ALL": ALL,
    "\\ALLMAIL": ALL,
    "\\FLAGGED": FLAGGED,
    "\\STARRED": FLAGGED,
    "\\IMPORTANT": IMPORTANT,
}

# Known names when a server gives no flags (Coremail, Exmail/QQ, Gmail, Outlook, others).
KNOWN_NAMES: dict[str, tuple[str, ...]] = {
    SENT: (
        "已发送",
        "Sent Messages",
        "Sent",
        "Sent Items",
        "Sent Mail",
        "[Gmail]/Sent Mail",
        "已发送邮件",
        "已发邮件",
        "INBOX/Sent",
        "INBOX.Sent",
    ),
    DRAFTS: ("草稿箱", "Drafts", "草稿", "[Gmail]/Drafts", "INBOX/Drafts", "INBOX.Drafts"),
    TRASH: (
        "已删除",
        "Deleted Messages",
        "Trash",
        "Deleted Items",
        "[Gmail]/Trash",
        "已删除邮件",
        "INBOX/Trash",
        "INBOX.Trash",
    ),
    JUNK: (
        "垃圾邮件",
        "Junk",
        "Spam",
        "Junk E-mail",
        "Junk Email",
        "[Gmail]/Spam",
        "INBOX/Junk",
        "INBOX.Junk",
    ),
    ARCHIVE: ("Archive", "归档", "Archives"),
    ALL: ("[Gmail]/All Mail",),
    FLAGGED: ("[Gmail]/Starred",),
    IMPORTANT: ("[Gmail]/Important",),
}

# Created under these names when the destination has no folder of that role.
DEFAULT_NAMES = {SENT: "Sent", DRAFTS: "Drafts", TRASH: "Trash", JUNK: "Junk", ARCHIVE: "Archive"}

# Parents under which some servers keep user folders (Exmail/QQ: 其他文件夹, \Noselect).
USER_FOLDER_PARENTS = ("其他文件夹", "Other Folders", "我的文件夹")

# Not moved by default, with the reason shown to the user.
QUARANTINE_NAMES = ("病毒文件夹", "Virus", "Quarantine")
VIRTUAL_ROLES = (ALL, FLAGGED, IMPORTANT)  # Gmail labels: copying them would duplicate


@dataclass(frozen=True)
class Folder:
    name: str  # full path, decoded (modified UTF-7 handled by imapclient)
    delimiter: str | None
    flags: tuple[str, ...] = ()
    role: str | None = None

    @property
    def selectable(self) -> bool:
        return not any(f.upper() in ("\\NOSELECT", "\\NONEXISTENT") for f in self.flags)


@dataclass
class FolderMapping:
    source: str
    target: str
    role: str | None = None
    include: bool = True
    reason: str = ""  # why excluded by default: "quarantine", "virtual", "spam", "user"
    messages: int | None = None
    size: int | None = None
    # Gmail's All Mail: only the messages in none of these (label) folders are moved,
    # the archived ones; the others arrive through their label folders (gmail.py).
    unlabelled_only: list[str] = field(default_factory=list)
    # Why the destination differs from the natural one, for the plan: "gmail_no_trash"
    # (Gmail deletes mail in Trash/Spam after 30 days), "gmail_renamed" (its name rules).
    note: str = ""
    # Gmail's All Mail: labels its messages carry that IMAP does not show (hidden in
    # Gmail's settings): their mail with no shown label is moved into Archive.
    hidden_labels: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FolderMapping:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


class FolderNames(set[str]):
    """A server's folder names, plus those it has subscribed (ensure_folder keeps both)."""

    def __init__(self, names: set[str], subscribed: set[str] | None = None) -> None:
        super().__init__(names)
        self.subscribed: set[str] = set(subscribed or ())
        # The run's destination folders: a parent among them is created before its
        # children (a real folder, not a placeholder; on mbox, a folder of mail).
        self.planned: set[str] = set()

    def missing_parents(self, name: str, delimiter: str) -> list[str]:
        """The parents of `name` that are folders of the run and not made yet, outermost
        first: they are created before `name` (the others stay the server's
        placeholders)."""
        parts = name.split(delimiter)
        parents = (delimiter.join(parts[:i]) for i in range(1, len(parts)))
        return [p for p in parents if p in self.planned and p not in self]


@dataclass
class Listing:
    folders: list[Folder] = field(default_factory=list)
    delimiter: str = "/"
    # The personal namespace: user folders live under its prefix (Cyrus, Courier: INBOX.).
    namespace: Namespace = field(default_factory=Namespace)
    subscribed: frozenset[str] = frozenset()
    # Gmail's model (labels as folders, All Mail holding every message): X-GM-EXT-1 or
    # a \All folder among the SPECIAL-USE ones.
    gmail: bool = False

    def by_role(self, role: str) -> Folder | None:
        for f in self.folders:
            if f.role == role and f.selectable:
                return f
        return None

    def names(self) -> FolderNames:
        return FolderNames({f.name for f in self.folders}, set(self.subscribed))

    def relative(self, name: str) -> str:
        """A folder's name relative to the personal namespace (`INBOX.` stripped)."""
        return self.namespace.relative(name)


def _decode_flags(flags: tuple[bytes | str, ...]) -> tuple[str, ...]:
    return tuple(f.decode("ascii", "replace") if isinstance(f, bytes) else f for f in flags)


def _role(
    name: str,
    flags: tuple[str, ...],
    delimiter: str | None,
    ns: Namespace | None = None,
    *,
    by_name: bool = True,
) -> str | None:
    if name.upper() == "INBOX":
        return INBOX
    for flag in flags:
        role = _FLAG_ROLES.get(flag.upper())
        if role:
            return role
    if not by_name:
        return None
    # Provider names count inside the personal namespace too (Courier's INBOX.Sent).
    relative = ns.relative(name) if ns is not None else name
    for candidate in (name, relative):
        normalized = candidate if delimiter in (None, "/") else candidate.replace(delimiter, "/")
        for role, names in KNOWN_NAMES.items():
            if normalized in names or candidate in names:
                return role
    return None


def list_folders(conn: ImapConnection) -> Listing:
    """List every folder with its role (SPECIAL-USE, else XLIST, else known names)."""
    raw = ops.list_folders(conn)
    delimiters = [r.delimiter for r in raw if r.delimiter]
    ns = personal_namespace(conn, delimiters[0] if delimiters else None)
    gmail = conn.has("X-GM-EXT-1") or any(
        f.upper() == "\\ALL" for r in raw for f in _decode_flags(r.flags)
    )
    folders: list[Folder] = []
    for row in raw:
        name, delim = row.name, row.delimiter
        flags = _decode_flags(row.flags)
        # Gmail localizes its role folders ([Google Mail]/Gesendet, Bin) and marks them
        # all: a user label called "Sent" or "Archive" is a label, not a role.
        role = _role(name, flags, delim, ns, by_name=not gmail)
        if role == INBOX:
            name = "INBOX" if name.upper() == "INBOX" else name
        folders.append(Folder(name=name, delimiter=delim, flags=flags, role=role))
    # Roles are unique: the first flagged folder wins, later ones lose the role.
    seen: set[str] = set()
    unique: list[Folder] = []
    for f in sorted(folders, key=lambda f: (f.role is None, not f.flags, f.name)):
        if f.role and f.role in seen:
            f = Folder(f.name, f.delimiter, f.flags, None)
        if f.role:
            seen.add(f.role)
        unique.append(f)
    unique.sort(key=lambda f: (f.name.upper() != "INBOX", f.name))
    return Listing(
        unique,
        ns.delimiter or (delimiters[0] if delimiters else "/"),
        ns,
        frozenset(ops.subscribed(conn)),
        gmail,
    )


def fallback_parent(target: Listing, path: str) -> str | None:
    """Where to put `path` when the server refuses to create it at the top level: under
    the server's own parent for user folders (Exmail's 其他文件夹), if it has one."""
    names = {f.name: f for f in target.folders}
    for parent in USER_FOLDER_PARENTS:
        if parent in names and not path.startswith(parent + target.delimiter):
            return parent + target.delimiter + path
    return None


def beside_mail_parent(
    path: str, delimiter: str, existing: Collection[str], refusal: errors.MailMoverError
) -> str | None:
    """Where to put `path` when the server cannot create it inside a folder that holds
    mail (mbox storage: a folder is a file of mail or a directory of folders, `[CANNOT]`):
    beside the deepest existing ancestor, named after both ("课题组/2019" → "课题组 - 2019").
    None when the refusal is another or no ancestor exists."""
    detail = str(refusal.params.get("detail", "")).upper()
    if "[CANNOT]" not in detail and "INFERIOR" not in detail:
        return None
    parts = path.split(delimiter)
    for k in range(len(parts) - 1, 0, -1):
        if delimiter.join(parts[:k]) in existing:
            return delimiter.join(parts[: k - 1] + [" - ".join(parts[k - 1 :])])
    return None


def _translate_path(name: str, src_delim: str | None, dst_delim: str) -> str:
    parts = name.split(src_delim) if src_delim else [name]
    # A destination separator inside a name would create an unwanted level.
    safe = [p.replace(dst_delim, "_") for p in parts]
    return dst_delim.join(safe)


def plan_mapping(
    source: Listing,
    target: Listing,
    *,
    overrides: dict[str, str] | None = None,
    target_parent: str | None = None,
) -> list[FolderMapping]:
    """Map each selectable source folder to a destination path (reviewable, editable)."""
    overrides = overrides or {}
    mappings: list[FolderMapping] = []
    for folder in source.folders:
        if not folder.selectable:
            continue
        include, reason = True, ""
        leaf = folder.name.split(folder.delimiter)[-1] if folder.delimiter else folder.name
        if leaf in QUARANTINE_NAMES:
            include, reason = False, "quarantine"
        elif folder.role in VIRTUAL_ROLES:
            include, reason = False, "virtual"
        if folder.name in overrides:
            dest = overrides[folder.name]
        elif folder.role == INBOX:
            dest = "INBOX"
        elif folder.role and folder.role in DEFAULT_NAMES:
            existing = target.by_role(folder.role)
            dest = (
                existing.name if existing else target.namespace.absolute(DEFAULT_NAMES[folder.role])
            )
        else:
            # Relative to each side's personal namespace: Courier's `INBOX.项目.2019` is
            # `项目/2019` on Dovecot, and the other way round.
            relative = source.relative(folder.name)
            dest = _translate_path(relative, folder.delimiter, target.delimiter)
            if target_parent:
                dest = target_parent + target.delimiter + dest
            dest = target.namespace.absolute(dest)
            if not target_parent and dest not in target.names():
                # An earlier run had to put it under the server's user-folder parent.
                moved = fallback_parent(target, dest)
                if moved and moved in target.names():
                    dest = moved
        mappings.append(FolderMapping(folder.name, dest, folder.role, include, reason))
    return mappings


def ensure_folder(conn: ImapConnection, name: str, delimiter: str, existing: set[str]) -> None:
    """Create `name` on the destination, and subscribe what the move writes into: mail
    programs show only subscribed folders by default.

    The folder itself first: servers make its missing parents as placeholders
    (`\\Noselect`), as they were in the old mailbox (a parent that is a folder of its own
    has a mapping of its own). Only a server that wants them created first gets its
    parents one by one, unsubscribed."""
    if name.upper() == "INBOX":
        return
    if name in existing:
        _subscribe(conn, name, existing)
        return
    parts = name.split(delimiter)
    if isinstance(existing, FolderNames):
        for parent in existing.missing_parents(name, delimiter):
            ensure_folder(conn, parent, delimiter, existing)
    if len(parts) > 1 and (ops.create(conn, name) is None or ops.exists(conn, name)):
        existing.add(name)
        _subscribe(conn, name, existing)
        return
    for i in range(1, len(parts) + 1):
        path = delimiter.join(parts[:i])
        if path in existing or path.upper() == "INBOX":
            continue  # INBOX is the parent of Courier's and Cyrus's user folders
        text = ops.create(conn, path)
        # Another connection may have created it; confirm before giving up.
        if text is not None and not ops.exists(conn, path):
            if i < len(parts):
                continue  # some servers create parents implicitly
            raise FolderFault(errors.FOLDER_CREATE_FAILED, folder=path, detail=text)
        existing.add(path)
        if i == len(parts):
            _subscribe(conn, path, existing)


def _subscribe(conn: ImapConnection, name: str, existing: set[str]) -> None:
    known = existing.subscribed if isinstance(existing, FolderNames) else None
    if known is not None and name in known:
        return
    # Not being able to subscribe never stops a move: the mail is there either way.
    if ops.subscribe(conn, name) and known is not None:
        known.add(name)
