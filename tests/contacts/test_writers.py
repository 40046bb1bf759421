"""vCard 3.0 and CSV output: what vobject and csv read back, folding, atomicity."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
import vobject

from mailmover.contacts import Contact, ContactsError, Email, Phone
from mailmover.contacts.atomic import atomic_output
from mailmover.contacts.csv_writer import CsvWriter
from mailmover.contacts.model import validate
from mailmover.contacts.vcard_writer import LINE_OCTETS, VcardWriter, fold_line, serialize

from .conftest import read_all, semantic


def _contacts() -> list[Contact]:
    people = [
        Contact(
            family_name="张",
            given_name="三",
            emails=[Email("zs@tsinghua.edu.cn", "work"), Email("zs@163.com", "home")],
            phones=[Phone("13800138000", "cell"), Phone("010-62781234", "work")],
            organization="清华大学",
            department="计算机系; 软件所",
            title="教授",
            notes="第一行\n第二行, 逗号; 分号",
            groups=["同事", "课题组, 一组"],
        ),
        Contact(display_name="欧阳修" * 30, emails=[Email("ouyang@ruc.edu.cn")]),
        Contact(emails=[Email("nobody@example.com")]),
        Contact(display_name="赵敏", phones=[Phone("13700137000", "cell")]),
        Contact(
            given_name="Ada",
            family_name="Lovelace",
            prefix="Lady",
            emails=[Email("ada@example.ac.uk")],
            organization="",
            department="Maths",
        ),
        Contact(display_name="表情😀符号", emails=[Email("emoji@example.com")], notes="🎉" * 40),
    ]
    for person in people:
        validate(person)
    return people


def _write_vcf(path: Path, contacts: list[Contact]) -> bytes:
    with atomic_output(path) as fh:
        writer = VcardWriter(fh)
        for contact in contacts:
            writer.write(contact)
    return path.read_bytes()


def test_vcard_parses_back_with_vobject(tmp_path: Path) -> None:
    data = _write_vcf(tmp_path / "out.vcf", _contacts())
    cards = list(vobject.readComponents(data.decode("utf-8")))
    assert len(cards) == 6
    for card in cards:
        assert card.version.value == "3.0"
        assert card.contents.get("n") and card.fn.value  # N and FN always present
    zhang = cards[0]
    assert zhang.fn.value == "张三"
    assert (zhang.n.value.family, zhang.n.value.given) == ("张", "三")
    assert zhang.org.value == ["清华大学", "计算机系; 软件所"]
    assert zhang.categories.value == ["同事", "课题组, 一组"]
    assert [e.value for e in zhang.contents["email"]] == ["zs@tsinghua.edu.cn", "zs@163.com"]
    assert zhang.note.value == "第一行\n第二行, 逗号; 分号"
    assert cards[1].fn.value == "欧阳修" * 30
    assert cards[2].fn.value == "nobody@example.com"  # FN derived from the address
    assert cards[3].fn.value == "赵敏"
    assert cards[4].org.value == ["", "Maths"]
    assert cards[5].note.value == "🎉" * 40


def test_vcard_lines_are_crlf_and_folded_by_octets(tmp_path: Path) -> None:
    data = _write_vcf(tmp_path / "out.vcf", _contacts())
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n"):
        assert len(line) <= LINE_OCTETS
        line.decode("utf-8")  # a folded line never ends inside a character


def test_fold_line_never_splits_a_character() -> None:
    for prefix in ("", "x", "xy"):
        line = "NOTE:" + prefix + "中😀é" * 50
        folded = fold_line(line)
        pieces = folded.split(b"\r\n")
        assert pieces[-1] == b""
        for piece in pieces[:-1]:
            assert len(piece) <= LINE_OCTETS
            piece.decode("utf-8")
        unfolded = folded[:-2].replace(b"\r\n ", b"").decode("utf-8")
        assert unfolded == line


def test_vobject_alone_would_leave_long_lines(tmp_path: Path) -> None:
    """Why vcard_writer refolds: vobject counts characters for short lines."""
    card = vobject.vCard()
    card.add("fn").value = "张" * 60
    longest = max(len(line.encode()) for line in card.serialize().split("\r\n"))
    assert longest > LINE_OCTETS
    contact = Contact(display_name="张" * 60, emails=[Email("z@example.com")])
    assert max(len(line) for line in serialize(contact).split(b"\r\n")) <= LINE_OCTETS


def test_vcard_round_trip_through_our_reader(tmp_path: Path) -> None:
    contacts = _contacts()
    _write_vcf(tmp_path / "out.vcf", contacts)
    back = read_all(tmp_path / "out.vcf")
    assert [semantic(c) for c in back] == [semantic(c) for c in contacts]


def _write_csv(path: Path, contacts: list[Contact], **kwargs: object) -> None:
    with atomic_output(path) as fh:
        writer = CsvWriter(fh, email_columns=2, **kwargs)  # type: ignore[arg-type]
        for contact in contacts:
            writer.write(contact)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_csv_parses_back_with_csv_module(tmp_path: Path, language: str) -> None:
    contacts = [c for c in _contacts() if "😀" not in c.formatted_name()]
    path = tmp_path / "out.csv"
    _write_csv(path, contacts, language=language)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(contacts)
    name, email, email2, notes, groups = (
        ("姓名", "电子邮件地址", "电子邮件地址2", "备注", "分组")
        if language == "zh"
        else ("Name", "E-mail Address", "E-mail 2 Address", "Notes", "Categories")
    )
    assert rows[0][name] == "张三"
    assert (rows[0][email], rows[0][email2]) == ("zs@tsinghua.edu.cn", "zs@163.com")
    assert rows[0][notes] == "第一行\n第二行, 逗号; 分号"
    assert rows[0][groups] == "同事;课题组, 一组"
    assert rows[2][name] == ""  # no name: the importer shows the address
    back = read_all(path)
    # Group names containing a separator are the one thing a CSV cannot keep apart.
    expected = [semantic(c, kinds=False) for c in contacts]
    expected[0]["groups"] = ["同事", "课题组", "一组"]
    assert [semantic(c, kinds=False) for c in back] == expected


def test_csv_gbk(tmp_path: Path) -> None:
    contacts = [c for c in _contacts() if "😀" not in c.formatted_name()]
    path = tmp_path / "out.csv"
    _write_csv(path, contacts, encoding="gbk")
    data = path.read_bytes()
    assert not data.startswith(codecs.BOM_UTF8)
    assert data.decode("gbk").startswith("姓名,")
    assert read_all(path)[0].formatted_name() == "张三"


def test_csv_gbk_unencodable_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with pytest.raises(ContactsError) as info:
        _write_csv(path, _contacts(), encoding="gbk")
    assert info.value.code == "contacts.unencodable"
    assert info.value.params["char"] == "😀"
    assert info.value.params["codepoint"] == "U+1F600"
    assert info.value.params["field"] == "姓名"
    assert info.value.params["contact"] == "表情😀符号"
    assert "utf-8" in str(info.value).lower()
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_keeps_the_old_file_on_error(tmp_path: Path) -> None:
    path = tmp_path / "out.vcf"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(path) as fh:
        fh.write(b"half")
        raise RuntimeError("boom")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.vcf"]


def test_atomic_output_into_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ContactsError) as info, atomic_output(tmp_path / "no" / "out.vcf"):
        pass
    assert info.value.code == "contacts.write_failed"


def test_unsupported_csv_encoding() -> None:
    with pytest.raises(ContactsError) as info:
        CsvWriter(io.BytesIO(), encoding="latin-1")
    assert info.value.code == "contacts.unsupported_csv_encoding"
