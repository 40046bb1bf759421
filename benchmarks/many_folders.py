"""Many small folders (issue 23, item 10): mailmover against a one-at-a-time copier.

    python benchmarks/many_folders.py                      # 1,000 folders, 0 ms
    python benchmarks/many_folders.py --folders 3000 --depth 8 --rtt 20

N folders nested `depth` levels (placeholder parents in between), one small message
each, on a real Dovecot; each run copies into a fresh account on the same server,
through a latency-adding proxy when --rtt > 0. The one-at-a-time copier is the honest
simple loop (imapclient: LIST, then per folder CREATE, SUBSCRIBE, SELECT, SEARCH,
FETCH, APPEND). Prints the wall time of each and checks both copies hold every message.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from imapclient import IMAPClient  # noqa: E402
from run import PASSWORD, Proxy, new_user  # noqa: E402

from mailmover.cli import main as mailmover_main  # noqa: E402
from mailmover.commands.common import Output  # noqa: E402
from tests.support.dovecot import DovecotServer  # noqa: E402


def names(count: int, depth: int) -> list[str]:
    """`count` leaf folders spread over `depth` levels (7 branches per level)."""
    out = []
    for i in range(count):
        parts = [f"L{d}-{(i // 7**d) % 7}" for d in range(depth - 1)] + [f"F{i}"]
        out.append("/".join(parts))
    return out


def fill(server: DovecotServer, user: str, folders: list[str]) -> None:
    c = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    c.login(user, PASSWORD)
    for i, name in enumerate(folders):
        c.create_folder(name)
        msg = (
            f"From: a@example.org\r\nSubject: m{i}\r\nMessage-ID: <m{i}@example.org>\r\n"
            f"Date: Mon, 1 Jun 2020 10:00:00 +0800\r\n\r\nbody {i}\r\n"
        )
        c.append(name, msg.encode())
    c.logout()


def simple_loop(port: int, src: str, dst: str) -> float:
    a = IMAPClient("127.0.0.1", port=port, ssl=False)
    b = IMAPClient("127.0.0.1", port=port, ssl=False)
    a.login(src, PASSWORD)
    b.login(dst, PASSWORD)
    start = time.perf_counter()
    for flags, _, name in a.list_folders():
        if b"\\Noselect" in flags or name == "INBOX":
            continue
        b.create_folder(name)
        b.subscribe_folder(name)
        a.select_folder(name, readonly=True)
        uids = a.search("ALL")
        if uids:
            for item in a.fetch(uids, [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"]).values():
                flags = [f for f in item[b"FLAGS"] if f != b"\\Recent"]
                b.append(name, item[b"BODY[]"], flags, item[b"INTERNALDATE"])
    took = time.perf_counter() - start
    a.logout()
    b.logout()
    return took


def mailmover(port: int, src: str, dst: str) -> float:
    os.environ["MAILMOVER_SOURCE_PASSWORD"] = os.environ["MAILMOVER_TARGET_PASSWORD"] = PASSWORD
    state = tempfile.mkdtemp(prefix="mm-bench-state-")
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = mailmover_main(
        [
            "migrate",
            f"imap+plain://{src}@127.0.0.1:{port}",
            f"imap+plain://{dst}@127.0.0.1:{port}",
            "--state-dir",
            state,
        ],
        Output(out, err),
    )
    took = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"mailmover exited {code}: {err.getvalue()[-2000:]}")
    return took


def count(port: int, user: str) -> int:
    c = IMAPClient("127.0.0.1", port=port, ssl=False)
    c.login(user, PASSWORD)
    n = 0
    for flags, _, name in c.list_folders():
        if b"\\Noselect" not in flags and name != "INBOX":
            n += int(c.select_folder(name, readonly=True)[b"EXISTS"])
    c.logout()
    return n


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--folders", type=int, default=1000)
    p.add_argument("--depth", type=int, default=3)
    p.add_argument("--rtt", type=float, default=0.0, help="added round trip, ms")
    args = p.parse_args()
    server = DovecotServer().start()
    try:
        src = new_user(server)
        t = time.perf_counter()
        fill(server, src, names(args.folders, args.depth))
        print(f"filled {args.folders} folders, {args.depth} deep, in "
              f"{time.perf_counter() - t:.1f} s")
        proxy = Proxy(server.port, args.rtt) if args.rtt > 0 else None
        port = proxy.port if proxy else server.port
        rows = []
        try:
            for name, run in (("one-at-a-time loop", simple_loop), ("mailmover", mailmover)):
                dst = new_user(server)
                took = run(port, src, dst)
                rows.append((name, took, count(server.port, dst)))
        finally:
            if proxy:
                proxy.stop()
        print(f"\n{'copier':<20} {'seconds':>8} {'folders/s':>10} {'messages':>9}")
        for name, took, n in rows:
            print(f"{name:<20} {took:>8.1f} {args.folders / took:>10.1f} {n:>9}")
        ok = all(n == args.folders for _, _, n in rows)
        print("both exact" if ok else "NOT EXACT")
        return 0 if ok else 1
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
