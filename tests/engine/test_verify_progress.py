"""The check tells where it is (issue 27): folder n of N, messages read on both sides,
time left, each folder's result as it ends; against real Dovecot servers."""

from __future__ import annotations

import itertools

from mailmover.engine import CheckProgress, Migration
from mailmover.engine.verify import verify
from mailmover.store import Store
from tests.gui.conftest import fill_mailbox

FOLDERS = {"INBOX": 30, "已发送": 12, "课题组": 5}


def test_progress_folder_by_folder_with_time_left(make_account, coremail_server,
                                                  exmail_server, tmp_path) -> None:
    source, target = make_account(coremail_server), make_account(exmail_server)
    fill_mailbox(source, FOLDERS)
    store = Store(tmp_path / "move.sqlite")
    migration = Migration(source.account(), target.account(), store)
    try:
        mappings = migration.plan()
        for _ in migration.run(mappings):
            pass
        # Leave one message out of the new mailbox: the result per folder says so.
        fill_mailbox(source, {"课题组": 1})
        heard: list[CheckProgress] = []
        ticks = itertools.count()
        a, b = migration.connections()
        result = verify(a, b, mappings, progress=heard.append,
                        clock=lambda: float(next(ticks)))  # a second per look at the clock
    finally:
        migration.close()
        store.close()

    moved = [m.source for m in mappings if m.include]
    assert len(moved) == 3
    assert {h.folders for h in heard} == {3}
    assert [h.index for h in heard] == sorted(h.index for h in heard)
    assert sorted({h.index for h in heard}) == [1, 2, 3]
    assert [h.folder for h in heard if h.finished] == moved
    assert all(h.finished.source == h.folder for h in heard if h.finished)
    # Reported within a folder too, not only at its edges (a clock that always moves).
    assert len(heard) > 2 * 3
    done = [h.done for h in heard]
    assert done == sorted(done)
    last = heard[-1]
    # Every message read once in each mailbox: 48 old, 47 copied.
    assert last.done == last.total == 48 + 47
    assert last.fraction == 1.0 and last.eta_seconds == 0.0
    assert any(h.eta_seconds and h.eta_seconds > 0 for h in heard)
    assert [f.missing for f in result.folders] == [h.finished.missing for h in heard
                                                   if h.finished]
    assert sum(f.missing for f in result.folders) == 1
