"""`--shard K/N`: split one accounts list among several machines or job-runner tasks.

A row's shard depends on its target mailbox alone (a hash), not on its position: when
the IT office adds or reorders rows between runs, every existing account stays on the
machine that already moved it, so two machines never move into one mailbox.
"""

from __future__ import annotations

import hashlib
import re

from mailmover.batch.accounts import BatchInputError, Row


def parse_shard(text: str) -> tuple[int, int]:
    """ "K/N" with 1 <= K <= N (GNU parallel's {#}, or Slurm's 0-based task id + 1)."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise BatchInputError([f"--shard takes K/N with 1 <= K <= N, e.g. 2/4; not {text!r}"])
    return int(m.group(1)), int(m.group(2))


def shard_of(row: Row, count: int) -> int:
    """The shard (1..count) this row belongs to."""
    digest = hashlib.sha256(row.target_user.lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(rows: list[Row], k: int, n: int) -> list[Row]:
    return [row for row in rows if shard_of(row, n) == k]
