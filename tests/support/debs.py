"""Debian server packages unpacked into a private folder, not installed.

Installing cyrus-imapd or courier-imap with apt removes dovecot-imapd (they all provide
imap-server), so the test servers run from `apt-get download` + `dpkg-deb -x` copies.
Their shared libraries are installed by scripts/test (APT_PACKAGES).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

CYRUS_PACKAGES = ("cyrus-common", "cyrus-imapd")
COURIER_PACKAGES = (
    "courier-imap",
    "courier-base",
    "courier-authlib",
    "courier-authdaemon",
    "courier-authlib-userdb",
    "libcourier-unicode4",
)


def cache_dir() -> Path:
    # Not under a home folder: Cyrus drops to `nobody`, which must reach its binaries.
    return Path(os.environ.get("MAILMOVER_TEST_SERVERS") or "/var/tmp/mailmover-test-servers")


def unpacked(name: str, packages: tuple[str, ...]) -> Path:
    """The root of the unpacked packages (downloaded once, shared by test runs)."""
    root = cache_dir() / name
    done = root / ".complete"
    if done.exists():
        return root
    cache_dir().mkdir(parents=True, exist_ok=True)
    with open(cache_dir() / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # xdist workers or two test runs at once
        if done.exists():
            return root
        if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
            raise RuntimeError("apt-get and dpkg-deb are needed to fetch " + ", ".join(packages))
        debs = cache_dir() / f"{name}-debs"
        shutil.rmtree(debs, ignore_errors=True)
        debs.mkdir()
        os.chmod(debs, 0o777)  # apt's _apt user writes here when run as root
        subprocess.run(
            ["apt-get", "download", *packages], cwd=debs, check=True, capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)
        for deb in sorted(debs.glob("*.deb")):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        done.touch()
    return root
