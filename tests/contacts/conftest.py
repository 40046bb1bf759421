"""Helpers for the contacts tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailmover.contacts.model import Contact
from mailmover.contacts.source import open_source

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def read_all(path: Path, **kwargs: Any) -> list[Contact]:
    """Every contact in a file, unmerged, in file order."""
    source = open_source(path, **kwargs)
    with source.contacts() as stream:
        return list(stream)


def by_name(contacts: list[Contact]) -> dict[str, Contact]:
    return {c.formatted_name(): c for c in contacts}


def semantic(contact: Contact, *, kinds: bool = True) -> dict[str, Any]:
    """What must survive a round trip. CSV output carries no e-mail kinds."""
    return {
        "name": contact.formatted_name(),
        "family": contact.family_name,
        "given": contact.given_name,
        "middle": contact.middle_name,
        "nickname": contact.nickname,
        "emails": [(e.address, e.kind if kinds else "") for e in contact.emails],
        "phones": sorted((p.number, p.kind) for p in contact.phones),
        "organization": contact.organization,
        "department": contact.department,
        "title": contact.title,
        "notes": contact.notes,
        "groups": contact.groups,
    }
