"""Secrets around the process (issue 26): no core dump, no password left in os.environ.

- `no_core_dumps()`: RLIMIT_CORE 0 (POSIX), so a crashing move's core file does not
  hold both passwords. Windows error reporting is left as it is.
- `env_secret(name)`: read a password variable once and remove it from os.environ at
  once, so no child (systemd-inhibit, caffeinate, a browser) inherits it. Read again in
  the same process (tests, the GUI after the CLI), the value read first is returned.
- `secret_file(path)`: a password file must be an owner-only regular file, no link.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from mailmover import safefiles

_READ: dict[str, str] = {}


def no_core_dumps() -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):  # pragma: no cover - a hard limit we cannot lower
        pass


def env_secret(name: str) -> str:
    value = os.environ.pop(name, None)
    if value:
        _READ[name] = value
        return value
    return _READ.get(name, "")


class SecretFileError(Exception):
    """A password file that is not safe or cannot be read: a plain sentence."""


def secret_file(path: Path, what: str, *, allow_readable: bool = False) -> str:
    """Read a password file: a regular file (no link), not readable by group or others."""
    try:
        fd = os.open(path, os.O_RDONLY | safefiles.NOFOLLOW | safefiles.CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise SecretFileError(f"{what} {path} is a symbolic link: name the file") from None
        raise SecretFileError(f"cannot read {what} {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise SecretFileError(f"{what} {path} is not a regular file")
        readable = st.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
        if safefiles.POSIX and readable and not allow_readable:
            raise SecretFileError(f"{what} {path} can be read by other users: chmod 600 {path}")
        if safefiles.POSIX and st.st_uid != os.getuid():
            raise SecretFileError(f"{what} {path} belongs to another user")
        data = f.read(64 * 1024)
    return data.decode("utf-8", "replace").rstrip("\r\n")
