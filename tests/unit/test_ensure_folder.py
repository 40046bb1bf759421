"""ensure_folder on a scripted client: parents inside INBOX, subscriptions (no server)."""

from __future__ import annotations

import imaplib
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


def test_the_folder_first_its_parents_left_to_the_server() -> None:
    client = FakeClient()
    names = FolderNames({"INBOX"}, {"INBOX"})
    ensure_folder(cast(Any, FakeConnection(client)), "INBOX.项目.2019", ".", names)
    # The server makes INBOX.项目 a placeholder, as it was: not created, not subscribed.
    assert client.created == ["INBOX.项目.2019"]  # never CREATE INBOX
    assert client.subscribed == ["INBOX.项目.2019"]
    assert "INBOX.项目" not in names.subscribed


@dataclass
class ParentsFirstClient(FakeClient):
    """A server that refuses a folder whose parent does not exist."""

    def create_folder(self, name: str) -> None:
        parent = name.rpartition(".")[0]
        if parent and parent not in self.folders:
            raise imaplib.IMAP4.error("create failed: NO [NONEXISTENT] parent does not exist")
        super().create_folder(name)


def test_parents_one_by_one_where_the_server_wants_them_unsubscribed() -> None:
    client = ParentsFirstClient()
    names = FolderNames({"INBOX"}, {"INBOX"})
    ensure_folder(cast(Any, FakeConnection(client)), "INBOX.项目.2019", ".", names)
    assert client.created == ["INBOX.项目", "INBOX.项目.2019"]
    assert client.subscribed == ["INBOX.项目.2019"]


def test_an_existing_folder_is_subscribed_once() -> None:
    client = FakeClient(folders={"INBOX", "INBOX.Sent"})
    names = FolderNames({"INBOX", "INBOX.Sent"}, {"INBOX"})
    conn = cast(Any, FakeConnection(client))
    ensure_folder(conn, "INBOX.Sent", ".", names)  # Cyrus creates it, unsubscribed
    ensure_folder(conn, "INBOX.Sent", ".", names)
    assert client.created == [] and client.subscribed == ["INBOX.Sent"]
