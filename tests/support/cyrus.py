"""Throwaway Cyrus IMAP 3.6 servers on 127.0.0.1, run from unpacked Debian packages.

Two namespace layouts (docs/providers.md, "Cyrus IMAP and Courier-IMAP"):
- "debian": `altnamespace: no`, `unixhierarchysep: no`, Debian's default. Separator `.`,
  user folders live under `INBOX.`; a top-level CREATE is refused ("Permission denied").
- "upstream": `altnamespace: yes`, `unixhierarchysep: yes`. Separator `/`, top level allowed.
Sent/Drafts/Trash/Junk/Archive are created with SPECIAL-USE flags at the first login.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.debs import CYRUS_PACKAGES, unpacked
from tests.support.dovecot import DovecotServer, free_port

ROLE_FOLDERS = ("Sent", "Drafts", "Trash", "Junk", "Archive")


@dataclass
class CyrusServer:
    layout: str = "debian"  # or "upstream"
    base: Path = field(init=False)
    port: int = field(init=False, default=0)
    root: Path = field(init=False)

    @property
    def separator(self) -> str:
        return "." if self.layout == "debian" else "/"

    @property
    def personal_prefix(self) -> str:
        """Where user folders live: `INBOX.` in Debian's layout, the top level otherwise."""
        return "INBOX." if self.layout == "debian" else ""

    def start(self) -> CyrusServer:
        self.root = unpacked("cyrus", CYRUS_PACKAGES)
        self.base = Path(tempfile.mkdtemp(prefix="mm-cyrus-"))
        self.base.chmod(0o755)
        for sub in ("config", "part", "proc", "lock", "socket", "sieve"):
            (self.base / sub).mkdir()
        self.port = free_port()
        bin_dir = self.root / "usr/lib/cyrus/bin"
        conf = self.base / "imapd.conf"
        conf.write_text(self._imapd_conf(), encoding="utf-8")
        # Every command gets -C: the binaries otherwise read /etc/imapd.conf.
        (self.base / "cyrus.conf").write_text(
            "START {\n"
            f'  recover cmd="{bin_dir}/ctl_cyrusdb -C {conf} -r"\n'
            "}\nSERVICES {\n"
            f'  imap cmd="{bin_dir}/imapd -C {conf}" listen="127.0.0.1:{self.port}" prefork=1\n'
            "}\nEVENTS {\n}\n",
            encoding="utf-8",
        )
        subprocess.run(["chown", "-R", "nobody:nogroup", str(self.base)], check=True)
        subprocess.run(
            [
                str(bin_dir / "master"),
                "-C",
                str(conf),
                "-M",
                str(self.base / "cyrus.conf"),
                "-p",
                str(self.base / "master.pid"),
                "-d",
            ],
            check=True,
            env=self._env(),
        )
        DovecotServer._wait_until_listening(self.port)
        return self

    def _env(self) -> dict[str, str]:
        return {**os.environ, "LD_LIBRARY_PATH": str(self.root / "usr/lib/x86_64-linux-gnu")}

    def stop(self) -> None:
        try:
            pid = int((self.base / "master.pid").read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.05)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
        shutil.rmtree(self.base, ignore_errors=True)

    def add_user(self, name: str, password: str) -> None:
        subprocess.run(
            ["saslpasswd2", "-f", str(self.base / "sasldb2"), "-p", "-c", "-u", "localhost", name],
            input=password.encode(),
            check=True,
            env=self._env(),
        )
        shutil.chown(self.base / "sasldb2", "nobody", "nogroup")

    def _imapd_conf(self) -> str:
        b = self.base
        unix = "yes" if self.layout != "debian" else "no"
        roles = " | ".join(ROLE_FOLDERS)
        xlist = "".join(f"xlist-{r.lower()}: {r}\n" for r in ROLE_FOLDERS)
        return f"""\
configdirectory: {b}/config
partition-default: {b}/part
proc_path: {b}/proc
mboxname_lockpath: {b}/lock
sievedir: {b}/sieve
idlesocket: {b}/socket/idle
notifysocket: {b}/socket/notify
lmtpsocket: {b}/socket/lmtp
servername: localhost
cyrus_user: nobody
admins: cyrusadmin
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: {b}/sasldb2
sasl_mech_list: PLAIN LOGIN
altnamespace: {unix}
unixhierarchysep: {unix}
autocreate_quota: 0
autocreate_inbox_folders: {roles}
{xlist}syslog_prefix: mm-cyrus
"""
