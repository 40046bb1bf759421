"""Gmail as the new mailbox: nothing into its Trash or Spam, names it accepts, a message
several old folders hold stored once (COPY for its other labels), its size limit."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone
from pathlib import Path

from mailmover import doctor
from mailmover.engine.pacing import MB, DailyBudget
from mailmover.engine.transfer import Migration
from tests.support.faultproxy import DROP, Fault, FaultProxy
from tests.support.gmail import SPAM, TRASH, expected, gmail_folders
from tests.support.mailbox import client, message, snapshot
from tests.support.moves import run_move, verify_accounts

_UTC8 = timezone(timedelta(hours=8))
ODD = {"Projects ^2020": "Projects _2020", "Double  space": "Double space"}


def _fill_old(c) -> dict[str, list[tuple[bytes, tuple[bytes, ...], datetime]]]:
    """An ordinary old mailbox (Coremail-like): the same message in INBOX and Work, two
    different messages sharing their headers and size in INBOX and Work, Trash, Spam,
    names Gmail refuses. Returns what each new folder must hold."""
    for f in ("Work", "已删除", "垃圾邮件", *ODD):
        if not c.folder_exists(f):
            c.create_folder(f)
    want: dict[str, list[tuple[bytes, tuple[bytes, ...], datetime]]] = {}

    def put(raw: bytes, folder: str, target: str, flags: tuple[bytes, ...] = ()) -> None:
        when = datetime(2022, 5, 4, 3, 2, tzinfo=_UTC8)
        c.append(folder, raw, flags, when)
        want.setdefault(target, []).append((raw, flags, when))

    same = message(1, body=b"the same message in two folders\r\n")
    put(same, "INBOX", "INBOX", (b"\\Seen",))
    put(same, "Work", "Work", (b"\\Seen",))
    put(message(2, body=b"AAAA version\r\n"), "INBOX", "INBOX")
    put(message(2, body=b"BBBB version\r\n"), "Work", "Work")  # same headers and size
    put(message(3), "已删除", "Old Trash", (b"\\Seen",))
    put(message(4), "垃圾邮件", "Old Spam")
    for i, (old, new) in enumerate(ODD.items(), start=5):
        put(message(i), old, new)
    return want


def test_into_gmail_no_bins_gmails_names_and_one_upload_per_message(
    coremail_server, gmail_server, make_account, tmp_path: Path
):
    src, dst = make_account(coremail_server), make_account(gmail_server)
    want = _fill_old(client(coremail_server, src.user, src.password))
    d = client(gmail_server, dst.user, dst.password)
    gmail_folders(d)

    migration = Migration(src.account(), dst.account(), None)
    try:
        assert migration.planner.target().gmail
        plan = {m.source: m for m in migration.plan()}
        # Into Gmail the upload limit paces the move: about 500 MB a day.
        assert migration.daily_budget() == DailyBudget(500 * MB, own=False)
    finally:
        migration.close()
    assert plan["已删除"].target == "Old Trash" and plan["已删除"].note == "gmail_no_trash"
    assert plan["垃圾邮件"].target == "Old Spam" and plan["垃圾邮件"].include
    for old, new in ODD.items():
        assert plan[old].target == new and plan[old].note == "gmail_renamed"

    literals = Fault(DROP, rb"\{\d{2,}\+?\}\r?\n?$", nth=10**9, direction="c2s")
    with FaultProxy(gmail_server.port, [literals]) as proxy:
        via = dataclasses.replace(dst.account(), port=proxy.port)
        report, _ = run_move(src.account(), via, tmp_path / "job.sqlite")
        assert report.ok, report.to_dict()
        t = report.totals()
        # Message 1 is uploaded once and labelled Work by COPY; the two messages 2
        # differ in their bytes: both are uploaded.
        assert t["copied"] == 7 and t["label_copies"] == 1
        assert literals.seen == 7
        again, _ = run_move(src.account(), via, tmp_path / "job.sqlite")
        assert again.ok and again.totals()["copied"] == again.totals()["label_copies"] == 0
    for folder, items in want.items():
        assert snapshot(d, folder) == expected(items), folder
    assert not snapshot(d, TRASH) and not snapshot(d, SPAM)

    result = verify_accounts(src.account(), dst.account())
    assert result.ok, result.to_dict()


def test_the_pre_flight_check_knows_gmails_size_limit(
    coremail_server, gmail_server, make_account
):
    src, dst = make_account(coremail_server), make_account(gmail_server)
    c = client(coremail_server, src.user, src.password)
    line = b"x" * 998 + b"\r\n"
    c.append("INBOX", message(1, body=line * (36 * 1024 * 1024 // len(line) + 10)))
    c.append("INBOX", message(2))
    gmail_folders(client(gmail_server, dst.user, dst.password))
    findings = {f.code: f for f in doctor.run_doctor(src.account(), dst.account(), probe=False)}
    f = findings[doctor.SIZE_TOO_LARGE]
    assert f.params["count"] == 1 and f.params["limit_source"] == "preset:gmail"
    assert f.params["limit"] == 35 * 1024 * 1024


def test_gmails_upload_limit_mid_move_stops_for_today_and_the_next_run_finishes(
    coremail_server, gmail_server, make_account, tmp_path: Path
):
    """Gmail refuses an APPEND for the day (after storing it, the worst case): the move
    stops (no retry), the next run finds what was stored and copies the rest, once."""
    from mailmover.engine import errors
    from tests.support.faultproxy import REPLACE

    src, dst = make_account(coremail_server), make_account(gmail_server)
    want = _fill_old(client(coremail_server, src.user, src.password))
    d = client(gmail_server, dst.user, dst.password)
    gmail_folders(d)
    said = b"NO [OVERQUOTA] Account exceeded command or bandwidth limits. (Failure)"
    limit = Fault(REPLACE, rb"^\S+ OK \[APPENDUID", nth=2, reply=said)
    store = tmp_path / "job.sqlite"
    with FaultProxy(gmail_server.port, [limit]) as proxy:
        via = dataclasses.replace(dst.account(), port=proxy.port)
        report, _ = run_move(src.account(), via, store)
        assert limit.fired == 1
        assert report.stopped_reason == errors.PROVIDER_DAILY_LIMIT
        assert report.totals()["failed"] == 0  # not the messages' fault
        again, _ = run_move(src.account(), via, store)
    assert again.ok, again.to_dict()
    for folder, items in want.items():
        assert snapshot(d, folder) == expected(items), folder  # nothing missing or doubled


def test_the_pre_flight_check_says_how_many_days_gmails_limits_take(
    coremail_server, gmail_server, make_account
):
    from mailmover.engine.options import MoveOptions
    from mailmover.gui.messages.finding_texts import finding_text

    src, dst = make_account(coremail_server), make_account(gmail_server)
    c = client(coremail_server, src.user, src.password)
    for i in range(6):
        c.append("INBOX", message(i, body=b"z" * 76 + b"\r\n" * 1))
    gmail_folders(client(gmail_server, dst.user, dst.password))
    found = {f.code: f for f in doctor.run_doctor(src.account(), dst.account(), probe=False)}
    f = found[doctor.DAILY_LIMIT]
    assert f.severity == doctor.OK and f.params["days"] == 1 and f.params["per_day"] == "500"
    assert "At Gmail's limits (500 MB a day)" in f.english()
    tight = MoveOptions(max_bytes_per_day=500)
    found = {
        f.code: f
        for f in doctor.run_doctor(src.account(), dst.account(), probe=False, options=tight)
    }
    f = found[doctor.DAILY_LIMIT]
    assert f.severity == doctor.WARNING and f.params["days"] > 1 and f.params["own"]
    text, fix = finding_text(f)
    assert "daily limit chosen" in text and "once a day" in fix
