"""What every server answer means: the boundary's closed taxonomy of faults.

Each fault names the smallest unit of work it concerns; the layer that owns that unit
handles it (docs/architecture.md, "The IMAP boundary"):

- `MessageFault`: this message cannot be read or stored. The copy fails that message
  with the server's words; the rest go on.
- `FolderFault`: this folder cannot be selected, created or read. The run reports that
  folder; the others go on.
- `ConnectionFault`: the link broke, or the answer cannot be trusted. The run opens a
  new connection and retries the work with backoff.
- `Throttled` (a ConnectionFault): the provider asks to slow down. Fewer connections,
  a longer wait.
- `AccountFault`: this account cannot go on (sign-in refused, mailbox full). The move
  stops with its report written.

`classify` is the one function that turns a library exception or a transport event
into a fault; `refusal` the one that reads a tagged NO/BAD's words. Every boundary
function runs its commands under `ImapConnection.guard`, which calls `classify`, so no
imaplib or imapclient exception type is ever seen above `engine/imap/`.
"""

from __future__ import annotations

import imaplib
import re
import socket
import ssl
from dataclasses import dataclass
from typing import ClassVar, Literal

from imapclient import exceptions as imapclient_exceptions

from mailmover.engine import errors

Level = Literal["message", "folder", "connection", "account"]


class Fault(errors.MailMoverError):
    """A classified server answer or transport event."""

    level: ClassVar[Level]


class MessageFault(Fault):
    level = "message"


class FolderFault(Fault):
    level = "folder"


class ConnectionFault(Fault, errors.TransientError):
    level = "connection"


class Throttled(ConnectionFault):
    """The provider asks us to slow down (`[LIMIT]`, "too many connections", …)."""


class AccountFault(Fault):
    level = "account"


class Unreachable(ConnectionFault, errors.ConnectError):
    """The server could not be reached while connecting (name, refusal, timeout,
    network): the front ends say "cannot connect"; a run retries it later."""


class SignInRefused(AccountFault, errors.ConnectError):
    """Connecting or signing in cannot succeed by trying again: wrong password, IMAP
    switched off, an untrusted certificate, no STARTTLS, a password we will not send."""


class AccountStopped(AccountFault, errors.StopMove):
    """The account cannot take more (the new mailbox is full): the move stops, resumable."""


class StoppedForToday(AccountStopped):
    """The provider will not give or take more mail today (Gmail: "Account exceeded
    command or bandwidth limits", or its session ended again at once): the move stops
    with its report, exit code 7, and the next run resumes (engine/pacing.py)."""


class SessionExpired(ConnectionFault):
    """`BYE Session expired`: Gmail says it when a long session ends (idle, hours old)
    and when an account passes its daily limits. Reconnected once; the same answer again
    before any progress is the daily limit (transfer.py)."""


# The server said no, or said something that cannot be right, about what the command
# was about; the link itself still works (a ConnectionFault is none of these).
REFUSED: tuple[type[Fault], ...] = (MessageFault, FolderFault, AccountFault)

# Every exception type the two libraries raise for a server's answer or the link
# (imapclient's are imaplib's classes or their subclasses).
LIBRARY_ERRORS: tuple[type[BaseException], ...] = (
    imaplib.IMAP4.error,
    imapclient_exceptions.IMAPClientError,
)

FAULT_CLASSES: tuple[type[Fault], ...] = (
    MessageFault,
    FolderFault,
    ConnectionFault,
    AccountFault,
)


@dataclass(frozen=True, slots=True)
class Scope:
    """What a command was about: it decides what a refusal without a clearer response
    code concerns. A command about messages (`uids`) → those messages; about a folder →
    that folder; otherwise the account."""

    host: str
    folder: str | None = None
    uids: tuple[int, ...] = ()

    @property
    def refusal_level(self) -> Level:
        if self.uids:
            return "message"
        if self.folder is not None:
            return "folder"
        return "account"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {"host": self.host}
        if self.folder is not None:
            out["folder"] = self.folder
        if len(self.uids) == 1:
            out["uid"] = self.uids[0]
        elif self.uids:
            out["uids"] = len(self.uids)
        return out


_BYTES_REPR = re.compile(r"""\bb(['"])(.*?)\1""", re.S)


def server_words(exc: BaseException) -> str:
    """The server's words: imaplib wraps them as a bytes repr (b'...'), which people
    should never see; the repr is undone (escapes decoded as UTF-8)."""
    msg = str(exc)

    def undo(m: re.Match[str]) -> str:
        try:
            raw = m.group(2).encode("latin-1").decode("unicode_escape").encode("latin-1")
            return raw.decode("utf-8", "replace")
        except (UnicodeError, ValueError):
            return m.group(2)

    text = _BYTES_REPR.sub(undo, msg).strip()
    return re.sub(r"^\w+ (command )?(failed|error): ", "", text)


# Server texts (docs/providers.md). A response code is the server's own classification
# and wins over any wording.
_THROTTLE = re.compile(r"\[(LIMIT|UNAVAILABLE|INUSE)\]|too many|frequen|频繁|try again later", re.I)
_OVER_QUOTA = re.compile(r"\[OVERQUOTA\]|quota|mailbox is full|空间不足|容量", re.I)
_TOO_LARGE = re.compile(r"too (large|big)|size|exceed|\[TOOBIG\]|过大|超过", re.I)
_MISSING = re.compile(
    r"\[(TRYCREATE|NONEXISTENT)\]|does ?n[o']t exist|no such (mailbox|folder)|mailbox not found|"
    r"unknown mailbox|mailbox was deleted|不存在",
    re.I,
)
# imaplib's own words when the stream itself is out of step (the connection cannot
# be used for another command): a line over its limit, an answer it cannot frame.
_STREAM = re.compile(
    r"got more than \d+ bytes|unexpected response|unexpected tagged response|"
    r"illegal in state|socket error|command \w+ illegal|bad response",
    re.I,
)


# The server's own trouble, not the message's (Dovecot answers so to APPENDs in flight
# when their folder is deleted under them): worth one more try before a message fails.
_SERVER_TROUBLE = re.compile(r"\[SERVERBUG\]", re.I)


# Gmail's (and Google Workspace's) daily bandwidth limits, as reported by migration
# tools; also said as a tagged NO to a FETCH or APPEND, sometimes with [OVERQUOTA].
_DAILY_LIMIT = re.compile(
    r"bandwidth|exceeded command|download limit|upload limit|daily limit", re.I
)
_SESSION_EXPIRED = re.compile(r"session expired", re.I)


def is_daily_limit(text: str) -> bool:
    return bool(_DAILY_LIMIT.search(text))


def is_server_trouble(text: str) -> bool:
    return bool(_SERVER_TROUBLE.search(text))


def is_throttle(text: str) -> bool:
    return bool(_THROTTLE.search(text))


def refusal(text: str, scope: Scope) -> Fault:
    """A tagged NO or BAD (its words in `text`), by response code, then wording, then
    the scope of the command."""
    params = {**scope.params(), "detail": text}
    if is_daily_limit(text):
        return StoppedForToday(errors.PROVIDER_DAILY_LIMIT, **params)
    if _MISSING.search(text) and scope.folder is not None:
        return FolderFault(errors.FOLDER_MISSING, **params)
    level = scope.refusal_level
    # "Slow down" is about our pace: APPENDs and FETCHes (Exmail's bursts), logins. A
    # folder that is "[UNAVAILABLE] temporarily locked" is that folder's refusal.
    if level != "folder" and is_throttle(text) and not _TOO_LARGE.search(text):
        return Throttled(errors.THROTTLED, **params)
    if level == "message":
        code = errors.MESSAGE_TOO_LARGE if _TOO_LARGE.search(text) else errors.MESSAGE_REJECTED
        return MessageFault(code, **params)
    if level == "folder":
        return FolderFault(errors.FOLDER_REFUSED, **params)
    return AccountFault(errors.SERVER_REFUSED, **params)


def append_refusal(text: str, scope: Scope) -> Fault:
    """A destination's NO/BAD to one APPEND: this message (too large, refused), its
    folder (gone: `[TRYCREATE]`), or the account (full, slow down, done for today)."""
    if _OVER_QUOTA.search(text) and not is_daily_limit(text):
        return AccountStopped(errors.OVER_QUOTA, **scope.params(), detail=text)
    return refusal(text, scope)


def bad_data(detail: str, scope: Scope) -> Fault:
    """An answer that cannot be right (a UID that is no number, a FETCH for a message
    not asked for): it concerns what the command was about; the link itself still works."""
    params = {**scope.params(), "detail": detail}
    if scope.uids:
        return MessageFault(errors.BAD_SERVER_DATA, **params)
    if scope.folder is not None:
        return FolderFault(errors.BAD_SERVER_DATA, **params)
    return ConnectionFault(errors.BAD_SERVER_DATA, **params)


def lost(detail: str, scope: Scope) -> ConnectionFault | StoppedForToday:
    """The link broke, or the stream cannot be trusted for another command; a BYE
    about the daily limits stops the move for today."""
    params = {**scope.params(), "detail": detail}
    if is_daily_limit(detail):
        return StoppedForToday(errors.PROVIDER_DAILY_LIMIT, **params)
    if _SESSION_EXPIRED.search(detail):
        return SessionExpired(errors.SESSION_EXPIRED, **params)
    if is_throttle(detail):
        return Throttled(errors.THROTTLED, **params)
    return ConnectionFault(errors.CONNECTION_LOST, **params)


def classify(exc: BaseException, scope: Scope) -> Fault:
    """The fault that `exc`, raised while talking to `scope.host` about `scope`, means.

    Order matters: imaplib's `readonly` is a kind of `abort`, which is a kind of `error`;
    imapclient's exceptions are these same classes or their subclasses."""
    if isinstance(exc, Fault):
        return exc
    if isinstance(exc, errors.MailMoverError):
        return _from_code(exc, scope)
    text = server_words(exc)
    if isinstance(exc, imaplib.IMAP4.readonly):
        # The selected folder became read-only under us (another client, a policy).
        return FolderFault(errors.FOLDER_REFUSED, **scope.params(), detail=text)
    if isinstance(exc, (imaplib.IMAP4.abort, OSError, EOFError, ssl.SSLError, socket.timeout)):
        return lost(text or type(exc).__name__, scope)
    if isinstance(exc, imapclient_exceptions.IllegalStateError):
        return lost(text, scope)  # our idea of the connection's state is wrong: start anew
    if isinstance(exc, imapclient_exceptions.ProtocolError):
        return bad_data(text, scope)  # imapclient could not parse a complete answer
    if isinstance(exc, imapclient_exceptions.CapabilityError):
        return refusal(text, scope)  # the server lacks what the command needs
    if isinstance(exc, imaplib.IMAP4.error):
        if _STREAM.search(text):
            return lost(text, scope)
        return refusal(text, scope)
    if isinstance(exc, (ValueError, TypeError, KeyError, IndexError, UnicodeError)):
        return bad_data(f"{type(exc).__name__}: {text}", scope)
    if isinstance(exc, MemoryError):
        return bad_data("an answer too large to hold in memory", scope)
    return bad_data(f"{type(exc).__name__}: {text}", scope)


def _from_code(exc: errors.MailMoverError, scope: Scope) -> Fault:
    """An error the boundary raised itself by code, given its level."""
    params = {**scope.params(), **exc.params}
    code = exc.code
    if code == errors.THROTTLED:
        return Throttled(code, **params)
    if code == errors.PROVIDER_DAILY_LIMIT:
        return StoppedForToday(code, **params)
    if code == errors.SESSION_EXPIRED:
        return SessionExpired(code, **params)
    if isinstance(exc, errors.TransientError) or code == errors.CONNECTION_LOST:
        return ConnectionFault(code, **params)
    if isinstance(exc, errors.StopMove):
        return AccountStopped(code, **params)
    if isinstance(exc, errors.ConnectError):
        return SignInRefused(code, **params)
    if code.startswith("folder."):
        return FolderFault(code, **params)
    if code.startswith("message."):
        return MessageFault(code, **params)
    if code == errors.BAD_SERVER_DATA:
        return bad_data(str(exc.params.get("detail", "")), scope)
    return AccountFault(code, **params)
