"""The check shows its progress (issue 27): folder n of N, a bar, the time left, and each
folder's result as soon as that folder is checked; Next and Save wait for the end."""

from __future__ import annotations

from dataclasses import replace

from mailmover.engine import CheckProgress, FolderCheck
from mailmover.gui.app import MOVING, REPORT
from tests.gui.conftest import fill_mailbox, shoot
from tests.gui.drive import click_next, to_folders
from tests.gui.test_report import RESULT

FOLDERS = {"INBOX": 60, "已发送": 20, "课题组": 10}


def test_the_check_shows_folder_n_of_n_and_results_as_they_come(
        qtbot, make_wizard, make_account, coremail_server, exmail_server):
    source, target = make_account(coremail_server), make_account(exmail_server)
    fill_mailbox(source, FOLDERS)
    w = make_wizard()
    to_folders(qtbot, w, source, target)
    click_next(qtbot, w)
    assert w.currentId() == MOVING
    qtbot.waitUntil(lambda: w.moving.isComplete(), timeout=60000)
    page = w.report_page
    seen: list[tuple[CheckProgress, str, bool, bool, list[str]]] = []

    def look(p: CheckProgress) -> None:  # the page as it is when each report arrived
        results = [page.table.item(r, RESULT).text() for r in range(page.table.rowCount())]
        seen.append((p, page.check_status.text(), page.check_bar.isVisible(),
                     page.save_button.isEnabled() or page.isComplete(), results))

    page.check_progressed.connect(look)
    click_next(qtbot, w)
    assert w.currentId() == REPORT
    qtbot.waitUntil(lambda: page.isComplete(), timeout=30000)
    assert seen, "no progress shown"
    assert [p.index for p, *_ in seen] == sorted(p.index for p, *_ in seen)
    assert {p.index for p, *_ in seen} == {1, 2, 3} and {p.folders for p, *_ in seen} == {3}
    for p, status, bar, done, _results in seen:
        assert f"Folder {p.index} of 3" in status
        assert bar and not done  # Save and Next wait for the end of the check
    # When the second folder begins, the first already shows its result, the third waits.
    p, _status, _bar, _done, results = next(s for s in seen if s[0].index == 2)
    assert results[0] == "✔ complete" and results[2] == "to check"
    assert "checking…" in results[1]
    # Ended: the bar and the line are gone, every folder has its result.
    last = seen[-1][0]
    assert isinstance(last.finished, FolderCheck) and last.finished.ok
    # Read in the new mailbox only: the move hashed what it read in the old one.
    assert last.done == last.total == sum(FOLDERS.values())
    assert not page.check_bar.isVisible() and not page.check_status.isVisible()
    assert [page.table.item(r, RESULT).text() for r in range(3)] == ["✔ complete"] * 3
    assert page.save_button.isEnabled()
    # The time left, where the engine knows it, in both languages.
    page.checking = True
    page._progressed(replace(last, index=2, done=40, eta_seconds=150.0, finished=None))
    assert "Folder 2 of 3" in page.check_status.text()
    assert "about 2 minutes left" in page.check_status.text()
    assert page.check_bar.value() == 40 and page.check_bar.maximum() == last.total
    shoot(w, "check-progress-en")
    w.set_language("zh_CN")
    page._progressed(replace(last, index=2, done=40, eta_seconds=150.0, finished=None))
    assert "第 2 个文件夹，共 3 个" in page.check_status.text(), page.check_status.text()
    shoot(w, "check-progress-zh_CN")
    page.checking = False
