"""CSV injection (OWASP): formula cells are written with a ' in front, and reported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mailmover.contacts import convert
from mailmover.contacts.injection import is_formula, neutralise, strip_marker

from .conftest import FIXTURES, read_all
from .test_cli import _run


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("cell", "formula"),
    [
        ("=cmd|' /C calc'!A0", True),
        ('=HYPERLINK("http://x","y")', True),
        ("@SUM(1+1)", True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3+cmd|' /C calc'!A0", True),
        ("=1+1", True),
        ("+1+1", True),
        ("\t=1+1", True),
        ("\r=1+1", True),
        ("+86 138 0013 8000", False),
        ("+86 (10) 6278-1234", False),
        ("+86 138 0013 8000; +1 617 253 1000", False),
        ("-", False),
        ("张三", False),
        ("a=b", False),
        ("", False),
    ],
)
def test_formula_rule(cell: str, formula: bool) -> None:
    assert is_formula(cell) is formula
    written, changed = neutralise(cell)
    assert changed is formula
    assert written == ("'" + cell if formula else cell)
    assert strip_marker(written) == cell


def test_quoted_text_before_a_formula_survives_a_round_trip() -> None:
    written, changed = neutralise("'@a.cn")
    assert (written, changed) == ("''@a.cn", False)
    assert strip_marker(written) == "'@a.cn"


def test_injection_cells_are_neutralised_and_reported(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = convert(FIXTURES / "injection.csv", out)
    assert result.neutralised_cells == 7
    assert result.neutralised_lines == [2, 3, 4, 5, 6, 7]
    rows = {r["电子邮件地址"]: r for r in _rows(out)}
    assert rows["calc@example.com"]["姓名"] == "'=cmd|' /C calc'!A0"
    assert rows["link@example.com"]["公司"].startswith("'=HYPERLINK(")
    assert rows["sum@example.com"]["备注"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows["plus@example.com"]["公司"] == "'+cmd|' /C calc'!A0"
    assert rows["plus@example.com"]["备注"] == "'-2+3+cmd|' /C calc'!A0"
    # A phone number is a legitimate value: left alone, so the webmail gets the number.
    assert rows["plus@example.com"]["移动电话"] == "+86 138 0013 8000"
    assert rows["formula@example.com"]["移动电话"] == "'=1+1"
    assert rows["formula@example.com"]["备注"] == "-"
    # The TAB that neutralised the input cell is kept, and the cell is still safe.
    assert rows["tab@example.com"]["公司"] == "'\t=1+1"
    for row in rows.values():
        for cell in row.values():
            assert not is_formula(cell), cell


def test_neutralised_output_reads_back_as_the_input(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    convert(FIXTURES / "injection.csv", out)
    before = [
        (c.name(), c.organization, c.notes, [p.number for p in c.phones])
        for c in read_all(FIXTURES / "injection.csv")
    ]
    after = [
        (c.name(), c.organization, c.notes, [p.number for p in c.phones]) for c in read_all(out)
    ]
    assert after == before
    assert before[5][1] == "\t=1+1"


def test_vcard_output_is_not_changed(tmp_path: Path) -> None:
    out = tmp_path / "out.vcf"
    result = convert(FIXTURES / "injection.csv", out)
    assert result.neutralised_cells == 0
    assert read_all(out)[0].name() == "=cmd|' /C calc'!A0"


def test_cli_reports_the_count(tmp_path: Path) -> None:
    code, out, _ = _run("convert", str(FIXTURES / "injection.csv"), "-o", str(tmp_path / "o.csv"))
    assert code == 0, out
    assert "Neutralised 7 cells" in out
    assert "line 2, 3, 4, 5, 6, 7" in out
