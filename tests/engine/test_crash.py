"""A move killed with SIGKILL mid-way, then rerun: nothing missing, nothing duplicated."""

from __future__ import annotations

from tests.support.killer import cli_process, kill_when, total_messages
from tests.support.mailbox import client, message, snapshot


def test_sigkill_midway_then_rerun_is_exact(coremail_server, exmail_server, make_account, tmp_path):
    src = make_account(coremail_server, "s(1)")
    dst = make_account(exmail_server, "d*2%")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("课题组")
    for i in range(400):
        c.append("INBOX", message(i, body=b"z" * 3000))
    for i in range(100):
        c.append("课题组", message(1000 + i))
    c.append("INBOX", message(5))  # a genuine duplicate must survive as two copies
    d = client(exmail_server, dst.user, dst.password)
    args = ["migrate", src.url, dst.url, "--state-dir", str(tmp_path / "state")]

    proc = cli_process(args, src.password, dst.password)
    killed_at = kill_when(proc, d, ["INBOX", "课题组"], 120)
    assert proc.returncode == -9, "the move finished before it could be killed"
    assert 0 < killed_at < 501

    rerun = cli_process(args + ["--report", str(tmp_path / "r.json")], src.password, dst.password)
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, out.decode()
    assert total_messages(d, ["INBOX", "课题组"]) == 501
    assert snapshot(d, "INBOX") == snapshot(c, "INBOX")
    assert snapshot(d, "课题组") == snapshot(c, "课题组")
