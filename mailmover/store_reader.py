"""Read a progress store without changing it: beside a running move (verify), for the
help-desk bundle, or to list jobs. Opens SQLite read-only; never migrates or locks."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as db:
        db.row_factory = sqlite3.Row
        yield db


def removed_uids(path: Path) -> dict[str, set[int]]:
    """Per folder, the source UIDs whose copy the user removed in the new mailbox."""
    out: dict[str, set[int]] = {}
    try:
        with read_only(path) as db:
            for row in db.execute("SELECT folder, uid FROM messages WHERE state='removed'"):
                out.setdefault(row["folder"], set()).add(row["uid"])
    except sqlite3.DatabaseError:
        return {}
    return out


def accounted(path: Path) -> dict[str, int]:
    """Per folder, the messages with a recorded state (where a continued move starts);
    empty when there is no store yet or it cannot be read."""
    if not Path(path).exists():
        return {}
    try:
        with read_only(path) as db:
            return accounted_in(db)
    except sqlite3.DatabaseError:
        return {}


def accounted_in(db: sqlite3.Connection) -> dict[str, int]:
    """The same, on a store already open (the move's own, read-write)."""
    rows = db.execute("SELECT folder, COUNT(*) FROM messages GROUP BY folder")
    return {str(folder): int(n) for folder, n in rows}


def bundle_summary(path: Path) -> dict[str, Any]:
    """Runs, folder mapping, per-state counts and events (no subjects, no fingerprints)."""
    with read_only(path) as db:

        def rows(sql: str) -> list[dict[str, Any]]:
            return [dict(r) for r in db.execute(sql)]

        return {
            "meta": rows("SELECT key, value FROM meta"),
            "folders": rows(
                "SELECT source, target, role, include, uidvalidity, total FROM folders"
            ),
            "states": rows(
                "SELECT folder, state, reason, COUNT(*) AS messages, SUM(size) AS bytes "
                "FROM messages GROUP BY folder, state, reason"
            ),
            "failures": rows(
                "SELECT folder, uid, size, reason, detail, date FROM messages "
                "WHERE state = 'failed'"
            ),
            "runs": rows("SELECT id, started, finished, status FROM runs"),
            "events": rows("SELECT ts, code, params FROM events ORDER BY id DESC LIMIT 2000"),
        }
