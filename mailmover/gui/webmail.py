"""Which webmail page the account pages open, from the institution profile."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def webmail_url(session: Any, side: str) -> str:
    """The old webmail for the old mailbox. For the new one: where its first password is
    changed, i.e. the profile's password page only when it is on the new system (an old
    profile may point it at the old system's page), else the new webmail."""
    if side == "source":
        return str(session.profile_value("old_webmail") or "")
    new = str(session.profile_value("new_webmail") or "")
    change = str(session.profile_value("password_change_url") or "")
    old = str(session.profile_value("old_webmail") or "")
    if change and (not old or _host(change) != _host(old)):
        return change
    return new or "https://exmail.qq.com"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
