"""A Dovecot that also knows master users: administrators who log in as anyone.

Dovecot's master passdb is checked first; a master user logs in with SASL PLAIN
giving the mailbox as authorization identity (`user\\0master\\0password`) or with
LOGIN as `user*master`. This is the administrator login `mailmover batch
--source-admin/--target-admin` uses (Cyrus admins work the same way).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.support.dovecot import DovecotServer


@dataclass
class MasterDovecotServer(DovecotServer):
    def add_master(self, name: str, password: str) -> None:
        if ":" in password or "\n" in password:
            raise ValueError("passwd-file cannot hold ':' or newlines in a password")
        path = self.base / "masters"
        lines = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(lines + f"{name}:{{PLAIN}}{password}\n", encoding="utf-8")

    def _config(self) -> str:
        conf = super()._config()
        master = (
            "auth_master_user_separator = *\n"
            "passdb {\n"
            "  driver = passwd-file\n"
            "  master = yes\n"
            f"  args = scheme=PLAIN username_format=%u {self.base}/masters\n"
            # The mailbox must exist: look it up in the ordinary userdb afterwards.
            "  result_success = continue\n"
            "}\n"
        )
        first = conf.index("passdb {")
        (self.base / "masters").touch()
        return conf[:first] + master + conf[first:]
