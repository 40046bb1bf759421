"""reconcile.decide on typed values, without a server: what is present, copied again,
removed by the user, skipped, and which flag changes are carried (issue 22, item 4).

No test here has two messages with the same identity headers, so no content digest is
asked: a connection that fails when used proves it."""

from __future__ import annotations

from typing import Any, cast

from mailmover.engine import errors
from mailmover.engine.imap.scan import Entry
from mailmover.engine.reconcile import decide
from mailmover.store import Record

UV = 77  # the destination folder's UIDVALIDITY


class NoServer:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"no server needed here ({name})")


def _e(uid: int, key: str, flags: tuple[bytes, ...] = (), size: int = 100) -> Entry:
    return Entry(uid, size, key.encode().ljust(16, b"."), flags)


def _decide(source: list[Entry], target: list[Entry], records: dict[int, Record], **kw: Any):
    none = cast(Any, NoServer())
    return decide(
        source, target, UV, records, src=none, dst=none, source_folder="A",
        target_folder="A", keywords=True, **kw,
    )  # fmt: skip


def test_a_record_that_still_holds_is_present_and_a_new_message_is_copied() -> None:
    src = [_e(1, "one", (b"\\Seen",)), _e(2, "two")]
    dst = [_e(10, "one", (b"\\Seen",))]
    rec = {1: Record("copied", UV, 10, (b"\\Seen",), _e(1, "one").fp)}
    d = _decide(src, dst, rec)
    assert [e.uid for e in d.present] == [1] and d.matching.certain == 1
    assert [e.uid for e in d.to_copy] == [2]
    assert d.rows[0]["state"] == "copied" and d.rows[0]["target_uid"] == 10


def test_a_reused_uid_is_a_new_message() -> None:
    # The old server gave UID 1 to another message; the record is about the one gone.
    src = [_e(1, "newcomer")]
    dst = [_e(10, "one")]
    rec = {1: Record("copied", UV, 10, (), _e(1, "one").fp)}
    d = _decide(src, dst, rec)
    assert [e.uid for e in d.to_copy] == [1] and not d.removed and not d.present


def test_a_copy_the_user_deleted_is_removed_unless_restored() -> None:
    src = [_e(1, "one")]
    rec = {1: Record("copied", UV, 10, (), _e(1, "one").fp)}
    assert [e.uid for e in _decide(src, [], rec).removed] == [1]
    again = _decide(src, [], rec, restore_removed=True, elsewhere=lambda: {})
    assert [e.uid for e in again.to_copy] == [1]


def test_a_copy_never_confirmed_is_copied_again_not_taken_as_deleted() -> None:
    # Answered OK without a new UID, then not found (AppendLost): no target UID on record.
    src = [_e(1, "one")]
    rec = {1: Record("copied", None, None, (), _e(1, "one").fp)}
    d = _decide(src, [], rec)
    assert [e.uid for e in d.to_copy] == [1] and not d.removed


def test_too_large_and_marked_deleted_are_skipped_with_their_reason() -> None:
    src = [_e(1, "big", size=5000), _e(2, "gone", (b"\\Deleted",)), _e(3, "fine")]
    d = _decide(src, [], {}, max_message_size=1000)
    reasons = {r["uid"]: r.get("reason") for r in d.rows}
    assert reasons == {1: errors.MESSAGE_SKIPPED_SIZE, 2: errors.MESSAGE_SKIPPED_DELETED}
    assert [e.uid for e in d.to_copy] == [3]
    carried = _decide(src, [], {}, include_deleted=True)
    assert [e.uid for e in carried.to_copy] == [1, 2, 3]


def test_a_flag_changed_on_the_old_side_is_carried_a_change_on_the_copy_kept() -> None:
    fp1, fp2 = _e(1, "one").fp, _e(2, "two").fp
    # Read on the old side since the copy; the copy untouched: carry \Seen.
    src = [_e(1, "one", (b"\\Seen",)), _e(2, "two", (b"\\Seen",))]
    # The user flagged the second copy in the new mailbox: theirs wins.
    dst = [_e(10, "one"), _e(11, "two", (b"\\Flagged",))]
    rec = {1: Record("copied", UV, 10, (), fp1), 2: Record("copied", UV, 11, (), fp2)}
    d = _decide(src, dst, rec)
    assert set(d.flag_changes) == {1}
    change = d.flag_changes[1]
    assert (change.target_uid, change.add, change.remove) == (10, {b"\\Seen"}, frozenset())
