"""gui.worker.Threads frees its workers and threads safely, however fast they come and go.

With the workers freed by deleteLater and their Python side dropped as soon as Qt said
the thread had finished, this run froze (3 of 4 runs) or died with SIGSEGV: the CI saw
the latter in the wizard walk of test_fit. The run is a subprocess so that a crash or
a deadlock fails this test instead of ending pytest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_thousands_of_short_workers_neither_crash_nor_freeze() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        run = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-m", "tests.gui.threads_stress", "4", "3000"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError("the GUI thread and a worker waited for each other") from exc
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result == {"received": 12000, "started": 12000, "left": False}
