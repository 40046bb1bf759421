"""Connections: every password works, every failure has its code and exit status."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import threading

import pytest

from mailmover.cli import Output, main
from mailmover.engine import errors
from mailmover.engine.account import Account, parse_url
from mailmover.engine.folders import list_folders
from mailmover.engine.imap.connect import connect

PASSWORDS = ['p(a)s*s%w"o\\rd {x}', "教授的密码123", "  spaces  at both ends ", '{5}\\"*%()']


@pytest.mark.parametrize("password", PASSWORDS)
def test_any_password_logs_in(coremail_server, make_account, password):
    acc = make_account(coremail_server, password)
    with connect(acc.account()) as conn:
        assert list_folders(conn).folders[0].name == "INBOX"


def _cli(argv: list[str], monkeypatch, src_pw="x", dst_pw="y") -> tuple[int, str]:
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src_pw)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst_pw)
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, Output(out, err))
    return code, out.getvalue() + err.getvalue()


def test_wrong_password_is_exit_3_with_a_plain_message(coremail_server, make_account, monkeypatch):
    src = make_account(coremail_server, "right")
    dst = make_account(coremail_server, "right")
    code, text = _cli(["migrate", src.url, dst.url, "-v"], monkeypatch, "wrong-パス", "right")
    assert code == 3
    assert "did not accept the user name or password" in text
    assert "wrong-パス" not in text
    with pytest.raises(errors.ConnectError) as exc:
        connect(src.account().with_password("nope"))
    assert exc.value.code == errors.AUTH_FAILED
    assert "nope" not in str(exc.value) and "nope" not in repr(exc.value.params)


def test_closed_port_is_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound but not listening: connections are refused
        with pytest.raises(errors.ConnectError) as exc:
            connect(Account("127.0.0.1", "u", port, "plain", "pw"))
    assert exc.value.code == errors.CONNECTION_REFUSED


def test_silent_server_times_out():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)  # accepts, never greets
        port = s.getsockname()[1]
        acc = Account("127.0.0.1", "u", port, "plain", "pw", timeout=0.5)
        with pytest.raises(errors.ConnectError) as exc:
            connect(acc)
    assert exc.value.code == errors.TIMEOUT


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare for an offline netns")
def test_unknown_host_in_an_isolated_network():
    """DNS lookups fail inside a fresh network namespace: no packet leaves the machine."""
    code = (
        "import sys; from mailmover.cli import main;"
        "sys.exit(main(['migrate','imaps://u@mail.nonexistent.invalid','imaps://v@127.0.0.1']))"
    )
    proc = subprocess.run(
        ["unshare", "--net", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "MAILMOVER_SOURCE_PASSWORD": "a",
            "MAILMOVER_TARGET_PASSWORD": "b",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": ":".join(sys.path),
        },
    )
    if "Operation not permitted" in proc.stderr:
        pytest.skip("no permission to create a network namespace")
    assert proc.returncode == 3, proc.stderr
    assert "could not be found" in proc.stderr


def test_plaintext_to_a_remote_host_is_refused_before_connecting(monkeypatch):
    code, text = _cli(
        ["migrate", "imap+plain://u@mail.example.edu", "imaps://v@127.0.0.1"], monkeypatch
    )
    assert code == 3
    assert "unencrypted" in text
    acc = parse_url("imap+plain://u@mail.example.edu").with_password("p")
    with pytest.raises(errors.ConnectError) as exc:
        connect(acc)
    assert exc.value.code == errors.PLAINTEXT_REFUSED


def test_password_in_url_is_refused(monkeypatch):
    code, text = _cli(["verify", "imaps://u:secret@host", "imaps://v@host"], monkeypatch)
    assert code == 2
    assert "secret" not in text


def test_self_signed_certificate_refused_unless_ca_given(tls_server, make_account, monkeypatch):
    acc = make_account(tls_server, "tls-pw")
    implicit = Account("127.0.0.1", acc.user, tls_server.tls_port, "tls", acc.password)
    with pytest.raises(errors.ConnectError) as exc:
        connect(implicit)
    assert exc.value.code == errors.TLS_CERTIFICATE
    assert "self-signed" in str(exc.value)
    starttls = Account("127.0.0.1", acc.user, tls_server.port, "starttls", acc.password)
    with pytest.raises(errors.ConnectError) as exc2:
        connect(starttls)
    assert exc2.value.code == errors.TLS_CERTIFICATE

    ca = str(tls_server.cert_file)
    for a in (implicit, starttls):
        from dataclasses import replace

        with connect(replace(a, ca_file=ca)) as conn:
            assert list_folders(conn).folders

    # Two accounts: verify reads both sides at once, and one fresh account on both
    # sides races Dovecot's creation of its INBOX at first open ([ALREADYEXISTS]).
    other = make_account(tls_server, "tls-pw")
    url = f"imaps://{acc.user}@127.0.0.1:{tls_server.tls_port}"
    url2 = f"imaps://{other.user}@127.0.0.1:{tls_server.tls_port}"
    code, text = _cli(["verify", url, url2], monkeypatch, acc.password, other.password)
    assert code == 3 and "cannot be trusted" in text
    code, text = _cli(
        ["verify", url, url2, "--ca-file", ca], monkeypatch, acc.password, other.password
    )
    assert code == 0, text


def test_login_failure_texts_are_classified():
    from mailmover.engine.imap.auth import refused as classify_login_failure

    cases = {
        "Please using authorized code to login.": errors.AUTH_APP_PASSWORD,
        "[ALERT] Application-specific password required": errors.AUTH_APP_PASSWORD,
        "IMAP service is not open for this account": errors.AUTH_IMAP_DISABLED,
        "Unsafe Login. Please contact kefu@188.com for help": errors.AUTH_UNSAFE_LOGIN,
        "[AUTHENTICATIONFAILED] Authentication failed.": errors.AUTH_FAILED,
    }
    for text, code in cases.items():
        assert classify_login_failure(text, "h").code == code, text


def test_engine_does_not_import_qt():
    code = (
        "import sys, mailmover.engine.transfer, mailmover.engine.verify, mailmover.store, "
        "mailmover.secrets, mailmover.cli; "
        "bad = [m for m in sys.modules if m.startswith('PySide6')]; print(bad); "
        "sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_server_that_drops_the_connection_at_greeting():
    def serve(s: socket.socket) -> None:
        conn, _ = s.accept()
        conn.close()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        t = threading.Thread(target=serve, args=(s,), daemon=True)
        t.start()
        with pytest.raises(errors.ConnectError) as exc:
            connect(Account("127.0.0.1", "u", s.getsockname()[1], "plain", "pw", timeout=5))
        t.join(5)
    assert exc.value.code in (errors.NETWORK, errors.CONNECTION_LOST)


def test_chinese_password_without_auth_plain_goes_as_a_literal(coremail_server, make_account):
    """A server that does not advertise AUTH=PLAIN (imitated by rewriting its greeting)."""
    from dataclasses import replace

    from tests.support.faultproxy import REWRITE, Fault, FaultProxy

    acc = make_account(coremail_server, "旧邮箱密码 (含空格) *%")
    hide = Fault(REWRITE, rb" AUTH=PLAIN", repeat=10**6, reply=b"")
    with FaultProxy(coremail_server.port, [hide]) as proxy:
        account = replace(acc.account(), port=proxy.port)
        with connect(account) as conn:
            assert list_folders(conn).folders[0].name == "INBOX"
        with pytest.raises(errors.ConnectError) as exc:
            connect(account.with_password("旧邮箱密码 (含空格) *"))
        assert proxy.injected >= 2  # the greeting really lost AUTH=PLAIN, twice
    assert exc.value.code == errors.AUTH_FAILED


def test_known_provider_limits_connection_pairs():
    from mailmover.engine.transfer import provider_connection_limit

    exmail = "* OK [CAPABILITY IMAP4 IMAP4rev1 ID AUTH=PLAIN AUTH=LOGIN] Welcome to Tencent Exmail"
    coremail = "* OK Coremail System IMap Server Ready(123[456])"
    assert provider_connection_limit(exmail, frozenset({"IMAP4REV1", "XLIST", "ID"})) == 3
    assert provider_connection_limit(coremail, frozenset({"IMAP4REV1"})) == 4
    dovecot = "* OK [CAPABILITY IMAP4rev1] Dovecot (Debian) ready."
    assert provider_connection_limit(dovecot, frozenset({"IMAP4REV1"})) is None
