"""The content digest fed in pieces: the same as at once, wherever the pieces are cut."""

from __future__ import annotations

import hashlib
import random
import re

import pytest

from mailmover.engine.digest import HEAD_MAX, ContentHasher, content_digest


def reference(raw: bytes) -> bytes:
    """The digest as it was defined for whole messages (before pieces)."""
    text = re.sub(rb"\r\n|\r", b"\n", raw)
    head, _, body = text.partition(b"\n\n")
    head = re.sub(rb"\n[ \t]+", b" ", head)
    head = re.sub(rb"[ \t]+", b" ", re.sub(rb"[\x80-\xff]", b"X", head))
    h = hashlib.blake2b(digest_size=16)
    h.update(head.strip())
    h.update(b"\0")
    h.update(body.rstrip(b"\n"))
    return h.digest()


SAMPLES = [
    b"",
    b"\r",
    b"Subject: only a head",
    b"Subject: x\r\n\r\n",
    b"Subject: x\r\n\r\nbody\r\n\r\n\r\n",
    b"Subject: a\r\n folded\r\nFrom: \xe4\xb8\xad <a@b>\r\n\r\nline 1\r\rline 2\r\n\r\nend\n\n",
    b"Subject: lone CRs\r\rbody\rwith\r\r\rCRs\r",
    b"\r\n\r\nno head at all\r\n",
    b"Subject: x\n\n\n\nbody after blank lines\n\n\nmore\n",
]


def pieces(raw: bytes, cuts: list[int]) -> bytes:
    h = ContentHasher()
    last = 0
    for c in sorted(cuts) + [len(raw)]:
        h.update(raw[last:c])
        last = c
    return h.digest()


@pytest.mark.parametrize("raw", SAMPLES)
def test_same_as_the_whole_message_at_once(raw: bytes) -> None:
    assert content_digest(raw) == reference(raw)
    for i in range(len(raw) + 1):  # every single cut
        assert pieces(raw, [i]) == reference(raw), i
    assert pieces(raw, list(range(len(raw)))) == reference(raw)  # one byte at a time


def test_random_messages_cut_at_random() -> None:
    rng = random.Random(23)
    alphabet = [b"\r", b"\n", b"\r\n", b" ", b"\t", b"a", b"\xe9", b":"]
    for _ in range(300):
        raw = b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        cuts = [rng.randint(0, len(raw)) for _ in range(rng.randint(1, 6))]
        assert pieces(raw, cuts) == reference(raw), raw


def test_a_head_without_end_is_cut_at_the_same_place_whatever_the_pieces() -> None:
    raw = b"X-Long: " + b"y" * (HEAD_MAX + 5000) + b"\r\n\r\nbody\r\n"
    whole = content_digest(raw)
    assert pieces(raw, [HEAD_MAX // 3, HEAD_MAX + 1, HEAD_MAX + 2]) == whole
    assert pieces(raw, list(range(0, len(raw), 256 * 1024))) == whole
    assert whole != content_digest(raw.replace(b"body", b"bodY"))


def test_a_blank_line_right_at_the_limit_ends_the_head() -> None:
    head = b"X: " + b"y" * (HEAD_MAX - 3 - 1)  # the blank line starts at HEAD_MAX - 1
    raw = head + b"\n\nbody"
    whole = content_digest(raw)
    assert whole == reference(raw)
    for cut in range(HEAD_MAX - 2, HEAD_MAX + 3):
        assert pieces(raw, [cut]) == whole, cut
