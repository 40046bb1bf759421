"""Where a move's wall-clock time goes, from the engine's own events and when they came.

No engine hook: the benchmark notes the time when the logins are done and when the plan
is ready (the calls it makes, as the CLI does), then the arrival time of every event of
the run. Phases do not overlap; each moment counts once:

- connect:   start -> both logins done (`connect_events()` returned);
- plan:      -> plan ready: listing, mapping, statistics, and the run's own start
             (lock, renamed folders, store) up to its `PlanReady` event;
- reconcile: moments after `PlanReady` when no folder is copying (between one
             folder's `FolderFinished` and the next one's `FolderStarted`, and before
             the first): reading both sides, deciding, folder creation. Reading done
             while another folder copies (read-ahead) counts as copy;
- copy:      moments when at least one folder is between `FolderStarted` and its
             `FolderFinished`;
- finish:    the last `FolderFinished` -> `Finished` -> the run's generator and the
             store closed.

`first` is the time from start to the first `MessageCopied`.
"""

from __future__ import annotations

from collections.abc import Sequence

PHASES = ("connect", "plan", "reconcile", "copy", "finish")


def phases(
    start: float,
    connected: float,
    planned: float,
    events: Sequence[tuple[float, str, str]],
    end: float,
) -> dict[str, float]:
    """Seconds per phase. `events` are (arrival time, event class name, folder) in order
    of arrival; folder is the source folder for FolderStarted/FolderFinished."""
    out = {name: 0.0 for name in PHASES}
    out["first"] = float("nan")
    out["connect"] = connected - start
    ready = next((t for t, kind, _ in events if kind == "PlanReady"), None)
    run_start = ready if ready is not None else planned
    out["plan"] = run_start - connected
    last_finished = max((t for t, kind, _ in events if kind == "FolderFinished"), default=None)
    active: set[str] = set()
    prev = run_start
    for t, kind, folder in events:
        if t < run_start:
            continue
        if kind == "MessageCopied" and out["first"] != out["first"]:
            out["first"] = t - start
        span = t - prev
        if active:
            out["copy"] += span
        elif last_finished is not None and t <= last_finished:
            out["reconcile"] += span
        else:
            out["finish"] += span
        prev = t
        if kind == "FolderStarted":
            active.add(folder)
        elif kind == "FolderFinished":
            active.discard(folder)
    out["finish"] += max(0.0, end - prev)
    return out


def describe(p: dict[str, float]) -> str:
    """`connect 0.04 plan 0.10 reconcile 0.31 copy 3.20 finish 0.02 (first 0.21)`."""
    parts = " ".join(f"{name} {p.get(name, 0.0):.2f}" for name in PHASES)
    first = p.get("first", float("nan"))
    return parts + (f" (first {first:.2f})" if first == first else "")
