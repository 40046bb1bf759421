"""Signing in: the one place that knows how to log in with a credential.

A `Credential` is a password or an OAuth2 token source (RFC 7628 SASL XOAUTH2 /
OAUTHBEARER, refreshed by its source). Any password works: quoted LOGIN for ASCII,
AUTHENTICATE PLAIN (UTF-8) or a literal otherwise, so `( ) * % " \\ { }`, spaces and
Chinese all go through. A refusal's words say whether the password was wrong or the
provider wants something else (docs/providers.md): `refused`.
"""

from __future__ import annotations

import imaplib
import re
from dataclasses import dataclass, field

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from mailmover.engine import errors
from mailmover.engine.account import Account, TokenSource
from mailmover.engine.imap import faults, wire
from mailmover.oauth.failures import MAILBOX_REFUSED, OAuthFailure


@dataclass(frozen=True)
class Password:
    secret: str = field(repr=False)


@dataclass(frozen=True)
class OAuthToken:
    source: TokenSource = field(repr=False)


Credential = Password | OAuthToken


class TokenRefused(OAuthFailure, faults.SignInRefused):
    """The token source has no token to give (sign in again, consent withdrawn): its
    own sentence, and a refusal a retry cannot change."""


class TokenUnreachable(OAuthFailure, faults.Unreachable):
    """The sign-in service could not be reached for a fresh token: tried again later."""


_UNREACHABLE = {errors.NETWORK, errors.TIMEOUT, errors.HOST_NOT_FOUND, errors.CONNECTION_REFUSED}


def _token(source: TokenSource) -> str:
    """An access token with life left, its failures as boundary faults."""
    try:
        return source.access_token()
    except errors.ConnectError as exc:
        if isinstance(exc, faults.Fault):
            raise
        cls = TokenUnreachable if exc.code in _UNREACHABLE else TokenRefused
        raise cls(exc.code, **exc.params) from None


def credential_of(account: Account) -> Credential:
    if account.oauth is not None:
        return OAuthToken(account.oauth)
    return Password(account.password)


# Server texts that mean more than "wrong password" (docs/providers.md).
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
UNSAFE = re.compile(r"unsafe login", re.I)


def refused(text: str, host: str) -> faults.SignInRefused:
    """What a refused sign-in means, from the server's words."""
    if UNSAFE.search(text):
        return faults.SignInRefused(errors.AUTH_UNSAFE_LOGIN, host=host, detail=text)
    if _APP_PASSWORD.search(text):
        return faults.SignInRefused(errors.AUTH_APP_PASSWORD, host=host, detail=text)
    if _IMAP_DISABLED.search(text):
        return faults.SignInRefused(errors.AUTH_IMAP_DISABLED, host=host, detail=text)
    return faults.SignInRefused(errors.AUTH_FAILED, host=host, detail=text)


def sign_in(client: IMAPClient, account: Account) -> None:
    """Log in with the account's credential; a refusal raises SignInRefused, a broken
    link is left to the caller (it means: could not connect)."""
    caps = {c.upper() for c in client.capabilities()}
    credential = credential_of(account)
    try:
        if isinstance(credential, OAuthToken):
            _token_login(client, account, credential.source, caps)
        else:
            _password_login(client, account, credential.secret, caps)
    except (LoginError, imaplib.IMAP4.error, IMAPClientError) as exc:
        if isinstance(exc, (imaplib.IMAP4.abort, IMAPClientAbortError)):
            raise
        text = faults.server_words(exc)
        if faults.is_daily_limit(text):
            # Gmail refuses the sign-in of an account past its daily limits: no wrong
            # password; the move stops for today (exit 7).
            raise faults.StoppedForToday(
                errors.PROVIDER_DAILY_LIMIT, host=account.host, detail=text
            ) from None
        fault = refused(text, account.host)
        if isinstance(credential, OAuthToken) and fault.code == errors.AUTH_FAILED:
            # Not a password to check: the token was fresh, the mailbox still said no.
            raise TokenRefused(MAILBOX_REFUSED, host=account.host, user=account.user,
                               detail=fault.params.get("detail", "")) from None
        raise fault from None


def _token_login(
    client: IMAPClient, account: Account, source: TokenSource, caps: set[bytes]
) -> None:
    """XOAUTH2 where offered (Microsoft offers only it), else OAUTHBEARER (RFC 7628).
    A token refused once is dropped and a fresh one tried: servers check a token only
    at sign-in, so it must have life left now, and may have been revoked early."""
    for attempt in (1, 2):
        token = _token(source)
        try:
            if b"AUTH=XOAUTH2" in caps or b"AUTH=OAUTHBEARER" not in caps:
                client.oauth2_login(account.user, token)
            else:
                client.oauthbearer_login(account.user, token)
            return
        except (LoginError, IMAPClientError, imaplib.IMAP4.error) as exc:
            if isinstance(exc, (imaplib.IMAP4.abort, IMAPClientAbortError)) or attempt == 2:
                raise
            source.invalidate()


def _password_login(client: IMAPClient, account: Account, password: str, caps: set[bytes]) -> None:
    user = account.user
    imap = wire.transport(client)  # imaplib underneath; imapclient offers no literal LOGIN
    simple = password.isascii() and not any(c in password for c in "\r\n\0")
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
