"""Open a signed-in IMAP connection; every failure on the way is a fault.

- TLS is verified against the OS trust store (truststore) or a given CA file.
- Signing in: `auth.sign_in` (a password of any characters, or an OAuth2 token).
- `ID` is sent after login when the server's quirks say so (`quirks.decide`): when
  advertised, and to Coremail/163 even when not: they refuse SELECT without it
  ("Unsafe Login"). A SELECT refused that way is retried once after sending ID.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import os
import socket
import ssl
from collections.abc import Callable
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from mailmover import __version__
from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap import faults, watchdog, wire
from mailmover.engine.imap.auth import UNSAFE, sign_in
from mailmover.engine.imap.connection import SERVER_ERRORS, ImapConnection

log = logging.getLogger(__name__)

# Codes of a connection that could not be made now but may be later.
UNREACHABLE_CODES = frozenset(
    {errors.TIMEOUT, errors.CONNECTION_REFUSED, errors.NETWORK, errors.HOST_NOT_FOUND}
)


def make_ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """The OS trust store; `ca_file` (an institution's private CA, a self-signed test
    server) is added to the system's roots for this account only, never in their place."""
    if ca_file:
        if not os.path.isfile(ca_file) or not os.access(ca_file, os.R_OK):
            raise faults.SignInRefused(errors.CA_FILE_MISSING, path=ca_file)
        # The default context holds the system roots (Windows store, OpenSSL's paths);
        # truststore's OS verifier cannot take an extra CA, so this path uses OpenSSL.
        ctx = ssl.create_default_context()
        try:
            ctx.load_verify_locations(cafile=ca_file)
        except (ssl.SSLError, ValueError):
            # It exists and can be read (checked above): it is the content.
            raise faults.SignInRefused(errors.CA_FILE_NOT_CERTIFICATE, path=ca_file) from None
        return ctx
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


# OpenSSL's reasons when the server offers only TLS 1.1 or older (Python's minimum is 1.2):
# its alert, or our own refusal, depending on which side notices first.
_TOO_OLD = frozenset(
    {"TLSV1_ALERT_PROTOCOL_VERSION", "UNSUPPORTED_PROTOCOL", "NO_PROTOCOLS_AVAILABLE",
     "WRONG_SSL_VERSION", "VERSION_TOO_LOW"}
)  # fmt: skip
# A TLS handshake is a few round trips; a server that said OK to STARTTLS and stayed
# plaintext never answers one, and must not cost the whole (60 s) timeout.
HANDSHAKE_WAIT = 10.0


def connect_fault(exc: BaseException, account: Account) -> faults.Fault:
    """What a failure while connecting (before or during sign-in) means: the server
    cannot be reached now (Unreachable: try later) or cannot be used as set up
    (SignInRefused: a certificate, TLS, a refusal)."""
    host, port = account.host, account.port
    if isinstance(exc, faults.Fault):
        return exc
    if isinstance(exc, errors.MailMoverError):
        cls = faults.Unreachable if exc.code in UNREACHABLE_CODES else faults.SignInRefused
        return cls(exc.code, **exc.params)
    if isinstance(exc, socket.gaierror):
        return faults.Unreachable(errors.HOST_NOT_FOUND, host=host, port=port)
    if isinstance(exc, ConnectionRefusedError):
        return faults.Unreachable(errors.CONNECTION_REFUSED, host=host, port=port)
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return faults.Unreachable(errors.TIMEOUT, host=host, port=port)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return faults.SignInRefused(
            errors.TLS_CERTIFICATE,
            host=host,
            port=port,
            reason=str(exc.verify_code),
            detail=exc.verify_message or faults.server_words(exc),
        )
    if isinstance(exc, ssl.SSLError) and getattr(exc, "reason", None) in _TOO_OLD:
        return faults.SignInRefused(errors.TLS_TOO_OLD, host=host, port=port)
    if isinstance(exc, ssl.SSLError):
        return faults.SignInRefused(
            errors.TLS_FAILED, host=host, port=port, detail=faults.server_words(exc)
        )
    return faults.Unreachable(
        errors.NETWORK, host=host, port=port, detail=faults.server_words(exc)
    )


# Largest literal we accept from a server: a hostile or broken server announcing a
# gigantic one must not make us allocate it. Real messages stay far below (Exmail: 50 MB).
MAX_LITERAL = 512 * 1024 * 1024


def _bound_literals(client: IMAPClient) -> None:
    imap = wire.transport(client)
    read: Callable[[int], bytes] = imap.read

    def bounded_read(size: int) -> bytes:
        if size > MAX_LITERAL:
            raise imaplib.IMAP4.abort(f"server announced a {size}-byte literal; refusing it")
        return read(size)

    imap.read = bounded_read


def _quiet_lines(client: IMAPClient) -> None:
    """imaplib's line reader without its debug log: even at debug level 0 it keeps the
    repr() of every line it reads (`_cmd_log`, read by nothing here), 3-4 per message."""
    imap = wire.transport(client)

    def get_line() -> bytes:
        line: bytes = imap.readline()
        if not line:
            raise imaplib.IMAP4.abort("socket error: EOF")
        if not line.endswith(b"\r\n"):  # as imaplib: the protocol ends every line so
            raise imaplib.IMAP4.abort(f"socket error: unterminated line: {line[:200]!r}")
        return line[:-2]

    imap._get_line = get_line


class _Client(IMAPClient):  # type: ignore[misc]  # imapclient has no type hints
    """IMAPClient that retries a SELECT/EXAMINE refused as "Unsafe Login" after ID."""

    id_sent = False

    def send_id(self) -> bool:
        # Not imapclient's id_(): it refuses to send ID unless the server advertises it,
        # and Coremail requires ID without advertising it.
        args = f'("name" "mailmover" "version" "{__version__}")'
        try:
            imap = wire.transport(self)
            typ, data = wire.simple_command(imap, "ID", args)
            wire.untagged(imap, typ, data, "ID")
        except (IMAPClientError, imaplib.IMAP4.error) as exc:
            if isinstance(exc, (IMAPClientAbortError, imaplib.IMAP4.abort)):
                raise
            log.info("ID refused: %s", exc)
            return False
        self.id_sent = typ == "OK"
        return bool(self.id_sent)

    def select_folder(self, folder: str, readonly: bool = False) -> dict[bytes, Any]:
        try:
            return dict(super().select_folder(folder, readonly))
        except IMAPClientError as exc:
            if isinstance(exc, IMAPClientAbortError) or not UNSAFE.search(faults.server_words(exc)):
                raise
            if self.id_sent or not self.send_id():
                raise
            log.info("SELECT refused as unsafe login; sent ID and retrying")
            return dict(super().select_folder(folder, readonly))


def _open(account: Account) -> IMAPClient:
    account.check_security()
    if account.security == "tls":
        ctx = make_ssl_context(account.ca_file)
        return _Client(
            account.host, port=account.port, ssl=True, ssl_context=ctx, timeout=account.timeout
        )
    client = _Client(account.host, port=account.port, ssl=False, timeout=account.timeout)
    if account.security == "starttls":
        if b"STARTTLS" not in client.capabilities():
            client.shutdown()
            raise faults.SignInRefused(errors.STARTTLS_MISSING, host=account.host)
        _starttls(client, account)
    return client


def _starttls(client: IMAPClient, account: Account) -> None:
    ctx = make_ssl_context(account.ca_file)
    sock = wire.transport(client).sock
    sock.settimeout(min(account.timeout, HANDSHAKE_WAIT))
    try:
        client.starttls(ctx)
    except ssl.SSLCertVerificationError:
        raise  # a real TLS server with a certificate we do not trust: said as such
    except (ssl.SSLError, TimeoutError, EOFError, ConnectionResetError) as exc:
        with contextlib.suppress(OSError):
            client.shutdown()
        if isinstance(exc, ssl.SSLError) and exc.reason in _TOO_OLD:
            raise faults.SignInRefused(errors.TLS_TOO_OLD, host=account.host) from None
        # No TLS record came back (plaintext, silence, a hang-up): not a slow network.
        raise faults.SignInRefused(errors.STARTTLS_NOT_STARTED, host=account.host) from None
    wire.transport(client).sock.settimeout(account.timeout)


def _open_checked(account: Account) -> IMAPClient:
    try:
        return _open(account)
    except SERVER_ERRORS as exc:
        raise connect_fault(exc, account) from None


def reach(account: Account) -> tuple[str, frozenset[str]]:
    """Reach a server without logging in (a batch checks each server once before any
    account starts): its greeting and capabilities, or Unreachable / SignInRefused."""
    client = _open_checked(account)
    try:
        greeting = client.welcome.decode("utf-8", "replace") if client.welcome else ""
        caps = frozenset(c.decode("ascii", "replace").upper() for c in client.capabilities())
    except SERVER_ERRORS as exc:
        raise connect_fault(exc, account) from None
    finally:
        try:
            client.logout()
        except Exception:  # noqa: BLE001 - only being polite
            client.shutdown()
    return greeting, caps


def connect(account: Account) -> ImapConnection:
    """Connect and sign in; any failure raises Unreachable (try later) or SignInRefused
    (both ConnectErrors: the front ends say "cannot connect or log in")."""
    client = _open_checked(account)
    # imapclient turns imaplib's debug level up for its logger; imaplib then repr()s every
    # answer, message bodies included, only to drop it (measured: 0.89 -> 0.40 ms CPU per
    # message at 0 ms, benchmarks/run.py --quiet-imaplib).
    wire.transport(client).debug = 0
    # The watchdog first: the bound on announced literals must see their whole size.
    watchdog.watch(wire.transport(client), account.timeout)
    _bound_literals(client)
    _quiet_lines(client)
    try:
        greeting = client.welcome.decode("utf-8", "replace") if client.welcome else ""
        client.normalise_times = False  # keep INTERNALDATE's own time zone
        sign_in(client, account)
        conn = ImapConnection(account, client, greeting)
        if conn.quirks.needs_id and isinstance(client, _Client):
            client.send_id()
        log.info("connected to %s as %s", account.host, account.user)
        return conn
    except SERVER_ERRORS as exc:
        with contextlib.suppress(Exception):
            client.shutdown()
        raise connect_fault(exc, account) from None
