"""Exports as Outlook (zh/en), Thunderbird (zh/en), Google, Foxmail, QQ Mail and Coremail
(zh/en) write them: every column is mapped or knowingly ignored, every contact converts
exactly, the command exits 0. The files come from fixtures/exports/make_exports.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mailmover.contacts import convert, preview

from .conftest import FIXTURES, read_all, semantic
from .test_cli import _run

EXPORTS = FIXTURES / "exports"


def _person(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "",
        "family": "",
        "given": "",
        "middle": "",
        "nickname": "",
        "emails": [],
        "phones": [],
        "organization": "",
        "department": "",
        "title": "",
        "notes": "",
        "groups": [],
    }
    base.update(fields)
    base["phones"] = sorted(base["phones"])
    return base


EXPECTED: dict[str, list[dict[str, Any]]] = {
    "outlook_zh.csv": [
        _person(
            name="张伟",
            family="张",
            given="伟",
            emails=[("zhangwei@tsinghua.edu.cn", ""), ("zhangwei@gmail.com", "")],
            phones=[("010-62781234", "work"), ("010-62781235", "fax"), ("13800138000", "cell")],
            organization="清华大学",
            department="计算机系",
            title="系主任",
            # 电子邮件类型/显示名称, 缩写, 优先级, 敏感度, 私有: ignored; 纪念日 0/0/00:
            # Outlook's "no date"; the address columns: one line.
            notes="博士生导师\n周三答疑\n商务地址：海淀区清华园1号, 北京, 100084, 中国\n"
            "生日：1968/5/4\n网页：http://www.cs.tsinghua.edu.cn/zw\n性别：男",
            groups=["同事", "课题组"],
        ),
        _person(
            name="李娜",
            family="李",
            given="娜",
            emails=[("lina@pku.edu.cn", "")],
            phones=[("010-66668888", "home"), ("139 1234 5678", "cell")],
            organization="北京大学",
        ),
        _person(
            name="John Smith",
            family="Smith",
            given="John",
            emails=[("jsmith@mit.edu", "")],
            phones=[("+1 617 555 0101", "cell")],
            organization="MIT",
        ),
    ],
    "outlook_en.csv": [
        _person(
            name="Ada Lovelace",
            family="Lovelace",
            given="Ada",
            emails=[
                ("ada@london.ac.uk", ""),
                ("ada.lovelace@gmail.com", ""),
                ("countess@example.org", ""),
            ],
            phones=[("+44 20 7631 6000", "work"), ("+44 7700 900123", "cell")],
            organization="University of London",
            department="Mathematics",
            title="Lecturer",
            notes="Wrote the first program.\n"
            "Business Address: Malet Street, London, WC1E 7HU, United Kingdom\n"
            "Pager: 555-0199\nBirthday: 12/10/1815\nGender: Female\nSpouse: William King\n"
            "Web Page: https://example.org/ada",
            groups=["Colleagues", "Analytical Engine"],
        ),
        _person(
            name="王伟",
            family="王",
            given="伟",
            emails=[("wangwei@fudan.edu.cn", "")],
            phones=[("021-65642222", "home")],
            organization="复旦大学",
        ),
    ],
    "thunderbird_zh.csv": [
        _person(
            name="周敏",
            family="周",
            given="敏",
            emails=[("zhoumin@nju.edu.cn", ""), ("zm@foxmail.com", "")],
            phones=[("025-83591234", "work"), ("15912345678", "cell")],
            organization="南京大学",
            department="化学化工学院",
            title="教授",
            # The second 城市/省/邮政编码/国家 belong to 工作地址.
            notes="实验室 A305\n工作地址：仙林大道163号, 南京, 江苏, 210023, 中国\n生日：1975-3-8",
        ),
        _person(name="系办公室", emails=[("office@cs.nju.edu.cn", "")], organization="南京大学"),
    ],
    "thunderbird_en.csv": [
        _person(
            name="Grace Hopper",
            family="Hopper",
            given="Grace",
            nickname="Amazing Grace",
            emails=[("grace@navy.mil", ""), ("ghopper@yale.edu", "")],
            phones=[("+1 202 555 0100", "work")],
            organization="US Navy",
            department="Computing",
            title="Rear Admiral",
            notes="Found the first bug\nHome Address: 1 Navy Way, Arlington, VA, 22201, USA\n"
            "Web Page 1: https://example.org/grace\nCustom 1: COBOL",
        ),
    ],
    "google.csv": [
        _person(
            name="黄小明",
            family="黄",
            given="小明",
            nickname="明明",
            emails=[
                ("huangxm@zju.edu.cn", "work"),
                ("xm.huang@gmail.com", "home"),
                ("xiaoming@qq.com", "home"),
            ],
            phones=[("0571-87951234", "work"), ("133 1234 5678", "cell")],
            organization="浙江大学",
            department="化学系",
            title="博士后",
            # File As and Photo ignored; the formatted address instead of its parts.
            notes="第一行\n第二行, 有逗号\nPhonetic First Name: Xiaoming\n"
            "Phonetic Last Name: Huang\nBirthday: 1990-07-01\n"
            "Address 1 (Work): 余杭塘路866号, 杭州, 浙江 310058, 中国\n"
            "Website 1 (Profile): https://person.zju.edu.cn/xm\nRelation 1 (Spouse): 李华\n"
            "Event 1 (Anniversary): 2018-10-01\nCustom Field 1 (ORCID): 0000-0002-1825-0097",
            groups=["课题组"],
        ),
        _person(
            name="Grace Hopper",
            family="Hopper",
            given="Grace",
            emails=[("grace@navy.mil", "work")],
        ),
    ],
    "foxmail_zh.csv": [
        _person(
            name="刘洋",
            family="刘",
            given="洋",
            nickname="洋洋",
            emails=[("liuyang@qq.com", ""), ("liuyang@foxmail.com", "")],
            phones=[("010-82641234", "work"), ("18612345678", "cell")],
            organization="中国科学院",
            department="空间中心",
            title="研究员",
            notes="QQ 好友\nQQ: 10001\n办公地址：北京市海淀区中关村南二条1号\n"
            "邮政编码：100190\n生日：1980-02-29",
            groups=["朋友", "同行"],
        ),
        _person(name="陈静", emails=[("chenjing@126.com", "")], notes="MSN: chenjing@hotmail.com"),
    ],
    "foxmail_en.csv": [
        _person(
            name="Liu Yang",
            family="Liu",
            given="Yang",
            emails=[("liuyang@qq.com", "")],
            phones=[("+86 186 1234 5678", "cell")],
            organization="CAS",
            notes="Met at a conference\nQQ: 10001\nHomepage: https://example.cn/liu\n"
            "Birthday: 1980-02-29",
            groups=["Friends"],
        ),
    ],
    "qq_zh.csv": [
        _person(
            name="赵敏",
            emails=[("zhaomin@qq.com", "")],
            phones=[("13712345678", "cell")],
            organization="腾讯",
            title="产品经理",
            notes="研究生同学\nQQ号：123456789\n微信号：zhaomin_wx\n生日：1992-11-11\n"
            "地址：深圳市南山区科技园",
            groups=["同学"],
        ),
        _person(name="孙七", emails=[("sunqi@qq.com", "")], phones=[("0755-86013388", "")]),
    ],
    "qq_en.csv": [
        _person(
            name="Zhao Min",
            emails=[("zhaomin@qq.com", "")],
            phones=[("+86 137 1234 5678", "cell")],
            organization="Tencent",
            title="Product manager",
            notes="QQ: 123456789\nWeChat: zhaomin_wx\nAddress: Science Park, Shenzhen",
            groups=["Classmates"],
        ),
    ],
    "coremail_zh.csv": [
        _person(
            name="欧阳修",
            emails=[("ouyang@ruc.edu.cn", "")],
            phones=[("010-62511234", ""), ("13612345678", "cell")],
            organization="中国人民大学",
            department="文学院",
            title="教授",
            notes="《醉翁亭记》\n地址：北京市海淀区中关村大街59号\n邮编：100872\n生日：1960-08-01",
            groups=["同事"],
        ),
        _person(name="王五", emails=[("wangwu@ruc.edu.cn", "")]),
    ],
    "coremail_en.csv": [
        _person(
            name="Ouyang Xiu",
            emails=[("ouyang@ruc.edu.cn", "")],
            phones=[("+86 136 1234 5678", "cell")],
            organization="Renmin University",
            title="Professor",
            notes="Address: 59 Zhongguancun St, Beijing\nZip: 100872",
            groups=["Colleagues"],
        ),
    ],
}


def test_every_export_file_has_expectations() -> None:
    assert sorted(p.name for p in EXPORTS.glob("*.csv")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_column_is_mapped_or_knowingly_ignored(name: str) -> None:
    p = preview(EXPORTS / name, rows=0)
    assert p.mapping is not None
    undecided = [c.header for c in p.mapping.columns if c.field is None]
    assert undecided == []
    assert p.unmapped == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_export_reads_exactly(name: str) -> None:
    assert [semantic(c) for c in read_all(EXPORTS / name)] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("suffix", [".vcf", ".csv"])
def test_export_converts_cleanly_and_exits_0(tmp_path: Path, name: str, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    code, stdout, err = _run("convert", str(EXPORTS / name), "-o", str(out))
    assert (code, err) == (0, ""), stdout
    assert "Left out" not in stdout and "Not recognised" not in stdout
    back = [semantic(c, kinds=suffix == ".vcf") for c in read_all(out)]
    expected = [dict(p) for p in EXPECTED[name]]
    if suffix == ".csv":  # a CSV has no e-mail kinds
        for person in expected:
            person["emails"] = [(address, "") for address, _ in person["emails"]]
    assert back == expected


def test_outlook_zh_titles_and_encoding() -> None:
    zhang, _li, smith = read_all(EXPORTS / "outlook_zh.csv")
    assert zhang.suffix == "教授"  # 中文称谓 is Outlook's Suffix
    assert smith.prefix == "Dr."  # 英文称谓 is Outlook's Title
    result = preview(EXPORTS / "outlook_zh.csv", rows=0)
    assert (result.format, result.encoding) == ("outlook_csv", "gb18030")
    fields = result.mapping.as_dict() if result.mapping else {}
    assert fields["电子邮件类型"] == "ignore"
    assert fields["电子邮件显示名称"] == "ignore"
    assert fields["电子邮件 2 显示名"] == "ignore"
    assert fields["电子邮件 3 类型"] == "ignore"
    assert fields["电子邮件 2 地址"] == "email"
    assert fields["商务电话 2"] == "phone_work"
    assert fields["附注"] == "notes"
    assert fields["类别"] == "groups"


def test_cli_names_the_ignored_columns(tmp_path: Path) -> None:
    code, out, _ = _run("convert", str(EXPORTS / "outlook_zh.csv"), "-o", str(tmp_path / "o.csv"))
    assert code == 0
    (line,) = [ln for ln in out.splitlines() if ln.startswith("Ignored: ")]
    assert line.startswith(
        "Ignored: Internet 忙闲, 电子邮件类型, 电子邮件显示名称, 电子邮件 2 类型"
    )


def test_thunderbird_zh_first_name_is_a_given_name() -> None:
    fields = preview(EXPORTS / "thunderbird_zh.csv", rows=0).mapping
    assert fields is not None
    assert fields.find("名字").field == "given_name"
    assert fields.find("姓氏").field == "family_name"


def test_the_user_can_still_drop_a_notes_column(tmp_path: Path) -> None:
    result = convert(
        EXPORTS / "qq_zh.csv", tmp_path / "o.vcf", mapping={"微信号": "ignore", "QQ号": "ignore"}
    )
    assert result.clean
    zhao = read_all(tmp_path / "o.vcf")[0]
    assert zhao.notes == "研究生同学\n生日：1992-11-11\n地址：深圳市南山区科技园"
