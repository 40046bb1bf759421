"""Small facts about one message: its subject and date for reports, its flags to copy."""

from __future__ import annotations

import contextlib
import email.header
import email.parser
import hashlib
import os
from pathlib import Path

from mailmover import pathrules, safefiles
from mailmover.atomic import write_atomic
from mailmover.engine.imap import wire

NEVER_COPIED = {b"\\RECENT", b"\\DELETED"}


def marked_deleted(flags: tuple[bytes, ...]) -> bool:
    """Marked for erasing on the old side (\\Deleted) but not expunged yet."""
    return any(f.upper() == b"\\DELETED" for f in flags)
SYSTEM_FLAGS = {b"\\SEEN", b"\\ANSWERED", b"\\FLAGGED", b"\\DRAFT"}


def flags_to_copy(flags: tuple[bytes, ...], keywords_allowed: bool) -> list[bytes]:
    out = []
    for f in wire.valid_flags(flags):  # a flag that is not an atom would split a command
        upper = f.upper()
        if upper in NEVER_COPIED:
            continue
        if upper in SYSTEM_FLAGS or (keywords_allowed and not f.startswith(b"\\")):
            out.append(f)
    return out


def keywords_allowed(permanent_flags: tuple[bytes, ...] | None) -> bool:
    # No PERMANENTFLAGS means all flags are permanent (RFC 3501 7.1).
    return permanent_flags is None or b"\\*" in permanent_flags


def _decode(value: str | None) -> str:
    if not value:
        return ""
    with contextlib.suppress(Exception):
        return str(email.header.make_header(email.header.decode_header(value)))
    return value


def summary(raw: bytes) -> tuple[str, str]:
    """(subject, date) decoded for people; never raises on malformed input."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0][:65536]
    # Raw 8-bit headers are common in Chinese mail: UTF-8, else GB18030, never a crash.
    for charset in ("utf-8", "gb18030", "latin-1"):
        try:
            text = head.decode(charset)
            break
        except UnicodeDecodeError:
            continue
    try:
        msg = email.parser.HeaderParser().parsestr(text)
        return _decode(str(msg.get("Subject", ""))), _decode(str(msg.get("Date", "")))
    except Exception:
        return "", ""


_NAME_BYTES = 80  # the readable part (UTF-8: ext4 allows 255 bytes); the digest is unique


def saved_folder_name(folder: str, room: int = pathrules.MAX_COMPONENT) -> str:
    """A unique, bounded, portable directory name for a folder: readable part + hash.

    `a/b`, `a:b`, `a?b` and `a_b` differ by their hash; `..`, `AUX.txt`, U+202E and a
    270-byte Chinese path all become names valid on Windows, within `room` UTF-16 units
    (what MAX_PATH leaves; pathrules)."""
    digest = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    keep = room - len(digest) - 1
    if keep < 1:
        return digest  # a path this deep cannot be readable: unique is what matters
    readable = pathrules.component(folder, limit=keep, fallback="folder")
    cut = readable.encode("utf-8", "surrogatepass")[:_NAME_BYTES].decode("utf-8", "ignore")
    return f"{pathrules.component(cut, limit=keep, fallback='folder')}-{digest}"


def save_eml(directory: Path, folder: str, uidvalidity: int, uid: int, raw: bytes) -> Path:
    """Keep a refused message on disk, byte for byte, at a path unique per
    (folder, UIDVALIDITY, UID); `index.tsv` beside the folders names each one."""
    # No resolve(): a planted link at the job's folder is refused, not followed.
    safefiles.ensure_dir(directory)
    file = f"{uidvalidity}-{uid}.eml"
    name = saved_folder_name(folder, pathrules.room(str(directory), file))
    path = safefiles.ensure_dir(directory / name) / file
    _note_folder(directory, name, folder)
    write_atomic(path, raw)  # fsynced, owner-only: mail is private
    return path


def _note_folder(directory: Path, name: str, folder: str) -> None:
    index = directory / "index.tsv"
    line = f"{name}\t{folder.encode('unicode_escape').decode('ascii')}\n"
    with contextlib.suppress(FileNotFoundError):
        fd = os.open(index, os.O_RDONLY | safefiles.NOFOLLOW | safefiles.CLOEXEC)
        with os.fdopen(fd, encoding="utf-8") as fh:
            if line in fh.read():
                return
    fd = safefiles.open_own(index, os.O_WRONLY | os.O_APPEND)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line)


__all__ = ["flags_to_copy", "keywords_allowed", "summary", "save_eml", "write_atomic"]
