"""Answers checked against what the server said before (issue 23): a FETCH answer
must carry the message the scan saw at that UID."""

from __future__ import annotations

import logging

from mailmover.engine.fingerprint import same_message
from mailmover.engine.imap import ops
from mailmover.engine.imap.connection import ImapConnection
from mailmover.engine.imap.scan import Entry

log = logging.getLogger(__name__)


def check_answers(src: ImapConnection, batch: list[Entry], data: dict[int, ops.Body]) -> None:
    """A batch's answers checked against the scan: a message whose bytes carry another
    message's headers (a server that answered one UID twice, or mixed up its answers) is
    fetched again alone, which is what is then copied. Where most of a batch differs the
    difference is in how this server shows headers, not a mix-up: nothing is fetched
    again (no second download of a whole mailbox)."""
    wrong = [e for e in batch if e.uid in data and not same_message(e, data[e.uid].raw)]
    if not wrong or len(wrong) > max(1, len(batch) // 4):
        return
    for e in wrong:
        log.warning("the answer for UID %d was another message's: fetched again alone", e.uid)
        alone = ops.fetch_bodies(src, [e.uid]).get(e.uid)
        if alone is None:
            data.pop(e.uid, None)  # expunged meanwhile: asked about below
        else:
            data[e.uid] = alone
