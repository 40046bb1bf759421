"""The progress store: one SQLite file per migration job (no passwords, no bodies).

The destination mailbox is the truth about what arrived (docs/architecture.md, invariant 2);
this store is the record: per-message outcome, the destination UID of each copy and the
flags it was given (the certain half of a message's identity), folder mapping and
UIDVALIDITY, runs and events. A file SQLite's integrity check calls damaged is moved
aside (announced) and a fresh one started, which loses no mail. A full disk or a folder
that cannot be written is not damage: it raises StopMove (DISK_FULL / STATE_READ_ONLY)
and the file is left alone.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from mailmover import pathrules, safefiles
from mailmover.engine import errors
from mailmover.store_reader import accounted_in
from mailmover.store_schema import MIGRATIONS, SCHEMA_V1, SCHEMA_VERSION, local_error

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Record", "Store", "job_path", "local_error"]

@dataclass(frozen=True, slots=True)
class Record:
    """What the store remembers of one source message: the certain half of identity."""

    state: str
    target_uidvalidity: int | None = None
    target_uid: int | None = None
    flags: tuple[bytes, ...] | None = None  # as copied (None: unknown, older store)
    fp: bytes | None = None  # the source message's fingerprint when recorded

_F = TypeVar("_F", bound=Callable[..., Any])
# What a recorded row replaces; its digest only by one it is given.
_REPLACE = ", ".join(
    f"{c}=excluded.{c}" for c in (
        "uidvalidity", "fingerprint", "state", "size", "target_uid", "reason", "detail",
        "subject", "date", "saved_as", "updated", "target_uidvalidity", "flags")
) + ", digest=COALESCE(excluded.digest, messages.digest)"


def _writes(method: _F) -> _F:
    """A store method that writes: a full disk or read-only folder becomes StopMove."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        with self._writing():
            return method(self, *args, **kwargs)

    return cast(_F, wrapper)


def _busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


def _wal(db: sqlite3.Connection, wait: float = 30.0) -> None:
    """Switch to WAL, waiting for other openers. Two processes opening a new store at
    once (a second move about to be refused by the move lock) meet here, and SQLite
    answers this pragma "database is locked" at once, without its busy handler."""
    deadline = time.monotonic() + wait
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def job_path(directory: Path, source_key: str, target_key: str) -> Path:
    """A readable, unique file name for a source/target pair."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{source_key}__{target_key}")[:80]
    readable = pathrules.component(readable)  # `lpt1.x@…` would name a Windows device
    digest = hashlib.sha256(f"{source_key}\0{target_key}".encode()).hexdigest()[:10]
    return directory / f"{readable}-{digest}.sqlite"


class Store:
    busy_wait = 30.0  # seconds to wait for another program's lock on the file

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None
        self.db = self._open()

    # -- opening, checking, migrating -------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            safefiles.ensure_dir(self.path.parent)
        except OSError as exc:
            raise local_error(exc, self.path.parent) or exc from None
        db: sqlite3.Connection | None = None
        try:
            db = self._connect()
            self._check(db)
            self._migrate(db)
            return db
        except (OSError, sqlite3.DatabaseError) as exc:
            if db is not None:
                with contextlib.suppress(Exception):
                    db.close()
            local = local_error(exc, self.path.parent)
            if local is not None:
                raise local from None  # full disk, read-only folder: not damage
            if _busy(exc):
                raise errors.StopMove(errors.STORE_BUSY, path=str(self.path)) from None
            if isinstance(exc, OSError) or not self._damaged():
                raise errors.StopMove(
                    errors.STORE_CORRUPT, path=str(self.path), detail=str(exc)
                ) from None
            # Keep the damaged file for the help desk; the destination still knows
            # what arrived, so a fresh store loses nothing. Callers announce it.
            aside = self.path.with_suffix(f".damaged-{int(time.time())}")
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(self.path) + suffix)
                if src.exists():
                    shutil.move(src, Path(str(aside) + suffix))
            self.recovered_from = aside
            db = self._connect()
            self._migrate(db)
            return db

    @staticmethod
    def _check(db: sqlite3.Connection) -> None:
        row = db.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {row}")

    def _damaged(self) -> bool:
        """SQLite's own verdict, on a read-only connection (it works on a full disk): a
        file that is not a database, fails the integrity check, or comes from a newer
        program is set aside; anything else is left alone."""
        try:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as ro:
                row = ro.execute("PRAGMA integrity_check").fetchone()
                if row is None or row[0] != "ok":
                    return True
                has_meta = ro.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
                ).fetchone()
                version = self._meta(ro, "schema_version") if has_meta else None
                return version is not None and int(version) > SCHEMA_VERSION
        except sqlite3.DatabaseError as exc:
            text = str(exc).lower()
            return "not a database" in text or "malformed" in text

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Turn a full disk or a read-only folder into StopMove; the file is not damaged."""
        try:
            yield
        except (OSError, sqlite3.OperationalError) as exc:
            local = local_error(exc, self.path.parent)
            if local is None:
                raise
            raise local from None

    def _connect(self) -> sqlite3.Connection:
        # Owner-only from the first byte, without touching the process umask (other
        # threads open files meanwhile: a batch opens many stores at once). SQLite gives
        # the -wal and -shm files the database file's permissions.
        # No link followed: SQLite opens the names itself, so a planted link at the
        # database or its -wal/-shm/-journal is refused before it does.
        os.close(safefiles.open_own(self.path, os.O_RDWR))
        for suffix in ("-wal", "-shm", "-journal"):
            if os.path.islink(str(self.path) + suffix):
                raise safefiles.UnsafePath(f"{self.path}{suffix}", "it is a symbolic link")
        db = sqlite3.connect(
            self.path, timeout=self.busy_wait, isolation_level=None, check_same_thread=False
        )
        _wal(db, self.busy_wait)
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        fresh = False
        # Checked inside the write transaction: two processes opening a new store at once
        # (a second move about to be refused by the lock) must not both create it.
        with _transaction(db):
            has_meta = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
            ).fetchone()
            if not has_meta:
                fresh = True
                for stmt in SCHEMA_V1.split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
                db.execute("INSERT INTO meta VALUES ('created', ?)", (str(time.time()),))
        version = int(self._meta(db, "schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"store version {version} is newer than this program")
        if version < SCHEMA_VERSION and not fresh:
            backup = self.path.with_suffix(f".v{version}.bak")
            with contextlib.closing(sqlite3.connect(backup)) as b:
                db.backup(b)
        while version < SCHEMA_VERSION:
            with _transaction(db):
                # Read again under the write lock: another process may have migrated.
                version = int(self._meta(db, "schema_version") or 0)
                if version >= SCHEMA_VERSION:
                    break
                for stmt in MIGRATIONS[version].split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                version += 1
                db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version),))

    @staticmethod
    def _meta(db: sqlite3.Connection, key: str) -> str | None:
        row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()

    # -- job identity -------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        return self._meta(self.db, key)

    @_writes
    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- folders ------------------------------------------------------------------
    @_writes
    def save_mapping(self, rows: Iterable[dict[str, Any]]) -> None:
        with _transaction(self.db):
            for r in rows:
                self.db.execute(
                    "INSERT INTO folders (source, target, role, include, updated) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(source) DO UPDATE SET "
                    "target=excluded.target, role=excluded.role, include=excluded.include, "
                    "updated=excluded.updated",
                    (
                        r["source"],
                        r["target"],
                        r.get("role"),
                        int(r.get("include", True)),
                        time.time(),
                    ),
                )

    def load_mapping(self) -> list[dict[str, Any]]:
        cur = self.db.execute("SELECT source, target, role, include FROM folders ORDER BY rowid")
        return [{"source": s, "target": t, "role": r, "include": bool(i)} for s, t, r, i in cur]

    @_writes
    def forget_folder(self, folder: str) -> None:
        """Drop a folder the source no longer has from the mapping (its history stays)."""
        self.db.execute("DELETE FROM folders WHERE source=?", (folder,))

    @_writes
    def begin_folder(self, folder: str, uidvalidity: int, total: int) -> bool:
        """Note the folder's UIDVALIDITY; returns True if it changed (old rows dropped)."""
        row = self.db.execute(
            "SELECT uidvalidity FROM folders WHERE source=?", (folder,)
        ).fetchone()
        changed = bool(row and row[0] is not None and row[0] != uidvalidity)
        with _transaction(self.db):
            if changed:
                self.db.execute("DELETE FROM messages WHERE folder=?", (folder,))
            self.db.execute(
                "INSERT INTO folders (source, target, uidvalidity, total, updated) "
                "VALUES (?, '', ?, ?, ?) ON CONFLICT(source) DO UPDATE SET "
                "uidvalidity=excluded.uidvalidity, total=excluded.total, updated=excluded.updated",
                (folder, uidvalidity, total, time.time()),
            )
            # Rows of UIDs from an older UIDVALIDITY cannot be trusted.
            self.db.execute(
                "DELETE FROM messages WHERE folder=? AND uidvalidity<>?", (folder, uidvalidity)
            )
        return changed

    # -- messages -----------------------------------------------------------------
    @_writes
    def record(self, folder: str, uidvalidity: int, rows: Iterable[dict[str, Any]]) -> None:
        """Record outcomes; callers record `copied` only after the destination said OK."""
        now = time.time()
        with _transaction(self.db):
            # A row recorded again keeps the digest it had (content under one UID and
            # UIDVALIDITY never changes): a later run's "present" row has none to give.
            self.db.executemany(
                "INSERT INTO messages (folder, uid, uidvalidity, fingerprint, state, size, "
                "target_uid, reason, detail, subject, date, saved_as, updated, "
                "target_uidvalidity, flags, digest) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(folder, uid) DO UPDATE SET " + _REPLACE,
                [
                    (
                        folder,
                        r["uid"],
                        uidvalidity,
                        r.get("fp"),
                        r["state"],
                        r.get("size"),
                        r.get("target_uid"),
                        r.get("reason"),
                        r.get("detail"),
                        r.get("subject"),
                        r.get("date"),
                        r.get("saved_as"),
                        now,
                        r.get("target_uidvalidity"),
                        _flags_text(r.get("flags")),
                        r.get("digest"),
                    )
                    for r in rows
                ],
            )

    def digests(self, folder: str) -> dict[int, tuple[int, bytes]]:
        """Per source UID, (UIDVALIDITY, content digest) of what the move copied."""
        cur = self.db.execute(
            "SELECT uid, uidvalidity, digest FROM messages WHERE folder=? AND digest IS NOT NULL",
            (folder,),
        )
        return {uid: (uv, bytes(d)) for uid, uv, d in cur}

    def fingerprints(self, folder: str) -> set[bytes]:
        """Fingerprints of the messages recorded for a folder (to recognise a rename)."""
        cur = self.db.execute(
            "SELECT fingerprint FROM messages WHERE folder=? AND fingerprint IS NOT NULL",
            (folder,),
        )
        return {row[0] for row in cur}

    def records(self, folder: str) -> dict[int, Record]:
        """The certain half of identity: per source UID, where its copy went."""
        cur = self.db.execute(
            "SELECT uid, state, target_uidvalidity, target_uid, flags, fingerprint "
            "FROM messages WHERE folder=?",
            (folder,),
        )
        return {
            uid: Record(state, tuv, tuid, _flags_tuple(flags), fp)
            for uid, state, tuv, tuid, flags, fp in cur
        }

    @_writes
    def update_flags(self, folder: str, flags_by_uid: dict[int, tuple[bytes, ...]]) -> None:
        """After carrying a flag change: the copy's flags as they now are."""
        with _transaction(self.db):
            self.db.executemany(
                "UPDATE messages SET flags=?, updated=? WHERE folder=? AND uid=?",
                [(_flags_text(f), time.time(), folder, uid) for uid, f in flags_by_uid.items()],
            )

    def states(self, folder: str) -> dict[int, str]:
        cur = self.db.execute("SELECT uid, state FROM messages WHERE folder=?", (folder,))
        return dict(cur.fetchall())

    def accounted(self) -> dict[str, int]:
        """Per folder, messages with a recorded state (the progress bar starts there)."""
        return accounted_in(self.db)

    def counts(self) -> dict[str, int]:
        cur = self.db.execute("SELECT state, COUNT(*) FROM messages GROUP BY state")
        return dict(cur.fetchall())

    # -- runs and events ----------------------------------------------------------
    @_writes
    def start_run(self) -> int:
        cur = self.db.execute(
            "INSERT INTO runs (started, status) VALUES (?, 'running')", (time.time(),)
        )
        return int(cur.lastrowid or 0)

    @_writes
    def finish_run(self, run_id: int, status: str, report: dict[str, Any] | None) -> None:
        self.db.execute(
            "UPDATE runs SET finished=?, status=?, report=? WHERE id=?",
            (
                time.time(),
                status,
                json.dumps(report, ensure_ascii=False) if report else None,
                run_id,
            ),
        )

    def last_run(self) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT id, started, finished, status, report FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if not row:
            return None
        return {
            "id": row[0],
            "started": row[1],
            "finished": row[2],
            "status": row[3],
            "report": json.loads(row[4]) if row[4] else None,
        }

    @_writes
    def log_event(self, code: str, params: dict[str, Any] | None = None) -> None:
        self.db.execute(
            "INSERT INTO events (ts, code, params) VALUES (?, ?, ?)",
            (time.time(), code, json.dumps(params or {}, ensure_ascii=False, default=str)),
        )

    def events(self) -> Iterator[tuple[float, str, dict[str, Any]]]:
        for ts, code, params in self.db.execute("SELECT ts, code, params FROM events ORDER BY id"):
            yield ts, code, json.loads(params or "{}")


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _flags_text(flags: Iterable[bytes] | None) -> str | None:
    if flags is None:
        return None
    return " ".join(sorted(f.decode("latin-1") for f in flags))


def _flags_tuple(text: str | None) -> tuple[bytes, ...] | None:
    if text is None:
        return None
    return tuple(f.encode("latin-1") for f in text.split())
