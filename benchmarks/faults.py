"""Time-to-exact on a flaky line (issue 14's fault model).

    python benchmarks/faults.py                       # 600 messages, 5/8/12/20 MB ones, p=0.75
    python benchmarks/faults.py --messages 150 --big 5 8 --p 0.5 --seeds 1 2 3
    python benchmarks/faults.py --json out.json

Starts throwaway Dovecot servers on 127.0.0.1 (a Coremail-like source with LITERAL+, an
Exmail-like destination without it), fills the source, and moves it through two fault
proxies that cut a fraction `p` of all connections after a random 30 KB-4 MB (both
directions counted; tests/support/faultproxy.py ByteCuts), on both links. The move
retries by itself; when a run still leaves messages pending it is run again, as a
person would. Reported per seed: runs, seconds until the copy is exact, cuts, retries,
and the check read straight from the servers: every message's bytes (sha256), flags and
INTERNALDATE, nothing missing, nothing doubled. Needs root and dovecot-imapd, as the
tests do.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]
os.environ.setdefault("MAILMOVER_HOME", tempfile.mkdtemp(prefix="mailmover-bench-"))

from mailmover.engine.account import Account  # noqa: E402
from mailmover.engine.options import MoveOptions  # noqa: E402
from tests.support.dovecot import (  # noqa: E402
    COREMAIL_SPECIAL_USE,
    EXMAIL_CAPABILITY,
    DovecotServer,
)
from tests.support.faultproxy import ByteCuts, FaultProxy  # noqa: E402
from tests.support.flaky import build, converge, exactness, spool_files  # noqa: E402
from tests.support.mailbox import client  # noqa: E402

PASSWORD = "flaky-secret"


def one(
    source: DovecotServer,
    target: DovecotServer,
    seed: int,
    args: argparse.Namespace,
    work: Path,
) -> dict[str, Any]:
    user = f"f{os.getpid()}s{seed}"
    source.add_user(user, PASSWORD)
    target.add_user(user, PASSWORD)
    c = client(source, user, PASSWORD)
    mailbox = build(c, args.messages, args.big, seed)
    c.logout()
    direct_src = Account("127.0.0.1", user, source.port, "plain", PASSWORD, allow_plaintext=True)
    direct_dst = replace(direct_src, port=target.port)
    cuts = ByteCuts(seed, p=args.p, low=args.low, high=args.high)
    spool = work / f"spool{seed}"
    options = MoveOptions(saved_dir=work / f"saved{seed}", spool_dir=spool, lock_dir=work / "locks")
    with (
        FaultProxy(source.port, byte_cuts=cuts) as sp,
        FaultProxy(target.port, byte_cuts=cuts) as dp,
    ):
        src = replace(direct_src, port=sp.port, timeout=30)
        dst = replace(direct_dst, port=dp.port, timeout=30)
        trace = converge(
            src, dst, work / f"job{seed}.sqlite", options, mailbox, max_runs=args.max_runs
        )
        connections = sp.connections + dp.connections
    check = exactness(direct_src, direct_dst, trace.mappings)
    return {
        "seed": seed,
        "messages": mailbox.messages,
        "mb": round(mailbox.bytes / 1024 / 1024, 1),
        "runs": trace.runs,
        "seconds": round(trace.seconds, 1),
        "connections": connections,
        "cuts": cuts.cuts,
        "retries": trace.retries,
        "missing": check.missing,
        "extra": check.extra,
        "exact": check.missing == 0 and check.extra == 0 and trace.reports[-1].ok,
        "progress_problems": len(trace.problems),
        # Why a rerun was needed: the run stopped (its reason) or left messages pending.
        "rerun_because": [
            r.stopped_reason or f"{r.totals()['pending']} pending" for r in trace.reports[:-1]
        ],
        "spool_left": len(spool_files(spool)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=600)
    ap.add_argument("--big", type=int, nargs="*", default=[5, 8, 12, 20], help="MB each")
    ap.add_argument("--p", type=float, default=0.75, help="share of connections cut")
    ap.add_argument("--low", type=int, default=30_000)
    ap.add_argument("--high", type=int, default=4_000_000)
    ap.add_argument("--seeds", type=int, nargs="*", default=[1])
    ap.add_argument("--max-runs", type=int, default=6)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    source = DovecotServer(separator="/", special_use=COREMAIL_SPECIAL_USE).start()
    target = DovecotServer(separator="/", capability=EXMAIL_CAPABILITY).start()
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="mm-faults-") as tmp:
            for seed in args.seeds:
                row = one(source, target, seed, args, Path(tmp))
                rows.append(row)
                print(
                    f"seed {row['seed']}: {row['messages']} messages, {row['mb']} MB, "
                    f"p={args.p}: exact={row['exact']} after {row['runs']} run(s), "
                    f"{row['seconds']} s; {row['cuts']} cuts over {row['connections']} "
                    f"connections, {row['retries']} retries; missing {row['missing']}, "
                    f"extra {row['extra']}, progress problems {row['progress_problems']}"
                    + (
                        f"; reruns after: {', '.join(row['rerun_because'])}"
                        if row["rerun_because"]
                        else ""
                    ),
                    flush=True,
                )
    finally:
        source.stop()
        target.stop()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0 if all(r["exact"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
