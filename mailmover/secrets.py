"""Passwords (and later OAuth tokens) in the OS keychain, only when the user asks.

Where keyring picks the backend itself, a secret is saved only into an OS keychain:
Windows Credential Manager, macOS Keychain, Secret Service or KWallet. Any other backend
keyring may pick (keyrings.alt's plaintext or "encrypted" files, a chainer of those) →
KeychainUnavailable ("this computer has no safe place for passwords"), nothing saved.
A backend the operator named (`PYTHON_KEYRING_BACKEND`, keyring's own config file, or
`keyring.set_keyring` by a program embedding mailmover) is their informed choice: used,
and announced once with where it stores.
"""

from __future__ import annotations

import logging
import os

import keyring
import keyring.backend
import keyring.core
import keyring.errors

SERVICE = "mailmover"
# The OS keychains (module prefixes of keyring's own backends).
OS_KEYCHAINS = (
    "keyring.backends.Windows",
    "keyring.backends.macOS",
    "keyring.backends.OS_X",
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
)
log = logging.getLogger(__name__)
_announced: set[str] = set()


class KeychainUnavailable(Exception):
    """No safe keychain on this system: keep the password in memory."""


NO_SAFE_PLACE = "this computer has no safe place for passwords; nothing was saved"


def _named_explicitly() -> bool:
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    try:
        import configparser

        config = configparser.RawConfigParser()
        config.read(keyring.core._config_path(), encoding="utf-8")  # type: ignore[no-untyped-call]
        return config.has_option("backend", "default-keyring")
    except Exception:  # noqa: BLE001 - no readable config: keyring chose
        return False


def _chosen_by_program(backend: keyring.backend.KeyringBackend) -> bool:
    """keyring.set_keyring() by the embedding program (tests): not one keyring found."""
    module = type(backend).__module__
    return not module.startswith(("keyring.", "keyrings."))


def safe_backend() -> keyring.backend.KeyringBackend:
    """The backend to save into, or KeychainUnavailable. One rule for every secret."""
    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError:
        raise KeychainUnavailable(NO_SAFE_PLACE) from None
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if _named_explicitly() or _chosen_by_program(backend):
        if name not in _announced:
            _announced.add(name)
            where = getattr(backend, "file_path", None) or name
            log.warning("passwords are saved where you chose: %s", where)
        return backend
    backends = getattr(backend, "backends", [backend])  # a ChainerBackend saves into its first
    first = backends[0] if backends else backend
    if not type(first).__module__.startswith(OS_KEYCHAINS) or getattr(first, "priority", 0) <= 0:
        raise KeychainUnavailable(NO_SAFE_PLACE)
    return backend


def get_password(account_key: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, account_key)
    except keyring.errors.KeyringError:
        return None


def set_password(account_key: str, password: str) -> None:
    backend = safe_backend()
    try:
        backend.set_password(SERVICE, account_key, password)
    except keyring.errors.KeyringError as exc:
        raise KeychainUnavailable(type(exc).__name__) from None


def delete_password(account_key: str) -> None:
    try:
        keyring.delete_password(SERVICE, account_key)
    except keyring.errors.KeyringError:
        pass


def available() -> bool:
    try:
        safe_backend()
    except KeychainUnavailable:
        return False
    return True
