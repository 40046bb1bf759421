"""Helpers for `mailmover batch` tests: many accounts on real Dovecot, a CSV, a run."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from mailmover.batch import cli as batch_cli
from mailmover.cli import Output
from tests.conftest import TestAccount
from tests.support.dovecot import DovecotServer, dovecot_binary
from tests.support.dovecot_master import MasterDovecotServer
from tests.support.mailbox import CST, client, message

# Folders of a generated source account and how many messages each gets, of 100.
FOLDERS = {"INBOX": 70, "已发送": 20, "课题组/2019": 10}


@pytest.fixture(scope="session")
def master_server() -> Iterator[MasterDovecotServer]:
    """A Dovecot with a master user (`admin`), as an IT office's own server has."""
    if dovecot_binary() is None:
        pytest.fail("dovecot is not installed: run the README's test command (tests/run)")
    server = MasterDovecotServer(separator="/").start()
    yield server
    server.stop()


def fill(server: DovecotServer, acc: TestAccount, per_account: int, *, seed: int) -> None:
    """`per_account` messages spread over FOLDERS (MULTIAPPEND: one round trip a folder)."""
    c = client(server, acc.user, acc.password)
    try:
        n = 0
        for folder, share in FOLDERS.items():
            count = per_account * share // 100 if folder != "INBOX" else 0
            if folder == "INBOX":
                count = per_account - sum(
                    per_account * s // 100 for f, s in FOLDERS.items() if f != "INBOX"
                )
            if folder != "INBOX" and not c.folder_exists(folder):
                c.create_folder(folder)
            msgs = []
            for i in range(n, n + count):
                raw = message(seed * 1000 + i, body=f"account {seed} message {i}\r\n".encode())
                flags = (b"\\Seen",) if i % 3 else ()
                when = datetime(2021, 1 + i % 12, 1 + i % 28, 9, i % 60, tzinfo=CST)
                msgs.append({"msg": raw, "flags": flags, "date": when})
            if msgs:
                c.multiappend(folder, msgs)
            n += count
    finally:
        c.logout()


def content(server: DovecotServer, user: str, password: str) -> Counter[tuple[str, str, str]]:
    """Multiset of (sha256 of bytes, flags, INTERNALDATE) over every folder of a mailbox.

    Folder names differ between the sides (roles map to the destination's names), so the
    whole mailbox is compared: nothing missing, nothing doubled, bytes and flags kept.
    """
    c = IMAPClient("127.0.0.1", server.port, ssl=False, timeout=30)
    c.normalise_times = False
    c.login(user, password)
    out: Counter[tuple[str, str, str]] = Counter()
    try:
        for flags, _, name in c.list_folders():
            if b"\\Noselect" in flags or b"\\NoSelect" in flags:
                continue
            c.select_folder(name, readonly=True)
            uids = c.search("ALL")
            if not uids:
                continue
            for item in c.fetch(uids, [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"]).values():
                kept = sorted(f.decode() for f in item[b"FLAGS"] if f.upper() != b"\\RECENT")
                when = item[b"INTERNALDATE"].astimezone(timezone.utc).isoformat()
                out[(hashlib.sha256(item[b"BODY[]"]).hexdigest(), " ".join(kept), when)] += 1
    finally:
        c.logout()
    return out


def write_csv(path: Path, rows: list[dict[str, str]], *, encoding: str = "utf-8") -> Path:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    path.chmod(0o600)
    return path


@dataclass
class BatchResult:
    code: int
    out: str
    err: str
    summary: dict[str, Any] | None

    def account(self, source_user: str) -> dict[str, Any]:
        assert self.summary is not None
        for row in self.summary["accounts"]:
            if row["source_user"] == source_user:
                return dict(row)
        raise KeyError(source_user)

    @property
    def states(self) -> Counter[str]:
        assert self.summary is not None
        return Counter(row["state"] for row in self.summary["accounts"])


@pytest.fixture
def run_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., BatchResult]:
    """Run `mailmover batch CSV --source ... --target ...` in-process."""
    # Destination locks live in the user's data folder: keep them in this test's folder.
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    state = tmp_path / "state"

    def run(
        accounts: Path, source: DovecotServer, target: DovecotServer, *extra: str
    ) -> BatchResult:
        summary = tmp_path / "summary.csv"
        if "--summary" in extra:
            summary = Path(extra[list(extra).index("--summary") + 1])
        for p in (summary, summary.with_suffix(".json")):
            p.unlink(missing_ok=True)
        out, err = io.StringIO(), io.StringIO()
        argv = [
            "batch",
            str(accounts),
            "--source",
            f"imap+plain://127.0.0.1:{source.port}",
            "--target",
            f"imap+plain://127.0.0.1:{target.port}",
            "--state-dir",
            str(state),
            *extra,
        ]
        if "--summary" not in extra:
            argv += ["--summary", str(summary)]
        code = batch_cli.main(argv, Output(out, err))
        js = summary.with_suffix(".json")
        data = json.loads(js.read_text(encoding="utf-8")) if js.exists() else None
        return BatchResult(code, out.getvalue(), err.getvalue(), data)

    return run


def pairs(
    make_account: Callable[..., TestAccount],
    source: DovecotServer,
    target: DovecotServer,
    n: int,
    *,
    per_account: int = 0,
) -> list[tuple[TestAccount, TestAccount]]:
    """`n` (source, target) accounts, each source filled with `per_account` messages."""
    out = []
    for i in range(n):
        src = make_account(source, f"s-{i}-pw")
        dst = make_account(target, f"t-{i}-pw")
        if per_account:
            fill(source, src, per_account, seed=i)
        out.append((src, dst))
    return out


def rows_with_passwords(accounts: list[tuple[TestAccount, TestAccount]]) -> list[dict[str, str]]:
    return [
        {
            "source_user": s.user,
            "target_user": t.user,
            "source_password": s.password,
            "target_password": t.password,
        }
        for s, t in accounts
    ]


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777
