"""Gmail's daily limits: a move larger than a day's budget stops cleanly and the next
runs finish it exactly; Gmail saying stop (BYE) stops for today too."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

from mailmover.cli import Output, main
from mailmover.engine import errors, pacing
from mailmover.engine.events import Retrying, Warning
from mailmover.engine.imap.scan import Entry
from mailmover.engine.options import MoveOptions
from mailmover.store import Store
from tests.support.clock import FakeClock
from tests.support.faultproxy import BYE, Fault, FaultProxy
from tests.support.gmail import (
    BANDWIDTH_BYE,
    SESSION_EXPIRED_BYE,
    assert_moved,
    fill_gmail,
)
from tests.support.mailbox import client
from tests.support.moves import run_move, verify_accounts

BODY = (b"y" * 76 + b"\r\n") * 250  # about 19.5 KB a message
BODY_LINE = rb"^\* \d+ FETCH .*BODY\[\]"
DAY = 24 * 3600.0


def _target_roles(c) -> None:
    for name in ("Archiv", "Sent", "Drafts", "Trash", "Junk"):
        if not c.folder_exists(name):
            c.create_folder(name)


def _verify(src, dst) -> None:
    result = verify_accounts(src, dst)
    assert result.ok, result.to_dict()


# -- the budget itself ---------------------------------------------------------------
def _entries(*sizes: int) -> list[Entry]:
    return [Entry(i + 1, size, b"fp%d" % i) for i, size in enumerate(sizes)]


def test_the_budget_counts_the_last_24_hours_and_survives_the_store(tmp_path: Path):
    clock = FakeClock(1000 * 3600.0 + 1800)
    budget = pacing.DailyBudget(100, own=True)
    store = Store(tmp_path / "job.sqlite")
    p = pacing.Pacer(store, budget, clock)
    p.begin_group()
    assert [e.uid for e in p.take(_entries(40, 40, 40, 10))] == [1, 2, 4]
    assert p.held == 1
    p.spent(40)
    p.spent(40)
    p.flush()
    store.close()

    # Another run, 23 hours later: the first run's 80 bytes still count.
    clock.now += 23 * 3600
    store = Store(tmp_path / "job.sqlite")
    p = pacing.Pacer(store, budget, clock)
    assert p.used() == 80 and p.left() == 20
    p.begin_group()
    assert [e.uid for e in p.take(_entries(30, 20))] == [2]
    # It may resume once the first run's hour has left the window.
    assert p.resume_at() == (1000 + 24) * 3600.0
    stop = p.stop()
    assert stop.code == errors.DAILY_LIMIT_OWN and stop.params["waiting"] == "1"
    # A day after the first run nothing counts any more.
    clock.now += 3600
    assert p.used() == 0
    store.close()


def test_a_message_larger_than_a_days_budget_goes_alone_on_a_fresh_day(tmp_path: Path):
    store = Store(tmp_path / "job.sqlite")
    p = pacing.Pacer(store, pacing.DailyBudget(100, own=False), FakeClock(0.0))
    assert [e.uid for e in p.take(_entries(500, 10))] == [1]
    p.spent(500)
    p.begin_group()
    assert p.take(_entries(500, 10)) == [] and p.held == 2
    assert p.stop().code == errors.DAILY_LIMIT_GMAIL
    store.close()


def test_gmails_limits_come_from_the_preset():
    down, up = pacing.gmail_limits()
    assert down == 2500 * pacing.MB and up == 500 * pacing.MB
    assert pacing.daily_budget(None, True, False) == pacing.DailyBudget(down, own=False)
    assert pacing.daily_budget(None, True, True) == pacing.DailyBudget(up, own=False)
    assert pacing.daily_budget(None, False, False) is None
    assert pacing.daily_budget(0, True, True) is None  # --max-mb-per-day 0: no pacing
    assert pacing.daily_budget(7, False, False) == pacing.DailyBudget(7, own=True)
    assert pacing.days_needed(6000 * pacing.MB, pacing.DailyBudget(down, own=False)) == 3
    assert pacing.mb_text(2500 * pacing.MB) == "2,500" and pacing.mb_text(pacing.MB // 20) == "0.05"


# -- a move over several days ----------------------------------------------------------
def test_a_move_larger_than_the_budget_stops_and_the_next_runs_finish_it(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    s = client(gmail_server, src.user, src.password)
    d = client(archive_server, dst.user, dst.password)
    box = fill_gmail(s, body=BODY)
    _target_roles(d)
    store = tmp_path / "job.sqlite"
    clock = FakeClock(500_000 * 3600.0)
    budget = 100_000

    def options() -> MoveOptions:
        return MoveOptions(max_bytes_per_day=budget, clock=clock)

    report, events = run_move(src.account(), dst.account(), store, options())
    t = report.totals()
    assert report.stopped_reason == errors.DAILY_LIMIT_OWN and not report.ok
    assert 0 < t["bytes_copied"] <= budget and t["pending"] > 0
    assert t["copied"] + t["label_copies"] + t["pending"] == t["source_count"]
    said = [e for e in events if isinstance(e, Warning) and e.code == errors.DAILY_LIMIT_OWN]
    assert len(said) == 1 and said[0].params["resume_at"]
    first = t["copied"] + t["label_copies"]

    # Again the same day: the budget used is remembered; nothing more is moved.
    again, _ = run_move(src.account(), dst.account(), store, options())
    assert again.stopped_reason == errors.DAILY_LIMIT_OWN
    assert again.totals()["bytes_copied"] == 0 and again.totals()["present"] == first

    runs = 1
    while True:
        clock.now += DAY + 3600
        report, _ = run_move(src.account(), dst.account(), store, options())
        assert report.totals()["bytes_copied"] <= budget
        runs += 1
        if report.ok:
            break
        assert report.stopped_reason == errors.DAILY_LIMIT_OWN
        assert runs < 20
    assert runs >= 3  # the account is about 300 KB: three days or more at 100 KB
    assert_moved(d, box)  # nothing missing, nothing doubled
    done, _ = run_move(src.account(), dst.account(), store, options())
    assert done.ok and done.totals()["copied"] == 0
    _verify(src.account(), dst.account())


def test_gmail_saying_bandwidth_exceeded_stops_for_today_and_the_next_run_finishes(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    s = client(gmail_server, src.user, src.password)
    d = client(archive_server, dst.user, dst.password)
    box = fill_gmail(s)
    _target_roles(d)
    store = tmp_path / "job.sqlite"
    fault = Fault(BYE, BODY_LINE, nth=4, reply=BANDWIDTH_BYE)
    with FaultProxy(gmail_server.port, [fault]) as proxy:
        via = dataclasses.replace(src.account(), port=proxy.port)
        report, events = run_move(via, dst.account(), store)
        assert fault.fired == 1
        assert report.stopped_reason == errors.PROVIDER_DAILY_LIMIT
        assert report.totals()["pending"] > 0
        said = [e for e in events if isinstance(e, Warning)]
        assert any(e.code == errors.PROVIDER_DAILY_LIMIT for e in said)
        assert not any(isinstance(e, Retrying) for e in events)  # no hammering
        report, _ = run_move(via, dst.account(), store)
    assert report.ok, report.to_dict()
    assert_moved(d, box)


def test_one_session_expired_is_a_reconnect_twice_at_once_stops_for_today(
    gmail_server, archive_server, make_account, tmp_path: Path
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    s = client(gmail_server, src.user, src.password)
    d = client(archive_server, dst.user, dst.password)
    box = fill_gmail(s)
    _target_roles(d)
    fast = MoveOptions(backoff_initial=0.01, connections=1)
    once = Fault(BYE, BODY_LINE, nth=2, reply=SESSION_EXPIRED_BYE)
    with FaultProxy(gmail_server.port, [once]) as proxy:
        via = dataclasses.replace(src.account(), port=proxy.port)
        report, events = run_move(via, dst.account(), tmp_path / "a.sqlite", fast)
    assert once.fired == 1 and any(isinstance(e, Retrying) for e in events)
    assert report.ok, report.to_dict()
    assert_moved(d, box)

    dst2 = make_account(archive_server)
    _target_roles(client(archive_server, dst2.user, dst2.password))
    always = Fault(BYE, BODY_LINE, nth=1, repeat=100, reply=SESSION_EXPIRED_BYE)
    with FaultProxy(gmail_server.port, [always]) as proxy:
        via = dataclasses.replace(src.account(), port=proxy.port)
        report, _ = run_move(via, dst2.account(), tmp_path / "b.sqlite", fast)
    assert always.fired == 2  # one reconnect, then stopped
    assert report.stopped_reason == errors.PROVIDER_DAILY_LIMIT


# -- the command line --------------------------------------------------------------
def test_the_cli_plans_in_days_stops_with_exit_7_and_remembers_the_day(
    gmail_server, archive_server, make_account, tmp_path: Path, monkeypatch
):
    src, dst = make_account(gmail_server), make_account(archive_server)
    fill_gmail(client(gmail_server, src.user, src.password), body=BODY)
    _target_roles(client(archive_server, dst.user, dst.password))
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
    state = ["--state-dir", str(tmp_path / "state")]

    out = io.StringIO()
    assert main(["migrate", "--dry-run", src.url, dst.url, *state], Output(out, out)) == 0
    assert "at Gmail's limits (2,500 MB a day) this takes about 1 day" in out.getvalue()

    def migrate() -> tuple[int, str]:
        monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
        monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
        out = io.StringIO()
        args = ["migrate", src.url, dst.url, *state, "--max-mb-per-day", "0.1"]
        return main(args, Output(out, out)), out.getvalue()

    code, text = migrate()
    assert code == 7, text
    planned = r"at the daily limit you chose \(0\.1 MB a day\) this takes about [3-5] days"
    assert re.search(planned, text)
    assert "The daily limit you chose (0.1 MB) is used up" in text
    assert "Run the same command again after" in text
    code, text = migrate()  # the same day: stopped at once, nothing copied
    assert code == 7, text
    total = next(line for line in text.splitlines() if line.startswith("total"))
    assert total.split()[2] == "0", total


def test_gmails_stop_answers_are_classified():
    import imaplib

    from mailmover.engine.imap import faults

    scope = faults.Scope("imap.gmail.com", "INBOX", (7,))
    f = faults.classify(imaplib.IMAP4.abort(BANDWIDTH_BYE.decode()), scope)
    assert isinstance(f, faults.StoppedForToday) and isinstance(f, errors.StopMove)
    assert f.code == errors.PROVIDER_DAILY_LIMIT
    said = "[OVERQUOTA] Account exceeded command or bandwidth limits. (Failure)"
    assert isinstance(faults.append_refusal(said, scope), faults.StoppedForToday)
    assert faults.append_refusal("[OVERQUOTA] Mailbox is full", scope).code == errors.OVER_QUOTA
    assert isinstance(faults.refusal(said, faults.Scope("h")), faults.StoppedForToday)
    f = faults.classify(imaplib.IMAP4.abort(SESSION_EXPIRED_BYE.decode()), scope)
    assert isinstance(f, faults.SessionExpired) and isinstance(f, errors.TransientError)
    assert faults.classify(imaplib.IMAP4.abort("Server shutting down"), scope).code == (
        errors.CONNECTION_LOST
    )


def test_a_sign_in_refused_for_the_daily_limits_stops_for_today_not_wrong_password(
    gmail_server, archive_server, make_account, tmp_path: Path, monkeypatch
):
    from tests.support.faultproxy import REFUSE

    src, dst = make_account(gmail_server), make_account(archive_server)
    fill_gmail(client(gmail_server, src.user, src.password))
    said = b"NO [ALERT] Account exceeded command or bandwidth limits. (Failure)"
    locked = Fault(REFUSE, rb"^\S+ (LOGIN|AUTHENTICATE) ", direction="c2s", reply=said, repeat=9)
    with FaultProxy(gmail_server.port, [locked]) as proxy:
        monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
        monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
        out = io.StringIO()
        url = f"imap+plain://{src.user}@127.0.0.1:{proxy.port}"
        code = main(["migrate", url, dst.url, "--state-dir", str(tmp_path)], Output(out, out))
    text = out.getvalue()
    assert locked.fired >= 1
    assert code == 7, text
    assert "will not give or take more mail today" in text
    assert "user name or password" not in text


def test_the_time_to_run_again_leaves_room_for_the_smallest_waiting_message(tmp_path: Path):
    clock = FakeClock(2000 * 3600.0)
    store = Store(tmp_path / "job.sqlite")
    p = pacing.Pacer(store, pacing.DailyBudget(100, own=True), clock)
    p.spent(30)  # hour 2000
    clock.now += 5 * 3600
    p.spent(60)  # hour 2005
    p.begin_group()
    assert p.take(_entries(50)) == [] and p.smallest_held == 50
    # Hour 2000's 30 bytes leaving is not enough for 50 (90 - 30 = 60 > 50): hour 2005's.
    assert p.resume_at() == (2005 + 24) * 3600.0
    p.begin_group()
    assert p.take(_entries(20)) == []
    assert p.resume_at() == (2000 + 24) * 3600.0
    store.close()
