"""`mailmover bundle [SOURCE TARGET]`: write the help-desk zip (no passwords, no mail)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
from pathlib import Path

from mailmover import paths, safefiles
from mailmover.bundle import write_bundle
from mailmover.commands import common
from mailmover.doctor import Checkup
from mailmover.store import job_path

LOG_TAIL = 1_000_000  # bytes kept from the end of each log file


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "bundle",
        help="write a diagnostic zip for the help desk (no passwords, no mail contents)",
    )
    p.add_argument("source", nargs="?", help="old account (optional: adds a server check)")
    p.add_argument("target", nargs="?", help="new account")
    p.add_argument("-o", "--output", metavar="FILE.zip", help="where to write the zip")
    p.add_argument("--source-password-file", metavar="FILE")
    p.add_argument("--target-password-file", metavar="FILE")
    p.add_argument("--allow-plaintext", action="store_true")
    p.add_argument("--ca-file", metavar="PEM")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--state-dir", metavar="DIR", help="where progress is kept")
    p.add_argument(
        "--probe", action="store_true", help="also run the visibility test on the new mailbox"
    )


def _logs(state: Path) -> str:
    parts = []
    for log in sorted(paths.logs_dir(state).glob("*.log*")):
        try:
            # A link planted here (to ~/.ssh/id_rsa) must not end up in the zip.
            data = safefiles.read_own(log)[-LOG_TAIL:]
        except OSError as exc:
            parts.append(f"===== {log.name} ===== (left out: {exc.strerror or exc})")
            continue
        parts.append(f"===== {log.name} =====\n" + data.decode("utf-8", "replace"))
    return "\n".join(parts)


def _last_report(store_path: Path) -> object:
    if not store_path.exists():
        return None
    uri = store_path.resolve().as_uri() + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
        try:
            row = db.execute(
                "SELECT report FROM runs WHERE report IS NOT NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return json.loads(row[0]) if row and row[0] else None


def run(args: argparse.Namespace) -> int:
    out = common.Output()
    state = paths.data_dir(args.state_dir)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    output = Path(args.output or f"mailmover-diagnostics-{stamp}.zip")
    kwargs: dict[str, object] = {"log_text": _logs(state)}
    passwords: list[str] = []
    if args.source and args.target:
        args.include, args.exclude, args.map, args.max_size = [], [], [], None
        source, target = common.accounts(args, out)
        passwords = [source.password, target.password]
        checkup = Checkup(source, target, probe=args.probe)
        findings = checkup.run()
        facts = checkup.facts
        store_path = job_path(paths.jobs_dir(state), source.key, target.key)
        kwargs.update(
            findings=[
                {"code": f.code, "severity": f.severity, "params": f.params, "text": f.english()}
                for f in findings
            ],
            capabilities=facts.capabilities,
            greetings=facts.greetings,
            folders={
                "source": facts.folders.get("source"),
                "target": facts.folders.get("target"),
                "mapping": facts.mappings,
                "quota": facts.quota,
            },
            store_path=store_path,
            report=_last_report(store_path),
        )
    elif args.source or args.target:
        raise common.UsageError("give both SOURCE and TARGET, or neither")
    else:
        # Without accounts: the most recent moves on this computer.
        stores = sorted(paths.jobs_dir(state).glob("*.sqlite"), key=lambda p: p.stat().st_mtime)
        if stores:
            kwargs.update(store_path=stores[-1], report=_last_report(stores[-1]))
    write_bundle(output, passwords=passwords, **kwargs)  # type: ignore[arg-type]
    out.say(f"diagnostic bundle written to {output} (no passwords, no message contents)")
    return common.EXIT_OK
