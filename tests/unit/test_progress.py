"""The engine's progress model: exact totals under retries, honest estimates."""

from __future__ import annotations

from mailmover.engine.events import (
    FolderFinished,
    FolderPlan,
    FolderStarted,
    MessageCopied,
    MessageFailed,
    Paused,
    PlanReady,
    Resumed,
    Retrying,
)
from mailmover.engine.progress import DONE, PLANNED, WAITING_NETWORK, ProgressModel
from tests.support.clock import FakeClock


def _plan() -> PlanReady:
    return PlanReady(
        2,
        600,
        30_000_000,
        (FolderPlan("INBOX", "INBOX", 500, 25_000_000), FolderPlan("Sent", "Sent", 100, 5_000_000)),
    )


def test_planned_folders_are_listed_before_they_start() -> None:
    model = ProgressModel()
    model.apply(_plan())
    snap = model.snapshot()
    assert [f.state for f in snap.folders] == [PLANNED, PLANNED]
    assert (snap.messages_total, snap.messages_done) == (600, 0)


def test_a_retry_replaces_a_folder_instead_of_adding_to_it() -> None:
    clock = FakeClock(1000.0)
    model = ProgressModel(clock=clock)
    model.apply(_plan())
    model.apply(FolderStarted("INBOX", "INBOX", 500, 500, 0, 0, 25_000_000))
    for uid in range(100):
        clock.now += 0.1
        model.apply(MessageCopied("INBOX", uid, 50_000))
    model.apply(Retrying("connect.lost", 1, 0.5, "reset"))
    assert model.snapshot().waiting == WAITING_NETWORK
    assert model.snapshot().eta_seconds is None
    # Read again after the reconnect: 100 copied by this run, 400 still to copy.
    model.apply(
        FolderStarted(
            "INBOX", "INBOX", 500, 400, 0, 0, 20_000_000, copied=100, bytes_copied=5_000_000
        )
    )
    snap = model.snapshot()
    assert snap.waiting is None
    inbox = snap.folders[0]
    assert (inbox.total, inbox.done, inbox.copied) == (500, 100, 100)
    assert (inbox.bytes_total, inbox.bytes_done) == (25_000_000, 5_000_000)
    assert snap.messages_total == 600  # never 1,052 for a 600-message mailbox


def test_failures_and_folder_end_are_accounted() -> None:
    model = ProgressModel()
    model.apply(_plan())
    model.apply(FolderStarted("Sent", "Sent", 100, 2, 98, 0, 2000))
    model.apply(MessageCopied("Sent", 1, 1000))
    model.apply(MessageFailed("Sent", 2, "message.too_large"))
    model.apply(FolderFinished("Sent", {"copied": 1}))
    sent = model.snapshot().folders[1]
    assert (sent.done, sent.failed, sent.pending, sent.state) == (100, 1, 0, DONE)


def test_estimate_uses_recent_throughput_and_pauses_show() -> None:
    clock = FakeClock(1000.0)
    model = ProgressModel(window=10, clock=clock)
    model.apply(_plan())
    model.apply(FolderStarted("INBOX", "INBOX", 500, 500, 0, 0, 25_000_000))
    for uid in range(50):  # slow start: 1 message of 50 kB a second
        clock.now += 1.0
        model.apply(MessageCopied("INBOX", uid, 50_000))
    for uid in range(50, 250):  # then 20 a second
        clock.now += 0.05
        model.apply(MessageCopied("INBOX", uid, 50_000))
    snap = model.snapshot()
    assert 15 < snap.rate_messages < 25  # the last 10 s, not the whole run
    assert snap.eta_seconds is not None and snap.eta_seconds < 60
    model.apply(Paused())
    assert model.snapshot().waiting == "paused" and model.snapshot().eta_seconds is None
    model.apply(Resumed())
    assert model.snapshot().waiting is None


def test_a_report_from_another_version_still_reads() -> None:
    from mailmover.engine.report import Report

    data = {
        "source": "a",
        "target": "b",
        "folders": [
            {
                "source": "INBOX",
                "target": "INBOX",
                "source_count": 3,
                "a_field_from_later": 1,
                "failures": [
                    {
                        "folder": "INBOX",
                        "uid": 1,
                        "subject": "",
                        "date": "",
                        "size": 9,
                        "reason": "message.too_large",
                        "also_new": True,
                    }
                ],
            }
        ],
    }
    report = Report.from_dict(data)
    assert report.folders[0].source_count == 3 and report.folders[0].failures[0].uid == 1


def test_a_continued_move_starts_where_the_last_one_stopped() -> None:
    model = ProgressModel()
    model.apply(PlanReady(2, 600, 0, (FolderPlan("INBOX", "INBOX", 500, 0, done_before=320),
                                      FolderPlan("Sent", "Sent", 100, 0, done_before=0))))
    snap = model.snapshot()
    assert snap.messages_done == 320 and snap.messages_total == 600
    assert snap.copied == 0  # done before is not copied by this run
    # INBOX read: 320 there (earlier runs' copies), 3 skipped, 177 to copy.
    model.apply(FolderStarted("INBOX", "INBOX", 500, 177, 320, 3, 177_000))
    snap = model.snapshot()
    assert (snap.messages_done, snap.present, snap.skipped, snap.copied) == (323, 320, 3, 0)
    model.apply(MessageCopied("INBOX", 7, 1000))
    assert model.snapshot().messages_done == 324 and model.snapshot().copied == 1


def test_done_before_never_exceeds_the_folder() -> None:
    # The store remembers more than the folder now holds (the user deleted mail there).
    model = ProgressModel()
    model.apply(PlanReady(1, 10, 0, (FolderPlan("INBOX", "INBOX", 10, 0, done_before=14),)))
    assert model.snapshot().messages_done == 10
    assert model.snapshot().fraction == 1.0
