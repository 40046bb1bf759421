"""CI's run of the benchmark: a small mailbox through the latency proxy, checked for
exactness (bytes, flags, INTERNALDATE, no duplicates, a rerun copies nothing).
It asserts correctness only; speed is read from the printed table, never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def test_quick_benchmark_copies_exactly():
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--check", "--rtt", "0", "10"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    table = [
        line for line in proc.stdout.splitlines() if "mailmover ->" in line and "rerun" in line
    ]
    assert len(table) == 4  # two destinations at two round trips
    assert all(" yes rerun copied 0, present 150" in r for r in table)
