"""The address book's atomic output: mailmover.atomic, with its errors in contacts' words."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from mailmover.atomic import STALE_AGE, remove_stale_temp_files
from mailmover.atomic import atomic_output as _atomic_output

from .errors import ContactsError

__all__ = ["STALE_AGE", "atomic_output", "remove_stale_temp_files"]


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    try:
        with _atomic_output(path) as fh:
            yield fh
    except OSError as exc:
        raise ContactsError(
            "contacts.write_failed", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
