"""The account of a run: per folder, where every source message ended up."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mailmover.atomic import write_atomic
from mailmover.engine.counting import AcrossRuns
from mailmover.engine.events import COPIED, FAILED, PRESENT, REMOVED, SKIPPED


@dataclass
class Failure:
    folder: str
    uid: int
    subject: str
    date: str
    size: int
    reason: str  # code, e.g. "message.too_large"
    detail: str = ""
    saved_as: str = ""


@dataclass
class FolderReport(AcrossRuns):
    source: str
    target: str
    source_count: int = 0
    copied: int = 0
    present: int = 0
    # Of `present`: copies an earlier run of this move made (the store's record). People
    # see them as copied: one way of counting across runs (copied_by_move, found_there).
    earlier: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0  # copied before, since deleted or moved by the user in the new mailbox
    pending: int = 0  # not reached: the run was cancelled or stopped
    bytes_copied: int = 0
    flags_updated: int = 0  # copies whose flags followed a change on the old side
    # Gmail: a message in several labels is copied once; its other label folders get it
    # by COPY on the destination. Counted here, not as copied: not duplicates.
    label_copies: int = 0
    reached: bool = True  # False: the run ended before this folder was read
    error: str = ""  # a code when the folder itself could not be moved (e.g. refused)
    failures: list[Failure] = field(default_factory=list)

    def reset(self, other: FolderReport) -> None:
        """Start the folder's account again (a retry re-reads the folder)."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(other, name))

    def add(self, state: str, size: int = 0) -> None:
        if state == COPIED:
            self.copied += 1
            self.bytes_copied += size
        elif state == PRESENT:
            self.present += 1
        elif state == SKIPPED:
            self.skipped += 1
        elif state == FAILED:
            self.failed += 1
        elif state == REMOVED:
            self.removed += 1

    def uncopy(self, size: int) -> None:
        """A copy counted before turned out lost (see copy_work.AppendLost)."""
        self.copied -= 1
        self.bytes_copied -= size

    @property
    def accounted(self) -> int:
        return (
            self.copied
            + self.label_copies
            + self.present
            + self.skipped
            + self.failed
            + self.removed
            + self.pending
        )

    @property
    def complete(self) -> bool:
        return (
            not self.error
            and self.pending == 0
            and self.failed == 0
            and self.accounted == self.source_count
        )


@dataclass
class Report:
    source: str
    target: str
    started: float = field(default_factory=time.time)
    finished: float | None = None
    cancelled: bool = False
    stopped_reason: str = ""  # an error code when the run stopped early (e.g. over quota)
    folders: list[FolderReport] = field(default_factory=list)

    def folder(self, source: str, target: str) -> FolderReport:
        for f in self.folders:
            if f.source == source:
                f.target = target
                return f
        f = FolderReport(source, target)
        self.folders.append(f)
        return f

    def totals(self) -> dict[str, int]:
        keys = (
            "source_count",
            "copied",
            "present",
            "earlier",
            "skipped",
            "failed",
            "removed",
            "pending",
            "bytes_copied",
            "flags_updated",
            "label_copies",
        )
        return {k: sum(getattr(f, k) for f in self.folders) for k in keys}

    @property
    def ok(self) -> bool:
        return (
            not self.cancelled and not self.stopped_reason and all(f.complete for f in self.folders)
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["totals"] = self.totals()
        data["ok"] = self.ok
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        # Fields a newer or older version wrote that this one does not know are ignored.
        f_keys = set(FolderReport.__dataclass_fields__) - {"failures"}
        x_keys = set(Failure.__dataclass_fields__)
        folders = [
            FolderReport(
                **{k: v for k, v in f.items() if k in f_keys},
                failures=[
                    Failure(**{k: v for k, v in x.items() if k in x_keys})
                    for x in f.get("failures", [])
                ],
            )
            for f in data.get("folders", [])
        ]
        keys = ("source", "target", "started", "finished", "cancelled", "stopped_reason")
        return cls(**{k: data[k] for k in keys if k in data}, folders=folders)

    def write_json(self, path: str | os.PathLike[str]) -> None:
        write_atomic(Path(path), json.dumps(self.to_dict(), ensure_ascii=False, indent=2))
