"""Signing in with OAuth 2.0 on the command line: the options, which account uses it,
and the sign-in itself (the browser where there is a display, else a device code on
stderr, which needs no terminal). A setting that cannot work raises SettingsError (a
usage error for the caller)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

from mailmover import hardening, textsafe
from mailmover.engine import Account
from mailmover.oauth import flows, settings
from mailmover.oauth.provider import OAuthConfig
from mailmover.oauth.session import AccountTokens
from mailmover.oauth.store import default_store

# The profile's table for each side of a move.
PROFILE_SIDE = {"source": "old_server", "target": "new_server"}


SettingsError = settings.SettingsError


def add_oauth_args(
    p: argparse.ArgumentParser, sides: tuple[str, ...] = ("source", "target"), *,
    flow: bool = True,
) -> None:
    """The sign-in options; `flow=False` where nothing may sign in (a batch: the
    sign-ins are prepared ahead with `mailmover login`)."""
    for side in sides:
        dash = f"--{side}-" if side else "--"
        which = {"source": "the old account's ", "target": "the new account's ", "": ""}[side]
        who = {"source": "the old account ", "target": "the new account ", "": "the account "}
        p.add_argument(f"{dash}oauth-issuer", metavar="URL",
                       help=f"sign {who[side]}in with OAuth 2.0 at this issuer "
                       "(default: the provider's, e.g. Microsoft or Google)")
        p.add_argument(f"{dash}oauth-client-id", metavar="ID",
                       help=f"{which}app registration (from the IT office; docs/oauth.md)")
        p.add_argument(f"{dash}oauth-scope", action="append", default=[], metavar="SCOPE",
                       help="a scope to ask for (repeatable; default: the provider's)")
        p.add_argument(f"{dash}oauth-client-secret-file", metavar="FILE",
                       help="the app registration's client secret, where it has one (Google)")
    if not flow:
        return
    p.add_argument("--oauth-flow", choices=("browser", "device"),
                   help="how to sign in: the browser (default where there is a display) or a "
                   "code entered on another device (shown on stderr)")


def _say(err: TextIO) -> flows.Say:
    def say(text: str) -> None:
        shown = "\n".join(textsafe.shown(line) for line in text.split("\n"))
        print(shown, file=err, flush=True)

    return say


def _profile_given(args: argparse.Namespace, side: str, host: str) -> settings.Given:
    from mailmover.profile import configured_profile

    profile = configured_profile(getattr(args, "profile", None))
    tables = [PROFILE_SIDE[side]] if side else list(PROFILE_SIDE.values())
    for table in tables:
        server = getattr(profile, table, None) if profile is not None else None
        if server is None or not server.host or server.host.lower() != host.lower():
            continue
        return settings.Given(issuer=server.oauth_issuer, client_id=server.oauth_client_id,
                              tenant=server.oauth_tenant, scopes=tuple(server.oauth_scopes))
    return settings.Given()


def given(args: argparse.Namespace, side: str, host: str) -> settings.Given:
    """The command line's values over the profile's for this side."""
    pre = f"{side}_" if side else ""
    secret_file = getattr(args, f"{pre}oauth_client_secret_file", None)
    secret = None
    if secret_file:
        try:
            secret = hardening.secret_file(Path(secret_file), "the OAuth client secret file")
        except hardening.SecretFileError as exc:
            raise SettingsError(str(exc)) from None
    cli = settings.Given(
        issuer=getattr(args, f"{pre}oauth_issuer", None) or "",
        client_id=getattr(args, f"{pre}oauth_client_id", None) or "",
        scopes=tuple(getattr(args, f"{pre}oauth_scope", None) or ()),
        client_secret=secret,
    )
    return cli.over(_profile_given(args, side, host))


def default_flow() -> str:
    if sys.platform in ("win32", "darwin") or os.environ.get("BROWSER"):
        return "browser"
    return "browser" if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") else "device"


def sign_in_now(tokens: AccountTokens, flow: str | None) -> None:
    """Open the browser (or show the device code) and keep the new sign-in."""
    s = tokens.sign_in
    if (flow or default_flow()) == "device":
        result = flows.device_sign_in(s)
    else:
        result = flows.browser_sign_in(s)
    tokens.adopt(result)
    who = result.signed_in_as or s.user
    s.say(f"Signed in as {who}.")


def config_for(account: Account, args: argparse.Namespace, side: str) -> OAuthConfig | None:
    """The account's sign-in settings; None where it uses a password."""
    return settings.resolve(account.host, given(args, side, account.host))


def token_source(
    account: Account,
    config: OAuthConfig,
    args: argparse.Namespace,
    err: TextIO,
    *,
    fresh: bool = False,
) -> AccountTokens:
    """The account's tokens, signing in now if nothing is kept (or always, `fresh`)."""
    say = _say(err)
    sign_in = flows.SignIn(config, None, account.user, url=account.url, say=say,
                           timeout=account.timeout)
    tokens = AccountTokens(sign_in, default_store(say))
    if fresh or tokens.current() is None:
        sign_in_now(tokens, getattr(args, "oauth_flow", None))
    return tokens
