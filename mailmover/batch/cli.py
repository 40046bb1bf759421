"""`mailmover batch ACCOUNTS.csv --source URL --target URL`: a whole department at once.

Exit codes:
  0  every account done: every message copied or already there
  1  done, but some accounts could not log in or some messages failed (see the summary)
  2  bad input (accounts file, arguments): nothing was moved
  3  a server could not be reached, or the app's own sign-in (app-only access) was
     refused: nothing was moved
  4  some accounts stopped early (new mailbox full, server kept failing); rerun to resume
  6  this computer's disk is full or the state folder cannot be written; the batch stopped
  130 interrupted (Ctrl-C, SIGTERM); rerun to resume
"""

from __future__ import annotations

import argparse
import getpass
import signal
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from types import FrameType

from mailmover import hardening, paths
from mailmover.batch import signins, summary
from mailmover.batch.accounts import (
    SIDES,
    BatchInputError,
    Credentials,
    Row,
    build_jobs,
    has_passwords,
    parse_server,
    read_rows,
    read_secret_file,
    readable_by_others,
)
from mailmover.batch.caps import (
    DEFAULT_SERVER_CAP,
    PROVIDER_ACCOUNTS,
    connection_caps,
    parallel_accounts,
)
from mailmover.batch.progress import BatchProgress
from mailmover.batch.runner import (
    CANCELLED,
    DONE,
    PENDING,
    STOPPED,
    AccountResult,
    BatchOptions,
    BatchRunner,
)
from mailmover.batch.shard import parse_shard, select_shard
from mailmover.commands import common
from mailmover.engine import Account, errors
from mailmover.store import local_error


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "batch",
        help="move many accounts listed in a CSV file, in parallel, resumable",
        description="Move every account listed in ACCOUNTS.csv (header row: source_user, "
        "target_user, optionally source_password, target_password, source_password_file, "
        "target_password_file, source_auth, target_auth; UTF-8 or GBK). Accounts on OAuth "
        "use the sign-ins prepared with mailmover login. Run it again to finish what is "
        "missing.",
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("accounts", metavar="ACCOUNTS.csv", help="the accounts to move")
    p.add_argument("--source", required=True, metavar="URL", help="e.g. imaps://mail.uni.edu.cn")
    p.add_argument("--target", required=True, metavar="URL", help="e.g. imaps://imap.exmail.qq.com")
    for side, old in (("source", "old"), ("target", "new")):
        p.add_argument(
            f"--{side}-password-file",
            metavar="FILE",
            help=f"one {old} password for every row without its own "
            f"(or MAILMOVER_{side.upper()}_PASSWORD)",
        )
        p.add_argument(
            f"--{side}-admin",
            metavar="USER",
            help=f"log in to the {old} server as this administrator (SASL PLAIN with the "
            f"row's user as authorization identity: Dovecot master user, Cyrus admin); "
            f"password from MAILMOVER_{side.upper()}_ADMIN_PASSWORD",
        )
        p.add_argument(
            f"--{side}-admin-password-file",
            metavar="FILE",
            help=f"read the {old} administrator's password from FILE",
        )
    p.add_argument(
        "--password-dir",
        metavar="DIR",
        help="the folder holding the files named in the password_file columns "
        "(owner-only files; none elsewhere is read)",
    )
    p.add_argument(
        "--allow-readable-csv",
        action="store_true",
        help="accept password files that other users can read (refused by default)",
    )
    p.add_argument(
        "--parallel",
        type=int,
        metavar="N",
        help="accounts moved at once (default: as many as the per-server cap allows)",
    )
    p.add_argument(
        "--connections",
        type=int,
        metavar="N",
        help="connection pairs per account (default 1; the provider's limit applies)",
    )
    p.add_argument(
        "--max-per-server",
        type=int,
        metavar="N",
        help=f"connections open at once on each server, whole batch (default "
        f"{DEFAULT_SERVER_CAP}, or {PROVIDER_ACCOUNTS}x a known provider's per-account limit)",
    )
    p.add_argument(
        "--shard",
        metavar="K/N",
        help="move only the K-th of N parts of the list (several machines, one list)",
    )
    p.add_argument(
        "--summary",
        metavar="FILE.csv",
        help="summary per account (a .json and an .html are written beside it; "
        "default: ACCOUNTS-summary.csv beside the accounts file)",
    )
    p.add_argument(
        "--verify", action="store_true", help="check each account after its move (slower)"
    )
    common.add_connection_args(p)
    signins.add_args(p)
    common.add_selection_args(p)


def main(argv: list[str], out: common.Output | None = None) -> int:
    """Parse `batch ...` arguments and run (for tests and embedding)."""
    parser = argparse.ArgumentParser(prog="mailmover")
    add_parser(parser.add_subparsers(dest="command"))
    return run(parser.parse_args(argv), out)


def run(args: argparse.Namespace, out: common.Output | None = None) -> int:
    out = out or common.Output()
    try:
        return _run(args, out)
    except BatchInputError as exc:
        for problem in exc.problems:
            out.error(problem)
        out.error("nothing was moved")
        return common.EXIT_USAGE
    except common.UsageError as exc:
        out.error(str(exc))
        return common.EXIT_USAGE
    except errors.ConnectError as exc:
        out.error(f"{exc} (checked before moving: nothing was moved)")
        return common.EXIT_CONNECT
    except KeyboardInterrupt:
        # The second Ctrl-C: messages in flight are lost to this run, not to the next one.
        out.error("aborted: run the same command again to continue")
        return common.EXIT_INTERRUPTED


def _secret(side: str, args: argparse.Namespace, kind: str) -> str:
    """The admin ("admin_") or shared ("") password of one side: file, environment, prompt."""
    file = getattr(args, f"{side}_{kind}password_file")
    env = f"MAILMOVER_{side.upper()}_{kind.upper()}PASSWORD"
    if file:
        return read_secret_file(Path(file), f"the {side} password file", args.allow_readable_csv)
    from_env = hardening.env_secret(env)
    if from_env:
        return from_env
    if kind and sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(
            f"Password of the {side} administrator {getattr(args, side + '_admin')}: "
        )
    if kind:
        raise BatchInputError(
            [f"--{side}-admin needs a password: set {env} or use --{side}-admin-password-file"]
        )
    return ""


def _default_summary(accounts: Path, shard: tuple[int, int] | None) -> Path:
    tail = f"-{shard[0]}of{shard[1]}" if shard else ""
    return accounts.with_name(f"{accounts.stem}-summary{tail}.csv")


def _run(args: argparse.Namespace, out: common.Output) -> int:
    accounts_file = Path(args.accounts)
    servers = {"source": parse_server(args.source), "target": parse_server(args.target)}
    shard = parse_shard(args.shard) if args.shard else None
    for name in ("parallel", "connections", "max_per_server"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise BatchInputError([f"--{name.replace('_', '-')} must be at least 1"])
    rows, total_rows = _rows(args, accounts_file, shard)
    template = Account(
        host="",
        user="",
        allow_plaintext=args.allow_plaintext,
        ca_file=args.ca_file,
        timeout=args.timeout,
    )
    for server in servers.values():
        acc = replace(template, host=server.host, port=server.port, security=server.security)
        try:
            acc.check_security()
        except errors.MailMoverError as exc:
            raise BatchInputError([str(exc)]) from None
    credentials = {
        side: Credentials(
            admin_user=getattr(args, f"{side}_admin"),
            admin_password=_secret(side, args, "admin_") if getattr(args, f"{side}_admin") else "",
            shared_password=_secret(side, args, ""),
        )
        for side in SIDES
    }
    jobs = build_jobs(
        rows,
        servers,
        credentials,
        csv_dir=accounts_file.parent,
        template=template,
        allow_readable=args.allow_readable_csv,
        password_dir=Path(args.password_dir) if args.password_dir else None,
        sign_in=(oauth := signins.SignIns(args, servers)),
    )
    jobs = signins.check_prepared(jobs)
    if not _state_dir_usable(args, out):
        return common.EXIT_LOCAL
    caps = connection_caps(args, servers, credentials, template)
    oauth.check_apps()
    parallel = parallel_accounts(args, servers, caps, len(jobs))

    summary_path = Path(args.summary) if args.summary else _default_summary(accounts_file, shard)
    # Absolute: the summary's links and the wizard must find them from anywhere.
    reports = summary_path.resolve().with_name(summary_path.stem + "-reports")
    options = BatchOptions(
        parallel=parallel,
        connections=args.connections or 1,
        caps=caps,
        state_dir=args.state_dir,
        reports_dir=reports,
        verify=args.verify,
        move=common.move_options(args, None),
    )
    info = summary.BatchInfo(
        accounts_file=str(accounts_file),
        source=args.source,
        target=args.target,
        shard=args.shard or "",
        parallel=parallel,
        connection_caps=caps,
    )
    progress = BatchProgress(out.out, len(jobs))
    write_lock = threading.Lock()
    runner: BatchRunner | None = None

    def finished(result: AccountResult) -> None:
        oauth.explain(result)
        progress.account_finished(result)
        assert runner is not None
        with write_lock:  # workers finish concurrently; one writer at a time
            info.connection_peaks = dict(runner.slots.peak)
            summary.write(summary_path, info, runner.results)

    runner = BatchRunner(jobs, options, on_finished=finished)
    scope = (
        f"shard {args.shard}: {len(jobs)} of {total_rows} accounts"
        if shard
        else (f"{len(jobs)} accounts")
    )
    out.say(
        f"{scope}, {parallel} at a time, at most "
        + ", ".join(f"{n} connections to {k}" for k, n in caps.items())
    )
    unready = sum(j.refused is not None for j in jobs)
    if unready:
        out.say(f"not signed in ahead (mailmover login): {unready} of {len(jobs)} accounts; "
                "they fail, the others move")
    elif oauth.in_use:
        out.say("accounts on OAuth use the sign-ins kept in this computer's keychain")
    summary.write(summary_path, info, runner.results)
    interrupted = _run_until_done(runner, progress, out)
    progress.close()
    info.finished = time.time()
    info.interrupted = interrupted
    info.connection_peaks = dict(runner.slots.peak)
    with write_lock:
        summary.write(summary_path, info, runner.results)
    return _ending(runner, progress, summary_path, interrupted, out)


def _rows(
    args: argparse.Namespace, accounts_file: Path, shard: tuple[int, int] | None
) -> tuple[list[Row], int]:
    """The accounts file read and checked (this shard's rows), and its row count."""
    rows = read_rows(accounts_file)
    if has_passwords(rows) and readable_by_others(accounts_file) and not args.allow_readable_csv:
        raise BatchInputError(
            [
                f"{accounts_file} holds passwords and other users can read it: "
                f"chmod 600 {accounts_file} (or pass --allow-readable-csv)"
            ]
        )
    total_rows = len(rows)
    if shard:
        rows = select_shard(rows, *shard)
    return rows, total_rows


def _state_dir_usable(args: argparse.Namespace, out: common.Output) -> bool:
    """The state folder is checked once, before any account: a bad one fails them all."""
    try:
        paths.jobs_dir(args.state_dir)
        paths.saved_messages_dir(args.state_dir)
    except OSError as exc:
        where = Path(args.state_dir or paths.data_dir())
        local = local_error(exc, where)
        out.error(str(local) if local else f"cannot use the state folder {where}: {exc.strerror}")
        out.error("nothing was moved")
        return False
    return True


def _run_until_done(runner: BatchRunner, progress: BatchProgress, out: common.Output) -> bool:
    """Run the batch to its end; Ctrl-C (or SIGTERM) lets running accounts stop cleanly,
    twice aborts. Whether it was interrupted."""
    interrupted = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if interrupted.is_set():
            raise KeyboardInterrupt
        interrupted.set()
        out.error(
            "stopping: no new account starts, running ones stop after the messages "
            "in flight (Ctrl-C again to abort)"
        )
        runner.cancel()

    main_thread = threading.current_thread() is threading.main_thread()
    previous = {}
    if main_thread:  # signal handlers can only be set there (tests may run elsewhere)
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, on_signal)
    try:
        runner.start()
        while not runner.wait(0.25):
            progress.tick(runner)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return interrupted.is_set()


def _ending(
    runner: BatchRunner,
    progress: BatchProgress,
    summary_path: Path,
    interrupted: bool,
    out: common.Output,
) -> int:
    """The closing lines and the exit code."""
    results = runner.results
    t = summary.totals(results)
    out.say(progress.status(runner))
    out.say(
        f"{t['accounts']} accounts: "
        + ", ".join(f"{n} {s}" for s, n in t["states"].items() if n)
        + f"; {t['copied']} messages copied, {t['already_there']} already there, "
        f"{t['failed']} failed"
    )
    out.say(f"summary: {summary_path} (and {summary_path.with_suffix('.html').name})")
    sign_in = [r for r in results if r.error_code in signins.SIGN_IN_CODES]
    if sign_in:
        out.say(f"{len(sign_in)} accounts need a sign-in first: run the mailmover login "
                "command named for each in the summary, then this batch again")
    states = {r.state for r in results}
    if runner.local_error is not None:
        out.error(f"{runner.local_error} The batch stopped; rerun it once this is fixed.")
        return common.EXIT_LOCAL
    if interrupted or CANCELLED in states:
        out.say("interrupted: run the same command again to continue")
        return common.EXIT_INTERRUPTED
    if PENDING in states:  # pragma: no cover - only after an interruption
        return common.EXIT_INTERRUPTED
    if STOPPED in states:
        out.say("some accounts stopped early: fix the problem shown and run again")
        return common.EXIT_STOPPED
    return common.EXIT_OK if states <= {DONE} else common.EXIT_FAILED
