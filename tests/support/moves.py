"""Run one move through the engine the way the CLI and the wizard do, for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mailmover.engine.account import Account
from mailmover.engine.events import Event, Finished
from mailmover.engine.report import Report
from mailmover.engine.transfer import Migration, MoveOptions
from mailmover.engine.verify import Verification, verify
from mailmover.store import Store


def run_move(
    src: Account, dst: Account, store_path: Path, options: MoveOptions | None = None
) -> tuple[Report, list[Event]]:
    """Every event of one run, and the report its Finished event carries."""
    store = Store(store_path)
    try:
        events = list(Migration(src, dst, store, options).run())
    finally:
        store.close()
    last = events[-1]
    assert isinstance(last, Finished)
    assert isinstance(last.report, Report)
    return last.report, events


def verify_accounts(src: Account, dst: Account, **options: Any) -> Verification:
    """`mailmover verify` of every planned folder between two accounts (options go to
    engine.verify.verify: gmail_one_copy, progress…)."""
    migration = Migration(src, dst, None)
    try:
        mappings = migration.plan(with_stats=False)
        a, b = migration.connections()
        return verify(a, b, mappings, **options)
    finally:
        migration.close()
