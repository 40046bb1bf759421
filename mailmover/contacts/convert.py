"""Converting an address book into a vCard or CSV file Exmail can import."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_output
from .csv_writer import CsvWriter, csv_codec
from .errors import ContactsError
from .mapping import ColumnMapping
from .merge import EmailIndex, MergeRecord, merge_group
from .model import Contact, Issue
from .source import UserMapping, open_source
from .vcard_writer import VcardWriter

# Details kept for the report; counts are always complete.
MAX_DETAILS = 1000


@dataclass(slots=True)
class FlaggedContact:
    name: str
    line: int
    issues: list[Issue]


@dataclass
class ConversionResult:
    input: Path
    output: Path
    format: str
    encoding: str
    read: int = 0  # contacts read (empty rows not counted)
    skipped_empty: int = 0
    written: int = 0
    merged: list[MergeRecord] = field(default_factory=list)  # first MAX_DETAILS
    merged_count: int = 0  # merged contacts written
    merged_away: int = 0  # records folded into another one
    flagged: list[FlaggedContact] = field(default_factory=list)  # first MAX_DETAILS
    flagged_count: int = 0
    issue_counts: dict[str, int] = field(default_factory=dict)
    # Columns that held data but were mapped to nothing: that data is not in the output.
    unmapped_columns: list[str] = field(default_factory=list)
    mapping: ColumnMapping | None = None
    # CSV output only: cells a spreadsheet would have run as formulas, written with a '
    # in front (injection.py), and the input lines of their contacts (first MAX_DETAILS).
    neutralised_cells: int = 0
    neutralised_lines: list[int] = field(default_factory=list)
    # CSV output only: contacts with more addresses than e-mail columns; the rest are in
    # their notes (csv_writer.MAX_EMAIL_COLUMNS).
    emails_in_notes: int = 0

    @property
    def clean(self) -> bool:
        return not self.flagged_count and not self.unmapped_columns


def output_kind(output: Path) -> str:
    suffix = output.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".csv":
        return "csv"
    raise ContactsError("contacts.unsupported_output", path=str(output))


def convert(
    path: str | Path,
    output: str | Path,
    *,
    encoding: str | None = None,
    mapping: UserMapping | None = None,
    csv_encoding: str = "utf-8-sig",
    csv_language: str = "zh",
) -> ConversionResult:
    """Read ``path``, merge duplicates, write ``output`` (.vcf or .csv) atomically.

    Two passes over the input keep memory bounded: the first indexes e-mail addresses,
    the second writes (see merge.py).
    """
    output = Path(output)
    kind = output_kind(output)
    if kind == "csv":
        csv_codec(csv_encoding)  # fail before reading the whole input
    source = open_source(path, encoding, mapping)
    source.require_email_column()

    index = EmailIndex()
    with source.contacts() as stream:
        for contact in stream:
            index.add(contact.email_keys())
    if not len(index):
        raise ContactsError("contacts.no_contacts", path=str(source.path))
    result = ConversionResult(
        input=source.path,
        output=output,
        format=source.format,
        encoding=source.encoding(),
        read=len(index),
        skipped_empty=source.empty_rows,
        unmapped_columns=source.unmapped_with_data(),
        mapping=source.mapping,
    )
    sizes = index.group_sizes()
    remaining = index.group_sizes()  # counts down as members of a group arrive
    counts: Counter[str] = Counter()
    pending: dict[int, list[Contact]] = {}

    with atomic_output(output) as fh:
        writer: CsvWriter | VcardWriter
        if kind == "csv":
            writer = CsvWriter(
                fh,
                encoding=csv_encoding,
                language=csv_language,
                email_columns=index.emails_per_group(),
            )
        else:
            writer = VcardWriter(fh)
        record = -1
        with source.contacts() as stream:
            for record, contact in enumerate(stream):
                if record >= len(index):
                    break
                root = index.find(record)
                if sizes[root] == 1:
                    _write(writer, contact, result, counts)
                    continue
                pending.setdefault(root, []).append(contact)
                remaining[root] -= 1
                if remaining[root] == 0:
                    merged, info = merge_group(pending.pop(root))
                    result.merged_count += 1
                    result.merged_away += len(info.merged_lines)
                    if len(result.merged) < MAX_DETAILS:
                        result.merged.append(info)
                    _write(writer, merged, result, counts)
        if record + 1 != len(index) or pending:
            raise ContactsError("contacts.changed_while_reading", path=str(source.path))
        if isinstance(writer, CsvWriter):
            result.neutralised_cells = writer.neutralised
            result.neutralised_lines = writer.neutralised_lines[:MAX_DETAILS]
            result.emails_in_notes = writer.emails_in_notes
    result.issue_counts = dict(counts)
    return result


def _write(
    writer: CsvWriter | VcardWriter,
    contact: Contact,
    result: ConversionResult,
    counts: Counter[str],
) -> None:
    writer.write(contact)
    result.written += 1
    if contact.issues:
        result.flagged_count += 1
        counts.update(issue.code for issue in contact.issues)
        if len(result.flagged) < MAX_DETAILS:
            result.flagged.append(
                FlaggedContact(contact.formatted_name(), contact.line, list(contact.issues))
            )
