"""Password files and variables (issue 26): owner-only regular files, no links, only in
the folder the operator names; variables gone from the environment once read; no core."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys

from mailmover.batch import cli as batch_cli
from mailmover.cli import Output, main


def _migrate(tmp_path, *extra):  # type: ignore[no-untyped-def]
    err = io.StringIO()
    code = main(["migrate", "imap+plain://a@127.0.0.1:1", "imap+plain://b@127.0.0.1:1",
                 "--state-dir", str(tmp_path / "s"), "--timeout", "2", *extra],
                Output(io.StringIO(), err))  # fmt: skip
    return code, err.getvalue()


def test_a_world_readable_or_linked_password_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "b")
    pw = tmp_path / "pw"
    pw.write_text("secret\n")
    pw.chmod(0o644)
    code, err = _migrate(tmp_path, "--source-password-file", str(pw))
    assert code == 2 and "can be read by other users: chmod 600" in err
    pw.chmod(0o600)
    link = tmp_path / "link"
    link.symlink_to(pw)
    code, err = _migrate(tmp_path, "--source-password-file", str(link))
    assert code == 2 and "symbolic link" in err


def test_a_batch_row_cannot_name_a_file_outside_the_password_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "x")
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    secret.chmod(0o600)
    pwdir = tmp_path / "pw"
    pwdir.mkdir()
    csv = tmp_path / "staff.csv"
    for name in (str(secret), "../id_rsa"):
        csv.write_text(f"source_user,target_user,source_password_file\na,b,{name}\n")
        csv.chmod(0o600)
        for extra in ([], ["--password-dir", str(pwdir)]):
            err = io.StringIO()
            code = batch_cli.main(
                ["batch", str(csv), "--source", "imap+plain://127.0.0.1:1",
                 "--target", "imap+plain://127.0.0.1:1", *extra],
                Output(io.StringIO(), err),
            )  # fmt: skip
            assert code == 2, err.getvalue()
            assert "--password-dir" in err.getvalue()


def test_password_variables_leave_the_environment_and_no_core_is_dumped(tmp_path):
    script = (
        "import os, resource, sys\n"
        "from mailmover.cli import main\n"
        "code = main(['migrate', 'imap+plain://a@127.0.0.1:1', 'imap+plain://b@127.0.0.1:1',"
        " '--timeout', '1', '--state-dir', sys.argv[1]])\n"
        "left = [k for k in os.environ if 'PASSWORD' in k]\n"
        "print(left, resource.getrlimit(resource.RLIMIT_CORE))\n"
    )
    env = {**os.environ, "MAILMOVER_SOURCE_PASSWORD": "s3", "MAILMOVER_TARGET_PASSWORD": "t3"}
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s")], env=env,
                         capture_output=True, text=True, timeout=60).stdout  # fmt: skip
    assert out.strip() == "[] (0, 0)", out
    assert resource.getrlimit(resource.RLIMIT_CORE) is not None
