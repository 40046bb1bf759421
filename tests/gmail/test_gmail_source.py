"""Gmail as the old mailbox: archived mail (only in All Mail) is moved, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailmover.engine import errors, gmail
from mailmover.engine.transfer import Migration
from tests.support.gmail import ALL_MAIL, SPAM, STARRED, TRASH, expected, fill_gmail
from tests.support.mailbox import client, snapshot
from tests.support.moves import run_move, verify_accounts


def _make_target_roles(c) -> None:
    for name in ("Archiv", "Sent", "Drafts", "Trash", "Junk"):
        if not c.folder_exists(name):
            c.create_folder(name)


def test_archived_mail_lands_in_archive_once(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    s = client(gmail_server, src.user, src.password)
    d = client(archive_server, dst.user, dst.password)
    box = fill_gmail(s)
    _make_target_roles(d)

    migration = Migration(src.account(), dst.account(), None)
    try:
        plan = {m.source: m for m in migration.plan()}
    finally:
        migration.close()
    # All Mail goes to the destination's Archive role, counting only archived mail.
    assert plan[ALL_MAIL].include and plan[ALL_MAIL].target == "Archiv"
    assert plan[ALL_MAIL].messages == len(box.archived) == 4
    assert not plan[SPAM].include and plan[SPAM].reason == "spam"
    assert not plan[STARRED].include and plan[STARRED].reason == "virtual"
    assert plan[TRASH].include and plan[TRASH].target == "Trash"
    # Localized role folders by SPECIAL-USE: German Sent and Drafts go to the roles.
    assert plan["[Google Mail]/Gesendet"].target == "Sent"
    assert plan["[Google Mail]/Entwürfe"].target == "Drafts"

    store = tmp_path / "job.sqlite"
    report, _ = run_move(src.account(), dst.account(), store)
    assert report.ok, report.to_dict()
    t = report.totals()
    labelled = sum(len(v) for v in box.labels.values())
    # Message 3 (INBOX and Work) is copied once and COPYed into its second label folder.
    assert t["label_copies"] == 1
    assert t["copied"] + t["label_copies"] == labelled + len(box.archived) + len(box.trash)
    assert t["failed"] == t["pending"] == 0

    # An independent byte check: each destination folder holds exactly what it should.
    assert snapshot(d, "Archiv") == expected(box.archived)
    for label, items in box.labels.items():
        target = {"[Google Mail]/Gesendet": "Sent", "[Google Mail]/Entwürfe": "Drafts"}.get(
            label, label
        )
        assert snapshot(d, target) == expected(items), label
    assert sum(snapshot(d, "Trash").values()) == 1
    assert sum(snapshot(d, "Junk").values()) == 0
    names = {name for _, _, name in d.list_folders()}
    assert not any(n.startswith("[Google Mail]") for n in names), names

    # Rerun: nothing copied again, everything present.
    again, _ = run_move(src.account(), dst.account(), store)
    assert again.ok and again.totals()["copied"] == 0
    assert again.totals()["present"] == t["copied"] + t["label_copies"]

    # verify agrees with the byte check.
    result = verify_accounts(src.account(), dst.account())
    assert result.ok, result.to_dict()
    checks = {f.source: f for f in result.folders}
    assert checks[ALL_MAIL].source_count == 4 and checks[ALL_MAIL].target_count == 4


def test_a_missing_archived_copy_is_found_by_verify(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    s = client(gmail_server, src.user, src.password)
    d = client(archive_server, dst.user, dst.password)
    fill_gmail(s)
    _make_target_roles(d)
    report, _ = run_move(src.account(), dst.account(), tmp_path / "job.sqlite")
    assert report.ok
    d.select_folder("Archiv")
    d.delete_messages(d.search("ALL")[:1])
    d.expunge()
    result = verify_accounts(src.account(), dst.account())
    checks = {f.source: f for f in result.folders}
    assert not result.ok and checks[ALL_MAIL].missing == 1


def test_hidden_all_mail_stops_before_copying(
    gmail_ext_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_ext_server), make_account(archive_server)
    s = client(gmail_ext_server, src.user, src.password)
    s.append("INBOX", b"Subject: x\r\n\r\nbody\r\n")
    migration = Migration(src.account(), dst.account(), None)
    try:
        with pytest.raises(errors.StopMove) as got:
            migration.plan()
    finally:
        migration.close()
    assert got.value.code == errors.GMAIL_ALL_MAIL_HIDDEN
    assert "Show in IMAP" in str(got.value)


def test_unlabelled_keeps_genuine_duplicates():
    from mailmover.engine.imap.scan import Entry

    a, b, c = (Entry(i, 10, fp) for i, fp in ((1, b"a"), (2, b"b"), (3, b"a")))
    # "a" twice in All Mail, once in a label folder: one copy is archived.
    assert gmail.unlabelled([a, b, c], [[Entry(7, 10, b"a")], [Entry(8, 10, b"a")]]) == [b, c]
    assert gmail.unlabelled([a, b, c], [[Entry(7, 10, b"a"), Entry(9, 10, b"a")]]) == [b]
