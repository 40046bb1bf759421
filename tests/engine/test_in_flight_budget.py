"""The copy's in-flight budget is sized to the servers' round trips (memory.in_flight_for):
8 MB near, growing to 16 MB far away, where more must be in flight to keep the links
busy. The round trip is the shortest wait seen from a pipelined write to its answer's
first line (stats.pipeline), measured here through a proxy that holds server lines."""

from __future__ import annotations

import logging
from dataclasses import replace

from mailmover.engine.folder_run import in_flight
from mailmover.engine.imap import stats
from mailmover.engine.imap.connect import connect
from mailmover.engine.memory import FAR_IN_FLIGHT, NEAR_IN_FLIGHT, in_flight_for
from mailmover.engine.options import MoveOptions
from tests.gui.conftest import client_for, message
from tests.support.faultproxy import DELAY, Fault, FaultProxy
from tests.support.moves import run_move

MB = 1024 * 1024


def _held(seconds: float) -> list[Fault]:
    """Every tagged answer held `seconds`: a server that far away, answer-wise."""
    return [Fault(DELAY, rb"^\S+ (OK|NO|BAD)", seconds=seconds, repeat=10**9)]


def test_budget_grows_with_the_round_trip_and_stops_at_the_far_figure() -> None:
    assert in_flight_for(None) == in_flight_for(0.0) == NEAR_IN_FLIGHT == 8 * MB
    assert in_flight_for(0.010) == 12 * MB  # 10 ms both links together
    assert in_flight_for(0.040) == in_flight_for(5.0) == FAR_IN_FLIGHT == 16 * MB
    sizes = [in_flight_for(ms / 1000) for ms in range(0, 30)]
    assert sizes == sorted(sizes)


def test_round_trip_is_measured_on_pipelined_commands(make_account, coremail_server) -> None:
    acc = make_account(coremail_server)
    near = connect(acc.account())
    with FaultProxy(coremail_server.port, faults=_held(0.05)) as proxy:
        far = connect(replace(acc.account(), port=proxy.port))
        assert far.round_trip is None  # nothing pipelined yet
        for conn in (near, far):
            answers = stats.pipeline(conn, [b"NOOP", b"NOOP"])
            assert [a.status for a in answers] == ["OK", "OK"]
        assert far.round_trip is not None and far.round_trip >= 0.05
        assert near.round_trip is not None and near.round_trip < 0.05
        options = MoveOptions()
        assert in_flight(options, [(near, near)]) < 12 * MB
        assert in_flight(options, [(far, far)]) == FAR_IN_FLIGHT
        assert in_flight(options, [(far, near), (near, far)]) == in_flight(options, [(near, near)])
        assert in_flight(replace(options, inflight_bytes=3 * MB), [(far, far)]) == 3 * MB
        far.close()
    near.close()


def test_a_move_between_far_servers_copies_with_the_far_budget(
    make_account, coremail_server, exmail_server, tmp_path, caplog
) -> None:
    src, dst = make_account(coremail_server), make_account(exmail_server)
    c = client_for(src)
    for n in range(6):
        c.append("INBOX", message(n, "INBOX"))
    c.logout()
    options = MoveOptions(saved_dir=tmp_path / "saved", spool_dir=tmp_path / "spool",
                          lock_dir=tmp_path / "locks")
    with (
        FaultProxy(coremail_server.port, faults=_held(0.03)) as sp,
        FaultProxy(exmail_server.port, faults=_held(0.03)) as dp,
        caplog.at_level(logging.DEBUG, logger="mailmover.engine.folder_run"),
    ):
        report, _ = run_move(replace(src.account(), port=sp.port),
                             replace(dst.account(), port=dp.port), tmp_path / "s.sqlite", options)
    assert report.totals()["copied"] == 6
    chosen = [r.getMessage() for r in caplog.records if r.getMessage().startswith("in flight:")]
    assert chosen and all(m.startswith("in flight: 16 MB") for m in chosen), chosen
