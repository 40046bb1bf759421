"""Faults stay where they happen (issue 23): a server that answers what no one expected
fails that message or that folder — never the run, never silently.

Each test: a real Dovecot behind a proxy playing one hostile answer
(tests/support/hostile.py); the move ends with exit 0 or 1 and a report, healthy
folders and messages are moved, every message is accounted for with folder and reason,
and a second run copies only what is missing (nothing doubled).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.servers.conftest import Endpoint, behind
from tests.servers.test_matrix import Run, _msg, migrate
from tests.support.hostile import (
    AnswerTwice,
    BadBodyFetch,
    DeleteDuringCopy,
    ExpungeDuringCopy,
    GoneAfterCopyStarts,
    LoseAppends,
    PoisonMessage,
    ScanGarbage,
    WithholdMessage,
)


def _fill(ep: Endpoint, folders: dict[str, int]) -> None:
    c = ep.client()
    for folder, n in folders.items():
        if not c.folder_exists(folder):
            c.create_folder(folder)
        for i in range(n):
            c.append(folder, _msg(f"{folder}-{i}", i), (b"\\Seen",))
    c.logout()


def _keys(ep: Endpoint, folder: str) -> list[str]:
    """The X-MM-Key of every message in `folder` (sorted; a double shows twice)."""
    c: IMAPClient = ep.client()
    try:
        if not c.folder_exists(folder):
            return []
        c.select_folder(folder, readonly=True)
        uids = c.search("ALL")
        data = c.fetch(uids, [b"BODY.PEEK[HEADER.FIELDS (X-MM-KEY)]"]) if uids else {}
        keys = [
            v.decode().split(":", 1)[1].strip()
            for item in data.values()
            for k, v in item.items()
            if k.startswith(b"BODY")
        ]
        return sorted(keys)
    finally:
        c.logout()


def _sane(run: Run) -> None:
    text = run.out + run.err
    assert "Traceback" not in text and "internal error" not in text, text
    assert run.code in (0, 1), text
    assert run.report, "no report written"
    for f in run.report["folders"]:
        states = ("copied", "present", "skipped", "failed", "removed", "pending")
        counted = sum(f[k] for k in states)
        assert counted == f["source_count"], f  # every message accounted for


def _folder(run: Run, source: str) -> dict[str, object]:
    return next(f for f in run.report["folders"] if f["source"] == source)


def test_bad_to_one_messages_fetch_fails_that_message_only(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 6, "Projects": 7})
    # imap4d's answer to a set naming a UID it no longer knows; here: UID 4 of Projects.
    with behind(src, BadBodyFetch(folder=b"Projects", uids=frozenset({4}))) as proxy:
        run = migrate(src, dst, tmp_path / "state")
    _sane(run)
    assert run.code == 1
    assert proxy.behaviour.refused >= 1  # type: ignore[attr-defined]
    projects = _folder(run, "Projects")
    assert (projects["copied"], projects["failed"]) == (6, 1), projects
    [failure] = projects["failures"]  # type: ignore[misc]
    assert failure["uid"] == 4 and "parse message set" in failure["detail"], failure
    assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(6))
    assert _keys(dst, "Projects") == sorted(f"Projects-{i}" for i in range(7) if i != 3)
    # The server mends itself: the next run copies the one message, nothing twice.
    again = migrate(src, dst, tmp_path / "state")
    _sane(again)
    assert again.code == 0, again.out
    assert _keys(dst, "Projects") == sorted(f"Projects-{i}" for i in range(7))


def test_bad_to_every_fetch_of_a_folder_fails_its_messages_and_moves_the_rest(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 5, "Broken": 4, "Fine": 3})
    with behind(src, BadBodyFetch(folder=b"Broken")):
        run = migrate(src, dst, tmp_path / "state")
    _sane(run)
    assert run.code == 1
    broken = _folder(run, "Broken")
    assert (broken["copied"], broken["failed"]) == (0, 4), broken
    assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(5))
    assert _keys(dst, "Fine") == sorted(f"Fine-{i}" for i in range(3))
    assert "Broken" in run.out  # the sentence names the folder


def test_a_uid_that_is_no_number_fails_that_folder_only(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 5, "Garbled": 4, "Fine": 3})
    with behind(src, ScanGarbage(folder=b"Garbled")):
        run = migrate(src, dst, tmp_path / "state")
    _sane(run)
    assert run.code == 1
    garbled = _folder(run, "Garbled")
    assert garbled["error"] == "server.bad_data" and garbled["pending"] == 4, garbled
    assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(5))
    assert _keys(dst, "Fine") == sorted(f"Fine-{i}" for i in range(3))
    assert "Garbled" in run.out


def test_a_folder_renamed_during_the_move_is_reported_and_the_rest_moves(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 5, "Renamed": 4, "Fine": 3})
    # From the first message copied on, the old server says Renamed does not exist.
    with behind(src, GoneAfterCopyStarts(folder=b"Renamed")):
        run = migrate(src, dst, tmp_path / "state")
    _sane(run)
    assert run.code == 1
    renamed = _folder(run, "Renamed")
    assert renamed["copied"] + renamed["pending"] == 4 and renamed["error"], renamed
    assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(5))
    assert _keys(dst, "Fine") == sorted(f"Fine-{i}" for i in range(3))
    assert "Renamed" in run.out


def _poisoned(
    endpoint: Callable[[str], Endpoint], tmp_path: Path, how: str, *extra: str
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 12, "Other": 6})
    # UID 5 of INBOX: every answer for it breaks the connection (always).
    with behind(src, PoisonMessage(folder=b"INBOX", uids=frozenset({5}), how=how)):
        run = migrate(src, dst, tmp_path / "state", *extra)
    _sane(run)
    assert run.code == 1, run.out
    inbox = _folder(run, "INBOX")
    assert (inbox["copied"], inbox["failed"], inbox["pending"]) == (11, 1, 0), inbox
    [failure] = inbox["failures"]  # type: ignore[misc]
    assert failure["uid"] == 5 and failure["reason"] == "message.breaks_connection", failure
    assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(12) if i != 4)
    assert _keys(dst, "Other") == sorted(f"Other-{i}" for i in range(6))


def test_a_literal_announced_as_a_terabyte_fails_that_message_the_rest_moves(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    _poisoned(endpoint, tmp_path, "literal")


def test_a_two_megabyte_line_fails_that_message_the_rest_moves(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    _poisoned(endpoint, tmp_path, "line")


def test_endless_continuation_requests_end_that_message_the_rest_moves(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    # A line every 50 ms: only the progress watchdog ends each attempt (after 3 s).
    _poisoned(endpoint, tmp_path, "plus", "--timeout", "3")


def test_a_line_over_the_limit_once_is_only_a_retry(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 8})
    with behind(src, PoisonMessage(folder=b"INBOX", uids=frozenset({3}), how="line", times=1)):
        run = migrate(src, dst, tmp_path / "state")
    _sane(run)
    assert run.code == 0, run.out
    assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(8))


def test_a_new_folder_deleted_during_the_move_is_created_again(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 3, "Projects": 9})

    def delete() -> None:
        c = dst.client()
        for _ in range(50):  # "New mails were added to mailbox during deletion": again
            try:
                c.delete_folder("Projects")
                break
            except IMAPClient.Error:
                time.sleep(0.02)
        c.logout()

    # One APPEND per message (no MULTIAPPEND), so the deletion comes between copies.
    # Dovecot answers APPENDs in flight at that moment "[SERVERBUG] Internal error",
    # the later ones "[TRYCREATE]".
    behaviour = DeleteDuringCopy(
        folder=b"Projects", after=4, delete=delete, drop_capabilities=frozenset({b"MULTIAPPEND"})
    )
    with behind(dst, behaviour):  # both runs: the same address, the same progress store
        run = migrate(src, dst, tmp_path / "state", "--connections", "1")
        _sane(run)
        assert run.code == 0, run.out
        projects = _folder(run, "Projects")
        # What was copied before the deletion went with the folder (the user's choice, as
        # for any copy deleted in the new mailbox); everything after landed in the new one.
        assert projects["copied"] + projects["removed"] == 9, projects
        assert projects["failed"] == 0, projects
        landed = _keys(dst, "Projects")
        assert len(landed) == projects["copied"] and len(set(landed)) == len(landed)
        assert "Projects" in run.out and "created again" in run.out
        assert "failed:" not in run.out  # no message was reported failed on the way
        again = migrate(src, dst, tmp_path / "state", "--connections", "1")
    _sane(again)
    assert again.code == 0 and _keys(dst, "Projects") == landed  # nothing copied twice


def test_a_message_deleted_in_the_old_mailbox_during_the_move_is_no_failure(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 2, "Projects": 8})

    def expunge() -> None:  # the user deletes Projects-5 while the move reads the folder
        c = src.client()
        c.select_folder("Projects")
        c.delete_messages([6])
        c.expunge()
        c.logout()

    with behind(src, ExpungeDuringCopy(folder=b"Projects", expunge=expunge)):
        run = migrate(src, dst, tmp_path / "state", "--connections", "1")
        _sane(run)
        assert run.code == 0, run.out
        projects = _folder(run, "Projects")
        # Accounted for as it is now: seven messages, seven copied, nothing failed.
        assert (projects["source_count"], projects["copied"]) == (7, 7), projects
        assert projects["failed"] == 0, projects
        assert "1 messages of the old folder Projects were deleted" in run.out, run.out
        assert _keys(dst, "Projects") == sorted(f"Projects-{i}" for i in range(8) if i != 5)
        again = migrate(src, dst, tmp_path / "state", "--connections", "1")
    _sane(again)
    assert again.code == 0 and len(_keys(dst, "Projects")) == 7


def test_a_message_the_server_holds_but_leaves_out_fails_with_a_reason(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 2, "Projects": 6})
    with behind(src, WithholdMessage(folder=b"Projects", uid=3)):
        run = migrate(src, dst, tmp_path / "state")
    _sane(run)
    assert run.code == 1, run.out
    projects = _folder(run, "Projects")
    assert (projects["copied"], projects["failed"]) == (5, 1), projects
    [failure] = projects["failures"]  # type: ignore[misc]
    assert failure["uid"] == 3 and failure["reason"] == "message.unreadable", failure


def test_a_uid_answered_twice_with_another_messages_bytes_is_not_stored_wrong(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 2, "Projects": 6})
    lie = AnswerTwice(folder=b"Projects")
    with behind(src, lie):
        run = migrate(src, dst, tmp_path / "state", "--connections", "1")
    _sane(run)
    assert lie.done, "the lie was never told: the test proves nothing"
    assert run.code == 0, run.out
    # Each message once, with its own bytes: nothing doubled, nothing missing.
    assert _keys(dst, "Projects") == sorted(f"Projects-{i}" for i in range(6))


def _odd_one(ep: Endpoint, folder: str) -> int:
    """One message of a size no other has; returns that size."""
    raw = _msg(f"{folder}-odd", 30, body=b"odd " * 1500 + b"\r\n")
    c = ep.client()
    c.append(folder, raw, (b"\\Seen",))
    c.logout()
    return len(raw)


@pytest.mark.parametrize("appenduid", [False, True], ids=["no-appenduid", "appenduid-elsewhere"])
def test_an_append_answered_ok_and_then_lost_is_not_counted_and_copied_again(
    endpoint: Callable[[str], Endpoint], tmp_path: Path, appenduid: bool
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 6})
    size = _odd_one(src, "INBOX")
    c = dst.client()
    c.create_folder("Elsewhere")
    c.logout()
    # No UIDPLUS, or an APPENDUID about another folder: the copies are found by reading
    # the folder's new messages back.
    with behind(dst, LoseAppends(sizes=frozenset({size}), appenduid=appenduid)) as proxy:
        run = migrate(src, dst, tmp_path / "state")
        _sane(run)
        assert proxy.behaviour.lost == [size]  # type: ignore[attr-defined]
        inbox = _folder(run, "INBOX")
        # What was checked, not what was hoped: 6 arrived, the 7th is not counted.
        assert (inbox["copied"], inbox["pending"]) == (6, 1), inbox
        assert run.code != 0, run.out
        assert "accepted 1 messages of the folder INBOX and then did not keep" in run.out
        assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(6))
        # The server keeps it this time: the next run copies it, and only it.
        again = migrate(src, dst, tmp_path / "state")
    _sane(again)
    assert again.code == 0, again.out
    assert _folder(again, "INBOX")["copied"] == 1
    assert _keys(dst, "INBOX") == sorted([f"INBOX-{i}" for i in range(6)] + ["INBOX-odd"])


def test_a_server_that_always_loses_one_append_never_reports_it_copied(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill(src, {"INBOX": 3, "Work": 4})
    size = _odd_one(src, "Work")
    c = dst.client()
    c.create_folder("Elsewhere")
    c.logout()
    with behind(dst, LoseAppends(sizes=frozenset({size}), always=True)):
        runs = [migrate(src, dst, tmp_path / "state") for _ in range(2)]
    for run in runs:
        _sane(run)
        assert run.code != 0, run.out
        work = _folder(run, "Work")
        assert work["pending"] == 1 and work["failed"] == 0, work
        assert "of the folder Work and then did not keep" in run.out
    assert _folder(runs[0], "Work")["copied"] == 4
    assert _folder(runs[1], "Work")["copied"] == 0  # nothing doubled, nothing claimed
    assert _keys(dst, "Work") == sorted(f"Work-{i}" for i in range(4))
    assert _keys(dst, "INBOX") == sorted(f"INBOX-{i}" for i in range(3))
