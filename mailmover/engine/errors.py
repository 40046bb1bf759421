"""Errors the engine raises: a stable code and parameters, never a sentence only.

The UI translates `code` (with `params`) into the user's language; `str(exc)` is an
English fallback for logs and the CLI. No password ever goes into params or text.
"""

from __future__ import annotations

from typing import Any

# Connection and login
HOST_NOT_FOUND = "connect.host_not_found"
CONNECTION_REFUSED = "connect.refused"
TIMEOUT = "connect.timeout"
NETWORK = "connect.network"
TLS_CERTIFICATE = "connect.tls_certificate"
TLS_FAILED = "connect.tls_failed"
STARTTLS_MISSING = "connect.starttls_unavailable"
TLS_TOO_OLD = "connect.tls_too_old"  # the server offers only TLS 1.1 or older
STARTTLS_NOT_STARTED = "connect.starttls_not_started"  # said OK, stayed plaintext
PLAINTEXT_REFUSED = "connect.plaintext_refused"
AUTH_FAILED = "auth.failed"
AUTH_APP_PASSWORD = "auth.app_password_required"
AUTH_IMAP_DISABLED = "auth.imap_disabled"
AUTH_UNSAFE_LOGIN = "auth.unsafe_login"
SERVER_REFUSED = "server.refused"
CONNECTION_LOST = "connect.lost"
# Folders and messages
FOLDER_CREATE_FAILED = "folder.create_failed"
FOLDER_MISSING = "folder.missing"
OVER_QUOTA = "server.over_quota"
# Local problems
BAD_URL = "input.bad_url"
BAD_NAME = "input.bad_name"  # a control character in a user name (would split commands)
STORE_CORRUPT = "store.corrupt"
STORE_BUSY = "store.busy"  # another program holds the progress file locked
MOVE_IN_PROGRESS = "move.in_progress"  # another move holds the destination's lock
DISK_FULL = "local.disk_full"
STATE_READ_ONLY = "local.read_only"
UNSAFE_PATH = "local.unsafe_path"  # a planted link, a folder of another user
NO_PERMISSIONS = "local.no_permissions"  # the state folder is on exFAT or the like
CA_FILE_MISSING = "connect.ca_file_missing"
CA_FILE_NOT_CERTIFICATE = "connect.ca_file_not_certificate"
BAD_SERVER_DATA = "server.bad_data"  # e.g. a UID that is not a 32-bit number
INTERNAL = "internal"  # a bug: one line, a pointer to the help-desk bundle

_ENGLISH: dict[str, str] = {
    HOST_NOT_FOUND: "The server name {host} could not be found. Check the name and the network.",
    CONNECTION_REFUSED: "The server {host} refused the connection on port {port}.",
    TIMEOUT: "The server {host} did not answer in time.",
    NETWORK: "A network problem stopped the connection to {host}: {detail}",
    TLS_CERTIFICATE: "The security certificate of {host} cannot be trusted: {detail}",
    TLS_FAILED: "A secure connection to {host} could not be set up: {detail}",
    STARTTLS_MISSING: "The server {host} does not offer a secure connection (STARTTLS).",
    TLS_TOO_OLD: "The server {host} offers only an old, unsafe kind of encryption (older "
    "than TLS 1.2), so nothing was sent to it. Its administrators need to update it.",
    STARTTLS_NOT_STARTED: "The server {host} agreed to encrypt the connection (STARTTLS) but "
    "did not, so your password was not sent. Use SSL/TLS (port 993) instead.",
    PLAINTEXT_REFUSED: "Refusing to send a password unencrypted to {host}.",
    AUTH_FAILED: "The server {host} did not accept the user name or password. {detail}",
    AUTH_APP_PASSWORD: "The server {host} needs a client-specific password. {detail}",
    AUTH_IMAP_DISABLED: "IMAP access is switched off for this account on {host}. {detail}",
    AUTH_UNSAFE_LOGIN: "The server {host} blocked the login as unsafe. {detail}",
    SERVER_REFUSED: "The server {host} refused: {detail}",
    CONNECTION_LOST: "The connection to {host} was lost: {detail}",
    FOLDER_CREATE_FAILED: "The folder {folder} could not be created: {detail}",
    FOLDER_MISSING: "The folder {folder} no longer exists.",
    OVER_QUOTA: "The new mailbox is full: {detail}",
    BAD_URL: "Not a valid account address: {detail}",
    BAD_NAME: "The user name {name} contains a control character ({char}); a user name "
    "never does. Check the address (nothing was sent to the server).",
    STORE_CORRUPT: "The saved progress file is damaged: {detail}",
    STORE_BUSY: "The saved progress file {path} is in use by another program (another "
    "mailmover?). Close it, then run the move again.",
    MOVE_IN_PROGRESS: "Another move into {target} is already running ({holder}, since {since}). "
    "Wait for it to finish, or stop it first.",
    DISK_FULL: "This computer's disk is full ({path}). Free some space, then run the move again: "
    "it continues where it stopped.",
    STATE_READ_ONLY: "mailmover cannot write its progress file in {path} ({detail}). "
    "Choose a folder you can write to (--state-dir).",
    UNSAFE_PATH: "mailmover will not use {path}: {detail}. Nothing was written there.",
    NO_PERMISSIONS: "{path} is on a disk without permissions (such as exFAT): other users "
    "of this computer can read the progress and saved messages kept there.",
    CA_FILE_MISSING: "The certificate file {path} does not exist or cannot be read.",
    CA_FILE_NOT_CERTIFICATE: "The file {path} is not a certificate (no PEM certificate in "
    "it). Name the server's CA certificate file, usually ending in .pem or .crt.",
    BAD_SERVER_DATA: "The server {host} sent data that cannot be right ({detail}); "
    "this folder was left out.",
    INTERNAL: "mailmover hit an internal error ({detail}). Nothing was lost; please send "
    "the help desk the file from 'mailmover bundle'.",
}


class MailMoverError(Exception):
    """An error with a translatable code."""

    # `code` is positional-only: a parameter may itself be called "code" (a warning that
    # carries the code of the refusal behind it).
    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.english())

    def english(self) -> str:
        template = _ENGLISH.get(self.code, self.code + " {params}")
        values = {k: v for k, v in self.params.items()}
        values.setdefault("detail", "")
        values.setdefault("params", self.params)
        try:
            return template.format(**values).strip()
        except (KeyError, IndexError):
            return f"{self.code} {self.params}"


class ConnectError(MailMoverError):
    """Could not reach or log in to a server."""


class TransientError(MailMoverError):
    """The connection broke or the server asked us to slow down: retry later."""


THROTTLED = "server.throttled"
FEWER_CONNECTIONS = "transfer.fewer_connections"
FOLDER_RELOCATED = "folder.relocated"
FOLDER_RENAMED = "folder.renamed"
UIDVALIDITY_CHANGED = "folder.uidvalidity_changed"
FOLDER_NAME_TAKEN = "folder.name_taken"  # two source folders would share one destination
FOLDER_RECOGNISED = "folder.recognised"  # a renamed folder found by its mail (store lost)
# Per-message reasons (in reports, not raised)
MESSAGE_TOO_LARGE = "message.too_large"
MESSAGE_REJECTED = "message.rejected"
MESSAGE_VANISHED = "message.vanished"
MESSAGE_SKIPPED_SIZE = "message.skipped_size"
MESSAGE_SKIPPED_DELETED = "message.skipped_deleted"  # marked \Deleted, not yet erased
GMAIL_OTHER_LABEL = "message.gmail_other_label"  # --gmail-one-copy: in an earlier label
MESSAGE_UNREADABLE = "message.unreadable"  # the old server refused to give it
MESSAGE_BREAKS_CONNECTION = "message.breaks_connection"  # every read of it broke the link
FOLDER_GONE_DURING_MOVE = "folder.gone_during_move"  # renamed or deleted by the user
FOLDER_REFUSED = "folder.refused"  # SELECT/EXAMINE answered NO: that folder only
FOLDER_RECREATED = "folder.recreated"  # the user deleted the new folder mid-move
DELETED_DURING_MOVE = "folder.deleted_during_move"  # messages expunged on the old side
DELETED_MARKED_LEFT_OUT = "folder.deleted_marked_left_out"  # \Deleted, not expunged
FOLDER_BESIDE_PARENT = "folder.beside_parent"  # mbox: no folder inside a folder of mail
APPENDS_LOST = "folder.appends_lost"  # the new server said OK, then did not hold them
DATES_NOT_KEPT = "folder.dates_not_kept"  # the server stored its own INTERNALDATE
FLAGS_NOT_KEPT = "folder.flags_not_kept"  # keywords outside the destination's PERMANENTFLAGS
GMAIL_ALL_MAIL_HIDDEN = "gmail.all_mail_hidden"  # archived mail cannot be seen: stop
# Stopped for today (pacing.py): the daily budget is used up, or the provider said stop.
DAILY_LIMIT_GMAIL = "pacing.gmail_daily_limit"  # Gmail's limit (from the preset)
DAILY_LIMIT_OWN = "pacing.own_daily_limit"  # the limit chosen with --max-mb-per-day
PROVIDER_DAILY_LIMIT = "pacing.provider_said_stop"  # "bandwidth limits", Session expired
SESSION_EXPIRED = "server.session_expired"  # BYE Session expired once: reconnect

_ENGLISH.update(
    {
        THROTTLED: "The server {host} asked us to slow down: {detail}",
        FOLDER_RENAMED: "The old folder {folder} is now called {now}; its mail stays in {target}.",
        FOLDER_RELOCATED: "The new server did not allow the folder {folder} at the top level; "
        "it was created as {target}.",
        FEWER_CONNECTIONS: "The new server refused another connection at the same time; "
        "the move goes on with fewer.",
        FOLDER_REFUSED: "The server refused to open the folder {folder}; it was not moved. "
        "The server said: {detail}",
        FOLDER_BESIDE_PARENT: "The new mailbox cannot keep folders inside a folder that "
        "holds mail; the folder {folder} was created beside it, as {target}.",
        APPENDS_LOST: "The new mailbox accepted {count} messages of the folder {folder} and "
        "then did not keep them; they count as not yet copied, and the next run copies "
        "them again.",
        DATES_NOT_KEPT: "The new mailbox did not keep the received date of {count} messages "
        "(folder {folder}): mail programs there may sort them by the day they were moved.",
        FLAGS_NOT_KEPT: "The new mailbox cannot keep the labels {flags} (folder {folder}); "
        "the messages were copied without them.",
        GMAIL_ALL_MAIL_HIDDEN: "Gmail does not show its All Mail folder to mail programs, "
        "so archived mail cannot be seen; nothing was copied. In Gmail open Settings, "
        "Labels, tick “Show in IMAP” for All Mail, then run the move again.",
        DAILY_LIMIT_GMAIL: "Gmail allows mail programs about {budget_mb} MB a day and "
        "{used_mb} MB were moved in the last 24 hours, so the move stopped here for today; "
        "nothing is lost. Run the same command again after {resume_at}: it continues "
        "where it stopped.",
        DAILY_LIMIT_OWN: "The daily limit you chose ({budget_mb} MB) is used up: {used_mb} "
        "MB were moved in the last 24 hours, so the move stopped here for today; nothing "
        "is lost. Run the same command again after {resume_at}: it continues where it "
        "stopped.",
        PROVIDER_DAILY_LIMIT: "The server {host} said it will not give or take more mail "
        "today ({detail}), so the move stopped here; nothing is lost. Wait some hours "
        "(Gmail: up to a day), then run the same command again: it continues where it "
        "stopped.",
        SESSION_EXPIRED: "The server {host} ended the session: {detail}",
        UIDVALIDITY_CHANGED: "The old folder {folder} was rebuilt by its server.",
        FOLDER_NAME_TAKEN: "The old folder {folder} would land in {planned} together with "
        "another folder; it goes to {target} instead.",
        FOLDER_RECOGNISED: "The old folder {folder} was moved before under another name; "
        "its mail stays in {target}.",
        MESSAGE_TOO_LARGE: "Too large for the new mailbox",
        MESSAGE_REJECTED: "Refused by the new mailbox",
        MESSAGE_VANISHED: "Deleted from the old mailbox during the move",
        MESSAGE_SKIPPED_SIZE: "Larger than the size you chose to move",
        MESSAGE_SKIPPED_DELETED: "Marked as deleted in the old mailbox (not yet erased there)",
        MESSAGE_UNREADABLE: "The old server would not give this message",
        GMAIL_OTHER_LABEL: "Also in another Gmail label, where it was moved (one copy only)",
        MESSAGE_BREAKS_CONNECTION: "The old server's answer for this message broke the "
        "connection every time",
        FOLDER_GONE_DURING_MOVE: "The old folder {folder} was renamed or deleted during the "
        "move; what was not yet copied stays there. The next run finds it by its mail.",
        DELETED_DURING_MOVE: "{count} messages of the old folder {folder} were deleted there "
        "during the move; they were not copied.",
        DELETED_MARKED_LEFT_OUT: "{count} messages of the old folder {folder} are marked as "
        "deleted there but not yet erased; they were left out (counted as skipped). To move "
        "them too, run again with --include-deleted.",
        FOLDER_RECREATED: "The folder {folder} in the new mailbox was deleted during the "
        "move; it was created again and the move went on. Messages copied into it before "
        "were deleted with it and are not copied again.",
    }
)


def add_english(texts: dict[str, str]) -> None:
    """English sentences for codes defined outside the engine (the profile's)."""
    _ENGLISH.update(texts)


def describe(code: str, **params: Any) -> str:
    """The English sentence for a code, for people; never the code itself when known."""
    template = _ENGLISH.get(code)
    if template is None:
        return code
    return template.format_map(_Blank(params)).strip()


class _Blank(dict[str, Any]):
    """Missing parameters read as nothing instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


class StopMove(MailMoverError):
    """The whole move must stop (e.g. the new mailbox is full); it can resume later."""
