"""Refusals that used to crash a move: a refused extra connection, a refused SELECT."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.servers.conftest import Endpoint, behind
from tests.servers.test_matrix import _msg, migrate
from tests.support.providers import Coremail, DropAppendFlags, RefuseSelect

CST = timezone(timedelta(hours=8))


def _fill_inbox(ep: Endpoint, n: int, folder: str = "INBOX") -> None:
    c = ep.client()
    if not c.folder_exists(folder):
        c.create_folder(folder)
    for i in range(n):
        c.append(folder, _msg(f"{folder}-{i}", i), (b"\\Seen",), datetime(2020, 1, 1, tzinfo=CST))
    c.logout()


def _count(ep: Endpoint, folder: str) -> int:
    c = ep.client()
    try:
        return int(c.select_folder(folder, readonly=True)[b"EXISTS"])
    finally:
        c.logout()


@pytest.mark.parametrize("kind", ["exmail", "exmail-bye"])
def test_fourth_connection_refused_means_fewer(
    kind: str, endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint(kind)
    _fill_inbox(src, 300)
    assert dst.proxy is not None
    # The user asked for 4: Exmail's preset limit (3) does not apply, the server's does.
    run = migrate(src, dst, tmp_path / "state", "--connections", "4")
    text = run.out + run.err
    assert "Traceback" not in text and "internal error" not in text, text
    assert run.code == 0, text
    assert dst.proxy.behaviour.refused_logins >= 1  # type: ignore[attr-defined]
    assert "fewer" in run.out and "transfer.fewer_connections" not in run.out, run.out
    # 300 APPENDs in a few seconds: Exmail's burst limit answers NO [UNAVAILABLE].
    assert dst.proxy.behaviour.refused_bursts >= 1  # type: ignore[attr-defined]
    assert "the server asked us to slow down" in run.out and "server.throttled" not in run.out
    assert _count(dst, "INBOX") == 300


def test_select_refused_during_planning_fails_only_that_folder(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill_inbox(src, 5)
    _fill_inbox(src, 4, "Locked")
    _fill_inbox(src, 3, "Open")
    with behind(src, RefuseSelect(mailboxes=frozenset({b"Locked"}))):
        run = migrate(src, dst, tmp_path / "state")
    text = run.out + run.err
    assert "Traceback" not in text and "internal error" not in text, text
    assert run.code == 1, text
    assert "temporarily locked by the administrator" in run.out, run.out
    assert (_count(dst, "INBOX"), _count(dst, "Open")) == (5, 3)
    # The report itself (what the wizard and a batch read) says the folder was not moved.
    assert run.report is not None and run.report["ok"] is False, run.report
    locked = [f for f in run.report["folders"] if f["source"] == "Locked"]
    assert locked and locked[0]["error"] == "folder.refused"


def test_flags_dropped_on_append_are_set_afterwards(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    c = src.client()
    flag_sets = [(b"\\Seen",), (b"\\Seen", b"\\Answered"), (b"\\Flagged",), (b"\\Seen", b"Work")]
    for i, flags in enumerate(flag_sets):
        c.append("INBOX", _msg(f"f{i}", i), flags, datetime(2020, 1, 1, tzinfo=CST))
    c.logout()
    with behind(dst, DropAppendFlags()):
        run = migrate(src, dst, tmp_path / "state")
    assert run.code == 0, run.out + run.err
    d: IMAPClient = dst.client()
    d.select_folder("INBOX", readonly=True)
    got = sorted(
        tuple(sorted(f for f in v[b"FLAGS"] if f != b"\\Recent"))
        for v in d.fetch(d.search("ALL"), ["FLAGS"]).values()
    )
    d.logout()
    assert got == sorted(tuple(sorted(f)) for f in flag_sets)


def test_coremail_emulation_refuses_select_without_id(
    endpoint: Callable[[str], Endpoint],
) -> None:
    ep = endpoint("coremail")
    c = IMAPClient("127.0.0.1", ep.account.port, ssl=False, timeout=10)
    c.login(ep.user, ep.password)
    assert b"ID" not in c.capabilities()
    with pytest.raises(Exception, match="Unsafe Login"):
        c.select_folder("INBOX")
    c.logout()


def test_unsafe_login_select_is_retried_after_id(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    """A server not known by its greeting (no ID sent up front) that refuses SELECT."""
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    _fill_inbox(src, 3)
    with behind(src, Coremail(greeting=None)) as proxy:
        run = migrate(src, dst, tmp_path / "state")
    assert run.code == 0, run.out + run.err
    assert proxy.behaviour.refused_selects >= 1  # type: ignore[attr-defined]
    assert _count(dst, "INBOX") == 3


def test_dates_a_server_does_not_keep_are_reported(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    c = src.client()
    for i in range(3):
        c.append("INBOX", _msg(f"d{i}", i), (b"\\Seen",), datetime(2015, 6, 1, tzinfo=CST))
    c.logout()
    with behind(dst, DropAppendFlags(dates=True)):
        run = migrate(src, dst, tmp_path / "state")
    text = run.out + run.err
    assert "did not keep the received date of 3 messages" in text, text
    assert "Traceback" not in text
