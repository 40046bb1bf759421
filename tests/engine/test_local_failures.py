"""What the disk and a hostile server can do: never a traceback, never lost progress."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from mailmover.cli import printable
from mailmover.engine import errors
from mailmover.engine.account import Account
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.faults import FolderFault
from mailmover.engine.imap.scan import scan
from mailmover.engine.messages import saved_folder_name
from mailmover.engine.transfer import MoveOptions
from tests.support.mailbox import CST, client, message
from tests.support.moves import run_move

WHEN = datetime(2020, 2, 3, 4, 5, 6, tzinfo=CST)
TOO_BIG = b"Z" * 1_100_000 + b"\r\n"  # the limited server refuses over 1 MB


@contextlib.contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[Path]:
    """A small file system of its own (root only: CI and these machines run as root)."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def test_deep_folder_paths_and_colliding_names_save_every_refused_message(
    coremail_server, limited_server, make_account, tmp_path
):
    src, dst = make_account(coremail_server), make_account(limited_server)
    deep = "/".join(["非常长的课题组文件夹名称第" + str(i) + "层级" for i in range(6)])
    folders = [deep, "a/b", "a:b", "a?b", "a_b"]
    assert len(deep.encode()) > 250
    with client(coremail_server, src.user, src.password) as c:
        for f in folders:
            c.create_folder(f)
            c.append(f, message(1, body=TOO_BIG), (), WHEN)
            c.append(f, message(2, body=TOO_BIG), (), WHEN)
            c.append(f, message(3), (), WHEN)
    saved = tmp_path / "saved"
    for _ in range(2):  # the rerun must not crash at the same folder either
        report, _ = run_move(
            src.account(), dst.account(), tmp_path / "j.sqlite", MoveOptions(saved_dir=saved)
        )
        failures = [x for f in report.folders for x in f.failures]
        assert len(failures) == 10
        paths = {x.saved_as for x in failures}
        assert len(paths) == 10  # nothing overwrote anything
        for p in paths:
            assert Path(p).is_absolute() and Path(p).read_bytes().endswith(TOO_BIG)
            assert all(len(part.encode()) < 120 for part in Path(p).relative_to(saved).parts)
    index = (saved / "index.tsv").read_text(encoding="utf-8")
    assert len(index.splitlines()) == 5


def test_saved_folder_names_are_unique_and_bounded() -> None:
    names = ["a/b", "a:b", "a?b", "a_b", "..", "...", "CON", "x" * 400, "课" * 200, "a\x1bb"]
    out = [saved_folder_name(n) for n in names]
    assert len(set(out)) == len(out)
    for o in out:
        assert len(o.encode()) <= 100 and not o.startswith(".") and "/" not in o


def test_full_disk_stops_cleanly_and_keeps_the_store(
    coremail_server, limited_server, make_account, tmp_path, run_cli
):
    src, dst = make_account(coremail_server), make_account(limited_server)
    with client(coremail_server, src.user, src.password) as c:
        for i in range(30):
            c.append("INBOX", message(i), (), WHEN)
        c.append("INBOX", message(99, body=TOO_BIG), (), WHEN)  # refused: saved to disk
    state = tmp_path / "state"
    with _tmpfs(state, "600k"):
        result = _run_with_state(run_cli, src, dst, state)
        assert result.code == 6, result.err + result.out
        assert "disk is full" in result.err + result.out
        assert "Traceback" not in result.err
        stores = list((state / "jobs").glob("*.sqlite"))
        assert len(stores) == 1 and not list((state / "jobs").glob("*.damaged-*"))
        # Space is made: the same command goes on where it stopped.
        subprocess.run(["mount", "-o", "remount,size=8m", str(state)], check=True)
        again = _run_with_state(run_cli, src, dst, state)
        assert again.code == 1  # only the refused message is left, saved this time
        assert again.report is not None and again.report["totals"]["failed"] == 1
        assert again.report["totals"]["copied"] + again.report["totals"]["present"] == 30


def test_read_only_state_folder_is_named_not_a_traceback(
    coremail_server, exmail_server, make_account, tmp_path, run_cli
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    with client(coremail_server, src.user, src.password) as c:
        c.append("INBOX", message(1), (), WHEN)
    state = tmp_path / "ro"
    with _tmpfs(state, "1m"):
        subprocess.run(["mount", "-o", "remount,ro", str(state)], check=True)
        result = _run_with_state(run_cli, src, dst, state)
    assert result.code == 6, result.err
    assert "cannot write" in result.err and "Traceback" not in result.err


def test_missing_ca_file_is_named(coremail_server, make_account, run_cli, tmp_path):
    src = make_account(coremail_server)
    missing = tmp_path / "nope.pem"
    result = run_cli("verify", src, src, "--target-ca-file", str(missing))
    assert result.code == 3
    assert str(missing) in result.err and "does not exist" in result.err


def test_hostile_uid_is_refused_not_stored() -> None:
    class Client:
        use_uid = True

        def fetch(self, ids: list[int], items: list[bytes]) -> dict[int, dict[bytes, Any]]:
            return {1: {b"UID": 99999999999999999999, b"RFC822.SIZE": 10}}

    class Conn(ImapConnection):
        def __init__(self) -> None:  # no super(): no login
            self.client = Client()
            self.account = Account("evil.example", "user")
            self.selected = "INBOX"

    with pytest.raises(FolderFault) as exc:  # that folder fails, not the run
        list(scan(Conn(), 1))
    assert exc.value.code == errors.BAD_SERVER_DATA


def test_control_characters_are_shown_not_obeyed() -> None:
    assert printable("Inbox\x1b[2J\x1b]0;pwned\x07") == "Inbox\\x1b[2J\\x1b]0;pwned\\x07"
    assert printable("课题组\tok\n") == "课题组\tok\n"


def _run_with_state(run_cli: Any, src: Any, dst: Any, state: Path) -> Any:
    return run_cli("migrate", src, dst, "--state-dir", str(state))


def test_an_internal_error_is_one_line_with_its_own_exit_code(monkeypatch, capsys) -> None:
    import mailmover.cli as cli

    def broken(args: object, out: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli.COMMANDS, "verify", cli.Command(broken, None))
    code = cli.main(["verify", "imap+plain://a@127.0.0.1:1", "imap+plain://b@127.0.0.1:2"])
    err = capsys.readouterr().err
    assert code == 70
    assert "internal error (RuntimeError)" in err and "mailmover bundle" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
