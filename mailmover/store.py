"""The progress store: one SQLite file per migration job (no passwords, no bodies).

The destination mailbox is the truth about what arrived (ARCHITECTURE.md, invariant 2);
this store is the record: per-message outcome, folder mapping and UIDVALIDITY, runs and
events. A damaged file is moved aside and a fresh one started, which loses no mail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

_SCHEMA_V1 = """
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
MIGRATIONS: dict[int, str] = {}


def job_path(directory: Path, source_key: str, target_key: str) -> Path:
    """A readable, unique file name for a source/target pair."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{source_key}__{target_key}")[:80]
    digest = hashlib.sha256(f"{source_key}\0{target_key}".encode()).hexdigest()[:10]
    return directory / f"{readable}-{digest}.sqlite"


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None
        self.db = self._open()

    # -- opening, checking, migrating -------------------------------------------
    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            db = self._connect()
            row = db.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(str(row))
            self._migrate(db)
            return db
        except sqlite3.DatabaseError:
            with contextlib.suppress(Exception):
                db.close()
            # Keep the damaged file for the help desk; the destination still knows
            # what arrived, so a fresh store loses nothing.
            aside = self.path.with_suffix(f".damaged-{int(time.time())}")
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(self.path) + suffix)
                if src.exists():
                    shutil.move(src, Path(str(aside) + suffix))
            self.recovered_from = aside
            db = self._connect()
            self._migrate(db)
            return db

    def _connect(self) -> sqlite3.Connection:
        old = os.umask(0o077)  # owner-only, including the -wal and -shm files
        try:
            db = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
        finally:
            os.umask(old)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        has_meta = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if not has_meta:
            with _transaction(db):
                for stmt in _SCHEMA_V1.split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                db.execute("INSERT INTO meta VALUES ('created', ?)", (str(time.time()),))
            return
        version = int(self._meta(db, "schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"store version {version} is newer than this program")
        if version < SCHEMA_VERSION:
            backup = self.path.with_suffix(f".v{version}.bak")
            with contextlib.closing(sqlite3.connect(backup)) as b:
                db.backup(b)
            while version < SCHEMA_VERSION:
                with _transaction(db):
                    for stmt in MIGRATIONS[version].split(";"):
                        if stmt.strip():
                            db.execute(stmt)
                    version += 1
                    db.execute(
                        "UPDATE meta SET value=? WHERE key='schema_version'", (str(version),)
                    )

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

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- folders ------------------------------------------------------------------
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

    def forget_folder(self, folder: str) -> None:
        """Drop a folder the source no longer has from the mapping (its history stays)."""
        self.db.execute("DELETE FROM folders WHERE source=?", (folder,))

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
    def record(self, folder: str, uidvalidity: int, rows: Iterable[dict[str, Any]]) -> None:
        """Record outcomes; callers record `copied` only after the destination said OK."""
        now = time.time()
        with _transaction(self.db):
            self.db.executemany(
                "INSERT OR REPLACE INTO messages (folder, uid, uidvalidity, fingerprint, state, "
                "size, target_uid, reason, detail, subject, date, saved_as, updated) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    )
                    for r in rows
                ],
            )

    def fingerprints(self, folder: str) -> set[bytes]:
        """Fingerprints of the messages recorded for a folder (to recognise a rename)."""
        cur = self.db.execute(
            "SELECT fingerprint FROM messages WHERE folder=? AND fingerprint IS NOT NULL",
            (folder,),
        )
        return {row[0] for row in cur}

    def states(self, folder: str) -> dict[int, str]:
        cur = self.db.execute("SELECT uid, state FROM messages WHERE folder=?", (folder,))
        return dict(cur.fetchall())

    def counts(self) -> dict[str, int]:
        cur = self.db.execute("SELECT state, COUNT(*) FROM messages GROUP BY state")
        return dict(cur.fetchall())

    def failures(self, folder: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT folder, uid, size, reason, detail, subject, date, saved_as "
            "FROM messages WHERE state='failed'"
        )
        args: tuple[Any, ...] = ()
        if folder is not None:
            sql += " AND folder=?"
            args = (folder,)
        keys = ("folder", "uid", "size", "reason", "detail", "subject", "date", "saved_as")
        return [
            dict(zip(keys, row, strict=True))
            for row in self.db.execute(sql + " ORDER BY folder, uid", args)
        ]

    # -- runs and events ----------------------------------------------------------
    def start_run(self) -> int:
        cur = self.db.execute(
            "INSERT INTO runs (started, status) VALUES (?, 'running')", (time.time(),)
        )
        return int(cur.lastrowid or 0)

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
