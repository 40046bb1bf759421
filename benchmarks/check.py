"""How long the check after a move takes, against the move itself (issue 27).

    python benchmarks/check.py                   # 2,000 messages, 20 ms round trip
    python benchmarks/check.py --messages 500 --rtt 0 --repeat 3

Starts throwaway Dovecot servers (a Coremail-like source, an Exmail-like destination),
fills the source with the generated mailbox (benchmarks/generate.py), moves it through
the latency proxy as `mailmover migrate` does, then checks the result twice over the
same connections: reading both mailboxes in full (what the check did before), and with
the digests the move recorded in its progress store (only the new mailbox is read in
full; of the old one only flags and dates). Both checks must find everything in place.
Prints one line per run and a JSON summary. Needs root and dovecot-imapd, as the tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from generate import mailbox  # noqa: E402
from run import Proxy, account, fill, move  # noqa: E402

from mailmover.engine.transfer import Migration  # noqa: E402
from mailmover.engine.verify import verify  # noqa: E402
from mailmover.store import Store  # noqa: E402
from tests.support.dovecot import (  # noqa: E402
    COREMAIL_SPECIAL_USE,
    EXMAIL_CAPABILITY,
    DovecotServer,
)


def one_run(messages: int, rtt: float, tmp: Path, n: int) -> dict[str, Any]:
    src_server = DovecotServer(separator="/", special_use=COREMAIL_SPECIAL_USE).start()
    dst_server = DovecotServer(separator="/", capability=EXMAIL_CAPABILITY).start()
    proxies: list[Proxy] = []
    try:
        user, count, size = fill(src_server, list(mailbox(messages)))
        dst_user = f"{user}d"
        dst_server.add_user(dst_user, "bench-secret")
        proxies = [Proxy(src_server.port, rtt), Proxy(dst_server.port, rtt)]
        src, dst = account(proxies[0].port, user), account(proxies[1].port, dst_user)
        state = tmp / f"run{n}"
        state.mkdir()
        t0 = time.perf_counter()
        moved = move(src, dst, {"state": str(state)})
        move_s = time.perf_counter() - t0
        assert moved["ok"], moved["totals"]
        store = Store(state / "job.sqlite")
        migration = Migration(src, dst, None)
        try:
            mappings = [m for m in migration.plan(with_stats=False) if m.include]
            known = {m.source: store.digests(m.source) for m in mappings}
            a, b = migration.connections()
            t0 = time.perf_counter()
            full = verify(a, b, mappings)
            full_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            hashed = verify(a, b, mappings, known=known)
            hashed_s = time.perf_counter() - t0
        finally:
            migration.close()
            store.close()
        assert full.ok and hashed.ok, (full.totals(), hashed.totals())
        assert full.totals() == hashed.totals()
        return {
            "messages": count,
            "mb": round(size / 1e6, 1),
            "hashed": sum(len(d) for d in known.values()),
            "move_s": round(move_s, 2),
            "check_full_s": round(full_s, 2),
            "check_hashed_s": round(hashed_s, 2),
            "full_vs_move": round(full_s / move_s, 2),
            "hashed_vs_move": round(hashed_s / move_s, 2),
        }
    finally:
        for p in proxies:
            p.stop()
        src_server.stop()
        dst_server.stop()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rtt", type=float, default=20.0, help="round trip in ms")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory(prefix="mailmover-check-") as tmp:
        for n in range(args.repeat):
            r = one_run(args.messages, args.rtt, Path(tmp), n)
            print(f"run {n + 1}: {r['messages']} messages ({r['mb']} MB), {args.rtt:g} ms: "
                  f"move {r['move_s']} s; check reading both {r['check_full_s']} s "
                  f"({r['full_vs_move']}x); with the move's digests {r['check_hashed_s']} s "
                  f"({r['hashed_vs_move']}x)", flush=True)
            runs.append(r)
    summary = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(json.dumps({"rtt_ms": args.rtt, "runs": len(runs), "median": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
