"""The command line on OAuth: `mailmover login` ahead of time, a move with both sides on
OAuth (one signed in before, one with a device code shown on stderr), a second run that
signs in with nothing, revocation → exit 3 with nothing written; presets and profiles
supply the endpoints, scopes and the institution's app registration."""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from pathlib import Path

import pytest

from mailmover.cli import Output, main
from mailmover.oauth import settings
from mailmover.profile import parse_profile
from tests.oauth.test_client import browser  # noqa: F401 - the headless browser fixture
from tests.support.mailbox import client, count, message


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Output(out, err))
    return code, out.getvalue(), err.getvalue()


def _oauth(issuer, side: str) -> list[str]:
    pre = f"--{side}-" if side else "--"
    return [f"{pre}oauth-issuer", issuer.url, f"{pre}oauth-client-id", "mailmover-test",
            f"{pre}oauth-scope", "imap"]


class DevicePerson(threading.Thread):
    """Someone entering the code shown on stderr on their phone."""

    def __init__(self, issuer, user: str) -> None:
        super().__init__(daemon=True)
        self.issuer, self.user, self.done = issuer, user, threading.Event()

    def run(self) -> None:
        deadline = time.monotonic() + 20
        while not self.done.is_set() and time.monotonic() < deadline:
            for code in self.issuer.pending_device_codes():
                self.issuer.approve_device(code, self.user)
                self.done.set()
            time.sleep(0.05)


def _files_holding(tokens: list[str], root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file()
            for t in tokens if t.encode() in p.read_bytes()]


def test_login_then_migrate_on_oauth_both_sides(
    oauth_server, issuer, make_account, keychain, browser, tmp_path, monkeypatch,  # noqa: F811
    caplog,
) -> None:
    monkeypatch.delenv("MAILMOVER_SOURCE_PASSWORD", raising=False)
    monkeypatch.delenv("MAILMOVER_TARGET_PASSWORD", raising=False)
    s, d = make_account(oauth_server), make_account(oauth_server)
    c = client(oauth_server, s.user, s.password)
    for i in range(12):
        c.append("INBOX", message(i))
    code, out, err = _cli("login", s.url, *_oauth(issuer, ""))
    assert code == 0, err
    assert f"{s.user} is signed in" in out
    assert browser.read_text().count("200 ") == 1  # the browser came back once

    state, report = tmp_path / "state", tmp_path / "report.json"
    move = ["migrate", s.url, d.url, "--state-dir", str(state), "--report", str(report),
            *_oauth(issuer, "source"), *_oauth(issuer, "target"), "--oauth-flow", "device"]
    person = DevicePerson(issuer, d.user)
    person.start()
    code, out, err = _cli(*move)
    person.done.set()
    assert code == 0, err
    assert "enter the code" in err and f"{issuer.url}/device/verify" in err
    assert json.loads(report.read_text())["totals"]["copied"] == 12
    assert browser.read_text().count("200 ") == 1  # the source's sign-in was kept

    # A second run: both sign-ins from the keychain, no browser, no code; even the
    # verbose log (refreshes, logins) holds no token.
    issuer.expire_access()
    with caplog.at_level(logging.DEBUG):
        code, out, err = _cli(*move, "-v")
    assert code == 0, err
    logged = caplog.text + err + out
    assert "was refreshed" in logged and not [t for t in issuer.issued if t in logged]
    assert "enter the code" not in err and issuer.pending_device_codes() == []
    assert json.loads(report.read_text())["totals"]["present"] == 12
    assert _files_holding(issuer.issued, tmp_path) == []

    # Revoked: exit 3, a plain sentence, nothing written.
    for i in range(12, 15):
        c.append("INBOX", message(i))
    issuer.revoke(s.user)
    issuer.expire_access()
    code, out, err = _cli(*move)
    assert code == 3, err
    assert "Sign in again (mailmover login" in err
    assert count(client(oauth_server, d.user, d.password), "INBOX") == 12


def test_oauth_from_the_profile(oauth_server, issuer, make_account, keychain, browser,  # noqa: F811
                                tmp_path, monkeypatch) -> None:
    s = make_account(oauth_server)
    profile = tmp_path / "profile.toml"
    profile.write_text(
        f'[old_server]\npreset = "generic"\nhost = "127.0.0.1"\n'
        f'oauth_issuer = "{issuer.url}"\noauth_client_id = "mailmover-test"\n'
        f'oauth_scopes = ["imap"]\n',
        encoding="utf-8",
    )
    code, out, err = _cli("--profile", str(profile), "login", s.url)
    assert code == 0, err
    assert issuer.authorize_requests[-1]["client_id"] == "mailmover-test"
    assert issuer.authorize_requests[-1]["login_hint"] == s.user


def test_an_http_issuer_elsewhere_is_refused(keychain) -> None:
    code, out, err = _cli("login", "imaps://a%40uni.example@imap.uni.example",
                          "--oauth-issuer", "http://id.uni.example/realm",
                          "--oauth-client-id", "x", "--oauth-scope", "imap")
    assert code == 3
    assert "allowed only on this computer" in err


# -- presets and profiles ------------------------------------------------------------------
def test_microsoft_from_the_preset() -> None:
    config = settings.resolve("outlook.office365.com", settings.Given(client_id="app-1"))
    assert config is not None
    assert config.issuer == "https://login.microsoftonline.com/organizations/v2.0"
    assert config.scopes == ("https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access")
    assert config.token_endpoint == (
        "https://login.microsoftonline.com/organizations/oauth2/v2.0/token")
    assert config.redirect_host == "localhost"
    tenant = settings.resolve("outlook.office365.com",
                              settings.Given(client_id="app-1", tenant="uni.example"))
    assert tenant is not None
    assert tenant.admin_consent_url == (
        "https://login.microsoftonline.com/uni.example/adminconsent?client_id=app-1")
    # A tenant named in the issuer; scopes given still get offline_access for refreshes.
    named = settings.resolve("outlook.office365.com", settings.Given(
        issuer="https://login.microsoftonline.com/consumers/v2.0", client_id="app-1",
        scopes=("https://outlook.office.com/IMAP.AccessAsUser.All",)))
    assert named is not None
    assert named.device_authorization_endpoint.endswith("/consumers/oauth2/v2.0/devicecode")
    assert named.scopes[-1] == "offline_access"


def test_google_only_when_asked_and_never_without_the_institutions_client_id() -> None:
    assert settings.resolve("imap.gmail.com", settings.Given()) is None  # app password
    google = settings.resolve("imap.gmail.com", settings.Given(client_id="g-1"))
    assert google is not None and google.issuer == "https://accounts.google.com"
    assert google.scopes == ("https://mail.google.com/",)
    with pytest.raises(settings.SettingsError, match="No app registration"):
        settings.resolve("outlook.office365.com", settings.Given())


def test_migrate_to_microsoft_without_a_client_id_is_a_usage_error(keychain) -> None:
    code, out, err = _cli("migrate", "imaps://a%40uni.example@imap.uni.example",
                          "imaps://a%40uni.example@outlook.office365.com")
    assert code == 2
    assert "No app registration (client id)" in err and "docs/oauth.md" in err


def test_profile_carries_client_id_and_tenant_per_side() -> None:
    p = parse_profile(
        '[new_server]\npreset = "outlook"\noauth_client_id = "app-1"\n'
        'oauth_tenant = "uni.example"\n'
    )
    assert (p.new_server.oauth_client_id, p.new_server.oauth_tenant) == ("app-1", "uni.example")
    assert p.new_server.host == "outlook.office365.com"
    with pytest.raises(Exception, match="list of text"):
        parse_profile('[old_server]\noauth_scopes = "imap"\n')


def test_doctor_names_the_sign_in_method(oauth_server, issuer, make_account, keychain,
                                         browser, monkeypatch, capsys, tmp_path) -> None:  # noqa: F811
    s, d = make_account(oauth_server), make_account(oauth_server)
    assert _cli("login", s.url, *_oauth(issuer, ""))[0] == 0
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", d.password)
    capsys.readouterr()
    report = tmp_path / "doctor.json"
    code = main(["doctor", s.url, d.url, *_oauth(issuer, "source"), "--no-probe",
                 "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert (f"sign-in (old account): OAuth 2.0 at {issuer.url} (app registration "
            "mailmover-test), access token valid 59 more minutes, refresh token kept") in out
    assert "sign-in (new account): password" in out
    data = json.loads(report.read_text())["sign_in"]
    assert data["old"]["method"] == "oauth2" and data["old"]["scopes_missing"] == []
    assert data["new"] == {"method": "password"}
    assert _files_holding(issuer.issued, tmp_path) == []


def test_login_forget_removes_the_sign_in(oauth_server, issuer, make_account, keychain,
                                          browser) -> None:  # noqa: F811
    s = make_account(oauth_server)
    assert _cli("login", s.url, *_oauth(issuer, ""))[0] == 0
    assert keychain.entries
    code, out, err = _cli("login", "--forget", s.url, *_oauth(issuer, ""))
    assert code == 0, err
    assert "was removed" in out and keychain.entries == {}


def test_login_without_a_keychain_says_it_cannot_keep_anything(issuer, monkeypatch) -> None:
    import keyring
    import keyring.backends.fail

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        code, out, err = _cli("login", "imap+plain://a@127.0.0.1:1", *_oauth(issuer, ""))
    finally:
        keyring.set_keyring(previous)
    assert code == 2
    assert "no keychain" in err and issuer.authorize_requests == []
