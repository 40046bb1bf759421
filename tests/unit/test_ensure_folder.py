"""ensure_folder on a scripted client: parents inside INBOX, subscriptions (no server)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from mailmover.engine.account import Account
from mailmover.engine.folders import FolderNames, ensure_folder
from mailmover.engine.imap.connection import ImapConnection


@dataclass
class FakeClient:
    folders: set[str] = field(default_factory=lambda: {"INBOX"})
    subscribed: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    def create_folder(self, name: str) -> None:
        if name.upper() == "INBOX" or not name.upper().startswith("INBOX."):
            raise RuntimeError("must not be asked")  # Courier: Invalid mailbox name
        self.created.append(name)
        self.folders.add(name)

    def folder_exists(self, name: str) -> bool:
        return name in self.folders

    def subscribe_folder(self, name: str) -> None:
        self.subscribed.append(name)


class FakeConnection(ImapConnection):
    """The real guard over a scripted client (no login)."""

    def __init__(self, client: FakeClient) -> None:
        self.account = Account("fake.test", "user")
        self.selected = None
        self.client = client


def test_parents_inside_inbox_are_created_and_subscribed() -> None:
    client = FakeClient()
    names = FolderNames({"INBOX"}, {"INBOX"})
    ensure_folder(cast(Any, FakeConnection(client)), "INBOX.项目.2019", ".", names)
    assert client.created == ["INBOX.项目", "INBOX.项目.2019"]  # never CREATE INBOX
    assert client.subscribed == ["INBOX.项目", "INBOX.项目.2019"]
    assert {"INBOX.项目", "INBOX.项目.2019"} <= names.subscribed


def test_an_existing_folder_is_subscribed_once() -> None:
    client = FakeClient(folders={"INBOX", "INBOX.Sent"})
    names = FolderNames({"INBOX", "INBOX.Sent"}, {"INBOX"})
    conn = cast(Any, FakeConnection(client))
    ensure_folder(conn, "INBOX.Sent", ".", names)  # Cyrus creates it, unsubscribed
    ensure_folder(conn, "INBOX.Sent", ".", names)
    assert client.created == [] and client.subscribed == ["INBOX.Sent"]
