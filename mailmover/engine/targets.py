"""Two source folders must never share one destination folder by accident.

`Projects/2024` and `Projects_2024` on a `.`-separator server, or `INBOX`, `Inbox` and
`inbox` listed by a sloppy server, would otherwise land in one folder, where each
folder's reconcile takes the other's copies for its own. Folders that map to the same
destination (compared case-insensitively: several servers fold case) get distinct names,
which the plan shows. Folders of the same role (two "Sent" folders) also get their own.
"""

from __future__ import annotations

from mailmover.engine.folders import INBOX, FolderMapping


def separate_targets(
    mappings: list[FolderMapping], chosen: set[str] | frozenset[str] = frozenset()
) -> list[tuple[str, FolderMapping]]:
    """Rename later collisions in place (`name (2)`, `name (3)` …); returns
    (planned target, mapping) for each one changed. The first folder to claim a
    destination keeps it; INBOX keeps INBOX; sources in `chosen` (a destination the user
    picked, e.g. to merge two folders) keep theirs."""
    order = sorted(range(len(mappings)), key=lambda i: (mappings[i].role != INBOX, i))
    taken: set[str] = set()
    changed: list[tuple[str, FolderMapping]] = []
    for i in order:
        m = mappings[i]
        if not m.include:
            continue
        key = _key(m.target)
        if key not in taken or m.source in chosen:
            taken.add(key)
            continue
        planned = m.target
        n = 2
        while _key(f"{planned} ({n})") in taken:
            n += 1
        m.target = f"{planned} ({n})"
        m.role = None  # it is not the destination's role folder any more
        taken.add(_key(m.target))
        changed.append((planned, m))
    return changed


def _key(name: str) -> str:
    return "INBOX" if name.upper() == "INBOX" else name.casefold()
