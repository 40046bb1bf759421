"""Keep the computer from going to sleep while mail is being moved (no Qt).

- Windows: ``SetThreadExecutionState(ES_CONTINUOUS | ES_SYSTEM_REQUIRED)`` on the thread
  that acquires; released with ``ES_CONTINUOUS`` alone (call both from the same thread).
- macOS: ``caffeinate -i -w PID`` (an IOPMAssertion held by Apple's own tool; it ends by
  itself when this process ends).
- Linux: ``systemd-inhibit --what=sleep:idle`` (logind) holding a small process that ends
  by itself when this process ends; where that is missing or refused (no logind, no
  session bus), nothing is held and `active` stays False.

Closing a laptop's lid still sleeps most laptops: the wizard says so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import time
from types import TracebackType

log = logging.getLogger(__name__)

WHY = "Moving mail to the new mailbox"
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
# How long a started inhibitor may take to fail before we call it held.
SETTLE_SECONDS = 0.3


class KeepAwake:
    """acquire() / release(), or a context manager; safe to call each twice."""

    def __init__(self, why: str = WHY) -> None:
        self.why = why
        self.method = ""  # "windows", "caffeinate", "systemd-inhibit" once held
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def active(self) -> bool:
        if self._process is not None:
            return self._process.poll() is None
        return self.method == "windows"

    def acquire(self) -> bool:
        """Hold the system awake; returns whether that worked on this system."""
        if self.active:
            return True
        try:
            if sys.platform == "win32":
                return self._windows(ES_CONTINUOUS | ES_SYSTEM_REQUIRED, "windows")
            if sys.platform == "darwin":
                return self._spawn(["caffeinate", "-i", "-w", str(os.getpid())], "caffeinate")
            return self._spawn(_linux_command(self.why), "systemd-inhibit")
        except OSError as exc:  # a missing tool or a refused call: the move goes on
            log.info("keep-awake not available: %s", exc)
            return False

    def release(self) -> None:
        if self.method == "windows":
            with contextlib.suppress(OSError):
                self._windows(ES_CONTINUOUS, "")
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=3)
        self.method = ""

    def __enter__(self) -> KeepAwake:
        self.acquire()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    # -- the platforms ------------------------------------------------------------------
    def _windows(self, flags: int, method: str) -> bool:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetThreadExecutionState.restype = ctypes.c_uint
        ok = bool(kernel32.SetThreadExecutionState(ctypes.c_uint(flags)))
        self.method = method if ok else ""
        return ok

    def _spawn(self, command: list[str] | None, method: str) -> bool:
        if not command or shutil.which(command[0]) is None:
            log.info("keep-awake: %s not found", command[0] if command else method)
            return False
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        # An inhibitor that is refused (no logind, no permission) exits at once.
        deadline = time.monotonic() + SETTLE_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        if process.poll() is not None:
            log.info("keep-awake: %s ended at once (code %s)", method, process.returncode)
            return False
        self._process, self.method = process, method
        return True


def _linux_command(why: str) -> list[str] | None:
    """systemd-inhibit holding a process that waits for this one (``tail --pid``), so the
    inhibitor ends with us even if we are killed."""
    waiter = ["tail", f"--pid={os.getpid()}", "-f", "/dev/null"]
    if shutil.which("tail") is None:
        return None
    return ["systemd-inhibit", "--what=sleep:idle", "--who=mailmover", f"--why={why}",
            "--mode=block", *waiter]
