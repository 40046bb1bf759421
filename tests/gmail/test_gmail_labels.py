"""Gmail messages with several labels: downloaded and APPENDed once, then COPY on the
destination for the other label folders; or, by choice, one copy only."""

from __future__ import annotations

import dataclasses
import io
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

from mailmover.cli import Output, main
from mailmover.engine import errors
from mailmover.engine.options import MoveOptions
from mailmover.engine.progress import ProgressModel
from tests.support.faultproxy import DROP, Fault, FaultProxy
from tests.support.gmail import ALL_MAIL, GMAIL_SPECIAL_USE, SENT, expected
from tests.support.mailbox import client, message, snapshot
from tests.support.moves import run_move, verify_accounts

_UTC8 = timezone(timedelta(hours=8))
NEVER = 10**9  # a fault that only counts what it sees

# message number -> its labels (archived: none)
LABELS: dict[int, tuple[str, ...]] = {
    1: ("INBOX", "Work", "Work/2020"),  # three labels
    2: ("INBOX",),
    3: ("Work", SENT),  # a user label and a role
    4: (),  # archived
    5: ("Work/2020",),
}
FLAGS: dict[int, tuple[bytes, ...]] = {
    1: (b"\\Seen", b"$Forwarded"),
    3: (b"\\Seen",),
    4: (b"\\Flagged",),
}
TARGET = {SENT: "Sent"}


def _fill(c) -> dict[str, list[tuple[bytes, tuple[bytes, ...], datetime]]]:
    for f in (*GMAIL_SPECIAL_USE, "Work", "Work/2020"):
        if not c.folder_exists(f):
            c.create_folder(f)
    want: dict[str, list[tuple[bytes, tuple[bytes, ...], datetime]]] = {}
    for i, labels in LABELS.items():
        raw = message(i, body=f"Body {i}\r\n".encode() * (50 * i))
        flags = FLAGS.get(i, ())
        when = datetime(2021, 3, i, 9, 30, tzinfo=_UTC8)
        c.append(ALL_MAIL, raw, flags, when)
        for label in labels or ("Archiv",):
            if label != "Archiv":
                c.append(label, raw, flags, when)
            want.setdefault(TARGET.get(label, label), []).append((raw, flags, when))
    return want


def _target_roles(c) -> None:
    for name in ("Archiv", "Sent", "Drafts", "Trash", "Junk"):
        if not c.folder_exists(name):
            c.create_folder(name)


def _counting(port: int, pattern: bytes, direction: str = "s2c") -> tuple[FaultProxy, Fault]:
    fault = Fault(DROP, pattern, nth=NEVER, direction=direction)
    return FaultProxy(port, [fault]), fault


def _verify(src, dst, one_copy: bool = False):
    return verify_accounts(src, dst, gmail_one_copy=one_copy)


def test_each_message_is_downloaded_and_appended_once_and_copied_to_its_other_labels(
    gmail_server, archive_server, make_account, tmp_path: Path, monkeypatch
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    want = _fill(client(gmail_server, src.user, src.password))
    d = client(archive_server, dst.user, dst.password)
    _target_roles(d)
    store = tmp_path / "job.sqlite"
    sp, bodies = _counting(gmail_server.port, rb"^\* \d+ FETCH .*BODY\[\]")
    # Every message literal sent to the destination (APPEND, MULTIAPPEND alike).
    dp, appends = _counting(archive_server.port, rb"\{\d{3,}\+?\}\r?\n?$", "c2s")
    with sp, dp:
        s_acc = dataclasses.replace(src.account(), port=sp.port)
        d_acc = dataclasses.replace(dst.account(), port=dp.port)
        report, events = run_move(s_acc, d_acc, store)
        assert report.ok, report.to_dict()
        t = report.totals()
        # The progress shown reaches the end: a label copy is done, not left to copy.
        model = ProgressModel()
        for ev in events:
            model.apply(ev)
        shown = model.snapshot()
        assert shown.messages_done == shown.messages_total == 8
        assert shown.bytes_done == shown.bytes_total == t["bytes_copied"]
        # Five Gmail messages; message 1 gets two label copies, message 3 one.
        assert t["copied"] == 5 and t["label_copies"] == 3
        assert bodies.seen == 5 and appends.seen == 5  # once each, nothing more
        for folder, items in want.items():
            assert snapshot(d, folder) == expected(items), folder

        # Rerun: nothing downloaded, uploaded or copied.
        again, _ = run_move(s_acc, d_acc, store)
        assert again.ok and again.totals()["copied"] == again.totals()["label_copies"] == 0
        assert again.totals()["present"] == 8
        assert bodies.seen == 5 and appends.seen == 5
    for folder, items in want.items():
        assert snapshot(d, folder) == expected(items), folder
    result = _verify(src.account(), dst.account())
    assert result.ok, result.to_dict()
    # One message in three label folders is one message: 5 Gmail messages, 3 more copies.
    assert result.gmail_messages == 5 and result.label_copies == 3
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
    out = io.StringIO()
    assert main(["verify", src.url, dst.url], Output(out, out)) == 0, out.getvalue()
    assert "Gmail: 5 messages; 3 more copies because a message with several labels" in (
        out.getvalue()
    )


def test_a_label_folder_moved_in_a_later_run_is_copied_from_what_arrived_before(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    want = _fill(client(gmail_server, src.user, src.password))
    d = client(archive_server, dst.user, dst.password)
    _target_roles(d)
    store = tmp_path / "job.sqlite"
    first, _ = run_move(src.account(), dst.account(), store, MoveOptions(include=["INBOX"]))
    assert first.ok and first.totals()["copied"] == 2
    sp, bodies = _counting(gmail_server.port, rb"^\* \d+ FETCH .*BODY\[\]")
    with sp:
        s_acc = dataclasses.replace(src.account(), port=sp.port)
        report, _ = run_move(s_acc, dst.account(), store)
    t = report.totals()
    assert report.ok, report.to_dict()
    # Message 1 is already in INBOX: Work and Work/2020 get it by COPY, not downloaded.
    assert t["present"] == 2 and t["copied"] == 3 and t["label_copies"] == 3
    assert bodies.seen == 3
    for folder, items in want.items():
        assert snapshot(d, folder) == expected(items), folder


def test_one_copy_only_puts_each_message_in_its_first_label_inbox_last(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    want = _fill(client(gmail_server, src.user, src.password))
    d = client(archive_server, dst.user, dst.password)
    _target_roles(d)
    store = tmp_path / "job.sqlite"
    options = MoveOptions(gmail_one_copy=True)
    report, _ = run_move(src.account(), dst.account(), store, options)
    assert report.ok, report.to_dict()
    t = report.totals()
    assert t["copied"] == 5 and t["label_copies"] == 0 and t["skipped"] == 3
    by_folder = {f.source: f for f in report.folders}
    assert by_folder["INBOX"].skipped == 1 and by_folder["Work/2020"].skipped == 1
    assert by_folder["Work"].skipped == 1  # message 3 lands in Sent ([Google Mail]/… first)

    def only(folder: str, numbers: tuple[int, ...]) -> Counter:
        return expected([x for x in want[folder] if _number(x[0]) in numbers])

    assert snapshot(d, "INBOX") == only("INBOX", (2,))
    assert snapshot(d, "Sent") == only("Sent", (3,))
    assert snapshot(d, "Work") == only("Work", (1,))
    assert snapshot(d, "Work/2020") == only("Work/2020", (5,))
    assert snapshot(d, "Archiv") == expected(want["Archiv"])
    again, _ = run_move(src.account(), dst.account(), store, options)
    assert again.ok and again.totals()["copied"] == 0 and again.totals()["skipped"] == 3
    rows = _skipped_reasons(store)
    assert rows == {errors.GMAIL_OTHER_LABEL: 3}
    # verify knows the choice: what an earlier label keeps is not missing.
    result = _verify(src.account(), dst.account(), one_copy=True)
    assert result.ok, result.to_dict()
    assert result.totals()["in_other_label"] == 3 and result.gmail_messages == 5
    assert result.label_copies == 0
    assert _verify(src.account(), dst.account()).totals()["missing"] == 3


def _number(raw: bytes) -> int:
    head = raw.split(b"Message-ID: <m", 1)[1]
    return int(head.split(b".", 1)[0])


def _skipped_reasons(path: Path) -> dict[str, int]:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            "SELECT reason, count(*) FROM messages WHERE state='skipped' GROUP BY reason"
        ).fetchall()
    finally:
        db.close()
    return {r: n for r, n in rows}
