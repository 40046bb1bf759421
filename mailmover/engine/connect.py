"""Open an authenticated IMAP connection, with every failure turned into an error code.

- TLS is verified against the OS trust store (truststore) or a given CA file.
- Any password works: quoted LOGIN for ASCII, AUTHENTICATE PLAIN (UTF-8) or a literal
  otherwise, so `( ) * % " \\ { }`, spaces and Chinese all go through.
- `ID` is sent after login when advertised, and to Coremail/163 (known by the greeting)
  even when not: they refuse SELECT without it ("Unsafe Login"). A SELECT refused that
  way is retried once after sending ID.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import os
import re
import socket
import ssl
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from mailmover import __version__
from mailmover.engine import errors, wire
from mailmover.engine.account import Account
from mailmover.engine.identify import ServerKind, identify
from mailmover.engine.presets import preset_for_kind

log = logging.getLogger(__name__)

# Server texts that mean more than "wrong password" (PROVIDERS.md).
_APP_PASSWORD = re.compile(
    r"authori[sz]ed code|授权码|专用密码|application-specific password|app password|"
    r"client.specific password|weixin token|安全登录",
    re.I,
)
_IMAP_DISABLED = re.compile(
    r"imap.{0,30}(disabled|not enabled|not open|closed)|service is not open|未开启|未开通|"
    r"not allowed to use imap|imap access",
    re.I,
)
_UNSAFE = re.compile(r"unsafe login", re.I)
_THROTTLE = re.compile(r"\[(LIMIT|UNAVAILABLE|INUSE)\]|too many|frequen|频繁|try again later", re.I)


def make_ssl_context(ca_file: str | None) -> ssl.SSLContext:
    """The OS trust store; `ca_file` (an institution's private CA, a self-signed test
    server) is added to the system's roots for this account only, never in their place."""
    if ca_file:
        if not os.path.isfile(ca_file) or not os.access(ca_file, os.R_OK):
            raise errors.ConnectError(errors.CA_FILE_MISSING, path=ca_file)
        # The default context holds the system roots (Windows store, OpenSSL's paths);
        # truststore's OS verifier cannot take an extra CA, so this path uses OpenSSL.
        ctx = ssl.create_default_context()
        try:
            ctx.load_verify_locations(cafile=ca_file)
        except (ssl.SSLError, ValueError) as exc:
            raise errors.ConnectError(
                errors.CA_FILE_MISSING, path=ca_file, detail=str(exc)
            ) from None
        return ctx
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


_BYTES_REPR = re.compile(r"""\bb(['"])(.*?)\1""", re.S)


def _text(exc: BaseException) -> str:
    """The server's words: imaplib wraps them as a bytes repr (b'...'), which people
    should never see; the repr is undone (escapes decoded as UTF-8)."""
    msg = str(exc)

    def undo(m: re.Match[str]) -> str:
        try:
            raw = m.group(2).encode("latin-1").decode("unicode_escape").encode("latin-1")
            return raw.decode("utf-8", "replace")
        except (UnicodeError, ValueError):
            return m.group(2)

    return _BYTES_REPR.sub(undo, msg).strip()


def map_network_error(exc: BaseException, account: Account) -> errors.MailMoverError:
    """Turn a low-level exception from connecting into a translatable error."""
    host, port = account.host, account.port
    if isinstance(exc, errors.MailMoverError):
        return exc
    if isinstance(exc, socket.gaierror):
        return errors.ConnectError(errors.HOST_NOT_FOUND, host=host, port=port)
    if isinstance(exc, ConnectionRefusedError):
        return errors.ConnectError(errors.CONNECTION_REFUSED, host=host, port=port)
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return errors.ConnectError(errors.TIMEOUT, host=host, port=port)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return errors.ConnectError(
            errors.TLS_CERTIFICATE,
            host=host,
            port=port,
            reason=str(exc.verify_code),
            detail=exc.verify_message or _text(exc),
        )
    if isinstance(exc, ssl.SSLError):
        return errors.ConnectError(errors.TLS_FAILED, host=host, port=port, detail=_text(exc))
    return errors.ConnectError(errors.NETWORK, host=host, port=port, detail=_text(exc))


def classify_login_failure(text: str, host: str) -> errors.ConnectError:
    if _UNSAFE.search(text):
        return errors.ConnectError(errors.AUTH_UNSAFE_LOGIN, host=host, detail=text)
    if _APP_PASSWORD.search(text):
        return errors.ConnectError(errors.AUTH_APP_PASSWORD, host=host, detail=text)
    if _IMAP_DISABLED.search(text):
        return errors.ConnectError(errors.AUTH_IMAP_DISABLED, host=host, detail=text)
    return errors.ConnectError(errors.AUTH_FAILED, host=host, detail=text)


def is_throttle(text: str) -> bool:
    return bool(_THROTTLE.search(text))


class ImapConnection:
    """An authenticated IMAPClient plus what we learned about the server."""

    def __init__(self, account: Account, client: IMAPClient, greeting: str) -> None:
        self.account = account
        self.client = client
        self.greeting = greeting
        self.capabilities: frozenset[str] = frozenset()
        # The shortest time seen from a write to the first line of its answer
        # (stats.pipeline, scan.select): the network's round trip plus a little of the
        # server's time; it sizes the in-flight budget (memory.in_flight_for).
        self.round_trip: float | None = None
        self.refresh_capabilities()

    def refresh_capabilities(self) -> None:
        caps = self.client.capabilities()
        self.capabilities = frozenset(c.decode("ascii", "replace").upper() for c in caps)

    def note_round_trip(self, seconds: float) -> None:
        if self.round_trip is None or seconds < self.round_trip:
            self.round_trip = seconds

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.logout()
        with contextlib.suppress(Exception):
            self.client.shutdown()

    def __enter__(self) -> ImapConnection:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Convert a broken connection mid-work into a TransientError (retry later)."""
        try:
            yield
        except (IMAPClientAbortError, imaplib.IMAP4.abort, OSError, EOFError) as exc:
            raise errors.TransientError(
                errors.CONNECTION_LOST, host=self.account.host, detail=_text(exc)
            ) from None


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
            if isinstance(exc, IMAPClientAbortError) or not _UNSAFE.search(_text(exc)):
                raise
            if self.id_sent or not self.send_id():
                raise
            log.info("SELECT refused as unsafe login; sent ID and retrying")
            return dict(super().select_folder(folder, readonly))


def _needs_id(greeting: str, capabilities: frozenset[str]) -> bool:
    """Servers that refuse SELECT until ID was sent, whether they advertise it or not."""
    if "ID" in capabilities:
        return True
    kind = identify(greeting, capabilities)
    if kind in (ServerKind.COREMAIL, ServerKind.NETEASE):
        return True
    preset = preset_for_kind(kind.value) if kind != ServerKind.UNKNOWN else None
    return bool(preset is not None and preset.quirks.send_id)


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
            raise errors.ConnectError(errors.STARTTLS_MISSING, host=account.host)
        client.starttls(make_ssl_context(account.ca_file))
    return client


def _login(client: IMAPClient, account: Account) -> None:
    user, password = account.user, account.password
    imap = wire.transport(client)  # imaplib underneath; imapclient offers no literal LOGIN
    simple = password.isascii() and not any(c in password for c in "\r\n\0")
    caps = {c.upper() for c in client.capabilities()}
    try:
        if account.admin_user:
            # authzid=user, authcid=admin: only SASL PLAIN carries both identities.
            if b"AUTH=PLAIN" not in caps:
                raise imaplib.IMAP4.error("administrator login needs AUTH=PLAIN on the server")
            client.plain_login(account.admin_user, password, authorization_identity=user)
        elif simple and user.isascii() and b"LOGINDISABLED" not in caps:
            # imaplib quotes the password (escaping \ and ") but not the user name.
            imap.login(wire.quote(imap, user), password)
        elif b"AUTH=PLAIN" in caps:
            client.plain_login(user, password)
        else:
            # A synchronising literal carries any UTF-8 bytes.
            imap.literal = password.encode("utf-8")
            typ, data = wire.simple_command(imap, "LOGIN", wire.quote(imap, user))
            if typ != "OK":
                raise imaplib.IMAP4.error(data[-1].decode("utf-8", "replace") if data else "")
            imap.state = "AUTH"
    except (LoginError, imaplib.IMAP4.error, IMAPClientError) as exc:
        if isinstance(exc, (imaplib.IMAP4.abort, IMAPClientAbortError)):
            raise
        raise classify_login_failure(_text(exc), account.host) from None


def _open_checked(account: Account) -> IMAPClient:
    try:
        return _open(account)
    except errors.MailMoverError:
        raise
    except (OSError, ssl.SSLError, IMAPClientError, imaplib.IMAP4.error) as exc:
        raise map_network_error(exc, account) from None


def reach(account: Account) -> tuple[str, frozenset[str]]:
    """Reach a server without logging in (a batch checks each server once before any
    account starts): its greeting and capabilities, or ConnectError."""
    client = _open_checked(account)
    try:
        greeting = client.welcome.decode("utf-8", "replace") if client.welcome else ""
        caps = frozenset(c.decode("ascii", "replace").upper() for c in client.capabilities())
    except (OSError, IMAPClientError, imaplib.IMAP4.error) as exc:
        raise map_network_error(exc, account) from None
    finally:
        try:
            client.logout()
        except Exception:  # noqa: BLE001 - only being polite
            client.shutdown()
    return greeting, caps


def connect(account: Account) -> ImapConnection:
    """Connect and log in; raises ConnectError with a code on any failure."""
    client = _open_checked(account)
    # imapclient turns imaplib's debug level up for its logger; imaplib then repr()s every
    # answer, message bodies included, only to drop it (measured: 0.89 -> 0.40 ms CPU per
    # message at 0 ms, benchmarks/run.py --quiet-imaplib).
    wire.transport(client).debug = 0
    _bound_literals(client)
    try:
        greeting = client.welcome.decode("utf-8", "replace") if client.welcome else ""
        client.normalise_times = False  # keep INTERNALDATE's own time zone
        _login(client, account)
        conn = ImapConnection(account, client, greeting)
        if _needs_id(greeting, conn.capabilities) and isinstance(client, _Client):
            client.send_id()
        log.info("connected to %s as %s", account.host, account.user)
        return conn
    except errors.MailMoverError:
        with contextlib.suppress(Exception):
            client.shutdown()
        raise
    except (OSError, ssl.SSLError, IMAPClientError, imaplib.IMAP4.error) as exc:
        with contextlib.suppress(Exception):
            client.shutdown()
        raise map_network_error(exc, account) from None
