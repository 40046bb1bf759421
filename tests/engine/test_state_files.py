"""The files mailmover keeps on a shared computer (issue 26): owner-only whatever the
umask, no planted link followed, no state folder another user can change, and one
warning on a filesystem without permissions."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailmover import paths, safefiles, selftest
from mailmover.bundle import write_bundle
from mailmover.cli import Output, main
from mailmover.engine import errors
from mailmover.engine.messages import save_eml
from mailmover.engine.spool import Spool
from mailmover.store import Store
from tests.unit.test_spool import BODY, Client, Conn


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_folders_parents_included_are_0700_under_umask_000(tmp_path, open_umask):
    home = tmp_path / "home" / ".local" / "share" / "mailmover"
    for make in (paths.jobs_dir, paths.saved_messages_dir, paths.logs_dir, paths.reports_dir):
        assert _mode(make(home)) == 0o700
    for d in (home, home.parent, home.parent.parent):
        assert _mode(d) == 0o700, d


def test_bundle_selftest_spool_and_store_files_are_0600_under_umask_000(
    tmp_path, open_umask, monkeypatch
):
    zipped = write_bundle(tmp_path / "out" / "b.zip", log_text="x")
    assert _mode(zipped) == 0o600 and _mode(zipped.parent) == 0o700

    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    writer = selftest._Writer(io.StringIO())
    writer.line("ok")
    writer.close()
    assert writer.path is not None and _mode(writer.path) == 0o600

    spool = Spool(tmp_path / "spool", chunk=100_000)
    spool.fetch(Conn(Client(BODY)), "INBOX", 7, 9)  # type: ignore[arg-type]
    assert _mode(tmp_path / "spool") == 0o700
    assert [_mode(p) for p in (tmp_path / "spool").iterdir()] == [0o600]

    store = Store(tmp_path / "jobs" / "a.sqlite")
    store.db.close()
    assert _mode(tmp_path / "jobs") == 0o700 and _mode(tmp_path / "jobs" / "a.sqlite") == 0o600


def test_a_planted_index_link_is_not_appended_to(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n")
    job = tmp_path / "saved" / "job"
    job.mkdir(parents=True, mode=0o700)
    (job / "index.tsv").symlink_to(victim)
    with pytest.raises(OSError):
        save_eml(job, "INBOX", 1, 2, b"Subject: x\r\n\r\nbody")
    assert victim.read_text() == "keep\n"


def test_a_planted_job_folder_link_is_refused_nothing_written_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    saved = tmp_path / "saved"
    saved.mkdir(mode=0o700)
    (saved / "job").symlink_to(outside)
    with pytest.raises(safefiles.UnsafePath, match="symbolic link"):
        save_eml(saved / "job", "INBOX", 1, 2, b"Subject: x\r\n\r\nbody")
    assert list(outside.iterdir()) == []


def test_a_planted_wal_link_is_refused(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("keep")
    jobs = tmp_path / "jobs"
    jobs.mkdir(mode=0o700)
    (jobs / "a.sqlite-wal").symlink_to(victim)
    with pytest.raises(errors.StopMove) as info:
        Store(jobs / "a.sqlite")
    assert info.value.code == errors.UNSAFE_PATH
    assert victim.read_text() == "keep"


def _migrate(state: Path) -> tuple[int, str]:
    err = io.StringIO()
    code = main(["migrate", "imap+plain://a@127.0.0.1:1", "imap+plain://b@127.0.0.1:1",
                 "--state-dir", str(state), "--timeout", "1"],
                Output(io.StringIO(), err))  # fmt: skip
    return code, err.getvalue()


def test_a_state_folder_others_can_write_or_own_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "a")
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "b")
    state = tmp_path / "state"
    state.mkdir()
    state.chmod(0o777)
    code, err = _migrate(state)
    assert code == 6, err
    assert "will not use " + str(state) + ": other users can change it (mode 777)" in err
    assert list(state.iterdir()) == []  # nothing written there
    state.chmod(0o700)
    os.chown(state, 65534, 65534)  # another user's folder (tests run as root)
    code, err = _migrate(state)
    assert code == 6 and "it belongs to another user" in err, err


def test_a_filesystem_without_permissions_is_used_with_one_warning(
    coremail_server, exmail_server, make_account, tmp_path, monkeypatch
):
    """exFAT shows 0777 whatever chmod says (cannot be mounted here: the probe is faked).
    The folder is used, and the move says once what that means."""
    monkeypatch.setattr(safefiles, "_modes_by_dev", {})
    monkeypatch.setattr(safefiles, "_warned_no_modes", set())
    monkeypatch.setattr(safefiles, "_probe_modes", lambda path: False)
    state = tmp_path / "usb"
    state.mkdir()
    state.chmod(0o777)
    src, dst = make_account(coremail_server, "old"), make_account(exmail_server, "new")
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
    for run in range(2):  # a second move in the same process does not say it again
        out, err = io.StringIO(), io.StringIO()
        code = main(["migrate", src.url, dst.url, "--state-dir", str(state)],
                    Output(out, err))  # fmt: skip
        assert code == 0, err.getvalue()
        text = out.getvalue() + err.getvalue()
        said = text.count("on a disk without permissions (such as exFAT)")
        assert said == (1 if run == 0 else 0), text
    assert (state / "jobs").is_dir()


def test_the_probe_sees_a_filesystem_that_keeps_modes(tmp_path):
    assert safefiles._probe_modes(tmp_path) is True
    assert list(tmp_path.iterdir()) == []  # the probe file is gone


def test_a_log_link_planted_in_the_logs_folder_stays_out_of_the_bundle(tmp_path):
    import zipfile

    key = tmp_path / "id_rsa"
    key.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    state = tmp_path / "s"
    logs = paths.logs_dir(state)
    (logs / "move.log").write_text("a real log line\n")
    (logs / "zz.log").symlink_to(key)
    out = tmp_path / "b.zip"
    assert main(["bundle", "--state-dir", str(state), "-o", str(out)]) == 0
    log = zipfile.ZipFile(out).read("log.txt").decode()
    assert "a real log line" in log and "PRIVATE KEY" not in log
    assert "zz.log ===== (left out" in log


def test_a_filesystem_that_refuses_chmod_still_works(tmp_path, monkeypatch):
    """exFAT on Linux answers EPERM to chmod (faked here): files are still written."""

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(safefiles.os, "fchmod", refuse)
    monkeypatch.setattr(safefiles.os, "chmod", refuse)
    path = save_eml(paths.saved_messages_dir(tmp_path / "usb") / "job", "INBOX", 1, 2,
                    b"Subject: x\r\n\r\nbody")  # fmt: skip
    assert path.read_bytes().endswith(b"body")
