"""Encoding detection: BOM, strict UTF-8, GB18030 with a sanity check, else ask."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from mailmover.contacts import ContactsError, preview
from mailmover.contacts.encoding import HEAD_SIZE

from .conftest import read_all

ROWS = "姓名,电子邮件,备注\r\n张三,zhangsan@tsinghua.edu.cn,清华\r\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ROWS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ROWS.encode("utf-8"), "utf-8-sig"),
        (ROWS.encode("gbk"), "gb18030"),
        (ROWS.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + ROWS.encode("utf-16-be"), "utf-16"),
        (ROWS.encode("utf-16-le"), "utf-16-le"),  # BOM dropped by some tool
    ],
)
def test_detects_encoding(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(data)
    p = preview(path)
    assert p.encoding == expected
    assert p.mapping.headers == ["姓名", "电子邮件", "备注"]  # no BOM glued to the header
    assert p.contacts[0].formatted_name() == "张三"
    assert p.contacts[0].notes == "清华"


def test_gbk_text_after_the_sniffed_head_is_still_detected(tmp_path: Path) -> None:
    # The first 64 KiB are pure ASCII (valid UTF-8); GBK appears only later.
    filler = "".join(f"user{i},u{i}@example.com\r\n" for i in range(HEAD_SIZE // 20))
    path = tmp_path / "late.csv"
    path.write_bytes(("name,email\r\n" + filler + "张三,zs@example.com\r\n").encode("gbk"))
    contacts = read_all(path)
    assert contacts[-1].formatted_name() == "张三"


def test_unrecognisable_encoding_lists_candidates(fixtures: Path) -> None:
    with pytest.raises(ContactsError) as info:
        preview(fixtures / "big5.csv")
    assert info.value.code == "contacts.unknown_encoding"
    assert "big5" in info.value.params["candidates"]
    assert "big5" in str(info.value)


def test_forced_encoding_reads_what_detection_refused(fixtures: Path) -> None:
    p = preview(fixtures / "big5.csv", encoding="big5")
    assert p.encoding == "big5"
    assert p.contacts[0].formatted_name() == "陳大文"  # Traditional headers are known too
    assert p.contacts[0].emails[0].address == "chan@example.hk"
    assert p.unmapped == []


def test_forcing_a_wrong_encoding_says_where(fixtures: Path) -> None:
    with pytest.raises(ContactsError) as info:
        preview(fixtures / "coremail_gbk.csv", encoding="utf-8")
    assert info.value.code == "contacts.bad_encoding"
    assert info.value.params["line"] == 1


def test_unknown_encoding_name(fixtures: Path) -> None:
    with pytest.raises(ContactsError) as info:
        preview(fixtures / "coremail_gbk.csv", encoding="no-such-codec")
    assert info.value.code == "contacts.unknown_encoding"


def test_gb18030_needs_a_recognised_header(tmp_path: Path) -> None:
    # Latin-1 bytes decode as GB18030 too, but to nonsense headers: ask the user.
    path = tmp_path / "latin1.csv"
    path.write_bytes("Prénom,Adresse électronique\nRené,rene@example.fr\n".encode("latin-1"))
    with pytest.raises(ContactsError) as info:
        preview(path)
    assert info.value.code == "contacts.unknown_encoding"
    assert "cp1252" in info.value.params["candidates"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.csv", b"", "contacts.empty_file"),
        ("blank.csv", b"\r\n  \r\n", "contacts.empty_file"),
        ("bom.csv", codecs.BOM_UTF8, "contacts.empty_file"),
        ("bom16.csv", codecs.BOM_UTF16_LE, "contacts.empty_file"),
        ("zip.csv", b"PK\x03\x04rest", "contacts.binary_file"),
        ("nul.csv", b"name,email\x00\x01\x02" * 50, "contacts.binary_file"),
    ],
)
def test_not_text(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ContactsError) as info:
        preview(path)
    assert info.value.code == code
    assert info.value.params["path"] == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ContactsError) as info:
        preview(tmp_path / "nope.csv")
    assert info.value.code == "contacts.file_not_found"
