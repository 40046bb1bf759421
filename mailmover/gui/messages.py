"""Engine codes (errors, per-message reasons, folder notes) in the user's language.

One table for the whole window. Texts use {name} placeholders filled from the code's
parameters; a missing parameter leaves the placeholder out rather than failing.
"""

from __future__ import annotations

import ast
import email.utils
import re
import string
from typing import Any

from PySide6.QtCore import QCoreApplication

from mailmover import doctor
from mailmover.engine import errors
from mailmover.gui.i18n import QT_TRANSLATE_NOOP

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
    errors.MOVE_IN_PROGRESS: QT_TRANSLATE_NOOP(
        "Messages",
        "Another move into the new mailbox {target} is already running (started {since} "
        "by {holder}). Only one move at a time can fill a mailbox: wait until it has "
        "finished, or stop it there, then try again.",
    ),
    errors.DISK_FULL: QT_TRANSLATE_NOOP(
        "Messages",
        "This computer's disk is full ({path}). Free some space (empty the recycle bin, "
        "delete large downloads), then continue: nothing is copied twice.",
    ),
    errors.STATE_READ_ONLY: QT_TRANSLATE_NOOP(
        "Messages",
        "mailmover cannot save its progress in {path} ({detail}). Ask the help desk to "
        "check the permissions of that folder.",
    ),
    errors.CA_FILE_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "The security certificate file {path} set up for this computer is missing or "
        "cannot be read. Ask the help desk to check the installation.",
    ),
    errors.BAD_SERVER_DATA: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} sent something that cannot be right, so this folder was left "
        "out. The help desk can look at the details.",
    ),
    errors.INTERNAL: QT_TRANSLATE_NOOP(
        "Messages",
        "mailmover ran into an error of its own. Nothing was lost. Please save the "
        "help-desk file (the Help-desk view button) and send it to the help desk.",
    ),
    errors.THROTTLED: QT_TRANSLATE_NOOP(
        "Messages", "The server {host} asked mailmover to slow down."
    ),
    errors.FOLDER_RENAMED: QT_TRANSLATE_NOOP(
        "Messages",
        "The old folder {folder} is now called {now}. Its mail stays in {target} in the new "
        "mailbox, so nothing is copied twice.",
    ),
    errors.FOLDER_RELOCATED: QT_TRANSLATE_NOOP(
        "Messages",
        "The new mailbox does not allow the folder {folder} at the top level, so mailmover "
        "created it as {target}.",
    ),
    errors.FEWER_CONNECTIONS: QT_TRANSLATE_NOOP(
        "Messages",
        "The server allowed fewer connections at once than mailmover asked for. The move "
        "goes on with fewer; it may take a little longer.",
    ),
    errors.FOLDER_NAME_TAKEN: QT_TRANSLATE_NOOP(
        "Messages",
        "The old folder {folder} would have gone into {planned} together with another "
        "folder, so it goes to {target} instead.",
    ),
    errors.FOLDER_RECOGNISED: QT_TRANSLATE_NOOP(
        "Messages",
        "The old folder {folder} was moved before under another name; its mail stays in "
        "{target} in the new mailbox, so nothing is copied twice.",
    ),
    errors.FOLDER_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The old server would not open the folder {folder} ({detail}), so it was left "
        "out; the other folders are moved.",
    ),
    errors.DATES_NOT_KEPT: QT_TRANSLATE_NOOP(
        "Messages",
        "The new mailbox did not keep the received date of {count} messages in the folder "
        "{folder}; mail programs there may sort them by the day they were moved.",
    ),
    errors.FLAGS_NOT_KEPT: QT_TRANSLATE_NOOP(
        "Messages",
        "The new mailbox cannot keep the labels {flags} of the folder {folder}; those "
        "messages were copied without them.",
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

# Pre-flight findings (mailmover.doctor). Size parameters arrive already formatted.
_FINDINGS: dict[str, str] = {
    doctor.LOGIN_OK + ":source": QT_TRANSLATE_NOOP(
        "Messages", "Logged in to the old mailbox {user} on {host}."),
    doctor.LOGIN_OK + ":target": QT_TRANSLATE_NOOP(
        "Messages", "Logged in to the new mailbox {user} on {host}."),
    doctor.LOGIN_FAILED + ":source": QT_TRANSLATE_NOOP(
        "Messages", "Could not log in to the old mailbox {user} on {host}: {reason}"),
    doctor.LOGIN_FAILED + ":target": QT_TRANSLATE_NOOP(
        "Messages", "Could not log in to the new mailbox {user} on {host}: {reason}"),
    doctor.FOLDERS: QT_TRANSLATE_NOOP(
        "Messages", "Folders to move: {folders}; messages: {messages}; size: {size}."),
    doctor.QUOTA_OK: QT_TRANSLATE_NOOP(
        "Messages", "Enough space: the new mailbox has {free} free and the move needs at "
        "most {needed}."),
    doctor.QUOTA_TIGHT: QT_TRANSLATE_NOOP(
        "Messages", "The new mailbox has {free} free and the move needs up to {needed}: it "
        "will be nearly full."),
    doctor.QUOTA_SHORT: QT_TRANSLATE_NOOP(
        "Messages", "Not enough space: the new mailbox has only {free} free ({used} of "
        "{limit} used), but the move needs up to {needed}."),
    doctor.QUOTA_UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages", "The new server reports no storage limit for this mailbox."),
    doctor.SIZE_OK: QT_TRANSLATE_NOOP(
        "Messages", "The largest message ({largest}) is within the new mailbox's limit "
        "({limit})."),
    doctor.SIZE_NO_LIMIT: QT_TRANSLATE_NOOP(
        "Messages", "The largest message is {largest}; the new server sets no size limit "
        "for messages."),
    doctor.SIZE_TOO_LARGE + ":one": QT_TRANSLATE_NOOP(
        "Messages", "1 message is larger than the new mailbox accepts ({limit}): {largest} "
        "in {folder}."),
    doctor.SIZE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages", "{count} messages are larger than the new mailbox accepts ({limit}); "
        "the largest is {largest} in {folder}."),
    doctor.VIEW_OK: QT_TRANSLATE_NOOP(
        "Messages", "Older mail will be visible in the new mailbox: a test message dated "
        "{date} could be seen."),
    doctor.VIEW_RESTRICTED: QT_TRANSLATE_NOOP(
        "Messages", "The new mailbox hides older mail from mail programs: a test message "
        "dated {date} was stored but could not be seen."),
    doctor.VIEW_FOLDERS_HIDDEN: QT_TRANSLATE_NOOP(
        "Messages", "The new mailbox hides your own folders from mail programs: a test "
        "folder was created but does not appear in the folder list."),
    doctor.VIEW_PROBE_FAILED: QT_TRANSLATE_NOOP(
        "Messages", "The visibility test could not run in the new mailbox ({detail})."),
    doctor.PROBE_LEFTOVER: QT_TRANSLATE_NOOP(
        "Messages", "The test folder {folder} could not be removed from the new mailbox."),
    doctor.CREATE_REFUSED: QT_TRANSLATE_NOOP(
        "Messages", "The new mailbox would not let mailmover create a folder ({folder}): "
        "your folders other than the inbox could not be moved. The server said: {detail}"),
    doctor.NAMESPACE: QT_TRANSLATE_NOOP(
        "Messages", "On this server your own folders live under {prefix}; mailmover reads "
        "and creates them there (for example {example})."),
}

_FINDING_FIXES: dict[str, str] = {
    doctor.LOGIN_FAILED: QT_TRANSLATE_NOOP(
        "Messages", "Go back to the page of that mailbox and check the address and "
        "password."),
    doctor.QUOTA_TIGHT: QT_TRANSLATE_NOOP(
        "Messages", "Ask the IT office for more space, or untick folders you do not need "
        "(for example Deleted or Junk)."),
    doctor.QUOTA_SHORT: QT_TRANSLATE_NOOP(
        "Messages", "Ask the IT office to raise the quota of the new mailbox to at least "
        "{suggest}, or untick large folders you do not need (Deleted, Junk). If you start "
        "anyway, the move stops when the mailbox is full and can continue later."),
    doctor.SIZE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "Messages", "Such messages are kept on this computer as .eml files instead. To "
        "keep them online, save their attachments to the cloud drive or send them again "
        "through the file transfer station."),
    doctor.VIEW_RESTRICTED: QT_TRANSLATE_NOOP(
        "Messages", "In the new webmail open Settings → Client settings (设置 → 客户端设置), "
        "set “Receive mail” (收取邮件) to “All” (全部) instead of “last 30 days”, save, then "
        "click “Check again”."),
    doctor.VIEW_FOLDERS_HIDDEN: QT_TRANSLATE_NOOP(
        "Messages", "In the new webmail open Settings → Client settings (设置 → 客户端设置), "
        "tick “Receive my folders” (收取我的文件夹), save, then click “Check again”."),
    doctor.VIEW_PROBE_FAILED: QT_TRANSLATE_NOOP(
        "Messages", "Make sure this account may create folders over IMAP: the move needs "
        "that too."),
    doctor.PROBE_LEFTOVER: QT_TRANSLATE_NOOP(
        "Messages", "Delete the folder {folder} in the webmail; it holds only a test "
        "message."),
    doctor.CREATE_REFUSED: QT_TRANSLATE_NOOP(
        "Messages", "Ask the IT office to allow this mailbox to create folders for mail "
        "programs (IMAP). The inbox can still be moved."),
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
    QT_TRANSLATE_NOOP("Messages", "about 1 minute"),
    QT_TRANSLATE_NOOP("Messages", "less than a minute"),
    QT_TRANSLATE_NOOP("Messages", "<1 KB"),
    QT_TRANSLATE_NOOP("Messages", "{value} GB"),
    QT_TRANSLATE_NOOP("Messages", "{value} KB"),
    QT_TRANSLATE_NOOP("Messages", "{value} MB"),
    QT_TRANSLATE_NOOP("Messages", "Help desk: {contact}"),
)


# Plain words for what the TLS library says (the text in brackets of "[SSL: …]").
_SSL_WORDS: dict[str, str] = {
    "WRONG_VERSION_NUMBER": QT_TRANSLATE_NOOP(
        "Messages", "the server did not answer with encryption on this port (the port or "
        "the security setting is probably wrong)"),
    "CERTIFICATE_VERIFY_FAILED": QT_TRANSLATE_NOOP(
        "Messages", "the server's security certificate could not be verified"),
    "UNSUPPORTED_PROTOCOL": QT_TRANSLATE_NOOP(
        "Messages", "the server only offers an old, unsafe kind of encryption"),
    "TLSV1_ALERT_PROTOCOL_VERSION": QT_TRANSLATE_NOOP(
        "Messages", "the server only offers an old, unsafe kind of encryption"),
    "SSLV3_ALERT_HANDSHAKE_FAILURE": QT_TRANSLATE_NOOP(
        "Messages", "the server and this computer found no kind of encryption in common"),
    "UNEXPECTED_EOF_WHILE_READING": QT_TRANSLATE_NOOP(
        "Messages", "the server closed the connection while it was being secured"),
}
_SSL_OTHER = QT_TRANSLATE_NOOP("Messages", "the secure connection could not be set up")
_SSL_RE = re.compile(r"\[SSL(?:: ?([A-Z0-9_]+))?\][^(]*(?:\(_ssl\.c:\d+\))?")
_BYTES_RE = re.compile(r"""\bb(['"])((?:\\.|(?!\1).)*)\1""")


def server_answer(detail: object) -> str:
    """What a server or the network said, as readable text: b'…' literals decoded, the
    TLS library's "[SSL: WRONG_VERSION_NUMBER] … (_ssl.c:1006)" put in plain words."""
    if isinstance(detail, bytes):
        text = detail.decode("utf-8", "replace")
    else:
        text = str(detail or "")

    def unbytes(m: re.Match[str]) -> str:
        try:
            value = ast.literal_eval(m.group(0))
        except (ValueError, SyntaxError):
            return m.group(2)
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else m.group(2)

    text = _BYTES_RE.sub(unbytes, text)

    def ssl_words(m: re.Match[str]) -> str:
        template = _SSL_WORDS.get(m.group(1) or "")
        return _tr(template or _SSL_OTHER)

    text = _SSL_RE.sub(ssl_words, text)
    return " ".join(text.split()).strip(" ;:")


def date_text(raw: object) -> str:
    """A message's Date header as "2025-04-13 08:00" (its own time zone); the raw text
    when it cannot be read, and "" for none."""
    text = str(raw or "").strip()
    if not text:
        return ""
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return text
    return when.strftime("%Y-%m-%d %H:%M")


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
    return _fill(_tr("Help desk: {contact}"), {"contact": contact}) if contact else ""


_PLAIN_PARAMS = {"detail", "reason"}
_ACCOUNT_PARAMS = {"target", "source", "account"}


def plain_params(params: dict[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for key in _PLAIN_PARAMS & out.keys():
        out[key] = server_answer(out[key])
    for key in _ACCOUNT_PARAMS & out.keys():
        out[key] = account_label(out[key])
    return out


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
    template = _ERRORS.get(code) or _REASONS.get(code)
    if template is None:
        return _fill(_tr("Something unexpected happened ({code})."), {"code": code})
    return _fill(_tr(template), plain_params(params or {}))


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


def folder_label(name: str, role: str | None = None) -> str:
    """What people call a folder: "Inbox"/"收件箱" for INBOX, the role's everyday name for
    Sent/Drafts/Deleted/Junk, else its path as the server has it."""
    if name.upper() == "INBOX":
        role = "inbox"
    return role_name(role) or name


def plural(n: int, one: str, many: str) -> str:
    """Pick the English singular or plural of an already translated "{n} …" template
    (Chinese translates both to the same text)."""
    return (one if n == 1 else many).replace("{n}", str(n))


def size_text(n: int | None) -> str:
    n = max(n or 0, 0)
    if n >= 1024**3:
        return _fill(_tr("{value} GB"), {"value": f"{n / 1024**3:.1f}"})
    if n >= 1024**2 or round(n / 1024) >= 1024:
        return _fill(_tr("{value} MB"), {"value": f"{n / 1024**2:.1f}"})
    if 0 < n < 1024:
        return _tr("<1 KB")
    return _fill(_tr("{value} KB"), {"value": f"{n / 1024:.0f}"})


_SIZE_PARAMS = ("free", "needed", "used", "limit", "largest", "size", "suggest")


def finding_key(finding: doctor.Finding) -> str:
    code = finding.code
    if code in (doctor.LOGIN_OK, doctor.LOGIN_FAILED):
        return f"{code}:{finding.params.get('side', '')}"
    if code == doctor.SIZE_TOO_LARGE and finding.params.get("count") == 1:
        return code + ":one"
    return code


def finding_text(finding: doctor.Finding) -> tuple[str, str]:
    """(what was found, how to fix it) as plain text in the UI language; doctor's English
    for codes this window does not know yet."""
    template = _FINDINGS.get(finding_key(finding))
    if template is None:
        return finding.english(), finding.fix_english()
    params: dict[str, Any] = dict(finding.params)
    for key in _SIZE_PARAMS:
        if isinstance(params.get(key), int):
            params[key] = size_text(params[key])
    if "folder" in params:
        params["folder"] = folder_label(str(params["folder"]))
    if "detail" in params:
        params["detail"] = server_answer(params["detail"])
    error = str(params.get("error", "") or "")
    if error:
        params["reason"] = error_text(error, params)
    text = _fill(_tr(template), params)
    fix_template = _FINDING_FIXES.get(finding.code)
    fix = _fill(_tr(fix_template), params) if fix_template else ""
    return text, fix


def duration_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _tr("less than a minute")
    minutes = round(seconds / 60)
    if minutes == 1:
        return _tr("about 1 minute")
    if minutes < 90:
        return _fill(_tr("about {n} minutes"), {"n": minutes})
    return _fill(_tr("about {n} hours"), {"n": f"{seconds / 3600:.1f}"})


def fill(template: str, **params: Any) -> str:
    """Fill an already-translated template (pages use self.tr(...) then this)."""
    return _fill(template, params)
