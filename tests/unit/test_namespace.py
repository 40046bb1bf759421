"""Folder names relative to each side's personal namespace (no server needed)."""

from __future__ import annotations

import pytest

from mailmover.engine import errors
from mailmover.engine.folders import (
    DRAFTS,
    INBOX,
    SENT,
    Folder,
    FolderNames,
    Listing,
    _role,
    plan_mapping,
)
from mailmover.engine.imap.namespace import Namespace

COURIER = Namespace("INBOX.", ".")
TOP = Namespace("", "/")


@pytest.mark.parametrize(
    ("name", "relative"),
    [
        ("INBOX", "INBOX"),
        ("INBOX.项目.2019", "项目.2019"),
        ("inbox.Sent", "Sent"),  # INBOX is case-insensitive
        ("Other Users.bob", "Other Users.bob"),  # outside the personal namespace
    ],
)
def test_relative(name: str, relative: str) -> None:
    assert COURIER.relative(name) == relative


@pytest.mark.parametrize(
    ("relative", "absolute"),
    [
        ("INBOX", "INBOX"),
        ("项目.2019", "INBOX.项目.2019"),
        ("INBOX.项目", "INBOX.项目"),  # already inside: not INBOX.INBOX.项目
    ],
)
def test_absolute(relative: str, absolute: str) -> None:
    assert COURIER.absolute(relative) == absolute
    assert TOP.absolute(relative) == relative


def _listing(names: list[tuple[str, tuple[str, ...]]], ns: Namespace) -> Listing:
    delim = ns.delimiter or "/"
    folders = [Folder(n, delim, flags, _role(n, flags, delim, ns)) for n, flags in names]
    return Listing(folders, delim, ns)


def test_out_of_courier_strips_the_prefix() -> None:
    source = _listing(
        [("INBOX", ()), ("INBOX.Sent", ()), ("INBOX.项目", ()), ("INBOX.项目.2019", ())], COURIER
    )
    target = _listing([("INBOX", ()), ("已发送", ("\\Sent",))], TOP)
    got = {m.source: m.target for m in plan_mapping(source, target)}
    assert got == {
        "INBOX": "INBOX",
        "INBOX.Sent": "已发送",  # a role by its Courier name inside the namespace
        "INBOX.项目": "项目",
        "INBOX.项目.2019": "项目/2019",
    }


def test_into_cyrus_creates_inside_the_namespace() -> None:
    source = _listing(
        [("INBOX", ()), ("已发送", ("\\Sent",)), ("草稿箱", ("\\Drafts",)), ("项目/2019", ())],
        TOP,
    )
    target = _listing([("INBOX", ()), ("INBOX.Sent", ("\\Sent",))], COURIER)
    got = {m.source: (m.target, m.role) for m in plan_mapping(source, target)}
    assert got == {
        "INBOX": ("INBOX", INBOX),
        "已发送": ("INBOX.Sent", SENT),  # the destination's own role folder
        "草稿箱": ("INBOX.Drafts", DRAFTS),  # created inside the namespace
        "项目/2019": ("INBOX.项目.2019", None),
    }


def test_a_dot_in_a_name_does_not_create_a_level_on_a_dot_server() -> None:
    source = _listing([("INBOX", ()), ("Archive.2018", ())], TOP)
    target = _listing([("INBOX", ())], COURIER)
    got = {m.source: m.target for m in plan_mapping(source, target)}
    assert got["Archive.2018"] == "INBOX.Archive_2018"


def test_folder_names_carry_subscriptions() -> None:
    listing = Listing([Folder("INBOX", "/")], "/", TOP, frozenset({"INBOX"}))
    names = listing.names()
    assert isinstance(names, FolderNames) and names == {"INBOX"}
    assert names.subscribed == {"INBOX"}


def test_a_parameter_called_code_does_not_break_an_error() -> None:
    # The refused-4th-connection warning carries the refusal's code as a parameter.
    err = errors.MailMoverError(errors.FEWER_CONNECTIONS, code=errors.AUTH_FAILED)
    assert err.code == errors.FEWER_CONNECTIONS
    assert "fewer" in str(err) and "auth.failed" not in str(err)


def test_describe_never_shows_a_known_code() -> None:
    assert errors.describe(errors.MESSAGE_TOO_LARGE) == "Too large for the new mailbox"
    assert "slow down" in errors.describe(errors.THROTTLED)  # host missing: still words
    assert errors.describe("some.unknown") == "some.unknown"
