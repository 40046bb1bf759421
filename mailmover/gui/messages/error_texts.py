"""Engine error codes and per-message reasons as plain sentences, and the steps for the
errors people can fix themselves."""

from __future__ import annotations

from typing import Any

from mailmover.engine import errors
from mailmover.gui.i18n import QT_TRANSLATE_NOOP
from mailmover.oauth import failures as oauth

from .server_answers import plain_params
from .templates import fill_params, translated

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
    errors.TLS_TOO_OLD: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} only offers an old, unsafe kind of encryption (older than TLS "
        "1.2), so mailmover did not send your password. The server's administrators need "
        "to update it.",
    ),
    errors.STARTTLS_NOT_STARTED: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} agreed to encrypt the connection but then did not, so "
        "mailmover did not send your password. Choose SSL/TLS and port 993.",
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
    errors.GMAIL_ALL_MAIL_HIDDEN: QT_TRANSLATE_NOOP(
        "Messages",
        "Gmail does not show its All Mail folder to mail programs, so archived mail "
        "cannot be seen; nothing was copied. In Gmail open Settings, Labels, tick "
        "“Show in IMAP” for All Mail, then try again.",
    ),
    errors.DAILY_LIMIT_GMAIL: QT_TRANSLATE_NOOP(
        "Messages",
        "Gmail allows mail programs about {budget_mb} MB a day and {used_mb} MB were "
        "moved in the last 24 hours, so the move stopped here for today; nothing is lost. "
        "Start the move again after {resume_at}: it continues where it stopped.",
    ),
    errors.DAILY_LIMIT_OWN: QT_TRANSLATE_NOOP(
        "Messages",
        "The daily limit chosen for this move ({budget_mb} MB) is used up, so the move "
        "stopped here for today; nothing is lost. Start the move again after "
        "{resume_at}: it continues where it stopped.",
    ),
    errors.PROVIDER_DAILY_LIMIT: QT_TRANSLATE_NOOP(
        "Messages",
        "The server {host} will not give or take more mail today, so the move stopped "
        "here; nothing is lost. Wait some hours (Gmail: up to a day), then start the move "
        "again: it continues where it stopped.",
    ),
    errors.SESSION_EXPIRED: QT_TRANSLATE_NOOP(
        "Messages", "The server {host} ended the session; mailmover connects again."
    ),
    errors.OVER_QUOTA: QT_TRANSLATE_NOOP(
        "Messages",
        "The new mailbox is full. Free some space there (or ask the help desk for more), "
        "then continue: nothing is copied twice.",
    ),
    errors.BAD_URL: QT_TRANSLATE_NOOP("Messages", "This account address is not valid."),
    errors.BAD_NAME: QT_TRANSLATE_NOOP(
        "Messages",
        "The e-mail address contains an invisible control character ({char}). Type it "
        "again by hand; nothing was sent to the server.",
    ),
    # Raised only when the file was not set aside (a damaged one is, and the move goes on).
    errors.STORE_CORRUPT: QT_TRANSLATE_NOOP(
        "Messages",
        "The saved progress file {path} cannot be opened, so the move did not start; the "
        "file was left as it is. Please send the help desk the diagnostics file.",
    ),
    errors.STORE_BUSY: QT_TRANSLATE_NOOP(
        "Messages",
        "The saved progress file is in use by another program (another mailmover window?). "
        "Close it, then try again: nothing is copied twice.",
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
    errors.UNSAFE_PATH: QT_TRANSLATE_NOOP(
        "Messages",
        "mailmover will not use {path}: it is a link, or another user of this computer "
        "could change it. Nothing was written there. Ask the help desk to check it.",
    ),
    errors.NO_PERMISSIONS: QT_TRANSLATE_NOOP(
        "Messages",
        "mailmover keeps its progress in {path}, on a disk without permissions (such as a "
        "USB disk): other people who use this computer could read it and the saved "
        "messages.",
    ),
    errors.CA_FILE_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "The security certificate file {path} set up for this computer is missing or "
        "cannot be read. Ask the help desk to check the installation.",
    ),
    errors.CA_FILE_NOT_CERTIFICATE: QT_TRANSLATE_NOOP(
        "Messages",
        "The file {path} set up as the security certificate is not a certificate. Ask "
        "the help desk for the right file (it usually ends in .pem or .crt).",
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
    errors.FOLDER_BESIDE_PARENT: QT_TRANSLATE_NOOP(
        "Messages",
        "The new mailbox cannot keep folders inside a folder that holds mail; the folder "
        "{folder} was created beside it, as {target}.",
    ),
    errors.APPENDS_LOST: QT_TRANSLATE_NOOP(
        "Messages",
        "The new mailbox accepted {count} messages of the folder {folder} and then did not "
        "keep them; they count as not yet copied, and the next run copies them again.",
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
    errors.DELETED_DURING_MOVE: QT_TRANSLATE_NOOP(
        "Messages",
        "{count} messages of the old folder {folder} were deleted there during the move; "
        "they were not copied.",
    ),
    errors.DELETED_MARKED_LEFT_OUT: QT_TRANSLATE_NOOP(
        "Messages",
        "{count} messages of the old folder {folder} are marked as deleted there but not "
        "yet erased; they were left out, like mail in the recycle bin.",
    ),
    errors.FOLDER_RECREATED: QT_TRANSLATE_NOOP(
        "Messages",
        "The folder {folder} in the new mailbox was deleted while the move was writing to "
        "it; it was created again and the move went on. Messages copied into it before were "
        "deleted with it and are not copied again.",
    ),
    errors.FOLDER_GONE_DURING_MOVE: QT_TRANSLATE_NOOP(
        "Messages",
        "The old folder {folder} was renamed or deleted while it was being moved; what was "
        "not yet copied was left there. Run the move again: it finds the folder by its mail.",
    ),
    errors.UIDVALIDITY_CHANGED: QT_TRANSLATE_NOOP(
        "Messages",
        "The old server rebuilt the folder {folder}; mailmover checks it again from the "
        "start (nothing is copied twice).",
    ),
    # Signing in with OAuth 2.0 (mailmover.oauth.failures)
    oauth.DENIED: QT_TRANSLATE_NOOP(
        "Messages",
        "The sign-in was refused: {detail}. Sign in again and accept the request in the "
        "browser.",
    ),
    oauth.ADMIN_CONSENT: QT_TRANSLATE_NOOP(
        "Messages",
        "Your organisation's administrator must approve mailmover first. Give the help desk "
        "this link: {consent_url}",
    ),
    oauth.TIMED_OUT: QT_TRANSLATE_NOOP(
        "Messages",
        "No answer came back from the browser in time. Sign in again and finish in the "
        "browser window that opens.",
    ),
    oauth.DEVICE_EXPIRED: QT_TRANSLATE_NOOP(
        "Messages", "The code was not entered in time. Sign in again."
    ),
    oauth.CANCELLED: QT_TRANSLATE_NOOP("Messages", "The sign-in was cancelled."),
    oauth.WRONG_ACCOUNT: QT_TRANSLATE_NOOP(
        "Messages",
        "You signed in as {signed_in}, but this mailbox is {user}. Sign in again with {user}.",
    ),
    oauth.SIGN_IN_AGAIN: QT_TRANSLATE_NOOP(
        "Messages", "The sign-in has expired or was withdrawn. Sign in again."
    ),
    oauth.NOT_SIGNED_IN: QT_TRANSLATE_NOOP("Messages", "Sign in first."),
    oauth.ISSUER: QT_TRANSLATE_NOOP(
        "Messages", "The sign-in service {issuer} cannot be used: {detail}"
    ),
    oauth.NO_CLIENT_ID: QT_TRANSLATE_NOOP(
        "Messages",
        "mailmover has no app registration for this provider yet. Your IT office registers "
        "it once and puts its client id in the institution profile (docs/oauth.md).",
    ),
    oauth.MAILBOX_REFUSED: QT_TRANSLATE_NOOP(
        "Messages",
        "The mailbox on {host} did not accept the sign-in of {user}. Check that you signed "
        "in as {user}; if you did, IMAP may be switched off for this mailbox: ask the help "
        "desk.",
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
    errors.MESSAGE_SKIPPED_DELETED: QT_TRANSLATE_NOOP(
        "Messages", "Marked as deleted in the old mailbox (not yet erased there)"
    ),
    errors.GMAIL_OTHER_LABEL: QT_TRANSLATE_NOOP(
        "Messages", "Also in another Gmail label, where it was moved (one copy only)"
    ),
    errors.MESSAGE_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages", "The old server would not give this message"
    ),
    errors.MESSAGE_BREAKS_CONNECTION: QT_TRANSLATE_NOOP(
        "Messages", "Reading this message from the old server broke the connection every time"
    ),
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

# Used through translated() below, registered for lupdate.
_LITERALS = (QT_TRANSLATE_NOOP("Messages", "Something unexpected happened ({code})."),)
# Who holds a move lock, said in the user's language (the lock also gives it in English).
_LOCK_HOLDER = QT_TRANSLATE_NOOP("Messages", "{program}, process {pid} on the computer {computer}")


def error_text(code: str, params: dict[str, Any] | None = None) -> str:
    """One plain sentence for an error code (falls back to the code itself)."""
    template = _ERRORS.get(code) or _REASONS.get(code)
    if template is None:
        return fill_params(translated("Something unexpected happened ({code})."), {"code": code})
    params = dict(params or {})
    if code == errors.MOVE_IN_PROGRESS and params.get("program"):
        params["holder"] = fill_params(translated(_LOCK_HOLDER), params)
    return fill_params(translated(template), plain_params(params))


def error_help(code: str) -> str:
    """Extra steps (rich text) for codes where the user can fix it themselves."""
    if code == errors.AUTH_APP_PASSWORD:
        return translated(_APP_PASSWORD_STEPS)
    return ""


def exception_text(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    if code:
        return error_text(code, getattr(exc, "params", {}))
    unexpected = translated("Something unexpected happened ({code}).")
    return fill_params(unexpected, {"code": type(exc).__name__})


def reason_text(code: str) -> str:
    template = _REASONS.get(code) or _ERRORS.get(code)
    return translated(template) if template else code
