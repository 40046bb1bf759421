"""Opening files and folders on a computer other people share (issue 26).

- Never follow a link we did not make: every open uses `O_NOFOLLOW`; a new file is made
  with `O_EXCL`, so a planted name (a symlink to `~/.bashrc`) is refused, not written.
- Whatever the umask: every folder we create, parents included, is 0700 and every file
  0600 (set with chmod after creation: `mkdir(mode=)` is masked by the umask).
- An existing state folder must belong to the user and be writable by nobody else;
  otherwise a plain refusal (another user could swap its files).
- Windows has no such modes (ACLs of the user's profile protect it): the checks are
  skipped there, the flags that do not exist are 0.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
from pathlib import Path

log = logging.getLogger(__name__)

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
BINARY = getattr(os, "O_BINARY", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
POSIX = sys.platform != "win32"
_warned_no_modes: set[str] = set()


class UnsafePath(OSError):
    """A path another user could control: refused with a plain sentence."""


def _owner_ok(st: os.stat_result) -> bool:
    return not POSIX or st.st_uid == os.getuid()


def check_dir(path: Path) -> None:
    """An existing folder we keep state in: a real folder (no link), ours, not group or
    world writable."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePath(f"{path} is a symbolic link; mailmover keeps its files only in a "
                         "real folder of yours")
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafePath(f"{path} is not a folder")
    if not POSIX:
        return
    if st.st_uid != os.getuid():
        raise UnsafePath(f"{path} belongs to another user; mailmover keeps its files only "
                         "in a folder of yours")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafePath(f"{path} can be changed by other users (mode "
                         f"{stat.S_IMODE(st.st_mode):o}): chmod 700 {path}")


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
            os.chmod(d, 0o700, follow_symlinks=False)
    if check:
        check_dir(path)
    _warn_without_modes(path)
    return path


def _warn_without_modes(path: Path) -> None:
    """A filesystem without permissions (exFAT, FAT32 on Linux and macOS) shows 0777
    whatever we set: say so once."""
    if not POSIX or str(path) in _warned_no_modes:
        return
    with contextlib.suppress(OSError):
        if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            _warned_no_modes.add(str(path))
            log.warning("the folder %s is on a filesystem without permissions: other users "
                        "of this computer may read the files in it", path)


def _fix(fd: int, path: Path) -> None:
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise UnsafePath(f"{path} is not a regular file")
    if POSIX:
        if st.st_uid != os.getuid():
            os.close(fd)
            raise UnsafePath(f"{path} belongs to another user")
        if stat.S_IMODE(st.st_mode) != 0o600:
            os.fchmod(fd, 0o600)


def open_new(path: Path, *, mode: int = 0o600) -> int:
    """A new file only (O_EXCL): never one planted in its place."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | BINARY | CLOEXEC, mode)
    if POSIX:
        os.fchmod(fd, mode)
    return fd


def open_own(path: Path, flags: int) -> int:
    """Create or open our own regular file (lock, index): no link followed, owner-only."""
    fd = os.open(path, flags | os.O_CREAT | NOFOLLOW | BINARY | CLOEXEC, 0o600)
    _fix(fd, path)
    return fd


def write_new(path: Path, data: bytes) -> None:
    fd = open_new(path)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
