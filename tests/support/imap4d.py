"""Throwaway GNU Mailutils imap4d servers on 127.0.0.1 (Debian's `mailutils-imap4d`).

A foreground daemon with its own configuration: users from a virtual-domain password
file (log in as `user@mm.test`), Maildir storage under a private folder. What it does
that others do not (why it is in the matrix): no UIDPLUS, so no APPENDUID; flags and
INTERNALDATE given to APPEND are ignored (the date comes from the headers); keywords are
refused in APPEND and STORE alike (`BAD Unrecognized flag`) while system flags can be
STOREd afterwards; `UID SEARCH UID n:*` finds nothing; a CREATE of a folder that exists
is a BAD; the newest message of a Maildir gets a new UID in a later session, and `UID
FETCH` of a UID it no longer knows answers `BAD Failed to parse message set`. (Its mbox
storage is not here: on this Debian it answered `[TRYCREATE]` to every APPEND into a
folder it had just created.)
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.dovecot import free_port

DOMAIN = "mm.test"


def imap4d_binary() -> str | None:
    return shutil.which("imap4d") or (
        "/usr/sbin/imap4d" if os.path.exists("/usr/sbin/imap4d") else None
    )


class Imap4dServer:
    separator = "/"
    personal_prefix = ""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="mm-imap4d-"))
        self.base.chmod(0o755)
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Imap4dServer:
        binary = imap4d_binary()
        if binary is None:
            raise RuntimeError("imap4d is not installed (apt-get install mailutils-imap4d)")
        (self.base / "passwd").mkdir()
        (self.base / "passwd" / DOMAIN).write_text("", encoding="utf-8")
        (self.base / "home").mkdir()
        self.port = free_port()
        conf = self.base / "imap4d.conf"
        conf.write_text(
            f"""mode daemon;
foreground yes;
pidfile {self.base}/imap4d.pid;
logging {{ syslog no; }};
server 127.0.0.1:{self.port} {{ }};
auth {{ authentication generic; authorization virtdomain; }};
virtdomain {{ passwd-dir {self.base}/passwd; }};
mailbox {{ mailbox-type maildir; mailbox-pattern "{self.base}/home/${{user}}/INBOX"; }};
namespace personal {{ prefix "" {{ directory "$home"; delimiter "/"; mailbox-type maildir; }}; }};
""",
            encoding="utf-8",
        )
        log = open(self.base / "imap4d.log", "wb")  # noqa: SIM115 - kept by the process
        self.process = subprocess.Popen(
            [binary, f"--config-file={conf}"], stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(64).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"imap4d did not start: {(self.base / 'imap4d.log').read_text()}")

    def add_user(self, name: str, password: str) -> str:
        """Add an account; returns the login name (`name@mm.test`)."""
        hashed = subprocess.run(
            ["openssl", "passwd", "-6", password], capture_output=True, text=True, check=True
        ).stdout.strip()
        home = self.base / "home" / name
        # INBOX as a Maildir from the start: imap4d answers a fresh account's APPEND to
        # INBOX with [TRYCREATE] and its CREATE INBOX with BAD "Already exist".
        for sub in ("cur", "new", "tmp"):
            (home / "INBOX" / sub).mkdir(parents=True)
        with open(self.base / "passwd" / DOMAIN, "a", encoding="utf-8") as f:
            f.write(f"{name}:{hashed}:{os.getuid()}:{os.getgid()}::{home}:/bin/false\n")
        return f"{name}@{DOMAIN}"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.base, ignore_errors=True)
