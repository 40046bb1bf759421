"""Throwaway Courier-IMAP 5 servers on 127.0.0.1, run from unpacked Debian packages.

The binaries have compiled-in paths (/etc/courier, /run/courier/authdaemon,
/usr/lib/courier-authlib). They run in a private mount namespace (`unshare -m`) where
/etc and /usr are overlays of the unpacked packages over the real ones and /run is a
tmpfs, so nothing is installed on the machine. Debian's defaults: personal namespace
`INBOX.`, separator `.`, a top-level CREATE is refused ("Invalid mailbox name").
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.debs import COURIER_PACKAGES, unpacked
from tests.support.dovecot import DovecotServer, free_port

CAPABILITY = (
    "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE"
)


@dataclass
class CourierServer:
    base: Path = field(init=False)
    port: int = field(init=False, default=0)
    root: Path = field(init=False)
    process: subprocess.Popen[bytes] | None = field(init=False, default=None)

    separator = "."
    personal_prefix = "INBOX."

    def start(self) -> CourierServer:
        if os.geteuid() != 0:
            raise RuntimeError("Courier-IMAP tests need root (a private mount namespace)")
        self.root = unpacked("courier", COURIER_PACKAGES)
        self.base = Path(tempfile.mkdtemp(prefix="mm-courier-"))
        self.base.chmod(0o755)
        for sub in ("etc/courier", "ovl/eu", "ovl/ew", "ovl/uu", "ovl/uw", "mail"):
            (self.base / sub).mkdir(parents=True)
        (self.base / "mail").chmod(0o755)
        (self.base / "etc/courier/authdaemonrc").write_text(
            'authmodulelist="authuserdb"\ndaemons=3\nauthdaemonvar=/run/courier/authdaemon\n'
            'DEBUG_LOGIN=0\nDEFAULTOPTIONS=""\nLOGGEROPTS=""\n',
            encoding="utf-8",
        )
        (self.base / "etc/courier/userdb").write_text("", encoding="utf-8")
        (self.base / "etc/courier/userdb").chmod(0o600)  # makeuserdb insists
        self.port = free_port()
        script = self.base / "start.sh"
        script.write_text(self._script(), encoding="utf-8")
        log = open(self.base / "courier.log", "wb")  # noqa: SIM115 - kept by the process
        self.process = subprocess.Popen(
            ["unshare", "-m", "--propagation", "private", "sh", str(script)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: stopped together
        )
        log.close()
        try:
            DovecotServer._wait_until_listening(self.port)
        except RuntimeError:
            text = (self.base / "courier.log").read_text(errors="replace")
            self.stop()
            raise RuntimeError(f"Courier-IMAP did not start: {text}") from None
        return self

    def stop(self) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.process = None
        shutil.rmtree(self.base, ignore_errors=True)

    def add_user(self, name: str, password: str) -> None:
        assert self.process is not None
        home = self.base / "mail" / name
        hashed = (
            subprocess.run(
                ["openssl", "passwd", "-6", "-stdin"],
                input=password.encode(),
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .strip()
        )
        line = f"{name}\tuid=65534|gid=65534|home={home}|mail={home}/Maildir|imappw={hashed}\n"
        # makeuserdb and maildirmake only see the right paths inside the server's namespace.
        subprocess.run(
            [
                "nsenter",
                "-t",
                str(self.process.pid),
                "-m",
                "sh",
                "-c",
                f"printf '%s' \"$0\" >> /etc/courier/userdb && chmod 600 /etc/courier/userdb "
                f"&& makeuserdb && mkdir -p {home} && maildirmake.courier {home}/Maildir "
                f"&& chown -R 65534:65534 {home}",
                line,
            ],
            check=True,
            capture_output=True,
        )

    def _script(self) -> str:
        b, r = self.base, self.root
        return f"""\
set -e
mount -t overlay overlay -o \
  lowerdir={b}/etc:{r}/etc:/etc,upperdir={b}/ovl/eu,workdir={b}/ovl/ew /etc
mount -t overlay overlay -o lowerdir={r}/usr:/usr,upperdir={b}/ovl/uu,workdir={b}/ovl/uw /usr
mount -t tmpfs tmpfs /run
mkdir -p /run/courier/authdaemon
chmod 755 /run/courier /run/courier/authdaemon
makeuserdb
/usr/lib/courier/courier-authlib/authdaemond &
sleep 0.2
set -a
. /etc/courier/imapd
IMAP_CAPABILITY="{CAPABILITY}"
IMAP_ULIMITD=
exec /usr/sbin/couriertcpd -address=127.0.0.1 -maxprocs=40 -maxperip=40 -nodnslookup \
  -noidentlookup {self.port} /usr/lib/courier/courier/imaplogin /usr/bin/imapd Maildir
"""
