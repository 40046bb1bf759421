"""The progress store's schema, its linear migrations, and the disk errors it reports.

MIGRATIONS[n] takes a store from version n to n + 1; a new store is created at version
1 and migrated like any other, so every store takes the same path.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from mailmover.engine import errors
from mailmover.safefiles import UnsafePath

SCHEMA_VERSION = 3

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE folders (
    source TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    role TEXT,
    include INTEGER NOT NULL DEFAULT 1,
    uidvalidity INTEGER,
    total INTEGER,
    updated REAL
);
CREATE TABLE messages (
    folder TEXT NOT NULL,
    uid INTEGER NOT NULL,
    uidvalidity INTEGER NOT NULL,
    fingerprint BLOB,
    state TEXT NOT NULL,
    size INTEGER,
    target_uid INTEGER,
    reason TEXT,
    detail TEXT,
    subject TEXT,
    date TEXT,
    saved_as TEXT,
    updated REAL NOT NULL,
    PRIMARY KEY (folder, uid)
);
CREATE INDEX messages_state ON messages (state);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started REAL NOT NULL,
    finished REAL,
    status TEXT NOT NULL,
    report TEXT
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    ts REAL NOT NULL,
    code TEXT NOT NULL,
    params TEXT
);
"""

# Linear migrations: MIGRATIONS[n] takes a store from version n to n + 1.
MIGRATIONS: dict[int, str] = {
    # v2: the destination's UIDVALIDITY of target_uid, and the flags as copied.
    1: """
ALTER TABLE messages ADD COLUMN target_uidvalidity INTEGER;
ALTER TABLE messages ADD COLUMN flags TEXT;
""",
    # v3: the content digest of what the move read and copied (digest.py): the check
    # then reads only the new mailbox for it. Older rows have none and are read.
    2: """
ALTER TABLE messages ADD COLUMN digest BLOB;
""",
}
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 3, 8, 10, 13, 14


def local_error(exc: BaseException, path: Path) -> errors.StopMove | None:
    """A full disk or an unwritable folder, told apart from a damaged file."""
    if isinstance(exc, UnsafePath):
        return errors.StopMove(errors.UNSAFE_PATH, path=exc.where, detail=exc.reason)
    if isinstance(exc, OSError):
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a planted link
            return errors.StopMove(
                errors.UNSAFE_PATH, path=str(exc.filename or path), detail="it is a symbolic link"
            )
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return errors.StopMove(errors.DISK_FULL, path=str(path))
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return errors.StopMove(errors.STATE_READ_ONLY, path=str(path), detail=exc.strerror)
        return None
    if not isinstance(exc, sqlite3.OperationalError):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _SQLITE_FULL or "disk is full" in text:
        return errors.StopMove(errors.DISK_FULL, path=str(path))
    if primary == _SQLITE_IOERR or "disk i/o error" in text:
        return errors.StopMove(errors.DISK_FULL, path=str(path))
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM) or any(
        w in text for w in ("readonly", "read-only", "unable to open", "permission")
    ):
        return errors.StopMove(errors.STATE_READ_ONLY, path=str(path), detail=str(exc))
    return None
