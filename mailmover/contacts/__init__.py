"""Contacts: read exported address books (CSV, vCard), merge, write vCard 3.0 or CSV.

Plain Python, no Qt: the GUI calls ``preview`` and ``convert`` and translates the
``code`` of any ``ContactsError`` (and of each contact ``Issue``).
"""

from __future__ import annotations

from .convert import ConversionResult, FlaggedContact, convert
from .errors import ContactsError
from .mapping import Column, ColumnMapping
from .merge import Conflict, MergeRecord
from .model import FIELDS, Contact, Email, Issue, Phone
from .preview import Preview, preview

__all__ = [
    "FIELDS",
    "Column",
    "ColumnMapping",
    "Conflict",
    "Contact",
    "ContactsError",
    "ConversionResult",
    "Email",
    "FlaggedContact",
    "Issue",
    "MergeRecord",
    "Phone",
    "Preview",
    "convert",
    "preview",
]
