"""The one-move lock is keyed on the mailbox, not on how its address is spelled, and is
seen by every OS user of the computer (issue 26)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mailmover.engine import errors
from mailmover.engine.lock import MoveLock, identities, lock_path
from tests.engine.test_lock import _fill
from tests.support.mailbox import client, count


def _cli(src, dst_url: str, dst_password: str, state: Path, home: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "MAILMOVER_HOME": str(home),
        "MAILMOVER_SOURCE_PASSWORD": src.password,
        "MAILMOVER_TARGET_PASSWORD": dst_password,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "mailmover", "migrate", src.url, dst_url, "--state-dir", str(state)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.mark.parametrize("second_user", [False, True], ids=["same-user", "other-os-user-home"])
def test_127_0_0_1_and_localhost_are_one_mailbox(
    coremail_server, exmail_server, make_account, tmp_path, second_user
):
    """Measured before: 364 of 400 messages doubled, both exit 0."""
    src, dst = make_account(coremail_server), make_account(exmail_server)
    _fill(coremail_server, src, 400)
    home = Path(os.environ["MAILMOVER_HOME"])
    # Another OS user has another data folder: only the shared lock folder meets.
    other_home = tmp_path / "other-home" if second_user else home
    spelled = f"imap+plain://{dst.user.upper()}@LocalHost:{exmail_server.port}"
    first = _cli(src, dst.url, dst.password, tmp_path / "a", home)
    second = _cli(src, spelled, dst.password, tmp_path / "b", other_home)
    outs = [p.communicate(timeout=300) for p in (first, second)]
    assert sorted(p.returncode for p in (first, second)) == [0, 5], outs
    with client(exmail_server, dst.user, dst.password) as c:
        assert count(c, "INBOX") == 400


def test_identities_ignore_spelling_and_port():
    assert set(identities("U@LocalHost.:993")) >= set(identities("u@127.0.0.1:143"))
    assert identities("u@[::1]:993") == identities("u@::1:993") == ["u@::1"]
    assert identities("u@::ffff:127.0.0.1:993") == ["u@127.0.0.1"]


def test_a_planted_symlink_lock_is_not_followed(tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    locks = tmp_path / "locks"
    locks.mkdir(mode=0o700)
    for key in identities("u@127.0.0.1:993"):
        lock_path(locks, key).symlink_to(victim)
    with pytest.raises(errors.MailMoverError) as info:
        MoveLock(locks, "u@127.0.0.1:993", shared=False).acquire()
    assert info.value.code == errors.UNSAFE_PATH
    assert "symbolic link" in str(info.value)
    assert victim.read_text() == "keep me"


def test_a_lock_folder_others_can_write_is_refused(tmp_path):
    locks = tmp_path / "locks"
    locks.mkdir()
    locks.chmod(0o777)
    with pytest.raises(errors.MailMoverError) as info:
        MoveLock(locks, "u@h:993", shared=False).acquire()
    assert info.value.code == errors.UNSAFE_PATH and "chmod 700" in str(info.value)


def test_a_planted_link_in_the_shared_folder_is_not_followed(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    for key in identities("u@h:993"):
        lock_path(shared, key).symlink_to(victim)
    lock = MoveLock(tmp_path / "own", "u@h:993", shared=shared)
    lock.acquire()  # the per-user lock holds; the planted one is left alone
    lock.release()
    assert victim.read_text() == "keep me"
