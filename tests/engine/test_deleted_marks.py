"""Messages marked \\Deleted but not expunged on the old side: left out and said by
default, moved as ordinary messages with --include-deleted; verify agrees either way."""

from __future__ import annotations

from datetime import datetime

from tests.support.mailbox import CST, client, message

WHEN = datetime(2022, 5, 6, 7, 8, 9, tzinfo=CST)


def _fill(server, account) -> None:
    with client(server, account.user, account.password) as c:
        for i in range(6):
            flags = (b"\\Deleted", b"\\Seen") if i in (1, 4) else (b"\\Seen",)
            c.append("INBOX", message(i), flags, WHEN)


def _subjects(server, account) -> dict[bytes, frozenset[bytes]]:
    with client(server, account.user, account.password) as c:
        c.select_folder("INBOX", readonly=True)
        data = c.fetch(c.search("ALL"), [b"BODY.PEEK[HEADER.FIELDS (SUBJECT)]", b"FLAGS"])
        return {
            d[b"BODY[HEADER.FIELDS (SUBJECT)]"].strip(): frozenset(d[b"FLAGS"]) - {b"\\Recent"}
            for d in data.values()
        }


def test_marked_deleted_is_left_out_counted_and_said(
    coremail_server, exmail_server, make_account, run_cli
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    _fill(coremail_server, src)
    first = run_cli("migrate", src, dst)
    assert first.code == 0, first.out + first.err
    got = _subjects(exmail_server, dst)
    assert len(got) == 4 and b"Subject: message 1" not in got and b"Subject: message 4" not in got
    inbox = next(f for f in first.report["folders"] if f["source"] == "INBOX")
    assert (inbox["copied"], inbox["skipped"]) == (4, 2)
    assert "2 messages of the old folder INBOX are marked as deleted" in first.out + first.err
    assert run_cli("verify", src, dst).code == 0  # the move's choice, not a difference
    again = run_cli("migrate", src, dst)
    assert sum(f["copied"] for f in again.report["folders"]) == 0
    assert len(_subjects(exmail_server, dst)) == 4


def test_include_deleted_moves_them_without_the_mark(
    coremail_server, exmail_server, make_account, run_cli
):
    src, dst = make_account(coremail_server), make_account(exmail_server)
    _fill(coremail_server, src)
    run = run_cli("migrate", src, dst, "--include-deleted")
    assert run.code == 0, run.out + run.err
    got = _subjects(exmail_server, dst)
    assert len(got) == 6
    # The mark is not carried: the new server's next expunge must not erase moved mail.
    assert all(flags == {b"\\Seen"} for flags in got.values()), got
    assert run_cli("verify", src, dst, "--include-deleted").code == 0
    # Without the option, verify leaves them out as the default move would: still no
    # difference (two copies the move was asked for count as mail only in the new side).
    assert run_cli("verify", src, dst).code == 0
