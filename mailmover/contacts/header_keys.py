"""How CSV column headers are compared: one key per header, whatever its spelling.

NFKC, case-folded, without spaces and punctuation, so "E-mail Address", "e_mail address"
and "EMAIL ADDRESS" are one key. The header tables store keys, not spellings.
"""

from __future__ import annotations

import re
import unicodedata

_PUNCT_RE = re.compile(r"[\s\-_.:：·/\\()（）\[\]【】\"'#]+")


def normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).replace("\ufeff", "").casefold()
    return _PUNCT_RE.sub("", text)


def header_keys(*headers: str) -> list[str]:
    """The keys of a table's headers (the tables are written as people spell them)."""
    return [normalise_header(h) for h in headers]
