"""Start the assistant window (the wizard replaces this minimal window)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QWizard, QWizardPage


def main(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1] + list(argv or []))
    wizard = QWizard()
    page = QWizardPage()
    page.setTitle("mailmover")
    QLabel("mailmover moves your mail to the new mailbox.", page)
    wizard.addPage(page)
    wizard.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
