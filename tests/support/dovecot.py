"""Throwaway Dovecot IMAP servers on 127.0.0.1 for tests and benchmarks.

One server per *flavour* (separator, capabilities, special-use names, TLS); accounts
are added on the fly, one passwd-file each.
Facts this relies on are in docs/architecture.md.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# Coremail's folders, with the flags it advertises (docs/providers.md).
COREMAIL_SPECIAL_USE = {
    "草稿箱": "\\Drafts",
    "已发送": "\\Sent",
    "已删除": "\\Trash",
    "垃圾邮件": "\\Junk",
}

# What Exmail advertises (no LITERAL+, no MULTIAPPEND, no SPECIAL-USE).
EXMAIL_CAPABILITY = "IMAP4rev1 XLIST MOVE IDLE NAMESPACE CHILDREN ID UIDPLUS"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dovecot_binary() -> str | None:
    for candidate in (shutil.which("dovecot"), "/usr/sbin/dovecot"):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@dataclass
class DovecotServer:
    """A Dovecot master process serving IMAP on loopback from a temp directory."""

    separator: str = "/"
    # "maildir", or "mbox": one file per folder, so a folder holds either mail or
    # subfolders, never both (CREATE answers [CANNOT]); Dovecot hides its own headers.
    storage: str = "maildir"
    special_use: dict[str, str] = field(default_factory=dict)
    capability: str | None = None
    tls: bool = False
    max_mail_size: str | None = None  # e.g. "1M": Dovecot then refuses larger APPENDs
    # OAuth2: an oauth2 passdb asking this RFC 7662 introspection URL about every token
    # (accounts still need add_user: the userdb reads their file).
    oauth_introspection_url: str | None = None
    oauth_mechanisms: str = "xoauth2 oauthbearer"
    base: Path = field(init=False)
    port: int = field(init=False, default=0)
    tls_port: int = field(init=False, default=0)
    cert_file: Path | None = field(init=False, default=None)

    def start(self) -> DovecotServer:
        binary = dovecot_binary()
        if binary is None:
            raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
        # Mail processes run as nobody: every directory on the way must be traversable.
        self.base = Path(tempfile.mkdtemp(prefix="mm-dovecot-"))
        self.base.chmod(0o755)
        for sub in ("run", "state", "mail"):
            (self.base / sub).mkdir()
        shutil.chown(self.base / "mail", "nobody", "nogroup")
        (self.base / "users").mkdir()
        self.port = free_port()
        if self.tls:
            self.tls_port = free_port()
            self._make_certificate()
        if self.oauth_introspection_url:
            (self.base / "oauth2.conf.ext").write_text(self._oauth_config(), encoding="utf-8")
        conf = self.base / "dovecot.conf"
        conf.write_text(self._config(), encoding="utf-8")
        subprocess.run([binary, "-c", str(conf)], check=True)
        self._wait_until_listening(self.port)
        return self

    def stop(self) -> None:
        pid_file = self.base / "run" / "master.pid"
        try:
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.05)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
        shutil.rmtree(self.base, ignore_errors=True)

    def add_user(self, name: str, password: str, *, quota: str | None = None) -> None:
        """Add an account; `quota` like "1M" limits its storage."""
        if ":" in password or "\n" in password:
            raise ValueError("passwd-file cannot hold ':' or newlines in a password")
        # passwd-file userdb drops unprefixed extra fields: "userdb_" makes the rule stick.
        extra = f"userdb_quota_rule=*:storage={quota}" if quota else ""
        # One file per user: Dovecot re-reads a changed shared passwd-file at most once a
        # second, but opens a file it has never seen at once.
        path = self.base / "users" / name
        if path.exists():
            # An update: Dovecot notices a changed file only once a second.
            time.sleep(1.1)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(f"{name}:{{PLAIN}}{password}::::::{extra}\n", encoding="utf-8")
        os.replace(tmp, path)

    def logins(self, user: str) -> int:
        """How many times `user` has logged in so far (Dovecot's log: the truth about
        logins, whatever the client thinks it did)."""
        log = self.base / "dovecot.log"
        # The login process writes through the log process: give it a moment.
        time.sleep(0.2)
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return text.count(f"Login: user=<{user}>")

    def mail_dir(self, user: str) -> Path:
        return self.base / "mail" / user

    def _make_certificate(self) -> None:
        self.cert_file = self.base / "cert.pem"
        key = self.base / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(self.cert_file),
            ],
            check=True,
            capture_output=True,
        )

    def _oauth_config(self) -> str:
        return (
            "introspection_mode = post\n"
            f"introspection_url = {self.oauth_introspection_url}\n"
            "force_introspection = yes\n"
            "username_attribute = username\n"
            "active_attribute = active\n"
            "active_value = true\n"
        )

    def _config(self) -> str:
        b = self.base
        mechanisms = "plain login"
        oauth_passdb = password_mechs = ""
        if self.oauth_introspection_url:
            mechanisms += " " + self.oauth_mechanisms
            oauth_passdb = (
                f"passdb {{\n  driver = oauth2\n  mechanisms = {self.oauth_mechanisms}\n"
                f"  args = {b}/oauth2.conf.ext\n}}\n"
            )
            password_mechs = "  mechanisms = plain login\n"
            # Refused tokens are the point of these tests: no growing anvil penalty
            # (2, 4, 8, 15 s) between them.
            oauth_passdb += (
                "service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}\n"
            )
        if self.storage == "mbox":
            location = f"mbox:{b}/mail/%u:INBOX={b}/mail/%u/inbox"
        elif self.separator == "/":
            location = f"maildir:{b}/mail/%u:LAYOUT=fs"
        else:
            location = f"maildir:{b}/mail/%u"
        mailboxes = "".join(
            f'  mailbox "{name}" {{\n    special_use = {flag}\n  }}\n'
            for name, flag in self.special_use.items()
        )
        plugins = "quota"
        imap_plugins = "$mail_plugins imap_quota"
        quota_plugin = "  quota = maildir:User quota\n" if self.storage == "maildir" else ""
        if self.storage != "maildir":
            plugins, imap_plugins = "", "$mail_plugins"
        if self.max_mail_size:
            quota_plugin += f"  quota_max_mail_size = {self.max_mail_size}\n"
        capability = f"imap_capability = {self.capability}\n" if self.capability else ""
        if self.tls:
            ssl = f"ssl = yes\nssl_cert = <{self.cert_file}\nssl_key = <{b}/key.pem\n"
            imaps = (
                "  inet_listener imaps {\n    address = 127.0.0.1\n"
                f"    port = {self.tls_port}\n    ssl = yes\n  }}\n"
            )
        else:
            ssl = "ssl = no\n"
            imaps = "  inet_listener imaps {\n    port = 0\n  }\n"
        return f"""\
base_dir = {b}/run
state_dir = {b}/state
log_path = {b}/dovecot.log
info_log_path = {b}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = {location}
mail_max_userip_connections = 200
mail_plugins = {plugins}
{capability}namespace inbox {{
  inbox = yes
  separator = {self.separator}
{mailboxes}}}
{oauth_passdb}passdb {{
  driver = passwd-file
{password_mechs}  args = scheme=PLAIN username_format=%u {b}/users/%u
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {b}/users/%u
  default_fields = uid=nobody gid=nogroup home={b}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
{imaps}  process_min_avail = 1
}}
protocol imap {{
  mail_plugins = {imap_plugins}
}}
plugin {{
{quota_plugin}}}
"""

    @staticmethod
    def _wait_until_listening(port: int) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not start listening on {port}")
