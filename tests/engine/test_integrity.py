"""Nothing lost, nothing doubled: colliding headers, user changes between runs, renames
with a lost store, two folders for one destination, interrupted reports. Real Dovecot."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mailmover.engine.control import Control
from mailmover.engine.events import FolderFinished, Warning
from mailmover.engine.transfer import Migration, MoveOptions
from mailmover.store import Store
from tests.support.mailbox import CST, client, count, message, snapshot
from tests.support.moves import run_move

WHEN = datetime(2022, 5, 6, 7, 8, 9, tzinfo=CST)


def _twins(c, folder: str = "INBOX", big: bool = False) -> tuple[bytes, bytes]:
    """A and B: same Message-ID, Date, From and Subject; different bodies (A bigger)."""
    a = message(1, body=(b"A" * (300_000 if big else 10)) + b" first version\r\n")
    b = message(1, body=b"B second version\r\n")
    c.append(folder, a, (b"\\Seen",), WHEN)
    c.append(folder, b, (), WHEN)
    return a, b


def _uids_by_subject(c) -> dict[bytes, int]:
    item = b"BODY.PEEK[HEADER.FIELDS (SUBJECT)]"
    data = c.fetch(c.search("ALL"), [item])
    return {v[b"BODY[HEADER.FIELDS (SUBJECT)]"].strip(): uid for uid, v in data.items()}


def _bodies(c, folder: str) -> list[bytes]:
    c.select_folder(folder, readonly=True)
    uids = c.search("ALL")
    data = c.fetch(uids, [b"BODY.PEEK[]"]) if uids else {}
    return sorted(v[b"BODY[]"] for v in data.values())


def test_twin_headers_size_filter_then_rerun(
    coremail_server, exmail_server, make_account, tmp_path
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    with client(coremail_server, src.user, src.password) as c:
        a, b = _twins(c, big=True)
    store = tmp_path / "j.sqlite"
    report, _ = run_move(src.account(), dst.account(), store, MoveOptions(max_message_size=100_000))
    assert report.totals()["skipped"] == 1 and report.totals()["copied"] == 1
    report, _ = run_move(src.account(), dst.account(), store)
    t = report.totals()
    assert (t["copied"], t["present"], t["skipped"]) == (1, 1, 0)
    with client(exmail_server, dst.user, dst.password) as c:
        assert _bodies(c, "INBOX") == sorted([a, b])  # A arrived, B not doubled


def test_twin_headers_with_a_lost_store_are_told_apart_by_content(
    coremail_server, exmail_server, make_account, tmp_path
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    with client(coremail_server, src.user, src.password) as c:
        a, b = _twins(c)
    with client(exmail_server, dst.user, dst.password) as c:
        c.append("INBOX", b, (), WHEN)  # only B is there (e.g. the provider's own move)
    report, _ = run_move(src.account(), dst.account(), tmp_path / "fresh.sqlite")
    t = report.totals()
    assert (t["copied"], t["present"]) == (1, 1)
    with client(exmail_server, dst.user, dst.password) as c:
        assert _bodies(c, "INBOX") == sorted([a, b])
    # A later run with the same store changes nothing.
    report, _ = run_move(src.account(), dst.account(), tmp_path / "fresh.sqlite")
    assert report.totals()["copied"] == 0 and report.totals()["present"] == 2


def test_failure_record_of_a_twin_survives_the_other_being_present(
    coremail_server, limited_server, make_account, tmp_path
):
    # A (over the destination's 1 MB limit) is refused and saved; B is copied. The rerun
    # must keep A's failure record and saved file, not call A "already there".
    src, dst = make_account(coremail_server), make_account(limited_server)
    with client(coremail_server, src.user, src.password) as c:
        c.append("INBOX", message(1, body=b"A" * 1_200_000 + b"\r\n"), (), WHEN)
        c.append("INBOX", message(1, body=b"B\r\n"), (), WHEN)
    store, saved = tmp_path / "j.sqlite", tmp_path / "saved"
    options = MoveOptions(saved_dir=saved)
    first, _ = run_move(src.account(), dst.account(), store, options)
    second, _ = run_move(src.account(), dst.account(), store, options)
    for report in (first, second):
        t = report.totals()
        assert (t["failed"], t["copied"] + t["present"]) == (1, 1)
        (failure,) = [x for f in report.folders for x in f.failures]
        assert Path(failure.saved_as).is_absolute() and Path(failure.saved_as).exists()
    with client(limited_server, dst.user, dst.password) as c:
        assert count(c, "INBOX") == 1


def test_user_moves_deletes_and_flags_between_runs(
    coremail_server, exmail_server, make_account, tmp_path
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    with client(coremail_server, src.user, src.password) as c:
        for i in range(20):
            c.append("INBOX", message(i), (b"\\Seen",) if i % 2 else (), WHEN)
    store = tmp_path / "j.sqlite"
    run_move(src.account(), dst.account(), store)
    with client(exmail_server, dst.user, dst.password) as c:
        c.create_folder("Kept")
        c.select_folder("INBOX")
        uid_of = _uids_by_subject(c)
        c.move([uid_of[b"Subject: message %d" % i] for i in range(3)], "Kept")  # moved
        c.delete_messages([uid_of[b"Subject: message %d" % i] for i in range(3, 8)])  # deleted
        c.expunge()
        c.add_flags([uid_of[b"Subject: message 10"]], [b"\\Flagged"])  # the user flags one
    with client(coremail_server, src.user, src.password) as c:
        c.select_folder("INBOX")
        uid_of = _uids_by_subject(c)
        changed = [uid_of[b"Subject: message 9"], uid_of[b"Subject: message 10"]]
        c.add_flags(changed, [b"\\Answered"])  # changed on the old side
        c.append("INBOX", message(99), (), WHEN)  # new mail on the old side
    report, _ = run_move(src.account(), dst.account(), store)
    t = report.totals()
    assert (t["copied"], t["removed"], t["present"]) == (1, 8, 12)
    assert t["flags_updated"] == 1  # message 9; message 10's copy was changed by the user
    with client(exmail_server, dst.user, dst.password) as c:
        assert count(c, "INBOX") == 13 and count(c, "Kept") == 3
        c.select_folder("INBOX", readonly=True)
        items = [b"FLAGS", b"BODY.PEEK[HEADER.FIELDS (SUBJECT)]"]
        by_subject = {
            v[b"BODY[HEADER.FIELDS (SUBJECT)]"].strip(): set(v[b"FLAGS"])
            for v in c.fetch(c.search("ALL"), items).values()
        }
    assert b"\\Answered" in by_subject[b"Subject: message 9"]
    assert by_subject[b"Subject: message 10"] == {b"\\Flagged"}  # the user's flags stand
    # Asked for, deleted copies come back; moved ones are found in "Kept" and stay there.
    report, _ = run_move(
        src.account(), dst.account(), store, MoveOptions(restore_removed=True)
    )
    assert report.totals()["copied"] == 5 and report.totals()["removed"] == 3
    with client(exmail_server, dst.user, dst.password) as c:
        assert count(c, "INBOX") == 18 and count(c, "Kept") == 3


def test_lost_store_and_renamed_source_folder_keeps_its_destination(
    coremail_server, exmail_server, make_account, tmp_path
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    with client(coremail_server, src.user, src.password) as c:
        c.create_folder("Projects")
        for i in range(6):
            c.append("Projects", message(i), (), WHEN)
    run_move(src.account(), dst.account(), tmp_path / "first.sqlite")
    with client(coremail_server, src.user, src.password) as c:
        c.rename_folder("Projects", "Research")
    report, events = run_move(src.account(), dst.account(), tmp_path / "lost.sqlite")
    assert any(isinstance(e, Warning) and e.code == "folder.recognised" for e in events)
    assert report.totals()["copied"] == 0
    with client(exmail_server, dst.user, dst.password) as c:
        assert count(c, "Projects") == 6 and not c.folder_exists("Research")


def test_two_source_folders_never_share_a_destination(
    coremail_server, dot_server, make_account, tmp_path
):
    # On a "." server, "Projects.2024" (a "." inside a name on a "/" server) and
    # "Projects_2024" would both become "Projects_2024".
    src, dst = make_account(coremail_server), make_account(dot_server)
    with client(coremail_server, src.user, src.password) as c:
        for name in ("Projects.2024", "Projects_2024"):
            c.create_folder(name)
            for i in range(3):
                c.append(name, message(i), (), WHEN)  # the same mail in both
    migration = Migration(src.account(), dst.account(), None)
    try:
        mappings = {m.source: m.target for m in migration.plan()}
    finally:
        migration.close()
    targets = {mappings["Projects.2024"], mappings["Projects_2024"]}
    assert len(targets) == 2, mappings
    report, _ = run_move(src.account(), dst.account(), tmp_path / "j.sqlite")
    assert report.totals()["copied"] == 6
    with client(dot_server, dst.user, dst.password) as c:
        assert sorted(count(c, t) for t in targets) == [3, 3]


def test_interrupted_report_lists_every_folder_with_its_real_count(
    coremail_server, exmail_server, make_account, tmp_path
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    with client(coremail_server, src.user, src.password) as c:
        for name, n in (("A1", 3), ("B2", 4), ("C3", 5)):
            c.create_folder(name)
            for i in range(n):
                c.append(name, message(100 * n + i), (), WHEN)
    control = Control()
    store = Store(tmp_path / "j.sqlite")
    options = MoveOptions(include=["?[0-9]"])
    migration = Migration(src.account(), dst.account(), store, options, control)
    report = None
    try:
        for ev in migration.run():
            if isinstance(ev, FolderFinished):
                control.cancel()  # stop after the first folder
            report = getattr(ev, "report", report)
    finally:
        store.close()
    assert report is not None and report.cancelled
    counts = {f.source: (f.source_count, f.pending) for f in report.folders}
    assert counts == {"A1": (3, 0), "B2": (4, 4), "C3": (5, 5)}
    assert report.totals()["source_count"] == 12


def test_verify_catches_every_kind_of_difference(
    coremail_server, exmail_server, make_account, run_cli
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    with client(coremail_server, src.user, src.password) as c:
        a, b = _twins(c)
        for i in range(2, 6):
            c.append("INBOX", message(i), (), WHEN)
    assert run_cli("migrate", src, dst).code == 0
    assert run_cli("verify", src, dst).code == 0
    with client(exmail_server, dst.user, dst.password) as c:
        before = snapshot(c, "INBOX")
        c.select_folder("INBOX")
        uid_of = _uids_by_subject(c)
        c.append("INBOX", b, (), WHEN)  # B doubled
        c.add_flags([uid_of[b"Subject: message 3"]], [b"\\Flagged"])  # a flag differs
        c.append("INBOX", message(77), (), WHEN)  # only in the new mailbox: not a failure
    result = run_cli("verify", src, dst)
    assert result.code == 1
    totals = result.report["totals"]
    assert (totals["duplicated"], totals["flags_differ"], totals["only_in_new"]) == (1, 1, 1)
    with client(exmail_server, dst.user, dst.password) as c:
        c.select_folder("INBOX")
        # Replace A's copy with a different body under the same headers: A is missing.
        for uid, v in c.fetch(c.search("ALL"), [b"BODY.PEEK[]"]).items():
            if v[b"BODY[]"] == a:
                c.delete_messages([uid])
        c.expunge()
        c.append("INBOX", a.replace(b"first", b"forged"), (b"\\Seen",), WHEN)
    result = run_cli("verify", src, dst)
    assert result.code == 1 and result.report["totals"]["missing"] == 1
    assert before  # the first snapshot was taken from a complete move
    with client(exmail_server, dst.user, dst.password) as c:
        # Message 4's copy with the right bytes and flags but another date.
        c.select_folder("INBOX")
        for uid, v in c.fetch(c.search("ALL"), [b"BODY.PEEK[]"]).items():
            if v[b"BODY[]"] == message(4):
                c.delete_messages([uid])
        c.expunge()
        c.append("INBOX", message(4), (), datetime(2001, 1, 1, tzinfo=CST))
    result = run_cli("verify", src, dst)
    assert result.code == 1 and result.report["totals"]["dates_differ"] == 1
