"""A destination that refuses to create top-level folders (as Exmail may)."""

from __future__ import annotations

from dataclasses import replace

from mailmover.engine import errors
from mailmover.engine.events import Warning
from mailmover.engine.transfer import MoveOptions
from tests.support.faultproxy import REFUSE, Fault, FaultProxy
from tests.support.mailbox import client, count, message
from tests.support.moves import run_move

# A CREATE of a top-level name (no "/" in it), as the client sends it.
TOP_LEVEL_CREATE = rb'^\S+ CREATE "?[^/"\s]+"?\r?\n$'


def _move(src, dst, path):
    return run_move(src, dst, path, MoveOptions(connections=2))


def test_refused_top_level_folder_goes_under_the_user_folder_parent(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("课题组")
    for i in range(5):
        c.append("课题组", message(i))
    c.append("INBOX", message(9))
    d = client(exmail_server, dst.user, dst.password)
    d.create_folder("其他文件夹/占位")  # Exmail keeps user folders under 其他文件夹 (\Noselect)
    refuse = Fault(
        REFUSE,
        TOP_LEVEL_CREATE,
        direction="c2s",
        repeat=100,
        reply="NO [CANNOT] Folders must be created under 其他文件夹".encode(),
    )
    with FaultProxy(exmail_server.port, [refuse]) as proxy:
        target = replace(dst.account(), port=proxy.port)
        report, events = _move(src.account(), target, tmp_path / "j.sqlite")
        assert proxy.injected >= 1
        moved = [e for e in events if isinstance(e, Warning) and e.code == errors.FOLDER_RELOCATED]
        assert moved and moved[0].params == {"folder": "课题组", "target": "其他文件夹/课题组"}
        folder = next(f for f in report.folders if f.source == "课题组")
        assert (folder.target, folder.copied) == ("其他文件夹/课题组", 5)
        assert count(d, "其他文件夹/课题组") == 5 and not d.folder_exists("课题组")
        # A rerun (and verify's plan) finds it there: nothing copied twice.
        again, _ = _move(src.account(), target, tmp_path / "j.sqlite")
        folder = next(f for f in again.folders if f.source == "课题组")
        assert (folder.target, folder.present, folder.copied) == ("其他文件夹/课题组", 5, 0)


def test_folder_that_cannot_be_created_fails_its_messages_and_the_move_goes_on(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "s")
    dst = make_account(exmail_server, "d")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("课题组")
    for i in range(3):
        c.append("课题组", message(i))
    c.append("INBOX", message(9))
    refuse = Fault(
        REFUSE, TOP_LEVEL_CREATE, direction="c2s", repeat=100, reply=b"NO [NOPERM] Not allowed"
    )
    with FaultProxy(exmail_server.port, [refuse]) as proxy:
        report, events = _move(
            src.account(), replace(dst.account(), port=proxy.port), tmp_path / "j.sqlite"
        )
    assert any(isinstance(e, Warning) and e.code == errors.FOLDER_CREATE_FAILED for e in events)
    folder = next(f for f in report.folders if f.source == "课题组")
    assert (folder.source_count, folder.failed, folder.copied) == (3, 3, 0)
    assert {x.reason for x in folder.failures} == {errors.FOLDER_CREATE_FAILED}
    assert "Not allowed" in folder.failures[0].detail
    inbox = next(f for f in report.folders if f.source == "INBOX")
    assert inbox.copied == 1
    assert not report.ok and not report.stopped_reason
