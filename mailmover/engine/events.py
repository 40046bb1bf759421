"""Typed events the engine yields; the CLI and the GUI are two consumers of them.

Events carry codes and numbers, never sentences: the UI translates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Final states of a source message (docs/architecture.md, "Nothing silent").
COPIED = "copied"
PRESENT = "present"
SKIPPED = "skipped"
FAILED = "failed"
# The copy was made in an earlier run and the user has since deleted or moved it in the
# new mailbox: not brought back unless asked (README, "Changes between runs").
REMOVED = "removed"


@dataclass(frozen=True)
class Event:
    pass


@dataclass(frozen=True)
class Connected(Event):
    side: str  # "source" | "target"
    host: str
    capabilities: tuple[str, ...]
    greeting: str = ""


@dataclass(frozen=True)
class FolderPlan:
    source: str
    target: str
    messages: int  # from the plan's statistics; 0 when not counted
    size: int
    done_before: int = 0  # accounted for by earlier runs (the progress store)


@dataclass(frozen=True)
class PlanReady(Event):
    folders: int
    messages: int
    bytes: int
    plan: tuple[FolderPlan, ...] = ()  # every folder the run will move, in order


@dataclass(frozen=True)
class FolderStarted(Event):
    source: str
    target: str
    total: int
    to_copy: int
    present: int
    skipped: int
    bytes_to_copy: int
    # Copied by this run before a retry read the folder again (counted once, not twice).
    copied: int = 0
    bytes_copied: int = 0
    earlier: int = 0  # of `present`: copied by an earlier run of this move


@dataclass(frozen=True)
class MessageCopied(Event):
    folder: str
    uid: int
    size: int


@dataclass(frozen=True)
class MessageFailed(Event):
    folder: str
    uid: int
    reason: str  # a code, e.g. "message.too_large"
    detail: str = ""
    saved_as: str = ""


@dataclass(frozen=True)
class FolderFinished(Event):
    source: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Retrying(Event):
    reason: str  # error code
    attempt: int
    delay: float
    detail: str = ""
    host: str = ""  # the server whose connection broke, when known


@dataclass(frozen=True)
class Paused(Event):
    pass


@dataclass(frozen=True)
class Resumed(Event):
    pass


@dataclass(frozen=True)
class Warning(Event):  # noqa: A001 - a warning event, not the builtin
    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Finished(Event):
    cancelled: bool
    report: object  # mailmover.engine.report.Report
