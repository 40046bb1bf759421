"""One way of counting across runs: copies an earlier run of the same move made count as
copied by the move, not as mail found in the new mailbox (report, progress, wizard)."""

from __future__ import annotations

from typing import Protocol


class _Counts(Protocol):
    @property
    def copied(self) -> int: ...
    @property
    def present(self) -> int: ...
    @property
    def earlier(self) -> int: ...  # of `present`: copied by an earlier run of this move


class AcrossRuns:
    """For a class with `copied`, `present` and `earlier` counts."""

    @property
    def copied_by_move(self: _Counts) -> int:
        """Copied by this move, in this run or an earlier one (as people count)."""
        return self.copied + self.earlier

    @property
    def found_there(self: _Counts) -> int:
        """Already in the new mailbox, not put there by this move."""
        return self.present - self.earlier
