"""Where mailmover's data files are, in a source checkout and in a PyInstaller bundle.

Use `resource_dir()` instead of `Path(__file__)` arithmetic: in a frozen build the files
live under `sys._MEIPASS` (PyInstaller's unpack folder), not next to the modules.
No Qt import at module level: the engine may use this too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Our own files from the repository's resources/ folder (presets, profiles, i18n).
_SOURCE_RESOURCES = Path(__file__).resolve().parent.parent / "resources"
QTBASE_ZH_CN = "qtbase_zh_CN.qm"


def frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"))


def resource_dir() -> Path:
    """The `resources/` folder: bundled copy when frozen, the checkout's otherwise."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    if _SOURCE_RESOURCES.is_dir():
        return _SOURCE_RESOURCES
    # Installed from a wheel: pyproject ships resources/ as the mailmover._resources package.
    return Path(__file__).resolve().parent / "_resources"


def i18n_files() -> list[Path]:
    """Our compiled translations (*.qm), wherever under resources/ they were put."""
    root = resource_dir()
    return sorted(root.rglob("*.qm")) if root.is_dir() else []


def qt_translations_dir() -> Path | None:
    """The folder holding Qt's own translations (qtbase_zh_CN.qm), or None.

    Qt's QLibraryInfo path first; the copy the bundle keeps in `qt_translations/` second
    (packaging/mailmover.spec), in case Qt looks in its build-time prefix when relocated.
    """
    from PySide6.QtCore import QLibraryInfo

    candidates = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    base = getattr(sys, "_MEIPASS", None)
    if base:
        candidates.append(Path(base) / "qt_translations")
    for candidate in candidates:
        if (candidate / QTBASE_ZH_CN).is_file():
            return candidate
    return None
