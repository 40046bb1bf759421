"""The appender's bytes, checked against the APPEND grammar by a strict scripted peer.

Dovecot accepts `APPEND "INBOX" (\\Seen){12}` without the space before the literal;
RFC 3501 does not, and neither do pymap or (possibly) Exmail. These tests need no server.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, cast

import pytest

from mailmover.engine.imap.append import Appender, AppendItem
from tests.unit.strict_server import Appended, FakeConnection, StrictServer

CST = timezone(timedelta(hours=8))
WHEN = datetime(2019, 1, 1, 9, 0, 0, tzinfo=CST)


def _appender(server: StrictServer, **kw: Any) -> Appender:
    return Appender(cast(Any, FakeConnection(server)), "INBOX", **kw)


def _items(n: int, size: int = 100, **kw: Any) -> list[AppendItem]:
    return [
        AppendItem(key=i, raw=(b"Subject: %d\r\n\r\n" % i).ljust(size, b"x"), **kw)
        for i in range(n)
    ]


def _run(appender: Appender, items: list[AppendItem]) -> dict[object, bool]:
    results = []
    for item in items:
        results += appender.submit(item)
    results += appender.flush()
    return {r.item.key: r.ok for r in results}


@pytest.mark.parametrize(
    "flags,when",
    [((), None), ((b"\\Seen",), None), ((), WHEN), ((b"\\Seen", b"$Label1"), WHEN)],
    ids=["bare", "flags", "date", "flags+date"],
)
@pytest.mark.parametrize(
    "caps",
    [
        {},
        {"literal_minus": True},
        {"literal_plus": True},
        {"literal_plus": True, "multiappend": True},
    ],
    ids=["synchronising", "LITERAL-", "LITERAL+", "MULTIAPPEND"],
)
def test_every_append_form_is_grammatical(
    caps: dict[str, bool], flags: tuple[bytes, ...], when: datetime | None
) -> None:
    server = StrictServer(**caps)
    items = _items(5, flags=flags, when=when)
    outcome = _run(_appender(server), items)
    assert server.violations == []
    assert outcome == {i: True for i in range(5)}
    assert [a.body for a in server.appended] == [it.raw for it in items]
    for a in server.appended:
        assert a.flags == (b"(" + b" ".join(flags) + b")")
        assert (a.date is not None) == (when is not None)


def test_synchronising_literal_waits_for_continuation_per_message() -> None:
    server = StrictServer()
    _run(_appender(server), _items(3))
    assert server.continuations == 3
    assert server.violations == []


def test_literal_minus_only_for_small_messages() -> None:
    server = StrictServer(literal_minus=True)
    items = _items(1, size=100) + [AppendItem(key="big", raw=b"Subject: b\r\n\r\n" + b"y" * 5000)]
    outcome = _run(_appender(server), items)
    assert server.violations == []
    assert outcome == {0: True, "big": True}
    assert server.continuations == 1  # only the message over 4096 bytes waited for "+"


def test_literal_plus_sends_without_waiting() -> None:
    server = StrictServer(literal_plus=True)
    _run(_appender(server), _items(10))
    assert server.continuations == 0
    assert len(server.appended) == 10


def test_multiappend_groups_and_gets_every_uid() -> None:
    server = StrictServer(literal_plus=True, multiappend=True)
    appender = _appender(server, group_count=4)
    results = []
    for item in _items(10):
        results += appender.submit(item)
    results += appender.flush()
    assert server.violations == []
    assert len(server.commands) == 3  # 4 + 4 + 2
    assert sorted(r.uid for r in results if r.uid is not None) == list(range(1, 11))


def test_refused_message_reports_server_words_and_others_go_on() -> None:
    def refuse(msgs: list[Appended]) -> bytes | None:
        hit = any(b"Subject: 2\r\n" in m.body for m in msgs)
        return b"[LIMIT] message too large" if hit else None

    server = StrictServer(refuse=refuse)
    appender = _appender(server)
    results = []
    for item in _items(4):
        results += appender.submit(item)
    results += appender.flush()
    by_key = {r.item.key: r for r in results}
    assert [k for k, r in by_key.items() if not r.ok] == [2]
    assert "too large" in by_key[2].text
    assert len(server.appended) == 3


def test_refused_multiappend_group_is_resent_one_by_one() -> None:
    def refuse(msgs: list[Appended]) -> bytes | None:
        return b"refused" if any(b"Subject: 1\r\n" in m.body for m in msgs) else None

    server = StrictServer(literal_plus=True, multiappend=True, refuse=refuse)
    outcome = _run(_appender(server, group_count=5), _items(5))
    assert outcome == {0: True, 1: False, 2: True, 3: True, 4: True}
    assert sorted(int(a.body.split(b"\r\n")[0].split(b" ")[1]) for a in server.appended) == [
        0, 2, 3, 4
    ]


def test_the_strict_peer_rejects_a_literal_without_its_space() -> None:
    # The peer itself must be able to fail: the old bytes are refused.
    server = StrictServer()
    server.send(b'MM1 APPEND "INBOX" (\\Seen) "01-Jan-2019 09:00:00 +0800"{5}\r\n')
    assert server.violations and server.readline().startswith(b"MM1 BAD")


def test_switching_mailbox_keeps_what_is_in_flight_in_its_own() -> None:
    """Several folders in flight: a group is sent before the switch, and a refused
    MULTIAPPEND group is sent again, one by one, into the mailbox it was meant for."""

    def refuse(msgs: list[Appended]) -> bytes | None:
        grouped = len(msgs) > 1 and any(b"Subject: 1\r\n" in m.body for m in msgs)
        return b"refused" if grouped else None

    server = StrictServer(literal_plus=True, multiappend=True, refuse=refuse)
    appender = _appender(server, group_count=3)
    items = _items(6)
    results = []
    for item in items[:3]:  # a full group into INBOX: sent, answered later
        results += appender.submit(item)
    appender.set_mailbox("Archive")
    results += appender.submit(items[3])
    appender.set_mailbox("Sent")  # the open group (3) goes to Archive first
    for item in items[4:]:
        results += appender.submit(item)
    results += appender.flush()
    assert server.violations == []
    assert all(r.ok for r in results) and len(results) == 6
    where = {int(a.body.split(b"\r\n")[0].split(b" ")[1]): a.mailbox for a in server.appended}
    assert where == {
        0: b'"INBOX"',
        1: b'"INBOX"',
        2: b'"INBOX"',
        3: b'"Archive"',
        4: b'"Sent"',
        5: b'"Sent"',
    }


@pytest.mark.parametrize(
    "caps",
    [{}, {"literal_plus": True}, {"literal_plus": True, "multiappend": True}],
    ids=["synchronising", "LITERAL+", "MULTIAPPEND"],
)
def test_collect_one_sends_what_is_grouped_and_reads_answers_one_at_a_time(
    caps: dict[str, bool],
) -> None:
    # An appender waiting for more to send collects answers one by one (it goes back to
    # sending as soon as there is more), never waiting for an answer to something unsent.
    server = StrictServer(**caps)
    appender = _appender(server)
    results = []
    for item in _items(4):
        results += appender.submit(item)
    rounds = 0
    while appender.pending:
        results += appender.collect_one()
        rounds += 1
        assert rounds < 20, "no answer came for what was sent"
    assert appender.collect_one() == []  # nothing due: returns at once
    assert server.violations == []
    assert sorted(r.item.key for r in results if r.ok) == [0, 1, 2, 3]
    assert [a.body for a in server.appended] == [it.raw for it in _items(4)]
