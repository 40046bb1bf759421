"""A Gmail-like old server and a destination with its own role folders (real Dovecots)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import _server
from tests.support.dovecot import DovecotServer
from tests.support.gmail import GMAIL_SPECIAL_USE, TARGET_SPECIAL_USE


@pytest.fixture(scope="session")
def gmail_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """Gmail's folders, found by SPECIAL-USE (a `\\All` folder), without X-GM-EXT-1."""
    yield from _server(request, separator="/", special_use=GMAIL_SPECIAL_USE)


@pytest.fixture(scope="session")
def gmail_ext_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """Advertises X-GM-EXT-1 and has no `\\All` folder: All Mail hidden from IMAP."""
    special = {k: v for k, v in GMAIL_SPECIAL_USE.items() if v != "\\All"}
    yield from _server(request, separator="/", special_use=special, capability="+X-GM-EXT-1")


@pytest.fixture(scope="session")
def archive_server(request: pytest.FixtureRequest) -> Iterator[DovecotServer]:
    """A destination whose Archive role folder is called `Archiv`."""
    yield from _server(request, separator="/", special_use=TARGET_SPECIAL_USE)
