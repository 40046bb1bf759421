"""Real limits and changes between runs: a full mailbox, folders rebuilt or gone, a bad store."""

from __future__ import annotations

from pathlib import Path

from mailmover.engine import errors
from mailmover.engine.events import Warning
from mailmover.engine.transfer import Migration
from mailmover.store import Store
from tests.faults.conftest import fast_options
from tests.support.mailbox import client, count, message, snapshot
from tests.support.moves import run_move


def _run(src, dst, store_path: Path, **kw):
    return run_move(src, dst, store_path, fast_options(**kw))


def test_full_mailbox_stops_cleanly_and_resumes_when_space_is_made(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d", quota="300K")
    c = client(coremail_server, src.user, src.password)
    for i in range(30):
        c.append("INBOX", message(i, body=b"q" * 20_000))
    report, events = _run(src.account(), dst.account(), tmp_path / "j.sqlite")
    assert report.stopped_reason == errors.OVER_QUOTA
    assert any(isinstance(e, Warning) and e.code == errors.OVER_QUOTA for e in events)
    inbox = report.folders[0]
    assert inbox.failed == 0  # nothing is blamed on the messages themselves
    assert 0 < inbox.copied < 30 and inbox.pending == 30 - inbox.copied
    d = client(exmail_server, dst.user, dst.password)
    assert count(d, "INBOX") == inbox.copied

    exmail_server.add_user(dst.user, dst.password, quota="10M")  # the user makes space
    again, _ = _run(src.account(), dst.account(), tmp_path / "j.sqlite")
    assert again.ok
    assert again.folders[0].present == inbox.copied
    assert snapshot(d, "INBOX") == snapshot(c, "INBOX")


def test_folder_rebuilt_with_new_uidvalidity_is_reconciled_not_duplicated(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("项目")
    for i in range(5):
        c.append("项目", message(i))
    first, _ = _run(src.account(), dst.account(), tmp_path / "j.sqlite")
    assert first.ok
    # The old server rebuilds the folder: same messages, new UIDs, new UIDVALIDITY.
    c.delete_folder("项目")
    c.create_folder("项目")
    for i in range(7):
        c.append("项目", message(i))
    second, events = _run(src.account(), dst.account(), tmp_path / "j.sqlite")
    assert any(isinstance(e, Warning) and e.code == errors.UIDVALIDITY_CHANGED for e in events)
    folder = next(f for f in second.folders if f.source == "项目")
    assert (folder.present, folder.copied) == (5, 2)
    d = client(exmail_server, dst.user, dst.password)
    assert count(d, "项目") == 7


def test_folder_deleted_between_runs_is_reported(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("旧项目")
    c.append("旧项目", message(1))
    c.append("INBOX", message(2))
    assert _run(src.account(), dst.account(), tmp_path / "j.sqlite")[0].ok
    c.delete_folder("旧项目")
    report, events = _run(src.account(), dst.account(), tmp_path / "j.sqlite")
    assert report.ok
    gone = [e for e in events if isinstance(e, Warning) and e.code == errors.FOLDER_MISSING]
    assert gone and gone[0].params["folder"] == "旧项目"


def test_folder_deleted_after_planning_is_reported_not_fatal(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("临时")
    c.append("临时", message(1))
    c.append("INBOX", message(2))
    store = Store(tmp_path / "j.sqlite")
    migration = Migration(src.account(), dst.account(), store, fast_options())
    mappings = migration.plan()
    c.delete_folder("临时")  # between the review page and the move
    events = list(migration.run(mappings))
    store.close()
    report = events[-1].report
    assert any(isinstance(e, Warning) and e.code == errors.FOLDER_MISSING for e in events)
    assert next(f for f in report.folders if f.source == "INBOX").copied == 1


def test_damaged_store_is_set_aside_and_the_rerun_is_exact(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d")
    c = client(coremail_server, src.user, src.password)
    for i in range(10):
        c.append("INBOX", message(i))
    path = tmp_path / "j.sqlite"
    assert _run(src.account(), dst.account(), path)[0].ok
    path.write_bytes(b"this is not a database" * 100)
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    store = Store(path)
    assert store.recovered_from is not None and store.recovered_from.exists()
    store.close()
    again, _ = _run(src.account(), dst.account(), path)
    assert again.folders[0].present == 10 and again.folders[0].copied == 0


def test_store_and_saved_messages_are_owner_only(
    coremail_server, limited_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(limited_server, "d")
    c = client(coremail_server, src.user, src.password)
    c.append("INBOX", message(1, body=b"L" * 1_200_000))
    report, _ = _run(
        src.account(), dst.account(), tmp_path / "j.sqlite", saved_dir=tmp_path / "saved"
    )
    saved = Path(report.folders[0].failures[0].saved_as)
    assert saved.read_bytes().startswith(b"From:")
    for p in [tmp_path / "j.sqlite", saved]:
        assert p.stat().st_mode & 0o077 == 0, p
    assert saved.parent.stat().st_mode & 0o077 == 0


def test_folder_renamed_between_runs_keeps_its_destination(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("项目")
    for i in range(6):
        c.append("项目", message(i))
    assert _run(src.account(), dst.account(), tmp_path / "j.sqlite")[0].ok
    c.rename_folder("项目", "项目-2024")  # the professor tidies up before the final run
    c.append("项目-2024", message(50))
    report, events = _run(src.account(), dst.account(), tmp_path / "j.sqlite")
    renamed = [e for e in events if isinstance(e, Warning) and e.code == errors.FOLDER_RENAMED]
    assert renamed and renamed[0].params == {"folder": "项目", "now": "项目-2024", "target": "项目"}
    assert not any(isinstance(e, Warning) and e.code == errors.FOLDER_MISSING for e in events)
    folder = next(f for f in report.folders if f.source == "项目-2024")
    assert (folder.target, folder.present, folder.copied) == ("项目", 6, 1)
    d = client(exmail_server, dst.user, dst.password)
    assert count(d, "项目") == 7 and not d.folder_exists("项目-2024")
    # A third run keeps the same destination without guessing again.
    third, _ = _run(src.account(), dst.account(), tmp_path / "j.sqlite")
    assert next(f for f in third.folders if f.source == "项目-2024").target == "项目"
