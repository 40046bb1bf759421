"""Where an account lives and how to reach it; parsed from `imaps://user@host:port` URLs."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable
from urllib.parse import unquote, urlsplit

from mailmover import textsafe
from mailmover.engine import errors


@runtime_checkable
class TokenSource(Protocol):
    """OAuth2 access tokens for one account (mailmover.oauth implements it); the IMAP
    boundary signs in with them (imap/auth.py)."""

    user: str

    def access_token(self, min_life: float | None = None) -> str: ...

    def invalidate(self) -> None: ...

# security: "tls" = implicit TLS (993), "starttls" = upgrade on 143, "plain" = none.
SCHEMES = {"imaps": ("tls", 993), "imap": ("starttls", 143), "imap+plain": ("plain", 143)}


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Account:
    host: str
    user: str
    port: int = 993
    security: str = "tls"
    # Never shown in repr, logs or reports.
    password: str = field(default="", repr=False, compare=False)
    allow_plaintext: bool = False
    ca_file: str | None = None
    timeout: float = 60.0
    # Administrator login (SASL PLAIN with `user` as authorization identity, as Dovecot
    # master users and Cyrus admins allow): `password` is then the admin's password.
    admin_user: str | None = field(default=None, repr=False)
    # Signs in with OAuth2 instead of `password`.
    oauth: TokenSource | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> str:
        """A stable, password-free identity used for the progress store and keychain."""
        return f"{self.user}@{self.host}:{self.port}"

    @property
    def url(self) -> str:
        scheme = {v[0]: k for k, v in SCHEMES.items()}[self.security]
        user = self.user.replace("%", "%25").replace("@", "%40").replace(":", "%3A")
        return f"{scheme}://{user}@{self.host}:{self.port}"

    def with_password(self, password: str) -> Account:
        return replace(self, password=password)

    @property
    def plaintext_to_network(self) -> bool:
        """The password would travel unencrypted beyond this computer: allowed only
        after the person's explicit consent (`allow_plaintext`), in every front end."""
        return self.security == "plain" and not is_loopback(self.host)

    def check_names(self) -> None:
        """Refuse, before connecting, a user name the wire could not carry as one
        argument: CR/LF/NUL (and other controls) would split the LOGIN into commands."""
        for name in (self.user, self.admin_user or ""):
            bad_name_check(name)

    def check_security(self) -> None:
        self.check_names()
        if self.plaintext_to_network and not self.allow_plaintext:
            raise errors.ConnectError(errors.PLAINTEXT_REFUSED, host=self.host)


def bad_name_check(name: str) -> None:
    """Raise BAD_NAME when `name` holds a control character (C0, DEL, C1)."""
    at = textsafe.control_at(name)
    if at is not None:
        raise errors.MailMoverError(
            errors.BAD_NAME, name=textsafe.shown(name), char=textsafe.describe_char(name, at)
        )


def parse_url(url: str, *, allow_plaintext: bool = False, ca_file: str | None = None) -> Account:
    """Parse `imaps://USER@HOST[:PORT]`; USER may be percent-encoded (`a%40b.cn`)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise errors.MailMoverError(errors.BAD_URL, detail=f"{url}: {exc}") from None
    if parts.scheme not in SCHEMES:
        raise errors.MailMoverError(
            errors.BAD_URL, detail=f"{url}: use imaps://, imap:// or imap+plain://"
        )
    if not parts.hostname or not parts.username:
        raise errors.MailMoverError(errors.BAD_URL, detail=f"{url}: need USER@HOST")
    if parts.password is not None:
        # Passwords in URLs end up in shell history and process lists.
        raise errors.MailMoverError(
            errors.BAD_URL, detail="put no password in the address; use the environment or a file"
        )
    security, default_port = SCHEMES[parts.scheme]
    user = unquote(parts.username)
    bad_name_check(user)
    return Account(
        host=parts.hostname,
        user=user,
        port=port or default_port,
        security=security,
        allow_plaintext=allow_plaintext,
        ca_file=ca_file,
    )
