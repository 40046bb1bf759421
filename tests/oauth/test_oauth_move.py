"""A move with both sides signed in with OAuth 2.0, over real IMAP (Dovecot's oauth2
passdb asks the local issuer about every token): exact, through access tokens expiring
mid-move and every connection cut after that; a second run signs in from the keychain
alone; no token in any file; a revoked sign-in stops before anything is written."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from mailmover.engine import errors
from mailmover.engine.events import MessageCopied
from mailmover.engine.options import MoveOptions
from mailmover.oauth import failures
from mailmover.oauth.flows import SignIn, browser_sign_in, device_sign_in
from mailmover.oauth.provider import OAuthConfig, discover
from mailmover.oauth.session import AccountTokens
from mailmover.oauth.store import KeychainStore
from mailmover.oauth.tokens import TokenSet
from tests.oauth.test_client import browser  # noqa: F401 - the headless browser fixture
from tests.support.faultproxy import FaultProxy
from tests.support.flaky import build, converge, copied, exactness
from tests.support.mailbox import client, count, message
from tests.support.moves import run_move


def _source(issuer, user: str) -> AccountTokens:
    """A run's token source for `user`, reading what the keychain holds."""
    config = OAuthConfig(issuer.url, "mailmover-test", ("imap",))
    return AccountTokens(SignIn(config, discover(config), user), KeychainStore())


def _options(tmp_path: Path) -> MoveOptions:
    return MoveOptions(connections=3, provider_limits=False, backoff_initial=0.05,
                       saved_dir=tmp_path / "saved", spool_dir=tmp_path / "spool",
                       lock_dir=tmp_path / "locks")


def _files_holding(tokens: list[str], *roots: Path) -> list[str]:
    found = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path}" for t in tokens if t.encode() in data]
    return found


def test_move_on_oauth_both_sides_exact_through_expiry_and_cuts(
    oauth_server, issuer, make_account, keychain, browser, tmp_path  # noqa: F811
) -> None:
    s, d = make_account(oauth_server), make_account(oauth_server)
    c = client(oauth_server, s.user, s.password)
    mailbox = build(c, 90, [], seed=25)
    c.logout()
    # The source signs in with the browser, the target with a device code.
    src_tokens, dst_tokens = _source(issuer, s.user), _source(issuer, d.user)
    src_tokens.adopt(browser_sign_in(src_tokens.sign_in, wait=30))

    def approve(_seconds: float) -> None:
        for code in issuer.pending_device_codes():
            issuer.approve_device(code, d.user)

    dst_tokens.adopt(device_sign_in(dst_tokens.sign_in, sleep=approve))
    src = replace(s.account(), password="", oauth=src_tokens)
    dst = replace(d.account(), password="", oauth=dst_tokens)

    before = issuer.refreshes()
    cut: list[int] = []

    def expire_then_cut(ev, trace) -> None:
        if isinstance(ev, MessageCopied) and not cut and copied(trace) >= 25:
            cut.append(copied(trace))
            issuer.expire_access()  # every access token in use is dead at the server now
            sp.sleep(0.2)  # and every connection is cut: they all log in again
            dp.sleep(0.2)

    with FaultProxy(src.port) as sp, FaultProxy(dst.port) as dp:
        trace = converge(replace(src, port=sp.port), replace(dst, port=dp.port),
                         tmp_path / "job.sqlite", _options(tmp_path), mailbox, max_runs=3,
                         on_event=expire_then_cut)
    assert cut and trace.retries >= 1
    assert trace.reports[-1].ok and trace.runs == 1
    check = exactness(s.account(), d.account(), trace.mappings)
    assert (check.missing, check.extra) == (0, 0)
    # Several connections per side logged in again together: one refresh per account.
    assert (src_tokens.refreshes, dst_tokens.refreshes) == (1, 1)
    assert issuer.refreshes() - before == 2
    log = (oauth_server.base / "dovecot.log").read_text()
    assert f"Login: user=<{s.user}>, method=XOAUTH2" in log
    assert f"Login: user=<{d.user}>, method=XOAUTH2" in log

    # The next run (a new process: nothing in memory) signs in from the keychain alone,
    # with the rotated refresh token the first run saved.
    issuer.expire_access()
    src2 = replace(src, oauth=_source(issuer, s.user))
    dst2 = replace(dst, oauth=_source(issuer, d.user))
    report, _events = run_move(src2, dst2, tmp_path / "job.sqlite", _options(tmp_path))
    totals = report.totals()
    assert report.ok and totals["copied"] == 0
    assert totals["present"] == mailbox.messages
    assert issuer.refreshes() - before == 4

    # No token (access or refresh, any ever issued) in any file of the state or home.
    assert _files_holding(issuer.issued, tmp_path, Path(os.environ["MAILMOVER_HOME"])) == []
    assert any(t in v for v in keychain.entries.values() for t in issuer.issued)  # it is there


def test_a_revoked_sign_in_stops_with_nothing_written(
    oauth_server, issuer, make_account, keychain, tmp_path
) -> None:
    s, d = make_account(oauth_server), make_account(oauth_server)
    c = client(oauth_server, s.user, s.password)
    c.create_folder("Projects")
    for i in range(5):
        c.append("INBOX", message(i))
    c.logout()
    sides = []
    for test in (s, d):
        source = _source(issuer, test.user)
        access, refresh = issuer.issue(test.user)
        now = time.time()
        source.adopt(TokenSet(access, refresh, expires_at=now + 3600, obtained_at=now))
        sides.append(replace(test.account(), password="", oauth=source))
    logins = oauth_server.logins(s.user)  # the test's own, with the password
    issuer.revoke(s.user)  # e.g. the person changed the password, or IT revoked sessions
    with pytest.raises(errors.ConnectError) as caught:
        run_move(sides[0], sides[1], tmp_path / "job.sqlite", _options(tmp_path))
    assert caught.value.code == failures.SIGN_IN_AGAIN
    assert "Sign in again" in str(caught.value)
    target = client(oauth_server, d.user, d.password)
    assert count(target, "INBOX") == 0
    assert not target.folder_exists("Projects")
    assert oauth_server.logins(s.user) == logins  # the revoked token never logged in
