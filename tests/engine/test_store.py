"""The progress store: owner-only, WAL, versioned with linear migrations, self-healing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import mailmover.store as store_module
from mailmover.engine import errors
from mailmover.store import SCHEMA_VERSION, Store, job_path


def test_new_store_is_private_versioned_and_in_wal_mode(tmp_path):
    path = job_path(tmp_path / "jobs", "a@old:993", "a@new:993")
    s = Store(path)
    s.record("INBOX", 7, [{"uid": 1, "state": "copied", "fp": b"x" * 16}])
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o077 == 0
    assert s.get_meta("schema_version") == str(SCHEMA_VERSION)
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {r[1] for r in s.db.execute("PRAGMA table_info(messages)")}
    assert not {c for c in columns if "pass" in c or "body" in c}
    s.close()
    assert Store(path).counts() == {"copied": 1}


def test_uidvalidity_change_drops_that_folders_rows_only(tmp_path):
    s = Store(tmp_path / "j.sqlite")
    s.begin_folder("INBOX", 1, 2)
    s.begin_folder("Sent", 5, 1)
    s.record("INBOX", 1, [{"uid": 1, "state": "copied"}, {"uid": 2, "state": "copied"}])
    s.record("Sent", 5, [{"uid": 9, "state": "copied"}])
    assert s.begin_folder("INBOX", 1, 2) is False
    assert s.begin_folder("INBOX", 2, 2) is True
    assert s.states("INBOX") == {} and s.states("Sent") == {9: "copied"}


def test_linear_migration_backs_up_first(tmp_path, monkeypatch):
    path = tmp_path / "j.sqlite"
    Store(path).close()
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(
        store_module.MIGRATIONS, SCHEMA_VERSION, "ALTER TABLE runs ADD COLUMN note TEXT"
    )
    s = Store(path)
    assert s.get_meta("schema_version") == str(SCHEMA_VERSION + 1)
    assert "note" in {r[1] for r in s.db.execute("PRAGMA table_info(runs)")}
    backup = path.with_suffix(f".v{SCHEMA_VERSION}.bak")
    assert backup.exists()
    with sqlite3.connect(backup) as b:
        assert "note" not in {r[1] for r in b.execute("PRAGMA table_info(runs)")}


def test_store_from_a_newer_program_is_set_aside_not_overwritten(tmp_path):
    path = tmp_path / "j.sqlite"
    s = Store(path)
    s.set_meta("schema_version", str(SCHEMA_VERSION + 5))
    s.close()
    again = Store(path)
    assert again.recovered_from is not None and again.recovered_from.exists()
    assert again.get_meta("schema_version") == str(SCHEMA_VERSION)


def _open_at(path: str, start: float) -> str:
    import time

    while time.time() < start:
        pass
    try:
        Store(Path(path)).close()
        return "ok"
    except Exception as exc:  # the verdict is compared in the parent
        return repr(exc)


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path):
    # Two moves of one mailbox started together both open the new store before the
    # move lock refuses one; SQLite answered the WAL switch "database is locked" at
    # once, which read as "the progress file is damaged" (CI, test_lock).
    import multiprocessing
    import time

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        pool.map(abs, range(4))  # the workers are up before the clock starts
        for round_ in range(8):
            path = str(tmp_path / f"r{round_}" / "j.sqlite")
            start = time.time() + 0.2
            results = pool.starmap(_open_at, [(path, start)] * 4)
            assert results == ["ok"] * 4, results


def test_a_store_locked_by_another_program_is_busy_not_damaged(tmp_path, monkeypatch):
    path = tmp_path / "j.sqlite"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(Store, "busy_wait", 0.2)
    try:
        with pytest.raises(errors.StopMove) as caught:
            Store(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert caught.value.code == errors.STORE_BUSY
    assert not list(tmp_path.glob("*.damaged-*"))  # nothing set aside
    assert Store(path).counts() == {}


def test_a_version_2_store_is_migrated_and_keeps_its_rows(tmp_path):
    """v3 adds the content digests the check uses; a store written before is read as it
    was, with no digest (the check then reads those messages in the old mailbox)."""
    from mailmover.store_schema import MIGRATIONS, SCHEMA_V1

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA_V1 + MIGRATIONS[1])
        db.execute("INSERT INTO meta VALUES ('schema_version', '2')")
        db.execute("INSERT INTO folders (source, target, uidvalidity) VALUES ('INBOX', 'INBOX', 7)")
        db.execute("INSERT INTO messages (folder, uid, uidvalidity, state, target_uid, "
                   "target_uidvalidity, updated) VALUES ('INBOX', 3, 7, 'copied', 11, 9, 0)")
    path.chmod(0o600)
    s = Store(path)
    assert s.get_meta("schema_version") == str(SCHEMA_VERSION) == "3"
    assert s.records("INBOX")[3].target_uid == 11 and s.digests("INBOX") == {}
    # A copy records its digest; the next run's "present" row for it keeps it.
    s.record("INBOX", 7, [{"uid": 4, "state": "copied", "digest": b"d" * 16}])
    s.record("INBOX", 7, [{"uid": 4, "state": "copied", "target_uid": 12}])
    assert s.digests("INBOX") == {4: (7, b"d" * 16)}
    assert s.records("INBOX")[4].target_uid == 12
    # A new UIDVALIDITY drops the folder's rows, digests with them.
    s.begin_folder("INBOX", 8, 1)
    assert s.digests("INBOX") == {}
