"""The spool without a server: ranges assembled exactly, resumed after a cut, a server
that ignores ranges, never an empty copy."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.spool import Spool

BODY = bytes(range(256)) * 4000 + b"tail"  # 1,024,004 bytes


class Client:
    def __init__(self, body: bytes, *, cut_after: int | None = None, ranges: bool = True):
        self.body, self.cut_after, self.ranges = body, cut_after, ranges
        self.calls = 0

    def fetch(self, uids: list[int], items: list[bytes]) -> dict[int, dict[bytes, Any]]:
        self.calls += 1
        if self.cut_after is not None and self.calls > self.cut_after:
            raise OSError("connection reset by peer")
        item = items[0]
        if item == b"FLAGS":
            return {uids[0]: {b"FLAGS": (b"\\Seen",), b"INTERNALDATE": None}}
        m = re.match(rb"BODY\.PEEK\[\]<(\d+)\.(\d+)>", item)
        assert m is not None
        if not self.ranges:
            return {uids[0]: {b"BODY[]": self.body}}
        start, length = int(m.group(1)), int(m.group(2))
        return {uids[0]: {b"BODY[]<%d>" % start: self.body[start : start + length]}}


class Conn(ImapConnection):
    """The real guard (a cut becomes a ConnectionFault) over a scripted client."""

    def __init__(self, client: Client) -> None:  # no super(): no login
        self.client = client
        self.account = Account("test", "user")
        self.selected = "INBOX"


def test_ranges_are_assembled_exactly_and_resumed_after_a_cut(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "s", chunk=100_000)
    with pytest.raises(errors.TransientError):
        spool.fetch(Conn(Client(BODY, cut_after=4)), "INBOX", 7, 9)  # type: ignore[arg-type]
    assert spool.written == 300_000  # three ranges arrived before the cut
    client = Client(BODY)
    got = spool.fetch(Conn(client), "INBOX", 7, 9)  # type: ignore[arg-type]
    assert got is not None and spool.resumed == 1
    assert hashlib.sha256(got.raw).digest() == hashlib.sha256(BODY).digest()
    assert client.calls == 1 + 8  # flags, then ranges 300,000..1,024,004 only
    again = Client(BODY)
    assert spool.fetch(Conn(again), "INBOX", 7, 9).raw == BODY  # type: ignore[arg-type, union-attr]
    assert again.calls == 1 and spool.reused == 1  # sent again from the file
    spool.discard("INBOX", 7, 9)
    assert list((tmp_path / "s").iterdir()) == []


def test_a_server_that_ignores_ranges_still_gives_the_exact_message(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "s", chunk=100_000)
    got = spool.fetch(Conn(Client(BODY, ranges=False)), "INBOX", 1, 1)  # type: ignore[arg-type]
    assert got is not None and got.raw == BODY


def test_an_empty_answer_is_never_taken_for_an_empty_message(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "s", chunk=100_000)
    with pytest.raises(errors.TransientError):
        spool.fetch(Conn(Client(b"")), "INBOX", 1, 1)  # type: ignore[arg-type]


def test_clear_removes_every_file_and_the_folder(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "s", chunk=100_000)
    spool.fetch(Conn(Client(BODY)), "INBOX", 1, 1)  # type: ignore[arg-type]
    spool.clear()
    assert not (tmp_path / "s").exists()


def test_discard_removes_an_earlier_runs_file_and_costs_nothing_for_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(errors.TransientError):  # an earlier run, cut: its part file stays
        Spool(tmp_path / "s", chunk=100_000).fetch(
            Conn(Client(BODY, cut_after=2)),  # type: ignore[arg-type]
            "INBOX",
            7,
            9,
        )
    assert len(list((tmp_path / "s").iterdir())) == 1
    spool = Spool(tmp_path / "s", chunk=100_000)  # this run
    unlinked: list[Path] = []
    real_unlink = Path.unlink

    def unlink(path: Path, missing_ok: bool = False) -> None:
        unlinked.append(path)
        real_unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    for uid in range(10, 60):  # never spooled: not one unlink()
        spool.discard("INBOX", 7, uid)
    assert unlinked == []
    spool.discard("INBOX", 7, 9)  # copied another way this time: its file goes anyway
    assert len(unlinked) == 1 and list((tmp_path / "s").iterdir()) == []
