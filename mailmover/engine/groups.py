"""Which folders are copied together: several small folders in flight at once.

A folder costs a few round trips however small it is (SELECT on both sides, reading
them, the first FETCH, the last APPEND's answer). Taken one after another these add up
on a far-away server with many small or empty folders; copied as one group, the pairs
go on with the next folder's messages while the last answers of one are still on the
way, and the group's folders are read over all pairs at once (or ahead, during the
group before), so the group pays one tail instead of one per folder.

A group is bounded (messages, folders) so memory and the work repeated after a dropped
connection stay small; a large folder, or one whose size the plan does not know, is a
group of its own. The first groups hold fewer folders (FIRST_FOLDERS, then twice as
many each time): the first message moves soon, and each group is read ahead in about
the time the one before takes to copy. Two folders writing into one destination folder
are never in one group: the second must see what the first copied there.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailmover.engine.folders import FolderMapping

GROUP_MESSAGES = 800  # planned source messages in one group
GROUP_FOLDERS = 32
FIRST_FOLDERS = 4


def folder_groups(
    mappings: Sequence[FolderMapping],
    max_messages: int = GROUP_MESSAGES,
    max_folders: int = GROUP_FOLDERS,
    first_folders: int = FIRST_FOLDERS,
) -> list[list[FolderMapping]]:
    """Consecutive folders grouped, in the plan's order."""
    groups: list[list[FolderMapping]] = []
    group: list[FolderMapping] = []
    count = 0
    for m in mappings:
        n = m.messages
        fits = (
            n is not None
            and group
            and count + n <= max_messages
            and len(group) < min(max_folders, first_folders << min(len(groups), 8))
            and all(g.target != m.target for g in group)
        )
        if not fits and group:
            groups.append(group)
            group, count = [], 0
        group.append(m)
        count += n if n is not None else max_messages
    if group:
        groups.append(group)
    return groups
