"""Secrets go only into an OS keychain unless the operator named a backend (issue 26)."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backend
import pytest

from mailmover import secrets


class _FileKeyring(keyring.backend.KeyringBackend):
    """Like keyrings.alt.file.PlaintextKeyring: base64 in a file, picked by keyring."""

    priority = 0.5  # type: ignore[assignment]
    file_path = ""

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        Path(self.file_path).write_text(f"{username}={password}")

    def delete_password(self, service: str, username: str) -> None:
        pass


_FileKeyring.__module__ = "keyrings.alt.file"


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "_config_path", lambda: tmp_path / "none.cfg")
    backend = _FileKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_a_plaintext_backend_keyring_picked_itself_gets_nothing(file_keyring):
    with pytest.raises(secrets.KeychainUnavailable, match="no safe place for passwords"):
        secrets.set_password("u@h:993", "secret")
    assert not Path(file_keyring.file_path).exists()
    assert secrets.available() is False


def test_a_backend_the_operator_named_is_used_and_announced_once(file_keyring, monkeypatch, caplog):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    secrets.set_password("u@h:993", "secret")
    secrets.set_password("v@h:993", "secret")
    assert Path(file_keyring.file_path).exists()
    assert caplog.text.count("where you chose") <= 1


def test_the_cli_says_so_and_saves_nothing(file_keyring, tmp_path, monkeypatch):
    import io

    from mailmover.cli import Output, main

    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", "a")
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", "b")
    err = io.StringIO()
    main(["migrate", "imap+plain://a@127.0.0.1:1", "imap+plain://b@127.0.0.1:1",
          "--save-passwords", "--state-dir", str(tmp_path / "s"), "--timeout", "2"],
         Output(io.StringIO(), err))  # fmt: skip
    assert "no safe place for passwords" in err.getvalue()
    assert not Path(file_keyring.file_path).exists()
