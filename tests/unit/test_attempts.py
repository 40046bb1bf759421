"""Bounded attempts per message: set aside after `limit`, more tries in the final pass."""

from __future__ import annotations

from pathlib import Path

from mailmover.engine.attempts import Attempts
from mailmover.engine.imap.scan import Entry
from mailmover.engine.spool import Spool

BIG = Entry(7, 20_000_000, b"fp")


def test_a_message_blamed_limit_times_waits_for_the_final_pass() -> None:
    tries = Attempts(3, None)
    for _ in range(2):
        tries.blame("INBOX", BIG)
    assert not tries.waits("INBOX", 7)
    tries.blame("INBOX", BIG)
    assert tries.waits("INBOX", 7) and not tries.waits("INBOX", 8)
    tries.final_pass = True
    assert not tries.waits("INBOX", 7)  # its turn now
    for _ in range(6):
        tries.blame("INBOX", BIG)
    assert tries.waits("INBOX", 7)  # 9 attempts: left pending for the next run
    assert ("INBOX", 7) in tries.set_aside
    tries.copied("INBOX", 7)
    assert tries.set_aside == set()


def test_the_spooled_download_goes_once_the_copy_is_confirmed(tmp_path: Path) -> None:
    part, done = tmp_path / "x.part", tmp_path / "x.eml"
    paths = Spool(tmp_path)._paths("INBOX", 1, 7)
    for p in paths:
        p.write_bytes(b"mail")
    spool = Spool(tmp_path)  # a new run finds what an earlier one left
    tries = Attempts(3, spool)
    tries.confirmed("INBOX", 1, [BIG])
    assert all(p.exists() for p in paths)  # never handed to a copy in this run: not ours
    tries.handed("INBOX", [BIG])
    tries.confirmed("INBOX", 1, [BIG])
    assert not any(p.exists() for p in paths)
    assert not part.exists() and not done.exists()
