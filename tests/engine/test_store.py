"""The progress store: owner-only, WAL, versioned with linear migrations, self-healing."""

from __future__ import annotations

import sqlite3

import mailmover.store as store_module
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
