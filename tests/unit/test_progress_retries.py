"""Progress on a flaky line: quick reconnects keep the estimate, long waits restart it."""

from __future__ import annotations

from mailmover.engine.events import FolderPlan, FolderStarted, MessageCopied, PlanReady, Retrying
from mailmover.engine.progress import WAITING_NETWORK, ProgressModel
from tests.support.clock import FakeClock


def _model(clock: FakeClock) -> ProgressModel:
    model = ProgressModel(window=30, clock=clock)
    model.apply(PlanReady(1, 300, 15_000_000, (FolderPlan("INBOX", "INBOX", 300, 15_000_000),)))
    model.apply(FolderStarted("INBOX", "INBOX", 300, 300, 0, 0, 15_000_000))
    return model


def test_quick_reconnects_keep_the_recent_rate_and_the_estimate() -> None:
    clock = FakeClock()
    model = _model(clock)
    uid = 0
    for _ in range(10):  # every second a cut; 10 messages between cuts
        for _ in range(10):
            clock.now += 0.1
            uid += 1
            model.apply(MessageCopied("INBOX", uid, 50_000))
        model.apply(Retrying("connect.lost", 1, 0.0, "cut"))
        assert model.snapshot().waiting == WAITING_NETWORK
        assert model.snapshot().eta_seconds is None  # no estimate while waiting
        copied = uid
        model.apply(
            FolderStarted(
                "INBOX", "INBOX", 300, 300 - copied, 0, 0, 15_000_000 - copied * 50_000,
                copied=copied, bytes_copied=copied * 50_000,
            )
        )  # fmt: skip
    snap = model.snapshot()
    assert snap.waiting is None
    assert (snap.messages_total, snap.messages_done) == (300, 100)
    assert (snap.bytes_total, snap.bytes_done) == (15_000_000, 5_000_000)
    assert 8 < snap.rate_messages < 12  # the line's real rate, reconnects included
    assert snap.eta_seconds is not None and 15 < snap.eta_seconds < 25


def test_a_long_wait_starts_the_rate_afresh() -> None:
    clock = FakeClock()
    model = _model(clock)
    for uid in range(50):
        clock.now += 0.1
        model.apply(MessageCopied("INBOX", uid, 50_000))
    model.apply(Retrying("connect.refused", 6, 30.0, "asleep"))
    clock.now += 30
    assert model.snapshot().rate_messages == 0.0
