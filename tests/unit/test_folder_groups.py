"""Which folders are copied together (engine/groups.py)."""

from __future__ import annotations

from mailmover.engine.folders import FolderMapping
from mailmover.engine.groups import folder_groups


def _m(name: str, messages: int | None, target: str | None = None) -> FolderMapping:
    return FolderMapping(source=name, target=target or name, messages=messages)


def _names(groups: list[list[FolderMapping]]) -> list[list[str]]:
    return [[m.source for m in g] for g in groups]


def test_small_folders_go_together_first_groups_smaller() -> None:
    folders = [_m(f"f{i}", 3) for i in range(20)]
    groups = folder_groups(folders, max_messages=1000, max_folders=32, first_folders=2)
    assert [len(g) for g in groups] == [2, 4, 8, 6]
    assert [m for g in groups for m in g] == folders  # the plan's order, each once


def test_large_or_unknown_folders_are_alone_and_messages_bound_a_group() -> None:
    folders = [_m("a", 10), _m("big", 5000), _m("b", 10), _m("c", None), _m("d", 60), _m("e", 50)]
    groups = folder_groups(folders, max_messages=100, max_folders=32, first_folders=8)
    assert _names(groups) == [["a"], ["big"], ["b"], ["c"], ["d"], ["e"]]
    groups = folder_groups([_m("a", 10), _m("b", 80), _m("c", 20)], max_messages=100)
    assert _names(groups) == [["a", "b"], ["c"]]


def test_two_folders_into_one_target_are_never_in_one_group() -> None:
    folders = [_m("x", 1, "merged"), _m("y", 1), _m("z", 1, "merged")]
    assert _names(folder_groups(folders)) == [["x", "y"], ["z"]]
