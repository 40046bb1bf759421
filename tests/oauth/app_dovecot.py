"""Dovecot standing in for Exchange Online's app-only access (IMAP.AccessAsApp).

Exchange accepts an app's token (client credentials: no person signed in) for every
mailbox the administrator granted the app; the XOAUTH2 message names the mailbox. Dovecot's
oauth2 passdb cannot model that (its introspection gets the token alone and insists the
token's user is the login's), so here the XOAUTH2/OAUTHBEARER logins go to a checkpassword
passdb instead (Dovecot hands every passdb the token as the password), whose script asks
the local issuer's RFC 7662 introspection about the token *and* the mailbox being opened.
Passwords still work, for the tests' own checks.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from tests.support.dovecot import DovecotServer

CHECK = '''#!{python}
"""checkpassword (Dovecot): fd 3 holds user NUL token NUL; exec argv[1] when allowed."""
import json, os, sys, urllib.parse, urllib.request

raw = b""
while True:
    chunk = os.read(3, 4096)
    if not chunk:
        break
    raw += chunk
user, token = (raw.split(b"\\0") + [b"", b""])[:2]
form = urllib.parse.urlencode({{"token": token.decode(), "mailbox": user.decode()}}).encode()
try:
    with urllib.request.urlopen("{url}", data=form, timeout=10) as resp:
        answer = json.load(resp)
except OSError:
    sys.exit(111)  # temporary failure: the issuer is unreachable
if answer.get("active") is True and answer.get("username") == user.decode():
    os.environ["USER"] = user.decode()
    os.execv(sys.argv[1], sys.argv[1:])
sys.exit(1)
'''


# Dovecot's auth process runs the script as its own user: the system's Python, which
# that user can reach (a Python under /root cannot be).
PYTHON = "/usr/bin/python3" if os.access("/usr/bin/python3", os.X_OK) else sys.executable


@dataclass
class AppDovecotServer(DovecotServer):
    def _config(self) -> str:
        text = super()._config()
        script = self.base / "check-app-token"
        assert self.oauth_introspection_url
        script.write_text(CHECK.format(python=PYTHON, url=self.oauth_introspection_url),
                          encoding="utf-8")
        script.chmod(0o755)
        oauth = f"  driver = oauth2\n  mechanisms = {self.oauth_mechanisms}\n" \
                f"  args = {self.base}/oauth2.conf.ext\n"
        assert oauth in text
        return text.replace(oauth, f"  driver = checkpassword\n  mechanisms = "
                                   f"{self.oauth_mechanisms}\n  args = {script}\n")
