"""`mailmover verify` reads large messages in ranges (issue 23, item 11): its memory does
not grow with the size of a message, nor with a size the server announced, and its
digest still covers every byte."""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from mailmover.engine.transfer import Migration
from mailmover.engine.verify import Verification, verify
from tests.servers.conftest import Endpoint, behind
from tests.servers.test_matrix import _msg, migrate
from tests.support.hostile import LieAboutSizes

MB = 1024 * 1024


def _large(size: int, seed: int, flip_at: int | None = None) -> bytes:
    rng = random.Random(seed)
    line = b"".join(rng.choice(b"ABCDEFGHabcdefgh0123456789+/").to_bytes(1, "big")
                    for _ in range(76)) + b"\r\n"
    body = bytearray(line * (size // len(line)))
    if flip_at is not None:
        body[flip_at] = ord("Z") if body[flip_at] != ord("Z") else ord("Y")
    head = (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: large\r\n"
            b"Message-ID: <large@example.org>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
            b"Content-Type: application/octet-stream\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n")
    return head + bytes(body)


def _verify_measured(src: Endpoint, dst: Endpoint) -> tuple[Verification, int]:
    migration = Migration(src.account, dst.account, None)
    try:
        mappings = migration.plan(with_stats=False)
        a, b = migration.connections()
        tracemalloc.start()
        try:
            result = verify(a, b, mappings)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        migration.close()
    return result, peak


def test_verify_of_large_messages_holds_only_a_range_at_a_time(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    c = src.client()
    for i in range(3):
        c.append("INBOX", _large(12 * MB, seed=i), (b"\\Seen",))
    for i in range(5):
        c.append("INBOX", _msg(f"small-{i}", i), ())
    c.logout()
    run = migrate(src, dst, tmp_path / "state")
    assert run.code == 0, run.out + run.err

    result, peak = _verify_measured(src, dst)
    assert result.ok, result.to_dict()
    assert result.totals()["source_count"] == 8
    # Whole-message reading held at least one 12 MB message (and its copies).
    assert peak < 4 * MB, f"verify held {peak / MB:.1f} MB at once"

    # A server announcing 100 bytes for every message changes nothing.
    lie = LieAboutSizes()
    with behind(src, lie):
        lied, peak = _verify_measured(src, dst)
    assert lie.told > 0, "the lie was never told: the test proves nothing"
    assert lied.ok and peak < 4 * MB, (lied.to_dict(), peak)

    # One byte changed 10 MB into a copy is found: the digest covers every range.
    d = dst.client()
    d.select_folder("INBOX")
    uids = d.search(["SUBJECT", "large"])
    first = min(uids)
    raw = d.fetch([first], [b"BODY.PEEK[]"])[first][b"BODY[]"]
    d.delete_messages([first])
    d.expunge()
    at = len(raw) - 2 * MB
    d.append("INBOX", raw[:at] + (b"Z" if raw[at:at + 1] != b"Z" else b"Y") + raw[at + 1:])
    d.logout()
    changed, _ = _verify_measured(src, dst)
    t = changed.totals()
    assert (t["missing"], t["only_in_new"], t["duplicated"]) == (1, 1, 0), t
