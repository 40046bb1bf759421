"""What bounds a copy's memory: the bytes in flight, and freed buffers given back."""

from __future__ import annotations

import ctypes
import sys
import threading

_BIG_BUFFER = 1024 * 1024
_heap_tuned = False


def return_big_buffers_to_the_os() -> None:
    """Make glibc give a freed message buffer back to the OS at once (Linux only).

    glibc raises its mmap threshold to the size of the last freed big block (up to
    32 MB), so after the first 25 MB message every later one is carved from a per-thread
    heap arena and stays resident when freed: with eight worker threads that is several
    copies of the largest message held for nothing. A fixed threshold keeps every buffer
    of 1 MB or more in its own mapping, unmapped when freed. Harmless elsewhere.
    """
    global _heap_tuned
    if _heap_tuned or not sys.platform.startswith("linux"):
        return
    _heap_tuned = True
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl or no libc symbols: nothing to tune
        return
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, _BIG_BUFFER)
    mallopt(m_trim_threshold, 2 * _BIG_BUFFER)


NEAR_IN_FLIGHT = 8 * 1024 * 1024
FAR_IN_FLIGHT = 16 * 1024 * 1024
_FAR = 0.020  # seconds, both round trips together: the far figure from here on


def in_flight_for(round_trip: float | None) -> int:
    """Bytes in flight for a copy whose source and destination round trips add up to
    `round_trip` seconds. A message is held from its FETCH to its APPEND's answer, so
    the further the servers, the more must be in flight to keep both links busy
    (measured, README: 16 MB moved 1.4-1.7x as fast as 8 MB at 20 ms each way into a
    LITERAL+ server). Unknown: the near figure, which is enough on a near link."""
    if not round_trip or round_trip <= 0:
        return NEAR_IN_FLIGHT
    share = min(1.0, round_trip / _FAR)
    return NEAR_IN_FLIGHT + int((FAR_IN_FLIGHT - NEAR_IN_FLIGHT) * share)


class ByteBudget:
    """Bytes fetched but not yet answered by the destination, across all pairs."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.used = 0
        self._cond = threading.Condition()

    def acquire(self, n: int, stop: threading.Event) -> bool:
        """Wait for room; a message larger than the whole budget goes when alone."""
        with self._cond:
            while self.used and self.used + n > self.limit:
                if stop.is_set():
                    return False
                self._cond.wait(0.2)
            if stop.is_set():
                return False
            self.used += n
            return True

    def try_acquire(self, n: int) -> bool:
        """Take room at once if there is some (a message larger than the whole budget:
        only when nothing else is in flight); never waits."""
        with self._cond:
            if self.used and self.used + n > self.limit:
                return False
            self.used += n
            return True

    def release(self, n: int) -> None:
        with self._cond:
            self.used = max(0, self.used - n)
            self._cond.notify_all()
