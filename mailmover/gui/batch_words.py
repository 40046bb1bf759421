"""A batch account in plain words of the UI language: its state, its first problem (the
batch writes English and a code) and its time as a clock."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from mailmover.batch.runner import STATES
from mailmover.gui.i18n import QT_TRANSLATE_NOOP
from mailmover.gui.messages import error_text, fill, folder_label, reason_text, server_answer

# The batch view's context: these texts are translated as part of that window.
_CTX = "BatchSummaryView"

# An account's state (runner.STATES) in plain words.
STATE_WORDS: dict[str, str] = {
    "failed": QT_TRANSLATE_NOOP("BatchSummaryView", "Could not start"),
    "stopped": QT_TRANSLATE_NOOP("BatchSummaryView", "Stopped early – run again"),
    "incomplete": QT_TRANSLATE_NOOP("BatchSummaryView", "Finished with problems"),
    "cancelled": QT_TRANSLATE_NOOP("BatchSummaryView", "Interrupted – run again"),
    "running": QT_TRANSLATE_NOOP("BatchSummaryView", "Still running"),
    "pending": QT_TRANSLATE_NOOP("BatchSummaryView", "Not started yet"),
    "done": QT_TRANSLATE_NOOP("BatchSummaryView", "Done"),
}
# Worst first, as runner.STATES lists them.
STATE_RANK = {s: i for i, s in enumerate(STATES)}

_MESSAGE_ERROR = re.compile(r"^(?P<folder>.*) UID \d+: ")
_VERIFY_ERROR = re.compile(r"^verification: (?P<missing>\d+) missing, (?P<dup>\d+) duplicated")


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def state_text(state: str) -> str:
    template = STATE_WORDS.get(state)
    return _t(template) if template else state


def duration_clock(seconds: float) -> str:
    """ "0:07", "12:30", "1:02:03": the same in every language."""
    s = max(int(round(seconds)), 0)
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def _hosts(batch: dict[str, Any]) -> list[str]:
    out = []
    for key in ("source", "target"):
        try:
            host = urlsplit(str(batch.get(key, ""))).hostname
        except ValueError:
            host = None
        if host:
            out.append(host)
    return out


def first_error_text(row: dict[str, Any], batch: dict[str, Any]) -> str:
    """An account's first problem in plain words of the UI language (the batch writes
    English; its code says what it was)."""
    english = str(row.get("first_error") or "")
    code = str(row.get("error_code") or "")
    verify = _VERIFY_ERROR.match(english)
    if verify:
        return fill(
            QCoreApplication.translate(
                "BatchSummaryView",
                "The check after the move found {missing} missing and {dup} doubled messages.",
            ),
            missing=verify["missing"],
            dup=verify["dup"],
        )
    if not code:
        return server_answer(english)
    where = _MESSAGE_ERROR.match(english)
    if where:  # one message failed: "FOLDER UID n: …"
        return fill(
            QCoreApplication.translate("BatchSummaryView", "{folder}: {reason}"),
            folder=folder_label(where["folder"]),
            reason=reason_text(code),
        )
    host = next((h for h in _hosts(batch) if h in english), "")
    return " ".join(error_text(code, {"host": host}).split())
