"""Why a sign-in with OAuth 2.0 did not work, as a code and a plain sentence.

Every failure is a ConnectError (the front ends say "cannot connect or log in", the
CLI exits 3). The words say what to do next; no token is ever a parameter.
"""

from __future__ import annotations

from typing import Any

from mailmover.engine import errors

SIGN_IN_AGAIN = "oauth.sign_in_again"  # the refresh token was revoked or expired
DENIED = "oauth.denied"  # the person (or the provider) said no
ADMIN_CONSENT = "oauth.admin_consent"  # the organisation's administrator must approve
TIMED_OUT = "oauth.timed_out"  # the browser never came back
DEVICE_EXPIRED = "oauth.device_expired"  # the code was not entered in time
ISSUER = "oauth.issuer"  # the sign-in service cannot be used (metadata, http://, network)
WRONG_ACCOUNT = "oauth.wrong_account"  # signed in as someone else
NOT_SIGNED_IN = "oauth.not_signed_in"  # no sign-in kept and none can be asked for here
CANCELLED = "oauth.cancelled"
MAILBOX_REFUSED = "oauth.mailbox_refused"  # a fresh token, and still the mailbox said no
NO_CLIENT_ID = "oauth.no_client_id"

ENGLISH: dict[str, str] = {
    SIGN_IN_AGAIN: "The sign-in for {user} has expired or was withdrawn. Sign in again "
    "(mailmover login {url}), then run the same command: nothing was lost.",
    DENIED: "The sign-in for {user} was refused at {issuer}: {detail}",
    ADMIN_CONSENT: "Your organisation's administrator must approve mailmover before {user} "
    "can sign in. Send the help desk this link: {consent_url}",
    TIMED_OUT: "No answer came back from the browser within {waited}. Sign in "
    "again and finish in the browser window that opens (or use --oauth-flow device).",
    DEVICE_EXPIRED: "The code for {user} was not entered in time. Sign in again.",
    ISSUER: "The sign-in service {issuer} cannot be used: {detail}",
    WRONG_ACCOUNT: "You signed in as {signed_in}, but this account is {user}. Sign in again "
    "with {user}.",
    NOT_SIGNED_IN: "{user} is not signed in yet. Run: mailmover login {url}",
    CANCELLED: "The sign-in for {user} was cancelled.",
    MAILBOX_REFUSED: "The mailbox on {host} did not accept the sign-in of {user}. Check that "
    "you signed in as {user}; if you did, IMAP may be switched off for this mailbox: ask "
    "the help desk. {detail}",
    NO_CLIENT_ID: "No app registration (client id) is known for {issuer}. Your IT office "
    "registers mailmover once (docs/oauth.md) and gives you the client id for the "
    "profile or --source-oauth-client-id / --target-oauth-client-id.",
}


class OAuthFailure(errors.ConnectError):
    """A sign-in that cannot go on: exit 3 in the CLI, a sentence in the wizard."""

    def english(self) -> str:
        template = ENGLISH.get(self.code)
        if template is None:
            return super().english()
        values: dict[str, Any] = {"user": "", "issuer": "", "url": "", "detail": ""}
        values.update(self.params)
        try:
            return template.format(**values).strip()
        except (KeyError, IndexError):
            return f"{self.code} {self.params}"
