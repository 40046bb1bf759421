"""App-only access for a batch: Microsoft 365's IMAP.AccessAsApp (client credentials).

The tenant's administrator grants the institution's app registration IMAP.AccessAsApp
and the mailboxes it may open (docs/oauth.md); the app then gets its own token with its
certificate (a signed assertion, RFC 7523) or its client secret, and opens each mailbox
with XOAUTH2 naming that mailbox's user. Nobody signs in, nothing is kept in the
keychain: the certificate or secret is read from its file each run, the token lives in
memory, one for every account of that side, and a new one is asked for when it has too
little life left (there is no refresh token).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace

from mailmover.engine import errors
from mailmover.oauth import failures, flows
from mailmover.oauth.provider import OAuthConfig
from mailmover.oauth.tokens import TokenSet

log = logging.getLogger(__name__)

# Microsoft's shared authorities: a token for an app needs the tenant itself.
_SHARED = ("organizations", "common", "consumers")


def app_config(config: OAuthConfig, app_scopes: tuple[str, ...], given: tuple[str, ...],
               side: str, *, certificate: bool = False) -> OAuthConfig:
    """The side's sign-in settings turned to app-only access, or ValueError saying what
    is missing."""
    if not config.client_secret and not certificate:
        raise ValueError(f"--{side}-oauth-app-only needs the app's certificate or client "
                         f"secret: --{side}-oauth-client-certificate-file PEM or "
                         f"--{side}-oauth-client-secret-file FILE")
    if "login.microsoftonline.com" in config.issuer and any(
        f"/{shared}/" in config.issuer + "/" for shared in _SHARED
    ):
        raise ValueError(f"--{side}-oauth-app-only needs your Microsoft 365 tenant, not a "
                         "shared authority: oauth_tenant in the profile, or "
                         f"--{side}-oauth-issuer https://login.microsoftonline.com/TENANT/v2.0")
    scopes = given or app_scopes
    if not scopes:
        raise ValueError(f"name the scope {config.issuer} grants an app for IMAP: "
                         f"--{side}-oauth-scope")
    return replace(config, scopes=tuple(scopes))


class AppTokens:
    """mailmover.engine.account.TokenSource for every account of one side (thread-safe):
    the app's token; each login names its mailbox."""

    def __init__(self, config: OAuthConfig, *, certificate: str | None = None,
                 timeout: float = 30.0, clock: Callable[[], float] = time.time) -> None:
        self.user = f"the app registration {config.client_id}"
        self.sign_in = flows.SignIn(config, None, self.user, timeout=timeout)
        self._certificate = certificate  # key and certificate (PEM): never shown
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: TokenSet | None = None
        self._handed = threading.local()
        self.fetches = 0

    def access_token(self, min_life: float | None = None) -> str:
        with self._lock:
            tokens = self._tokens
            if tokens is None or not tokens.usable(self._clock(), min_life):
                tokens = self._tokens = self._fetch()
            self._handed.token = tokens.access_token
            return tokens.access_token

    def invalidate(self) -> None:
        """A server refused the token this thread logged in with: the next login gets a
        new one, unless another thread already did."""
        with self._lock:
            handed = getattr(self._handed, "token", None)
            if self._tokens is not None and handed == self._tokens.access_token:
                self._tokens = None

    def _fetch(self) -> TokenSet:
        try:
            tokens = flows.client_credentials(self.sign_in, self._certificate)
        except failures.OAuthFailure as exc:
            if exc.code == failures.ISSUER:  # the network, most likely: retried
                raise errors.ConnectError(errors.NETWORK, host=self.sign_in.config.issuer,
                                          detail=str(exc.params.get("detail", ""))) from None
            raise
        self.fetches += 1
        log.info("a new app-only token from %s", self.sign_in.config.issuer)
        return tokens
