"""Atomic output: write a temporary file next to the target, fsync, then rename.

On any error the temporary file is removed, so a half-written address book never
appears under the name the user asked for (and an older file there stays intact).
The result keeps mkstemp's 0600 mode: it holds other people's phone numbers.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import ContactsError


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ContactsError("contacts.write_failed", path=str(path), reason=exc.strerror) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise ContactsError(
                "contacts.write_failed", path=str(path), reason=exc.strerror or str(exc)
            ) from exc
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; not possible (nor needed) on Windows."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
