"""Which language the window speaks: our own .qm plus Qt's (buttons, dialogs)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from mailmover.resources import qt_translations_dir, resource_dir

LANGUAGES = ("zh_CN", "en")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - lupdate's name
    """Mark `source` for translation in `context` and return it unchanged: PySide6's own
    is typed as returning object; pyside6-lupdate finds the calls by this name."""
    return source


def i18n_dir() -> Path:
    """Our .qm files: resources/i18n from a checkout, the installed wheel
    (mailmover._resources) or a PyInstaller bundle; MAILMOVER_I18N overrides."""
    override = os.environ.get("MAILMOVER_I18N")
    if override:
        return Path(override)
    return resource_dir() / "i18n"


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


class Languages:
    """Installs and swaps translators; Qt then sends LanguageChange to every widget.

    Translators are global to the application, so there is one instance (LANGUAGES_).
    """

    def __init__(self) -> None:
        self.current = "en"
        self._installed: list[QTranslator] = []

    def set(self, language: str) -> bool:
        """Switch; returns False when the translation files are missing."""
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        for t in self._installed:
            app.removeTranslator(t)
        self._installed.clear()
        self.current = language if language in LANGUAGES else "en"
        if self.current == "en":
            self.deliver()
            return True
        ok = True
        ours = QTranslator(app)
        if ours.load(str(i18n_dir() / f"mailmover_{self.current}.qm")):
            self._installed.append(ours)
        else:
            ok = False
        qt = QTranslator(app)
        qt_dir = qt_translations_dir()  # Qt's own folder, or the bundle's copy
        translations = QLibraryInfo.LibraryPath.TranslationsPath
        where = str(qt_dir) if qt_dir else QLibraryInfo.path(translations)
        if qt.load(f"qtbase_{self.current}", where):
            self._installed.append(qt)
        for t in self._installed:
            app.installTranslator(t)
        self.deliver()
        return ok

    @staticmethod
    def deliver() -> None:
        """Retranslate every widget now rather than at the next event-loop turn."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


LANGUAGES_ = Languages()
