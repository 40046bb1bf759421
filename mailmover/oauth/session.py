"""One account's tokens for a run: the TokenSource the IMAP boundary signs in with.

Every connect and reconnect asks for an access token; it gets one with enough life left
(tokens.MARGIN), refreshed first where needed. All connections of an account share one
AccountTokens, so connections that reconnect together after a cut share one refresh:
the refresh happens under a lock, and the ones that waited find the new token. A
rotated refresh token is saved in the keychain before the new access token is handed
out (a run that stops right after must not leave the retired one behind). A refresh
token that was revoked or expired ends with "sign in again" (exit 3); nothing opens a
browser in the middle of a move.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from mailmover import secrets
from mailmover.engine import errors
from mailmover.oauth import failures, flows
from mailmover.oauth.store import MemoryStore, TokenStore, entry_name
from mailmover.oauth.tokens import TokenSet

log = logging.getLogger(__name__)


class AccountTokens:
    """mailmover.engine.account.TokenSource for one account (thread-safe)."""

    def __init__(
        self, sign_in: flows.SignIn, store: TokenStore, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.user = sign_in.user
        self.sign_in = sign_in
        self._store = store
        self._name = entry_name(sign_in.config.key, sign_in.user)
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: TokenSet | None = None
        self._handed = threading.local()  # the token this thread last logged in with
        self.refreshes = 0

    @property
    def in_memory(self) -> bool:
        """Kept for this run only (no keychain on this computer)."""
        return isinstance(self._store, MemoryStore)

    # -- the sign-in itself -------------------------------------------------------------
    def current(self) -> TokenSet | None:
        """The kept sign-in (this run's, else the keychain's), if any."""
        with self._lock:
            if self._tokens is None:
                self._tokens = self._store.load(self._name)
            return self._tokens

    def adopt(self, tokens: TokenSet) -> None:
        """A fresh sign-in (browser or device): kept before anything uses it."""
        with self._lock:
            self._save(tokens)
            self._tokens = tokens

    def forget(self) -> None:
        with self._lock:
            self._tokens = None
            self._store.delete(self._name)

    def _save(self, tokens: TokenSet) -> None:
        try:
            self._store.save(self._name, tokens)
        except secrets.KeychainUnavailable as exc:
            log.warning("the keychain refused the new sign-in (%s): the next run will ask "
                        "to sign in again", exc)

    # -- TokenSource ----------------------------------------------------------------------
    def access_token(self, min_life: float | None = None) -> str:
        with self._lock:
            tokens = self._tokens if self._tokens is not None else self._store.load(self._name)
            if tokens is None:
                raise self.sign_in.fail(failures.NOT_SIGNED_IN)
            if not tokens.usable(self._clock(), min_life):
                if not tokens.refresh_token:
                    raise self.sign_in.fail(failures.SIGN_IN_AGAIN, "no refresh token")
                tokens = self._refresh(tokens)
            self._tokens = tokens
            self._handed.token = tokens.access_token
            return tokens.access_token

    def invalidate(self) -> None:
        """The server refused the token this thread logged in with (revoked early, or
        its clock differs): the next access_token() refreshes, unless another
        connection has already done so."""
        with self._lock:
            handed = getattr(self._handed, "token", None)
            if self._tokens is not None and handed == self._tokens.access_token:
                self._tokens = self._tokens.used_up()

    def _refresh(self, tokens: TokenSet) -> TokenSet:
        try:
            new = flows.refresh(self.sign_in, tokens)  # discovers the endpoints if needed
        except failures.OAuthFailure as exc:
            if exc.code == failures.SIGN_IN_AGAIN:
                self._tokens = None
                self._store.delete(self._name)
                raise
            if exc.code == failures.ISSUER:
                # The network, most likely: the move's own retries apply.
                raise errors.ConnectError(errors.NETWORK, host=self.sign_in.config.issuer,
                                          detail=str(exc.params.get("detail", ""))) from None
            raise
        self.refreshes += 1
        self._save(new)  # before anything uses it: the old refresh token may be retired
        log.info("the sign-in of %s was refreshed", self.user)
        return new
