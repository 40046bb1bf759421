"""Every fault kind at several points over a 1,000-message move: nothing lost or doubled."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailmover.engine.account import Account
from tests.faults.conftest import ARTIFACTS
from tests.support.faultproxy import BYE, DELAY, DROP, REPLACE, STALL, Fault, FaultProxy

APPEND_OK = rb"^\S+ OK \[APPENDUID"
FETCH_BODY = rb"^\* \d+ FETCH \(.*BODY\[\] \{"

# (id, side the proxy sits on, faults). Points are spread over the move.
MATRIX = [
    ("drop-mid-fetch-literal-early", "source", [Fault(DROP, direction="s2c", after_bytes=60_000)]),
    (
        "drop-mid-fetch-literal-late",
        "source",
        [Fault(DROP, direction="s2c", after_bytes=1_200_000)],
    ),
    ("drop-at-fetch-response", "source", [Fault(DROP, FETCH_BODY, nth=300)]),
    ("drop-mid-append-literal-early", "target", [Fault(DROP, direction="c2s", after_bytes=40_000)]),
    (
        "drop-mid-append-literal-late",
        "target",
        [Fault(DROP, direction="c2s", after_bytes=1_200_000)],
    ),
    ("drop-before-tagged-ok-first", "target", [Fault(DROP, APPEND_OK, nth=1)]),
    ("drop-before-tagged-ok-middle", "target", [Fault(DROP, APPEND_OK, nth=377)]),
    ("drop-before-tagged-ok-last", "target", [Fault(DROP, APPEND_OK, nth=995)]),
    ("drop-during-destination-select", "target", [Fault(DROP, rb"^\* OK \[UIDVALIDITY", nth=2)]),
    ("stall-before-tagged-ok", "target", [Fault(STALL, APPEND_OK, nth=150, seconds=4)]),
    ("delay-tagged-oks", "target", [Fault(DELAY, APPEND_OK, nth=10, seconds=0.3, repeat=3)]),
    (
        "overquota",
        "target",
        [Fault(REPLACE, APPEND_OK, nth=420, reply=b"NO [OVERQUOTA] Quota exceeded (mailbox full)")],
    ),
    (
        "throttle-limit",
        "target",
        [Fault(REPLACE, APPEND_OK, nth=50, repeat=3, reply=b"NO [LIMIT] Too many commands")],
    ),
    (
        "unavailable",
        "target",
        [Fault(REPLACE, APPEND_OK, nth=600, reply=b"NO [UNAVAILABLE] Try again later")],
    ),
    ("bye-shutting-down", "target", [Fault(BYE, APPEND_OK, nth=250)]),
    ("bye-at-source", "source", [Fault(BYE, FETCH_BODY, nth=700)]),
    (
        "no-too-large",
        "target",
        [Fault(REPLACE, APPEND_OK, nth=30, reply=b"NO [LIMIT] Message size exceeds the limit")],
    ),
]

TOTALS = {"cases": 0, "faults": 0, "runs": 0, "missing": 0, "duplicated": 0}


@pytest.mark.parametrize("case,side,faults", MATRIX, ids=[m[0] for m in MATRIX])
def test_fault(case, side, faults, corpus, exmail_server, make_account, move_until_done):
    server, user, password = corpus
    dst_acc = make_account(exmail_server, "t(a)r*g%et")
    direct_src = Account("127.0.0.1", user, server.port, "plain", password, timeout=5)
    direct_dst = dst_acc.account()
    upstream = server.port if side == "source" else exmail_server.port
    faults = [replace(f) for f in faults]
    with FaultProxy(upstream, faults) as proxy:
        src = replace(direct_src, port=proxy.port) if side == "source" else direct_src
        dst = replace(direct_dst, port=proxy.port, timeout=2) if side == "target" else direct_dst
        outcome = move_until_done(src, dst, direct_dst, direct_src)
    assert proxy.injected >= 1, "the fault never fired: the matrix point is wrong"
    last = outcome.reports[-1]
    assert outcome.missing == 0, outcome.verification.to_dict()
    assert outcome.duplicated == 0, outcome.verification.to_dict()
    assert last.totals()["source_count"] == 1001
    for f in last.folders:
        assert f.copied + f.present + f.skipped + f.failed == f.source_count
    if case == "overquota":
        assert outcome.reports[0].stopped_reason == "server.over_quota"
        assert outcome.runs == 2
    if case == "no-too-large":
        first = outcome.reports[0]
        assert first.totals()["failed"] == 1
        assert first.folders[0].failures[0].saved_as
    TOTALS["cases"] += 1
    TOTALS["faults"] += proxy.injected
    TOTALS["runs"] += outcome.runs
    TOTALS["missing"] += outcome.missing
    TOTALS["duplicated"] += outcome.duplicated
    ARTIFACTS.mkdir(exist_ok=True)
    line = (
        f"fault matrix: {TOTALS['cases']} cases, {TOTALS['faults']} faults injected, "
        f"{TOTALS['runs']} runs, {TOTALS['missing']} missing, "
        f"{TOTALS['duplicated']} duplicated\n"
    )
    (ARTIFACTS / "fault-matrix.txt").write_text(line)
    print(f"\n{case}: faults {proxy.injected}, runs {outcome.runs}; " + line)
