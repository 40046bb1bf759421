"""Run the CLI as a separate process and SIGKILL it once the destination has N messages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from imapclient import IMAPClient

ROOT = Path(__file__).resolve().parents[2]


def cli_process(args: list[str], src_pw: str, dst_pw: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        MAILMOVER_SOURCE_PASSWORD=src_pw,
        MAILMOVER_TARGET_PASSWORD=dst_pw,
        PYTHONPATH=str(ROOT),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "mailmover", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def total_messages(c: IMAPClient, folders: list[str]) -> int:
    n = 0
    for f in folders:
        if c.folder_exists(f):
            n += int(c.folder_status(f, [b"MESSAGES"])[b"MESSAGES"])
    return n


def kill_when(
    proc: subprocess.Popen[bytes], dst: IMAPClient, folders: list[str], at_least: int
) -> int:
    """SIGKILL `proc` once the destination holds `at_least` messages; returns the count then."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        n = total_messages(dst, folders)
        if n >= at_least or proc.poll() is not None:
            break
        time.sleep(0.005)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    return n
