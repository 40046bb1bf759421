"""TLS and certificate-file failures as plain sentences (issue 26): a server that offers
only TLS 1.0, one that says OK to STARTTLS and stays plaintext (fast, not after the
timeout), a CA file that is not a certificate. The servers here are fakes: Dovecot
cannot be made to misbehave this way (fault injection)."""

from __future__ import annotations

import io
import socket
import ssl
import subprocess
import threading
import time
import warnings
from pathlib import Path

import pytest

from mailmover.cli import Output, main
from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap import connect as connect_mod
from mailmover.engine.imap.connect import connect


class _Fake:
    """One-connection server on 127.0.0.1, serving `handle(conn)` in a thread."""

    def __init__(self, handle) -> None:  # type: ignore[no-untyped-def]
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.handle = handle
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        try:
            self.handle(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


def _starttls_then(after: bytes | None):  # type: ignore[no-untyped-def]
    """Says OK to STARTTLS, then stays plaintext: sends `after`, or nothing at all."""

    def handle(conn: socket.socket) -> None:
        conn.sendall(b"* OK IMAP4rev1 ready\r\n")
        f = conn.makefile("rb")
        while line := f.readline():
            tag, _, command = line.decode("ascii", "replace").strip().partition(" ")
            if command.upper().startswith("CAPABILITY"):
                conn.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS\r\n%s OK done\r\n" % tag.encode())
            elif command.upper().startswith("STARTTLS"):
                conn.sendall(b"%s OK Begin TLS negotiation now\r\n" % tag.encode())
                if after is not None:
                    conn.sendall(after)
                conn.recv(65536)  # the ClientHello, read and ignored
                time.sleep(30)
                return
            else:
                conn.sendall(b"%s OK\r\n" % tag.encode())

    return handle


@pytest.fixture(scope="module")
def old_cert(tmp_path_factory) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("tls10")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    str(d / "key.pem"), "-out", str(d / "cert.pem"), "-days", "2",
                    "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)  # fmt: skip
    return d / "cert.pem", d / "key.pem"


def _tls10_only(cert: Path, key: Path):  # type: ignore[no-untyped-def]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1
    ctx.load_cert_chain(cert, key)

    def handle(conn: socket.socket) -> None:
        with ctx.wrap_socket(conn, server_side=True) as tls:
            tls.sendall(b"* OK ready\r\n")

    return handle


def _cli(args: list[str], monkeypatch) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "pw")
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "pw")
    out, err = io.StringIO(), io.StringIO()
    code = main(args, Output(out, err))
    return code, out.getvalue() + err.getvalue()


def test_a_tls_1_0_only_server_is_named_too_old_in_plain_words(old_cert, monkeypatch):
    fake = _Fake(_tls10_only(*old_cert))
    try:
        acc = Account("127.0.0.1", "u", fake.port, "tls", "pw", ca_file=str(old_cert[0]))
        with pytest.raises(errors.ConnectError) as info:
            connect(acc)
        assert info.value.code == errors.TLS_TOO_OLD
        url = f"imaps://u@127.0.0.1:{fake.port}"
        code, text = _cli(["verify", url, url, "--ca-file", str(old_cert[0])], monkeypatch)
    finally:
        fake.close()
    assert code == 3, text
    assert "old, unsafe kind of encryption (older than TLS 1.2)" in text
    assert "SSL:" not in text and "_ssl.c" not in text


def test_plaintext_after_starttls_fails_fast_and_says_so(monkeypatch):
    monkeypatch.setattr(connect_mod, "HANDSHAKE_WAIT", 1.5)
    fake = _Fake(_starttls_then(None))  # silent: our ClientHello is never answered
    try:
        acc = Account("127.0.0.1", "u", fake.port, "starttls", "pw", timeout=30)
        started = time.monotonic()
        with pytest.raises(errors.ConnectError) as info:
            connect(acc)
        waited = time.monotonic() - started
    finally:
        fake.close()
    assert info.value.code == errors.STARTTLS_NOT_STARTED
    assert waited < 10, waited  # not the 30 s timeout
    assert "did not answer in time" not in str(info.value)


def test_a_plaintext_answer_after_starttls_fails_at_once(monkeypatch):
    fake = _Fake(_starttls_then(b"* BAD this is not TLS\r\n"))
    try:
        url = f"imap://u@127.0.0.1:{fake.port}"
        started = time.monotonic()
        code, text = _cli(["verify", url, url, "--timeout", "30"], monkeypatch)
        waited = time.monotonic() - started
    finally:
        fake.close()
    assert code == 3, text
    assert "agreed to encrypt the connection (STARTTLS) but did not" in text
    assert waited < connect_mod.HANDSHAKE_WAIT, waited  # the first answer decides


def test_a_ca_file_that_is_not_a_certificate_is_called_that(tmp_path, monkeypatch):
    not_cert = tmp_path / "ca.pem"
    not_cert.write_text("this is a note, not a certificate\n")
    acc = Account("127.0.0.1", "u", 1, "tls", "pw", ca_file=str(not_cert))
    with pytest.raises(errors.ConnectError) as info:
        connect(acc)
    assert info.value.code == errors.CA_FILE_NOT_CERTIFICATE
    assert "is not a certificate" in str(info.value)
    assert "does not exist" not in str(info.value)
    missing = Account("127.0.0.1", "u", 1, "tls", "pw", ca_file=str(tmp_path / "nope.pem"))
    with pytest.raises(errors.ConnectError) as info2:
        connect(missing)
    assert info2.value.code == errors.CA_FILE_MISSING


def test_doctor_says_what_to_do_after_a_false_starttls(monkeypatch, capsys):
    fake = _Fake(_starttls_then(b"* BAD this is not TLS\r\n"))
    try:
        url = f"imap://u@127.0.0.1:{fake.port}"
        code, text = _cli(["doctor", url, url, "--timeout", "30"], monkeypatch)
    finally:
        fake.close()
    text += capsys.readouterr().out  # the doctor prints on its own Output
    assert code != 0
    assert "agreed to encrypt the connection (STARTTLS) but did not" in text, text
    assert "Use SSL/TLS on port 993 (imaps://) instead of STARTTLS." in text
