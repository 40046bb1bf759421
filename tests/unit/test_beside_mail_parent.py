"""Where a folder goes when the new server cannot nest it inside a folder of mail (mbox)."""

from __future__ import annotations

from mailmover.engine import errors
from mailmover.engine.folders import beside_mail_parent

CANNOT = errors.MailMoverError(
    errors.FOLDER_CREATE_FAILED,
    folder="x",
    detail="[CANNOT] Mailbox doesn't allow inferior mailboxes (0.001 + 0.000 secs).",
)


def test_beside_the_deepest_existing_ancestor() -> None:
    assert beside_mail_parent("课题组/2019", "/", {"课题组"}, CANNOT) == "课题组 - 2019"
    # The middle level was never created (it would have been refused too).
    assert beside_mail_parent("课题组/2019/项目 A", "/", {"课题组"}, CANNOT) == (
        "课题组 - 2019 - 项目 A"
    )
    # Deeper down, only the level under the folder of mail is joined.
    assert beside_mail_parent("A.B.C", ".", {"A", "A.B"}, CANNOT) == "A.B - C"


def test_other_refusals_and_no_ancestor_are_left_alone() -> None:
    other = errors.MailMoverError(errors.FOLDER_CREATE_FAILED, folder="x", detail="NO quota")
    assert beside_mail_parent("课题组/2019", "/", {"课题组"}, other) is None
    assert beside_mail_parent("Top", "/", set(), CANNOT) is None
    assert beside_mail_parent("课题组/2019", "/", set(), CANNOT) is None
