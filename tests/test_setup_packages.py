"""scripts/test installs every system package the tests use, on a fresh machine too.

A machine where the bundle build or a person once installed a package passes the tests
whatever scripts/test installs; scripts/check_apt_packages.py asks instead whether each
library and tool comes from a package scripts/test lists (or from the base system).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "check_apt_packages.py"
debian = pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="needs dpkg")


def _check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_apt_packages", CHECK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def listed() -> list[str]:
    return _check().listed_packages()


def test_the_list_is_printed_before_anything_is_installed() -> None:
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "test"), "--list-apt-packages"],
        capture_output=True, text=True, timeout=30, check=True,
    )
    names = proc.stdout.split()
    assert proc.stderr == ""  # no apt-get, no pip
    # The test server, and the X11 libraries the self-test loads (issue 16).
    for name in ("dovecot-imapd", "openssl", "fonts-noto-cjk", "libxcb-icccm4",
                 "libxcb-keysyms1", "libxkbcommon-x11-0", "libxcb-cursor0"):
        assert name in names, name
    assert len(names) == len(set(names)), "listed twice"


@debian
def test_scripts_test_lists_every_library_and_tool_the_tests_use() -> None:
    proc = subprocess.run(
        [sys.executable, str(CHECK)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "all come from the" in proc.stdout


@debian
def test_the_unpacked_test_servers_libraries_are_listed_too() -> None:
    # Cyrus and Courier run from unpacked .deb files; the libraries they do not bring
    # along must come from scripts/test's list (a later change once dropped them: the
    # server matrix then failed on every fresh machine, "libpcreposix.so.3: not found").
    from tests.support.debs import COURIER_PACKAGES, CYRUS_PACKAGES, unpacked

    cyrus, courier = unpacked("cyrus", CYRUS_PACKAGES), unpacked("courier", COURIER_PACKAGES)
    programs = [
        cyrus / "usr/lib/cyrus/bin/master",
        cyrus / "usr/lib/cyrus/bin/imapd",
        courier / "usr/bin/imapd",
        courier / "usr/lib/courier/courier/imaplogin",
        courier / "usr/sbin/couriertcpd",
        courier / "usr/lib/courier/courier-authlib/authdaemond",
    ]
    private = sorted({str(p.parent) for p in [*cyrus.rglob("*.so.*"), *courier.rglob("*.so.*")]})
    env = {**os.environ, "LD_LIBRARY_PATH": ":".join(private)}
    proc = subprocess.run(
        [sys.executable, str(CHECK), "--elf", *map(str, programs)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert proc.returncode == 0, proc.stderr


@debian
def test_a_list_without_the_xcb_packages_fails() -> None:
    # The list scripts/test had when the self-test failed on a fresh machine.
    xcb_less = [p for p in listed() if "xcb" not in p and "wayland" not in p]
    proc = subprocess.run(
        [sys.executable, str(CHECK), "--packages", *xcb_less],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert "libxcb-icccm4, which scripts/test does not install" in proc.stderr
    assert "needed by PySide6/Qt/plugins/platforms/libqxcb.so" in proc.stderr


def test_coverage_rules() -> None:
    check = _check()
    db = check.parse_dpkg_query(
        "\n".join(
            [
                "libc6\tii \t\t\t\t",
                "apt\tii \t\tapt-transport-https\t\tlibc6 (>= 2.34), libfoo0 | libbar0",
                "libfoo0\tii \t\t\t\t",
                "dash\tii \tyes\tsh\t\tlibc6",
                "libqt-extra1\tii \t\t\t\tlibdep1:any (>= 1)",
                "libdep1\tii \t\tlibdep-virtual\t\t",
                "libgone1\trc \t\t\t\t",
                "libother1\tii \t\t\t\t",
            ]
        )
    )
    needs = {
        "libc.so.6": ("QtCore", "/lib/libc.so.6"),  # base: Essential's dependency
        "libfoo.so.0": ("QtCore", "/lib/libfoo.so.0"),  # base: apt's dependency
        "libdep.so.1": ("libqxcb.so", "/lib/libdep.so.1"),  # a listed package's dependency
        "libother.so.1": ("libqxcb.so", "/lib/libother.so.1"),  # installed, not listed
        "libmissing.so.1": ("libqxcb.so", None),
        "tool x": ("the tests", "/usr/bin/x"),  # no package owns it
    }
    owner_of = {
        "/lib/libc.so.6": {"libc6"},
        "/lib/libfoo.so.0": {"libfoo0"},
        "/lib/libdep.so.1": {"libdep1"},
        "/lib/libother.so.1": {"libother1"},
    }
    problems = check.uncovered(needs, owner_of, db, ["libqt-extra1", "libgone1"])
    text = "\n".join(problems)
    assert len(problems) == 4, text
    assert "libgone1: listed but not installed" in text
    assert "libother.so.1 (needed by libqxcb.so): from libother1, which" in text
    assert "libmissing.so.1 (needed by libqxcb.so): not found" in text
    assert "tool x (needed by the tests): /usr/bin/x belongs to no package" in text
    # A virtual name resolves to what provides it.
    assert db.resolve("libdep-virtual") == {"libdep1"}
    assert db.closure(["libqt-extra1"]) == {"libqt-extra1", "libdep1"}


def test_every_installer_uses_the_shared_qt_list() -> None:
    # One list of Qt's libraries: the tests, the app and the bundle cannot drift apart.
    for script in ("scripts/test", "scripts/run-app", "packaging/build-linux.sh"):
        text = (ROOT / script).read_text(encoding="utf-8")
        assert "scripts/linux-deps.sh" in text, script
        assert "QT_APT_PACKAGES" in text, script
    assert "apt-get install" not in (ROOT / "packaging" / "ci-linux.sh").read_text()


def test_scripts_are_executable() -> None:
    # The README calls them as commands; a lost mode bit is "Permission denied".
    for script in ("scripts/test", "scripts/run-app", "scripts/update-translations",
                   "scripts/check_apt_packages.py", ".ci/run"):
        assert os.access(ROOT / script, os.X_OK), script
