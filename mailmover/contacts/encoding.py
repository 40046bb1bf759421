"""Telling the text encoding of an address-book file.

Order: byte-order mark, then strict UTF-8, then GB18030 (a superset of GBK). A decoding is
accepted only if the caller's check of the decoded start of the file passes; otherwise the
user picks from the encodings that decode the file without error.

GB18030 decodes almost any bytes, UTF-8 ones too: a GBK file with one row pasted in from a
UTF-8 file would read without error and turn 赵六 into 璧靛叚. Before GB18030 is accepted,
every line is checked; lines that are valid UTF-8 Chinese next to lines that are not UTF-8
stop the conversion (``contacts.mixed_encoding``) until the user picks an encoding.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContactsError

HEAD_SIZE = 64 * 1024
_CHUNK = 1024 * 1024

# Offered to the user when nothing is accepted automatically (if they decode the file).
FALLBACK_CANDIDATES = ("utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "cp1252")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of files people pick by mistake instead of the CSV/vCard export.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip/xlsx"),
    (b"\xd0\xcf\x11\xe0", "xls/msg"),
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"SQLite format 3", "sqlite"),
    (b"!BDN", "pst"),
)


@dataclass(slots=True)
class Head:
    """The first bytes of a file; ``whole`` when that is the entire file."""

    path: Path
    data: bytes
    whole: bool


@dataclass(slots=True)
class EncodingChoice:
    encoding: str
    # Other encodings that decode the file, for the wizard's drop-down.
    candidates: list[str] = field(default_factory=list)
    forced: bool = False


def read_head(path: Path) -> Head:
    try:
        with path.open("rb") as fh:
            data = fh.read(HEAD_SIZE + 1)
    except FileNotFoundError:
        raise ContactsError("contacts.file_not_found", path=str(path)) from None
    except OSError as exc:
        raise ContactsError("contacts.read_failed", path=str(path), reason=exc.strerror) from exc
    whole = len(data) <= HEAD_SIZE
    return Head(path, data[:HEAD_SIZE], whole)


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def check_is_text(head: Head) -> None:
    """Raise empty_file / binary_file for files no reader can use."""
    data = head.data
    bom = bom_encoding(data)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ContactsError("contacts.binary_file", path=str(head.path), kind=kind)
    if bom in ("utf-16", "utf-32") or utf16_without_bom(data):
        enc = bom or utf16_without_bom(data) or "utf-16"
        text = _decode_prefix(data, enc, head.whole)
        if text is not None and not text.lstrip("\ufeff").strip():
            raise ContactsError("contacts.empty_file", path=str(head.path))
        return
    body = data[len(codecs.BOM_UTF8) :] if bom == "utf-8-sig" else data
    if not body.strip():
        raise ContactsError("contacts.empty_file", path=str(head.path))
    controls = sum(1 for b in body if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C, 0x1A))
    if b"\x00" in body or controls > len(body) // 20:
        raise ContactsError("contacts.binary_file", path=str(head.path), kind="binary")


def utf16_without_bom(data: bytes) -> str | None:
    """Excel's "Unicode text" has a BOM, but some tools drop it: spot the NUL pattern."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _decode_prefix(data: bytes, encoding: str, whole: bool) -> str | None:
    """Decode the head strictly; a character cut at the end of the head is not an error."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        return decoder.decode(data, final=whole)
    except (UnicodeDecodeError, LookupError):
        return None


def first_bad_line(path: Path, encoding: str) -> int | None:
    """Line number of the first undecodable byte, or None when the file decodes."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line = 1
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                return line + chunk[: max(exc.start, 0)].count(b"\n")
            if not chunk:
                return None
            line += chunk.count(b"\n")


def choose_encoding(
    head: Head,
    accept: Callable[[str, bool], bool],
    forced: str | None = None,
) -> EncodingChoice:
    """Pick the file's encoding.

    ``accept(text, strict)`` judges the decoded start of the file; ``strict`` is True for
    encodings that decode almost any bytes (GB18030), where the check must be stricter.
    """
    path = head.path
    if forced:
        encoding = _normalise(forced)
        if encoding is None:
            raise ContactsError("contacts.unknown_encoding", path=str(path), candidates=[forced])
        if encoding in ("utf-8", "utf8") and head.data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"  # so the BOM is not read as part of the first header
        bad = first_bad_line(path, encoding)
        if bad is not None:
            raise ContactsError("contacts.bad_encoding", path=str(path), encoding=forced, line=bad)
        return EncodingChoice(encoding, _candidates(head), forced=True)

    bom = bom_encoding(head.data)
    ordered: list[tuple[str, bool]] = []
    if bom:
        ordered.append((bom, False))
    else:
        utf16 = utf16_without_bom(head.data)
        if utf16:
            ordered.append((utf16, False))
        ordered += [("utf-8", False), ("gb18030", True)]
    for encoding, strict in ordered:
        text = _decode_prefix(head.data, encoding, head.whole)
        if text is None or not accept(text, strict):
            continue
        if not head.whole and first_bad_line(path, encoding) is not None:
            continue  # the head was fine but later bytes are not in this encoding
        if strict:
            check_not_mixed(path, encoding)
        return EncodingChoice(encoding, _candidates(head))
    if not bom and not utf16_without_bom(head.data):
        # Neither reads the whole file: often a UTF-8 file with a row pasted from GBK.
        check_not_mixed(path, "gb18030")
    candidates = _candidates(head)
    if not candidates:  # "pick one of: (nothing)" would help nobody
        raise ContactsError("contacts.undecodable", path=str(path))
    raise ContactsError("contacts.unknown_encoding", path=str(path), candidates=candidates)


def _candidates(head: Head) -> list[str]:
    names = [bom_encoding(head.data) or ""] + list(FALLBACK_CANDIDATES)
    found: list[str] = []
    for name in names:
        if name and name not in found and _decode_prefix(head.data, name, head.whole) is not None:
            found.append(name)
    return found


def _normalise(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# Lines named in a mixed-encoding error, per kind; the counts are complete.
MIXED_LINES_SHOWN = 10


def check_not_mixed(path: Path, encoding: str) -> None:
    """Raise contacts.mixed_encoding when some lines are UTF-8 and others are not.

    Only called for a file that is not UTF-8 as a whole (so some non-ASCII line is not).
    A line counts as UTF-8 when it decodes strictly and its non-ASCII text is made of
    three- or four-byte characters including a Chinese one: GBK text is practically never
    like that, since a GBK pair cannot continue a three-byte UTF-8 sequence.
    """
    utf8: list[int] = []
    other: list[int] = []
    utf8_count = other_count = 0
    try:
        with path.open("rb") as fh:
            for number, line in enumerate(fh, start=1):
                if line.isascii():
                    continue
                if _is_utf8_chinese(line):
                    utf8_count += 1
                    if len(utf8) < MIXED_LINES_SHOWN:
                        utf8.append(number)
                else:
                    other_count += 1
                    if len(other) < MIXED_LINES_SHOWN:
                        other.append(number)
    except OSError as exc:
        raise ContactsError("contacts.read_failed", path=str(path), reason=exc.strerror) from exc
    if utf8 and other:
        raise ContactsError(
            "contacts.mixed_encoding",
            path=str(path),
            encoding=encoding,
            utf8_lines=utf8,
            utf8_count=utf8_count,
            other_lines=other,
            other_count=other_count,
            candidates=[encoding, "utf-8"],
        )


def _is_utf8_chinese(line: bytes) -> bool:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    chinese = False
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            continue
        if code < 0x800:
            return False  # two-byte UTF-8 (Latin, Greek...): what GBK pairs can look like
        if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000:
            chinese = True
    return chinese
