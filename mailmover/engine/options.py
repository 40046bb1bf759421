"""What the user (or the front end) decides about a move: one plain dataclass."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CONNECTIONS = 4


@dataclass
class MoveOptions:
    include: Sequence[str] = ()  # glob patterns on source folder names
    exclude: Sequence[str] = ()
    # Connection pairs copying at once; providers throttle beyond 2-4 (docs/providers.md).
    connections: int = DEFAULT_CONNECTIONS
    # Cap `connections` at the provider's known limit (presets: Exmail 3) unless the user
    # chose the number: providers' risk control reacts to many logins.
    provider_limits: bool = True
    # Measured (benchmarks/run.py): 1 MB batches copy as fast as 4 MB ones.
    batch_bytes: int = 1024 * 1024  # per UID FETCH
    batch_messages: int = 100
    # Fetched but not yet stored, all pairs together; as much again for large messages
    # (batch_bytes or more), which have a budget of their own (engine/parallel.py).
    # None: sized to the servers' round trip, 8 MB near to 16 MB far
    # (memory.in_flight_for). A message larger than the budget still goes.
    inflight_bytes: int | None = None
    max_message_size: int | None = None  # larger ones are skipped (the user's choice)
    # Marked \Deleted but not yet erased on the old side: left out and counted as skipped
    # unless asked for; then copied as ordinary messages (the mark is never carried, so
    # the new server's next expunge cannot erase what was moved).
    include_deleted: bool = False
    saved_dir: Path | None = None  # refused messages are kept here as .eml
    # Large messages are downloaded in ranges to owner-only files here, so a dropped
    # connection resumes them (engine/spool.py); None: `spool` under the data folder.
    spool_dir: Path | None = None
    max_attempts: int = 8  # consecutive failed attempts without progress
    # A network that is not there (asleep, changing networks) is waited for this long.
    offline_patience: float = 600.0
    # Attempts at one message in a pass before it is set aside for the end of the run.
    message_attempts: int = 3
    backoff_initial: float = 1.0
    backoff_max: float = 60.0  # "slow down" pauses; reconnects wait at most a few seconds
    overrides: dict[str, str] = field(default_factory=dict)
    target_parent: str | None = None
    # Copy again what an earlier run copied and the user has since deleted or moved
    # in the new mailbox (by default such copies are left alone: the user's choice).
    restore_removed: bool = False
    # Where the per-destination move lock lives (default: the user data folder; never
    # the state folder, so two state folders still exclude each other).
    lock_dir: Path | None = None
    # Bytes a day the move may move (engine/pacing.py): None, the provider's limit
    # (Gmail: 2,500 MB down, 500 MB up); 0, no pacing.
    max_bytes_per_day: int | None = None
    clock: Callable[[], float] | None = None  # for the daily budget; tests move it
    # Gmail as the old mailbox: a message with several labels lands only in its first
    # label folder (INBOX last) instead of one copy per label (engine/gmail_labels.py).
    gmail_one_copy: bool = False
