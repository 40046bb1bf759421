"""SIGKILL of the process at 20 random points in one migration; each time rerun; exact end."""

from __future__ import annotations

import random

from tests.faults.conftest import ARTIFACTS
from tests.support.killer import cli_process, kill_when, total_messages
from tests.support.mailbox import client, message, snapshot

KILLS = 20
FOLDERS = ["INBOX", "课题组/2020"]


def test_sigkill_at_20_random_points(coremail_server, exmail_server, make_account, tmp_path):
    src = make_account(coremail_server, "k(i)l*l%")
    dst = make_account(exmail_server, 'k"i\\ll {2}')
    c = client(coremail_server, src.user, src.password)
    c.create_folder("课题组/2020")
    total = 0
    for folder, n in (("INBOX", 1600), ("课题组/2020", 400)):
        for start in range(0, n, 200):
            c.multiappend(
                folder,
                [message(total + i, body=b"k" * 2500) for i in range(start, min(start + 200, n))],
            )
        total += n
    d = client(exmail_server, dst.user, dst.password)
    args = [
        "migrate",
        src.url,
        dst.url,
        "--state-dir",
        str(tmp_path / "state"),
        "--connections",
        "2",
    ]
    rng = random.Random(1127)
    points = sorted(rng.sample(range(20, total - 20), KILLS))
    killed = 0
    for point in points:
        proc = cli_process(args, src.password, dst.password)
        kill_when(proc, d, FOLDERS, point)
        if proc.returncode == -9:
            killed += 1
        # Each kill leaves at most the messages already there: never more than the source.
        assert total_messages(d, FOLDERS) <= total
    final = cli_process(args, src.password, dst.password)
    out, _ = final.communicate(timeout=600)
    assert final.returncode == 0, out.decode()
    assert total_messages(d, FOLDERS) == total
    for f in FOLDERS:
        assert snapshot(d, f) == snapshot(c, f)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "kill-points.txt").write_text(
        f"SIGKILL at {KILLS} points {points}: {killed} processes killed mid-move, final "
        f"count {total_messages(d, FOLDERS)} of {total}, exact\n"
    )
    assert killed >= KILLS * 3 // 4, "most kills must land mid-move"
