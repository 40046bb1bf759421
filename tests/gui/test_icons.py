"""Each step has its icon and the window has one (issue 27): SVGs shipped in
resources/icons/, drawn by Qt, readable on a light and on a dark palette."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from mailmover.gui.steps import STEPS, icon_path, step_icon, window_icon
from mailmover.resources import resource_dir
from tests.gui.drive import click_next


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF()))


def _contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _on(background: str, icon, size: int = 48) -> QImage:  # type: ignore[no-untyped-def]
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(background))
    painter = QPainter(image)
    icon.paint(painter, 0, 0, size, size)
    painter.end()
    return image


def _share_apart(image: QImage, background: str, ratio: float) -> float:
    """The share of pixels whose contrast with the background is at least `ratio`."""
    bg = _luminance(QColor(background))
    pixels = [_luminance(image.pixelColor(x, y))
              for x in range(image.width()) for y in range(image.height())]
    return sum(_contrast(p, bg) >= ratio for p in pixels) / len(pixels)


def test_every_step_has_an_icon_readable_on_light_and_dark(qtbot):
    names = [icon for _ids, _name, icon in STEPS]
    assert len(names) == len(set(names)) == 8
    shipped = {p.stem for p in (resource_dir() / "icons").glob("*.svg")}
    assert {f"step-{n}" for n in names} | {"mailmover"} <= shipped
    for name in names:
        icon = step_icon(name)
        assert not icon.isNull(), name
        assert not icon.pixmap(QSize(20, 20)).isNull(), name
        for background in ("#f0f0f0", "#ffffff", "#2d2d2d", "#1e1e1e"):
            image = _on(background, icon)
            # The disc stands apart from either background, and the drawing from the disc.
            assert _share_apart(image, background, 2.0) > 0.3, (name, background)
            centre_ring = [_luminance(image.pixelColor(x, y)) for x in range(8, 40)
                           for y in range(8, 40)]
            assert _contrast(max(centre_ring), min(centre_ring)) >= 4.5, name
    assert "svg" in icon_path("step-check")


def test_the_window_and_the_step_list_show_their_icons(qtbot, make_wizard):
    w = make_wizard()
    assert not w.windowIcon().isNull()
    assert w.windowIcon().cacheKey() != 0
    assert not _on("#ffffff", window_icon()).isNull()
    assert _share_apart(_on("#2d2d2d", w.windowIcon()), "#2d2d2d", 2.0) > 0.5
    pictures = w.step_list.icons
    assert len(pictures) == len(STEPS)
    for picture, (_ids, _name, icon) in zip(pictures, STEPS, strict=True):
        assert picture.objectName() == f"step_icon_{icon}"
        assert not picture.pixmap().isNull() and picture.isVisibleTo(w)
    # The current step's icon is in colour, the steps to come are greyed.
    def saturation(i: int) -> int:
        image = pictures[i].pixmap().toImage()
        return image.pixelColor(image.width() // 2, 3).saturation()
    assert saturation(0) > 100 and saturation(3) < 40
    click_next(qtbot, w)
    assert saturation(1) > 100 and "▶ Log in" in w.step_list.text()
    # A dark palette: the done steps' colour is one that reads on it.
    dark = QPalette(w.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#2d2d2d"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    w.step_list.setPalette(dark)
    assert "#6cc070" in w.step_list.text()
