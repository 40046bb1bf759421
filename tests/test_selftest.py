"""`mailmover --self-test` in a fresh interpreter, as the packaged build runs it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from mailmover import resources, selftest

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, *args: str, password: str | None = None) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILMOVER_")}
    env.update(MAILMOVER_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    if password is not None:
        env[selftest.PASSWORD_ENV] = password
    proc = subprocess.run(
        [sys.executable, "-m", "mailmover", "--self-test", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = tmp_path / "home" / "logs" / "selftest.txt"
    return proc.returncode, proc.stdout + proc.stderr, report.read_text(encoding="utf-8")


def test_self_test_passes_and_writes_report(tmp_path: Path) -> None:
    code, output, report = _run(tmp_path)
    assert code == 0, output
    for name in ("window", "resources", "translations", "keychain", "trust store", "progress"):
        assert f"] {name}" in output
    assert "[  ok] window:" in output and " shown " in output
    assert "qtbase_zh_CN.qm" in output and "下一步" in output
    assert "self-test passed" in output
    # The file holds the same report (a windowed Windows build has no console).
    assert "self-test passed" in report and "[  ok] window:" in report
    assert str(tmp_path / "home" / "logs" / "selftest.txt") in output


def test_self_test_logs_in_to_local_imap(tmp_path: Path, coremail_server, make_account) -> None:
    password = 'pw 密码 (*%"\\{})'
    account = make_account(coremail_server, password)
    code, output, report = _run(tmp_path, "--self-test-imap", account.url, password=password)
    assert code == 0, output
    assert f"[  ok] imap: {account.user}@127.0.0.1:{coremail_server.port}" in output
    assert "INBOX" in output and "folders" in output
    assert password not in output and password not in report
    assert "密码" not in report


def test_self_test_fails_on_wrong_password(tmp_path: Path, coremail_server, make_account) -> None:
    account = make_account(coremail_server, "right")
    wrong = "Wr0ng-Pässwort"
    code, output, report = _run(tmp_path, "--self-test-imap", account.url, password=wrong)
    assert code == 1
    assert "FAIL] imap" in output and "self-test FAILED: imap" in report
    assert wrong not in output and wrong not in report


def test_self_test_fails_without_server(tmp_path: Path) -> None:
    with socket.socket() as s:  # a loopback port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"imap+plain://nobody@127.0.0.1:{port}"
    code, output, _ = _run(tmp_path, "--self-test-imap", url, password="x")
    assert code == 1
    assert "FAIL] imap" in output


def test_self_test_needs_the_password_variable(tmp_path: Path) -> None:
    code, output, _ = _run(tmp_path, "--self-test-imap", "imap+plain://a@127.0.0.1:1")
    assert code == 1
    assert selftest.PASSWORD_ENV in output


def test_missing_resources_fail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(resources, "resource_dir", lambda: tmp_path / "absent")
    assert selftest.check_resources().status == selftest.FAIL


def test_broken_preset_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "presets").mkdir()
    (tmp_path / "presets" / "bad.toml").write_text("host = [unclosed", encoding="utf-8")
    monkeypatch.setattr(resources, "resource_dir", lambda: tmp_path)
    result = selftest.check_resources()
    assert result.status == selftest.FAIL and "bad.toml" in result.detail


def test_resource_dir_in_a_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resources.resource_dir() == ROOT / "resources"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_dir() == tmp_path / "resources"


def test_offscreen_only_without_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    assert selftest._needs_offscreen()
    monkeypatch.setenv("DISPLAY", ":0")
    assert not selftest._needs_offscreen()
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert not selftest._needs_offscreen()
