"""Text from outside (server answers, folder names, CSV cells) made safe to show.

Two rules, one module:

- `control_at(text)`: the first control character (C0 0x00-0x1f, DEL, C1 0x80-0x9f) in
  an identifier that goes on the wire — a user name with CR/LF would otherwise become
  several IMAP commands (`LOGIN attacker …` then `APPEND` with the victim's password).
- `shown(text)`: every line written to a terminal, a log or a summary escapes control
  characters (`\\x1b`), line breaks (`\\r`, `\\n`), and bidi overrides and zero-width
  characters (`\\u202e`), so a server cannot move the cursor, fake a line, or reverse
  the text that follows it.
"""

from __future__ import annotations

import logging
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bidi embeddings/overrides/isolates, marks, zero-width characters, BOM, line/paragraph
# separators: invisible, or they change how the rest of the line is drawn.
_INVISIBLE = "\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\u061c"
_UNSAFE_LINE = re.compile(rf"[\x00-\x08\x0a-\x1f\x7f-\x9f{_INVISIBLE}]")
_UNSAFE_ALL = re.compile(rf"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")


def control_at(text: str) -> int | None:
    """Index of the first control character in `text`, or None."""
    found = _CONTROL.search(text)
    return found.start() if found else None


def has_invisible(text: str) -> bool:
    return _UNSAFE_ALL.search(text) is not None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, *, keep_tab: bool = True) -> str:
    """`text` as one safe line: controls, line breaks, bidi and zero-width escaped."""
    pattern = _UNSAFE_LINE if keep_tab else _UNSAFE_ALL
    return pattern.sub(_escape, text)


def describe_char(text: str, index: int) -> str:
    """`U+000D at position 4` (1-based), for messages about a refused name."""
    return f"U+{ord(text[index]):04X} at position {index + 1}"


class SafeFormatter(logging.Formatter):
    """Log lines escaped like terminal lines: a folder name or a server's answer in a
    message cannot move the cursor or fake a line (tracebacks keep their lines)."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        record.message = shown(record.message)
        return super().formatMessage(record)
