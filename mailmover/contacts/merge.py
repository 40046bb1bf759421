"""Merging contacts that share an e-mail address (case-insensitive).

Two passes keep memory bounded: the first pass only builds an index from address to
record number (union-find, so A~B and B~C merge all three); the second pass holds back
only the records of groups with more than one member until the group is complete.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from .model import SCALAR_FIELDS, Contact, add_email, add_group, add_phone, validate

_SCALARS = SCALAR_FIELDS


@dataclass(slots=True)
class Conflict:
    field: str
    kept: str
    dropped: str


@dataclass(slots=True)
class MergeRecord:
    """One merged contact: which records went into it and what could not be kept."""

    name: str
    line: int
    merged_lines: list[int] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


class EmailIndex:
    """Union-find over record numbers, keyed by lower-cased address."""

    def __init__(self) -> None:
        self._by_email: dict[str, int] = {}
        self._parent = array("l")

    def add(self, keys: list[str]) -> int:
        record = len(self._parent)
        self._parent.append(record)
        for key in keys:
            other = self._by_email.setdefault(key, record)
            if other != record:
                self._union(other, record)
        return record

    def find(self, record: int) -> int:
        parent = self._parent
        root = record
        while parent[root] != root:
            root = parent[root]
        while parent[record] != root:  # path compression
            parent[record], record = root, parent[record]
        return root

    def _union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The earlier record stays the root, so the first occurrence wins conflicts.
            lo, hi = min(ra, rb), max(ra, rb)
            self._parent[hi] = lo

    def group_sizes(self) -> array[int]:
        sizes = array("l", bytes(len(self._parent) * array("l").itemsize))
        for record in range(len(self._parent)):
            sizes[self.find(record)] += 1
        return sizes

    def emails_per_group(self) -> int:
        """The largest number of distinct addresses any merged contact will have."""
        counts: dict[int, int] = {}
        for record in self._by_email.values():
            root = self.find(record)
            counts[root] = counts.get(root, 0) + 1
        return max(counts.values(), default=0)

    def __len__(self) -> int:
        return len(self._parent)


def merge_group(contacts: list[Contact]) -> tuple[Contact, MergeRecord]:
    """Merge contacts (first one wins conflicts); returns the result and what happened."""
    base = contacts[0]
    before = {e.address.casefold() for e in base.emails}
    record = MergeRecord(name="", line=base.line)
    shared: list[str] = []
    shared_seen: set[str] = set()  # a set, not the list: linear for huge cards
    for other in contacts[1:]:
        record.merged_lines.append(other.line)
        for email in other.emails:
            key = email.address.casefold()
            if key in before and email.address not in shared_seen:
                shared.append(email.address)
                shared_seen.add(email.address)
            add_email(base, email.address, email.kind)
            before.add(key)
        for phone in other.phones:
            add_phone(base, phone.number, phone.kind)
        for group in other.groups:
            add_group(base, group)
        for name in _SCALARS:
            mine, theirs = getattr(base, name), getattr(other, name)
            if not mine:
                setattr(base, name, theirs)
            elif theirs and theirs != mine:
                record.conflicts.append(Conflict(name, mine, theirs))
        if other.notes and other.notes not in base.notes:
            base.notes = f"{base.notes}\n{other.notes}" if base.notes else other.notes
    record.name = base.formatted_name()
    record.emails = shared
    validate(base)
    return base, record
