"""convert(): every fixture to both outputs, merging, bad input, a big file."""

from __future__ import annotations

import csv
import io
import tracemalloc
from pathlib import Path

import pytest
import vobject

from mailmover.contacts import ContactsError, convert

from .conftest import FIXTURES, read_all, semantic

READABLE = [
    "coremail_gbk.csv",
    "coremail_utf8_bom.csv",
    "outlook_en.csv",
    "outlook_zh_utf16.csv",
    "google_old.csv",
    "google_new.csv",
    "thunderbird.csv",
    "foxmail_gbk.csv",
    "vcard21_qp.vcf",
    "vcard30.vcf",
    "vcard40.vcf",
]
WITH_DUPLICATES = {"coremail_gbk.csv", "vcard30.vcf"}


@pytest.mark.parametrize("name", READABLE)
def test_vcard_output_round_trips(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.vcf"
    result = convert(FIXTURES / name, out)
    assert result.written == result.read - result.merged_away
    text = out.read_bytes().decode("utf-8")
    cards = list(vobject.readComponents(text))
    assert len(cards) == result.written
    for card in cards:
        assert card.contents.get("n") and card.fn.value
    back = read_all(out)
    if name not in WITH_DUPLICATES:
        source = read_all(FIXTURES / name)
        assert [semantic(c) for c in back] == [semantic(c) for c in source]


@pytest.mark.parametrize("name", READABLE)
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_output_round_trips(tmp_path: Path, name: str, encoding: str) -> None:
    out = tmp_path / "out.csv"
    if name == "coremail_utf8_bom.csv" and encoding == "gbk":
        with pytest.raises(ContactsError) as info:
            convert(FIXTURES / name, out, csv_encoding=encoding)
        assert info.value.code == "contacts.unencodable"  # 𠮷 is not in GBK
        assert info.value.params["char"] == "𠮷"
        assert not out.exists()
        return
    result = convert(FIXTURES / name, out, csv_encoding=encoding, csv_language="en")
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode(encoding), newline="")))
    assert len(rows) == result.written
    back = read_all(out)
    if name not in WITH_DUPLICATES:
        source = read_all(FIXTURES / name)
        for before, after in zip(source, back, strict=True):
            expected = semantic(before, kinds=False)
            expected["middle"] = before.middle_name
            assert semantic(after, kinds=False) == expected


def test_merge_in_coremail_export(tmp_path: Path) -> None:
    result = convert(FIXTURES / "coremail_gbk.csv", tmp_path / "out.vcf")
    assert (result.read, result.written, result.merged_count, result.merged_away) == (5, 4, 1, 1)
    (record,) = result.merged
    assert record.name == "张三"
    assert (record.line, record.merged_lines) == (2, [7])
    assert record.emails == ["ZhangSan@Tsinghua.edu.cn"]
    assert [(c.field, c.kept, c.dropped) for c in record.conflicts] == [
        ("display_name", "张三", "王五")
    ]
    zhang = next(c for c in read_all(tmp_path / "out.vcf") if c.formatted_name() == "张三")
    assert zhang.groups == ["同事", "课题组", "朋友"]
    assert [e.address for e in zhang.emails] == ["zhangsan@tsinghua.edu.cn", "zhang.san@gmail.com"]
    assert result.flagged_count == 2
    assert result.issue_counts == {"contact.invalid_email": 1, "contact.no_email": 1}
    assert result.unmapped_columns == []  # 生日 goes into the notes
    assert zhang.notes == "第一行\n第二行\n生日：1970-01-01"
    assert result.skipped_empty == 1
    assert not result.clean


def test_transitive_merge(tmp_path: Path) -> None:
    src = tmp_path / "chain.csv"
    src.write_text(
        "name,email,email 2\nA,a@x.cn,\nB,b@x.cn,\nC,A@X.CN,B@X.CN\nD,d@x.cn,\n", encoding="utf-8"
    )
    result = convert(src, tmp_path / "out.csv")
    assert (result.written, result.merged_count, result.merged_away) == (2, 1, 2)
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text("utf-8-sig"))))
    assert rows[0][5:7] == ["电子邮件地址", "电子邮件地址2"]
    assert [r[0] for r in rows[1:]] == ["A", "D"]
    assert rows[1][5:7] == ["a@x.cn", "b@x.cn"]


def test_clean_file_is_clean(tmp_path: Path) -> None:
    result = convert(FIXTURES / "vcard40.vcf", tmp_path / "out.vcf")
    assert result.clean
    assert result.format == "vcard_4.0"


BAD_INPUT = [
    ("empty.csv", "contacts.empty_file"),
    ("binary.dat", "contacts.binary_file"),
    ("binary.xlsx", "contacts.binary_file"),
    ("no_email_column.csv", "contacts.no_email_column"),
    ("unknown_columns.csv", "contacts.no_email_column"),
    ("truncated.vcf", "contacts.truncated_vcard"),
    ("big5.csv", "contacts.unknown_encoding"),
]


@pytest.mark.parametrize(("name", "code"), BAD_INPUT)
@pytest.mark.parametrize("suffix", [".vcf", ".csv"])
def test_bad_input_leaves_no_output(tmp_path: Path, name: str, code: str, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    with pytest.raises(ContactsError) as info:
        convert(FIXTURES / name, out)
    assert info.value.code == code
    assert str(info.value)  # an English default message
    assert list(tmp_path.iterdir()) == []


def test_truncated_vcard_keeps_an_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "out.vcf"
    out.write_text("previous export", encoding="utf-8")
    with pytest.raises(ContactsError):
        convert(FIXTURES / "truncated.vcf", out)
    assert out.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.vcf"]


def test_unsupported_output_name(tmp_path: Path) -> None:
    with pytest.raises(ContactsError) as info:
        convert(FIXTURES / "vcard40.vcf", tmp_path / "out.txt")
    assert info.value.code == "contacts.unsupported_output"


def test_header_only_csv_has_no_contacts(tmp_path: Path) -> None:
    src = tmp_path / "h.csv"
    src.write_text("姓名,电子邮件\n", encoding="utf-8")
    with pytest.raises(ContactsError) as info:
        convert(src, tmp_path / "out.vcf")
    assert info.value.code == "contacts.no_contacts"
    assert not (tmp_path / "out.vcf").exists()


def test_mapping_makes_unknown_columns_convertible(tmp_path: Path) -> None:
    result = convert(
        FIXTURES / "unknown_columns.csv",
        tmp_path / "out.vcf",
        mapping={
            "E-Mail-Adresse": "email",
            "Vorname": "given_name",
            "Nachname": "family_name",
            "Firma": "organization",
        },
    )
    assert result.clean
    (max_,) = read_all(tmp_path / "out.vcf")
    assert (max_.formatted_name(), max_.organization) == ("Max Mustermann", "Beispiel GmbH")


def _big_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "电子邮件", "手机", "单位", "备注", "分组"])
        for i in range(rows):
            # Every 100th row repeats an earlier address, so merging has work to do.
            email = f"user{i - 50 if i % 100 == 99 else i}@example.edu.cn"
            writer.writerow([f"用户{i}", email, f"138{i:08d}", "某大学", "备注,\n两行", "同事"])


def test_hundred_thousand_rows_bounded_memory(tmp_path: Path) -> None:
    """CSV in, CSV out (the vCard writer streams the same way but spends ~0.3 ms per card
    in vobject, too slow to trace here; see benchmarks/contacts_bench.py)."""
    src = tmp_path / "big.csv"
    _big_csv(src, 100_000)
    out = tmp_path / "out.csv"
    tracemalloc.start()
    try:
        result = convert(src, out)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.read == 100_000
    assert result.merged_count == 1000
    assert result.written == 99_000
    # The input is ~9 MB of text (more as str objects); what stays in memory is only the
    # address index and union-find (~25 MB measured).
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == 1 + 99_000
