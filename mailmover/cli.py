"""Command line for help-desk staff and scripts: migrate, verify, contacts, and the GUI.

Exit codes:
  0  done: every message copied or already present (verify: all present, no duplicates)
  1  done, but some messages failed (see the report), or verify found differences
  2  usage error (bad arguments, bad account address)
  3  could not connect or log in
  4  the move stopped early (new mailbox full, server kept failing); rerun to resume
  130 interrupted (Ctrl-C); rerun to resume
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import re
import signal
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, TextIO

from mailmover import __version__, paths, secrets
from mailmover.atomic import write_atomic
from mailmover.engine import errors
from mailmover.engine.account import Account, parse_url
from mailmover.engine.control import Control
from mailmover.engine.events import (
    Connected,
    Event,
    Finished,
    FolderFinished,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    PlanReady,
    Retrying,
    Warning,
)
from mailmover.engine.folders import FolderMapping
from mailmover.engine.progress import ProgressModel
from mailmover.engine.report import Report
from mailmover.engine.transfer import DEFAULT_CONNECTIONS, Migration, MoveOptions
from mailmover.engine.verify import verify
from mailmover.store import Store, job_path, local_error
from mailmover.store_reader import removed_uids
from mailmover.units import format_size

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CONNECT, EXIT_STOPPED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
EXIT_LOCKED = 5  # another move into the same new mailbox is running
EXIT_LOCAL = 6  # this computer's disk is full or the state folder cannot be written
EXIT_INTERNAL = 70  # a bug (EX_SOFTWARE): one line, and the bundle for the help desk
_LOCAL_CODES = {errors.DISK_FULL, errors.STATE_READ_ONLY}
# Terminal control characters in names from a server are shown, never obeyed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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


def _add_account_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="old account, e.g. imaps://alice%%40uni.edu.cn@mail.uni.edu.cn")
    p.add_argument(
        "target", help="new account, e.g. imaps://alice%%40uni.edu.cn@imap.exmail.qq.com"
    )
    p.add_argument("--source-password-file", metavar="FILE", help="read the old password from FILE")
    p.add_argument("--target-password-file", metavar="FILE", help="read the new password from FILE")
    p.add_argument(
        "--save-passwords", action="store_true", help="remember the passwords in the OS keychain"
    )
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
    p.add_argument("--source-ca-file", metavar="PEM", help="also trust this CA for the old account")
    p.add_argument("--target-ca-file", metavar="PEM", help="also trust this CA for the new account")
    p.add_argument(
        "--restore-removed",
        action="store_true",
        help="copy again what an earlier run copied and you have since deleted in the new "
        "mailbox (moved copies are found and left alone)",
    )
    p.add_argument("--timeout", type=float, default=60.0, help="network timeout in seconds")
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
    p.add_argument("--state-dir", metavar="DIR", help="where progress is kept (default: user data)")
    p.add_argument("--report", metavar="FILE.json", help="write the JSON report here")
    p.add_argument("-v", "--verbose", action="store_true", help="log more (never passwords)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailmover",
        description="Move mail from one IMAP account to another; nothing lost, nothing doubled.",
        epilog=__doc__.split("\n\n", 1)[1],
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

    m = sub.add_parser(
        "migrate",
        help="copy mail; run again to copy only what is missing",
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_account_args(m)
    m.add_argument(
        "--dry-run", action="store_true", help="show the plan and folder mapping; write nothing"
    )
    m.add_argument(
        "--connections",
        type=int,
        default=None,
        metavar="N",
        help=f"parallel connection pairs (default {DEFAULT_CONNECTIONS}, or fewer where the "
        "provider is known to limit logins, e.g. Exmail 3)",
    )

    v = sub.add_parser(
        "verify",
        help="check every source message is at the destination",
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_account_args(v)

    sub.add_parser("gui", help="open the assistant window")

    for extension in _extensions().values():
        extension.add_parser(sub)
    return parser


# Sub-commands that live in their own packages: each module has add_parser(sub), run(args).
EXTENSIONS = {
    "contacts": "mailmover.contacts.cli",
    "doctor": "mailmover.doctor_cli",
    "bundle": "mailmover.bundle_cli",
    "batch": "mailmover.batch.cli",
}


def _extensions() -> dict[str, Any]:
    import importlib

    found = {}
    for command, name in EXTENSIONS.items():
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "add_parser") and hasattr(module, "run"):
            found[command] = module
    return found


# -- passwords -----------------------------------------------------------------------
def _password(side: str, account: Account, file: str | None, out: Output) -> str:
    env = f"MAILMOVER_{side.upper()}_PASSWORD"
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read the {side} password file: {exc.strerror}") from None
        return text.rstrip("\r\n")
    if os.environ.get(env):
        return os.environ[env]
    stored = secrets.get_password(account.key)
    if stored:
        return stored
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {account.user} on {account.host} ({side}): ")
    raise UsageError(
        f"no {side} password: set {env}, use --{side}-password-file, or run in a terminal"
    )


def _accounts(args: argparse.Namespace, out: Output) -> tuple[Account, Account]:
    try:
        src_ca = getattr(args, "source_ca_file", None) or args.ca_file
        dst_ca = getattr(args, "target_ca_file", None) or args.ca_file
        for ca in {src_ca, dst_ca} - {None}:
            if not os.path.isfile(str(ca)) or not os.access(str(ca), os.R_OK):
                raise errors.ConnectError(errors.CA_FILE_MISSING, path=ca)
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
    src = src.with_password(_password("source", src, args.source_password_file, out))
    dst = dst.with_password(_password("target", dst, args.target_password_file, out))
    return src, dst


def _options(args: argparse.Namespace, saved_dir: Path | None) -> MoveOptions:
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
    )


# -- progress display --------------------------------------------------------------
def _pad(text: str, width: int) -> str:
    """Left-align for a terminal: Chinese characters take two columns."""
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 1)


# Warnings after which a folder was not moved: the run is not a success.
_FOLDER_FAILED = (errors.FOLDER_REFUSED, errors.FOLDER_CREATE_FAILED)


def _why(reason: str, detail: str) -> str:
    """A failure in words, with the server's own answer quoted: never a bare code."""
    said = f' (the server said: "{detail.strip()}")' if detail.strip() else ""
    return errors.describe(reason) + said


class Progress:
    """A one-line bar on a terminal; plain lines otherwise (logs, CI, pipes). It renders the
    engine's progress model and counts nothing itself."""

    def __init__(self, out: Output) -> None:
        self.out = out
        self.tty = out.out.isatty()
        self.model = ProgressModel()
        self.last = time.monotonic()  # the first rate is shown once there is one to trust
        self.folders_failed = 0  # folders the server would not open or create

    def handle(self, ev: object) -> None:
        if isinstance(ev, Event):
            self.model.apply(ev)
        if isinstance(ev, Connected):
            self.out.say(f"connected to {ev.host} ({ev.side})")
        elif isinstance(ev, PlanReady):
            self.out.say(f"{ev.folders} folders to move")
        elif isinstance(ev, FolderStarted):
            self._clear()
            self.out.say(
                f"{ev.source} -> {ev.target}: {ev.total} messages, {ev.to_copy} to copy, "
                f"{ev.present} already there" + (f", {ev.skipped} skipped" if ev.skipped else "")
            )
        elif isinstance(ev, MessageCopied):
            self._tick()
        elif isinstance(ev, MessageFailed):
            self._clear()
            where = f" (saved as {ev.saved_as})" if ev.saved_as else ""
            self.out.say(f"  failed: {ev.folder} UID {ev.uid}: {_why(ev.reason, ev.detail)}{where}")
        elif isinstance(ev, FolderFinished):
            if ev.counts.get("copied"):
                self._tick(force=True)
        elif isinstance(ev, Retrying):
            self._clear()
            what = (
                "the server asked us to slow down"
                if ev.reason == errors.THROTTLED
                else f"connection problem ({ev.detail or 'no answer'})"
            )
            self.out.say(f"  {what}; retrying in {ev.delay:.0f} s (attempt {ev.attempt})")
        elif isinstance(ev, Warning):
            if ev.code in _FOLDER_FAILED:
                self.folders_failed += 1
            self._clear()
            self.out.say(f"  warning: {errors.MailMoverError(ev.code, **ev.params)}")

    def _clear(self) -> None:
        if self.tty:
            self.out.out.write("\r\033[K")

    def _tick(self, force: bool = False) -> None:
        now = time.monotonic()
        interval = 0.2 if self.tty else 5.0
        if not force and now - self.last < interval:
            return
        self.last = now
        s = self.model.snapshot()
        eta = f"about {s.eta_seconds:.0f} s left" if s.eta_seconds is not None else "time left ?"
        line = (
            f"{s.messages_done}/{s.messages_total} messages, "
            f"{format_size(s.bytes_done)}/{format_size(s.bytes_total)}, "
            f"{s.rate_messages:.1f} msg/s, "
            f"{s.rate_bytes / 1_048_576:.2f} MB/s, {eta}"
        )
        if self.tty:
            width = 24
            bar = "#" * int(width * s.fraction) + "-" * (width - int(width * s.fraction))
            self.out.out.write(f"\r\033[K[{bar}] {printable(line)}")
            self.out.out.flush()
        else:
            self.out.say(line)


def _print_plan(mappings: list[FolderMapping], out: Output) -> None:
    out.say(f"{'':2}{'source folder':<32} {'messages':>8} {'size':>10}  -> destination folder")
    for m in mappings:
        mark = "x" if m.include else " "
        note = f"  (not moved: {m.reason})" if not m.include else ""
        out.say(
            f"[{mark}] {_pad(m.source, 31)}{m.messages or 0:>8} {format_size(m.size or 0):>10}  -> "
            f"{m.target}{note}"
        )


def _print_report(report: Report, out: Output) -> None:
    out.say("")
    out.say(
        f"{'folder':<32} {'source':>7} {'copied':>7} {'present':>8} {'skipped':>8} "
        f"{'failed':>7} {'removed':>8} {'pending':>8}"
    )
    for f in report.folders:
        out.say(
            f"{_pad(f.source, 32)}{f.source_count:>7} {f.copied:>7} {f.present:>8} {f.skipped:>8} "
            f"{f.failed:>7} {f.removed:>8} {f.pending:>8}"
        )
    t = report.totals()
    out.say(
        f"{'total':<32} {t['source_count']:>7} {t['copied']:>7} {t['present']:>8} "
        f"{t['skipped']:>8} {t['failed']:>7} {t['removed']:>8} {t['pending']:>8}"
    )
    if t["removed"]:
        out.say(
            f"{t['removed']} messages copied before were deleted or moved by you in the new "
            "mailbox and were not copied again (--restore-removed brings deleted ones back)"
        )
    if t["flags_updated"]:
        out.say(f"{t['flags_updated']} copies got the flags changed since on the old server")
    for f in report.folders:
        for x in f.failures:
            out.say(
                f"  failed: {x.folder} UID {x.uid} {x.date!r} {x.subject!r} {x.size} bytes: "
                f"{_why(x.reason, x.detail)} {x.saved_as}"
            )


# -- commands ------------------------------------------------------------------------
def cmd_migrate(args: argparse.Namespace, out: Output) -> int:
    src, dst = _accounts(args, out)
    if args.save_passwords:
        for acc in (src, dst):
            try:
                secrets.set_password(acc.key, acc.password)
            except secrets.KeychainUnavailable:
                out.error("no keychain on this system; passwords are not remembered")
                break
    if args.dry_run:
        migration = Migration(src, dst, None, _options(args, None))
        try:
            mappings = migration.plan()
        finally:
            migration.close()
        _print_plan(mappings, out)
        out.say("dry run: nothing was written")
        return EXIT_OK

    state = paths.data_dir(args.state_dir)
    store_path = job_path(paths.jobs_dir(state), src.key, dst.key)
    saved = paths.saved_messages_dir(state) / store_path.stem
    store = Store(store_path)
    if store.recovered_from:
        out.error(
            f"the progress file was damaged and set aside ({store.recovered_from}); "
            "starting afresh, which is safe"
        )
    control = Control()
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum: int, frame: object) -> None:
        if control.cancelled:
            raise KeyboardInterrupt
        out.error("stopping after the messages in flight (Ctrl-C again to abort)")
        control.cancel()

    signal.signal(signal.SIGINT, on_interrupt)
    migration = Migration(src, dst, store, _options(args, saved), control)
    progress = Progress(out)
    report: Report | None = None
    try:
        for ev in migration.connect_events():
            progress.handle(ev)
        mappings = migration.plan()
        _print_plan(mappings, out)
        for ev in migration.run(mappings):
            progress.handle(ev)
            if isinstance(ev, Finished):
                report = ev.report  # type: ignore[assignment]
    finally:
        signal.signal(signal.SIGINT, previous)
        migration.close()
        store.close()
    assert report is not None
    progress._clear()
    _print_report(report, out)
    if args.report:
        report.write_json(args.report)
        out.say(f"report written to {args.report}")
    if report.stopped_reason in _LOCAL_CODES:
        return EXIT_LOCAL
    if report.cancelled:
        out.say("interrupted: run the same command again to continue")
        return EXIT_INTERRUPTED
    if report.stopped_reason:
        out.say("the move stopped early: fix the problem above and run again to continue")
        return EXIT_STOPPED
    return EXIT_OK if report.ok and not progress.folders_failed else EXIT_FAILED


def cmd_verify(args: argparse.Namespace, out: Output) -> int:
    src_acc, dst_acc = _accounts(args, out)
    options = _options(args, None)
    removed = _removed_by_user(args, src_acc, dst_acc)
    migration = Migration(src_acc, dst_acc, None, options)
    try:
        mappings = migration.plan(with_stats=False)
        src, dst = migration.connections()
        result = verify(src, dst, mappings, options.max_message_size, removed)
    finally:
        migration.close()
    out.say(
        f"{'folder':<32} {'source':>7} {'target':>7} {'missing':>8} {'doubled':>8} "
        f"{'flags':>6} {'dates':>6} {'removed':>8} {'only new':>9}"
    )
    for f in result.folders:
        out.say(
            f"{_pad(f.source, 32)}{f.source_count:>7} {f.target_count:>7} {f.missing:>8} "
            f"{f.duplicated:>8} {f.flags_differ:>6} {f.dates_differ:>6} {f.removed_by_user:>8} "
            f"{f.only_in_new:>9}" + ("  OK" if f.ok else "  DIFFERENT")
        )
    t = result.totals()
    out.say(
        f"missing {t['missing']}, duplicated {t['duplicated']}, flags differ {t['flags_differ']}, "
        f"dates differ {t['dates_differ']}: "
        + ("everything is there" if result.ok else "NOT everything is there")
    )
    if t["removed_by_user"]:
        out.say(f"{t['removed_by_user']} copies were removed by you in the new mailbox")
    if t["only_in_new"]:
        out.say(f"{t['only_in_new']} messages are only in the new mailbox (not a problem)")
    if args.report:
        write_atomic(Path(args.report), json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK if result.ok else EXIT_FAILED


def _removed_by_user(args: argparse.Namespace, src: Account, dst: Account) -> dict[str, set[int]]:
    """The move's own record of copies the user removed, when this computer has it."""
    path = job_path(paths.data_dir(args.state_dir) / "jobs", src.key, dst.key)
    if not path.exists():
        return {}
    return removed_uids(path)


def cmd_gui(args: argparse.Namespace, out: Output) -> int:
    from mailmover.gui.app import main as gui_main
    from mailmover.profile import configured_profile

    profile = configured_profile(getattr(args, "profile", None))
    return gui_main([], profile=profile) if profile is not None else gui_main([])


def main(argv: list[str] | None = None, out: Output | None = None) -> int:
    out = out or Output()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=out.err,
    )
    logging.getLogger("imapclient").setLevel(logging.WARNING)  # its DEBUG shows commands
    commands = {"migrate": cmd_migrate, "verify": cmd_verify, "gui": cmd_gui}
    if args.self_test:
        from mailmover.selftest import run_self_test

        return run_self_test(args.self_test_imap, out.out)
    try:
        if getattr(args, "demo", False):
            from mailmover.demo.launch import run_demo

            return run_demo(args.profile)
        if args.command is None:
            return cmd_gui(args, out)
        if args.command in commands:
            return commands[args.command](args, out)
        extension = _extensions().get(args.command)
        if extension is not None:
            return int(extension.run(args))
        parser.print_help()
        return EXIT_USAGE
    except UsageError as exc:
        out.error(str(exc))
        return EXIT_USAGE
    except errors.ConnectError as exc:
        out.error(str(exc))
        return EXIT_CONNECT
    except errors.MailMoverError as exc:
        out.error(str(exc))
        if exc.code == errors.MOVE_IN_PROGRESS:
            return EXIT_LOCKED
        if exc.code in _LOCAL_CODES:
            return EXIT_LOCAL
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
        with open(log_file, "a", encoding="utf-8") as fh:
            fh.write(time.strftime("%Y-%m-%d %H:%M:%S ") + "".join(traceback.format_exception(exc)))
        where = f" (details in {log_file})"
    except OSError:
        pass
    out.error(errors.MailMoverError(errors.INTERNAL, detail=type(exc).__name__).english() + where)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
