"""Keeping the computer awake during a move (mailmover.keepawake) and the Moving page's
use of it. On Linux the inhibitor is `systemd-inhibit`; a stand-in on PATH records what
it was asked and holds its command, as the real one does."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mailmover import keepawake

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the Linux inhibitor")



def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    return not (state.exists() and state.read_text().split()[2] == "Z")


def test_acquire_holds_and_release_lets_go(fake_inhibit: Path) -> None:
    k = keepawake.KeepAwake()
    assert k.acquire() is True
    assert k.active and k.method == "systemd-inhibit"
    asked = fake_inhibit.read_text()
    assert "--what=sleep:idle" in asked and "--who=mailmover" in asked
    assert f"--pid={os.getpid()}" in asked
    pid = k._process.pid  # type: ignore[union-attr]
    assert alive(pid)
    assert k.acquire() is True  # twice: still one inhibitor
    assert fake_inhibit.read_text().count("--who") == 1
    k.release()
    assert not k.active and not alive(pid)
    k.release()  # twice: harmless


def test_refused_inhibitor_is_not_active(fake_inhibit: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFUSE", "1")
    k = keepawake.KeepAwake()
    assert k.acquire() is False and not k.active
    k.release()


def test_no_inhibitor_on_this_system(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # neither systemd-inhibit nor tail
    with keepawake.KeepAwake() as k:
        assert not k.active


def test_the_real_system_does_not_crash() -> None:
    k = keepawake.KeepAwake()
    held = k.acquire()  # True where logind answers, False in a container without it
    assert held == k.active
    k.release()
    assert not k.active


def test_inhibitor_ends_when_mailmover_is_killed(fake_inhibit: Path) -> None:
    code = ("import sys, time; from mailmover.keepawake import KeepAwake; k = KeepAwake(); "
            "print(k.acquire(), k._process.pid, flush=True); time.sleep(60)")
    owner = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    assert owner.stdout is not None
    held, pid = owner.stdout.readline().split()
    assert held == "True" and alive(int(pid))
    owner.kill()
    owner.wait()
    end = time.monotonic() + 10
    while alive(int(pid)) and time.monotonic() < end:
        time.sleep(0.1)
    assert not alive(int(pid)), "the inhibitor outlived the process that held it"
