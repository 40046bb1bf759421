"""Reading the CSV exports people actually have."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailmover.contacts import ContactsError, preview
from mailmover.contacts.csv_reader import sniff_layout, split_emails, split_groups
from mailmover.contacts.header_keys import normalise_header
from mailmover.contacts.headers import detect_csv_format, match_header

from .conftest import by_name, read_all


def test_coremail_gbk(fixtures: Path) -> None:
    contacts = read_all(fixtures / "coremail_gbk.csv")
    people = by_name(contacts)
    assert list(people) == ["张三", "李四", "欧阳修", "王五", "赵敏"]  # empty row skipped
    zhang = people["张三"]
    assert [e.address for e in zhang.emails] == [
        "zhangsan@tsinghua.edu.cn",
        "zhang.san@gmail.com",
    ]
    assert zhang.department == "计算机系,软件所"  # comma inside quotes
    # A newline inside quotes; the birthday column has no field: a labelled notes line.
    assert zhang.notes == "第一行\n第二行\n生日：1970-01-01"
    assert zhang.groups == ["同事", "课题组"]
    assert [(p.number, p.kind) for p in zhang.phones] == [
        ("13800138000", "cell"),
        ("010-62781234", ""),
    ]
    assert zhang.line == 2
    assert people["李四"].line == 4  # the quoted newline took a physical line
    assert [i.code for i in people["李四"].issues] == ["contact.invalid_email"]
    assert people["李四"].emails[0].address == "lisi#pku.edu.cn"  # flagged, not dropped
    assert people["欧阳修"].notes == '他说"你好"\n生日：1980-05-05'
    assert [i.code for i in people["赵敏"].issues] == ["contact.no_email"]


def test_coremail_utf8_bom_with_excel_sep_line(fixtures: Path) -> None:
    people = by_name(read_all(fixtures / "coremail_utf8_bom.csv"))
    assert list(people) == ["钱学森", "𠮷田花子", "孙悟空"]
    assert people["钱学森"].notes == "地址: 帕萨迪纳; 美国"
    wukong = people["孙悟空"]
    assert [e.address for e in wukong.emails] == ["wukong@huaguoshan.cn", "sunwukong@xiyou.org"]
    assert [i.code for i in wukong.issues] == ["contact.phone_mangled"]


def test_outlook_english(fixtures: Path) -> None:
    people = by_name(read_all(fixtures / "outlook_en.csv"))
    john = people["John Q. Smith"]
    assert (john.prefix, john.given_name, john.middle_name, john.family_name) == (
        "Dr.",
        "John",
        "Q.",
        "Smith",
    )
    assert john.title == "Professor"  # "Job Title"; Outlook's "Title" is the honorific
    assert john.groups == ["Collaborators", "Reviewers"]
    assert [p.kind for p in john.phones] == ["work", "cell"]
    # Chinese names in an English export compose without a space.
    assert "张三" in people
    marie = people["Marie Curie"]
    # The same address twice in one row (case differs) is kept once.
    assert [e.address for e in marie.emails] == ["marie.curie@sorbonne.fr", "m.curie@example.org"]


def test_outlook_chinese_utf16_tabs(fixtures: Path) -> None:
    p = preview(fixtures / "outlook_zh_utf16.csv")
    assert p.encoding == "utf-16"
    assert p.delimiter == "\t"
    assert p.format == "outlook_csv"
    assert p.unmapped == []
    wang, sima = p.contacts
    assert wang.formatted_name() == "王五"
    assert [e.address for e in wang.emails] == ["wangwu@fudan.edu.cn", "wu.wang@outlook.com"]
    assert wang.notes == "含,逗号\t和制表符"
    assert sima.formatted_name() == "司马光"
    assert sima.notes == "资治通鉴\n编者"
    assert sima.groups == ["同事", "史学"]


def test_google_old_layout(fixtures: Path) -> None:
    p = preview(fixtures / "google_old.csv")
    assert p.format == "google_csv"
    lilei, han = p.contacts
    assert [(e.address, e.kind) for e in lilei.emails] == [
        ("lilei@school.cn", "work"),
        ("lilei@163.com", "home"),
        ("li.lei@qq.com", "home"),
    ]
    assert [(ph.number, ph.kind) for ph in lilei.phones] == [
        ("13512345678", "cell"),
        ("010-12345678", "fax"),
    ]
    assert (lilei.organization, lilei.department, lilei.title) == ("新东方", "英语组", "老师")
    assert lilei.groups == ["同学"]  # "* myContacts" is Google's, not the user's
    assert han.groups == ["Friends"]
    assert han.phones[0].kind == "home"


def test_google_new_layout(fixtures: Path) -> None:
    huang, grace = read_all(fixtures / "google_new.csv")
    assert huang.formatted_name() == "黄小明"
    assert huang.nickname == "明明"
    assert [(e.address, e.kind) for e in huang.emails] == [
        ("huangxm@zju.edu.cn", "work"),
        ("xm.huang@gmail.com", "home"),
    ]
    assert huang.groups == ["课题组", "合作者"]
    assert huang.notes == "第一行\n第二行, 有逗号"
    assert grace.groups == []
    assert grace.emails[0].kind == "work"


def test_thunderbird_trailing_comma(fixtures: Path) -> None:
    p = preview(fixtures / "thunderbird.csv")
    assert p.format == "thunderbird_csv"
    assert "" not in p.mapping.headers  # the trailing empty column is dropped
    zhou, office = p.contacts
    assert zhou.formatted_name() == "周敏 (化学)"
    assert [e.address for e in zhou.emails] == ["zhoumin@nju.edu.cn", "zm@foxmail.com"]
    assert zhou.notes == '带"引号"和,逗号'
    assert office.formatted_name() == "系办公室"


def test_foxmail_gbk(fixtures: Path) -> None:
    p = preview(fixtures / "foxmail_gbk.csv")
    assert p.encoding == "gb18030"
    assert p.format == "foxmail_csv"
    assert p.unmapped == []
    liu, chen = p.contacts
    assert liu.nickname == "洋洋"
    assert liu.notes == "QQ 好友\nQQ: 10001"  # an ASCII header: an ASCII colon
    assert [e.address for e in chen.emails] == ["chenjing@foxmail.com", "chenjing@126.com"]


def test_unknown_columns_are_listed_not_guessed(fixtures: Path) -> None:
    p = preview(fixtures / "unknown_columns.csv")
    assert p.unmapped == ["Vorname", "Nachname", "E-Mail-Adresse", "Firma"]
    assert [i.code for i in p.problems] == ["contacts.no_email_column"]
    assert not p.can_convert
    p.mapping.set("E-Mail-Adresse", "email")
    p.mapping.set("Vorname", "given_name")
    p2 = preview(fixtures / "unknown_columns.csv", mapping=p.mapping)
    assert p2.can_convert
    assert p2.contacts[0].emails[0].address == "max@example.de"
    assert p2.contacts[0].given_name == "Max"
    assert p2.unmapped == ["Nachname", "Firma"]


def test_mapping_by_column_number_and_dict(fixtures: Path) -> None:
    p = preview(fixtures / "unknown_columns.csv", mapping={"#3": "email", 3: "organization"})
    assert p.contacts[0].emails[0].address == "max@example.de"
    assert p.contacts[0].organization == "Beispiel GmbH"


def test_mapping_rejects_unknown_column_and_field(fixtures: Path) -> None:
    with pytest.raises(ContactsError) as info:
        preview(fixtures / "unknown_columns.csv", mapping={"Nope": "email"})
    assert info.value.code == "contacts.unknown_column"
    assert "Firma" in info.value.params["columns"]
    with pytest.raises(ContactsError) as info:
        preview(fixtures / "unknown_columns.csv", mapping={"Firma": "company_name"})
    assert info.value.code == "contacts.unknown_field"


def test_user_can_unmap_a_recognised_column(fixtures: Path) -> None:
    p = preview(fixtures / "coremail_gbk.csv", mapping={"备注": "ignore", "生日": "ignore"})
    assert all(not c.notes for c in p.contacts)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("E-mail Address", "email"),
        ("  e_mail   ADDRESS ", "email"),
        ("EMAIL", "email"),
        ("电子邮件 2 地址", "email"),
        ("邮箱地址", "email"),
        ("手机", "mobile"),
        ("移动电话", "mobile"),
        ("职务", "title"),
        ("Title", "prefix"),
        ("单位", "organization"),
        ("姓", "family_name"),
        ("名", "given_name"),
        ("姓名", "display_name"),
        ("分组", "groups"),
        ("Ｅｍａｉｌ", "email"),  # full-width letters
        ("电话（工作）", "phone_work"),
        ("Birthday", "labelled_note"),
        ("电子邮件类型", "ignore"),
        ("电子邮件显示名称", "ignore"),
        ("电子邮件 2 显示名", "ignore"),
        ("英文称谓", "prefix"),
        ("中文称谓", "suffix"),
        ("商务地址 - 邮箱", "labelled_note"),  # a PO box, not an e-mail box
        ("E-mail 4 Address", "email"),
        ("Email Address (private)", None),  # an unknown mail column is never guessed
        ("Vorname", None),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    assert match_header(header)[0] == field


def test_google_numbered_columns() -> None:
    assert match_header("E-mail 2 - Value") == ("email", "2")
    assert match_header("E-mail 2 - Type") == ("email_label", "2")
    assert match_header("Phone 10 - Label") == ("phone_label", "10")
    assert normalise_header("E-mail 1 - Value") == "email1value"


def test_format_detection_needs_two_signature_headers() -> None:
    assert detect_csv_format(["Email"]) == "csv"
    assert detect_csv_format(["Primary Email", "Display Name", "Notes"]) == "thunderbird_csv"


@pytest.mark.parametrize(
    ("text", "delimiter", "sep_line"),
    [
        ("a,b;c\n", ",", False),
        ("姓名;邮箱;手机\n", ";", False),
        ("姓名\t邮箱\n", "\t", False),
        ('"a;b",c\n', ",", False),
        ("sep=;\r\na,b;c;d\n", ";", True),
        ("email\n", ",", False),
    ],
)
def test_sniff_layout(text: str, delimiter: str, sep_line: bool) -> None:
    layout = sniff_layout(text)
    assert (layout.delimiter, layout.sep_line) == (delimiter, sep_line)


def test_split_emails() -> None:
    assert split_emails("a@x.cn; b@y.cn，c@z.cn") == ["a@x.cn", "b@y.cn", "c@z.cn"]
    assert split_emails("张三 <a@x.cn>, b@y.cn") == ["a@x.cn", "b@y.cn"]
    assert split_emails("a@x.cn ::: b@y.cn") == ["a@x.cn", "b@y.cn"]
    assert split_emails("mailto:a@x.cn") == ["a@x.cn"]


def test_split_groups() -> None:
    assert split_groups("* myContacts ::: * starred ::: 同事 ::: * Friends") == ["同事", "Friends"]
    assert split_groups("同事；课题组|朋友") == ["同事", "课题组", "朋友"]


def test_mixed_line_endings_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b'\r\n\r\nname,email\r\nA,a@x.cn\nB,b@x.cn\rC,c@x.cn\r\n,\r\n\r\nD,"d@x.cn"\r\n'
    )
    contacts = read_all(path)
    assert [c.formatted_name() for c in contacts] == ["A", "B", "C", "D"]


def test_short_and_long_rows(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("name,email,,\nA,a@x.cn\nB,b@x.cn,,,extra\n", encoding="utf-8")
    p = preview(path)
    assert p.mapping.headers == ["name", "email"]
    assert [c.formatted_name() for c in p.contacts] == ["A", "B"]


def test_unclosed_quote_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('name,email\nA,"a@x.cn\nB,b@x.cn\n', encoding="utf-8")
    with pytest.raises(ContactsError) as info:
        read_all(path)
    assert info.value.code == "contacts.malformed_csv"


def test_header_only_file_has_no_contacts(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("姓名,电子邮件\n\n", encoding="utf-8")
    assert read_all(path) == []
