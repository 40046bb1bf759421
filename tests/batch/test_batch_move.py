"""`mailmover batch` against real Dovecot: many accounts, exact, resumable, one summary."""

from __future__ import annotations

import time
from pathlib import Path

from tests.batch.conftest import content, mode, pairs, rows_with_passwords, write_csv

ACCOUNTS = 40
PER_ACCOUNT = 100


def test_forty_accounts_move_exactly_and_a_rerun_changes_nothing(
    coremail_server, exmail_server, make_account, run_batch, tmp_path
):
    accounts = pairs(make_account, coremail_server, exmail_server, ACCOUNTS)
    from tests.batch.conftest import fill

    for i, (src, _) in enumerate(accounts):
        fill(coremail_server, src, PER_ACCOUNT, seed=i)
    csv_path = write_csv(tmp_path / "staff.csv", rows_with_passwords(accounts))

    started = time.monotonic()
    # More workers than the cap lets run: the cap, not --parallel, must bound connections.
    first = run_batch(
        csv_path, coremail_server, exmail_server, "--parallel", "12", "--max-per-server", "6"
    )
    took = time.monotonic() - started
    assert first.code == 0, first.out + first.err
    assert first.states == {"done": ACCOUNTS}
    assert first.summary is not None
    t = first.summary["totals"]
    assert t["source_messages"] == t["copied"] == ACCOUNTS * PER_ACCOUNT
    assert t["failed"] == t["pending"] == t["already_there"] == 0
    # The global cap held, and accounts really ran side by side under it.
    peaks = first.summary["batch"]["connection_peaks"]
    caps = first.summary["batch"]["connection_caps"]
    assert set(peaks) == set(caps) and len(caps) == 2
    for key, peak in peaks.items():
        assert 2 <= peak <= caps[key] == 6, (key, peak)

    # Per account: the whole mailbox arrived, bytes, flags and dates, nothing doubled.
    before = {}
    for src, dst in accounts:
        want = content(coremail_server, src.user, src.password)
        got = content(exmail_server, dst.user, dst.password)
        assert sum(want.values()) == PER_ACCOUNT
        assert got == want, src.user
        before[dst.user] = got

    # Each account's report is linked from the summary and adds up.
    row = first.account(accounts[7][0].user)
    assert row["copied"] == PER_ACCOUNT and Path(row["report"]).exists()
    html = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert html.count("<tr class=") == ACCOUNTS and accounts[7][0].user in html
    assert "s-7-pw" not in html + first.out + first.err  # passwords never in the output

    again = run_batch(csv_path, coremail_server, exmail_server, "--verify")
    assert again.code == 0, again.out + again.err
    assert again.states == {"done": ACCOUNTS}
    assert again.summary is not None
    t = again.summary["totals"]
    assert t["copied"] == 0 and t["already_there"] == ACCOUNTS * PER_ACCOUNT
    assert {r["verified"] for r in again.summary["accounts"]} == {"yes"}
    for _, dst in accounts:
        assert content(exmail_server, dst.user, dst.password) == before[dst.user]
    print(f"40 accounts x {PER_ACCOUNT} messages: {took:.1f} s")


def test_a_wrong_password_is_reported_and_the_rest_finish(
    coremail_server, exmail_server, make_account, run_batch, tmp_path
):
    accounts = pairs(make_account, coremail_server, exmail_server, 5, per_account=20)
    rows = rows_with_passwords(accounts)
    rows[2]["source_password"] = "not-the-password"
    csv_path = write_csv(tmp_path / "staff.csv", rows)
    result = run_batch(csv_path, coremail_server, exmail_server, "--parallel", "3")
    assert result.code == 1, result.out + result.err
    assert result.states == {"done": 4, "failed": 1}
    bad = result.account(accounts[2][0].user)
    assert bad["state"] == "failed" and bad["copied"] == 0
    assert "did not accept the user name or password" in bad["first_error"]
    assert "not-the-password" not in result.out + result.err + str(result.summary)
    for i, (src, dst) in enumerate(accounts):
        got = content(exmail_server, dst.user, dst.password)
        if i == 2:
            assert not got
        else:
            assert got == content(coremail_server, src.user, src.password)
    # The failed account is listed first in the help desk's page.
    html = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert html.index('<tr class="failed">') < html.index('<tr class="done">')


def test_two_shards_cover_every_account_exactly_once(
    coremail_server, exmail_server, make_account, run_batch, tmp_path
):
    accounts = pairs(make_account, coremail_server, exmail_server, 12, per_account=10)
    csv_path = write_csv(tmp_path / "staff.csv", rows_with_passwords(accounts))
    seen: list[str] = []
    for k in (1, 2):
        summary = tmp_path / f"summary-{k}.csv"
        part = run_batch(
            csv_path, coremail_server, exmail_server, "--shard", f"{k}/2", "--summary", str(summary)
        )
        assert part.code == 0, part.out + part.err
        assert part.summary is not None and part.summary["batch"]["shard"] == f"{k}/2"
        assert set(part.states) == {"done"}
        assert 0 < len(part.summary["accounts"]) < 12
        seen += [row["source_user"] for row in part.summary["accounts"]]
    assert sorted(seen) == sorted(s.user for s, _ in accounts)
    for src, dst in accounts:
        assert content(exmail_server, dst.user, dst.password) == content(
            coremail_server, src.user, src.password
        )


def test_administrator_login_moves_without_the_users_passwords(
    coremail_server, master_server, make_account, run_batch, tmp_path, monkeypatch
):
    master_server.add_master("postmaster", "Adm1n pw")
    accounts = pairs(make_account, coremail_server, master_server, 3, per_account=15)
    rows = [{"source_user": s.user, "target_user": t.user} for s, t in accounts]
    csv_path = write_csv(tmp_path / "staff.csv", rows)
    csv_path.chmod(0o644)  # no passwords in it: readable is fine
    # Source: one password shared by the rows (each test account has its own, so use a
    # file per row); target: the administrator.
    for i, (src, _) in enumerate(accounts):
        (tmp_path / f"pw{i}").write_text(src.password + "\n", encoding="utf-8")
        (tmp_path / f"pw{i}").chmod(0o600)
        rows[i]["source_password_file"] = f"pw{i}"
    csv_path = write_csv(tmp_path / "staff.csv", rows)

    monkeypatch.setenv("MAILMOVER_TARGET_ADMIN_PASSWORD", "wrong")
    refused = run_batch(csv_path, coremail_server, master_server, "--target-admin", "postmaster",
                        "--password-dir", str(tmp_path))
    assert refused.code == 1 and refused.states == {"failed": 3}
    assert all(not content(master_server, t.user, t.password) for _, t in accounts)

    monkeypatch.setenv("MAILMOVER_TARGET_ADMIN_PASSWORD", "Adm1n pw")
    result = run_batch(csv_path, coremail_server, master_server, "--target-admin", "postmaster",
                       "--password-dir", str(tmp_path))
    assert result.code == 0, result.out + result.err
    assert result.states == {"done": 3}
    for src, dst in accounts:
        assert content(master_server, dst.user, dst.password) == content(
            coremail_server, src.user, src.password
        )
    assert "Adm1n" not in result.out + result.err + str(result.summary)
    assert mode(csv_path) == 0o600


def test_an_account_another_move_is_filling_is_reported_and_the_rest_finish(
    coremail_server, exmail_server, make_account, run_batch, tmp_path
):
    from mailmover import paths
    from mailmover.engine.lock import MoveLock

    accounts = pairs(make_account, coremail_server, exmail_server, 3, per_account=10)
    csv_path = write_csv(tmp_path / "staff.csv", rows_with_passwords(accounts))
    busy = accounts[1][1].account()
    # The wizard (or a `migrate` in another window) is moving into the second target.
    with MoveLock(paths.data_dir() / "locks", busy.key):
        result = run_batch(csv_path, coremail_server, exmail_server)
    assert result.code == 1, result.out + result.err
    assert result.states == {"done": 2, "failed": 1}
    row = result.account(accounts[1][0].user)
    assert row["error_code"] == "move.in_progress" and "Another move into" in row["first_error"]
    assert not content(exmail_server, busy.user, accounts[1][1].password)
    # Once the other move is over, a rerun finishes it.
    again = run_batch(csv_path, coremail_server, exmail_server)
    assert again.code == 0 and again.states == {"done": 3}
    assert again.account(accounts[1][0].user)["copied"] == 10
