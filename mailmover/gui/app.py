"""Start the assistant: QApplication, translations, and the wizard."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QScreen, QShowEvent
from PySide6.QtWidgets import QApplication, QWizard

from mailmover.engine import Account
from mailmover.gui.helpdesk import HelpDeskView
from mailmover.gui.i18n import LANGUAGES_, system_language
from mailmover.gui.pages.account import AccountPage
from mailmover.gui.pages.cloud import CloudPage
from mailmover.gui.pages.contacts import ContactsPage
from mailmover.gui.pages.finished import FinishedPage
from mailmover.gui.pages.folders import FoldersPage
from mailmover.gui.pages.moving import MovingPage
from mailmover.gui.pages.report import ReportPage
from mailmover.gui.pages.welcome import WelcomePage
from mailmover.gui.session import LogBridge, Session
from mailmover.gui.steps import StepList, window_icon
from mailmover.gui.worker import Threads
from mailmover.profile import Profile

WELCOME, NEW, OLD, FOLDERS, MOVING, REPORT, CONTACTS, CLOUD, FINISHED = range(9)
HELPDESK_BUTTON = QWizard.WizardButton.CustomButton1

# The size the pages are laid out for, and the least they still work at (they scroll).
PREFERRED_SIZE = QSize(900, 680)
MINIMUM_SIZE = QSize(560, 380)
# Room left for the window frame and title bar that the window manager adds.
FRAME_ALLOWANCE = QSize(16, 40)


def fitted_size(available: QSize) -> QSize:
    """The window's size on a screen with `available` logical pixels: the preferred size
    where it fits, else all the screen offers (a 1366×768 laptop at 150 % offers about
    910×512), never below what the pages need to scroll sensibly."""
    width = min(PREFERRED_SIZE.width(), available.width() - FRAME_ALLOWANCE.width())
    height = min(PREFERRED_SIZE.height(), available.height() - FRAME_ALLOWANCE.height())
    return QSize(max(width, MINIMUM_SIZE.width()), max(height, MINIMUM_SIZE.height()))


class MailWizard(QWizard):
    def __init__(
        self,
        *,
        source: Account | None = None,
        target: Account | None = None,
        profile: Profile | None = None,
        language: str | None = None,
    ) -> None:
        super().__init__()
        self.session = Session(profile)
        self.threads = Threads()
        self.languages = LANGUAGES_
        self._log_bridge = LogBridge(self.session)
        logging.getLogger("mailmover").addHandler(self._log_bridge)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.button(HELPDESK_BUTTON).setCheckable(True)
        self.button(HELPDESK_BUTTON).toggled.connect(self.show_helpdesk)
        self.setMinimumSize(MINIMUM_SIZE)
        self.fit_to_screen()
        self.setWindowIcon(window_icon())
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.windowIcon().isNull():
            app.setWindowIcon(self.windowIcon())  # the help-desk and batch windows too
        self.step_list = StepList()
        self.setSideWidget(self.step_list)
        self.currentIdChanged.connect(lambda _id: self.update_steps())

        s, t = self.session, self.threads
        self.welcome = WelcomePage(s, t)
        self.new_account = AccountPage(s, t, "target", target)
        self.old_account = AccountPage(s, t, "source", source)
        self.folders = FoldersPage(s, t)
        self.moving = MovingPage(s, t)
        self.report_page = ReportPage(s, t)
        self.contacts = ContactsPage(s, t)
        self.cloud = CloudPage(s, t)
        self.finished_page = FinishedPage(s, t)
        for page_id, page in enumerate((
            self.welcome, self.new_account, self.old_account, self.folders, self.moving,
            self.report_page, self.contacts, self.cloud, self.finished_page,
        )):
            self.setPage(page_id, page)
        self.report_page.retry_requested.connect(self.retry_move)
        self.welcome.language_chosen.connect(self.set_language)
        self.helpdesk: HelpDeskView | None = None
        self.set_language(language or system_language())

    # -- size and steps -----------------------------------------------------------------
    def fit_to_screen(self, screen: QScreen | None = None) -> None:
        screen = screen or self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(PREFERRED_SIZE)
            return
        area = screen.availableGeometry()
        size = fitted_size(area.size())
        self.resize(size)
        # Centred, and never with the title bar above the top of the screen.
        x = area.x() + max((area.width() - size.width() - FRAME_ALLOWANCE.width()) // 2, 0)
        y = area.y() + max((area.height() - size.height() - FRAME_ALLOWANCE.height()) // 2, 0)
        self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not getattr(self, "_fitted", False):
            self._fitted = True
            self.fit_to_screen()
        super().showEvent(event)

    def update_steps(self) -> None:
        """The side list: done steps ticked, the current one bold, the rest plain."""
        self.step_list.show_current(self.currentId())

    # -- language -----------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.languages.set(language)
        self.welcome.set_language(self.languages.current)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Noto Sans CJK SC covers both scripts; fall back to the system font elsewhere.
            font = QFont(app.font())
            if self.languages.current == "zh_CN":
                font.setFamilies(["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
                                  font.family()])
            self.setFont(font)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        # QWizard does not retranslate its own buttons; take Qt's texts from qtbase.
        t = QCoreApplication.translate
        for button, text in (
            (QWizard.WizardButton.BackButton, t("QWizard", "< &Back")),
            (QWizard.WizardButton.NextButton, t("QWizard", "&Next >")),
            (QWizard.WizardButton.FinishButton, t("QWizard", "&Finish")),
            (QWizard.WizardButton.CancelButton, t("QWizard", "Cancel")),
            (QWizard.WizardButton.CommitButton, t("QWizard", "Commit")),
        ):
            self.setButtonText(button, text)
        self.setWindowTitle(self.tr("mailmover – move to the new mailbox"))
        self.setButtonText(HELPDESK_BUTTON, self.tr("Help-desk view"))
        phone = self.session.profile_value("helpdesk_phone")
        email = self.session.profile_value("helpdesk_email")
        contact = " · ".join(x for x in (phone, email) if x)
        self.button(HELPDESK_BUTTON).setToolTip(
            self.tr("Technical details for the help desk") + (f" ({contact})" if contact
                                                               else ""))
        self.update_steps()

    # -- help desk ----------------------------------------------------------------------
    def show_helpdesk(self, on: bool) -> None:
        if on and self.helpdesk is None:
            self.helpdesk = HelpDeskView(self.session, self)
        if self.helpdesk is not None:
            self.helpdesk.setVisible(on)

    # -- moving again -------------------------------------------------------------------
    def retry_move(self) -> None:
        """Back to the Moving page and run again: the engine copies only what is missing."""
        if self.currentId() == REPORT and not self.threads.busy():
            self.back()
            self.moving.start_move()

    # -- closing ------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        if not self.moving.is_running():
            return True
        ok = self.session.confirm(
            self, self.tr("Stop moving?"),
            self.tr("Mail is still being copied. Stop and close? Your progress is saved; "
                    "next time mailmover offers to continue where it stopped."))
        if ok:
            self.moving.cancel()
        return ok

    def reject(self) -> None:
        if self.confirm_close():
            self.shutdown()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.confirm_close():
            self.shutdown()
            event.accept()
        else:
            event.ignore()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def shutdown(self) -> None:
        """Stop workers (saving progress) and wait for their threads; safe to call twice."""
        self.threads.stop_all()
        self.session.logins.close()
        self.moving.stop_keeping_awake()
        logging.getLogger("mailmover").removeHandler(self._log_bridge)
        if self.helpdesk is not None:
            self.helpdesk.close()


def build_wizard(
    *,
    source: Account | None = None,
    target: Account | None = None,
    profile: Profile | None = None,
    language: str | None = None,
) -> MailWizard:
    """The wizard, for main() and for tests (a QApplication must exist)."""
    return MailWizard(source=source, target=target, profile=profile, language=language)


def main(
    argv: list[str] | None = None,
    *,
    source: Account | None = None,
    target: Account | None = None,
    profile: Profile | None = None,
    language: str | None = None,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1] + list(argv or []))
    app.setApplicationName("mailmover")
    wizard = build_wizard(source=source, target=target, profile=profile, language=language)
    wizard.show()
    code = int(app.exec())
    wizard.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
