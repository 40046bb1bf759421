"""The step list on the side of the wizard, each step with its icon, and the window's
icon. The icons are SVGs in resources/icons/: a blue disc with a white drawing, readable
on a light and on a dark palette alike."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from mailmover.gui.i18n import QT_TRANSLATE_NOOP
from mailmover.resources import resource_dir

# Page ids that belong to each step, its name and its icon (resources/icons/step-*.svg).
STEPS = (
    ((0,), QT_TRANSLATE_NOOP("Steps", "Welcome"), "welcome"),
    ((1, 2), QT_TRANSLATE_NOOP("Steps", "Log in"), "login"),
    ((3,), QT_TRANSLATE_NOOP("Steps", "Choose folders"), "folders"),
    ((4,), QT_TRANSLATE_NOOP("Steps", "Move mail"), "move"),
    ((5,), QT_TRANSLATE_NOOP("Steps", "Check"), "check"),
    ((6,), QT_TRANSLATE_NOOP("Steps", "Contacts"), "contacts"),
    ((7,), QT_TRANSLATE_NOOP("Steps", "Cloud drive"), "cloud"),
    ((8,), QT_TRANSLATE_NOOP("Steps", "Finished"), "finished"),
)
ICON_SIZE = QSize(20, 20)
STEPS_NAME = QT_TRANSLATE_NOOP("MailWizard", "Steps")  # the list, for a screen reader


def icon_path(name: str) -> str:
    return str(resource_dir() / "icons" / f"{name}.svg")


def step_icon(name: str) -> QIcon:
    return QIcon(icon_path(f"step-{name}"))


def window_icon() -> QIcon:
    return QIcon(icon_path("mailmover"))


class StepList(QWidget):
    """Done steps ticked, the current one bold, the rest plain; each with its icon (the
    steps to come greyed)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("step_list")
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 8, 12, 8)
        grid.setVerticalSpacing(8)
        self.icons: list[QLabel] = []
        self.labels: list[QLabel] = []
        for row, (_ids, _name, icon) in enumerate(STEPS):
            picture, label = QLabel(), QLabel()
            picture.setObjectName(f"step_icon_{icon}")
            picture.setFixedSize(ICON_SIZE)
            label.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(picture, row, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self.icons.append(picture)
            self.labels.append(label)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(STEPS), 1)
        self.current = -1

    def show_current(self, current: int) -> None:
        self.current = current
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        done_color = "#6cc070" if dark else "#1b7a2b"
        later_color = "#aaaaaa" if dark else "#666666"
        for (ids, name, icon), picture, label in zip(STEPS, self.icons, self.labels,
                                                     strict=True):
            text = html.escape(QCoreApplication.translate("Steps", name))
            later = current < min(ids)
            if current in ids:
                label.setText(f"<b>▶ {text}</b>")
            elif current > max(ids):
                label.setText(f"<span style='color:{done_color}'>✔ {text}</span>")
            else:
                label.setText(f"<span style='color:{later_color}'>○ {text}</span>")
            mode = QIcon.Mode.Disabled if later else QIcon.Mode.Normal
            picture.setPixmap(step_icon(icon).pixmap(ICON_SIZE, self.devicePixelRatioF(),
                                                     mode))
        here = next((QCoreApplication.translate("Steps", n) for ids, n, _ in STEPS
                     if current in ids), "")
        self.setAccessibleName(QCoreApplication.translate("MailWizard", STEPS_NAME)
                               + (f": {here}" if here else ""))

    def text(self) -> str:
        """The steps as shown, one after the other (rich text)."""
        return "".join(label.text() for label in self.labels)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.PaletteChange and self.current >= 0:
            self.show_current(self.current)
        super().changeEvent(event)
