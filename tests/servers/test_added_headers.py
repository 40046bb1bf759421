"""A destination that writes its own state into every message it stores (issue 23,
item 5): mbox-family stores such as GNU imap4d add `X-IMAPbase`, `X-UID`, `Status` to
what they hold. `mailmover verify` still finds every copy, and a rerun doubles nothing,
also for two messages whose identity headers are the same (told apart by content)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from imapclient import IMAPClient

from tests.servers.conftest import Endpoint
from tests.servers.test_matrix import _msg, migrate
from tests.support.moves import verify_accounts


def _stamp(dst: Endpoint, folder: str) -> int:
    """Store every message of `folder` again with the headers an mbox store adds (as
    the server would have on APPEND), with its flags and date; the originals go."""
    c: IMAPClient = dst.client()
    c.select_folder(folder)
    uids = c.search("ALL")
    data = c.fetch(uids, [b"BODY.PEEK[]", b"FLAGS", b"INTERNALDATE"])
    for n, uid in enumerate(uids, 1):
        raw = data[uid][b"BODY[]"]
        stamped = (
            (b"X-IMAPbase: 1796685339 %d\r\n" % len(uids) if n == 1 else b"")
            + raw.replace(b"\r\n\r\n", b"\r\nStatus: RO\r\nX-UID: %d\r\n\r\n" % n, 1)
        )
        flags = tuple(f for f in data[uid][b"FLAGS"] if f != b"\\Recent")
        c.append(folder, stamped, flags, data[uid][b"INTERNALDATE"])
    c.delete_messages(uids)
    c.expunge()
    c.logout()
    return len(uids)


def test_headers_a_store_adds_are_not_differences(
    endpoint: Callable[[str], Endpoint], tmp_path: Path
) -> None:
    src, dst = endpoint("dovecot"), endpoint("dovecot")
    c = src.client()
    for i in range(5):
        c.append("INBOX", _msg(f"k-{i}", i), (b"\\Seen",))
    # Same Message-ID, Date, From and Subject, other bodies: two messages.
    for body in (b"first twin\r\n", b"second twin\r\n"):
        c.append("INBOX", _msg("twin", 9, body=body), ())
    c.logout()
    first = migrate(src, dst, tmp_path / "state")
    assert first.code == 0, first.out
    assert _stamp(dst, "INBOX") == 7

    result = verify_accounts(src.account, dst.account)
    inbox = next(f for f in result.folders if f.source == "INBOX")
    assert (inbox.missing, inbox.duplicated, inbox.only_in_new) == (0, 0, 0), inbox
    assert result.ok, result.to_dict()

    again = migrate(src, dst, tmp_path / "state")
    assert again.code == 0, again.out
    assert sum(f["copied"] for f in again.report["folders"]) == 0, again.out
    d = dst.client()
    d.select_folder("INBOX", readonly=True)
    assert len(d.search("ALL")) == 7  # nothing doubled
    d.logout()
