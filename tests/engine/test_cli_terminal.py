"""The CLI as a help-desk person sees it: a bar on a terminal, Ctrl-C, then resume."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

from tests.support.killer import ROOT, cli_process, total_messages
from tests.support.mailbox import client, message, snapshot


def test_ctrl_c_stops_after_the_messages_in_flight_and_a_rerun_resumes(
    coremail_server, exmail_server, make_account, tmp_path
):
    src = make_account(coremail_server, "c(t)r*l")
    dst = make_account(exmail_server, "c%c")
    c = client(coremail_server, src.user, src.password)
    for start in range(0, 3000, 500):
        c.multiappend("INBOX", [message(i, body=b"c" * 4000) for i in range(start, start + 500)])
    d = client(exmail_server, dst.user, dst.password)
    args = ["migrate", src.url, dst.url, "--state-dir", str(tmp_path / "s"), "--connections", "1"]
    proc = cli_process(args, src.password, dst.password)
    deadline = time.monotonic() + 60
    while total_messages(d, ["INBOX"]) < 50 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=120)
    text = out.decode()
    assert proc.returncode == 130, text
    assert "stopping after the messages in flight" in text
    assert "run the same command again to continue" in text
    assert "pending" in text and 50 <= total_messages(d, ["INBOX"]) < 3000

    rerun = cli_process(args, src.password, dst.password)
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, out.decode()
    assert snapshot(d, "INBOX") == snapshot(c, "INBOX")


def test_a_terminal_gets_a_progress_bar(coremail_server, exmail_server, make_account, tmp_path):
    src = make_account(coremail_server, "tty")
    dst = make_account(exmail_server, "tty2")
    c = client(coremail_server, src.user, src.password)
    c.multiappend("INBOX", [message(i, body=b"t" * 20000) for i in range(400)])
    env = dict(
        os.environ,
        MAILMOVER_SOURCE_PASSWORD=src.password,
        MAILMOVER_TARGET_PASSWORD=dst.password,
        PYTHONPATH=str(ROOT),
    )
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mailmover",
            "migrate",
            src.url,
            dst.url,
            "--state-dir",
            str(tmp_path / "s"),
        ],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        close_fds=True,
    )
    os.close(child_fd)
    chunks = []
    while True:
        ready, _, _ = select.select([main_fd], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(60)
    os.close(main_fd)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, screen
    assert "\r\x1b[K[" in screen and "#" in screen  # redrawn in place, with a bar
    assert "msg/s" in screen and "left" in screen
    assert "400/400 messages" in screen
