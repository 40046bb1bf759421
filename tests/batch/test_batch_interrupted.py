"""A batch killed (SIGKILL) or stopped (Ctrl-C) halfway, then rerun, ends exact."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from imapclient import IMAPClient

from tests.batch.conftest import content, pairs, rows_with_passwords, write_csv
from tests.support.killer import ROOT
from tests.support.mailbox import client, message

ACCOUNTS = 8
PER_ACCOUNT = 150


def _start(
    csv_path: Path, source_port: int, target_port: int, tmp: Path
) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), MAILMOVER_HOME=str(tmp / "home"))
    argv = [
        sys.executable,
        "-m",
        "mailmover",
        "batch",
        str(csv_path),
        "--source",
        f"imap+plain://127.0.0.1:{source_port}",
        "--target",
        f"imap+plain://127.0.0.1:{target_port}",
        "--state-dir",
        str(tmp / "state"),
        "--summary",
        str(tmp / "summary.csv"),
        "--parallel",
        "4",
    ]
    return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _arrived(watch: list[IMAPClient]) -> int:
    return sum(int(c.folder_status("INBOX", [b"MESSAGES"])[b"MESSAGES"]) for c in watch)


def _wait_for(proc: subprocess.Popen[bytes], watch: list[IMAPClient], at_least: int) -> int:
    deadline = time.monotonic() + 120
    n = 0
    while time.monotonic() < deadline and proc.poll() is None:
        n = _arrived(watch)
        if n >= at_least:
            break
        time.sleep(0.01)
    return n


def test_killed_then_interrupted_then_rerun_ends_exact(
    coremail_server, exmail_server, make_account, tmp_path
):
    accounts = pairs(make_account, coremail_server, exmail_server, ACCOUNTS)
    for i, (src, _) in enumerate(accounts):
        c = client(coremail_server, src.user, src.password)
        c.multiappend(
            "INBOX", [message(i * 1000 + j, body=b"k" * 3000) for j in range(PER_ACCOUNT)]
        )
        c.logout()
    csv_path = write_csv(tmp_path / "staff.csv", rows_with_passwords(accounts))
    total = ACCOUNTS * PER_ACCOUNT
    watch = [client(exmail_server, d.user, d.password) for _, d in accounts]
    try:
        # 1. SIGKILL a third of the way: no chance to clean up or write a last summary.
        proc = _start(csv_path, coremail_server.port, exmail_server.port, tmp_path)
        n = _wait_for(proc, watch, total // 3)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert 0 < n < total, n

        # 2. Ctrl-C two thirds of the way: it stops cleanly, says so, exit code 130.
        proc = _start(csv_path, coremail_server.port, exmail_server.port, tmp_path)
        n = _wait_for(proc, watch, 2 * total // 3)
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
        text = out.decode("utf-8", "replace")
        assert proc.returncode == 130, text
        assert "run the same command again" in text
        summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
        assert summary["batch"]["interrupted"] is True
        assert {a["state"] for a in summary["accounts"]} - {"done", "cancelled", "pending"} == set()
        assert _arrived(watch) < total
    finally:
        for c in watch:
            c.logout()

    # 3. Rerun: every account finishes, nothing doubled.
    proc = _start(csv_path, coremail_server.port, exmail_server.port, tmp_path)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out.decode("utf-8", "replace")
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert {a["state"] for a in summary["accounts"]} == {"done"}
    assert summary["totals"]["copied"] + summary["totals"]["already_there"] == total
    assert summary["totals"]["already_there"] > 0  # the earlier runs' work was kept
    for src, dst in accounts:
        assert content(exmail_server, dst.user, dst.password) == content(
            coremail_server, src.user, src.password
        )
