"""The boundary's answer taxonomy: every exception the IMAP libraries define, and the
answers servers really give, map to exactly one fault class (engine/imap/faults.py)."""

from __future__ import annotations

import imaplib
import inspect
import ssl

import imapclient
import imapclient.exceptions
import imapclient.response_lexer
import imapclient.response_parser
import pytest

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap import faults
from mailmover.engine.imap.connection import ImapConnection

MESSAGE = faults.Scope("imap.test", "INBOX", (7,))
FOLDER = faults.Scope("imap.test", "INBOX")
ACCOUNT = faults.Scope("imap.test")


def _library_exceptions() -> list[type[BaseException]]:
    found: set[type[BaseException]] = set()
    for module in (
        imaplib,
        imapclient,
        imapclient.exceptions,
        imapclient.response_lexer,
        imapclient.response_parser,
    ):
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__.startswith(
                ("imaplib", "imapclient")
            ):
                found.add(value)
    found |= {imaplib.IMAP4.error, imaplib.IMAP4.abort, imaplib.IMAP4.readonly}
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


LIBRARY = _library_exceptions()


def _one_class(fault: faults.Fault) -> type[faults.Fault]:
    kinds = [c for c in faults.FAULT_CLASSES if isinstance(fault, c)]
    assert len(kinds) == 1, (fault, kinds)
    return kinds[0]


def test_the_walk_finds_the_libraries_exceptions() -> None:
    names = {c.__name__ for c in LIBRARY}
    # If a library renames these, the walk below must be looked at again.
    assert {"error", "abort", "readonly", "ProtocolError", "CapabilityError", "LoginError",
            "IllegalStateError", "InvalidCriteriaError"} <= names
    # imapclient's own names are imaplib's classes or their subclasses.
    assert imapclient.exceptions.IMAPClientError is imaplib.IMAP4.error


@pytest.mark.parametrize("exc_type", LIBRARY, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
@pytest.mark.parametrize("scope", [MESSAGE, FOLDER, ACCOUNT], ids=["message", "folder", "account"])
def test_every_library_exception_is_one_fault(
    exc_type: type[BaseException], scope: faults.Scope
) -> None:
    fault = faults.classify(exc_type("server said something"), scope)
    assert isinstance(fault, faults.Fault)
    _one_class(fault)
    assert fault.params["host"] == "imap.test"


@pytest.mark.parametrize(
    "exc, scope, expected, code",
    [
        # The link: broken, or out of step (imaplib's own words).
        (ConnectionResetError(104, "reset"), MESSAGE, faults.ConnectionFault,
         errors.CONNECTION_LOST),
        (TimeoutError("timed out"), FOLDER, faults.ConnectionFault, errors.CONNECTION_LOST),
        (EOFError(), ACCOUNT, faults.ConnectionFault, errors.CONNECTION_LOST),
        (ssl.SSLEOFError(8, "EOF"), MESSAGE, faults.ConnectionFault, errors.CONNECTION_LOST),
        (imaplib.IMAP4.abort("socket error: EOF"), MESSAGE, faults.ConnectionFault,
         errors.CONNECTION_LOST),
        (imaplib.IMAP4.error("got more than 1000000 bytes"), MESSAGE, faults.ConnectionFault,
         errors.CONNECTION_LOST),
        (imaplib.IMAP4.error("unexpected response: b'garbage'"), FOLDER, faults.ConnectionFault,
         errors.CONNECTION_LOST),
        (imaplib.IMAP4.abort("BYE [UNAVAILABLE] Too many connections"), ACCOUNT, faults.Throttled,
         errors.THROTTLED),
        # A tagged NO/BAD: by response code, then words, then what the command was about.
        (imaplib.IMAP4.error("UID command error: BAD [b'Failed to parse message set']"), MESSAGE,
         faults.MessageFault, errors.MESSAGE_REJECTED),
        (imaplib.IMAP4.error("select failed: Mailbox doesn't exist: Projects"), FOLDER,
         faults.FolderFault, errors.FOLDER_MISSING),
        (imaplib.IMAP4.error("APPEND failed: [TRYCREATE] Mailbox doesn't exist"), MESSAGE,
         faults.FolderFault, errors.FOLDER_MISSING),
        # Dovecot, to an APPEND in flight when its folder is deleted under it.
        (imaplib.IMAP4.error("APPEND failed: Mailbox was deleted under us"), MESSAGE,
         faults.FolderFault, errors.FOLDER_MISSING),
        (imaplib.IMAP4.error("select failed: [NOPERM] Permission denied"), FOLDER,
         faults.FolderFault, errors.FOLDER_REFUSED),
        (imaplib.IMAP4.error("NO [LIMIT] Too many commands, slow down"), MESSAGE,
         faults.Throttled, errors.THROTTLED),
        (imaplib.IMAP4.error("LIST failed: BAD internal error"), ACCOUNT, faults.AccountFault,
         errors.SERVER_REFUSED),
        (imaplib.IMAP4.error("select failed: [UNAVAILABLE] temporarily locked"), FOLDER,
         faults.FolderFault, errors.FOLDER_REFUSED),
        (imaplib.IMAP4.readonly("mailbox status changed to READ-ONLY"), FOLDER,
         faults.FolderFault, errors.FOLDER_REFUSED),
        # An answer that cannot be right: about what the command was about.
        (imapclient.exceptions.ProtocolError("Invalid UID: b'abc'"), FOLDER, faults.FolderFault,
         errors.BAD_SERVER_DATA),
        (imapclient.exceptions.ProtocolError("Invalid UID: b'abc'"), MESSAGE, faults.MessageFault,
         errors.BAD_SERVER_DATA),
        (ValueError("invalid literal for int()"), MESSAGE, faults.MessageFault,
         errors.BAD_SERVER_DATA),
        (imapclient.exceptions.IllegalStateError("not selected"), FOLDER, faults.ConnectionFault,
         errors.CONNECTION_LOST),
    ],
)
def test_answers_servers_give(
    exc: BaseException, scope: faults.Scope, expected: type[faults.Fault], code: str
) -> None:
    fault = faults.classify(exc, scope)
    assert type(fault) is expected
    assert fault.code == code
    assert "b'" not in fault.english()  # the server's words, never a bytes repr


@pytest.mark.parametrize(
    "text, expected, code",
    [
        ("[OVERQUOTA] Quota exceeded", faults.AccountStopped, errors.OVER_QUOTA),
        ("Mailbox is full", faults.AccountStopped, errors.OVER_QUOTA),
        ("[TOOBIG] Message too large", faults.MessageFault, errors.MESSAGE_TOO_LARGE),
        ("Message exceeds the size limit", faults.MessageFault, errors.MESSAGE_TOO_LARGE),
        ("Invalid header", faults.MessageFault, errors.MESSAGE_REJECTED),
        ("[TRYCREATE] no such mailbox", faults.FolderFault, errors.FOLDER_MISSING),
        ("Too many APPENDs, try again later", faults.Throttled, errors.THROTTLED),
    ],
)
def test_append_refusals(text: str, expected: type[faults.Fault], code: str) -> None:
    fault = faults.append_refusal(text, MESSAGE)
    assert type(fault) is expected and fault.code == code


def test_a_fault_and_an_engine_error_pass_as_their_level() -> None:
    stop = faults.AccountStopped(errors.OVER_QUOTA, host="h")
    assert faults.classify(stop, MESSAGE) is stop
    legacy = errors.TransientError(errors.CONNECTION_LOST, host="h")
    assert isinstance(faults.classify(legacy, MESSAGE), faults.ConnectionFault)
    # The old front-end classes keep meaning what they meant.
    assert isinstance(stop, errors.StopMove)
    assert isinstance(faults.Unreachable(errors.TIMEOUT), errors.ConnectError)
    assert isinstance(faults.Unreachable(errors.TIMEOUT), errors.TransientError)
    assert not isinstance(faults.SignInRefused(errors.AUTH_FAILED), errors.TransientError)


class _Conn(ImapConnection):
    def __init__(self) -> None:  # no super(): nothing to talk to
        self.account = Account("imap.test", "user")
        self.selected = None


@pytest.mark.parametrize("exc_type", LIBRARY, ids=lambda c: c.__qualname__)
def test_the_guard_lets_no_library_exception_through(exc_type: type[BaseException]) -> None:
    conn = _Conn()
    with pytest.raises(faults.Fault) as got:
        with conn.guard(folder="INBOX", uids=[3]):
            raise exc_type("whatever the server said")
    _one_class(got.value)


def test_a_bug_of_ours_is_not_taken_for_the_server() -> None:
    with pytest.raises(AttributeError):
        with _Conn().guard():
            raise AttributeError("a typo in our code")


def test_the_servers_own_trouble_is_told_apart() -> None:
    # Dovecot's answer to an APPEND in flight when its folder went away: worth one retry.
    assert faults.is_server_trouble("[SERVERBUG] Internal error occurred. Refer to server log")
    assert not faults.is_server_trouble("[OVERQUOTA] Quota exceeded")
