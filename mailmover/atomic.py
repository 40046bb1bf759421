"""The one atomic writer: a temporary file next to the target, fsync, then rename.

Reports, summaries, address books and saved messages all go through it. On any error
the temporary file is removed, so a half-written file never appears under the name
asked for (and an older file there stays intact). The result keeps mkstemp's 0600 mode:
these files hold mail and other people's phone numbers.

A killed process (SIGKILL, power cut) cannot remove its temporary file, so each run first
removes the stale ones left next to the same target: ``.NAME.PID.XXXXXXXX.tmp`` whose
process is gone (on Windows, where a process cannot be probed safely, and for names from
before the PID was recorded: older than STALE_AGE). A conversion still running elsewhere
keeps its file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from mailmover import safefiles

# A temporary file whose owner cannot be checked is stale after this many seconds; a
# conversion writes its file within seconds, even for 100,000 contacts.
STALE_AGE = 15 * 60


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    directory = path.parent if str(path.parent) else Path(".")
    remove_stale_temp_files(path)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=directory
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_directory(directory)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a whole file at once (text as UTF-8), creating its folder (0700)."""
    safefiles.ensure_dir(Path(path).parent, check=False)
    with atomic_output(Path(path)) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


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


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Remove temporary files of earlier, killed runs writing ``path``; return them."""
    directory = path.parent if str(path.parent) else Path(".")
    # mkstemp's random part is 8 characters of [a-z0-9_]; older runs wrote no PID.
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed  # mkstemp will report the directory problem
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match.group(1)) if match.group(1) else None
        if pid == os.getpid() or not _is_stale(entry, pid):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _is_stale(entry: os.DirEntry[str], pid: int | None) -> bool:
    if pid is not None and os.name == "posix":
        return not _process_exists(pid)
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    return age > STALE_AGE


def _process_exists(pid: int) -> bool:
    """POSIX only: signal 0 checks for a process without touching it. (On Windows
    os.kill would terminate it, hence the age rule there.)"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return True  # unsure: keep the file
    return True
