"""What goes into the bundle besides Python code; shared by mailmover.spec and the tests.

Not a package (`packaging` is also a PyPI name): the spec and tests load it by path.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Source files of translations and editor droppings stay out of the bundle.
SKIP_SUFFIXES = {".ts", ".pyc", ".pyo", ".orig", ".swp"}
SKIP_NAMES = {".DS_Store", "Thumbs.db", ".gitkeep", "__pycache__"}

# Qt's own strings (wizard buttons, standard dialogs) in Simplified Chinese.
QT_TRANSLATIONS = ("qtbase_zh_CN.qm",)

# Keyring finds its backends through entry points; the native ones are imported lazily.
KEYRING_IMPORTS = [
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.macOS.api",
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
]

# Test and build tools that must not be dragged in by an optional import.
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "ruff",
    "PyInstaller",
    "setuptools",
    "pip",
    "IPython",
]


# Languages kept from Qt's own translations folder (the rest is dead weight).
QT_LANGUAGES = ("zh_CN", "en")


def keep_data(dest: str) -> bool:
    """False for Qt translation files in languages the app does not speak."""
    parts = dest.replace("\\", "/").split("/")
    if "translations" not in parts or not dest.endswith(".qm"):
        return True
    stem = parts[-1][: -len(".qm")]
    return any(stem.endswith("_" + lang) for lang in QT_LANGUAGES)


def resource_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every file under resources/ as (source file, destination folder in the bundle).

    Globbed, so presets, profiles and i18n added later are picked up without an edit.
    """
    out = []
    base = root / "resources"
    for path in sorted(base.rglob("*")):
        if not path.is_file() or path.suffix in SKIP_SUFFIXES:
            continue
        if any(part in SKIP_NAMES for part in path.relative_to(root).parts):
            continue
        out.append((str(path), str(path.parent.relative_to(root))))
    return out


def package_data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """Non-Python files inside the mailmover package (e.g. .qm or .toml kept beside code)."""
    out = []
    for path in sorted((root / "mailmover").rglob("*")):
        if not path.is_file() or path.suffix in SKIP_SUFFIXES | {".py"}:
            continue
        if any(part in SKIP_NAMES for part in path.relative_to(root).parts):
            continue
        out.append((str(path), str(path.parent.relative_to(root))))
    return out


def qt_translation_files() -> list[tuple[str, str]]:
    """qtbase_zh_CN.qm from the installed PySide6, copied to `qt_translations/`.

    PyInstaller's Qt hook also collects translations; this copy is what
    mailmover.resources.qt_translations_dir() falls back to, so the Chinese wizard
    buttons do not depend on that hook's choices.
    """
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    out = []
    for name in QT_TRANSLATIONS:
        path = folder / name
        if not path.is_file():
            raise SystemExit(f"{path} is missing from PySide6: cannot bundle Qt's zh_CN")
        out.append((str(path), "qt_translations"))
    return out
