"""The account page's "Sign in with Microsoft / Google…" part: where the provider (or the
institution's profile) signs in with OAuth 2.0, it takes the place of the password.

The sign-in runs on a worker thread (discovery, the loopback listener, the system
browser, the code exchange) with a Cancel button; then the page shows the signed-in
address. A sign-in kept in the keychain from an earlier run (or `mailmover login`) is
shown as signed in at once. Every failure is a plain sentence with what to do.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mailmover.engine import Control, preset_for_host
from mailmover.gui.messages import exception_text, fill
from mailmover.gui.pages.base import announce, wrap_label
from mailmover.gui.worker import CallWorker
from mailmover.oauth import failures, flows, settings
from mailmover.oauth.provider import OAuthConfig
from mailmover.oauth.session import AccountTokens
from mailmover.oauth.store import default_store

PROFILE_SIDE = {"source": "old_server", "target": "new_server"}


def failure_text(exc: BaseException) -> str:
    """What went wrong, in the person's language, with what to do."""
    if getattr(exc, "code", ""):
        return exception_text(exc)
    return str(exc) or type(exc).__name__


class _Cancel(Control):
    """Cancels the sign-in from the Cancel button or when the window closes."""

    def __init__(self) -> None:
        super().__init__()
        self.event = threading.Event()

    def cancel(self) -> None:
        super().cancel()
        self.event.set()


class OAuthBox(QWidget):
    """Shown instead of the password fields where the account signs in with OAuth."""

    def __init__(self, page: Any) -> None:  # an AccountPage
        super().__init__()
        self.page = page
        self.config: OAuthConfig | None = None
        self.problem: str = ""  # why OAuth cannot be used here (no client id)
        self.tokens: AccountTokens | None = None
        self.running: _Cancel | None = None
        self._result: str = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.button = QPushButton()
        self.button.clicked.connect(self.start)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        row.addWidget(self.button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.state = wrap_label()
        self.state.setObjectName("oauth_state")
        layout.addWidget(self.state)
        self.setVisible(False)
        page.email.textChanged.connect(self.refresh)
        page.host.textChanged.connect(self.refresh)

    # -- which sign-in ------------------------------------------------------------------
    def _given(self, host: str) -> settings.Given:
        profile = self.page.session.profile
        server = getattr(profile, PROFILE_SIDE[self.page.side], None) if profile else None
        if server is None or not server.host or server.host.lower() != host.lower():
            return settings.Given()
        return settings.Given(issuer=server.oauth_issuer, client_id=server.oauth_client_id,
                              tenant=server.oauth_tenant, scopes=tuple(server.oauth_scopes))

    @property
    def active(self) -> bool:
        return self.config is not None or bool(self.problem)

    def refresh(self) -> None:
        host = self.page.host.text().strip()
        user = self.page.email.text().strip()
        try:
            config = settings.resolve(host, self._given(host)) if host else None
            self.problem = ""
        except settings.SettingsError:
            config, self.problem = None, failures.NO_CLIENT_ID
        if config != self.config or (self.tokens is not None and self.tokens.user != user):
            self.config, self.tokens, self._result = config, None, ""
        if self.config is not None and self.tokens is None and user and self.running is None:
            self.tokens = self._kept(self.config, user)
        self.setVisible(self.active)
        for w in (self.page.password, self.page.password_label, self.page.show_password,
                  self.page.remember):
            w.setVisible(not self.active)
        self.retranslate()
        self.page.completeChanged.emit()

    def _kept(self, config: OAuthConfig, user: str) -> AccountTokens | None:
        """A sign-in from an earlier run, if the keychain has one (no network)."""
        store = default_store()
        sign_in = flows.SignIn(config, None, user)
        tokens = AccountTokens(sign_in, store)
        return tokens if tokens.current() is not None else None

    # -- signing in ---------------------------------------------------------------------
    def start(self) -> None:
        if self.config is None or self.running is not None:
            return
        user = self.page.email.text().strip()
        if not user:
            return
        config, cancel = self.config, _Cancel()
        self.running, self._result = cancel, "waiting"
        self.page.threads.controls.append(cancel)  # the window's close cancels it too
        self.page.session.log(f"{self.page.side} account: signing in with {config.issuer}")

        def sign_in() -> AccountTokens:
            s = flows.SignIn(config, None, user, cancel=cancel.event)
            tokens = AccountTokens(s, default_store())
            tokens.adopt(flows.browser_sign_in(s))
            return tokens

        worker = CallWorker(sign_in)
        worker.result.connect(self._signed_in)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._done)
        self.page.threads.start(worker)
        self.retranslate()

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()

    def _signed_in(self, tokens: AccountTokens) -> None:
        self.tokens, self._result = tokens, ""
        self.page.session.log(f"{self.page.side} account: signed in")

    def _failed(self, exc: BaseException) -> None:
        self.tokens, self._result = None, failure_text(exc)
        self.page.session.log(f"{self.page.side} account: sign-in failed: "
                              f"{getattr(exc, 'code', type(exc).__name__)}")

    def _done(self) -> None:
        if self.running is not None and self.running in self.page.threads.controls:
            self.page.threads.controls.remove(self.running)
        self.running = None
        self.refresh()  # the address may have changed meanwhile: then that sign-in is not it
        announce(self.state, self.state.text())

    # -- texts --------------------------------------------------------------------------
    def provider_name(self) -> str:
        preset = preset_for_host(self.page.host.text().strip())
        if preset is not None and preset.oauth is not None and preset.oauth.title_en:
            return preset.oauth.title_en
        return ""

    def retranslate(self) -> None:
        name = self.provider_name()
        if name:
            label = fill(QCoreApplication.translate("OAuthBox", "Sign in with {provider}…"),
                         provider=name)
        else:
            label = QCoreApplication.translate("OAuthBox", "Sign in…")
        self.button.setText(label)
        self.button.setAccessibleName(label.rstrip("…"))
        self.button.setEnabled(self.config is not None and self.running is None)
        self.cancel_button.setText(QCoreApplication.translate("OAuthBox", "Cancel"))
        self.cancel_button.setVisible(self.running is not None)
        if self.problem:
            text = failure_text(failures.OAuthFailure(self.problem))
        elif self._result == "waiting":
            text = QCoreApplication.translate(
                "OAuthBox", "Waiting for you to sign in in the browser window…"
            )
        elif self._result:
            text = self._result
        elif self.tokens is not None:
            current = self.tokens.current()
            who = (current.signed_in_as if current is not None else "") or self.tokens.user
            text = fill(QCoreApplication.translate("OAuthBox", "Signed in as {user}."), user=who)
            if self.tokens.in_memory:
                text += " " + QCoreApplication.translate(
                    "OAuthBox",
                    "This computer has no keychain, so the sign-in lasts only until mailmover "
                    "is closed.",
                )
        elif self.config is not None:
            text = QCoreApplication.translate(
                "OAuthBox",
                "This mailbox signs in on its provider's page in your browser, not with a "
                "password here.",
            )
        else:
            text = ""
        self.state.setText(text)
