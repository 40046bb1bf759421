"""Engine codes (errors, per-message reasons, folder notes) in the user's language.

One table for the whole window. Texts use {name} placeholders filled from the code's
parameters; a missing parameter leaves the placeholder out rather than failing.
"""

from __future__ import annotations

import string
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from mailmover.engine import errors

_CTX = "Messages"

_ERRORS: dict[str, str] = {
    errors.HOST_NOT_FOUND: QT_TRANSLATE_NOOP(
        "Messages",
        "The server name {host} could not be found. Check the spelling of the server "
        "and that this computer is connected to the network.",
    ),
    errors.CONNECTION_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} did not accept a connection on port {port}. Check the server "
        "name and port, or ask the help desk whether the server is running.",
    ),
    errors.TIMEOUT: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} did not answer in time. The network may be slow or a "
        "firewall may block it; try again in a moment.",
    ),
    errors.NETWORK: QT_TRANSLATE_NOOP(
        "Messages", "A network problem stopped the connection to {host}."
    ),
    errors.TLS_CERTIFICATE: QT_TRANSLATE_NOOP(
        "Messages",
        "The security certificate of {host} cannot be trusted, so mailmover did not send "
        "your password. Check the server name; if it is right, call the help desk.",
    ),
    errors.TLS_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "A secure connection to {host} could not be set up. Check the port and the "
        "security setting.",
    ),
    errors.STARTTLS_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} does not offer an encrypted connection on this port. Choose "
        "SSL/TLS and port 993.",
    ),
    errors.PLAINTEXT_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "mailmover will not send your password unencrypted to {host}. Choose SSL/TLS.",
    ),
    errors.AUTH_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} did not accept this e-mail address and password. Check both "
        "and try again; the password is case-sensitive.",
    ),
    errors.AUTH_APP_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} wants a client-specific password instead of your normal "
        "password.",
    ),
    errors.AUTH_IMAP_DISABLED: QT_TRANSLATE_NOOP(
        "Messages",
        "IMAP access is switched off for this mailbox on {host}. Switch it on in the "
        "webmail settings, or ask the help desk to do it.",
    ),
    errors.AUTH_UNSAFE_LOGIN: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} blocked the login as unsafe. Log in once in the webmail, then "
        "try again; if it keeps happening, call the help desk.",
    ),
    errors.SERVER_REFUSED: QT_TRANSLATE_NOOP("Messages", "The server {host} refused the request."),
    errors.CONNECTION_LOST: QT_TRANSLATE_NOOP(
        "Messages", "The connection to {host} was lost."
    ),
    errors.FOLDER_CREATE_FAILED: QT_TRANSLATE_NOOP(
        "Messages", "The folder {folder} could not be created in the new mailbox."
    ),
    errors.FOLDER_MISSING: QT_TRANSLATE_NOOP("Messages", "The folder {folder} no longer exists."),
    errors.OVER_QUOTA: QT_TRANSLATE_NOOP(
        "Messages",
        "The new mailbox is full. Free some space there (or ask the help desk for more), "
        "then continue: nothing is copied twice.",
    ),
    errors.BAD_URL: QT_TRANSLATE_NOOP("Messages", "This account address is not valid."),
    errors.STORE_CORRUPT: QT_TRANSLATE_NOOP(
        "Messages",
        "The saved progress file was damaged and has been set aside. Starting again is "
        "safe: nothing is copied twice.",
    ),
    errors.THROTTLED: QT_TRANSLATE_NOOP(
        "Messages", "The server {host} asked mailmover to slow down."
    ),
    errors.UIDVALIDITY_CHANGED: QT_TRANSLATE_NOOP(
        "Messages",
        "The old server rebuilt the folder {folder}; mailmover checks it again from the "
        "start (nothing is copied twice).",
    ),
}

_REASONS: dict[str, str] = {
    errors.MESSAGE_TOO_LARGE: QT_TRANSLATE_NOOP("Messages", "Too large for the new mailbox"),
    errors.MESSAGE_REJECTED: QT_TRANSLATE_NOOP("Messages", "Refused by the new mailbox"),
    errors.MESSAGE_VANISHED: QT_TRANSLATE_NOOP(
        "Messages", "Deleted from the old mailbox during the move"
    ),
    errors.MESSAGE_SKIPPED_SIZE: QT_TRANSLATE_NOOP(
        "Messages", "Larger than the size you chose to move"
    ),
}

_FOLDER_NOTES: dict[str, str] = {
    "quarantine": QT_TRANSLATE_NOOP("Messages", "Virus quarantine: not moved unless you tick it"),
    "virtual": QT_TRANSLATE_NOOP(
        "Messages", "A view of other folders: moving it would double mail"
    ),
    "user": QT_TRANSLATE_NOOP("Messages", "Left out by your choice"),
}

_ROLES: dict[str, str] = {
    "inbox": QT_TRANSLATE_NOOP("Messages", "Inbox"),
    "sent": QT_TRANSLATE_NOOP("Messages", "Sent"),
    "drafts": QT_TRANSLATE_NOOP("Messages", "Drafts"),
    "trash": QT_TRANSLATE_NOOP("Messages", "Deleted"),
    "junk": QT_TRANSLATE_NOOP("Messages", "Junk"),
    "archive": QT_TRANSLATE_NOOP("Messages", "Archive"),
}

_APP_PASSWORD_STEPS = QT_TRANSLATE_NOOP(
    "Messages",
    "<b>How to get a client-specific password in Tencent Exmail:</b><ol>"
    "<li>Open the new webmail and log in.</li>"
    "<li>Go to <i>Settings → Client settings</i> (设置 → 客户端设置) and switch on "
    "IMAP/SMTP service; tick <i>Fetch my folders</i> and choose to fetch <i>all</i> mail, "
    "not only the last 30 days.</li>"
    "<li>Go to <i>Settings → Account → Secure login</i> (账户安全 → 安全登录), switch it on, "
    "and choose <i>Generate new password</i> (生成新密码).</li>"
    "<li>Copy that password into the password field here and press Check again.</li>"
    "</ol>If IMAP cannot be switched on, your institution's administrator has to enable "
    "it for members: call the help desk.",
)

# Strings used through _tr() below, registered for lupdate.
_LITERALS = (
    QT_TRANSLATE_NOOP("Messages", "Something unexpected happened ({code})."),
    QT_TRANSLATE_NOOP("Messages", "about {n} hours"),
    QT_TRANSLATE_NOOP("Messages", "about {n} minutes"),
    QT_TRANSLATE_NOOP("Messages", "less than a minute"),
    QT_TRANSLATE_NOOP("Messages", "{value} GB"),
    QT_TRANSLATE_NOOP("Messages", "{value} KB"),
    QT_TRANSLATE_NOOP("Messages", "{value} MB"),
)


class _Lenient(string.Formatter):
    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "")
        return super().get_value(key, args, kwargs)


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return _Lenient().format(template, **params)
    except (ValueError, IndexError):
        return template


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def error_text(code: str, params: dict[str, Any] | None = None) -> str:
    """One plain sentence for an error code (falls back to the code itself)."""
    template = _ERRORS.get(code)
    if template is None:
        return _fill(_tr("Something unexpected happened ({code})."), {"code": code})
    return _fill(_tr(template), params or {})


def error_help(code: str) -> str:
    """Extra steps (rich text) for codes where the user can fix it themselves."""
    if code == errors.AUTH_APP_PASSWORD:
        return _tr(_APP_PASSWORD_STEPS)
    return ""


def exception_text(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    if code:
        return error_text(code, getattr(exc, "params", {}))
    return _fill(_tr("Something unexpected happened ({code})."), {"code": type(exc).__name__})


def reason_text(code: str) -> str:
    template = _REASONS.get(code) or _ERRORS.get(code)
    return _tr(template) if template else code


def folder_note(reason: str) -> str:
    template = _FOLDER_NOTES.get(reason)
    return _tr(template) if template else ""


def role_name(role: str | None) -> str:
    template = _ROLES.get(role or "")
    return _tr(template) if template else ""


def size_text(n: int | None) -> str:
    n = n or 0
    if n >= 1024**3:
        return _fill(_tr("{value} GB"), {"value": f"{n / 1024**3:.1f}"})
    if n >= 1024**2:
        return _fill(_tr("{value} MB"), {"value": f"{n / 1024**2:.1f}"})
    return _fill(_tr("{value} KB"), {"value": f"{max(n, 0) / 1024:.0f}"})


def duration_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _tr("less than a minute")
    minutes = round(seconds / 60)
    if minutes < 90:
        return _fill(_tr("about {n} minutes"), {"n": minutes})
    return _fill(_tr("about {n} hours"), {"n": f"{seconds / 3600:.1f}"})


def fill(template: str, **params: Any) -> str:
    """Fill an already-translated template (pages use self.tr(...) then this)."""
    return _fill(template, params)
