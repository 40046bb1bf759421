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


def test_the_check_uses_what_the_move_hashed(make_account, coremail_server, exmail_server,
                                            tmp_path) -> None:
    """The move records a digest of each message it copied; the check then reads only
    the new mailbox in full, and still finds what is wrong on either side."""
    from mailmover.engine.digest import content_digest
    from tests.gui.conftest import client_for

    source, target = make_account(coremail_server), make_account(exmail_server)
    fill_mailbox(source, FOLDERS)
    store = Store(tmp_path / "move.sqlite")
    migration = Migration(source.account(), target.account(), store)
    try:
        mappings = migration.plan()
        for _ in migration.run(mappings):
            pass
        moved = [m for m in mappings if m.include]
        known = {m.source: store.digests(m.source) for m in moved}
        # The digest is the one the check computes from the old mailbox's bytes.
        with client_for(source) as c:
            c.select_folder("INBOX", readonly=True)
            bodies = c.fetch(c.search("ALL"), [b"BODY.PEEK[]"])
        assert {u: content_digest(v[b"BODY[]"]) for u, v in bodies.items()} == {
            u: d for u, (_uv, d) in known["INBOX"].items()}
        a, b = migration.connections()
        heard: list[CheckProgress] = []
        clean = verify(a, b, mappings, progress=heard.append, known=known)
        assert clean.ok and clean.totals()["source_count"] == sum(FOLDERS.values())
        # Nothing read in the old mailbox but flags and dates: one read per new message.
        assert heard[-1].done == heard[-1].total == sum(FOLDERS.values())

        # After the move: a message arrives in the old 课题组 (no digest: it is read),
        # one copy in the new INBOX is deleted, a flag changes in the old 已发送.
        fill_mailbox(source, {"课题组": 1})
        with client_for(target) as c:
            c.select_folder("INBOX")
            c.delete_messages(c.search("ALL")[:1])
            c.expunge()
        with client_for(source) as c:
            c.select_folder("已发送")
            c.add_flags(c.search("ALL")[:1], [b"\\Flagged"])
        heard.clear()
        after = verify(a, b, mappings, progress=heard.append, known=known)
        by = {f.source: f for f in after.folders}
        assert by["INBOX"].missing == 1 and by["课题组"].missing == 1
        assert by["已发送"].flags_differ == 1
        # The new message was read in the old mailbox, nothing else was.
        assert heard[-1].done == (sum(FOLDERS.values()) - 1) + 1
        # A digest recorded under another UIDVALIDITY is not trusted: read again.
        stale = {k: {u: (uv + 1, d) for u, (uv, d) in v.items()} for k, v in known.items()}
        heard.clear()
        again = verify(a, b, mappings, progress=heard.append, known=stale)
        assert again.totals() == after.totals()
        assert heard[-1].done == (sum(FOLDERS.values()) - 1) + sum(FOLDERS.values()) + 1
        # And one that is wrong shows as a message missing: the digest is what is used.
        wrong = {k: dict(v) for k, v in known.items()}
        uid, (uv, _d) = next(iter(wrong["课题组"].items()))
        wrong["课题组"][uid] = (uv, b"\0" * 16)
        assert {f.source: f for f in verify(a, b, mappings, known=wrong).folders}[
            "课题组"].missing == 2
    finally:
        migration.close()
        store.close()
