"""A shared 1,000-message source mailbox and a helper that moves until done."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from mailmover.engine.account import Account
from mailmover.engine.report import Report
from mailmover.engine.transfer import Migration, MoveOptions
from mailmover.engine.verify import Verification, verify
from tests.support.mailbox import client, message
from tests.support.moves import run_move

CORPUS_FOLDERS = {"INBOX": 700, "课题组/2020": 200, "已发送": 100}
ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"


@pytest.fixture(scope="session")
def corpus(coremail_server) -> tuple[object, str, str]:
    """(server, user, password) holding 1,000 messages of varied sizes in three folders."""
    user, password = "corpus", "c(o)r*p%us"
    coremail_server.add_user(user, password)
    c = client(coremail_server, user, password)
    rng = random.Random(7)
    n = 0
    for folder, count in CORPUS_FOLDERS.items():
        if folder != "INBOX":
            c.create_folder(folder)
        for _ in range(count):
            size = int(rng.lognormvariate(8.5, 1.2))  # median ~5 KB, a tail of 100s of KB
            body = (b"abcdefghij" * (size // 10 + 1))[:size] + b"\r\n"
            flags = [b"\\Seen"] if n % 3 else []
            c.append(folder, message(n, body=body, message_id=n % 50 != 0), flags)
            n += 1
    c.append("INBOX", message(1))  # a genuine duplicate
    c.logout()
    return coremail_server, user, password


@dataclass
class Outcome:
    runs: int = 0
    reports: list[Report] = field(default_factory=list)
    verification: Verification | None = None

    @property
    def missing(self) -> int:
        assert self.verification is not None
        return self.verification.totals()["missing"]

    @property
    def duplicated(self) -> int:
        assert self.verification is not None
        return self.verification.totals()["duplicated"]


def fast_options(**kw: object) -> MoveOptions:
    base = MoveOptions(backoff_initial=0.02, backoff_max=0.3, max_attempts=12)
    return replace(base, **kw)


@pytest.fixture
def move_until_done(tmp_path: Path) -> Callable[..., Outcome]:
    def move(
        src: Account,
        dst: Account,
        direct_dst: Account,
        direct_src: Account,
        options: MoveOptions | None = None,
        max_runs: int = 8,
    ) -> Outcome:
        outcome = Outcome()
        options = options or fast_options(saved_dir=tmp_path / "saved")
        for _ in range(max_runs):
            outcome.runs += 1
            report, _ = run_move(src, dst, tmp_path / "job.sqlite", options)
            outcome.reports.append(report)
            if (
                not report.stopped_reason
                and not report.cancelled
                and all(f.pending == 0 for f in report.folders)
            ):
                break
        # The truth, read straight from the servers without the proxy.
        mig = Migration(direct_src, direct_dst, None, options)
        try:
            mappings = mig.plan(with_stats=False)
            s, d = mig.connections()
            outcome.verification = verify(s, d, mappings)
        finally:
            mig.close()
        return outcome

    return move
