"""preview(): what the import wizard shows before converting."""

from __future__ import annotations

from pathlib import Path

from mailmover.contacts import preview
from mailmover.contacts.errors import ContactsError


def test_preview_limits_rows_and_counts_flags(fixtures: Path) -> None:
    p = preview(fixtures / "coremail_gbk.csv", rows=2)
    assert [c.formatted_name() for c in p.contacts] == ["张三", "李四"]
    assert p.flagged == 1
    assert p.issue_counts == {"contact.invalid_email": 1}
    assert p.format == "coremail_csv"
    assert p.encoding == "gb18030"
    assert "gb18030" in p.candidates
    assert p.unmapped == []  # 生日 is a labelled notes line
    assert p.mapping is not None and p.mapping.as_dict()["电子邮件"] == "email"
    assert p.can_convert


def test_preview_zero_rows_still_gives_mapping(fixtures: Path) -> None:
    p = preview(fixtures / "outlook_en.csv", rows=0)
    assert p.contacts == []
    assert p.mapping is not None
    assert p.unmapped == []
    assert p.mapping.find("Business Street").note_label == "Business Address"


def test_preview_of_a_file_changes_with_the_chosen_encoding(fixtures: Path) -> None:
    # The wizard offers p.candidates; picking a wrong one gives visible nonsense or an error.
    try:
        p = preview(fixtures / "coremail_gbk.csv", encoding="big5")
    except ContactsError as exc:
        assert exc.code in ("contacts.bad_encoding", "contacts.malformed_csv")
    else:
        assert "张三" not in [c.formatted_name() for c in p.contacts]


def test_error_codes_have_english_defaults() -> None:
    exc = ContactsError("contacts.unknown_encoding", path="a.csv", candidates=["gb18030", "big5"])
    assert str(exc) == "Could not tell the text encoding of a.csv. Pick one of: gb18030, big5."
    assert exc.params["candidates"] == ["gb18030", "big5"]
    assert "contacts.nope" in str(ContactsError("contacts.nope", x=1))
