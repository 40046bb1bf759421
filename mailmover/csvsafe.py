"""The CSVs mailmover writes (contacts, batch summary): cells a spreadsheet would run as a
formula, neutralised; the one writer `to_csv` for summaries and reports.

OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection): a cell that
starts with ``=``, ``+``, ``-``, ``@``, TAB or CR may be read as a formula by Excel or
LibreOffice (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``, ``@SUM(...)``); prefixing a single
quote ``'`` makes the spreadsheet show it as text.

Our rule, applied to every data cell of a CSV we write:

- a cell starting with ``=``, ``@``, TAB or CR is always neutralised;
- a cell starting with ``+`` or ``-`` is neutralised unless the rest is only digits, spaces,
  dashes, dots, slashes and parentheses (or several such numbers separated by ``;``, as
  our phone columns write them). Such a cell (``+86 138 0013 8000``, ``-``) can at worst
  be read as arithmetic, never as a function call or a link, while a quote in front would
  end up inside the phone number in the webmail that imports the file. ``+1+1`` or
  ``-1+cmd`` is neutralised; a phone ``=1+1`` is neutralised by the first rule.

Reading a CSV we undo exactly this: a ``'`` in front of a formula is the marker, not data
(Excel uses the same convention). So that text which itself starts with quotes before a
formula (``'@a.cn``) reads back unchanged, it gets one more quote when written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

QUOTE = "'"
# First characters that need a closer look; any other cell is left as it is (fast path).
FIRST_CHARS = frozenset("=+-@\t\r'")
_ALWAYS = ("=", "@", "\t", "\r")
_SIGNS = ("+", "-")
# After a leading + or -: what a phone number (or a lone dash) is made of, and more
# numbers after "; " (csv_writer.PHONE_SEPARATOR).
_PLAIN_NUMBER_RE = re.compile(r"[0-9 ()\-./]*(?:; *[+]?[0-9 ()\-./]*)*")


def is_formula(cell: str) -> bool:
    """True when a spreadsheet could run ``cell`` as a formula."""
    if cell.startswith(_ALWAYS):
        return True
    if cell.startswith(_SIGNS):
        return _PLAIN_NUMBER_RE.fullmatch(cell, 1) is None
    return False


def neutralise(cell: str) -> tuple[str, bool]:
    """The cell as it is safe to write, and whether it was a formula."""
    if not cell or cell[0] not in FIRST_CHARS:
        return cell, False
    if is_formula(cell):
        return QUOTE + cell, True
    if cell.startswith(QUOTE) and is_formula(cell.lstrip(QUOTE)):
        return QUOTE + cell, False  # not dangerous, but strip_marker must not eat a quote
    return cell, False


def strip_marker(cell: str) -> str:
    """Undo ``neutralise`` when reading: ``'=1+1`` is the text ``=1+1``."""
    if not cell or cell[0] not in FIRST_CHARS:
        return cell
    if cell.startswith(QUOTE) and is_formula(cell.lstrip(QUOTE)):
        return cell[1:]
    return cell


def cell(value: object) -> str:
    """One data cell as written: formula neutralised, controls and bidi escaped (a CR/LF
    from a server's error text would otherwise start a fake row in a viewer)."""
    from mailmover.textsafe import shown

    text, _ = neutralise(shown(str(value)))
    return text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The one CSV writer for summaries and reports: header as is, every cell `cell`."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([cell(v) for v in row])
    return buf.getvalue()
