"""A local authorization server and Dovecot with an oauth2 passdb that asks it about
every token (RFC 7662 introspection), shared by the OAuth tests."""

from __future__ import annotations

from collections.abc import Iterator

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
