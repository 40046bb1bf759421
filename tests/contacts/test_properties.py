"""Property tests: whatever contact we write, our readers read the same contact back."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import vobject
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mailmover.contacts.atomic import atomic_output
from mailmover.contacts.csv_writer import CsvWriter
from mailmover.contacts.model import Contact, add_email, add_group, add_phone, validate
from mailmover.contacts.vcard_writer import LINE_OCTETS, VcardWriter

from .conftest import read_all, semantic

SETTINGS = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Printable text from Latin, CJK (BMP and beyond) and emoji; the readers drop control
# characters and trim, so the strategies do too.
_alphabet = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F, blacklist_categories=("Cc",)),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.sampled_from("😀🎉，。；：“”、\\\"'"),
)
text = st.text(_alphabet, max_size=40).map(str.strip)
multiline = st.lists(text, max_size=3).map(lambda parts: "\n".join(parts).strip())
phone = st.from_regex(r"\+?[0-9][0-9 ()-]{2,18}[0-9]", fullmatch=True)
# Group names a CSV can keep apart (no list separators, not Google's system labels).
group = text.filter(
    lambda g: (
        g
        and not any(sep in g for sep in ";,，；|")
        and ":::" not in g
        and not g.startswith("* ")
        and g.casefold() not in ("mycontacts", "my contacts", "starred")
    )
)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    contact = Contact(
        display_name=draw(text),
        family_name=draw(text),
        given_name=draw(text),
        middle_name=draw(text),
        nickname=draw(text),
        organization=draw(text),
        department=draw(text),
        title=draw(text),
        notes=draw(multiline),
    )
    for address in draw(st.lists(st.emails(), min_size=1, max_size=3)):
        add_email(contact, address, draw(st.sampled_from(["", "work", "home"])))
    for number in draw(st.lists(phone, max_size=3)):
        add_phone(contact, number, draw(st.sampled_from(["", "cell", "work", "home", "fax"])))
    for name in draw(st.lists(group, max_size=3)):
        add_group(contact, name)
    # A given name alone (display name empty or equal) reads back as the display name only:
    # that is how our writer carries a display name in N. The vCard written from either is
    # the same, so nothing is lost, but the fields differ.
    assume(
        not (
            contact.given_name
            and not (contact.family_name or contact.middle_name)
            and contact.display_name in ("", contact.given_name)
        )
    )
    validate(contact)
    return contact


@SETTINGS
@given(st.lists(contacts(), min_size=1, max_size=4))
def test_vcard_round_trip(people: list[Contact]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.vcf"
        with atomic_output(path) as fh:
            writer = VcardWriter(fh)
            for person in people:
                writer.write(person)
        data = path.read_bytes()
        for line in data.split(b"\r\n"):
            assert len(line) <= LINE_OCTETS
            line.decode("utf-8")
        cards = list(vobject.readComponents(data.decode("utf-8")))
        assert [c.fn.value for c in cards] == [p.formatted_name() for p in people]
        assert [[e.value for e in c.contents.get("email", [])] for c in cards] == [
            [e.address for e in p.emails] for p in people
        ]
        back = read_all(path)
    assert [semantic(c) for c in back] == [semantic(p) for p in people]


@SETTINGS
@given(
    st.lists(contacts(), min_size=1, max_size=4),
    st.sampled_from(["zh", "en"]),
)
def test_csv_round_trip(people: list[Contact], language: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.csv"
        with atomic_output(path) as fh:
            writer = CsvWriter(
                fh, language=language, email_columns=max(len(p.emails) for p in people)
            )
            for person in people:
                writer.write(person)
        import csv

        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
        assert len(rows) == len(people) + 1
        back = read_all(path)
    assert [semantic(c, kinds=False) for c in back] == [semantic(p, kinds=False) for p in people]
