"""Many short workers through gui.worker.Threads, as fast as the GUI thread can start them.

Run as a subprocess by test_threads.py (a crash or a deadlock must not take pytest
with it). Prints one JSON object: results received, workers started, threads left.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mailmover.gui.worker import CallWorker, Threads  # noqa: E402


def main(rounds: int, per_round: int) -> int:
    app = QApplication.instance() or QApplication([])
    threads = Threads()
    received: list[object] = []
    for _ in range(rounds):
        for i in range(per_round):
            worker = CallWorker(lambda i=i: i)
            worker.result.connect(received.append)
            threads.start(worker)
            if i % 4 == 0:  # let some finish while others start
                QTest.qWait(0)
        end = time.monotonic() + 30
        while threads.busy() and time.monotonic() < end:
            QTest.qWait(5)
    threads.stop_all()
    app.processEvents()
    print(json.dumps({"received": len(received), "started": rounds * per_round,
                      "left": threads.busy()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
