"""What `pip install` puts on a faculty member's machine: every package and resource."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "mailmover").rglob("__init__.py")
    }
    resources = {"mailmover._resources"} | {
        f"mailmover._resources.{d.name}" for d in (ROOT / "resources").iterdir() if d.is_dir()
    }
    assert found | resources == listed


def test_wheel_carries_resources_and_finds_them_when_installed(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("mailmover-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for f in (ROOT / "resources").rglob("*"):
        if f.is_file() and f.suffix in (".toml", ".qm"):
            rel = f.relative_to(ROOT / "resources").as_posix()
            assert f"mailmover/_resources/{rel}" in names, rel
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from mailmover.resources import resource_dir; "
        "from mailmover.engine.presets import load_presets; "
        "print(resource_dir()); print(sorted(load_presets()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "_resources" in out and "exmail" in out
