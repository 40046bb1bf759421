"""Opening an address-book file: format, encoding, CSV layout and column mapping."""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .csv_reader import CsvReader, header_makes_sense, sniff_layout
from .encoding import (
    Head,
    bom_encoding,
    check_is_text,
    choose_encoding,
    read_head,
    utf16_without_bom,
)
from .errors import ContactsError
from .headers import detect_csv_format
from .mapping import ColumnMapping
from .model import Contact
from .vcard_reader import VcardReader

UserMapping = ColumnMapping | Mapping[str | int, str | None]


@dataclass
class Source:
    path: Path
    kind: str  # "vcard" or "csv"
    csv_format: str  # "coremail_csv", "outlook_csv", "google_csv", ... or "csv"
    file_encoding: str
    candidates: list[str] = field(default_factory=list)
    delimiter: str = ""
    mapping: ColumnMapping | None = None  # None for vCard files
    csv: CsvReader | None = None
    vcard: VcardReader | None = None

    @property
    def format(self) -> str:
        """The vCard version ("vcard_3.0", known once a card was read) or CSV flavour."""
        if self.vcard is not None:
            versions = self.vcard.versions
            return f"vcard_{versions[0]}" if versions else "vcard"
        return self.csv_format

    def encoding(self) -> str:
        """For vCards this reflects the lines read so far (CHARSET may vary per line)."""
        return self.vcard.detected_encoding if self.vcard is not None else self.file_encoding

    @contextlib.contextmanager
    def contacts(self) -> Iterator[Iterator[Contact]]:
        """The contacts in file order; the file is closed when the block ends."""
        reader = self.csv or self.vcard
        assert reader is not None  # open_source sets one of them
        gen = reader.contacts()
        try:
            yield gen
        finally:
            gen.close()

    @property
    def rows_read(self) -> int:
        reader = self.csv or self.vcard
        return reader.rows_read if reader else 0

    @property
    def empty_rows(self) -> int:
        reader = self.csv or self.vcard
        return reader.empty_rows if reader else 0

    def unmapped_with_data(self) -> list[str]:
        return self.csv.unmapped_headers() if self.csv else []

    def require_email_column(self) -> None:
        if self.mapping is not None and not self.mapping.has_email:
            raise ContactsError(
                "contacts.no_email_column",
                path=str(self.path),
                columns=self.mapping.headers,
                unmapped=[c.header for c in self.mapping.unmapped],
            )


def open_source(
    path: str | Path, encoding: str | None = None, mapping: UserMapping | None = None
) -> Source:
    path = Path(path)
    head = read_head(path)
    check_is_text(head)
    if _looks_like_vcard(head):
        forced = encoding or _wide_encoding(head)
        if forced:
            _check_encoding_name(forced, path)
        vcard = VcardReader(path, forced)
        return Source(path, "vcard", "", forced or "utf-8", [], "", None, vcard=vcard)
    choice = choose_encoding(head, header_makes_sense, encoding)
    text = codecs.getincrementaldecoder(choice.encoding)("replace").decode(head.data)
    layout = sniff_layout(text)
    reader = CsvReader.open(path, choice.encoding, layout)
    if mapping is not None:
        _apply_mapping(reader.mapping, mapping)
    return Source(
        path,
        "csv",
        detect_csv_format(reader.mapping.headers),
        choice.encoding,
        choice.candidates,
        layout.delimiter,
        reader.mapping,
        csv=reader,
    )


def _apply_mapping(auto: ColumnMapping, given: UserMapping) -> None:
    if isinstance(given, ColumnMapping):
        if given.headers == auto.headers:
            auto.columns = given.columns
            return
        # Another encoding or file: carry over only what the user chose, by header.
        given = {c.header: c.field for c in given.columns if not c.auto}
    auto.apply(given)


def _looks_like_vcard(head: Head) -> bool:
    encoding = bom_encoding(head.data) or utf16_without_bom(head.data) or "utf-8"
    text = codecs.getincrementaldecoder(encoding)("replace").decode(head.data[:4096])
    return text.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCARD")


def _wide_encoding(head: Head) -> str | None:
    """UTF-16/32 vCards must be decoded as a whole before lines can be split."""
    bom = bom_encoding(head.data)
    if bom in ("utf-16", "utf-32"):
        return bom
    return utf16_without_bom(head.data)


def _check_encoding_name(name: str, path: Path) -> None:
    try:
        codecs.lookup(name)
    except LookupError:
        raise ContactsError(
            "contacts.unknown_encoding", path=str(path), candidates=[name]
        ) from None
