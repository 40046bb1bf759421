"""What planning with folder statistics costs, in round trips: one folder at a time
(SELECT + FETCH RFC822.SIZE per folder, as before) against the pipelined statistics
(mailmover/engine/stats.py), on a many-folder mailbox behind a latency-adding proxy.

    python benchmarks/plan_bench.py                 # many60, 20 ms, 600 messages
    python benchmarks/plan_bench.py --rtt 50 --corpus coremail21

Two source flavours: Coremail-like Dovecot (LIST-STATUS and STATUS=SIZE advertised: one
round trip) and Exmail-like (neither: pipelined STATUS, then pipelined EXAMINE+FETCH).
Prints seconds and the same in round trips; checks that both ways give the same numbers.
"""

from __future__ import annotations

import argparse
import statistics as stats_module
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from generate import CORPORA, mailbox  # noqa: E402
from run import Proxy, account, fill  # noqa: E402

from mailmover.engine.folders import list_folders  # noqa: E402
from mailmover.engine.imap.connect import connect  # noqa: E402
from mailmover.engine.imap.stats import statistics  # noqa: E402
from mailmover.engine.planner import Planner, folder_stats  # noqa: E402
from mailmover.engine.pool import ConnectionPool  # noqa: E402
from tests.support.dovecot import (  # noqa: E402
    COREMAIL_SPECIAL_USE,
    EXMAIL_CAPABILITY,
    DovecotServer,
)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rtt", type=float, default=20.0)
    p.add_argument("--messages", type=int, default=600)
    p.add_argument("--corpus", choices=sorted(CORPORA), default="many60")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    servers = {
        "Coremail-like (LIST-STATUS, STATUS=SIZE)": DovecotServer(
            separator="/", special_use=COREMAIL_SPECIAL_USE
        ),
        "Exmail-like (neither)": DovecotServer(separator="/", capability=EXMAIL_CAPABILITY),
    }
    plan = CORPORA[args.corpus]
    started: list[DovecotServer] = []
    bad = 0
    try:
        for s in servers.values():
            started.append(s.start())
        dst = servers["Exmail-like (neither)"]
        dst_user, _, _ = fill(dst, [], [])
        print(
            f"{args.corpus}: {len(plan)} folders, {args.messages} messages, RTT {args.rtt:.0f} ms,"
            f" median of {args.repeat}"
        )
        for label, server in servers.items():
            user, _, _ = fill(
                server, mailbox(args.messages, seed=3, folders=plan), [f for f, _ in plan]
            )
            proxy = Proxy(server.port, args.rtt)
            dproxy = Proxy(dst.port, args.rtt)
            try:
                old, new, whole, same = [], [], [], True
                for _ in range(args.repeat):
                    conn = connect(account(proxy.port, user))
                    names = [f.name for f in list_folders(conn).folders if f.selectable]
                    t0 = time.perf_counter()
                    before = {n: folder_stats(conn, n) for n in names}
                    t1 = time.perf_counter()
                    after = statistics(conn, names)
                    t2 = time.perf_counter()
                    conn.close()
                    same = same and before == after
                    old.append(t1 - t0)
                    new.append(t2 - t1)
                    pool = ConnectionPool(
                        account(proxy.port, user), account(dproxy.port, dst_user), connect, pairs=1
                    )
                    pool.main()
                    t3 = time.perf_counter()
                    Planner(pool, store=None).plan(with_stats=True)
                    whole.append(time.perf_counter() - t3)
                    pool.close()
                rtt = args.rtt / 1000 or float("nan")
                o, n, w = (stats_module.median(x) for x in (old, new, whole))
                print(
                    f"  {label}: statistics one folder at a time {o:.3f} s ({o / rtt:.0f} RTT),"
                    f" pipelined {n:.3f} s ({n / rtt:.1f} RTT); whole plan (both sides listed,"
                    f" mapped, statistics) {w:.3f} s ({w / rtt:.1f} RTT); same numbers: {same}"
                )
                bad += not same
            finally:
                proxy.stop()
                dproxy.stop()
    finally:
        for s in started:
            s.stop()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
