"""Reading vCard 2.1, 3.0 and 4.0."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailmover.contacts import ContactsError, preview

from .conftest import by_name, read_all


def test_vcard21_quoted_printable_charsets(fixtures: Path) -> None:
    zhang, li, wang = read_all(fixtures / "vcard21_qp.vcf")
    assert (zhang.family_name, zhang.given_name, zhang.display_name) == ("张", "三", "张三")
    assert (zhang.organization, zhang.department) == ("清华大学", "计算机系")
    # =0D=0A inside the value and a soft line break ("=" at the end of a line).
    assert zhang.notes == "第一行\n第二行，很长的备注，用于测试软换行"
    assert [(e.address, e.kind) for e in zhang.emails] == [
        ("zhangsan@tsinghua.edu.cn", ""),
        ("zs@163.com", "home"),
    ]
    assert [(p.number, p.kind) for p in zhang.phones] == [
        ("13800138000", "cell"),
        ("010-62781234", "work"),
    ]
    assert li.formatted_name() == "李四"  # CHARSET=GBK, quoted-printable
    assert li.title == "副教授"  # CHARSET=GBK, raw bytes
    assert wang.formatted_name() == "王五"  # raw GBK without CHARSET: GB18030 fallback
    assert wang.phones[0].kind == "home"


def test_vcard21_reports_its_version_and_fallback_encoding(fixtures: Path) -> None:
    p = preview(fixtures / "vcard21_qp.vcf")
    assert p.format == "vcard_2.1"
    assert p.encoding == "gb18030"
    assert p.mapping is None


def test_vcard30(fixtures: Path) -> None:
    people = by_name(read_all(fixtures / "vcard30.vcf"))
    ouyang = people["欧阳修"]
    assert ouyang.groups == ["同事", "唐宋八大家, 诗人"]
    assert ouyang.notes == (
        "醉翁亭记, 作者\n第二行，一个很长很长很长很长很长很长很长很长的备注，用于测试折行"
    )
    assert [(e.address, e.kind) for e in ouyang.emails] == [
        ("ouyang@ruc.edu.cn", "work"),
        ("ouyang.xiu@gmail.com", ""),
    ]
    bell = people["Alexander Graham Bell"]  # Apple's "item1." group prefix
    assert bell.emails[0].address == "agbell@example.org"
    assert bell.middle_name == "Graham"
    # The third card's FN is just its address: read back as "no name".
    assert people["OUYANG@RUC.EDU.CN"].display_name == ""


def test_vcard40(fixtures: Path) -> None:
    ada, huang = read_all(fixtures / "vcard40.vcf")
    assert ada.phones[0].number == "+44-20-7946-0958"  # tel: URI
    assert ada.phones[0].kind == "cell"
    assert ada.emails[0].kind == "work"
    assert ada.notes == "Analytical engine; notes"
    assert huang.formatted_name() == "黄蓉"
    assert huang.groups == ["桃花岛"]


def test_truncated_vcard(fixtures: Path) -> None:
    with pytest.raises(ContactsError) as info:
        read_all(fixtures / "truncated.vcf")
    assert info.value.code == "contacts.truncated_vcard"
    assert info.value.params["line"] == 6
    assert info.value.params["contacts_read"] == 1


def test_utf16_vcard(tmp_path: Path) -> None:
    path = tmp_path / "u16.vcf"
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nEMAIL:zs@example.cn\r\nEND:VCARD\r\n"
    path.write_bytes(text.encode("utf-16"))
    (zhang,) = read_all(path)
    assert zhang.formatted_name() == "张三"


def test_wrong_charset_label_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "label.vcf"
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8:" + "王五".encode("gbk")
    path.write_bytes(data + b"\r\nEMAIL:w@example.cn\r\nEND:VCARD\r\n")
    (wang,) = read_all(path)
    assert wang.formatted_name() == "王五"


def test_nested_agent_card_is_not_a_contact(tmp_path: Path) -> None:
    path = tmp_path / "agent.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nEMAIL:boss@example.com\nAGENT:\n"
        "BEGIN:VCARD\nVERSION:2.1\nFN:Secretary\nEMAIL:sec@example.com\nEND:VCARD\n"
        "END:VCARD\n",
        encoding="utf-8",
    )
    (boss,) = read_all(path)
    assert [e.address for e in boss.emails] == ["boss@example.com"]
