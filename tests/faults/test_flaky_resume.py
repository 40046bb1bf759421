"""After a cut, go on from where it stopped: large downloads resume from the spool, a cut
APPEND is sent again from it, and a folder is not read again from the start."""

from __future__ import annotations

import base64
import hashlib
import random
import stat
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

import mailmover.engine.sides as sides
from mailmover.engine import errors
from mailmover.engine.imap.connect import connect
from mailmover.engine.options import MoveOptions
from mailmover.engine.spool import Spool
from tests.support.faultproxy import DROP, ByteCuts, Fault, FaultProxy
from tests.support.flaky import Mailbox, converge, exactness, spool_files
from tests.support.mailbox import client, message

MB = 1024 * 1024


def _big(n: int, mb: int) -> bytes:
    data = base64.encodebytes(random.Random(n).randbytes(mb * MB * 3 // 4))
    return message(n, body=data.replace(b"\n", b"\r\n"))


def _options(tmp_path: Path, **kw: object) -> MoveOptions:
    base = MoveOptions(
        saved_dir=tmp_path / "saved", spool_dir=tmp_path / "spool", lock_dir=tmp_path / "locks"
    )
    return replace(base, **kw)


def test_spool_resumes_a_cut_download_in_an_owner_only_file(
    coremail_server, make_account, tmp_path
):
    acc = make_account(coremail_server, "sp(o)ol")
    c = client(coremail_server, acc.user, acc.password)
    c.append("INBOX", _big(1, 3), [b"\\Seen", b"\\Flagged"])
    c.select_folder("INBOX", readonly=True)
    uid = c.search("ALL")[0]
    stored = c.fetch([uid], [b"BODY.PEEK[]", b"INTERNALDATE"])[uid]
    c.logout()
    cut = Fault(DROP, direction="s2c", after_bytes=1_200_000)
    spool = Spool(tmp_path / "spool", chunk=256 * 1024, threshold=1)
    with FaultProxy(coremail_server.port, faults=[cut]) as proxy:
        via = replace(acc.account(), port=proxy.port)
        first = connect(via)
        info = first.client.select_folder("INBOX", readonly=True)
        validity = int(info[b"UIDVALIDITY"])
        with pytest.raises(errors.TransientError):
            spool.fetch(first, "INBOX", validity, uid)
        first.close()
        parts = list((tmp_path / "spool").iterdir())
        assert len(parts) == 1 and parts[0].suffix == ".part"
        have = parts[0].stat().st_size
        assert 0 < have < len(stored[b"BODY[]"]) and have % (256 * 1024) == 0
        assert stat.S_IMODE(parts[0].stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "spool").stat().st_mode) == 0o700
        second = connect(via)
        second.client.select_folder("INBOX", readonly=True)
        before = proxy.bytes["s2c"]
        got = spool.fetch(second, "INBOX", validity, uid)
        fetched = proxy.bytes["s2c"] - before
        second.close()
    assert got is not None and spool.resumed == 1
    assert hashlib.sha256(got.raw).digest() == hashlib.sha256(stored[b"BODY[]"]).digest()
    assert fetched < len(got.raw) - have + 200_000  # only the rest travelled again
    assert set(got.flags) >= {b"\\Seen", b"\\Flagged"}
    assert got.when == stored[b"INTERNALDATE"]
    spool.discard("INBOX", validity, uid)
    assert list((tmp_path / "spool").iterdir()) == []


def test_a_message_larger_than_any_connection_lives_is_still_copied(
    coremail_server, exmail_server, make_account, tmp_path
):
    """Every source connection is cut after 1.5-2.5 MB, so a 6 MB message can never be
    downloaded in one piece: it arrives range by range, byte-identical, in one run."""
    s, d = make_account(coremail_server, "s"), make_account(exmail_server, "d")
    c = client(coremail_server, s.user, s.password)
    c.append("INBOX", _big(2, 6), [b"\\Seen"])
    for i in range(10):
        c.append("INBOX", message(10 + i), [])
    c.logout()
    cuts = ByteCuts(3, p=1.0, low=1_500_000, high=2_500_000)
    with FaultProxy(coremail_server.port, byte_cuts=cuts) as sp:
        trace = converge(
            replace(s.account(), port=sp.port), d.account(), tmp_path / "j.sqlite",
            _options(tmp_path), Mailbox(11, 10**9, {}), max_runs=1,
        )  # fmt: skip
    assert trace.reports[0].ok and cuts.cuts >= 3
    check = exactness(s.account(), d.account(), trace.mappings)
    assert (check.missing, check.extra) == (0, 0)
    assert spool_files(tmp_path / "spool") == []


def test_a_cut_append_is_sent_again_from_the_spool_without_downloading_again(
    coremail_server, exmail_server, make_account, tmp_path
):
    s, d = make_account(coremail_server, "s"), make_account(exmail_server, "d")
    c = client(coremail_server, s.user, s.password)
    raw = _big(4, 6)
    c.append("INBOX", raw, [b"\\Answered"])
    c.logout()
    cut_upload = Fault(DROP, direction="c2s", after_bytes=3_000_000, repeat=2)
    with (
        FaultProxy(coremail_server.port) as sp,
        FaultProxy(exmail_server.port, faults=[cut_upload]) as dp,
    ):
        trace = converge(
            replace(s.account(), port=sp.port), replace(d.account(), port=dp.port),
            tmp_path / "j.sqlite", _options(tmp_path), Mailbox(1, 10**9, {}), max_runs=1,
        )  # fmt: skip
        downloaded = sp.bytes["s2c"]
    assert cut_upload.fired == 2 and trace.reports[0].ok
    assert downloaded < 1.3 * len(raw), "downloaded once, sent three times"
    check = exactness(s.account(), d.account(), trace.mappings)
    assert (check.missing, check.extra) == (0, 0)


def test_after_a_cut_a_folder_is_brought_up_to_date_not_read_again(
    coremail_server, exmail_server, make_account, tmp_path, monkeypatch
):
    """Each folder is scanned in full once per side per run; the retries after each cut
    read only what changed (the destination's new UIDs)."""
    s, d = make_account(coremail_server, "s"), make_account(exmail_server, "d")
    c = client(coremail_server, s.user, s.password)
    folders = ["INBOX", "甲", "乙"]
    for f in folders[1:]:
        c.create_folder(f)
    for i in range(240):
        c.append(folders[i % 3], message(i, body=b"line of text\r\n" * 1500), [b"\\Seen"])
    c.logout()
    scans: Counter[int] = Counter()
    real_scan = sides.scan

    def counting(conn, exists, *a, **kw):  # type: ignore[no-untyped-def]
        scans[id(conn)] += 1
        return real_scan(conn, exists, *a, **kw)

    real_group = sides.group_scan.read_folders

    def counting_group(conn, folders, **kw):  # type: ignore[no-untyped-def]
        got = real_group(conn, folders, **kw)  # several folders read at once
        scans[id(conn)] += len(got)
        return got

    monkeypatch.setattr(sides, "scan", counting)
    monkeypatch.setattr(sides.group_scan, "read_folders", counting_group)
    cuts = ByteCuts(5, p=1.0, low=300_000, high=600_000)
    with FaultProxy(exmail_server.port, byte_cuts=cuts) as dp:
        trace = converge(
            s.account(), replace(d.account(), port=dp.port), tmp_path / "j.sqlite",
            _options(tmp_path, connections=2), Mailbox(240, 10**9, {}), max_runs=1,
        )  # fmt: skip
    assert trace.reports[0].ok and trace.retries >= 4
    assert sum(scans.values()) == 2 * len(folders)  # once per folder and side
    check = exactness(s.account(), d.account(), trace.mappings)
    assert (check.missing, check.extra) == (0, 0)
