"""Gmail with X-GM-EXT-1 (a layer in front of a real Dovecot that serves X-GM-MSGID and
X-GM-LABELS): identity by X-GM-MSGID, hidden labels named in the plan."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime, timezone
from pathlib import Path

from mailmover.cli import Output, main
from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.gmail_ext import gmail_meta
from mailmover.engine.transfer import Migration
from tests.support.gmail import (
    ALL_MAIL,
    GmExtProxy,
    assert_moved,
    expected,
    fill_gmail,
    gm_headers,
    gmail_folders,
)
from tests.support.mailbox import client, message, snapshot
from tests.support.moves import run_move, verify_accounts


def test_the_layer_serves_gmails_identity_and_labels(gmail_server, make_account):
    src = make_account(gmail_server)
    fill_gmail(client(gmail_server, src.user, src.password), ids=True, hidden={8: ("Receipts",)})
    with GmExtProxy(gmail_server.port) as proxy:
        conn = connect(dataclasses.replace(src.account(), port=proxy.port))
        try:
            assert conn.has("X-GM-EXT-1")
            every = gmail_meta(conn, ALL_MAIL)
            inbox = gmail_meta(conn, "INBOX")
            work = gmail_meta(conn, "Work")
        finally:
            conn.close()
    assert len(every) == 12 and len({m.msgid for m in every.values()}) == 12
    # Message 3 is in INBOX and Work: one X-GM-MSGID, both labels, in every folder.
    shared = {m.msgid for m in inbox.values()} & {m.msgid for m in work.values()}
    assert len(shared) == 1
    labels = next(m.labels for m in every.values() if m.msgid in shared)
    assert set(labels) == {"\\Inbox", "Work", "\\Important"}
    assert any("Receipts" in m.labels for m in every.values())


def _roles(c) -> None:
    for name in ("Archiv", "Sent", "Drafts", "Trash", "Junk"):
        if not c.folder_exists(name):
            c.create_folder(name)


def test_hidden_labels_are_named_in_the_plan_and_their_mail_is_archived(
    gmail_server, archive_server, make_account, tmp_path: Path, monkeypatch
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    box = fill_gmail(
        client(gmail_server, src.user, src.password),
        ids=True,
        hidden={8: ("Receipts",), 3: ("Receipts", "Old/Private")},
    )
    d = client(archive_server, dst.user, dst.password)
    _roles(d)
    with GmExtProxy(gmail_server.port) as proxy:
        via = dataclasses.replace(src.account(), port=proxy.port)
        migration = Migration(via, dst.account(), None)
        try:
            plan = {m.source: m for m in migration.plan()}
        finally:
            migration.close()
        assert plan[ALL_MAIL].hidden_labels == ["Old/Private", "Receipts"]
        assert plan[ALL_MAIL].messages == len(box.archived)

        monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
        monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
        out = io.StringIO()
        url = f"imap+plain://{src.user}@127.0.0.1:{proxy.port}"
        args = ["migrate", "--dry-run", url, dst.url, "--state-dir", str(tmp_path / "s")]
        assert main(args, Output(out, out)) == 0
        text = out.getvalue()
        assert "labels hidden from IMAP: Old/Private, Receipts" in text
        assert "Gmail hides the labels Old/Private, Receipts from mail programs" in text
        assert "“Show in IMAP”" in text

        report, _ = run_move(via, dst.account(), tmp_path / "job.sqlite")
    assert report.ok, report.to_dict()
    assert_moved(d, box)  # message 8 (only in a hidden label) is in Archive


def test_two_messages_that_look_alike_are_told_apart_by_x_gm_msgid(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    """Same headers, size and flags, other bytes, two Gmail messages (INBOX and Work):
    each arrives as itself; the one message in both INBOX and Work is uploaded once."""
    src, dst = make_account(gmail_server), make_account(archive_server)
    s = client(gmail_server, src.user, src.password)
    gmail_folders(s, ("Work",))
    d = client(archive_server, dst.user, dst.password)
    _roles(d)
    when = datetime(2020, 2, 2, 2, 2, tzinfo=timezone.utc)
    twin_a = message(1, body=b"AAAA\r\n", extra_headers=gm_headers(7001, ["\\Inbox"]))
    # The same size too: the shorter label is made up by the body.
    twin_b = message(1, body=b"BBBBBBB\r\n", extra_headers=gm_headers(7002, ["Work"]))
    assert len(twin_a) == len(twin_b)
    both = message(2, extra_headers=gm_headers(7003, ["\\Inbox", "Work"]))
    for raw, folders in ((twin_a, ["INBOX"]), (twin_b, ["Work"]), (both, ["INBOX", "Work"])):
        s.append(ALL_MAIL, raw, (b"\\Seen",), when)
        for f in folders:
            s.append(f, raw, (b"\\Seen",), when)
    with GmExtProxy(gmail_server.port) as proxy:
        via = dataclasses.replace(src.account(), port=proxy.port)
        report, _ = run_move(via, dst.account(), tmp_path / "job.sqlite")
        assert report.ok, report.to_dict()
        assert report.totals()["copied"] == 3 and report.totals()["label_copies"] == 1, [
            (f.source, f.copied, f.label_copies) for f in report.folders
        ]
        again, _ = run_move(via, dst.account(), tmp_path / "job.sqlite")
        assert again.ok and again.totals()["copied"] == again.totals()["label_copies"] == 0
    items = {"INBOX": [twin_a, both], "Work": [twin_b, both]}
    for folder, raws in items.items():
        assert snapshot(d, folder) == expected([(r, (b"\\Seen",), when) for r in raws]), folder
    assert not snapshot(d, "Archiv")  # nothing is archived: every message has a label
    with GmExtProxy(gmail_server.port) as proxy:
        via = dataclasses.replace(src.account(), port=proxy.port)
        result = verify_accounts(via, dst.account())
    assert result.ok, result.to_dict()
    assert result.gmail_messages == 3 and result.label_copies == 1


def test_only_messages_with_several_labels_are_kept_for_label_copies():
    """With X-GM-EXT-1 the run remembers nothing of a message with one label (most of a
    large account): its memory does not grow with the mailbox."""
    from mailmover.engine.folders import FolderMapping
    from mailmover.engine.gmail_labels import LabelCopies
    from mailmover.engine.imap.scan import Entry

    labels = LabelCopies([FolderMapping("INBOX", "INBOX"), FolderMapping("Work", "Work")],
                         True, False)
    ids = {"INBOX": {1: (501, 1), 2: (502, 2), 3: (503, 1)}, "Work": {9: (502, 2)}}
    labels.loader = ids.__getitem__
    inbox = [Entry(uid, 10, b"same") for uid in (1, 2, 3)]
    rows = [{"uid": e.uid, "state": "copied", "target_uid": 40 + e.uid,
             "target_uidvalidity": 7} for e in inbox]
    labels.learn_rows(FolderMapping("INBOX", "INBOX"), "INBOX", inbox, rows)
    assert list(labels.placed) == [("INBOX", 2)]
    work = [Entry(9, 10, b"same")]
    labels.learn_rows(FolderMapping("Work", "Work"), "Work", work, [])
    assert labels.split(FolderMapping("Work", "Work"), "Work", work) == []  # COPY it
    assert labels.waiting_entries("Work") == work
