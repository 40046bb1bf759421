"""Folder names with invisible characters in the folders table (issue 26): DEL, bidi
and zero-width characters are shown escaped, and a name left unedited goes to the new
mailbox exactly as it is (Qt draws `a<DEL>b` as `ab`: it looked renamed)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mailmover.engine.folders import FolderMapping
from mailmover.gui.pages.folders import COL_MOVE, COL_SOURCE, COL_TARGET


def test_invisible_characters_are_shown_and_kept(qtbot, make_wizard):
    w = make_wizard()
    s = w.session
    names = ["a\x7fb", "\u202etxt.exe", "zero\u200bwidth"]
    s.mappings = [FolderMapping(n, n, messages=1) for n in names]
    page = w.folders
    page._fill(s.mappings)
    page.loaded = True
    shown = [(page.table.item(r, COL_SOURCE).text(), page.table.item(r, COL_TARGET).text())
             for r in range(3)]  # fmt: skip
    assert shown == [("a\\x7fb",) * 2, ("\\u202etxt.exe",) * 2, ("zero\\u200bwidth",) * 2]
    # Unticking a row (or any other change) leaves the exact names in place ...
    page.table.item(0, COL_MOVE).setCheckState(Qt.CheckState.Unchecked)
    page.table.item(1, COL_TARGET).setText(page.table.item(1, COL_TARGET).text())
    assert [m.target for m in s.mappings] == names
    # ... and a name the user types is taken as typed.
    page.table.item(2, COL_TARGET).setText("zerowidth")
    assert s.mappings[2].target == "zerowidth"
