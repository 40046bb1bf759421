"""Pre-flight findings (mailmover.doctor) and how to fix them, in the UI language."""

from __future__ import annotations

from typing import Any

from mailmover import doctor
from mailmover.gui.i18n import QT_TRANSLATE_NOOP

from .error_texts import error_text
from .folder_texts import folder_label
from .quantities import size_text
from .server_answers import server_answer
from .templates import fill_params, translated

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
    doctor.DAILY_LIMIT: QT_TRANSLATE_NOOP(
        "Messages", "At Gmail's limits (about {per_day} MB a day) this move of {size} "
        "takes about {days} day(s): each day it stops when the limit is reached."),
    doctor.DAILY_LIMIT + ":own": QT_TRANSLATE_NOOP(
        "Messages", "At the daily limit chosen ({per_day} MB a day) this move of {size} "
        "takes about {days} day(s): each day it stops when the limit is reached."),
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
    doctor.DAILY_LIMIT: QT_TRANSLATE_NOOP(
        "Messages", "Start the move again once a day until it is done: it continues where "
        "it stopped and copies nothing twice."),
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

_SIZE_PARAMS = ("free", "needed", "used", "limit", "largest", "size", "suggest")


def finding_key(finding: doctor.Finding) -> str:
    code = finding.code
    if code in (doctor.LOGIN_OK, doctor.LOGIN_FAILED):
        return f"{code}:{finding.params.get('side', '')}"
    if code == doctor.SIZE_TOO_LARGE and finding.params.get("count") == 1:
        return code + ":one"
    if code == doctor.DAILY_LIMIT and finding.params.get("own"):
        return code + ":own"
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
    text = fill_params(translated(template), params)
    fix_template = _FINDING_FIXES.get(finding.code)
    fix = fill_params(translated(fix_template), params) if fix_template else ""
    return text, fix
