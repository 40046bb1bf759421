"""`mailmover login URL`: sign in with OAuth 2.0 ahead of time and keep the sign-in in
the keychain, so that later moves open no browser (a help desk preparing a laptop)."""

from __future__ import annotations

import argparse

from mailmover.commands.common import EXIT_OK, Output, UsageError
from mailmover.commands.oauth_args import (
    SettingsError,
    add_oauth_args,
    config_for,
    token_source,
)
from mailmover.engine import errors, parse_url


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
    token_source(account, config, args, out.err, fresh=True)
    out.say(f"{account.user} is signed in; later moves use this sign-in.")
    return EXIT_OK
