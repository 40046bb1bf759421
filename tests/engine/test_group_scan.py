"""Many folders read in one write (engine/group_scan.py) give what reading them one by
one gives (scan.select + scan.scan), on a real Dovecot: nested Chinese names, an empty
folder, keywords, a writable SELECT's PERMANENTFLAGS, an expunged message (sequence
numbers no longer equal UIDs); a folder that is not there is left to the usual read;
the connection is usable afterwards."""

from __future__ import annotations

from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.group_scan import read_folders
from mailmover.engine.imap.scan import scan, select
from tests.gui.conftest import client_for, fill_mailbox


def test_same_as_one_by_one(make_account, coremail_server) -> None:
    acc = make_account(coremail_server)
    fill_mailbox(acc, {"INBOX": 5, "课题组": 3, "课题组/二〇二四": 2})
    with client_for(acc) as c:
        c.create_folder("空")
        c.select_folder("INBOX")
        c.add_flags([1, 2], [b"$Forwarded", b"\\Flagged"])
        c.delete_messages([3])
        c.expunge()
    folders = ["INBOX", "课题组", "空", "课题组/二〇二四", "不存在"]
    conn = connect(acc.account())
    try:
        for readonly in (True, False):
            got = read_folders(conn, folders, readonly=readonly)
            assert set(got) == set(folders) - {"不存在"}
            for folder, (sel, entries) in got.items():
                assert select(conn, folder, readonly=readonly) == sel
                assert list(scan(conn, sel.exists)) == entries
            assert [e.uid for e in got["INBOX"][1]] == [1, 2, 4, 5]
            assert got["空"][1] == []
        assert conn.client.noop()  # imapclient goes on on a clean stream
    finally:
        conn.close()
