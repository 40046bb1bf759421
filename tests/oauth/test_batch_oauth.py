"""`mailmover batch` with both sides on OAuth 2.0, sign-ins prepared ahead with
`mailmover login` (the headless browser standing in for each person), over real IMAP
(Dovecot's oauth2 passdb asks the local issuer about every token).

An account nobody signed in, and one whose sign-in was withdrawn, fail alone with the
`mailmover login …` command to run; the others move exactly; nothing opens a browser or
asks for a device code during a batch; tokens refresh themselves (one refresh per
account for all its connections, the rotated refresh token kept for the next run); no
token in any file."""

from __future__ import annotations

import io
import json
import re
import shlex
import time
from pathlib import Path

import pytest

from mailmover.batch import cli as batch_cli
from mailmover.cli import Output, main
from tests.batch.conftest import content, write_csv
from tests.oauth.test_client import browser  # noqa: F401 - the headless browser fixture
from tests.support.mailbox import client, message


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Output(out, err))
    return code, out.getvalue(), err.getvalue()


def _login_options(issuer) -> list[str]:
    return ["--oauth-issuer", issuer.url, "--oauth-client-id", "mailmover-test",
            "--oauth-scope", "imap"]


def _batch(csv_path: Path, server, tmp_path: Path, issuer, *extra: str) -> tuple[int, str, dict]:
    out, err = io.StringIO(), io.StringIO()
    url = f"imap+plain://127.0.0.1:{server.port}"
    argv = ["batch", str(csv_path), "--source", url, "--target", url,
            "--state-dir", str(tmp_path / "state"), "--summary", str(tmp_path / "summary.csv"),
            "--connections", "3"]
    for side in ("source", "target"):
        argv += [f"--{side}-oauth-issuer", issuer.url, f"--{side}-oauth-client-id",
                 "mailmover-test", f"--{side}-oauth-scope", "imap"]
    code = batch_cli.main([*argv, *extra], Output(out, err))
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    return code, out.getvalue() + err.getvalue(), summary


def _row(summary: dict, user: str) -> dict:
    return next(r for r in summary["accounts"] if r["source_user"] == user)


def _files_holding(tokens: list[str], root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file()
            for t in tokens if t.encode() in p.read_bytes()]


def _login_commands(sentence: str) -> list[list[str]]:
    """The `mailmover login …` commands a failed account's sentence names."""
    return [shlex.split(m) for m in re.findall(r"mailmover login ([^;)]+)", sentence)]


def test_a_department_on_oauth_with_sign_ins_prepared_ahead(
    oauth_server, issuer, make_account, keychain, browser, tmp_path, monkeypatch  # noqa: F811
) -> None:
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    for name in ("SOURCE", "TARGET"):
        monkeypatch.delenv(f"MAILMOVER_{name}_PASSWORD", raising=False)
    accounts = [(make_account(oauth_server), make_account(oauth_server)) for _ in range(4)]
    for i, (s, _) in enumerate(accounts):
        c = client(oauth_server, s.user, s.password)
        c.create_folder("Projects")
        for n in range(10 + i):
            c.append("INBOX" if n % 3 else "Projects", message(100 * i + n))
        c.logout()
    # The help desk prepares accounts 0, 1 and 3 (each person signs in once, both
    # sides); nobody prepared account 2.
    for i in (0, 1, 3):
        for acc in accounts[i]:
            code, out, err = _cli("login", acc.url, *_login_options(issuer))
            assert code == 0, err
    assert browser.read_text().count("200 ") == 6
    issuer.revoke(accounts[3][0].user)  # account 3's person changed the password
    issuer.expire_access()  # the prepared access tokens are dead: the batch refreshes
    before = issuer.refreshes()
    authorize_before = len(issuer.authorize_requests)
    rows = [{"source_user": s.user, "target_user": d.user} for s, d in accounts]
    csv_path = write_csv(tmp_path / "staff.csv", rows)

    code, said, summary = _batch(csv_path, oauth_server, tmp_path, issuer)
    assert code == 1, said
    assert [r["state"] for r in summary["accounts"]] == ["done", "done", "failed", "failed"]
    # Never a browser, never a device code during the batch.
    assert browser.read_text().count("200 ") == 6
    assert len(issuer.authorize_requests) == authorize_before
    assert issuer.pending_device_codes() == [] and "enter the code" not in said
    for s, d in accounts[:2]:
        assert content(oauth_server, d.user, d.password) == content(oauth_server, s.user,
                                                                    s.password)
    log = (oauth_server.base / "dovecot.log").read_text()
    assert f"Login: user=<{accounts[0][1].user}>, method=XOAUTH2" in log
    # One refresh per account side, whatever the number of connections (3 pairs each).
    assert issuer.refreshes() - before >= 4

    # The two that failed, each alone, in a plain sentence with the command to run.
    s2, d2 = accounts[2]
    unprepared = _row(summary, s2.user)
    assert unprepared["error_code"] == "oauth.not_signed_in"
    assert f"{s2.user} is not signed in yet. Run: mailmover login {s2.account().url}" in (
        unprepared["first_error"])
    assert f"; {d2.user} is not signed in yet" in unprepared["first_error"]
    withdrawn = _row(summary, accounts[3][0].user)
    assert withdrawn["error_code"] == "oauth.sign_in_again"
    assert (f"The sign-in for {accounts[3][0].user} has expired or was withdrawn. Sign in "
            "again (mailmover login") in withdrawn["first_error"]
    for _, d in accounts[2:]:
        assert not content(oauth_server, d.user, d.password)
    assert "not signed in ahead (mailmover login): 1 of 4 accounts" in said
    assert "2 accounts need a sign-in first" in said
    assert "not signed in" in (tmp_path / "summary.html").read_text(encoding="utf-8")

    # The next run: the rotated refresh tokens were kept (rotation retired the old
    # ones), account 3's withdrawn sign-in was dropped from the keychain.
    issuer.expire_access()
    before = issuer.refreshes()
    code, said, summary = _batch(csv_path, oauth_server, tmp_path, issuer)
    assert code == 1, said
    assert [r["state"] for r in summary["accounts"]] == ["done", "done", "failed", "failed"]
    assert issuer.refreshes() - before == 4  # 2 accounts x 2 sides, 3 connections each
    assert summary["totals"]["already_there"] == 10 + 11 and summary["totals"]["copied"] == 0
    assert _row(summary, accounts[3][0].user)["error_code"] == "oauth.not_signed_in"

    # The help desk runs exactly the commands the summary names; then everything moves.
    for sentence in (_row(summary, s2.user)["first_error"],
                     _row(summary, accounts[3][0].user)["first_error"]):
        commands = _login_commands(sentence)
        assert commands, sentence
        for words in commands:
            code, out, err = _cli("login", *words)
            assert code == 0, err
    code, said, summary = _batch(csv_path, oauth_server, tmp_path, issuer)
    assert code == 0, said
    assert [r["state"] for r in summary["accounts"]] == ["done"] * 4
    for s, d in accounts:
        assert content(oauth_server, d.user, d.password) == content(oauth_server, s.user,
                                                                    s.password)
    # No token (access or refresh, any ever issued) in the state, summary, reports, home.
    assert _files_holding(issuer.issued, tmp_path) == []
    assert any(t in v for v in keychain.entries.values() for t in issuer.issued)


def test_oauth_settings_problems_are_found_before_anything_moves(
    oauth_server, issuer, make_account, keychain, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "x")
    s, d = make_account(oauth_server), make_account(oauth_server)
    rows = [{"source_user": s.user, "target_user": d.user, "source_auth": "oauth",
             "target_auth": "password", "target_password": d.password},
            {"source_user": "b", "target_user": "c", "source_auth": "maybe",
             "target_auth": "", "target_password": "x"}]
    csv_path = write_csv(tmp_path / "staff.csv", rows)
    out, err = io.StringIO(), io.StringIO()
    url = f"imap+plain://127.0.0.1:{oauth_server.port}"
    code = batch_cli.main(["batch", str(csv_path), "--source", url, "--target", url,
                           "--state-dir", str(tmp_path / "state")], Output(out, err))
    assert code == 2
    assert "line 3: source_auth is 'maybe'; write oauth, password or nothing" in err.getvalue()

    rows.pop()
    write_csv(csv_path, rows)
    err = io.StringIO()
    code = batch_cli.main(["batch", str(csv_path), "--source", url, "--target", url,
                           "--state-dir", str(tmp_path / "state")], Output(out, err))
    assert code == 2
    assert "line 2 signs in to the source with OAuth, but no sign-in service" in err.getvalue()
    assert "nothing was moved" in err.getvalue()

    # A password given for a side on OAuth: said, not silently ignored.
    rows[0]["target_auth"] = ""
    write_csv(csv_path, rows)
    err = io.StringIO()
    code = batch_cli.main(["batch", str(csv_path), "--source", url, "--target", url,
                           "--state-dir", str(tmp_path / "state"),
                           "--target-oauth-issuer", issuer.url, "--target-oauth-client-id",
                           "mailmover-test", "--target-oauth-scope", "imap"],
                          Output(out, err))
    assert code == 2
    assert ("line 2: a target password is given, but the target signs in with OAuth: leave "
            "the password out, or write password in the target_auth column") in err.getvalue()
    assert not content(oauth_server, d.user, d.password)


def test_no_keychain_stops_an_oauth_batch_before_anything_moves(
    oauth_server, issuer, make_account, tmp_path, monkeypatch
) -> None:
    import keyring
    import keyring.backends.fail

    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "x")
    s, d = make_account(oauth_server), make_account(oauth_server)
    csv_path = write_csv(tmp_path / "staff.csv", [{"source_user": s.user, "target_user": d.user}])
    url = f"imap+plain://127.0.0.1:{oauth_server.port}"
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        out, err = io.StringIO(), io.StringIO()
        code = batch_cli.main(["batch", str(csv_path), "--source", url, "--target", url,
                               "--state-dir", str(tmp_path / "state"),
                               "--source-oauth-issuer", issuer.url, "--source-oauth-client-id",
                               "mailmover-test", "--source-oauth-scope", "imap"],
                              Output(out, err))
    finally:
        keyring.set_keyring(previous)
    assert code == 2
    assert "this computer has none" in err.getvalue()
    assert not content(oauth_server, d.user, d.password)


def test_the_profile_names_the_issuer_and_login_is_told_its_values(
    oauth_server, issuer, make_account, keychain, browser, tmp_path, monkeypatch  # noqa: F811
) -> None:
    """The campus issuer comes from the institution profile (old_server); the target
    signs in with passwords. The command a failed account names works as written, even
    though `--profile` would have to come before `login`."""
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    s, d = make_account(oauth_server), make_account(oauth_server)
    c = client(oauth_server, s.user, s.password)
    for n in range(7):
        c.append("INBOX", message(n))
    c.logout()
    profile = tmp_path / "profile.toml"
    profile.write_text(
        f'[old_server]\npreset = "generic"\nhost = "127.0.0.1"\n'
        f'oauth_issuer = "{issuer.url}"\noauth_client_id = "mailmover-test"\n'
        f'oauth_scopes = ["imap"]\n',
        encoding="utf-8",
    )
    csv_path = write_csv(tmp_path / "staff.csv", [
        {"source_user": s.user, "target_user": d.user, "target_password": d.password}])
    url = f"imap+plain://127.0.0.1:{oauth_server.port}"
    argv = ["--profile", str(profile), "batch", str(csv_path), "--source", url, "--target",
            url, "--state-dir", str(tmp_path / "state"), "--summary", str(tmp_path / "s.csv")]
    code, out, err = _cli(*argv)
    assert code == 1, out + err
    row = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["accounts"][0]
    assert row["state"] == "failed" and d.user not in row["first_error"]
    [words] = _login_commands(row["first_error"])
    assert words[1:] == ["--oauth-issuer", issuer.url, "--oauth-client-id", "mailmover-test",
                         "--oauth-scope", "imap"]
    assert _cli("login", *words)[0] == 0  # no --profile needed
    code, out, err = _cli(*argv)
    assert code == 0, out + err
    assert content(oauth_server, d.user, d.password) == content(oauth_server, s.user, s.password)
    assert d.password not in out + err + (tmp_path / "s.csv").read_text(encoding="utf-8")


def test_microsoft_from_the_preset_needs_only_the_institutions_client_id(keychain) -> None:
    """No network: which accounts sign in how, and what login is told to do."""
    import argparse

    from mailmover.batch import signins
    from mailmover.batch.accounts import BatchInputError, Credentials, Row, build_jobs, parse_server
    from mailmover.engine import Account

    parser = argparse.ArgumentParser()
    batch_cli.add_parser(parser.add_subparsers(dest="command"))

    def jobs(*options: str, rows: list[Row]):
        args = parser.parse_args(["batch", "x.csv", "--source", "imaps://mail.uni.example",
                                  "--target", "imaps://outlook.office365.com", *options])
        servers = {"source": parse_server(args.source), "target": parse_server(args.target)}
        oauth = signins.SignIns(args, servers)
        creds = {"source": Credentials(shared_password="pw"), "target": Credentials()}
        return build_jobs(rows, servers, creds, csv_dir=Path("."), sign_in=oauth,
                          template=Account(host="", user=""))

    row = Row(2, "a@uni.example", "a@uni.example")
    with pytest.raises(BatchInputError, match="No app registration") as caught:
        jobs(rows=[row, Row(3, "b@uni.example", "b@uni.example"),
                   Row(4, "c@uni.example", "c@uni.example")])
    assert len(caught.value.problems) == 1  # once for the side, not once per row
    [job] = jobs("--target-oauth-client-id", "app-1", rows=[row])
    assert job.source.oauth is None and job.source.password == "pw"
    tokens = job.target.oauth
    assert tokens is not None and tokens.sign_in.config.issuer == (
        "https://login.microsoftonline.com/organizations/v2.0")
    assert tokens.sign_in.url == (
        "imaps://a%40uni.example@outlook.office365.com:993 --oauth-client-id app-1")
    # The same person on two rows (two old mailboxes into one new one is refused, but
    # one old into two new is not): one token source, so one refresh for both.
    twice = jobs("--source-oauth-issuer", "https://login.microsoftonline.com/uni.example/v2.0",
                 "--source-oauth-client-id", "app-1", "--target-oauth-client-id", "app-1",
                 "--source", "imaps://outlook.office365.com",
                 rows=[Row(2, "a@uni.example", "a@uni.example"),
                       Row(3, "a@uni.example", "b@uni.example")])
    assert twice[0].source.oauth is twice[1].source.oauth
    assert twice[0].target.oauth is not twice[1].target.oauth


def test_access_tokens_dying_mid_batch_and_every_connection_cut(
    oauth_server, issuer, make_account, keychain, browser, tmp_path, monkeypatch  # noqa: F811
) -> None:
    """The server stops accepting the access tokens in use and every connection is cut
    while an account moves: its connections log in again, sharing one refresh per
    side, and the move ends exact within the same run."""
    import threading

    from tests.batch.conftest import fill
    from tests.support.faultproxy import FaultProxy
    from tests.support.mailbox import count

    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    s, d = make_account(oauth_server), make_account(oauth_server)
    fill(oauth_server, s, 300, seed=9)
    for acc in (s, d):
        assert _cli("login", acc.url, *_login_options(issuer))[0] == 0
    csv_path = write_csv(tmp_path / "staff.csv", [{"source_user": s.user, "target_user": d.user}])
    cut = threading.Event()
    logins = oauth_server.logins(s.user)

    with FaultProxy(oauth_server.port) as sp, FaultProxy(oauth_server.port) as dp:
        def watch() -> None:
            watcher = client(oauth_server, d.user, d.password)
            try:
                while not cut.is_set():
                    if count(watcher, "INBOX") >= 1:
                        issuer.expire_access()  # dead at the server from now on
                        sp.sleep(0.2)
                        dp.sleep(0.2)
                        cut.set()
                    time.sleep(0.02)
            finally:
                watcher.logout()

        watching = threading.Thread(target=watch, daemon=True)
        watching.start()
        before = issuer.refreshes()
        out, err = io.StringIO(), io.StringIO()
        argv = ["batch", str(csv_path), "--source", f"imap+plain://127.0.0.1:{sp.port}",
                "--target", f"imap+plain://127.0.0.1:{dp.port}", "--connections", "3",
                "--state-dir", str(tmp_path / "state"), "--summary", str(tmp_path / "s.csv")]
        for side in ("source", "target"):
            argv += [f"--{side}-oauth-issuer", issuer.url, f"--{side}-oauth-client-id",
                     "mailmover-test", f"--{side}-oauth-scope", "imap"]
        code = batch_cli.main(argv, Output(out, err))
        cut.set()
        watching.join(5)
    assert code == 0, out.getvalue() + err.getvalue()
    assert issuer.refreshes() - before == 2  # one per side, for 3 connections each
    assert oauth_server.logins(s.user) - logins > 3  # they did log in again
    assert content(oauth_server, d.user, d.password) == content(oauth_server, s.user, s.password)
    assert _files_holding(issuer.issued, tmp_path) == []
