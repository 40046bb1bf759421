"""The benchmark's phase timing: every moment of a move counts in exactly one phase."""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from phases import PHASES, describe, phases  # noqa: E402


def test_one_folder_after_another() -> None:
    events = [
        (1.5, "PlanReady", ""),
        (2.0, "FolderStarted", "INBOX"),  # 0.5 reading INBOX: reconcile
        (2.5, "MessageCopied", "INBOX"),
        (4.0, "FolderFinished", "INBOX"),  # 2.0 copying
        (4.25, "FolderStarted", "Sent"),  # 0.25 reconcile
        (4.25, "FolderFinished", "Sent"),  # nothing to copy
        (4.5, "FolderStarted", "Empty"),
        (4.5, "FolderFinished", "Empty"),
        (4.75, "Finished", ""),
    ]
    p = phases(0.0, 0.5, 1.0, events, 5.0)
    assert p["connect"] == 0.5
    assert p["plan"] == 1.0  # logins done -> PlanReady
    assert p["reconcile"] == 0.5 + 0.25 + 0.25
    assert p["copy"] == 2.0
    assert p["finish"] == 0.25 + 0.25
    assert p["first"] == 2.5
    assert math.isclose(sum(p[k] for k in PHASES), 5.0)
    assert describe(p).startswith("connect 0.50 plan 1.00 reconcile 1.00 copy 2.00 finish 0.50")


def test_overlapping_folders_count_once_and_a_retry_is_not_double() -> None:
    events = [
        (1.0, "PlanReady", ""),
        (1.0, "FolderStarted", "a"),
        (2.0, "FolderStarted", "b"),  # b starts while a copies
        (2.5, "FolderStarted", "a"),  # a read again after a retry
        (3.0, "FolderFinished", "a"),
        (3.5, "Retrying", ""),
        (4.0, "FolderFinished", "b"),
        (4.0, "Finished", ""),
    ]
    p = phases(0.0, 0.25, 0.5, events, 4.0)
    assert p["copy"] == 3.0 and p["reconcile"] == 0.0 and p["finish"] == 0.0
    assert math.isnan(p["first"]) and "(first" not in describe(p)
    assert math.isclose(sum(p[k] for k in PHASES), 4.0)
