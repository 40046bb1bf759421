"""The account page of an OAuth provider: "Sign in with …" instead of the password, the
browser flow on a worker thread (driven headless: BROWSER runs a script that follows the
redirect), Cancel, then the signed-in address and a real login with the token."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from mailmover.gui.app import NEW
from mailmover.profile import parse_profile
from tests.oauth.conftest import _issuer, issuer, oauth_server  # noqa: F401 - fixtures

BROWSER = Path(__file__).resolve().parents[1] / "support" / "browser.py"


def _profile(issuer, server):  # noqa: F811
    return parse_profile(
        f'[old_server]\npreset = "generic"\nhost = "127.0.0.1"\nport = {server.port}\n'
        f'security = "plain"\noauth_issuer = "{issuer.url}"\n'
        f'oauth_client_id = "mailmover-test"\noauth_scopes = ["imap"]\n'
    )


def _old_page(qtbot, make_wizard, issuer, server, user):  # noqa: F811
    w = make_wizard(profile=_profile(issuer, server))
    page = w.old_account
    qtbot.keyClicks(page.email, user)
    return w, page


def test_sign_in_with_the_browser_then_log_in(qtbot, make_wizard, issuer, oauth_server,  # noqa: F811
                                              make_account, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER", f"{shlex.quote(sys.executable)} {shlex.quote(str(BROWSER))} %s")
    test = make_account(oauth_server)
    w, page = _old_page(qtbot, make_wizard, issuer, oauth_server, test.user)
    box = page.oauth_box
    assert box.isVisibleTo(page) and not page.password.isVisibleTo(page)
    assert not page.isComplete()  # not signed in yet
    assert "not with a password" in box.state.text()
    qtbot.mouseClick(box.button, qtbot_button())
    qtbot.waitUntil(lambda: box.running is None and box.tokens is not None, timeout=20000)
    assert f"Signed in as {test.user}." == box.state.text()
    assert issuer.authorize_requests[-1]["login_hint"] == test.user
    assert page.isComplete()
    # The login check signs in over IMAP with the token (XOAUTH2), no password.
    page.start_check(advance=False)
    qtbot.waitUntil(lambda: page._result_code == "ok", timeout=20000)
    log = (oauth_server.base / "dovecot.log").read_text()
    assert f"Login: user=<{test.user}>, method=XOAUTH2" in log
    assert page.account().password == "" and page.account().oauth is box.tokens

    # Another wizard later (the keychain kept it): signed in at once, no browser.
    before = len(issuer.authorize_requests)
    w2, page2 = _old_page(qtbot, make_wizard, issuer, oauth_server, test.user)
    assert page2.oauth_box.tokens is not None and page2.isComplete()
    assert len(issuer.authorize_requests) == before


def test_cancel_while_the_browser_is_open(qtbot, make_wizard, issuer, oauth_server,  # noqa: F811
                                          monkeypatch) -> None:
    monkeypatch.setenv("BROWSER", "true")  # a browser that never comes back
    w, page = _old_page(qtbot, make_wizard, issuer, oauth_server, "nobody@uni.example")
    box = page.oauth_box
    qtbot.mouseClick(box.button, qtbot_button())
    qtbot.waitUntil(lambda: box.cancel_button.isVisibleTo(page), timeout=5000)
    assert "Waiting for you to sign in" in box.state.text()
    qtbot.mouseClick(box.cancel_button, qtbot_button())
    qtbot.waitUntil(lambda: box.running is None, timeout=5000)
    assert box.state.text() == "The sign-in was cancelled."
    assert not page.isComplete() and box.button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_microsoft_without_a_client_id_says_what_the_it_office_does(qtbot, make_wizard,
                                                                     language) -> None:
    w = make_wizard(language=language)
    page = w.new_account
    qtbot.keyClicks(page.email, "a@outlook.com")
    box = page.oauth_box
    assert box.isVisibleTo(page) and not page.password.isVisibleTo(page)
    assert not box.button.isEnabled()
    if language == "en":
        assert "Sign in with Microsoft…" == box.button.text()
        assert "app registration" in box.state.text()
    else:
        assert "Microsoft" in box.button.text() and "登录" in box.button.text()
        assert "应用注册" in box.state.text()
    assert w.currentId() < NEW  # nothing was signed in or checked


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton



@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_sign_in_failure_has_words(qapp, language) -> None:  # type: ignore[no-untyped-def]
    import re

    from mailmover.gui import messages
    from mailmover.gui.i18n import LANGUAGES_
    from mailmover.oauth import failures

    codes = [v for k, v in vars(failures).items()
             if k.isupper() and isinstance(v, str) and v.startswith("oauth.")]
    assert len(codes) >= 10
    LANGUAGES_.set(language)
    try:
        for code in codes:
            text = messages.error_text(code, {"user": "a@b.example", "host": "imap.example",
                                              "issuer": "https://id.example", "detail": "x"})
            assert code not in text, f"{code} has no GUI text"
            if language == "zh_CN":
                assert re.search(r"[\u4e00-\u9fff]", text), f"{code} not translated: {text}"
    finally:
        LANGUAGES_.set("en")


def test_without_a_keychain_the_sign_in_lasts_this_run(qtbot, make_wizard, issuer,  # noqa: F811
                                                       oauth_server, make_account,  # noqa: F811
                                                       monkeypatch) -> None:
    import keyring
    import keyring.backends.fail

    monkeypatch.setenv("BROWSER", f"{shlex.quote(sys.executable)} {shlex.quote(str(BROWSER))} %s")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        test = make_account(oauth_server)
        w, page = _old_page(qtbot, make_wizard, issuer, oauth_server, test.user)
        box = page.oauth_box
        qtbot.mouseClick(box.button, qtbot_button())
        qtbot.waitUntil(lambda: box.running is None and box.tokens is not None, timeout=20000)
        assert box.state.text().startswith(f"Signed in as {test.user}.")
        assert "no keychain" in box.state.text() and page.isComplete()
        w2, page2 = _old_page(qtbot, make_wizard, issuer, oauth_server, test.user)
        assert page2.oauth_box.tokens is None  # nothing outlives the run
    finally:
        keyring.set_keyring(previous)


def test_an_address_changed_during_the_sign_in_drops_it(qtbot, make_wizard, issuer,  # noqa: F811
                                                        oauth_server, make_account,  # noqa: F811
                                                        monkeypatch) -> None:
    monkeypatch.setenv("BROWSER", f"{shlex.quote(sys.executable)} {shlex.quote(str(BROWSER))} %s")
    test = make_account(oauth_server)
    w, page = _old_page(qtbot, make_wizard, issuer, oauth_server, test.user)
    box = page.oauth_box
    qtbot.mouseClick(box.button, qtbot_button())
    qtbot.keyClicks(page.email, "x")  # typed while the browser is open
    qtbot.waitUntil(lambda: box.running is None, timeout=20000)
    assert box.tokens is None and not page.isComplete()
    assert "Signed in" not in box.state.text()
