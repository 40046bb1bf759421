"""The three exchanges with a sign-in service: a browser sign-in (authorization code with
PKCE and a loopback redirect, RFC 8252 / 7636), a device code sign-in (RFC 8628) for a
machine without a browser, and a refresh (the refresh token may rotate).

authlib builds and parses the protocol messages; what to tell the person, how long to
wait and what each refusal means are here. No Qt: the wizard runs these on a thread.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError

from mailmover.oauth import failures
from mailmover.oauth.assertion import ASSERTION_TYPE, CertificateError, client_assertion
from mailmover.oauth.http import HttpError, RequestException, oauth_session, post_form
from mailmover.oauth.loopback import Loopback
from mailmover.oauth.provider import Metadata, OAuthConfig, check_url, discover
from mailmover.oauth.tokens import TokenSet, from_response

log = logging.getLogger(__name__)

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
BROWSER_TIMEOUT = 300.0
_ADMIN = re.compile(r"AADSTS65001|AADSTS90094|AADSTS90008|admin(istrator)? (approval|consent)",
                    re.I)

Say = Callable[[str], None]


@dataclass(frozen=True)
class SignIn:
    """One person's sign-in: who it is for, how to talk to them, when to give up."""

    config: OAuthConfig
    metadata: Metadata | None  # None: discovered when first needed
    user: str  # the account name: sent as login_hint, compared with who signed in
    url: str = ""  # the account's address, for "mailmover login URL"
    say: Say = lambda text: None
    cancel: threading.Event | None = None
    timeout: float = 30.0  # each HTTP exchange

    def endpoints(self) -> Metadata:
        """The issuer's endpoints (discovered once, on first need: a kept sign-in with
        life left needs no network)."""
        if self.metadata is None:
            object.__setattr__(self, "metadata", discover(self.config, self.timeout))
        assert self.metadata is not None
        return self.metadata

    @property
    def scope(self) -> str:
        return " ".join(self.config.scopes)

    def session(self, redirect_uri: str | None = None) -> Any:
        return oauth_session(self.config.client_id, self.config.client_secret, self.scope,
                             redirect_uri, self.timeout)

    def fail(self, code: str, detail: str = "") -> failures.OAuthFailure:
        return failures.OAuthFailure(code, user=self.user, issuer=self.config.issuer,
                                     detail=detail, url=self.url or self.user,
                                     consent_url=self.config.admin_consent_url
                                     or "(ask your administrator)")

    def refused(self, error: str, description: str = "") -> failures.OAuthFailure:
        """What an OAuth error answer means for the person."""
        text = f"{error} {description}"
        if _ADMIN.search(text) or error == "consent_required":
            return self.fail(failures.ADMIN_CONSENT, description or error)
        if error == "invalid_grant":
            return self.fail(failures.SIGN_IN_AGAIN, description or error)
        if error == "expired_token":
            return self.fail(failures.DEVICE_EXPIRED)
        return self.fail(failures.DENIED, description or error)

    def finish(self, answer: dict[str, Any], previous: TokenSet | None = None) -> TokenSet:
        tokens = from_response(answer, previous)
        if not tokens.access_token:
            raise self.fail(failures.DENIED, "the answer carried no access token")
        who = tokens.signed_in_as
        if who and self.user and "@" in who and who.casefold() != self.user.casefold():
            raise failures.OAuthFailure(failures.WRONG_ACCOUNT, user=self.user, signed_in=who)
        return tokens


def open_browser(url: str) -> bool:
    """The system browser; `BROWSER` (as webbrowser reads it, but read now, not once per
    process) names a command that is waited for."""
    command = os.environ.get("BROWSER", "")
    if command:
        for each in command.split(os.pathsep):
            args = shlex.split(each)
            if args and "%s" not in args:
                args.append("%s")
            if args and webbrowser.GenericBrowser(args).open(url):
                return True
        return False
    return webbrowser.open(url)


def browser_sign_in(
    s: SignIn,
    *,
    opener: Callable[[str], bool] = open_browser,
    wait: float = BROWSER_TIMEOUT,
) -> TokenSet:
    """Authorization code with PKCE: the listener first, then the browser, then the code
    exchanged (with the verifier) for tokens."""
    meta = s.endpoints()
    if not meta.authorization_endpoint:
        raise s.fail(failures.ISSUER, "it offers no browser sign-in")
    verifier = generate_token(64)
    with Loopback(s.config.redirect_host) as loopback:
        client = s.session(loopback.redirect_uri)
        extra = {"login_hint": s.user} if s.user else {}
        url, state = client.create_authorization_url(
            meta.authorization_endpoint, code_verifier=verifier, **extra
        )
        loopback.expect(state)
        s.say(f"Sign in to {s.user} in your browser. If no browser opens, open this address:"
              f"\n  {url}")
        if not opener(url):
            log.info("no browser could be started; waiting for the address to be opened")
        answer = loopback.wait(wait, s.cancel)
        if answer is None:
            if s.cancel is not None and s.cancel.is_set():
                raise s.fail(failures.CANCELLED)
            waited = f"{int(wait // 60)} minutes" if wait >= 120 else f"{int(wait)} seconds"
            raise failures.OAuthFailure(failures.TIMED_OUT, user=s.user, waited=waited)
        if "error" in answer:
            raise s.refused(answer["error"], answer.get("error_description", ""))
        try:
            token = client.fetch_token(
                meta.token_endpoint, grant_type="authorization_code",
                code=answer.get("code", ""), code_verifier=verifier,
                redirect_uri=loopback.redirect_uri,
            )
        except OAuthError as exc:
            raise s.refused(str(exc.error), str(exc.description or "")) from None
        except (RequestException, ValueError) as exc:
            raise s.fail(failures.ISSUER, type(exc).__name__) from None
        finally:
            client.close()
    return s.finish(dict(token))


def device_sign_in(s: SignIn, *, sleep: Callable[[float], None] = time.sleep) -> TokenSet:
    """RFC 8628: the address and the code are shown (on stderr in the CLI), the token
    endpoint asked every `interval` seconds; `slow_down` adds 5 seconds for good;
    `access_denied` and `expired_token` end it."""
    meta = s.endpoints()
    endpoint = meta.device_authorization_endpoint
    if not endpoint:
        raise s.fail(failures.ISSUER, "it offers no device code sign-in")
    form = {"client_id": s.config.client_id, "scope": s.scope}
    auth = (s.config.client_id, s.config.client_secret) if s.config.client_secret else None
    try:
        status, grant = post_form(endpoint, form, s.timeout, auth)
    except HttpError as exc:
        raise s.fail(failures.ISSUER, str(exc)) from None
    if "error" in grant or "device_code" not in grant:
        raise s.refused(str(grant.get("error", f"HTTP {status}")),
                        str(grant.get("error_description", "")))
    where = str(grant.get("verification_uri") or grant.get("verification_url") or "")
    check_url(where, s.config.issuer)
    s.say(f"To sign in {s.user}, open {where} on any device and enter the code "
          f"{grant.get('user_code', '')}")
    interval = float(grant.get("interval") or 5)
    deadline = time.monotonic() + float(grant.get("expires_in") or 900)
    client = s.session()
    try:
        while True:
            if s.cancel is not None and s.cancel.is_set():
                raise s.fail(failures.CANCELLED)
            if time.monotonic() > deadline:
                raise s.fail(failures.DEVICE_EXPIRED)
            sleep(interval)
            try:
                token = client.fetch_token(meta.token_endpoint, grant_type=DEVICE_GRANT,
                                           device_code=str(grant["device_code"]))
            except OAuthError as exc:
                if exc.error == "authorization_pending":
                    continue
                if exc.error == "slow_down":
                    interval += 5
                    continue
                raise s.refused(str(exc.error), str(exc.description or "")) from None
            except (RequestException, ValueError) as exc:
                raise s.fail(failures.ISSUER, type(exc).__name__) from None
            return s.finish(dict(token))
    finally:
        client.close()


def refresh(s: SignIn, tokens: TokenSet) -> TokenSet:
    """New tokens from the refresh token; `invalid_grant` (revoked, expired, already
    rotated away) means the person must sign in again."""
    client = s.session()
    try:
        token = client.refresh_token(s.endpoints().token_endpoint,
                                     refresh_token=tokens.refresh_token)
    except OAuthError as exc:
        raise s.refused(str(exc.error), str(exc.description or "")) from None
    except (RequestException, ValueError) as exc:
        raise s.fail(failures.ISSUER, type(exc).__name__) from None
    finally:
        client.close()
    return s.finish(dict(token), tokens)


def client_credentials(s: SignIn, certificate: str | None = None) -> TokenSet:
    """RFC 6749 §4.4: the app's own token, no person signed in (Microsoft's app-only
    access, IMAP.AccessAsApp, for a batch). No refresh token comes: the next token is
    asked for the same way. The app proves itself with a signed assertion where it has
    a certificate (`certificate`: key and certificate, PEM; RFC 7523), else with its
    secret in the form (Microsoft's documented way)."""
    endpoint = s.endpoints().token_endpoint
    form = {"grant_type": "client_credentials", "client_id": s.config.client_id,
            "scope": s.scope}
    if certificate:
        try:
            form["client_assertion"] = client_assertion(certificate, s.config.client_id,
                                                        endpoint)
        except CertificateError as exc:
            raise s.fail(failures.ISSUER, f"the app's certificate file: {exc}") from None
        form["client_assertion_type"] = ASSERTION_TYPE
    elif s.config.client_secret:
        form["client_secret"] = s.config.client_secret
    else:
        raise s.fail(failures.ISSUER, "app-only access needs the app's certificate or secret")
    try:
        status, answer = post_form(endpoint, form, s.timeout)
    except HttpError as exc:
        raise s.fail(failures.ISSUER, str(exc)) from None
    if status != 200 or "error" in answer or not answer.get("access_token"):
        raise s.refused(str(answer.get("error", f"HTTP {status}")),
                        str(answer.get("error_description", "")))
    return from_response(answer)
