"""Placeholder parents stay placeholders (issue 23, item 10): a folder path whose parents
are no folders of their own in the old mailbox (`\\Noselect`: nothing can be stored
there) does not turn them into real, subscribed folders in the new one, where the server
allows placeholders; parents that are folders of their own are created and subscribed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.servers.conftest import Endpoint
from tests.servers.test_matrix import _msg, migrate

KINDS = ["dovecot", "cyrus", "courier", "imap4d", "dovecot-mbox"]


@pytest.mark.parametrize("dst_kind", KINDS)
def test_placeholder_parents_stay_placeholders(
    dst_kind: str, endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint(dst_kind)
    c = src.client()
    c.create_folder("Proj/2019/A")  # Proj and Proj/2019: placeholders (\Noselect)
    c.create_folder("Top")
    c.create_folder("Top/Sub")
    for folder in ("Proj/2019/A", "Top", "Top/Sub"):
        c.append(folder, _msg(folder.replace("/", "-"), 1), ())
    flags = {name: f for f, _, name in c.list_folders()}
    c.logout()
    assert b"\\Noselect" in flags["Proj/2019"]  # the old mailbox as meant

    run = migrate(src, dst, tmp_path / "state")
    assert run.code == 0, run.out + run.err
    d = dst.client()
    listed = {name: f for f, _, name in d.list_folders()}
    # LSUB names the parents of a subscribed folder \Noselect (Courier): not subscribed.
    subscribed = {
        name for f, _, name in d.list_sub_folders() if b"\\noselect" not in {x.lower() for x in f}
    }
    for real in ("Proj/2019/A", "Top", "Top/Sub"):
        if dst_kind == "dovecot-mbox" and real == "Top/Sub":
            real = "Top - Sub"  # mbox: beside a folder of mail (test_matrix BESIDE)
        path = dst.path(*real.split("/"))
        assert path in subscribed, (real, subscribed)
        d.select_folder(path, readonly=True)
        assert len(d.search("ALL")) == 1
    for placeholder in ("Proj", "Proj/2019"):
        path = dst.path(*placeholder.split("/"))
        assert path not in subscribed, (placeholder, subscribed)
        if path in listed and dst_kind != "cyrus":
            # Cyrus makes every parent a real folder (no placeholders there).
            flags = {f.lower() for f in listed[path]}
            assert flags & {b"\\noselect", b"\\nonexistent"}, (placeholder, listed[path])
    d.logout()
    again = migrate(src, dst, tmp_path / "state")
    assert again.code == 0 and sum(f["copied"] for f in again.report["folders"]) == 0
