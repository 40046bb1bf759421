"""The wizard logs in once per account: check, plan, pre-flight, move and verify share
the connections (providers rate-limit logins). Counted by the servers (Dovecot's log)."""

from __future__ import annotations

from tests.gui.conftest import fill_mailbox
from tests.gui.drive import click_next, to_folders


def test_one_login_per_account_per_wizard_run(qtbot, make_wizard, make_account,
                                               coremail_server, exmail_server):
    source, target = make_account(coremail_server), make_account(exmail_server)
    fill_mailbox(source, {"INBOX": 40, "课题组": 6})
    src0, dst0 = coremail_server.logins(source.user), exmail_server.logins(target.user)
    w = make_wizard()
    to_folders(qtbot, w, source, target)  # both checks, the plan and the pre-flight check
    assert coremail_server.logins(source.user) - src0 == 1
    assert exmail_server.logins(target.user) - dst0 == 1

    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.moving.isComplete(), timeout=60000)
    # The copy adds its extra pairs (at most the provider's limit), nothing more.
    limit = w.session.logins.pool(w.session.source, w.session.target,
                                  pairs=w.session.move_options().connections).limit
    moved_src = coremail_server.logins(source.user) - src0
    assert 1 <= moved_src <= limit
    click_next(qtbot, w)
    qtbot.waitUntil(lambda: w.report_page.isComplete(), timeout=30000)
    assert w.session.verification is not None and w.session.verification.ok
    # Verifying used the connection the move kept.
    assert coremail_server.logins(source.user) - src0 == moved_src
    assert exmail_server.logins(target.user) - dst0 == moved_src
