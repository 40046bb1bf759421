"""Accounts and the help desk as people know them."""

from __future__ import annotations

from typing import Any

from mailmover.gui.i18n import QT_TRANSLATE_NOOP

from .templates import fill_params, translated

# Used through translated() below, registered for lupdate.
_LITERALS = (QT_TRANSLATE_NOOP("Messages", "Help desk: {contact}"),)


def account_label(key: object) -> str:
    """An account as people know it: "zhang.wei@uni.edu.cn (mail.uni.edu.cn)", not the
    progress store's "zhang.wei@uni.edu.cn@mail.uni.edu.cn:993"."""
    text = str(key or "")
    user, sep, server = text.rpartition("@")
    host, colon, port = server.rpartition(":")
    if not sep or not user or not (colon and port.isdigit()):
        return text  # an e-mail address, not a key
    return f"{user} ({host})"


def helpdesk_text(session: Any) -> str:
    """"Help desk: 010-12345678 · helpdesk@uni.edu.cn" from the profile, or ""."""
    phone = session.profile_value("helpdesk_phone") if session is not None else None
    mail = session.profile_value("helpdesk_email") if session is not None else None
    contact = " · ".join(str(x) for x in (phone, mail) if x)
    return fill_params(translated("Help desk: {contact}"), {"contact": contact}) if contact else ""
