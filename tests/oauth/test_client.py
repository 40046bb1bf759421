"""The OAuth 2.0 client against the local authorization server over real HTTP: metadata
discovery, the browser sign-in driven headless (BROWSER runs a script that follows the
redirect), the device code sign-in, refresh with rotation, refusals in plain words."""

from __future__ import annotations

import shlex
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mailmover.oauth import failures
from mailmover.oauth.flows import SignIn, browser_sign_in, device_sign_in, refresh
from mailmover.oauth.loopback import Loopback
from mailmover.oauth.provider import OAuthConfig, discover, well_known_urls
from tests.support.oauth_issuer import LocalIssuer

BROWSER = Path(__file__).resolve().parent.parent / "support" / "browser.py"


@pytest.fixture
def browser(monkeypatch, tmp_path) -> Path:
    """The person's browser: follows the redirect; what it saw goes to the log file."""
    log = tmp_path / "browser.log"
    monkeypatch.setenv("BROWSER", f"{shlex.quote(sys.executable)} {shlex.quote(str(BROWSER))} %s")
    monkeypatch.setenv("MAILMOVER_TEST_BROWSER_LOG", str(log))
    return log


def _config(issuer: LocalIssuer, *scopes: str, **kw) -> OAuthConfig:
    return OAuthConfig(issuer.url, "mailmover-test", scopes or ("imap",), **kw)


def _sign_in(issuer: LocalIssuer, user: str = "alice@uni.example", *scopes: str, **kw) -> SignIn:
    config = _config(issuer, *scopes, **kw)
    said: list[str] = []
    return SignIn(config, discover(config), user, say=said.append)


# -- discovery -------------------------------------------------------------------------
def test_rfc8414_well_known_goes_before_the_issuers_path() -> None:
    assert well_known_urls("https://id.uni.example/realms/staff") == [
        "https://id.uni.example/.well-known/oauth-authorization-server/realms/staff",
        "https://id.uni.example/realms/staff/.well-known/openid-configuration",
    ]


@pytest.mark.parametrize("served", [("rfc8414",), ("oidc",)])
def test_metadata_from_either_well_known_place(issuer, served) -> None:
    issuer.discovery = served
    meta = discover(_config(issuer))
    assert meta.token_endpoint == f"{issuer.url}/token"
    assert meta.device_authorization_endpoint == f"{issuer.url}/device"


def test_no_metadata_is_a_plain_sentence(issuer) -> None:
    issuer.discovery = ()
    with pytest.raises(failures.OAuthFailure) as caught:
        discover(_config(issuer))
    assert caught.value.code == failures.ISSUER
    assert "no metadata found" in str(caught.value)


def test_http_issuer_only_on_this_computer() -> None:
    with pytest.raises(failures.OAuthFailure) as caught:
        OAuthConfig("http://id.uni.example/realm", "x", ("imap",))
    assert "only on this computer" in str(caught.value)
    OAuthConfig("http://127.0.0.1:9/realm", "x", ("imap",))
    OAuthConfig("http://localhost:9/realm", "x", ("imap",))


# -- browser ---------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_browser_sign_in_headless(issuer, browser, host) -> None:
    s = _sign_in(issuer, "alice@uni.example", redirect_host=host)
    tokens = browser_sign_in(s, wait=30)
    assert tokens.access_token in issuer.issued and tokens.refresh_token in issuer.issued
    assert issuer.introspect(tokens.access_token)["username"] == "alice@uni.example"
    asked = issuer.authorize_requests[-1]
    assert asked["login_hint"] == "alice@uni.example"
    assert asked["code_challenge_method"] == "S256" and asked["state"]
    assert asked["redirect_uri"].startswith(f"http://{host}:")
    assert browser.read_text().split() == ["200", asked["redirect_uri"] + "/"]
    assert tokens.lifetime == pytest.approx(3600, abs=2)


def test_a_browser_that_never_comes_back(issuer, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER", "true")  # a browser that shows nothing
    with pytest.raises(failures.OAuthFailure) as caught:
        browser_sign_in(_sign_in(issuer), wait=0.5)
    assert caught.value.code == failures.TIMED_OUT
    assert "No answer came back from the browser" in str(caught.value)


def test_cancel_while_waiting(issuer, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER", "true")
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    s = _sign_in(issuer)
    s = SignIn(s.config, s.metadata, s.user, cancel=cancel)
    with pytest.raises(failures.OAuthFailure) as caught:
        browser_sign_in(s, wait=30)
    assert caught.value.code == failures.CANCELLED


@pytest.mark.parametrize(
    ("error", "description", "code"),
    [
        ("access_denied", "The user declined.", failures.DENIED),
        ("consent_required", "AADSTS65001: admin approval needed", failures.ADMIN_CONSENT),
    ],
)
def test_refused_consent_in_plain_words(issuer, browser, error, description, code) -> None:
    issuer.deny, issuer.deny_description = error, description
    with pytest.raises(failures.OAuthFailure) as caught:
        browser_sign_in(_sign_in(issuer, admin_consent_url="https://consent.example/x"), wait=30)
    assert caught.value.code == code
    if code == failures.ADMIN_CONSENT:
        assert "https://consent.example/x" in str(caught.value)
    else:
        assert "The user declined." in str(caught.value)


def test_signed_in_as_someone_else(issuer, browser) -> None:
    issuer.sign_in_as = "bob@uni.example"
    with pytest.raises(failures.OAuthFailure) as caught:
        browser_sign_in(_sign_in(issuer, "alice@uni.example", "imap", "openid"), wait=30)
    assert caught.value.code == failures.WRONG_ACCOUNT
    assert "bob@uni.example" in str(caught.value) and "alice@uni.example" in str(caught.value)


def _get(url: str, host: str | None = None) -> int:
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_loopback_takes_only_its_own_answer() -> None:
    with Loopback() as lb:
        lb.expect("s1")
        base = lb.redirect_uri
        assert _get(f"{base}/?code=evil&state=other") == 400  # not this sign-in's state
        assert _get(f"{base}/?code=c&state=s1", host=f"evil.example:{lb.port}") == 400
        assert _get(f"{base}/favicon.ico") == 404
        assert lb.wait(0.2) is None
        assert _get(f"http://localhost:{lb.port}/?code=c&state=s1") == 200
        assert lb.wait(1) == {"code": "c", "state": "s1"}


# -- device ----------------------------------------------------------------------------
def _approving(issuer: LocalIssuer, user: str, at: int, deny: bool = False):
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == at:
            (code,) = issuer.pending_device_codes()
            issuer.approve_device(code, user, deny=deny)

    return slept, sleep


def test_device_sign_in_shows_the_code_and_honours_slow_down(issuer) -> None:
    issuer.device_slow_down = 1
    s = _sign_in(issuer, "carol@uni.example")
    slept, sleep = _approving(issuer, "carol@uni.example", at=3)
    tokens = device_sign_in(s, sleep=sleep)
    assert issuer.introspect(tokens.access_token)["username"] == "carol@uni.example"
    # interval 1; slow_down adds 5 for every later poll; pending until the 3rd poll
    assert slept == [1, 6, 6]
    said = s.say.__self__  # type: ignore[attr-defined]
    assert any(f"{issuer.url}/device/verify" in line and "enter the code" in line
               for line in said)


@pytest.mark.parametrize("how", ["denied", "expired"])
def test_device_sign_in_stops_on_denial_or_expiry(issuer, how) -> None:
    if how == "expired":
        issuer.device_lifetime = 0.0
    s = _sign_in(issuer, "carol@uni.example")
    slept, sleep = _approving(issuer, "carol@uni.example", at=1, deny=True)
    with pytest.raises(failures.OAuthFailure) as caught:
        device_sign_in(s, sleep=sleep)
    issuer.device_lifetime = 600.0
    want = failures.DENIED if how == "denied" else failures.DEVICE_EXPIRED
    assert caught.value.code == want
    assert len(slept) == 1  # stopped at the first answer, no more polling


# -- refresh ---------------------------------------------------------------------------
def test_refresh_rotates_and_the_old_token_is_retired(issuer, browser) -> None:
    s = _sign_in(issuer, "dave@uni.example")
    first = browser_sign_in(s, wait=30)
    second = refresh(s, first)
    assert second.refresh_token != first.refresh_token
    assert second.access_token != first.access_token
    assert issuer.introspect(second.access_token)["active"] is True
    with pytest.raises(failures.OAuthFailure) as caught:
        refresh(s, first)  # rotated away: only the newest one works
    assert caught.value.code == failures.SIGN_IN_AGAIN
    assert "Sign in again" in str(caught.value)


def test_refresh_without_rotation_keeps_the_refresh_token(issuer, browser) -> None:
    issuer.rotate = False
    s = _sign_in(issuer, "erin@uni.example")
    first = browser_sign_in(s, wait=30)
    second = refresh(s, first)
    assert second.refresh_token == first.refresh_token
    assert second.access_token != first.access_token


def test_revoked_refresh_token_means_sign_in_again(issuer, browser) -> None:
    s = _sign_in(issuer, "fay@uni.example")
    tokens = browser_sign_in(s, wait=30)
    issuer.revoke("fay@uni.example")
    with pytest.raises(failures.OAuthFailure) as caught:
        refresh(s, tokens)
    assert caught.value.code == failures.SIGN_IN_AGAIN


def test_the_oauth_package_loads_no_qt() -> None:
    import subprocess

    code = ("import sys, mailmover.oauth.session, mailmover.oauth.settings; "
            "sys.exit('PySide6' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
