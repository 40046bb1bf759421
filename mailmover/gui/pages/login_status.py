"""What the account page says after checking a login: checking, ok, or what failed with
the server's own words, the steps the user can take and the help desk."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from mailmover.gui.messages import error_help, exception_text, fill, helpdesk_text, server_answer
from mailmover.gui.server_suggestion import SERVER_CODES

# Texts keep the page's context ("AccountPage"): the .ts has them there.


def status_html(code: str | None, exc: BaseException | None, session: Any) -> str:
    """The status as rich text; `code` is None (not checked yet), "checking", "ok" or the
    failure's code, with `exc` the failure."""
    if code is None:
        return ""
    if code == "checking":
        return QCoreApplication.translate("AccountPage", "Checking the login…")
    if code == "ok":
        return "<span style='color:#1b7a2b'>✔ " + QCoreApplication.translate(
            "AccountPage", "Logged in successfully. Click Next to continue.") + "</span>"
    assert exc is not None
    text = "<span style='color:#b00020'>✘ " + html.escape(exception_text(exc))
    text += "</span>"
    extra = error_help(code)
    if extra:
        text += "<br>" + extra
    detail = server_answer(getattr(exc, "params", {}).get("detail", ""))
    if detail:
        said = (QCoreApplication.translate("AccountPage", "Details: {detail}")
                if code in SERVER_CODES else
                QCoreApplication.translate("AccountPage", "The server said: {detail}"))
        text += "<br><small>" + fill(said, detail=html.escape(detail)) + "</small>"
    desk = helpdesk_text(session)
    if desk:
        text += "<br>" + html.escape(desk)
    return text


def plain(rich: str) -> str:
    """Rich text as a screen reader should say it (no markup)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rich)).split())
