"""CSV and terminal injection (issue 26): one CSV writer neutralises formulas; lines for
people escape control, bidi and zero-width characters."""

from __future__ import annotations

import csv
import io

from mailmover.batch.runner import AccountResult
from mailmover.batch.summary import to_csv
from mailmover.cli import Output


def test_the_batch_summary_neutralises_formulas_and_escapes_controls():
    r = AccountResult(2, "=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", first_error=
                      "-1+cmd|' /C calc'!A0\r\nline2,\x1b[31mred\u202efdp.exe")  # fmt: skip
    rows = list(csv.reader(io.StringIO(to_csv([r]))))
    assert len(rows) == 2  # the CR/LF did not make a row
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["source_user"].startswith("'=") and row["target_user"].startswith("'@")
    assert row["first_error"].startswith("'-1+cmd")
    assert "\x1b" not in row["first_error"] and "\\x1b" in row["first_error"]
    assert "\u202e" not in row["first_error"] and "\\u202e" in row["first_error"]
    assert row["line"] == "2" and row["copied"] == "0"


def test_terminal_lines_escape_controls_bidi_and_zero_width():
    out = io.StringIO()
    Output(out, io.StringIO()).say("Folder \u202eexe.txt\u200b \x1b]0;pwned\x07 a\rb\nnext")
    text = out.getvalue()
    assert "\u202e" not in text and "\u200b" not in text and "\x1b" not in text
    assert "\r" not in text and "\\u202e" in text and "\\x0d" in text
    assert text.endswith("\nnext\n")  # our own line breaks stay


def test_contacts_keep_their_rule():
    from mailmover.contacts.injection import neutralise

    assert neutralise("+86 138 0013 8000") == ("+86 138 0013 8000", False)
    assert neutralise("=1+1") == ("'=1+1", True)



def test_log_lines_escape_what_a_server_or_folder_name_holds(monkeypatch):
    """The CLI's log handler (--verbose): a folder name cannot clear the screen, fake a
    line or reverse the text after it."""
    import logging

    from mailmover.cli import main

    err = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers.clear()  # pytest's own handler would make basicConfig a no-op
    try:
        monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "a")
        monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "b")
        main(["verify", "imap+plain://a@127.0.0.1:1", "imap+plain://b@127.0.0.1:1",
              "--timeout", "1"], Output(io.StringIO(), err))  # fmt: skip
        logging.getLogger("mailmover.t").warning("folder %s", "a\x1b[2J\r\nFAKE\u202eb")
    finally:
        mine = [h for h in root.handlers if h not in saved]
        root.handlers[:] = saved
    assert mine, "main() installed no log handler"
    [line] = [x for x in err.getvalue().splitlines() if "mailmover.t" in x]
    assert line.endswith("folder a\\x1b[2J\\x0d\\x0aFAKE\\u202eb"), line
    assert "\x1b" not in err.getvalue() and "\u202e" not in err.getvalue()
