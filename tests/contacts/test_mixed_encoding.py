"""A file whose lines are in different encodings is caught, not read garbled."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mailmover.contacts import ContactsError, convert, preview

from .conftest import FIXTURES, read_all
from .test_cli import _run


@pytest.mark.parametrize(
    ("name", "utf8_lines", "other_lines"),
    [
        # GBK export with one row pasted from a UTF-8 file: GB18030 reads it without
        # error, as 璧靛叚 instead of 赵六.
        ("mixed_gbk_utf8.csv", [4], [1, 2, 3, 5]),
        # UTF-8 file with one GBK row: neither encoding reads the whole file.
        ("mixed_utf8_gbk.csv", [1, 2, 4], [3]),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_mixed_file_is_an_error_naming_the_lines(
    tmp_path: Path, name: str, utf8_lines: list[int], other_lines: list[int], suffix: str
) -> None:
    with pytest.raises(ContactsError) as info:
        convert(FIXTURES / name, tmp_path / f"out{suffix}")
    error = info.value
    assert error.code == "contacts.mixed_encoding"
    assert error.params["utf8_lines"] == utf8_lines
    assert error.params["other_lines"] == other_lines
    assert error.params["candidates"] == ["gb18030", "utf-8"]
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a temp file
    text = str(error)
    assert f"lines {', '.join(map(str, utf8_lines))})" in text
    assert "--encoding" in text


def test_preview_reports_it_too() -> None:
    with pytest.raises(ContactsError) as info:
        preview(FIXTURES / "mixed_gbk_utf8.csv")
    assert info.value.code == "contacts.mixed_encoding"


def test_the_user_can_choose_the_encoding() -> None:
    contacts = read_all(FIXTURES / "mixed_gbk_utf8.csv", encoding="gb18030")
    names = [c.name() for c in contacts]
    assert names == ["张三", "李四", "璧靛叚", "王五"]  # what the user chose to accept


def test_cli_exits_3_and_asks(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    code, stdout, err = _run("convert", str(FIXTURES / "mixed_gbk_utf8.csv"), "-o", str(out))
    assert code == 3
    assert stdout == ""
    assert "[contacts.mixed_encoding]" in err
    assert "UTF-8 (lines 4)" in err
    assert "--encoding gb18030" in err
    assert not out.exists()


def _gbk(pair: bytes) -> bool:
    try:
        pair.decode("gbk")
    except UnicodeDecodeError:
        return False  # the unassigned end of row 0xD7
    return True


def test_large_gbk_file_is_not_mistaken_for_mixed(tmp_path: Path) -> None:
    """Random names and units from GB2312's common characters, 5,000 rows: no line may
    look like UTF-8 (a false alarm would block a good file)."""
    rng = random.Random(16)
    pairs = (bytes([hi, lo]) for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF))
    common = [p.decode("gbk") for p in pairs if _gbk(p)]
    lines = ["姓名,电子邮件,单位,备注"]
    for i in range(5000):
        name = "".join(rng.choice(common) for _ in range(rng.randint(1, 3)))
        unit = "".join(rng.choice(common) for _ in range(rng.randint(0, 6)))
        lines.append(f"{name},u{i}@example.edu.cn,{unit},")
    path = tmp_path / "big_gbk.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    result = convert(path, tmp_path / "out.csv")
    assert result.encoding == "gb18030"
    assert result.written == 5000


def test_bytes_no_encoding_reads_are_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"\xff\xfe\xfd,\x81\x30\r\nabc\xc0\xc1\x80,x@y.cn\r\n")
    with pytest.raises(ContactsError) as info:
        convert(path, tmp_path / "out.csv")
    assert info.value.code == "contacts.undecodable"  # not "pick one of: (nothing)"
    assert "Export the address book again" in str(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["c.csv"]


def test_utf8_file_with_a_latin1_byte_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    data = "姓名,电子邮件\r\n张三,zs@example.com\r\n".encode() + b"Jos\xe9,jose@example.com\r\n"
    path.write_bytes(data)
    with pytest.raises(ContactsError) as info:
        convert(path, tmp_path / "out.csv")
    assert info.value.code == "contacts.mixed_encoding"
    assert info.value.params["other_lines"] == [3]


def test_vcard_lines_are_decoded_one_by_one(tmp_path: Path) -> None:
    """vCards carry a CHARSET per line, so the reader decodes line by line: a GBK card
    next to a UTF-8 one is read right, not refused."""
    path = tmp_path / "mixed.vcf"
    gbk = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nEMAIL:zs@a.cn\r\nEND:VCARD\r\n"
    utf8 = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵六\r\nORG:浙江大学\r\nEMAIL:zl@a.cn\r\nEND:VCARD\r\n"
    path.write_bytes(gbk.encode("gbk") + utf8.encode("utf-8"))
    contacts = read_all(path)
    assert [(c.name(), c.organization) for c in contacts] == [("张三", ""), ("赵六", "浙江大学")]
