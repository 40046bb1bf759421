"""Bad input gets a clear error before anything moves; shards split a list exactly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mailmover.batch import cli as batch_cli
from mailmover.batch.accounts import BatchInputError, Row, read_rows
from mailmover.batch.shard import parse_shard, select_shard, shard_of
from mailmover.cli import Output
from tests.batch.conftest import content, pairs, write_csv
from tests.support.dovecot import free_port


def _csv(tmp_path: Path, text: str, *, encoding: str = "utf-8", mode: int = 0o600) -> Path:
    path = tmp_path / "accounts.csv"
    path.write_bytes(text.encode(encoding))
    path.chmod(mode)
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(BatchInputError) as info:
        read_rows(path)
    return info.value.problems


def test_utf8_with_bom_and_gbk_are_read(tmp_path):
    text = "source_user,target_user\r\n张三@uni.edu.cn,zhangsan@new.cn\r\n\r\n"
    for encoding in ("utf-8", "utf-8-sig", "gbk"):
        rows = read_rows(_csv(tmp_path, text, encoding=encoding))
        assert [(r.source_user, r.target_user, r.line) for r in rows] == [
            ("张三@uni.edu.cn", "zhangsan@new.cn", 2)
        ]


def test_every_problem_is_named_at_once(tmp_path):
    path = _csv(
        tmp_path,
        "Source_User,target_user,source_password\n"
        "a,A,x\n"
        "b,,x\n"
        "a,a,x\n"  # repeats line 2 (user names are case-insensitive)
        "c,A,x\n"  # a target already used on line 2
        " ,d,x\n",
    )
    problems = _problems(path)
    assert "line 3: the target user name is empty" in problems
    assert "line 4 repeats line 2" in problems
    assert any(p.startswith("line 5: the target A is also used on line 2") for p in problems)
    assert "line 6: the source user name is empty" in problems
    assert len(problems) == 4


def test_unknown_and_missing_columns(tmp_path):
    problems = _problems(_csv(tmp_path, "source_user,passwd,email\na,b,c\n"))
    assert problems[0].startswith("unknown column(s) 'passwd', 'email'")
    assert "the header has no target_user column" in problems
    assert _problems(_csv(tmp_path, "")) == [
        f"{tmp_path / 'accounts.csv'} is empty: it needs a header row"
    ]
    assert _problems(_csv(tmp_path, "source_user,target_user\n"))[0].endswith("lists no accounts")


def _run(
    tmp_path: Path, csv_path: Path, *extra: str, source: str = "", target: str = ""
) -> tuple[int, str]:
    err = io.StringIO()
    port = free_port()  # nothing listens there
    code = batch_cli.main(
        [
            "batch",
            str(csv_path),
            "--source",
            source or f"imap+plain://127.0.0.1:{port}",
            "--target",
            target or f"imap+plain://127.0.0.1:{port}",
            "--state-dir",
            str(tmp_path / "state"),
            *extra,
        ],
        Output(io.StringIO(), err),
    )
    return code, err.getvalue()


def test_a_csv_with_passwords_readable_by_others_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    path = _csv(tmp_path, "source_user,target_user,source_password\na,b,pw\n", mode=0o644)
    code, err = _run(tmp_path, path)
    assert code == 2
    assert "holds passwords and other users can read it: chmod 600" in err
    assert "nothing was moved" in err
    # Allowed on request: it then gets as far as the (unreachable) server.
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "pw")
    code, err = _run(tmp_path, path, "--allow-readable-csv")
    assert code == 3 and "refused" in err.lower(), err
    # A password file named in a row is held to the same rule.
    (tmp_path / "pw").write_text("secret\n")
    (tmp_path / "pw").chmod(0o644)
    path = _csv(tmp_path, "source_user,target_user,source_password_file\na,b,pw\n", mode=0o644)
    code, err = _run(tmp_path, path, "--password-dir", str(tmp_path))
    assert code == 2 and "line 2: the source password file" in err and "chmod 600" in err


def test_rows_without_a_password_are_named(tmp_path, monkeypatch):
    monkeypatch.delenv("MAILMOVER_SOURCE_PASSWORD", raising=False)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "shared")
    path = _csv(tmp_path, "source_user,target_user,source_password\na,b,pw\nc,d,\n")
    code, err = _run(tmp_path, path)
    assert code == 2
    assert "line 3: no source password" in err and "line 2" not in err
    # An administrator login without its password is refused before any connection.
    code, err = _run(tmp_path, path, "--target-admin", "postmaster")
    assert code == 2 and "MAILMOVER_TARGET_ADMIN_PASSWORD" in err


def test_bad_addresses_and_arguments(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "x")
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "x")
    path = _csv(tmp_path, "source_user,target_user\na,b\n")
    code, err = _run(tmp_path, path, source="imaps://someone@mail.uni.edu.cn")
    assert code == 2 and "the user names come from the accounts file" in err
    code, err = _run(tmp_path, path, source="pop3://mail.uni.edu.cn")
    assert code == 2 and "use imaps://" in err
    code, err = _run(tmp_path, path, target="imap+plain://mail.example.org")
    assert code == 2 and "Refusing to send a password unencrypted" in err, err
    code, err = _run(tmp_path, path, "--shard", "3/2")
    assert code == 2 and "--shard takes K/N" in err


def test_an_unreachable_server_stops_the_batch_before_any_account(
    coremail_server, exmail_server, make_account, tmp_path, monkeypatch
):
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    accounts = pairs(make_account, coremail_server, exmail_server, 2, per_account=5)
    rows = [
        {"source_user": s.user, "target_user": t.user, "source_password": s.password,
         "target_password": t.password}
        for s, t in accounts
    ]  # fmt: skip
    path = write_csv(tmp_path / "staff.csv", rows)
    dead = free_port()
    code, err = _run(
        tmp_path,
        path,
        "--summary",
        str(tmp_path / "s.csv"),
        source=f"imap+plain://127.0.0.1:{coremail_server.port}",
        target=f"imap+plain://127.0.0.1:{dead}",
    )
    assert code == 3
    assert "127.0.0.1" in err and "nothing was moved" in err
    assert err.count("refused") == 1  # checked once, not once per account
    assert not (tmp_path / "s.csv").exists()
    assert all(not content(exmail_server, t.user, t.password) for _, t in accounts)


def _row(i: int) -> Row:
    return Row(i + 2, f"user{i}@old.edu.cn", f"user{i}@new.edu.cn")


def test_shards_are_deterministic_disjoint_and_complete():
    rows = [_row(i) for i in range(500)]
    for n in (1, 2, 3, 7):
        parts = [select_shard(rows, k, n) for k in range(1, n + 1)]
        lines = sorted(r.line for part in parts for r in part)
        assert lines == [r.line for r in rows]  # every row exactly once
        assert all(len(p) > 500 / n * 0.7 for p in parts)  # roughly even
    # A row keeps its shard when the list grows or is reordered.
    before = {r.target_user: shard_of(r, 4) for r in rows}
    grown = list(reversed(rows)) + [_row(i) for i in range(500, 600)]
    assert all(shard_of(r, 4) == before[r.target_user] for r in grown if r.target_user in before)
    assert shard_of(Row(2, "a", "User@New.edu.cn"), 5) == shard_of(
        Row(9, "b", "user@new.edu.cn"), 5
    )


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", ""])
def test_bad_shard_specs(text):
    with pytest.raises(BatchInputError):
        parse_shard(text)
    assert parse_shard(" 2 / 4 ") == (2, 4)


def test_an_unusable_state_folder_stops_the_batch_before_any_account(tmp_path, monkeypatch):
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "x")
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "x")
    (tmp_path / "a-file").write_text("")
    path = _csv(tmp_path, "source_user,target_user\na,b\n")
    err = io.StringIO()
    code = batch_cli.main(
        [
            "batch",
            str(path),
            "--source",
            "imap+plain://127.0.0.1:1",
            "--target",
            "imap+plain://127.0.0.1:1",
            "--state-dir",
            str(tmp_path / "a-file" / "state"),
        ],
        Output(io.StringIO(), err),
    )
    assert code == 6, err.getvalue()
    assert "cannot use the state folder" in err.getvalue() and "nothing was moved" in err.getvalue()
