"""A folder name with DEL (0x7f) (issue 26): it arrives under exactly its name, or the
destination's refusal is said, naming the folder; never silently renamed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mailmover.cli import Output, main
from tests.support.mailbox import message

NAMES = ("a\x7fb", "课\x7f题")


def _migrate(src, dst, monkeypatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
    out, err = io.StringIO(), io.StringIO()

    def url(e):  # type: ignore[no-untyped-def]
        return f"imap+plain://{e.user}@127.0.0.1:{e.account.port}"

    report = tmp_path / "report.json"
    code = main(["migrate", url(src), url(dst), "--state-dir", str(tmp_path / "s"),
                 "--report", str(report)], Output(out, err))  # fmt: skip
    return code, out.getvalue() + err.getvalue(), json.loads(report.read_text())


def _folders(report) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {f["source"]: f for f in report["folders"]}


@pytest.mark.parametrize("kind", ["dovecot", "courier"])
def test_a_del_in_a_folder_name_arrives_exactly(endpoint, kind, monkeypatch, tmp_path):
    src, dst = endpoint("dovecot"), endpoint(kind)
    c = src.client()
    for name in NAMES:
        c.create_folder(name)
        c.append(name, message(1))
    code, text, report = _migrate(src, dst, monkeypatch, tmp_path)
    assert code == 0, text
    names = {f[2] for f in dst.client().list_folders()}
    for name in NAMES:
        assert dst.path(name) in names, names  # the DEL kept, nothing dropped or replaced
        assert _folders(report)[name]["target"] == dst.path(name)
    assert "a\\x7fb" in text and "\x7f" not in text  # visible on the terminal


def test_a_destination_that_refuses_del_says_so_naming_the_folder(
    endpoint, monkeypatch, tmp_path
):
    src, dst = endpoint("dovecot"), endpoint("cyrus-unix")  # Cyrus: "Invalid mailbox name"
    c = src.client()
    c.create_folder(NAMES[0])
    c.append(NAMES[0], message(1))
    code, text, report = _migrate(src, dst, monkeypatch, tmp_path)
    assert code != 0
    # Each failed message names it too (it said "The folder  could not be created").
    assert "failed: a\\x7fb UID 1: The folder a\\x7fb could not be created" in text, text
    assert "Invalid mailbox name" in text
    before = {"INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash"}
    assert {f[2] for f in dst.client().list_folders()} == before  # no look-alike made
    assert _folders(report)[NAMES[0]]["failed"] == 1
