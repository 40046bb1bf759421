"""``mailmover contacts convert INPUT -o OUTPUT.vcf|.csv``.

Exit codes: 0 written, nothing to report; 1 written, but contacts were flagged or column
data was left out; 2 usage error; 3 the input (or output) could not be handled.
Also runnable on its own: ``python -m mailmover.contacts.cli convert ...``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .convert import ConversionResult, convert
from .csv_writer import MAX_EMAIL_COLUMNS
from .errors import ContactsError
from .model import FIELDS, Issue

EXIT_OK, EXIT_FLAGGED, EXIT_USAGE, EXIT_BAD_INPUT = 0, 1, 2, 3
_USAGE_CODES = {
    "contacts.bad_mapping",
    "contacts.unknown_field",
    "contacts.unknown_column",
    "contacts.unsupported_output",
    "contacts.unsupported_csv_encoding",
}
SHOWN = 20  # details printed per section; the counts are always complete

_ISSUE_TEXT = {
    "contact.invalid_email": "invalid e-mail address {email!r}",
    "contact.no_email": "no e-mail address",
    "contact.phone_mangled": "phone number {phone!r} looks damaged by Excel (digits lost)",
}


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``contacts`` (with ``convert``) to a parent command's subparsers."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "contacts", help="convert an exported address book for import into the new mailbox"
    )
    _add_commands(parser)
    return parser


def _add_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="contacts_command", metavar="COMMAND")
    sub.required = True
    conv = sub.add_parser(
        "convert",
        help="convert a CSV or vCard address book to vCard 3.0 or CSV",
        description="Read a CSV (Coremail, Outlook, Google, Thunderbird, Foxmail/QQ) or vCard "
        "file, merge duplicates by e-mail address and write OUTPUT (.vcf or .csv).",
    )
    conv.add_argument("input", metavar="INPUT", help="the exported address book")
    conv.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="where to write: a .vcf or .csv file",
    )
    conv.add_argument("--encoding", metavar="E", help="read INPUT in this encoding (e.g. gbk)")
    conv.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a CSV column (header or #N) to a field: " + ", ".join(FIELDS),
    )
    conv.add_argument(
        "--csv-encoding",
        default="utf-8-sig",
        choices=["utf-8-sig", "gbk"],
        help="encoding of a CSV OUTPUT (default utf-8-sig)",
    )
    conv.add_argument(
        "--csv-language",
        default="zh",
        choices=["zh", "en"],
        help="header language of a CSV OUTPUT (default zh)",
    )


def parse_map(specs: Sequence[str]) -> dict[str | int, str | None]:
    mapping: dict[str | int, str | None] = {}
    for spec in specs:
        column, eq, fld = spec.rpartition("=")
        column, fld = column.strip(), fld.strip()
        if not eq or not column or not fld:
            raise ContactsError("contacts.bad_mapping", spec=spec)
        if fld not in FIELDS:
            raise ContactsError("contacts.unknown_field", field=fld, fields=list(FIELDS))
        mapping[column] = fld
    return mapping


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        mapping = parse_map(args.map)
        result = convert(
            args.input,
            args.output,
            encoding=args.encoding,
            mapping=mapping or None,
            csv_encoding=args.csv_encoding,
            csv_language=args.csv_language,
        )
    except ContactsError as exc:
        _say(err, f"error: {exc} [{exc.code}]")
        return EXIT_USAGE if exc.code in _USAGE_CODES else EXIT_BAD_INPUT
    report(result, out)
    return EXIT_OK if result.clean else EXIT_FLAGGED


def report(result: ConversionResult, out: TextIO) -> None:
    _say(
        out, f"Read {result.read} contacts from {result.input} ({result.format}, {result.encoding})"
    )
    if result.skipped_empty:
        _say(out, f"Skipped {result.skipped_empty} empty rows")
    if result.mapping is not None:
        used = [
            f"{c.header}→{c.field}"
            for c in result.mapping.columns
            if c.field not in (None, "ignore")
        ]
        _say(out, "Columns: " + ", ".join(used))
        ignored = [c.header for c in result.mapping.columns if c.field == "ignore"]
        if ignored:
            # Bookkeeping the exporter derives (Outlook's e-mail type, display name...) or
            # columns the user dropped with --map COLUMN=ignore.
            _say(out, "Ignored: " + ", ".join(ignored))
        undecided = [c.header for c in result.mapping.unmapped]
        if undecided:
            _say(out, "Not recognised: " + ", ".join(undecided))
    if result.unmapped_columns:
        _say(
            out,
            "Left out (these columns hold data; keep it with --map COLUMN=FIELD, "
            "e.g. COLUMN=notes): " + ", ".join(result.unmapped_columns),
        )
    if result.merged_count:
        _say(
            out,
            f"Merged {result.merged_away + result.merged_count} records into "
            f"{result.merged_count} contacts (same e-mail address):",
        )
        for rec in result.merged[:SHOWN]:
            lines = ", ".join(str(n) for n in [rec.line, *rec.merged_lines])
            text = f"  {rec.name} (from line {lines}; shared {', '.join(rec.emails)})"
            for conflict in rec.conflicts:
                text += f"; kept {conflict.field} {conflict.kept!r}, dropped {conflict.dropped!r}"
            _say(out, text)
        _more(out, result.merged_count)
    if result.flagged_count:
        _say(out, f"Flagged {result.flagged_count} contacts (written anyway):")
        for flagged in result.flagged[:SHOWN]:
            issues = "; ".join(_issue_text(i) for i in flagged.issues)
            _say(out, f"  line {flagged.line} {flagged.name}: {issues}")
        _more(out, result.flagged_count)
    if result.emails_in_notes:
        _say(
            out,
            f"{result.emails_in_notes} contacts have more than {MAX_EMAIL_COLUMNS} e-mail "
            "addresses: the others are in their notes",
        )
    if result.neutralised_cells:
        lines = ", ".join(str(n) for n in result.neutralised_lines[:SHOWN])
        if len(result.neutralised_lines) > SHOWN:
            lines += ", ..."
        _say(
            out,
            f"Neutralised {result.neutralised_cells} cells that a spreadsheet would run as "
            f"formulas (a ' was put in front; contacts from line {lines})",
        )
    _say(out, f"Wrote {result.written} contacts to {result.output}")


def _issue_text(issue: Issue) -> str:
    template = _ISSUE_TEXT.get(issue.code)
    return template.format(**issue.params) if template else issue.code


def _more(out: TextIO, total: int) -> None:
    if total > SHOWN:
        _say(out, f"  ... and {total - SHOWN} more")


def _say(stream: TextIO, text: str) -> None:
    """Print even on a console whose code page cannot show every character."""
    try:
        print(text, file=stream)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mailmover.contacts.cli", description="Convert address books."
    )
    _add_commands(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
