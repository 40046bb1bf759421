"""The bundle's file list (packaging/bundle_data.py, used by mailmover.spec) misses nothing."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def _bundle_data() -> ModuleType:
    # Loaded by path: "packaging" is also the name of a PyPI package.
    spec = importlib.util.spec_from_file_location("bundle_data", PACKAGING / "bundle_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_resource_file_is_bundled_in_place() -> None:
    bd = _bundle_data()
    listed = {(Path(src), dest) for src, dest in bd.resource_files(ROOT)}
    expected = {
        (p, str(p.parent.relative_to(ROOT)))
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.suffix != ".ts" and p.name not in bd.SKIP_NAMES
    }
    assert listed == expected
    # Every resource folder that holds files arrives under resources/ in the bundle.
    folders = {d for _, d in listed}
    for sub in (ROOT / "resources").iterdir():
        if sub.is_dir() and any(f.is_file() for f in sub.rglob("*") if f.suffix != ".ts"):
            assert any(Path(d).parts[:2] == ("resources", sub.name) for d in folders), sub


def test_new_resources_are_picked_up_without_editing_the_spec(tmp_path: Path) -> None:
    bd = _bundle_data()
    (tmp_path / "resources" / "i18n").mkdir(parents=True)
    (tmp_path / "resources" / "i18n" / "mailmover_zh_CN.qm").write_bytes(b"qm")
    (tmp_path / "resources" / "i18n" / "mailmover_zh_CN.ts").write_text("<TS/>")
    (tmp_path / "resources" / "presets" / "x").mkdir(parents=True)
    (tmp_path / "resources" / "presets" / "x" / "y.toml").write_text("a = 1")
    got = sorted((Path(s).name, d) for s, d in bd.resource_files(tmp_path))
    assert got == [
        ("mailmover_zh_CN.qm", os.path.join("resources", "i18n")),
        ("y.toml", os.path.join("resources", "presets", "x")),
    ]


def test_qtbase_zh_cn_is_bundled() -> None:
    bd = _bundle_data()
    files = bd.qt_translation_files()
    assert [(Path(s).name, d) for s, d in files] == [("qtbase_zh_CN.qm", "qt_translations")]
    assert Path(files[0][0]).stat().st_size > 1000


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6\\Qt\\translations\\qt_ja.qm", False),
        ("resources/i18n/mailmover_zh_CN.qm", True),
        ("resources/presets/qq.toml", True),
    ],
)
def test_only_our_languages_of_qt_are_kept(dest: str, kept: bool) -> None:
    assert _bundle_data().keep_data(dest) is kept


def test_keyring_backends_exist() -> None:
    # By file, not by import: the Windows and macOS backends import OS-only code.
    import keyring

    base = Path(keyring.__file__).parent.parent
    for name in _bundle_data().KEYRING_IMPORTS:
        path = base.joinpath(*name.split("."))
        assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), name


def test_spec_uses_the_shared_lists() -> None:
    spec = (PACKAGING / "mailmover.spec").read_text(encoding="utf-8")
    for needle in (
        "entry.py",
        "resource_files(",
        "qt_translation_files(",
        "KEYRING_IMPORTS",
        'collect_submodules("truststore")',
        'collect_submodules("mailmover")',
        'copy_metadata("keyring")',
        "keep_data",
    ):
        assert needle in spec, needle


def test_ci_step_is_executable() -> None:
    # .ci/run only calls it when it is executable.
    for script in ("ci-linux.sh", "build-linux.sh", "build-macos.sh"):
        assert os.access(PACKAGING / script, os.X_OK), script
