"""One plaintext rule (issue 26): the wizard sends a password unencrypted only to this
computer, or after the person agreed for exactly that account, told the risk."""

from __future__ import annotations

from mailmover.engine import errors


def _fill(page, host: str, user: str = "alice@uni.edu.cn") -> None:  # type: ignore[no-untyped-def]
    page.email.setText(user)
    page.password.setText("pw")
    page.host.setText(host)
    page.security.setCurrentIndex(page.security.findData("plain"))
    page.port.setValue(143)


def test_security_none_to_a_network_host_asks_and_a_no_sends_nothing(make_wizard):
    w = make_wizard()
    asked: list[tuple[str, str]] = []

    def confirm(parent, title, text):  # type: ignore[no-untyped-def]
        asked.append((title, text))
        return False

    w.session.confirm = confirm
    page = w.new_account
    _fill(page, "mail.example.org")
    assert page.account().allow_plaintext is False  # the security box alone gives nothing
    page.start_check(False)
    assert len(asked) == 1
    assert "unencrypted" in asked[0][1] and "mail.example.org" in asked[0][1]
    assert "anyone on the network" in asked[0][1]
    assert not page._checking
    assert page._result_code == errors.PLAINTEXT_REFUSED
    acc = page.account()
    try:
        acc.check_security()
        raise AssertionError("plaintext allowed without consent")
    except errors.ConnectError as exc:
        assert exc.code == errors.PLAINTEXT_REFUSED


def test_consent_is_for_that_account_only(make_wizard):
    w = make_wizard()
    answers = iter([True, False])
    w.session.confirm = lambda *a: next(answers)
    page = w.new_account
    _fill(page, "mail.example.org")
    page.start_check(False)
    assert page.account().allow_plaintext is True
    page.check_button.setEnabled(True)
    page._checking = False
    _fill(page, "other.example.org")
    assert page.account().allow_plaintext is False
    page.start_check(False)
    assert not page._checking and page._result_code == errors.PLAINTEXT_REFUSED


def test_loopback_needs_no_consent_and_a_profile_cannot_give_it(make_wizard):
    from dataclasses import replace

    w = make_wizard()
    w.session.confirm = lambda *a: (_ for _ in ()).throw(AssertionError("asked"))
    page = w.new_account
    _fill(page, "127.0.0.1")
    page.account().check_security()  # loopback: fine, nothing asked
    # A prefill (profile, resume) that says allow_plaintext does not carry over.
    page.prefill = replace(page.account(), host="mail.example.org", allow_plaintext=True)
    _fill(page, "mail.example.org")
    assert page.account().allow_plaintext is False
