"""A killed conversion leaves its temporary file; the next run removes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mailmover.contacts import convert
from mailmover.contacts.atomic import STALE_AGE, atomic_output, remove_stale_temp_files

from .conftest import FIXTURES

# Writes half an address book through atomic_output, says so, then waits to be killed.
_WRITER = """
import sys, time
from pathlib import Path
from mailmover.contacts.atomic import atomic_output
with atomic_output(Path(sys.argv[1])) as fh:
    fh.write(b"BEGIN:VCARD\\r\\nFN:half")
    fh.flush()
    print("writing", flush=True)
    time.sleep(120)
"""


def _temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def _start_writer(out: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(out)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    return proc


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_temp_file_of_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "contacts.vcf"
    proc = _start_writer(out)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    (stale,) = _temp_files(tmp_path)
    assert stale.startswith(f".contacts.vcf.{proc.pid}.")
    assert not out.exists()

    result = convert(FIXTURES / "vcard40.vcf", out)
    assert result.written == 2
    assert _temp_files(tmp_path) == []
    assert out.read_bytes().startswith(b"BEGIN:VCARD")


@pytest.mark.skipif(os.name != "posix", reason="process probe")
def test_temp_file_of_a_running_conversion_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "contacts.vcf"
    proc = _start_writer(out)
    try:
        (running,) = _temp_files(tmp_path)
        convert(FIXTURES / "vcard40.vcf", out)
        assert _temp_files(tmp_path) == [running]
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_old_temp_file_without_pid_is_removed_only_when_old(tmp_path: Path) -> None:
    out = tmp_path / "contacts.csv"
    old = tmp_path / ".contacts.csv.k2x_9qa1.tmp"  # the name mkstemp gave before PIDs
    fresh = tmp_path / ".contacts.csv.b7c3d0e4.tmp"
    other = tmp_path / ".other.csv.k2x_9qa1.tmp"  # another target's: not ours to touch
    for path in (old, fresh, other):
        path.write_bytes(b"half")
    long_ago = time.time() - STALE_AGE - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    assert remove_stale_temp_files(out) == [old]
    assert _temp_files(tmp_path) == sorted([fresh.name, other.name])


def test_atomic_output_names_its_temp_file_with_its_pid(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    with atomic_output(out) as fh:
        (name,) = _temp_files(tmp_path)
        assert name.startswith(f".o.csv.{os.getpid()}.")
        fh.write(b"x")
    assert _temp_files(tmp_path) == []
    assert out.read_bytes() == b"x"
