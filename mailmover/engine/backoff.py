"""How long to wait before trying again, by cause.

- A dropped connection (a flaky Wi-Fi, a VPN cut): reconnect at once, then wait briefly,
  doubling up to a few seconds; any progress starts again from "at once". Given up after
  `max_attempts` failures in a row without progress.
- A network that is not there (connection refused, no route, name not found, connect
  timeout: a laptop just woke up or changed networks): the same short waits, for as long
  as `patience` seconds without progress, so the move resumes by itself when it is back.
- A server that says "slow down" (`[UNAVAILABLE]`, `[LIMIT]`, "try again later"): long
  pauses, doubling up to `throttle_max`; they reset after progress too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from mailmover.engine import errors

THROTTLE_CODES = frozenset({errors.THROTTLED})
OFFLINE_CODES = frozenset(
    {errors.CONNECTION_REFUSED, errors.NETWORK, errors.HOST_NOT_FOUND, errors.TIMEOUT}
)


class Backoff:
    def __init__(
        self,
        *,
        initial: float = 1.0,
        network_max: float = 4.0,
        throttle_max: float = 60.0,
        max_attempts: int = 8,
        patience: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.initial = initial
        self.network_max = network_max
        self.throttle_max = throttle_max
        self.max_attempts = max_attempts
        self.patience = patience
        self._clock = clock
        self.attempts = 0  # failures since the last progress
        self._since = clock()  # last progress (or the start)

    def progressed(self) -> None:
        self.attempts = 0
        self._since = self._clock()

    def next_delay(self, code: str) -> float | None:
        """The wait before the next attempt, or None: time to give up."""
        self.attempts += 1
        if self.attempts > self.max_attempts:
            if code not in OFFLINE_CODES or self._clock() - self._since > self.patience:
                return None
        if code in THROTTLE_CODES:
            # Slowing down is what the server asked for: start well above a reconnect.
            return min(5 * self.initial * 2.0 ** (self.attempts - 1), self.throttle_max)
        if self.attempts == 1:
            return 0.0
        return min(self.initial * 0.5 * 2.0 ** (self.attempts - 2), self.network_max)
