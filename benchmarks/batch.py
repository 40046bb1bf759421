"""How much faster `mailmover batch` moves a department than one account after another.

    python benchmarks/batch.py                      # 40 accounts x 100 messages, 20 ms RTT
    python benchmarks/batch.py --rtt 0 --rtt 20     # several round-trip times
    python benchmarks/batch.py --memory 10,20,40,80 # peak memory against account count

Starts a Coremail-like source and an Exmail-like destination (Dovecot on 127.0.0.1,
behind a latency-adding proxy), fills N source accounts, and moves them three ways into
fresh destination accounts each time:

- loop:      `mailmover migrate` once per account, one after another (the shell loop an
             IT office writes today; imapsync's most used mode);
- batch -p1: `mailmover batch --parallel 1` (same process, one account at a time);
- batch:     `mailmover batch` with its default parallelism under --max-per-server.

Every run is checked: each destination account holds exactly its source's messages.
Each mover runs in a child process; its peak RSS (VmHWM) is the memory figure.
Needs root (Dovecot's mail user) and dovecot-imapd, as the tests do.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from run import Proxy  # noqa: E402

from tests.support.dovecot import (  # noqa: E402
    COREMAIL_SPECIAL_USE,
    EXMAIL_CAPABILITY,
    DovecotServer,
)
from tests.support.mailbox import client, message  # noqa: E402

PASSWORD = "bench-secret"
FOLDERS = {"INBOX": 70, "已发送": 20, "课题组/2019": 10}


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would carry the parent's over)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(argv: list[str]) -> int:
    """Run one mailmover command in this process, then report its peak memory."""
    from mailmover.cli import main

    code = main(argv)
    print(f"BENCH {json.dumps({'code': code, 'peak_rss_mb': peak_rss_mb()})}", flush=True)
    return 0


def run_child(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    lines = [x for x in proc.stdout.splitlines() if x.startswith("BENCH ")]
    if not lines:
        raise RuntimeError(f"mover failed: {proc.stdout[-2000:]} {proc.stderr[-2000:]}")
    data = json.loads(lines[-1][6:])
    if data["code"] != 0:
        raise RuntimeError(f"exit {data['code']}: {proc.stdout[-3000:]}")
    return {"seconds": seconds, "peak_rss_mb": float(data["peak_rss_mb"])}


def fill(server: DovecotServer, user: str, messages: int, seed: int) -> int:
    """Messages of 2-40 KB over three folders; returns their total size."""
    rng = random.Random(seed)
    c = client(server, user, PASSWORD)
    total = n = 0
    for folder, share in FOLDERS.items():
        count = messages * share // 100
        if folder != "INBOX" and not c.folder_exists(folder):
            c.create_folder(folder)
        batch = []
        for i in range(n, n + count):
            body = (b"%06d " % i) * (rng.randint(2_000, 40_000) // 7) + b"\r\n"
            raw = message(seed * 10_000 + i, body=body)
            total += len(raw)
            batch.append({"msg": raw, "flags": (b"\\Seen",) if i % 3 else ()})
        c.multiappend(folder, batch)
        n += count
    c.logout()
    return total


def count(server: DovecotServer, user: str) -> int:
    c = client(server, user, PASSWORD)
    try:
        return sum(
            int(c.folder_status(name, [b"MESSAGES"])[b"MESSAGES"])
            for flags, _, name in c.list_folders()
            if b"\\Noselect" not in flags
        )
    finally:
        c.logout()


class Bench:
    def __init__(self, accounts: int, messages: int, cap: int) -> None:
        self.accounts, self.messages, self.cap = accounts, messages, cap
        self.tmp = Path(tempfile.mkdtemp(prefix="mm-batch-bench-"))
        self.src = DovecotServer(separator="/", special_use=COREMAIL_SPECIAL_USE).start()
        self.dst = DovecotServer(separator="/", capability=EXMAIL_CAPABILITY).start()
        self.sources: list[str] = []
        self.bytes = 0
        self._next = 0

    def stop(self) -> None:
        self.src.stop()
        self.dst.stop()

    def ensure_sources(self, n: int) -> None:
        while len(self.sources) < n:
            user = f"s{len(self.sources)}"
            self.src.add_user(user, PASSWORD)
            self.bytes += fill(self.src, user, self.messages, len(self.sources))
            self.sources.append(user)

    def targets(self, n: int) -> list[str]:
        users = []
        for _ in range(n):
            self._next += 1
            user = f"t{self._next}"
            self.dst.add_user(user, PASSWORD)
            users.append(user)
        return users

    def env(self, run: str) -> dict[str, str]:
        return dict(
            os.environ,
            PYTHONPATH=str(ROOT),
            MAILMOVER_HOME=str(self.tmp / run / "home"),
            MAILMOVER_SOURCE_PASSWORD=PASSWORD,
            MAILMOVER_TARGET_PASSWORD=PASSWORD,
        )

    def check(self, targets: list[str]) -> None:
        wrong = [t for t in targets if count(self.dst, t) != self.messages]
        if wrong:
            raise RuntimeError(f"not exact: {wrong[:5]}")

    def loop(self, n: int, sport: int, dport: int) -> dict[str, float]:
        targets = self.targets(n)
        env = self.env(f"loop{self._next}")
        t0 = time.perf_counter()
        peak = 0.0
        for s, t in zip(self.sources[:n], targets, strict=True):
            r = run_child(
                [
                    "migrate",
                    f"imap+plain://{s}@127.0.0.1:{sport}",
                    f"imap+plain://{t}@127.0.0.1:{dport}",
                    "--connections",
                    "1",
                    "--state-dir",
                    str(self.tmp / "state"),
                ],
                env,
            )
            peak = max(peak, r["peak_rss_mb"])
        seconds = time.perf_counter() - t0
        self.check(targets)
        return {"seconds": seconds, "peak_rss_mb": peak}

    def batch(self, n: int, sport: int, dport: int, *extra: str) -> dict[str, float]:
        targets = self.targets(n)
        run = f"batch{self._next}"
        csv_path = self.tmp / f"{run}.csv"
        with csv_path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["source_user", "target_user"])
            w.writerows(zip(self.sources[:n], targets, strict=True))
        r = run_child(
            [
                "batch",
                str(csv_path),
                "--source",
                f"imap+plain://127.0.0.1:{sport}",
                "--target",
                f"imap+plain://127.0.0.1:{dport}",
                "--max-per-server",
                str(self.cap),
                "--state-dir",
                str(self.tmp / "state"),
                *extra,
            ],
            self.env(run),
        )
        self.check(targets)
        return r


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--accounts", type=int, default=40)
    p.add_argument("--messages", type=int, default=100, help="per account")
    p.add_argument("--rtt", type=float, action="append", help="round trip in ms (default 20)")
    p.add_argument("--cap", type=int, default=8, help="--max-per-server for the batch runs")
    p.add_argument("--memory", help="account counts for the memory run, e.g. 10,20,40,80")
    p.add_argument("--json", metavar="FILE", help="also write the figures here")
    p.add_argument("--memory-only", action="store_true", help="skip the timing comparison")
    args = p.parse_args(argv)
    bench = Bench(args.accounts, args.messages, args.cap)
    figures: dict[str, object] = {"accounts": args.accounts, "messages": args.messages}
    try:
        counts = [int(x) for x in args.memory.split(",")] if args.memory else []
        bench.ensure_sources(max([args.accounts, *counts]))
        print(
            f"{args.accounts} accounts x {args.messages} messages "
            f"({bench.bytes / len(bench.sources) / 1e6:.1f} MB an account), "
            f"batch cap {args.cap} connections per server, {os.cpu_count()} CPUs"
        )
        print(f"{'rtt':>5} {'run':<12} {'seconds':>8} {'msg/s':>7} {'peak MB':>8} {'speed-up':>8}")
        total = args.accounts * args.messages
        for rtt in [] if args.memory_only else args.rtt or [20.0]:
            proxies = [Proxy(bench.src.port, rtt), Proxy(bench.dst.port, rtt)]
            try:
                sport, dport = (x.port for x in proxies)
                rows = {
                    "loop": bench.loop(args.accounts, sport, dport),
                    "batch -p1": bench.batch(args.accounts, sport, dport, "--parallel", "1"),
                    "batch": bench.batch(args.accounts, sport, dport),
                }
            finally:
                for x in proxies:
                    x.stop()
            base = rows["loop"]["seconds"]
            for name, r in rows.items():
                print(
                    f"{rtt:>5.0f} {name:<12} {r['seconds']:>8.1f} {total / r['seconds']:>7.0f} "
                    f"{r['peak_rss_mb']:>8.1f} {base / r['seconds']:>7.1f}x",
                    flush=True,
                )
            figures[f"rtt_{rtt:g}"] = rows
        if counts:
            print("\npeak memory of one batch against the number of accounts (0 ms RTT):")
            memory = {}
            for n in counts:
                r = bench.batch(n, bench.src.port, bench.dst.port)
                memory[n] = r
                print(f"  {n:>4} accounts: {r['peak_rss_mb']:6.1f} MB, {r['seconds']:6.1f} s")
            figures["memory"] = memory
    finally:
        bench.stop()
        with contextlib.suppress(OSError):
            import shutil

            shutil.rmtree(bench.tmp)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
