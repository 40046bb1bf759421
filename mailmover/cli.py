"""The command line: one entry point, an explicit table of subcommands.

Each subcommand lives in its own module with `add_parser(sub)` and `run(args, out)`:
migrate/verify in commands/move.py, doctor and bundle in commands/, contacts in
contacts/cli.py, batch in batch/cli.py. To add one, add a module and a row to COMMANDS.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mailmover import __version__, hardening, paths, safefiles, textsafe
from mailmover.batch import cli as batch_cli
from mailmover.commands import bundle, doctor, move, signin
from mailmover.commands.common import (
    EXIT_CODES_TEXT,
    EXIT_CONNECT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_LOCAL,
    EXIT_LOCKED,
    EXIT_PAUSED,
    EXIT_STOPPED,
    EXIT_USAGE,
    LOCAL_CODES,
    PAUSE_CODES,
    Output,
    UsageError,
    printable,
)
from mailmover.contacts import cli as contacts_cli
from mailmover.engine import errors
from mailmover.store import local_error

__all__ = ["Output", "UsageError", "build_parser", "main", "printable"]


@dataclass(frozen=True)
class Command:
    run: Callable[[argparse.Namespace, Output], int]
    add_parser: Callable[[argparse._SubParsersAction], object] | None  # type: ignore[type-arg]


def _gui(args: argparse.Namespace, out: Output) -> int:
    from mailmover.gui.app import main as gui_main  # Qt only when the window is wanted
    from mailmover.profile import configured_profile

    profile = configured_profile(getattr(args, "profile", None))
    return gui_main([], profile=profile) if profile is not None else gui_main([])


def _gui_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub.add_parser("gui", help="open the assistant window")


COMMANDS: dict[str, Command] = {
    "migrate": Command(move.migrate, None),  # both parsers come from move.add_parsers
    "verify": Command(move.verify_command, None),
    "gui": Command(_gui, _gui_parser),
    "doctor": Command(lambda a, o: doctor.run(a), doctor.add_parser),
    "bundle": Command(lambda a, o: bundle.run(a), bundle.add_parser),
    "contacts": Command(lambda a, o: int(contacts_cli.run(a)), contacts_cli.add_parser),
    "batch": Command(batch_cli.run, batch_cli.add_parser),
    "login": Command(signin.run, signin.add_parser),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailmover",
        description="Move mail from one IMAP account to another; nothing lost, nothing doubled.",
        epilog=EXIT_CODES_TEXT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mailmover {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation works, then quit"
    )
    parser.add_argument(
        "--self-test-imap",
        metavar="URL",
        help="with --self-test: also log in here (password from MAILMOVER_SELFTEST_PASSWORD)",
    )
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="institution profile (default: mailmover-profile.toml beside the program)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="try it out against two local sandbox mailboxes"
    )
    sub = parser.add_subparsers(dest="command")
    move.add_parsers(sub)
    for command in COMMANDS.values():
        if command.add_parser is not None:
            command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None, out: Output | None = None) -> int:
    out = out or Output()
    hardening.no_core_dumps()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = logging.StreamHandler(out.err)
    handler.setFormatter(textsafe.SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(
        level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
        handlers=[handler],
    )
    logging.getLogger("imapclient").setLevel(logging.WARNING)  # its DEBUG shows commands
    if args.self_test:
        from mailmover.selftest import run_self_test

        return run_self_test(args.self_test_imap, out.out)
    try:
        if getattr(args, "demo", False):
            from mailmover.demo.launch import run_demo

            return run_demo(args.profile)
        command = COMMANDS.get(args.command or "gui")
        if command is None:
            parser.print_help()
            return EXIT_USAGE
        return int(command.run(args, out))
    except UsageError as exc:
        out.error(str(exc))
        return EXIT_USAGE
    except errors.ConnectError as exc:
        out.error(str(exc))
        return EXIT_CONNECT
    except errors.MailMoverError as exc:
        out.error(str(exc))
        if exc.code in (errors.MOVE_IN_PROGRESS, errors.STORE_BUSY):
            return EXIT_LOCKED
        if exc.code in LOCAL_CODES:
            return EXIT_LOCAL
        if exc.code in PAUSE_CODES:
            return EXIT_PAUSED
        usage = exc.code == errors.BAD_URL or exc.code.startswith("profile.")
        return EXIT_USAGE if usage else EXIT_STOPPED
    except KeyboardInterrupt:
        out.error("interrupted")
        return EXIT_INTERRUPTED
    except OSError as exc:
        local = local_error(exc, Path(str(exc.filename or ".")))
        if local is None:
            return _internal_error(exc, out)
        out.error(str(local))
        return EXIT_LOCAL
    except Exception as exc:  # noqa: BLE001 - the last resort: never a bare traceback
        return _internal_error(exc, out)


def _internal_error(exc: Exception, out: Output) -> int:
    """One line for the user; the traceback goes to a log file the bundle collects."""
    import traceback

    where = ""
    try:
        log_file = paths.logs_dir() / "internal-errors.log"
        fd = safefiles.open_own(log_file, os.O_WRONLY | os.O_APPEND)  # 0600, no link
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S ")
            fh.write(stamp + "".join(traceback.format_exception(exc)))
        where = f" (details in {log_file})"
    except OSError:
        pass
    out.error(errors.MailMoverError(errors.INTERNAL, detail=type(exc).__name__).english() + where)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
