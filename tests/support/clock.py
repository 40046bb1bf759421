"""A clock the test moves by hand, for code that takes `clock=` (progress, backoff)."""

from __future__ import annotations


class FakeClock:
    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now
