"""Many folders read in one write (engine/group_scan.py) equal the folders read one by
one on every kind of server in the matrix: Cyrus (both layouts), Courier, pymap's
strict parser, and the Coremail and Exmail emulations. An empty folder among them is
the case a server could refuse (`UID FETCH 1:*` names no message there)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest

from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.group_scan import read_folders
from mailmover.engine.imap.scan import Entry, scan, select


def _settled(entries: Iterable[Entry]) -> list[Entry]:
    """\\Recent belongs to the first session that saw a message: not compared."""
    return [replace(e, flags=tuple(f for f in e.flags if f != b"\\Recent")) for e in entries]


KINDS = ["cyrus", "cyrus-unix", "courier", "pymap", "coremail", "exmail"]


@pytest.mark.parametrize("kind", KINDS)
def test_group_read_equals_one_by_one(endpoint, kind: str) -> None:
    ep = endpoint(kind)
    parent = ep.path("课题组") if kind != "exmail" else "其他文件夹/课题组"
    full, empty = parent, parent + ep.separator + "空"
    c = ep.client()
    try:
        c.create_folder(full)
        c.create_folder(empty)
        for n in range(3):
            raw = f"Message-ID: <{n}@group>\r\nSubject: {n}\r\n\r\nbody {n}\r\n".encode()
            c.append(full, raw, [b"\\Seen"] if n else [])
        # Courier keeps a folder's UIDVALIDITY only once the folder was opened read-write
        # (or created); until then every EXAMINE of a fresh empty INBOX names a new one,
        # the time in seconds, and the two reads compared below may fall a second apart.
        c.select_folder("INBOX")
    finally:
        c.logout()
    folders = [full, empty, "INBOX"]
    conn = connect(ep.account)
    try:
        for readonly in (True, False):
            got = read_folders(conn, folders, readonly=readonly)
            assert set(got) == set(folders)
            for folder, (sel, entries) in got.items():
                assert select(conn, folder, readonly=readonly) == sel
                assert _settled(scan(conn, sel.exists)) == _settled(entries)
            assert len(got[full][1]) == 3 and got[empty][1] == []
        assert conn.client.noop()
    finally:
        conn.close()
