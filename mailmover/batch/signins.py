"""Accounts of a batch that sign in with OAuth 2.0: sign-ins prepared ahead.

A help desk prepares each account on the machine that will run the batch with
`mailmover login URL` (the person signs in once; the keychain keeps it). The batch reads
those sign-ins under the same names as `migrate` (oauth/store.py: issuer, app
registration, account), so the settings come from the same places: the batch options
(`--source-oauth-issuer`, `--source-oauth-client-id`, …, as migrate's), the institution
profile, the provider's preset. A batch never opens a browser nor shows a device code:
an account nobody signed in, or whose sign-in was withdrawn, fails alone with the
`mailmover login …` command to run, and the rest of the department moves.

Tokens refresh themselves as in migrate: one AccountTokens per account, shared by all
its connections (and by every row naming that account), so connections reconnecting
together share one refresh, and a rotated refresh token is kept before it is used.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import threading
from dataclasses import replace
from pathlib import Path

from mailmover import hardening, secrets
from mailmover.batch.accounts import SIDES, BatchInputError, Job, Row, Server
from mailmover.batch.apponly import AppTokens, app_config
from mailmover.batch.runner import AccountResult
from mailmover.commands import oauth_args
from mailmover.engine import Account, TokenSource, errors, preset_for_host
from mailmover.oauth import failures, flows, settings
from mailmover.oauth.assertion import CertificateError
from mailmover.oauth.assertion import load as load_certificate
from mailmover.oauth.provider import OAuthConfig
from mailmover.oauth.session import AccountTokens
from mailmover.oauth.store import KeychainStore, TokenStore, entry_name
from mailmover.oauth.tokens import TokenSet

log = logging.getLogger(__name__)

NO_KEYCHAIN = (
    "accounts that sign in with OAuth need the sign-ins prepared with mailmover login, "
    "kept in this computer's keychain, and this computer has none: run the batch where "
    "the accounts were signed in"
)


def add_args(p: argparse.ArgumentParser) -> None:
    """migrate's options for each side, without --oauth-flow: nothing signs in here; and
    app-only access (Microsoft 365's IMAP.AccessAsApp)."""
    oauth_args.add_oauth_args(p, flow=False)
    for side, which in (("source", "old"), ("target", "new")):
        p.add_argument(f"--{side}-oauth-app-only", action="store_true",
                       help=f"open the {which} mailboxes as the app itself (Microsoft 365 "
                       "IMAP.AccessAsApp, granted by the tenant administrator): client "
                       f"credentials from --{side}-oauth-client-certificate-file or "
                       f"--{side}-oauth-client-secret-file, nobody signs in")
        p.add_argument(f"--{side}-oauth-client-certificate-file", metavar="PEM",
                       help="with app-only access: the app's private key and certificate "
                       "(one PEM file, readable by you alone), instead of a client secret")


class _LockedStore:
    """The keychain, one call at a time: accounts refresh on many threads at once, and
    not every keychain backend (D-Bus, Credential Manager) is safe to share."""

    def __init__(self, store: TokenStore) -> None:
        self._store = store
        self._lock = threading.Lock()

    def load(self, name: str) -> TokenSet | None:
        with self._lock:
            return self._store.load(name)

    def save(self, name: str, tokens: TokenSet) -> None:
        with self._lock:
            self._store.save(name, tokens)

    def delete(self, name: str) -> None:
        with self._lock:
            self._store.delete(name)


class SignIns:
    """Each side's sign-in settings, and one token source per account."""

    def __init__(self, args: argparse.Namespace, servers: dict[str, Server]) -> None:
        self.args = args
        self.configs: dict[str, OAuthConfig | None] = {}
        self.problems: dict[str, str] = {}  # a side that wants OAuth and cannot have it
        for side in SIDES:
            host = servers[side].host
            try:
                self.configs[side] = settings.resolve(host, oauth_args.given(args, side, host))
            except settings.SettingsError as exc:
                self.configs[side], self.problems[side] = None, str(exc)
        self.apps: dict[str, AppTokens] = {}
        for side in SIDES:
            if getattr(args, f"{side}_oauth_app_only", False):
                self.apps[side] = self._app(side, servers[side].host)
        self._store: TokenStore | None = None
        self._sources: dict[str, AccountTokens] = {}

    def _app(self, side: str, host: str) -> AppTokens:
        config = self.configs[side]
        if config is None:
            raise BatchInputError([self.problems.get(side) or (
                f"--{side}-oauth-app-only needs the app registration: --{side}-oauth-issuer "
                f"and --{side}-oauth-client-id (or oauth_client_id in the profile)")])
        preset = preset_for_host(host)
        app_scopes = preset.oauth.app_scopes if preset and preset.oauth else ()
        pem_file = getattr(self.args, f"{side}_oauth_client_certificate_file", None)
        certificate = None
        try:
            if pem_file:
                certificate = hardening.secret_file(Path(pem_file), "the app's certificate file")
                load_certificate(certificate)  # a bad file is said now, not per account
            config = app_config(config, app_scopes,
                                tuple(getattr(self.args, f"{side}_oauth_scope", None) or ()), side,
                                certificate=certificate is not None)
        except (ValueError, hardening.SecretFileError) as exc:
            what = f"the app's certificate file {pem_file}: " if isinstance(
                exc, CertificateError) else ""
            raise BatchInputError([f"{what}{exc}"]) from None
        return AppTokens(config, certificate=certificate, timeout=self.args.timeout)

    def _keychain(self) -> TokenStore:
        if self._store is None:
            try:
                self._store = _LockedStore(KeychainStore())
            except secrets.KeychainUnavailable:
                raise BatchInputError([NO_KEYCHAIN]) from None
        return self._store

    def wants_oauth(self, row: Row, side: str) -> bool:
        said = row.auth(side)
        if said:
            return said == "oauth"
        return self.configs[side] is not None or side in self.problems

    def __call__(self, row: Row, side: str, account: Account) -> TokenSource | None:
        """build_jobs' hook: the account's token source, None where it uses a password."""
        if not self.wants_oauth(row, side):
            return None
        config = self.configs[side]
        if config is None and side in self.problems:
            # Said once for the side, not once per row of a list of 300.
            said, self.problems[side] = self.problems[side], ""
            raise BatchInputError([said] if said else [])
        if config is None:
            raise BatchInputError([(
                f"line {row.line} signs in to the {side} with OAuth, but no sign-in service "
                f"is named: --{side}-oauth-issuer and --{side}-oauth-client-id (or "
                "oauth_issuer and oauth_client_id in the profile)")])
        if row.password(side) or row.password_file(side):
            raise BatchInputError([
                f"line {row.line}: a {side} password is given, but the {side} signs in with "
                f"OAuth: leave the password out, or write password in the {side}_auth column"
            ])
        if side in self.apps:
            return self.apps[side]
        name = entry_name(config.key, account.user)
        tokens = self._sources.get(name)
        if tokens is None:
            sign_in = flows.SignIn(config, None, account.user, url=self.login_args(side, account),
                                   say=log.info, timeout=account.timeout)
            tokens = self._sources[name] = AccountTokens(sign_in, self._keychain())
        return tokens

    def login_args(self, side: str, account: Account) -> str:
        """What follows `mailmover login` to prepare this account, so that login keeps the
        sign-in under the name this batch looks for: the batch's own options for that
        side as login spells them; with a profile named on the command line, its values
        written out (`--profile` would have to come before `login`)."""
        a, config = self.args, self.configs[side]
        spelled = bool(getattr(a, "profile", None)) and config is not None
        words = [account.url]
        if account.plaintext_to_network:
            words.append("--allow-plaintext")
        issuer = getattr(a, f"{side}_oauth_issuer", None) or (config.issuer if spelled and config
                                                              else "")
        client_id = getattr(a, f"{side}_oauth_client_id", None) or (
            config.client_id if spelled and config else "")
        scopes = getattr(a, f"{side}_oauth_scope", None) or (
            list(config.scopes) if spelled and config else [])
        secret_file = getattr(a, f"{side}_oauth_client_secret_file", None)
        for option, value in (("issuer", issuer), ("client-id", client_id),
                              ("client-secret-file", secret_file)):
            if value:
                words += [f"--oauth-{option}", str(value)]
        for scope in scopes:
            words += ["--oauth-scope", scope]
        return shlex.join(words)

    @property
    def in_use(self) -> bool:
        return bool(self._sources)

    def check_apps(self) -> None:
        """An app-only side gets its first token before anything moves: a wrong secret or
        a missing grant stops the batch once (exit 3), not every account one by one."""
        for app in self.apps.values():
            app.access_token()

    def explain(self, result: AccountResult) -> None:
        """A mailbox that refused the app's token: what the tenant administrator does."""
        if self.apps and result.error_code == failures.MAILBOX_REFUSED:
            result.first_error += (
                " With app-only access: the tenant administrator must grant the app this "
                "mailbox (Add-MailboxPermission, docs/oauth.md).")


class NotSignedIn(failures.OAuthFailure):
    """One account's sides that nobody signed in ahead, each with its login command."""

    def english(self) -> str:
        return str(self.params.get("detail", ""))


def not_signed_in(job: Job) -> errors.MailMoverError | None:
    """Why `job` cannot start: a side whose sign-in nobody prepared. Both sides named,
    separated by `;` (a help desk fixes both at once, and can paste both commands);
    None when every OAuth side has one kept."""
    said: list[str] = []
    for account in (job.source, job.target):
        tokens = account.oauth
        if isinstance(tokens, AccountTokens) and tokens.current() is None:
            said.append(tokens.sign_in.fail(failures.NOT_SIGNED_IN).english())
    if not said:
        return None
    return NotSignedIn(failures.NOT_SIGNED_IN, detail="; ".join(said))


def check_prepared(jobs: list[Job]) -> list[Job]:
    """The jobs, each without a prepared sign-in marked to fail alone."""
    return [replace(job, refused=not_signed_in(job)) for job in jobs]


# The summary's error codes that a `mailmover login` fixes.
SIGN_IN_CODES = frozenset({failures.NOT_SIGNED_IN, failures.SIGN_IN_AGAIN})
