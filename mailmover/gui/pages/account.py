"""Pages 2 and 3: log in to the new and the old mailbox, checked on a worker thread."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from mailmover import secrets
from mailmover.engine import Account, Preset, errors, parse_url
from mailmover.gui.i18n import LANGUAGES_
from mailmover.gui.pages.base import Page, announce, wrap_label
from mailmover.gui.pages.login_status import plain, status_html
from mailmover.gui.pages.oauth_box import OAuthBox
from mailmover.gui.pages.server_box import ServerBox
from mailmover.gui.pictures import ExmailSettingsPicture
from mailmover.gui.server_suggestion import SERVER_CODES, suggest_server
from mailmover.gui.webmail import webmail_url
from mailmover.gui.worker import CallWorker, check_login


class AccountPage(Page):
    """Shared by both accounts; `side` is "target" (new mailbox) or "source" (old one)."""

    def __init__(self, session, threads, side: str, prefill: Account | None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, threads)
        self.side = side
        self.prefill = prefill
        self._checking = False
        self._advance_after = False
        self._ok_for: tuple[Account, str] | None = None
        self._keychain_missing = False
        # Accounts (user@host:port) whose person agreed to send the password unencrypted.
        self._plaintext_ok: set[str] = set()
        self._result_code: str | None = None
        self._result_exc: BaseException | None = None
        # What was filled in automatically (preset/profile): replaced when the address
        # changes, kept as soon as the user edits the server fields.
        self._auto: tuple[str, int, str] | None = None
        self._prefilling = False
        self.preset_used: Preset | None = None

        self.password_note = wrap_label()
        self.layout_.addWidget(self.password_note)
        self.webmail_button = QPushButton()
        self.webmail_button.clicked.connect(self._open_webmail)
        row = QHBoxLayout()
        row.addWidget(self.webmail_button)
        row.addStretch(1)
        self.layout_.addLayout(row)

        form = QFormLayout()
        self.email = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox()
        self.show_password.toggled.connect(
            lambda on: self.password.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.remember = QCheckBox()
        self.remember.toggled.connect(self._remember_toggled)
        self.email_label, self.password_label = QLabel(), QLabel()
        self.email_label.setBuddy(self.email)
        self.password_label.setBuddy(self.password)
        form.addRow(self.email_label, self.email)
        form.addRow(self.password_label, self.password)
        checks = QHBoxLayout()
        checks.addWidget(self.show_password)
        checks.addWidget(self.remember)
        checks.addStretch(1)
        form.addRow("", checks)
        self.layout_.addLayout(form)
        oauth_at = self.layout_.count()  # "Sign in with …" goes here, for OAuth providers
        # Check login right under the password, and what it found right under the button.
        self.check_button = QPushButton()
        self.check_button.clicked.connect(lambda: self.start_check(advance=False))
        crow = QHBoxLayout()
        crow.addWidget(self.check_button)
        crow.addStretch(1)
        self.layout_.addLayout(crow)
        self.status = wrap_label(rich=True)
        self.status.setObjectName("status")
        self.keychain_note = wrap_label()
        self.keychain_note.setVisible(False)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.keychain_note)

        # Where to click in Exmail's webmail (new mailbox on Exmail only), under the
        # fields so that they stay in view on a small screen.
        self.picture_caption = wrap_label()
        self.picture_caption.setObjectName("picture_caption")
        self.picture = ExmailSettingsPicture()
        self.layout_.addWidget(self.picture_caption)
        self.layout_.addWidget(self.picture)

        # Server, port and security: filled in from the provider or the institution's
        # profile, so hidden behind "Advanced" unless nothing could be filled in.
        self.advanced = QPushButton()
        self.advanced.setCheckable(True)
        self.advanced.setFlat(True)
        self.advanced.toggled.connect(self._advanced_toggled)
        arow = QHBoxLayout()
        arow.addWidget(self.advanced)
        arow.addStretch(1)
        self.layout_.addLayout(arow)
        self.server_box = ServerBox()
        # The page reads and watches these fields itself (and the tab order lists them).
        self.host, self.port = self.server_box.host, self.server_box.port
        self.security = self.server_box.security
        self.ca_file, self.ca_button = self.server_box.ca_file, self.server_box.ca_button
        self.security.currentIndexChanged.connect(self._changed)
        self.server_box.ca_file.textChanged.connect(self._changed)
        self.server_box.ca_button.clicked.connect(self._choose_ca)
        self.layout_.addWidget(self.server_box)
        self.layout_.addStretch(1)
        self.oauth_box = OAuthBox(self)  # follows the address and server typed below
        self.layout_.insertWidget(oauth_at, self.oauth_box)

        for w in (self.email, self.password, self.host):
            w.textChanged.connect(self._changed)
        self.port.valueChanged.connect(self._changed)
        self.email.textChanged.connect(self._email_changed)
        self.email.editingFinished.connect(self._email_finished)
        self._apply_prefill(prefill)
        self._show_server(self.server_needed())
        self.retranslate()
        self.setTabOrder(self.email, self.password)
        self.setTabOrder(self.password, self.show_password)
        self.setTabOrder(self.show_password, self.remember)
        self.setTabOrder(self.remember, self.check_button)
        self.setTabOrder(self.check_button, self.advanced)
        self.setTabOrder(self.advanced, self.host)
        self.setTabOrder(self.host, self.port)
        self.setTabOrder(self.port, self.security)
        self.setTabOrder(self.security, self.ca_file)
        self.setTabOrder(self.ca_file, self.ca_button)

    # -- filling in ---------------------------------------------------------------------
    def _apply_prefill(self, acc: Account | None) -> None:
        self._prefilling = True
        try:
            if acc is not None:  # given explicitly (command line, unfinished move): keep
                self._auto, self.preset_used = None, None
                self.email.setText(acc.user)
                self.password.setText(acc.password)
                self.server_box.set_server(acc.host, acc.port, acc.security or "tls")
                self.server_box.ca_file.setText(acc.ca_file or "")
                return
            found = suggest_server(self.session, self.side, "")
            if found is not None:
                self.server_box.set_server(*found[:3])
                self._auto, self.preset_used = found[:3], found[3]
            else:
                self.server_box.set_server("", None, "tls")
        finally:
            self._prefilling = False

    def server_needed(self) -> bool:
        """The server settings must be shown: nothing filled them in (no provider preset
        and no institution profile for this side)."""
        return not self.host.text().strip()

    def _show_server(self, on: bool) -> None:
        self.advanced.setChecked(on)
        self.server_box.setVisible(on)

    def _advanced_toggled(self, on: bool) -> None:
        self.server_box.setVisible(on)
        self._retranslate_advanced()

    def _retranslate_advanced(self) -> None:
        on = self.advanced.isChecked()
        self.advanced.setText(("▾ " if on else "▸ ") + self.tr("&Advanced: server settings"))
        self.advanced.setAccessibleName(self.tr("Advanced: server settings"))

    def _email_changed(self, text: str) -> None:
        """Fill server, port and security for the typed address while the user has not
        set them: from the provider's preset, else from the institution profile."""
        if self._prefilling:
            return
        now = self.server_box.server()
        if now[0] and now != self._auto:
            return  # typed (or given) by the user: theirs
        found = suggest_server(self.session, self.side, text.strip())
        if found is not None:
            self.server_box.set_server(*found[:3])
            self._auto, self.preset_used = found[:3], found[3]
        elif self._auto is not None:
            self.host.clear()
            self._auto, self.preset_used = None, None
        if self.server_needed():
            self._show_server(True)
        self._retranslate_provider()

    def _email_finished(self) -> None:
        text = self.email.text().strip()
        domain = str(self.session.profile_value("email_domain") or "")
        if text and "@" not in text and domain:
            self.email.setText(f"{text}@{domain}")  # faculty type only the part before @
        self._fill_from_keychain()

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        resume = self.session.resume
        if resume is not None and self.prefill is None and not self.email.text():
            url = resume.target_url if self.side == "target" else resume.source_url
            try:
                acc = parse_url(url, allow_plaintext=True)
                self._apply_prefill(acc)
            except Exception:  # noqa: BLE001 - a stale resume entry only loses the prefill
                pass
        self._fill_from_keychain()
        self.settle()

    def first_field(self) -> QWidget | None:
        return self.password if self.email.text().strip() else self.email

    def _fill_from_keychain(self) -> None:
        if self.password.text() or not self.email.text() or not self.host.text():
            return
        stored = secrets.get_password(self.account().key)
        if stored:
            self.password.setText(stored)
            self.remember.setChecked(True)

    def _changed(self) -> None:
        self.completeChanged.emit()

    def _remember_toggled(self, on: bool) -> None:
        self._keychain_missing = on and not secrets.available()
        self.keychain_note.setVisible(self._keychain_missing)
        if not on and self.email.text():
            secrets.delete_password(self.account().key)

    def account(self) -> Account:
        base = self.prefill or Account(host="", user="")
        security = self.security.currentData()
        acc = replace(
            base,
            host=self.host.text().strip(),
            user=self.email.text().strip(),
            port=self.port.value(),
            security=security,
            password=self.password.text(),
            ca_file=self.server_box.ca_path(),
        )
        if self.oauth_box.active:  # a token from the provider's page instead of a password
            acc = replace(acc, password="", oauth=self.oauth_box.tokens)
        # The CLI's rule: unencrypted only to this computer, or with consent for exactly
        # this account (a profile's or preset's "plain" does not give it).
        return replace(acc, allow_plaintext=acc.key in self._plaintext_ok)

    def _plaintext_agreed(self, acc: Account) -> bool:
        if not acc.plaintext_to_network or acc.allow_plaintext:
            return True
        title = self.tr("Send the password unencrypted?")
        text = self.tr(
            "The security setting is 'None': your password for {user} would travel "
            "unencrypted to {host}, and anyone on the network in between could read it and "
            "your mail. Do this only if the help desk told you to. Send it unencrypted?"
        ).format(user=acc.user, host=acc.host)
        if not self.session.confirm(self, title, text):
            self._result_code = errors.PLAINTEXT_REFUSED
            self._result_exc = errors.ConnectError(errors.PLAINTEXT_REFUSED, host=acc.host)
            self.retranslate()
            return False
        self._plaintext_ok.add(acc.key)
        self.session.log(f"{self.side} account: sending the password unencrypted to "
                         f"{acc.host} (confirmed)")
        return True

    def _choose_ca(self) -> None:
        title = self.tr("Certificate authority of the server (PEM file)")
        path = self.session.choose_open_file(self, title, "PEM (*.pem *.crt *.cer);;* (*)")
        if path:
            self.server_box.ca_file.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        box = self.oauth_box
        signed = box.tokens is not None if box.active else bool(self.password.text())
        return bool(self.email.text().strip() and signed and self.host.text()
                    and not self._checking)

    # -- checking ---------------------------------------------------------------------
    def start_check(self, advance: bool) -> None:
        if self._checking:
            return
        acc = self.account()
        if not self._plaintext_agreed(acc):
            return
        acc = self.account()
        self._checking = True
        self._advance_after = advance
        self._result_code, self._result_exc = "checking", None
        self.check_button.setEnabled(False)
        self.completeChanged.emit()
        self.retranslate()
        self.session.log(f"checking the {self.side} account: {acc.user} at {acc.host}:{acc.port} "
                         f"({acc.security})")
        logins, side = self.session.logins, self.side
        worker = CallWorker(lambda: check_login(logins, side, acc))
        self._checking_account = acc
        worker.result.connect(self._checked_ok)
        worker.failed.connect(self._checked_failed)
        worker.finished.connect(self._check_done)
        self.threads.start(worker)

    def _checked_ok(self, result: tuple[tuple[str, ...], str]) -> None:
        # Bound methods (not lambdas) so Qt queues these calls onto the GUI thread.
        acc = self._checking_account
        caps, greeting = result
        self._ok_for = (acc, acc.password)
        self._result_code, self._result_exc = "ok", None
        self.status.setText(self._status_text())
        self.session.note_capabilities(self.side, acc.host, caps, greeting)
        self.session.log(f"{self.side} account ok: {' '.join(caps)}")
        if self.side == "target":
            self.session.target = acc
        else:
            self.session.source = acc
        if self.remember.isChecked():
            try:
                secrets.set_password(acc.key, acc.password)
            except secrets.KeychainUnavailable:
                self._keychain_missing = True
                self.keychain_note.setVisible(True)

    def _checked_failed(self, exc: BaseException) -> None:
        self._ok_for = None
        self._advance_after = False
        self._result_code = getattr(exc, "code", "unexpected")
        self._result_exc = exc
        self.session.log(f"{self.side} account failed: {self._result_code} {exc}")
        if self._result_code in SERVER_CODES:
            self._show_server(True)  # the server settings are what to look at now
        self.status.setText(self._status_text())  # at once, not when the thread has ended

    def _check_done(self) -> None:
        self._checking = False
        self.check_button.setEnabled(True)
        self.retranslate()
        self.completeChanged.emit()
        announce(self.status, self.status_plain())
        self.bring_into_view(self.status)
        if self._advance_after and self._ok_for is not None:
            self._advance_after = False
            wizard = self.wizard()
            if wizard is not None and wizard.currentPage() is self:
                wizard.next()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        acc = self.account()
        if self._ok_for is not None and self._ok_for == (acc, acc.password):
            return True
        self.start_check(advance=True)
        return False

    def webmail_url(self) -> str:
        """The page the webmail button opens (gui.webmail says which)."""
        return webmail_url(self.session, self.side)

    def _open_webmail(self) -> None:
        url = self.webmail_url()
        if url:
            self.session.open_url(url)

    # -- texts --------------------------------------------------------------------------
    def retranslate(self) -> None:
        new = self.side == "target"
        if new:
            self.setTitle(self.tr("Your new mailbox"))
            self.setSubTitle(self.tr("Where your mail will go."))
            self.intro.setText(self.tr(
                "Type the e-mail address and password of your new mailbox. If you received "
                "a first password from the university, change it in the new webmail first, "
                "then use the new one here."))
            note = self.tr("If the new mailbox asks for a client-specific password, mailmover "
                           "shows you how to get one.")
            hint = self._profile_hint()
            self.password_note.setText(f"{hint}\n{note}" if hint else note)
            self.webmail_button.setText(self.tr("Open the new webmail to change the password"))
        else:
            self.setTitle(self.tr("Your old mailbox"))
            self.setSubTitle(self.tr("Where your mail is now."))
            self.intro.setText(self.tr(
                "Type the e-mail address and password of your old mailbox. mailmover only "
                "reads it: nothing is deleted or changed there."))
            self.password_note.setText(self.tr(
                "Any characters in the password are fine, including spaces, symbols such as "
                "( ) * % \" \\ { } and Chinese characters."))
            self.webmail_button.setText(self.tr("Open the old webmail"))
        self.webmail_button.setAccessibleName(self.webmail_button.text())
        self.email_label.setText(self.tr("&E-mail address:"))
        self.password_label.setText(self.tr("&Password:"))
        self.email.setAccessibleName(self.tr("E-mail address"))
        self.password.setAccessibleName(self.tr("Password"))
        self.email.setPlaceholderText(self.tr("name@example.edu.cn"))
        self.show_password.setText(self.tr("Show password"))
        self.show_password.setAccessibleName(self.tr("Show password"))
        self.remember.setText(self.tr("Remember the password on this computer"))
        self.remember.setAccessibleName(self.tr("Remember the password on this computer"))
        self.server_box.retranslate()
        self.oauth_box.retranslate()
        self._retranslate_advanced()
        self._retranslate_provider()
        self.check_button.setText(self.tr("Chec&k login"))
        self.check_button.setAccessibleName(self.tr("Check login"))
        self.keychain_note.setText(self.tr(
            "This computer has no password keychain, so the password is kept only while "
            "mailmover is open."))
        self.status.setText(self._status_text())

    def _profile_hint(self) -> str:
        """The institution's word on the first password (profile [hints]), in the UI
        language when the profile has it."""
        profile = self.session.profile
        hint = getattr(profile, "password_hint", None)
        if callable(hint):
            return str(hint("zh" if LANGUAGES_.current == "zh_CN" else "en") or "")
        return ""

    def _retranslate_provider(self) -> None:
        p = self.preset_used
        self.server_box.show_provider(p)
        exmail = self.side == "target" and p is not None and p.name == "exmail"
        caption = self.tr("In the new webmail: ① switch on IMAP, ② fetch all mail (not only "
                          "the last 30 days), ③ create a client-specific password and type "
                          "it in the password box above.")
        self.picture_caption.setText(caption)
        self.picture.setAccessibleName(self.tr("Picture: where to click in the new webmail"))
        self.picture.setAccessibleDescription(caption)
        self.picture.setVisible(exmail)
        self.picture_caption.setVisible(exmail)

    def _status_text(self) -> str:
        return status_html(self._result_code, self._result_exc, self.session)

    def status_plain(self) -> str:
        """The status as a screen reader should say it (no markup)."""
        return plain(self._status_text())
