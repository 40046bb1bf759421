"""One move per destination mailbox at a time: an OS file lock the OS releases on death.

The lock lives in the user's data folder (not the state folder), keyed by the
destination account, so the wizard and the command line, with any `--state-dir`,
exclude each other. `fcntl.flock` (POSIX) and `msvcrt.locking` (Windows) are released
by the OS when the process dies, so a crash never leaves a stale lock behind; the
file's text (who, since when) is only for the message shown to the second move.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO

from mailmover.engine import errors


def lock_path(directory: Path, target_key: str) -> Path:
    """The lock file of one destination account (case-insensitive host and user)."""
    digest = hashlib.sha256(target_key.lower().encode("utf-8")).hexdigest()[:24]
    return directory / f"move-{digest}.lock"


class MoveLock:
    """Held for the whole of a move; `acquire` raises MOVE_IN_PROGRESS when taken."""

    def __init__(self, directory: Path, target_key: str, *, purpose: str = "move") -> None:
        self.path = lock_path(directory, target_key)
        self.target_key = target_key
        self.purpose = purpose
        self._file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        f = os.fdopen(fd, "r+b", buffering=0)
        if not _try_lock(f):
            holder = _read_holder(f)
            f.close()
            raise errors.MailMoverError(
                errors.MOVE_IN_PROGRESS,
                target=self.target_key,
                holder=holder.get("who", "?"),
                since=holder.get("since", "?"),
                pid=holder.get("pid", 0),
                # The same in parts, for front ends that say it in the user's language.
                program=holder.get("program", ""),
                computer=holder.get("computer", ""),
            )
        info = {
            "who": f"{holder_program(self.purpose)}, process {os.getpid()} "
            f"on {socket.gethostname()}",
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
            "pid": os.getpid(),
            "program": holder_program(self.purpose),
            "computer": socket.gethostname(),
            "target": self.target_key,
        }
        # The text sits after the locked first byte (Windows locks a byte range).
        f.seek(0)
        f.truncate()
        f.write(b"\n" + json.dumps(info, ensure_ascii=False).encode("utf-8"))
        self._file = f

    def release(self) -> None:
        f, self._file = self._file, None
        if f is None:
            return
        with contextlib.suppress(OSError):
            f.seek(0)
            f.truncate()
        _unlock(f)
        f.close()

    def __enter__(self) -> MoveLock:
        self.acquire()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def holder_program(purpose: str) -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "mailmover"
    return f"mailmover {purpose} ({name})"


def _read_holder(f: IO[bytes]) -> dict[str, object]:
    try:
        f.seek(1)  # byte 0 is the locked one
        text = f.read(4096).decode("utf-8", "replace").strip()
        value = json.loads(text) if text else {}
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI only
    import msvcrt

    def _try_lock(f: IO[bytes]) -> bool:
        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(f: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(f: IO[bytes]) -> bool:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(f: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
