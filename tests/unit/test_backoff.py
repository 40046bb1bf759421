"""Backoff by cause: reconnect at once, short capped waits, long ones only when asked."""

from __future__ import annotations

from mailmover.engine import errors
from mailmover.engine.backoff import Backoff
from tests.support.clock import FakeClock


def test_a_dropped_connection_reconnects_at_once_then_waits_briefly_capped() -> None:
    b = Backoff(initial=1.0, network_max=4.0, max_attempts=20)
    delays = [b.next_delay(errors.CONNECTION_LOST) for _ in range(8)]
    assert delays == [0.0, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0]


def test_progress_resets_to_at_once() -> None:
    b = Backoff(initial=1.0, max_attempts=20)
    for _ in range(5):
        b.next_delay(errors.CONNECTION_LOST)
    b.progressed()
    assert b.next_delay(errors.CONNECTION_LOST) == 0.0


def test_only_slow_down_answers_get_long_pauses() -> None:
    b = Backoff(initial=1.0, throttle_max=60.0, max_attempts=20)
    delays = [b.next_delay(errors.THROTTLED) for _ in range(6)]
    assert delays == [5.0, 10.0, 20.0, 40.0, 60.0, 60.0]


def test_a_lost_connection_gives_up_after_max_attempts_without_progress() -> None:
    b = Backoff(max_attempts=3)
    assert [b.next_delay(errors.CONNECTION_LOST) is None for _ in range(4)] == [
        False,
        False,
        False,
        True,
    ]


def test_an_absent_network_is_waited_for_until_patience_runs_out() -> None:
    clock = FakeClock()
    b = Backoff(max_attempts=3, patience=120.0, clock=clock)
    for _ in range(50):  # a laptop asleep: refused again and again
        clock.now += 2
        assert b.next_delay(errors.CONNECTION_REFUSED) is not None or clock.now > 120
    clock.now = 121
    assert b.next_delay(errors.CONNECTION_REFUSED) is None
    b.progressed()
    assert b.next_delay(errors.CONNECTION_REFUSED) == 0.0
