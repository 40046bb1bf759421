"""A local authorization server and Dovecot with an oauth2 passdb that asks it about
every token (RFC 7662 introspection), shared by the OAuth tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.errors
import pytest

from tests.support.dovecot import DovecotServer, dovecot_binary
from tests.support.oauth_issuer import LocalIssuer


@pytest.fixture(scope="session")
def _issuer() -> Iterator[LocalIssuer]:
    with LocalIssuer(path="/realm") as issuer:
        yield issuer


@pytest.fixture
def issuer(_issuer: LocalIssuer) -> Iterator[LocalIssuer]:
    _issuer.reset()
    yield _issuer
    _issuer.reset()


def _oauth_dovecot(issuer: LocalIssuer, mechanisms: str) -> Iterator[DovecotServer]:
    if dovecot_binary() is None:
        pytest.fail("dovecot is not installed: run scripts/test")
    server = DovecotServer(
        oauth_introspection_url=f"{issuer.url}/introspect", oauth_mechanisms=mechanisms
    ).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oauth_server(_issuer: LocalIssuer) -> Iterator[DovecotServer]:
    """Offers XOAUTH2 and OAUTHBEARER (and passwords, for the tests' own checks)."""
    yield from _oauth_dovecot(_issuer, "xoauth2 oauthbearer")


@pytest.fixture(scope="session")
def bearer_server(_issuer: LocalIssuer) -> Iterator[DovecotServer]:
    """Offers OAUTHBEARER only, as some campus servers do."""
    yield from _oauth_dovecot(_issuer, "oauthbearer")


class WindowsLikeKeyring(keyring.backend.KeyringBackend):
    """In memory, refusing values over Windows Credential Manager's 2560 bytes per entry
    (1280 UTF-16 characters), as the real one does."""

    priority = 1  # type: ignore[assignment]
    LIMIT = 1280

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password) > self.LIMIT:
            raise keyring.errors.PasswordSetError("the credential is too large")
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@pytest.fixture
def keychain() -> Iterator[WindowsLikeKeyring]:
    previous = keyring.get_keyring()
    backend = WindowsLikeKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
