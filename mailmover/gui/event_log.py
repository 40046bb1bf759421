"""The help-desk log's line for an engine event (English, as the rest of that log)."""

from __future__ import annotations

from mailmover.engine import (
    Connected,
    FolderFinished,
    FolderStarted,
    MessageFailed,
    Paused,
    Resumed,
    Retrying,
    Warning,
)


def log_line(ev: object) -> str | None:
    """One line for the events worth a line; None for the rest (copies are counted)."""
    if isinstance(ev, Connected):
        return f"connected {ev.side} {ev.host}"
    if isinstance(ev, FolderStarted):
        return (f"folder {ev.source} -> {ev.target}: {ev.total} messages, {ev.to_copy} to "
                f"copy, {ev.present} already there, {ev.skipped} skipped")
    if isinstance(ev, FolderFinished):
        return f"folder {ev.source} done: {ev.counts}"
    if isinstance(ev, MessageFailed):
        return f"message failed {ev.folder} uid {ev.uid}: {ev.reason} {ev.detail}"
    if isinstance(ev, Retrying):
        return (f"retrying ({ev.reason}) attempt {ev.attempt} in {ev.delay:.0f}s "
                f"{ev.host} {ev.detail}")
    if isinstance(ev, Warning):
        return f"warning {ev.code} {ev.params}"
    if isinstance(ev, Paused | Resumed):
        return type(ev).__name__.lower()
    return None
