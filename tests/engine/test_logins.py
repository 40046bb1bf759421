"""engine.logins: each account logged in once across a front end's steps, counted by the
servers themselves (Dovecot's log), a dead connection replaced by one new login."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from mailmover.engine import errors
from mailmover.engine import logins as logins_mod
from mailmover.engine.logins import Logins
from mailmover.engine.transfer import Migration, MoveOptions
from mailmover.engine.verify import verify
from mailmover.store import Store
from tests.gui.conftest import fill_mailbox, folder_counts


def test_one_login_per_account_across_check_plan_move_verify(
    make_account, coremail_server, exmail_server, tmp_path
):
    source, target = make_account(coremail_server), make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 4, "课题组": 3})
    src_before = coremail_server.logins(source.user)
    dst_before = exmail_server.logins(target.user)
    logins = Logins()
    options = MoveOptions(connections=1)
    try:
        with logins.lease():  # the account pages: each side checked on its own
            logins.connection("target", target.account())
        with logins.lease():
            logins.connection("source", source.account())
            logins.connection("source", source.account())  # checked again: no new login
        for _ in range(2):  # the folders page, then the user goes back and forth
            with logins.lease():
                pool = logins.pool(source.account(), target.account(), pairs=1)
                mappings = Migration(source.account(), target.account(), None, options,
                                     pool=pool).plan()
        with logins.lease():
            store = Store(tmp_path / "job.sqlite")
            pool = logins.pool(source.account(), target.account(), pairs=1)
            run = Migration(source.account(), target.account(), store, options, pool=pool)
            events = list(run.run())
            store.close()
            assert events[-1].report.totals()["copied"] == 7
        with logins.lease():
            src, dst = logins.pool(source.account(), target.account(), pairs=1).main()
            assert verify(src, dst, mappings).ok
        assert coremail_server.logins(source.user) - src_before == 1
        assert exmail_server.logins(target.user) - dst_before == 1
        assert logins.logins == 2
    finally:
        logins.close()


def test_extra_pairs_are_logged_out_after_a_run_the_main_pair_stays(
    make_account, coremail_server, exmail_server, tmp_path
):
    source, target = make_account(coremail_server), make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 30})
    logins = Logins()
    try:
        with logins.lease():
            pool = logins.pool(source.account(), target.account(), pairs=3)
            store = Store(tmp_path / "job.sqlite")
            list(Migration(source.account(), target.account(), store,
                           MoveOptions(connections=3), pool=pool).run())
            store.close()
            assert pool.is_open
            pairs, _ = pool.pairs(1)
            assert len(pairs) == 1  # the extra pairs were closed, the main one kept
            pairs[0][0].client.noop()
        assert folder_counts(target)["INBOX"] == 30
    finally:
        logins.close()


def test_a_connection_that_died_while_idle_is_replaced_once(
    make_account, coremail_server, exmail_server, monkeypatch
):
    source, target = make_account(coremail_server), make_account(exmail_server)
    monkeypatch.setattr(logins_mod, "IDLE_CHECK", 0.0)
    logins = Logins()
    try:
        with logins.lease():
            pool = logins.pool(source.account(), target.account(), pairs=1)
            src, _ = pool.main()
        before = coremail_server.logins(source.user)
        # The server's autologout (or a laptop's sleep) ended it while the user read a page.
        src.client.socket().shutdown(socket.SHUT_RDWR)
        time.sleep(0.05)
        with logins.lease():
            src2, dst2 = logins.pool(source.account(), target.account(), pairs=1).main()
            src2.client.select_folder("INBOX")
            dst2.client.noop()
        assert src2 is not src
        assert coremail_server.logins(source.user) - before == 1
    finally:
        logins.close()


def test_other_accounts_or_password_mean_new_logins_and_the_old_ones_end(
    make_account, exmail_server
):
    first, second = make_account(exmail_server), make_account(exmail_server)
    logins = Logins()
    try:
        with logins.lease():
            old = logins.connection("target", first.account())
            new = logins.connection("target", second.account())
        assert new is not old and new.account.user == second.user
        with pytest.raises(Exception):  # noqa: B017 - logged out: any use fails
            old.client.noop()
        before = exmail_server.logins(second.user)
        # The same address with another password is another login (the user changed
        # the default password on the new account's page): tried, not assumed.
        with logins.lease(), pytest.raises(errors.ConnectError) as refused:
            logins.connection("target", second.account().with_password("not-it"))
        assert refused.value.code == errors.AUTH_FAILED
        with logins.lease():
            again = logins.connection("target", second.account())
        assert again is not new and exmail_server.logins(second.user) - before == 1
    finally:
        logins.close()


def test_two_steps_on_two_threads_take_turns(make_account, exmail_server):
    target = make_account(exmail_server)
    logins = Logins()
    order: list[str] = []
    holding = threading.Event()

    def first() -> None:
        with logins.lease():
            logins.connection("target", target.account())
            order.append("first in")
            holding.set()
            time.sleep(0.3)
            order.append("first out")

    def second() -> None:
        holding.wait()
        with logins.lease():
            order.append("second in")
            logins.connection("target", target.account()).client.noop()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    logins.close()
    assert order == ["first in", "first out", "second in"]


def test_a_step_that_broke_off_leaves_no_half_read_connection(
    make_account, coremail_server, exmail_server
):
    source, target = make_account(coremail_server), make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 3})
    logins = Logins()
    try:
        with pytest.raises(RuntimeError), logins.lease():
            first, _ = logins.pool(source.account(), target.account(), pairs=1).main()
            raise RuntimeError("the step failed between a command and its answer")
        with logins.lease():
            src, _ = logins.pool(source.account(), target.account(), pairs=1).main()
            assert src is not first
            assert src.client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 3
    finally:
        logins.close()


def test_changing_one_account_after_planning_logs_in_only_that_one(
    make_account, coremail_server, exmail_server
):
    source = make_account(coremail_server)
    first, second = make_account(exmail_server), make_account(exmail_server)
    logins = Logins()
    try:
        with logins.lease():
            logins.pool(source.account(), first.account(), pairs=1).main()
        src0 = coremail_server.logins(source.user)
        # The user goes back and changes the new account, checks it, plans again.
        with logins.lease():
            logins.connection("target", second.account())
        with logins.lease():
            src, dst = logins.pool(source.account(), second.account(), pairs=1).main()
            assert dst.account.user == second.user
            src.client.noop()
        assert coremail_server.logins(source.user) == src0  # the old account's login kept
        assert exmail_server.logins(second.user) == 1
    finally:
        logins.close()
