"""A server with its institution's own certificate: refused until the help desk gives
the certificate authority's file in the account page's server settings."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mailmover.engine import errors
from mailmover.gui.app import NEW, OLD
from tests.gui.drive import click_next, type_account


def test_own_certificate_authority_per_account(qtbot, make_wizard, make_account, tls_server):
    target = make_account(tls_server, "tls-pw")
    w = make_wizard()
    click_next(qtbot, w)
    page = w.new_account
    type_account(qtbot, page, target)
    page.security.setCurrentIndex(page.security.findData("tls"))
    page.port.setValue(tls_server.tls_port)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    # The outcome arrives before the check's end (which writes the status line): both.
    qtbot.waitUntil(
        lambda: page._result_code not in (None, "checking") and not page._checking,
        timeout=15000,
    )
    assert page._result_code == errors.TLS_CERTIFICATE
    assert "cannot be trusted" in page.status.text()

    asked = []
    w.session.choose_open_file = lambda parent, title, filters: (
        asked.append(title) or str(tls_server.cert_file))
    qtbot.mouseClick(page.server_box.ca_button, Qt.MouseButton.LeftButton)
    assert asked and page.server_box.ca_file.text() == str(tls_server.cert_file)
    assert page.account().ca_file == str(tls_server.cert_file)
    click_next(qtbot, w)  # checks again, with the certificate authority: logged in
    qtbot.waitUntil(lambda: w.currentId() == OLD, timeout=15000)
    assert w.session.target is not None
    assert w.session.target.ca_file == str(tls_server.cert_file)
    # Only this account trusts it: the old account's settings start without one.
    assert w.old_account.server_box.ca_file.text() == ""
    assert w.currentId() != NEW
