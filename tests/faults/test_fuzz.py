"""Fuzz the parts that read untrusted data: folder names, header fields, server answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mailmover.engine import errors
from mailmover.engine.account import parse_url
from mailmover.engine.fingerprint import fingerprint, parse_fields
from mailmover.engine.folders import Folder, Listing, plan_mapping
from mailmover.engine.imap.append import parse_uid_set
from mailmover.engine.imap.auth import refused as classify_login_failure
from mailmover.engine.messages import summary

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
delims = st.sampled_from(["/", ".", "\\"])


@settings(max_examples=300, deadline=None)
@given(st.lists(names, min_size=1, max_size=12, unique=True), delims, delims)
def test_folder_mapping_never_breaks_and_keeps_depth(paths, src_delim, dst_delim):
    source = Listing([Folder(p, src_delim) for p in paths], src_delim)
    target = Listing([Folder("INBOX", dst_delim)], dst_delim)
    mappings = plan_mapping(source, target)
    assert [m.source for m in mappings] == [f.name for f in source.folders]
    for m in mappings:
        if m.role is None:
            # Same depth: a separator inside a name never creates a new level.
            assert len(m.target.split(dst_delim)) == len(m.source.split(src_delim))


header_bytes = st.binary(max_size=400)


@settings(max_examples=300, deadline=None)
@given(header_bytes, st.integers(min_value=0, max_value=10**9))
def test_fingerprint_never_raises_and_is_deterministic(raw, size):
    assert fingerprint(raw, size) == fingerprint(raw, size)
    assert isinstance(parse_fields(raw), dict)


field_value = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(field_value, field_value, st.sampled_from([b"\r\n", b"\n"]))
def test_fingerprint_ignores_folding_and_line_endings(msgid, subject, eol):
    a = f"Message-ID: <{msgid}>\r\nSubject: {subject} tail\r\n".encode()
    b = (
        f"Message-ID:   <{msgid}>".encode()
        + eol
        + f"Subject: {subject}".encode()
        + eol
        + b"\ttail"
        + eol
    )
    assert fingerprint(a, 1) == fingerprint(b, 2)  # the size never counts


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_summary_never_raises(raw):
    subject, date = summary(raw)
    assert isinstance(subject, str) and isinstance(date, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_login_failure_text_always_classified(text):
    assert classify_login_failure(text, "h").code in {
        errors.AUTH_FAILED,
        errors.AUTH_APP_PASSWORD,
        errors.AUTH_IMAP_DISABLED,
        errors.AUTH_UNSAFE_LOGIN,
    }


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_account_urls_parse_or_give_bad_url(text):
    try:
        acc = parse_url(text)
    except errors.MailMoverError as exc:
        assert exc.code == errors.BAD_URL
    else:
        assert acc.host and acc.user and 0 < acc.port < 65536


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60))
def test_uid_sets_from_server_parse_or_fail_cleanly(raw):
    try:
        uids = parse_uid_set(raw)
    except ValueError:
        return
    assert all(isinstance(u, int) and u >= 0 for u in uids)
    assert len(uids) <= 10_000


def test_hostile_uid_set_is_refused_not_expanded():
    import pytest

    with pytest.raises(ValueError):
        parse_uid_set(b"1:4000000000")
    assert parse_uid_set(b"5,3:4") == [5, 3, 4]
