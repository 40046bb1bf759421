"""PySide6 must not leak or steal references to True/None (6.12.0 aborts the app).

With 6.12.0 every `Signal.emit()` took one reference from `True`; after a few hundred
progress updates the interpreter died with `Fatal Python error: bool_dealloc`. These
tests measure the drift directly, so a bad Qt binding fails here rather than mid-move.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    progressed = Signal(int)
    flagged = Signal(bool)
    done = Signal()


def test_thousands_of_emits_leave_true_and_none_alone(qapp: object) -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.progressed.connect(seen.append)
    emitter.flagged.connect(seen.append)
    emitter.done.connect(lambda: seen.append(None))
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for i in range(3000):
        emitter.progressed.emit(i)
        emitter.flagged.emit(i % 2 == 0)
        emitter.done.emit()
        emitter.blockSignals(False)  # a Qt call returning a bool
        emitter.setObjectName("e")  # a Qt call returning nothing
    seen.clear()
    after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    # A few references may come and go with caches; thousands lost is the bug.
    assert all(abs(a - b) < 100 for a, b in zip(after, before, strict=True)), (before, after)


def test_start_and_quit_many_times_exits_cleanly() -> None:
    # The abort happened at interpreter exit (garbage collection), so run whole processes.
    script = textwrap.dedent(
        """
        import os
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QObject, Signal, QTimer
        from PySide6.QtWidgets import QApplication, QWizard
        class E(QObject):
            s = Signal(int)
        app = QApplication([])
        for _ in range(5):
            w = QWizard(); w.show()
            e = E(); e.s.connect(lambda v: None)
            for i in range(400):
                e.s.emit(i)
            QTimer.singleShot(0, w.close)
            w.deleteLater()
        QTimer.singleShot(0, app.quit)
        app.exec()
        """
    )
    for _ in range(5):
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
