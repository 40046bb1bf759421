"""A soak: 200 randomly seeded connection drops over one migration; the end state is exact."""

from __future__ import annotations

import time
from dataclasses import replace

from mailmover.engine.account import Account
from tests.faults.conftest import ARTIFACTS, fast_options
from tests.support.faultproxy import FaultProxy, RandomDrops
from tests.support.mailbox import client, message

SEED = 20261127
DROPS = 200


def test_soak_200_random_drops(
    coremail_server, exmail_server, make_account, move_until_done, tmp_path
):
    # 2,500 small messages: enough moving for 200 drops that each let a few through.
    server = coremail_server
    src_acc = make_account(server, "so(a)k*")
    user, password = src_acc.user, src_acc.password
    c = client(server, user, password)
    c.create_folder("课题组")
    for folder, start in (("INBOX", 0), ("课题组", 2000)):
        n = 2000 if folder == "INBOX" else 500
        for chunk in range(start, start + n, 250):
            c.multiappend(
                folder,
                [
                    message(i, message_id=i % 40 != 0)
                    for i in range(chunk, min(chunk + 250, start + n))
                ],
            )
    c.logout()
    dst_acc = make_account(exmail_server, "soak")
    direct_src = Account("127.0.0.1", user, server.port, "plain", password, timeout=5)
    direct_dst = dst_acc.account()
    # One budget for both sides; each drop after a few messages and a random few bytes more.
    drops = RandomDrops(SEED, p=1.0, max_events=3, budget=DROPS)
    started = time.monotonic()
    with (
        FaultProxy(server.port, random_drops=drops) as sp,
        FaultProxy(exmail_server.port, random_drops=drops) as dp,
    ):
        src = replace(direct_src, port=sp.port)
        dst = replace(direct_dst, port=dp.port, timeout=3)
        options = fast_options(
            connections=1,
            batch_messages=4,
            inflight_bytes=64_000,
            max_attempts=40,
            saved_dir=tmp_path / "saved",
        )
        outcome = move_until_done(src, dst, direct_dst, direct_src, options, max_runs=40)
        injected = sp.injected + dp.injected
    elapsed = time.monotonic() - started
    line = (
        f"soak: seed {SEED}, {injected} drops injected over {sp.connections + dp.connections} "
        f"connections, {outcome.runs} runs, {elapsed:.0f} s, missing {outcome.missing}, "
        f"duplicated {outcome.duplicated}\n"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "soak.txt").write_text(line)
    print("\n" + line)
    assert injected == DROPS, "the soak must really inject its 200 drops"
    assert outcome.missing == 0 and outcome.duplicated == 0
    assert outcome.reports[-1].ok
    assert elapsed < 600
