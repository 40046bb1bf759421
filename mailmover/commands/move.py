"""`migrate` and `verify`: the move itself and the check of what arrived."""

from __future__ import annotations

import argparse
import json
import signal
from pathlib import Path

from mailmover import paths, secrets
from mailmover.atomic import write_atomic
from mailmover.commands.common import (
    EXIT_CODES_TEXT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_LOCAL,
    EXIT_OK,
    EXIT_PAUSED,
    EXIT_STOPPED,
    LOCAL_CODES,
    PAUSE_CODES,
    Output,
    accounts,
    add_account_args,
    move_options,
    pad,
)
from mailmover.commands.render import Progress, print_plan, print_report
from mailmover.engine import DEFAULT_CONNECTIONS, Account, Control, Finished, Migration, Report
from mailmover.engine import verify_move as verify
from mailmover.store import Store, job_path
from mailmover.store_reader import removed_uids


# -- commands ------------------------------------------------------------------------
def migrate(args: argparse.Namespace, out: Output) -> int:
    src, dst = accounts(args, out)
    if args.save_passwords:
        for acc in (src, dst):
            if acc.oauth is not None:
                continue  # its sign-in is in the keychain already
            try:
                secrets.set_password(acc.key, acc.password)
            except secrets.KeychainUnavailable:
                out.error(f"{secrets.NO_SAFE_PLACE} (the passwords are not remembered)")
                break
    if args.dry_run:
        migration = Migration(src, dst, None, move_options(args, None))
        try:
            mappings = migration.plan()
            budget = migration.daily_budget()
        finally:
            migration.close()
        print_plan(mappings, out, budget)
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
    options = move_options(args, saved)
    options.spool_dir = state / "spool"  # large downloads survive a cut, beside the progress
    migration = Migration(src, dst, store, options, control)
    progress = Progress(out)
    report: Report | None = None
    try:
        for ev in migration.connect_events():
            progress.handle(ev)
        mappings = migration.plan()
        print_plan(mappings, out, migration.daily_budget())
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
    print_report(report, out)
    if args.report:
        report.write_json(args.report)
        out.say(f"report written to {args.report}")
    if report.stopped_reason in LOCAL_CODES:
        return EXIT_LOCAL
    if report.cancelled:
        out.say("interrupted: run the same command again to continue")
        return EXIT_INTERRUPTED
    if report.stopped_reason in PAUSE_CODES:
        out.say("stopped for today at the daily limit (see above): run the same command "
                "again later to continue")
        return EXIT_PAUSED
    if report.stopped_reason:
        out.say("the move stopped early: fix the problem above and run again to continue")
        return EXIT_STOPPED
    return EXIT_OK if report.ok and not progress.folders_failed else EXIT_FAILED


def verify_command(args: argparse.Namespace, out: Output) -> int:
    src_acc, dst_acc = accounts(args, out)
    options = move_options(args, None)
    removed = removed_by_user(args, src_acc, dst_acc)
    migration = Migration(src_acc, dst_acc, None, options)
    try:
        mappings = migration.plan(with_stats=False)
        src, dst = migration.connections()
        result = verify(
            src,
            dst,
            mappings,
            options.max_message_size,
            removed,
            options.include_deleted,
            gmail_one_copy=options.gmail_one_copy,
        )
    finally:
        migration.close()
    out.say(
        f"{'folder':<32} {'source':>7} {'target':>7} {'missing':>8} {'doubled':>8} "
        f"{'flags':>6} {'dates':>6} {'removed':>8} {'only new':>9}"
    )
    for f in result.folders:
        out.say(
            f"{pad(f.source, 32)}{f.source_count:>7} {f.target_count:>7} {f.missing:>8} "
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
    if result.gmail_messages is not None:
        out.say(
            f"Gmail: {result.gmail_messages} messages; {result.label_copies} more copies "
            "because a message with several labels is in each label folder (not duplicates)"
        )
    if t["in_other_label"]:
        out.say(f"{t['in_other_label']} messages are in an earlier label folder only "
                "(--gmail-one-copy)")
    if args.report:
        write_atomic(Path(args.report), json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK if result.ok else EXIT_FAILED


def removed_by_user(args: argparse.Namespace, src: Account, dst: Account) -> dict[str, set[int]]:
    """The move's own record of copies the user removed, when this computer has it."""
    path = job_path(paths.data_dir(args.state_dir) / "jobs", src.key, dst.key)
    if not path.exists():
        return {}
    return removed_uids(path)


def add_gmail_one_copy(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--gmail-one-copy",
        action="store_true",
        help="from Gmail: put a message with several labels only in its first label folder "
        "(Sent and Drafts first, INBOX last) instead of one copy in each label folder",
    )


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    m = sub.add_parser(
        "migrate",
        help="copy mail; run again to copy only what is missing",
        epilog=EXIT_CODES_TEXT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_account_args(m)
    add_gmail_one_copy(m)
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
    m.add_argument(
        "--max-mb-per-day",
        type=float,
        default=None,
        metavar="N",
        help="move at most N MB in any 24 hours, then stop (exit 7) until the next run "
        "(default: Gmail's limits where either side is Gmail, 2,500 MB from it and 500 MB "
        "into it; 0: no limit)",
    )

    v = sub.add_parser(
        "verify",
        help="check every source message is at the destination",
        epilog=EXIT_CODES_TEXT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_account_args(v)
    add_gmail_one_copy(v)
