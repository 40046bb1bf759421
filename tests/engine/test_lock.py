"""One move per destination mailbox: CLI against CLI, wizard-style against CLI, crashes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from mailmover.engine import errors
from mailmover.engine.lock import MoveLock
from mailmover.engine.transfer import Migration
from mailmover.store import Store
from tests.support.mailbox import CST, client, count, message

WHEN = datetime(2021, 1, 2, 3, 4, 5, tzinfo=CST)


def _fill(server, account, n: int) -> None:
    with client(server, account.user, account.password) as c:
        for i in range(n):
            c.append("INBOX", message(i, body=b"x" * 2000 + b"\r\n"), (), WHEN)


def _cli(src, dst, state: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "MAILMOVER_SOURCE_PASSWORD": src.password,
        "MAILMOVER_TARGET_PASSWORD": dst.password,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "mailmover", "migrate", src.url, dst.url, "--state-dir", str(state)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("shared_state", [True, False], ids=["same-state-dir", "own-state-dirs"])
def test_two_moves_at_once_never_duplicate(
    coremail_server, exmail_server, make_account, tmp_path, shared_state
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    _fill(coremail_server, src, 600)
    first = _cli(src, dst, tmp_path / "a")
    second = _cli(src, dst, tmp_path / ("a" if shared_state else "b"))
    outs = [p.communicate(timeout=300) for p in (first, second)]
    codes = sorted(p.returncode for p in (first, second))
    assert codes == [0, 5], outs
    refused = outs[[first.returncode, second.returncode].index(5)][1]
    assert "Another move into" in refused and "since" in refused
    with client(exmail_server, dst.user, dst.password) as c:
        assert count(c, "INBOX") == 600


def test_a_wizard_move_in_progress_blocks_the_command_line(
    coremail_server, exmail_server, make_account, tmp_path, run_cli
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    _fill(coremail_server, src, 5)
    store = Store(tmp_path / "gui.sqlite")
    running = Migration(src.account(), dst.account(), store).run()
    try:
        next(running)  # the wizard's worker has started: the lock is held
        result = run_cli("migrate", src, dst)
        assert result.code == 5
        assert "Another move into" in result.err
        assert run_cli("verify", src, dst).code in (0, 1)  # verify may run beside a move
    finally:
        running.close()
        store.close()
    assert run_cli("migrate", src, dst).code == 0  # released when the move ended


def test_a_killed_move_leaves_no_stale_lock(tmp_path):
    code = (
        "import sys, time; from pathlib import Path; "
        "from mailmover.engine.lock import MoveLock; "
        "lock = MoveLock(Path(sys.argv[1]), 'u@host:993'); lock.acquire(); "
        "print('held', flush=True); "
        "time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(errors.MailMoverError) as taken:
        MoveLock(tmp_path, "U@HOST:993").acquire()  # same mailbox, any case
    assert taken.value.code == errors.MOVE_IN_PROGRESS
    assert str(holder.pid) in taken.value.params["holder"]
    # In parts too, for a sentence in the user's language (no English inside Chinese).
    params = taken.value.params
    assert params["pid"] == holder.pid and params["program"].startswith("mailmover ")
    assert params["computer"] == socket.gethostname()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    deadline = time.monotonic() + 5
    lock = MoveLock(tmp_path, "u@host:993")
    while True:
        try:
            lock.acquire()
            break
        except errors.MailMoverError:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    lock.release()
