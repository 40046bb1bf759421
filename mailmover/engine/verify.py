"""Compare source and destination folder by folder, as fingerprint multisets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from mailmover.engine.connect import ImapConnection
from mailmover.engine.folders import FolderMapping
from mailmover.engine.scan import scan, select


@dataclass
class FolderCheck:
    source: str
    target: str
    source_count: int = 0
    target_count: int = 0
    missing: int = 0  # source copies with no counterpart at the destination
    duplicated: int = 0  # destination copies beyond what the source has
    target_missing: bool = False
    missing_uids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.missing == 0 and self.duplicated == 0


@dataclass
class Verification:
    folders: list[FolderCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.folders)

    def totals(self) -> dict[str, int]:
        keys = ("source_count", "target_count", "missing", "duplicated")
        return {k: sum(getattr(f, k) for f in self.folders) for k in keys}

    def to_dict(self) -> dict[str, Any]:
        folders = [asdict(f) for f in self.folders]
        return {"ok": self.ok, "totals": self.totals(), "folders": folders}


def verify(
    src: ImapConnection,
    dst: ImapConnection,
    mappings: Iterable[FolderMapping],
    max_message_size: int | None = None,
) -> Verification:
    """Every source message must be at the destination, with as many copies as the source.

    Messages already at the destination that the source never had are not counted
    against the move (mail that arrived in the new mailbox directly).
    """
    result = Verification()
    for m in mappings:
        if not m.include:
            continue
        check = FolderCheck(m.source, m.target)
        sel = select(src, m.source, readonly=True)
        src_entries = list(scan(src, sel.exists))
        if max_message_size is not None:  # skipped by the user's choice, as in the move
            src_entries = [e for e in src_entries if e.size <= max_message_size]
        source_fps = Counter(e.fp for e in src_entries)
        check.source_count = sel.exists
        with dst.guard():
            exists = dst.client.folder_exists(m.target)
        if not exists:
            check.target_missing = True
            target_fps: Counter[bytes] = Counter()
        else:
            dsel = select(dst, m.target, readonly=True)
            check.target_count = dsel.exists
            target_fps = Counter(e.fp for e in scan(dst, dsel.exists))
        for fp, n in source_fps.items():
            have = target_fps.get(fp, 0)
            if have < n:
                check.missing += n - have
            elif have > n:
                check.duplicated += have - n
        remaining = Counter(target_fps)
        for e in src_entries:
            if remaining[e.fp] > 0:
                remaining[e.fp] -= 1
            else:
                check.missing_uids.append(e.uid)
        result.folders.append(check)
    return result
