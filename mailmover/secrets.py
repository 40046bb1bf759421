"""Passwords in the OS keychain, only when the user asks; never on disk otherwise."""

from __future__ import annotations

import keyring
import keyring.errors

SERVICE = "mailmover"


class KeychainUnavailable(Exception):
    """No keychain on this system (e.g. headless Linux): keep the password in memory."""


def get_password(account_key: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, account_key)
    except keyring.errors.KeyringError:
        return None


def set_password(account_key: str, password: str) -> None:
    try:
        keyring.set_password(SERVICE, account_key, password)
    except keyring.errors.KeyringError as exc:
        raise KeychainUnavailable(type(exc).__name__) from None


def delete_password(account_key: str) -> None:
    try:
        keyring.delete_password(SERVICE, account_key)
    except keyring.errors.KeyringError:
        pass


def available() -> bool:
    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError:
        return False
    priority = getattr(backend, "priority", 0)
    return bool(priority and priority > 0)
