"""Opening files and folders on a computer other people share (issue 26).

- Never follow a link we did not make: every open uses `O_NOFOLLOW`; a new file is made
  with `O_EXCL`, so a planted name (a symlink to `~/.bashrc`) is refused, not written.
- Whatever the umask: every folder we create, parents included, is 0700 and every file
  0600 (set with chmod after creation: `mkdir(mode=)` is masked by the umask).
- An existing state folder must belong to the user and be writable by nobody else;
  otherwise a plain refusal (another user could swap its files). A filesystem without
  permissions (exFAT) is told apart by a probe file and used; a move warns once.
- Windows has no such modes (ACLs of the user's profile protect it): the checks are
  skipped there, the flags that do not exist are 0.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
BINARY = getattr(os, "O_BINARY", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
POSIX = sys.platform != "win32"
_modes_by_dev: dict[int, bool] = {}
_warned_no_modes: set[int] = set()


class UnsafePath(OSError):
    """A path another user could control: refused with a plain sentence."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.where, self.reason = str(path), reason


def _owner_ok(st: os.stat_result) -> bool:
    return not POSIX or st.st_uid == os.getuid()


def check_dir(path: Path) -> None:
    """An existing folder we keep state in: a real folder (no link), ours, not group or
    world writable (unless its filesystem has no permissions at all: warned once)."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePath(path, "it is a symbolic link; mailmover keeps its files only "
                         "in a real folder of yours")
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafePath(path, "it is not a folder")
    if not POSIX:
        return
    if st.st_uid != os.getuid():
        raise UnsafePath(path, "it belongs to another user; mailmover keeps its files "
                         "only in a folder of yours")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and honours_modes(path):
        raise UnsafePath(path, "other users can change it (mode "
                         f"{stat.S_IMODE(st.st_mode):o}); make it yours only: chmod 700 {path}")


def ensure_dir(path: Path, *, check: bool = True) -> Path:
    """Make `path` and any missing parents 0700 (whatever the umask); check the folder
    itself when it existed."""
    path = Path(path)
    missing: list[Path] = []
    p = path
    while not os.path.lexists(p):
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            continue
        if POSIX:
            _chmod(d, 0o700)
    if check:
        check_dir(path)
    elif missing:
        honours_modes(path)
    return path


def _chmod(target: int | Path, mode: int) -> None:
    """chmod that a filesystem without permissions may refuse (exFAT on Linux answers
    EPERM): such a folder is recognised and warned about by honours_modes instead."""
    try:
        if isinstance(target, int):
            os.fchmod(target, mode)
        else:
            os.chmod(target, mode, follow_symlinks=False)
    except (PermissionError, NotImplementedError) as exc:
        log.debug("chmod %o refused: %s", mode, exc)


def honours_modes(path: Path) -> bool:
    """Whether the filesystem under `path` keeps the modes we set (exFAT and FAT on
    Linux and macOS show 0777 whatever chmod says). Probed once per filesystem, with a
    file of our own (the move says so once: warn_once_without_modes)."""
    if not POSIX:
        return True
    dev = os.stat(path).st_dev
    if dev not in _modes_by_dev:
        _modes_by_dev[dev] = _probe_modes(path)
        if not _modes_by_dev[dev]:
            log.info("%s is on a filesystem without permissions", path)
    return _modes_by_dev[dev]


def warn_once_without_modes(path: Path) -> bool:
    """True the first time in this process that `path` is found on a filesystem without
    permissions: the caller tells the user (once, not for every account of a batch)."""
    if honours_modes(path):
        return False
    dev = os.stat(path).st_dev
    if dev in _warned_no_modes:
        return False
    _warned_no_modes.add(dev)
    return True


def _probe_modes(path: Path) -> bool:
    try:
        fd, name = tempfile.mkstemp(prefix=".mailmover-modes-", dir=path)
    except OSError:
        return True  # cannot write here: the caller's own write reports that
    try:
        _chmod(fd, 0o600)
        return stat.S_IMODE(os.fstat(fd).st_mode) == 0o600
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)


def _fix(fd: int, path: Path) -> None:
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise UnsafePath(path, "it is not a regular file")
    if POSIX:
        if st.st_uid != os.getuid():
            os.close(fd)
            raise UnsafePath(path, "it belongs to another user")
        if stat.S_IMODE(st.st_mode) != 0o600:
            _chmod(fd, 0o600)


def open_new(path: Path, *, mode: int = 0o600) -> int:
    """A new file only (O_EXCL): never one planted in its place."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY | CLOEXEC, mode)
    if POSIX:
        _chmod(fd, mode)
    return fd


def open_own(path: Path, flags: int) -> int:
    """Create or open our own regular file (lock, index): no link followed, owner-only."""
    fd = os.open(path, flags | os.O_CREAT | NOFOLLOW | BINARY | CLOEXEC, 0o600)
    _fix(fd, path)
    return fd


def read_own(path: Path) -> bytes:
    """The whole of a file we wrote (a spooled message): no link followed."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW | BINARY | CLOEXEC)
    _fix(fd, path)
    with os.fdopen(fd, "rb") as f:
        return f.read()


def write_new(path: Path, data: bytes) -> None:
    fd = open_new(path)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
