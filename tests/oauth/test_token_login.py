"""Signing in with a real OAuth2 token over real IMAP: Dovecot's oauth2 passdb asks the
local issuer about the token (introspection) at AUTHENTICATE."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest

from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.faults import SignInRefused
from mailmover.oauth import failures
from tests.support.oauth_issuer import LocalIssuer


@dataclass
class IssuedTokens:
    """Hands out tokens the local issuer issued, in order; counts invalidations."""

    user: str
    tokens: list[str]
    invalidated: int = 0
    asked: list[float | None] = field(default_factory=list)

    def access_token(self, min_life: float | None = None) -> str:
        self.asked.append(min_life)
        return self.tokens[min(self.invalidated, len(self.tokens) - 1)]

    def invalidate(self) -> None:
        self.invalidated += 1


def _account(make_account, server, issuer: LocalIssuer, *lifetimes: float, user: str = ""):
    test = make_account(server)
    owner = user or test.user
    tokens = [issuer.issue(owner, lifetime=life)[0] for life in lifetimes]
    source = IssuedTokens(test.user, tokens)
    return replace(test.account(), password="", oauth=source), source, test


def test_xoauth2_login_with_a_real_token(oauth_server, issuer, make_account) -> None:
    account, source, test = _account(make_account, oauth_server, issuer, 3600)
    before = issuer.introspections
    with connect(account) as conn:
        assert conn.capabilities  # signed in: the post-login capabilities came
    assert issuer.introspections > before  # Dovecot asked the issuer, not a mock
    assert oauth_server.logins(test.user) == 1
    log = (oauth_server.base / "dovecot.log").read_text()
    assert f"Login: user=<{test.user}>, method=XOAUTH2" in log
    assert source.invalidated == 0


def test_oauthbearer_where_only_it_is_offered(bearer_server, issuer, make_account) -> None:
    account, source, test = _account(make_account, bearer_server, issuer, 3600)
    with connect(account):
        pass
    log = (bearer_server.base / "dovecot.log").read_text()
    assert f"Login: user=<{test.user}>, method=OAUTHBEARER" in log


def test_a_token_of_another_account_is_refused(oauth_server, issuer, make_account) -> None:
    other = make_account(oauth_server)
    account, source, test = _account(
        make_account, oauth_server, issuer, 3600, 3600, user=other.user
    )
    with pytest.raises(SignInRefused) as caught:
        connect(account)
    assert caught.value.code == failures.MAILBOX_REFUSED
    assert f"Check that you signed in as {test.user}" in str(caught.value)
    assert source.invalidated == 1  # tried a fresh one once, then gave up
    assert oauth_server.logins(test.user) == 0


def test_an_expired_token_is_replaced_once(oauth_server, issuer, make_account) -> None:
    # The first token's life is over when Dovecot asks about it; the second is fresh.
    account, source, test = _account(make_account, oauth_server, issuer, 0, 3600)
    with connect(account):
        pass
    assert source.invalidated == 1
    assert oauth_server.logins(test.user) == 1


def test_a_revoked_sign_in_is_refused(oauth_server, issuer, make_account) -> None:
    account, source, test = _account(make_account, oauth_server, issuer, 3600)
    issuer.revoke(test.user)
    with pytest.raises(SignInRefused):
        connect(account)
    assert oauth_server.logins(test.user) == 0
