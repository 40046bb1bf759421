"""A fetched message is checked against its scan by its fingerprint (fingerprint.same_message)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mailmover.engine.fingerprint import fingerprint, same_message
from mailmover.engine.imap.scan import Entry

# What a server answers to BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)].
FIELDS = (
    b"Message-ID: <a@x>\r\nDate: Tue, 2 Mar 2010 10:00:00 +0800\r\n"
    b"From: a@x\r\nSubject: =?UTF-8?B?5L2g5aW9?=\r\n folded\r\n\r\n"
)
RAW = (
    b"Received: by x\r\nMessage-ID: <a@x>\r\nDate: Tue, 2 Mar 2010 10:00:00 +0800\r\n"
    b"From: a@x\r\nSubject: =?UTF-8?B?5L2g5aW9?=\r\n folded\r\nX-Other: 1\r\n\r\nbody\r\n"
    b"Subject: not a header\r\n"
)


def test_the_message_the_scan_saw_matches() -> None:
    e = Entry(1, len(RAW), fingerprint(FIELDS))
    assert same_message(e, RAW)
    assert same_message(e, RAW.replace(b"\r\n", b"\n"))  # a server storing bare LF


def test_another_messages_bytes_do_not() -> None:
    e = Entry(1, len(RAW), fingerprint(FIELDS))
    assert not same_message(e, RAW.replace(b"<a@x>", b"<b@x>"))


_NAMES = st.sampled_from(["Message-ID", "DATE", "from", "Subject", "Received", "X-A", "To"])
_VALUE = st.binary(max_size=30).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))


@given(
    st.lists(
        st.tuples(_NAMES, st.sampled_from(["", " "]), _VALUE, st.lists(_VALUE, max_size=2)),
        max_size=8,
    )
)
def test_picking_the_four_fields_reads_them_as_the_whole_parse_does(fields: list) -> None:
    lines = []
    for name, space, value, more in fields:
        lines.append(name.encode() + space.encode() + b":" + value)
        lines += [b" " + m for m in more]  # folded continuation lines
    header = b"\r\n".join(lines)
    e = Entry(1, 0, fingerprint(header))  # the whole header parsed, as a scan's fields are
    assert same_message(e, header + b"\r\n\r\nbody")
