"""Errors raised by the contacts package.

Every error carries a stable ``code`` and a ``params`` dict so the GUI can translate it;
``str(exc)`` gives an English default for logs and the command line.
"""

from __future__ import annotations

from typing import Any

# English defaults, one per code. The GUI keeps its own translations keyed by code.
MESSAGES: dict[str, str] = {
    "contacts.file_not_found": "File not found: {path}",
    "contacts.read_failed": "Could not read {path}: {reason}",
    "contacts.empty_file": "The file {path} is empty.",
    "contacts.binary_file": (
        "{path} is not a text file ({kind}). Export the address book as CSV or vCard."
    ),
    "contacts.unknown_encoding": (
        "Could not tell the text encoding of {path}. Pick one of: {candidates_text}."
    ),
    "contacts.bad_encoding": "{path} cannot be decoded as {encoding} (near line {line}).",
    "contacts.undecodable": (
        "{path} is not text in any encoding mailmover knows (UTF-8, GBK/GB18030, Big5, "
        "UTF-16). Export the address book again as CSV or vCard and choose that file."
    ),
    "contacts.mixed_encoding": (
        "{path} mixes two text encodings: {utf8_count} line(s) are UTF-8 (lines "
        "{utf8_lines_text}) and {other_count} are in another one, most likely GBK/GB18030 "
        "(lines {other_lines_text}). "
        "Read in one encoding, the other lines would come out garbled (赵六 as 璧靛叚), so "
        "nothing was written. Export the address book again or save it in one encoding, or "
        "choose one with --encoding gb18030 or --encoding utf-8: lines in the other "
        "encoding are then garbled or reported."
    ),
    "contacts.no_email_column": (
        "No column with e-mail addresses was recognised in {path}. "
        "Columns: {columns_text}. Map one with COLUMN=email."
    ),
    "contacts.no_contacts": "{path} holds no contacts.",
    "contacts.malformed_csv": "{path} is not a valid CSV file near line {line}: {reason}",
    "contacts.truncated_vcard": (
        "{path} ends inside a vCard that starts at line {line} (END:VCARD missing)."
    ),
    "contacts.malformed_vcard": "{path} is not a valid vCard file near line {line}: {reason}",
    "contacts.unknown_column": "There is no column {column!r}. Columns: {columns_text}.",
    "contacts.changed_while_reading": "{path} changed while it was being converted; try again.",
    "contacts.unknown_field": "Unknown contact field {field!r}. Known fields: {fields_text}.",
    "contacts.bad_mapping": "Cannot understand the mapping {spec!r}; write COLUMN=FIELD.",
    "contacts.unsupported_output": "Cannot write {path}: the name must end in .vcf or .csv.",
    "contacts.unsupported_csv_encoding": (
        "Unsupported CSV encoding {encoding!r}; use utf-8-sig or gbk."
    ),
    "contacts.unencodable": (
        "The character {char!r} ({codepoint}) in {field} of contact {contact!r} cannot be "
        "written in {encoding}. Write the CSV as UTF-8 (utf-8-sig) instead."
    ),
    "contacts.write_failed": "Could not write {path}: {reason}",
}


class ContactsError(Exception):
    """An error with a stable code and parameters, translated by the GUI."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params: dict[str, Any] = params
        super().__init__(code)

    def __str__(self) -> str:
        template = MESSAGES.get(self.code)
        if template is None:
            return f"{self.code} {self.params}"
        values = dict(self.params)
        # Lists are shown joined; the raw list stays in params for the GUI.
        for key, value in self.params.items():
            if isinstance(value, (list, tuple)):
                values[f"{key}_text"] = ", ".join(str(v) for v in value)
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {self.params}"

    def __repr__(self) -> str:
        return f"ContactsError({self.code!r}, {self.params!r})"
