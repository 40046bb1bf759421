"""Parts of the Moving page: the counts in words, and the note about sleep."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from mailmover.gui.pages.base import wrap_label

KEYS = ("copied", "present", "skipped", "failed")


class Counts(QWidget):
    """Copied / Already there / Skipped / Failed in one row. One way of counting across
    runs: what an earlier run of this move copied counts as copied, not as already there
    (the engine's snapshot says which: `copied_by_move`, `found_there`)."""

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for i, key in enumerate(KEYS):
            name, value = QLabel(), QLabel("0")
            value.setObjectName(f"count_{key}")
            value.setMinimumWidth(48)  # keep each number next to its label
            grid.addWidget(name, 0, i * 2)
            grid.addWidget(value, 0, i * 2 + 1)
            self.names[key], self.values[key] = name, value
        grid.setColumnStretch(len(KEYS) * 2, 1)
        self.retranslate()

    def show_counts(self, counts: dict[str, int]) -> None:
        for key, label in self.values.items():
            label.setText(str(counts.get(key, 0)))

    def retranslate(self) -> None:
        names = {"copied": self.tr("Copied:"), "present": self.tr("Already there:"),
                 "skipped": self.tr("Skipped:"), "failed": self.tr("Failed:")}
        for key, label in self.names.items():
            label.setText(names[key])


class AwakeNote(QWidget):
    """What to do about sleep during a move: the lid, and whether mailmover could keep
    the computer awake (it says it does only when it really holds the inhibitor)."""

    def __init__(self) -> None:
        super().__init__()
        self.label = wrap_label()
        self.label.setObjectName("awake_note")
        self.label.setStyleSheet("color:#a15c00")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.label, 0, 0)
        self.held: bool | None = None  # None: no move running

    def show_for(self, held: bool | None) -> None:
        self.held = held
        self.label.setText(self.text())
        self.setVisible(held is not None)

    def text(self) -> str:
        if self.held is None:
            return ""
        if self.held:
            return self.tr(
                "Keep the computer plugged in and the laptop lid open until the move is "
                "done. mailmover keeps the computer from going to sleep while it copies, "
                "but closing the lid still puts most laptops to sleep (nothing is lost: "
                "continue later).")
        return self.tr(
            "mailmover could not keep this computer awake: keep it plugged in, the lid "
            "open, and turn off sleep in its power settings until the move is done "
            "(nothing is lost if it sleeps: continue later).")

    def retranslate(self) -> None:
        self.label.setText(self.text())
