"""What the import wizard shows before converting: format, encoding, mapping, first rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContactsError
from .mapping import ColumnMapping
from .model import Contact, Issue
from .source import UserMapping, open_source


@dataclass
class Preview:
    path: Path
    format: str
    encoding: str
    # Encodings that also decode the file, for a "wrong characters? pick another" list.
    candidates: list[str]
    delimiter: str
    mapping: ColumnMapping | None  # None for vCard: nothing to map
    unmapped: list[str]  # headers of columns nobody mapped yet
    contacts: list[Contact]
    flagged: int  # contacts among ``contacts`` with at least one issue
    issue_counts: dict[str, int]
    # Problems that stop a conversion until the user acts (e.g. contacts.no_email_column).
    problems: list[Issue] = field(default_factory=list)

    @property
    def can_convert(self) -> bool:
        return not self.problems


def preview(
    path: str | Path,
    encoding: str | None = None,
    mapping: UserMapping | None = None,
    rows: int = 10,
) -> Preview:
    """Read the start of ``path``. Raises ContactsError for files that cannot be read at
    all (empty, binary, unknown encoding: ``params["candidates"]`` lists the choices)."""
    source = open_source(path, encoding, mapping)
    problems: list[Issue] = []
    try:
        source.require_email_column()
    except ContactsError as exc:
        problems.append(Issue(exc.code, dict(exc.params)))
    contacts: list[Contact] = []
    if rows > 0:
        with source.contacts() as stream:
            for contact in stream:
                contacts.append(contact)
                if len(contacts) >= rows:
                    break
    counts = Counter(issue.code for c in contacts for issue in c.issues)
    return Preview(
        path=source.path,
        format=source.format,
        encoding=source.encoding(),
        candidates=source.candidates,
        delimiter=source.delimiter,
        mapping=source.mapping,
        unmapped=[c.header for c in source.mapping.unmapped] if source.mapping else [],
        contacts=contacts,
        flagged=sum(1 for c in contacts if c.issues),
        issue_counts=dict(counts),
        problems=problems,
    )
