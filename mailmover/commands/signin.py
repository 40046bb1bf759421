"""`mailmover login URL`: sign in with OAuth 2.0 ahead of time and keep the sign-in in
the keychain, so that later moves open no browser (a help desk preparing a laptop)."""

from __future__ import annotations

import argparse

from mailmover import secrets
from mailmover.commands.common import EXIT_OK, Output, UsageError
from mailmover.commands.oauth_args import (
    SettingsError,
    add_oauth_args,
    config_for,
    token_source,
)
from mailmover.engine import errors, parse_url
from mailmover.oauth.flows import SignIn
from mailmover.oauth.session import AccountTokens
from mailmover.oauth.store import default_store


# -- mailmover login URL -----------------------------------------------------------------
def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "login",
        help="sign in with Microsoft, Google or the institution's issuer ahead of time",
        description="Sign in now and keep the sign-in in this computer's keychain, so that "
        "later moves open no browser (e.g. a help desk preparing a laptop).",
    )
    p.add_argument("account", help="the account, e.g. imaps://alice%%40uni.edu@outlook.office365.com")
    p.add_argument("--allow-plaintext", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--forget", action="store_true",
                   help="remove this account's sign-in from this computer's keychain instead "
                   "(a shared computer after the move)")
    add_oauth_args(p, sides=("",))


def run(args: argparse.Namespace, out: Output) -> int:
    try:
        account = parse_url(args.account, allow_plaintext=args.allow_plaintext)
    except errors.ConnectError:
        raise
    except errors.MailMoverError as exc:
        raise UsageError(str(exc)) from None
    try:
        config = config_for(account, args, "")
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    if config is None:
        raise UsageError(
            f"{account.host} signs in with a password, not OAuth: name the sign-in service "
            "with --oauth-issuer and --oauth-client-id"
        )
    if args.forget:
        AccountTokens(SignIn(config, None, account.user), default_store()).forget()
        out.say(f"{account.user}'s sign-in was removed from this computer.")
        return EXIT_OK
    if not secrets.available():
        raise UsageError(
            "this computer has no keychain, so a sign-in cannot be kept for later: sign in "
            "when the move starts instead (mailmover migrate asks)"
        )
    token_source(account, config, args, out.err, fresh=True)
    out.say(f"{account.user} is signed in; later moves use this sign-in.")
    return EXIT_OK
