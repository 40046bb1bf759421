"""Where a sign-in is kept between runs: the OS keychain, through keyring, never a file.

One service ("mailmover", shared with the passwords, the wizard and the CLI) and one
name per sign-in: `oauth:{issuer}|{client id}|{account}`. Windows Credential Manager
holds at most 2560 bytes per entry (1280 UTF-16 characters) and a Microsoft refresh token
alone can be longer, so the value is split into parts of PART characters; the entry
under the name itself is written last and names the generation of parts it uses, so a
run that stops half way through a save leaves the previous sign-in readable.

No keychain (headless Linux): the sign-in is kept in memory for this run only, and the
person is told so once.
"""

from __future__ import annotations

import hashlib
import logging
import secrets as pysecrets
import threading
from typing import Protocol

import keyring.errors

from mailmover import secrets
from mailmover.oauth.tokens import TokenSet

log = logging.getLogger(__name__)
PART = 1000  # characters per keychain entry (Windows: 1280 UTF-16 characters at most)
MEMORY_ONLY = (
    "This computer has no keychain: the sign-in is kept in memory for this run only, "
    "and the next run asks you to sign in again."
)
_said = threading.Event()


class TokenStore(Protocol):
    def load(self, name: str) -> TokenSet | None: ...

    def save(self, name: str, tokens: TokenSet) -> None: ...

    def delete(self, name: str) -> None: ...


def entry_name(config_key: str, user: str) -> str:
    return f"oauth:{config_key}|{user}"


class MemoryStore:
    """For this run only."""

    def __init__(self) -> None:
        self._kept: dict[str, TokenSet] = {}
        self._lock = threading.Lock()

    def load(self, name: str) -> TokenSet | None:
        with self._lock:
            return self._kept.get(name)

    def save(self, name: str, tokens: TokenSet) -> None:
        with self._lock:
            self._kept[name] = tokens

    def delete(self, name: str) -> None:
        with self._lock:
            self._kept.pop(name, None)


class KeychainStore:
    """The OS keychain (or the backend the operator named: mailmover.secrets' rule)."""

    def __init__(self) -> None:
        self._backend = secrets.safe_backend()  # KeychainUnavailable where there is none

    def _get(self, key: str) -> str | None:
        try:
            return self._backend.get_password(secrets.SERVICE, key)
        except keyring.errors.KeyringError:
            return None

    def _del(self, key: str) -> None:
        try:
            self._backend.delete_password(secrets.SERVICE, key)
        except keyring.errors.KeyringError:
            pass

    def load(self, name: str) -> TokenSet | None:
        head = self._get(name)
        if not head:
            return None
        try:
            _v, generation, count_text, digest = head.split(":", 3)
            count = int(count_text)
        except ValueError:
            return None
        parts = [self._get(f"{name}#{generation}#{i}") for i in range(count)]
        if any(p is None for p in parts):
            return None
        value = "".join(p or "" for p in parts)
        if hashlib.sha256(value.encode("utf-8")).hexdigest()[:16] != digest:
            return None
        return TokenSet.from_json(value)

    def save(self, name: str, tokens: TokenSet) -> None:
        old = self._get(name)
        value = tokens.to_json()
        generation = pysecrets.token_hex(4)
        chunks = [value[i : i + PART] for i in range(0, len(value), PART)] or [""]
        try:
            for i, chunk in enumerate(chunks):
                self._backend.set_password(secrets.SERVICE, f"{name}#{generation}#{i}", chunk)
            digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]
            self._backend.set_password(secrets.SERVICE, name,
                                       f"1:{generation}:{len(chunks)}:{digest}")
        except keyring.errors.KeyringError as exc:
            raise secrets.KeychainUnavailable(type(exc).__name__) from None
        if old:
            self._drop_parts(name, old)

    def _drop_parts(self, name: str, head: str) -> None:
        try:
            _v, generation, count_text, _d = head.split(":", 3)
            count = int(count_text)
        except ValueError:
            return
        for i in range(count):
            self._del(f"{name}#{generation}#{i}")

    def delete(self, name: str) -> None:
        head = self._get(name)
        if head:
            self._drop_parts(name, head)
        self._del(name)


def default_store(say: object = None) -> TokenStore:
    """The keychain where there is one, else memory (said once per process)."""
    try:
        return KeychainStore()
    except secrets.KeychainUnavailable:
        if not _said.is_set():
            _said.set()
            if callable(say):
                say(MEMORY_ONLY)
            else:
                log.warning(MEMORY_ONLY)
        return MemoryStore()
