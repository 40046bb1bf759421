"""What every subcommand shares: output, exit codes, accounts and passwords, options."""

from __future__ import annotations

import argparse
import getpass
import sys
import unicodedata
from pathlib import Path
from typing import TextIO

from mailmover import hardening, secrets, textsafe
from mailmover.commands.oauth_args import (
    SettingsError,
    add_oauth_args,
    config_for,
    token_source,
)
from mailmover.engine import (
    DEFAULT_CONNECTIONS,
    Account,
    MoveOptions,
    errors,
    make_ssl_context,
    parse_url,
)

EXIT_CODES_TEXT = """Exit codes:
  0  done: every message copied or already present (verify: all there, nothing doubled)
  1  done, but some messages failed (see the report), or verify found differences
  2  usage error (bad arguments, bad account address)
  3  could not connect or log in (or a CA file is missing, or a sign-in must be renewed:
     mailmover login URL)
  4  the move stopped early (new mailbox full, server kept failing); rerun to resume
  5  another move into the same new mailbox is running
  6  this computer's disk is full or the state folder cannot be written
  7  stopped for today at the daily limit (Gmail's, or --max-mb-per-day); rerun later
  70 internal error: one line here, details in the log folder (mailmover bundle)
  130 interrupted (Ctrl-C); rerun to resume"""

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CONNECT, EXIT_STOPPED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
EXIT_LOCKED = 5  # another move into the same new mailbox is running
EXIT_LOCAL = 6  # this computer's disk is full or the state folder cannot be written
EXIT_PAUSED = 7  # stopped for today at a daily limit: the next run resumes
EXIT_INTERNAL = 70  # a bug (EX_SOFTWARE): one line, and the bundle for the help desk
LOCAL_CODES = {errors.DISK_FULL, errors.STATE_READ_ONLY, errors.UNSAFE_PATH}
PAUSE_CODES = {errors.DAILY_LIMIT_GMAIL, errors.DAILY_LIMIT_OWN, errors.PROVIDER_DAILY_LIMIT}


def printable(text: str) -> str:
    """Terminal control, CR, bidi and zero-width characters from a server (names, error
    texts) are shown escaped, never obeyed; the line breaks we write stay."""
    return "\n".join(textsafe.shown(line) for line in text.split("\n"))


class Output:
    """Where the CLI writes; streams are injectable for tests."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def say(self, text: str = "") -> None:
        text = printable(text)
        print(text, file=self.out, flush=True)

    def error(self, text: str) -> None:
        text = printable(text)
        print(f"mailmover: {text}", file=self.err, flush=True)


class UsageError(Exception):
    pass


def add_account_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="old account, e.g. imaps://alice%%40uni.edu.cn@mail.uni.edu.cn")
    p.add_argument(
        "target", help="new account, e.g. imaps://alice%%40uni.edu.cn@imap.exmail.qq.com"
    )
    p.add_argument("--source-password-file", metavar="FILE", help="read the old password from FILE")
    p.add_argument("--target-password-file", metavar="FILE", help="read the new password from FILE")
    p.add_argument(
        "--save-passwords", action="store_true", help="remember the passwords in the OS keychain"
    )
    add_connection_args(p)
    add_oauth_args(p)
    p.add_argument("--source-ca-file", metavar="PEM", help="also trust this CA for the old account")
    p.add_argument("--target-ca-file", metavar="PEM", help="also trust this CA for the new account")
    p.add_argument(
        "--restore-removed",
        action="store_true",
        help="copy again what an earlier run copied and you have since deleted in the new "
        "mailbox (moved copies are found and left alone)",
    )
    add_selection_args(p)
    p.add_argument("--report", metavar="FILE.json", help="write the JSON report here")


def add_connection_args(p: argparse.ArgumentParser) -> None:
    """How to reach the servers: the same flags for a move, a check and a batch."""
    p.add_argument(
        "--allow-plaintext",
        action="store_true",
        help="allow imap+plain:// to a non-loopback host (passwords sent unencrypted)",
    )
    p.add_argument(
        "--ca-file",
        metavar="PEM",
        help="also trust this CA certificate for both accounts (added to the system's)",
    )
    p.add_argument("--timeout", type=float, default=60.0, help="network timeout in seconds")


def add_selection_args(p: argparse.ArgumentParser) -> None:
    """What to move, where to keep progress, how much to log: the same for a move and a
    batch."""
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="only these source folders (repeatable)",
    )
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave these source folders out (repeatable)",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SRC=DST",
        help="put source folder SRC into destination folder DST",
    )
    p.add_argument(
        "--max-size",
        type=float,
        metavar="MB",
        help="skip messages larger than MB megabytes (reported as skipped)",
    )
    p.add_argument(
        "--include-deleted",
        action="store_true",
        help="also move messages marked as deleted but not yet erased in the old mailbox "
        "(copied as ordinary messages; by default they are left out and counted as skipped)",
    )
    p.add_argument("--state-dir", metavar="DIR", help="where progress is kept (default: user data)")
    p.add_argument("-v", "--verbose", action="store_true", help="log more (never passwords)")



# -- passwords -----------------------------------------------------------------------
def password(side: str, account: Account, file: str | None, out: Output) -> str:
    env = f"MAILMOVER_{side.upper()}_PASSWORD"
    from_env = hardening.env_secret(env)  # removed from os.environ before anything runs
    if file:
        try:
            return hardening.secret_file(Path(file), f"the {side} password file")
        except hardening.SecretFileError as exc:
            raise UsageError(str(exc)) from None
    if from_env:
        return from_env
    stored = secrets.get_password(account.key)
    if stored:
        return stored
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {account.user} on {account.host} ({side}): ")
    raise UsageError(
        f"no {side} password: set {env}, use --{side}-password-file, or run in a terminal"
    )


def accounts(args: argparse.Namespace, out: Output) -> tuple[Account, Account]:
    try:
        src_ca = getattr(args, "source_ca_file", None) or args.ca_file
        dst_ca = getattr(args, "target_ca_file", None) or args.ca_file
        for ca in {src_ca, dst_ca} - {None}:
            make_ssl_context(ca)  # the engine's own check, before any network
        src = parse_url(args.source, allow_plaintext=args.allow_plaintext, ca_file=src_ca)
        dst = parse_url(args.target, allow_plaintext=args.allow_plaintext, ca_file=dst_ca)
    except errors.ConnectError:
        raise
    except errors.MailMoverError as exc:
        raise UsageError(str(exc)) from None
    from dataclasses import replace

    src = replace(src, timeout=args.timeout)
    dst = replace(dst, timeout=args.timeout)
    src.check_security()
    dst.check_security()
    sides = (("source", src, args.source_password_file),
             ("target", dst, args.target_password_file))
    try:  # every setting checked before anyone is asked for a password or a sign-in
        configs = [config_for(account, args, side) for side, account, _ in sides]
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    signed: list[Account] = []
    for (side, account, file), config in zip(sides, configs, strict=True):
        if config is not None:
            signed.append(replace(account, oauth=token_source(account, config, args, out.err)))
        else:
            signed.append(account.with_password(password(side, account, file, out)))
    return signed[0], signed[1]


def move_options(args: argparse.Namespace, saved_dir: Path | None) -> MoveOptions:
    overrides = {}
    for item in args.map:
        if "=" not in item:
            raise UsageError(f"--map takes SRC=DST, not {item!r}")
        a, b = item.split("=", 1)
        overrides[a] = b
    return MoveOptions(
        include=args.include,
        exclude=args.exclude,
        connections=getattr(args, "connections", None) or DEFAULT_CONNECTIONS,
        # The provider's own limit applies unless the user chose a number.
        provider_limits=getattr(args, "connections", None) is None,
        max_message_size=int(args.max_size * 1024 * 1024) if args.max_size else None,
        saved_dir=saved_dir,
        overrides=overrides,
        restore_removed=getattr(args, "restore_removed", False),
        include_deleted=getattr(args, "include_deleted", False),
        max_bytes_per_day=_per_day(getattr(args, "max_mb_per_day", None)),
        gmail_one_copy=getattr(args, "gmail_one_copy", False),
    )


def _per_day(mb: float | None) -> int | None:
    if mb is None:
        return None
    if mb < 0:
        raise UsageError("--max-mb-per-day takes a number of MB, 0 for no limit")
    return int(mb * 1024 * 1024)


# -- progress display --------------------------------------------------------------
def pad(text: str, width: int) -> str:
    """Left-align for a terminal: Chinese characters take two columns."""
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 1)


# Warnings after which a folder was not moved: the run is not a success.
