"""One move per destination mailbox at a time: an OS file lock the OS releases on death.

The lock is keyed on the destination's identity, not its spelling (issue 26): the
case-folded user at each address the host resolves to, and at the lower-cased name
itself — so `127.0.0.1` and `localhost`, or another port of the same server, meet. The
port is not part of it: one mailbox answers on 993 and 143 alike. The locks live in the
user's data folder (not the state folder), so the wizard and the command line, with any
`--state-dir`, exclude each other, and in a folder every OS user of the computer shares
(`<tempdir>/mailmover-locks`, sticky like /tmp; its files say only who and since, never
whose mailbox), so a second OS user's move stops too. Files are opened without following
links. `fcntl.flock` (POSIX) and `msvcrt.locking` (Windows) are released
by the OS when the process dies, so a crash never leaves a stale lock behind; the
file's text (who, since when) is only for the message shown to the second move.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import logging
import os
import socket
import stat
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO

from mailmover import safefiles
from mailmover.engine import errors
from mailmover.store_schema import local_error

log = logging.getLogger(__name__)


def identities(target_key: str) -> list[str]:
    """`user@host:port` as the mailbox's identities: the case-folded user at the
    lower-cased host name and at every address it resolves to (no port)."""
    user, _, hostport = target_key.rpartition("@")
    head, _, port = hostport.rpartition(":")
    host = (head if head and port.isdigit() else hostport).strip("[]").lower().rstrip(".")
    names = {_address(host) or host}
    try:
        for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP):
            address = _address(str(info[4][0]))
            if address:
                names.add(address)
    except (OSError, UnicodeError):
        pass  # unresolvable now: the name alone (the move will not connect anyway)
    return sorted(f"{user.casefold()}@{n}" for n in names)


def _address(text: str) -> str | None:
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.compressed


def lock_path(directory: Path, identity: str) -> Path:
    """The lock file of one identity of a destination mailbox."""
    digest = hashlib.sha256(identity.lower().encode("utf-8")).hexdigest()[:24]
    return directory / f"move-{digest}.lock"


def shared_dir() -> Path | None:
    """The lock folder every OS user shares (POSIX: sticky and world-writable like
    /tmp). None where it cannot be trusted (a link, not sticky) or on Windows, whose
    temporary folder is per user."""
    if sys.platform == "win32":  # pragma: no cover
        return None
    base = os.environ.get("MAILMOVER_SHARED_LOCKS") or tempfile.gettempdir()
    path = Path(base) / "mailmover-locks"
    try:
        try:
            os.mkdir(path, 0o1777)
            os.chmod(path, 0o1777)
        except FileExistsError:
            pass
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode) or not st.st_mode & stat.S_ISVTX:
            log.warning("%s is not a sticky folder; the shared move lock is not used", path)
            return None
        return path
    except OSError as exc:
        log.warning("cannot use the shared lock folder %s: %s", path, exc)
        return None


class MoveLock:
    """Held for the whole of a move; `acquire` raises MOVE_IN_PROGRESS when taken."""

    def __init__(
        self,
        directory: Path,
        target_key: str,
        *,
        purpose: str = "move",
        shared: Path | None | bool = True,
    ) -> None:
        self.directory = directory
        self.target_key = target_key
        self.purpose = purpose
        self.shared = shared
        self.path = lock_path(directory, target_key)
        self._files: list[IO[bytes]] = []

    @property
    def held(self) -> bool:
        return bool(self._files)

    def _places(self) -> list[tuple[Path, bool]]:
        shared = shared_dir() if self.shared is True else (self.shared or None)
        keys = identities(self.target_key)
        places = [(lock_path(self.directory, k), True) for k in keys]
        if shared is not None:
            places += [(lock_path(shared, k), False) for k in keys]
        return places

    def acquire(self) -> None:
        if self._files:
            return
        try:
            safefiles.ensure_dir(self.directory)
            for path, own in self._places():
                self._take(path, own)
        except errors.MailMoverError:
            self.release()
            raise
        except OSError as exc:
            self.release()
            raise local_error(exc, self.directory) or exc from None
        except BaseException:
            self.release()
            raise

    def _take(self, path: Path, own: bool) -> None:
        f: IO[bytes] | None
        if own:
            f = os.fdopen(safefiles.open_own(path, os.O_RDWR), "r+b", buffering=0)
        else:
            f = _open_shared(path)
        if f is None:
            return
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
        info: dict[str, object] = {
            "who": f"{holder_program(self.purpose)}, process {os.getpid()} "
            f"on {socket.gethostname()}",
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
            "pid": os.getpid(),
            "program": holder_program(self.purpose),
            "computer": socket.gethostname(),
        }
        if own:
            info["target"] = self.target_key  # the shared files never say whose mailbox
        # The text sits after the locked first byte (Windows locks a byte range).
        with contextlib.suppress(OSError):  # a shared file of another user: read-only
            f.seek(0)
            f.truncate()
            f.write(b"\n" + json.dumps(info, ensure_ascii=False).encode("utf-8"))
        self._files.append(f)

    def release(self) -> None:
        files, self._files = self._files, []
        for f in reversed(files):
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


def _open_shared(path: Path) -> IO[bytes] | None:
    """A lock file in the shared folder: made world-readable (others must open it to
    lock it), opened read-only when another user made it; never through a link."""
    flags = safefiles.NOFOLLOW | safefiles.CLOEXEC
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o644)
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o644)
    except PermissionError:
        try:
            fd = os.open(path, os.O_RDONLY | flags)
        except OSError as exc:
            log.warning("cannot open the shared lock %s: %s", path, exc)
            return None
    except OSError as exc:  # a planted link (ELOOP) or worse: the per-user lock still holds
        log.warning("cannot open the shared lock %s: %s", path, exc)
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return os.fdopen(fd, "r+b", buffering=0)  # writes to a read-only one fail, suppressed


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
