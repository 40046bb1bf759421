"""Message identity without a server: records first, then fingerprints, then content."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from mailmover.engine.digest import content_digest
from mailmover.engine.identity import match
from mailmover.engine.imap.scan import Entry
from mailmover.store import Record

FP = b"f" * 16
OTHER = b"o" * 16


def _digester(bodies: dict[int, bytes]):
    asked: list[int] = []

    def digest(uids: Sequence[int]) -> dict[int, bytes]:
        asked.extend(uids)
        return {u: content_digest(bodies[u]) for u in uids if u in bodies}

    return digest, asked


def test_colliding_headers_only_b_present_copies_a_not_b() -> None:
    # A and B share Message-ID, Date, From, Subject; only B's copy is in the new mailbox.
    src = [Entry(1, 10, FP), Entry(2, 10, FP)]
    dst = [Entry(50, 10, FP)]
    s_dig, s_asked = _digester({1: b"H: x\r\n\r\nbody A", 2: b"H: x\r\n\r\nbody B"})
    d_dig, _ = _digester({50: b"H: x\r\n\r\nbody B"})
    m = match(src, dst, 7, {}, s_dig, d_dig)
    assert m.pairs == {2: 50}
    assert [e.uid for e in m.unmatched_source] == [1]
    assert sorted(s_asked) == [1, 2]  # content fetched only for the ambiguous group


def test_the_store_record_is_trusted_before_fingerprints() -> None:
    src = [Entry(1, 10, FP), Entry(2, 10, FP)]
    dst = [Entry(50, 10, FP)]
    records = {2: Record("copied", 7, 50)}
    s_dig, s_asked = _digester({})
    m = match(src, dst, 7, records, s_dig, _digester({})[0])
    assert m.pairs == {2: 50} and m.certain == 1
    assert [e.uid for e in m.unmatched_source] == [1]
    assert s_asked == []  # no content needed


def test_record_from_another_uidvalidity_is_not_trusted() -> None:
    src = [Entry(1, 10, FP)]
    dst = [Entry(50, 10, OTHER)]
    m = match(src, dst, 8, {1: Record("copied", 7, 50)}, _digester({})[0], _digester({})[0])
    assert m.pairs == {}
    assert m.removed == [src[0]]  # copied before, its copy is not there any more


def test_a_copy_stands_for_one_source_only() -> None:
    body = b"Subject: same\r\n\r\nsame body"
    src = [Entry(1, 10, FP), Entry(2, 10, FP), Entry(3, 10, FP)]
    dst = [Entry(50, 10, FP)]
    s_dig, _ = _digester({1: body, 2: body, 3: body})
    d_dig, _ = _digester({50: body})
    m = match(src, dst, 7, {}, s_dig, d_dig)
    assert len(m.pairs) == 1 and len(m.unmatched_source) == 2


def test_user_deleted_copy_is_removed_not_unmatched() -> None:
    src = [Entry(1, 10, FP), Entry(2, 10, OTHER)]
    records = {1: Record("copied", 7, 50, (b"\\Seen",)), 2: Record("failed")}
    m = match(src, [], 7, records, _digester({})[0], _digester({})[0])
    assert [e.uid for e in m.removed] == [1]
    assert [e.uid for e in m.unmatched_source] == [2]  # a failure is tried again


def test_content_digest_survives_what_servers_do() -> None:
    raw = "Subject: 课题组会议\r\nX-Long: a\r\n b\r\n\r\nline 1\r\nline 2\r\n".encode()
    cyrus = raw.replace("课题组会议".encode(), b"X" * len("课题组会议".encode()))
    assert content_digest(raw) == content_digest(cyrus)
    assert content_digest(raw) == content_digest(raw.replace(b"\r\n", b"\n"))
    assert content_digest(raw) == content_digest(raw.replace(b"\r\n b", b" b"))
    assert content_digest(raw) != content_digest(raw.replace(b"line 2", b"line 3"))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3)), min_size=0, max_size=12),
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3)), min_size=0, max_size=12),
)
def test_matching_is_one_to_one_and_content_exact(
    src_spec: list[tuple[int, int]], dst_spec: list[tuple[int, int]]
) -> None:
    # (header group, body) pairs: equal headers with different bodies are different mail.
    fps = [bytes([g]) * 16 for g in range(3)]
    src = [Entry(i + 1, 1, fps[g]) for i, (g, _) in enumerate(src_spec)]
    dst = [Entry(100 + i, 1, fps[g]) for i, (g, _) in enumerate(dst_spec)]
    s_body = {i + 1: b"h\r\n\r\n%d-%d" % (g, b) for i, (g, b) in enumerate(src_spec)}
    d_body = {100 + i: b"h\r\n\r\n%d-%d" % (g, b) for i, (g, b) in enumerate(dst_spec)}
    m = match(src, dst, 1, {}, _digester(s_body)[0], _digester(d_body)[0])
    assert len(set(m.pairs.values())) == len(m.pairs)  # no copy stands for two sources
    for s, d in m.pairs.items():
        same_group = [e for e in src if e.fp == src[s - 1].fp]
        group_dst = [e for e in dst if e.fp == src[s - 1].fp]
        if len(same_group) > 1 or len(group_dst) > 1:
            assert s_body[s] == d_body[d]  # ambiguous groups pair by content only
    # Nothing that has an identical copy left over stays unmatched while that copy is free.
    free = {d_body[e.uid] for e in m.unmatched_target}
    for e in m.unmatched_source:
        assert s_body[e.uid] not in free


# -- records that are not true any more (issue 23) ------------------------------------
A, B, C = b"a" * 16, b"b" * 16, b"c" * 16


def _bodies(*pairs: tuple[int, bytes]) -> dict[int, bytes]:
    return {uid: b"Subject: s\r\n\r\n" + text for uid, text in pairs}


def test_a_uid_the_old_server_reused_is_a_new_message() -> None:
    # UID 1 held message A (copied to 50); the old server now gives UID 1 to message B.
    src = [Entry(1, 10, B)]
    dst = [Entry(50, 10, A)]
    records = {1: Record("copied", 7, 50, None, A)}
    m = match(src, dst, 7, records, _digester({})[0], _digester({})[0])
    assert m.pairs == {} and m.certain == 0
    assert [e.uid for e in m.unmatched_source] == [1]  # copied: not "removed by the user"
    assert m.removed == []


def test_an_appenduid_off_by_one_takes_no_neighbour() -> None:
    # The server answered APPENDUID n-1 for the copy stored at n.
    src = [Entry(1, 10, A), Entry(2, 10, B), Entry(3, 10, C)]
    dst = [Entry(10, 10, A), Entry(11, 10, B), Entry(12, 10, C)]
    records = {u: Record("copied", 7, 9 + u - 1, None, fp) for u, fp in ((1, A), (2, B), (3, C))}
    s_dig, s_asked = _digester(_bodies((1, b"A"), (2, b"B"), (3, b"C")))
    d_dig, _ = _digester(_bodies((10, b"A"), (11, b"B"), (12, b"C")))
    m = match(src, dst, 7, records, s_dig, d_dig)
    assert m.pairs == {1: 10, 2: 11, 3: 12}
    assert m.removed == [] and m.unmatched_source == [] and m.unmatched_target == []
    assert sorted(s_asked) == [2, 3]  # content looked at only where a record was doubtful


def test_a_constant_appenduid_is_believed_once_at_most() -> None:
    src = [Entry(1, 10, A), Entry(2, 10, B), Entry(3, 10, C)]
    dst = [Entry(10, 10, A), Entry(11, 10, B), Entry(12, 10, C)]
    records = {u: Record("copied", 7, 10, None, fp) for u, fp in ((1, A), (2, B), (3, C))}
    s_dig, _ = _digester(_bodies((1, b"A"), (2, b"B"), (3, b"C")))
    d_dig, _ = _digester(_bodies((10, b"A"), (11, b"B"), (12, b"C")))
    m = match(src, dst, 7, records, s_dig, d_dig)
    assert m.pairs == {1: 10, 2: 11, 3: 12} and m.removed == []


def test_a_record_kept_where_the_server_rewrote_the_headers_but_not_the_message() -> None:
    # The destination's fingerprint differs (it rewrote a header), its content does not.
    src = [Entry(1, 10, A)]
    dst = [Entry(50, 10, OTHER)]
    body = b"Subject: s\r\n\r\nsame"
    m = match(
        src, dst, 7, {1: Record("copied", 7, 50, None, A)},
        _digester({1: body})[0], _digester({50: body})[0],
    )  # fmt: skip
    assert m.pairs == {1: 50} and m.certain == 1


def test_a_wrong_record_whose_copy_is_gone_is_copied_again_not_removed() -> None:
    src = [Entry(1, 10, A)]
    dst = [Entry(50, 10, B)]  # another message sits at the recorded UID
    s_dig, _ = _digester(_bodies((1, b"A")))
    d_dig, _ = _digester(_bodies((50, b"B")))
    m = match(src, dst, 7, {1: Record("copied", 7, 50, None, A)}, s_dig, d_dig)
    assert m.pairs == {} and [e.uid for e in m.unmatched_source] == [1] and m.removed == []
