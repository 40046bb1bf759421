"""A vCard with tens of thousands of EMAIL lines: linear time, a CSV of bounded width."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from mailmover.contacts import convert
from mailmover.contacts.csv_writer import EXTRA_EMAILS_LABEL, MAX_EMAIL_COLUMNS

from .conftest import read_all


def _vcard(path: Path, emails: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:邮件很多\r\nN:邮件很多;;;;\r\nNOTE:原有备注\r\n")
        for i in range(emails):
            fh.write(f"EMAIL;TYPE=INTERNET:user{i}@example.edu.cn\r\n")
        fh.write("END:VCARD\r\n")
        fh.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\nEMAIL:one@example.com\r\nEND:VCARD\r\n")


@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_forty_thousand_emails_convert_in_linear_time(tmp_path: Path, suffix: str) -> None:
    """Before the fix (a scan of the address list per address) this took 88 s (.vcf) on
    the development machine; now about 2 s. The bound leaves room for a busy CI."""
    src = tmp_path / "big.vcf"
    _vcard(src, 40_000)
    out = tmp_path / f"out{suffix}"
    start = time.perf_counter()
    result = convert(src, out)
    elapsed = time.perf_counter() - start
    assert elapsed < 20, f"{elapsed:.1f} s"
    assert (result.read, result.written) == (2, 2)
    big = read_all(out)[0]
    assert [e.address for e in big.emails] == [f"user{i}@example.edu.cn" for i in range(40_000)]
    assert big.notes == "原有备注"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_csv_caps_email_columns_and_keeps_the_rest_in_notes(tmp_path: Path, language: str) -> None:
    src = tmp_path / "big.vcf"
    _vcard(src, 10_000)
    out = tmp_path / "out.csv"
    result = convert(src, out, csv_language=language)
    assert result.emails_in_notes == 1
    csv.field_size_limit(1 << 24)  # the notes cell holds ~230 KB of addresses
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"), newline="")))
    assert MAX_EMAIL_COLUMNS == 3
    assert len(rows[0]) == 5 + MAX_EMAIL_COLUMNS + 10  # not 10,015 columns
    assert all(len(row) == len(rows[0]) for row in rows)
    header = rows[0]
    notes = rows[1][header.index("备注" if language == "zh" else "Notes")]
    first, extra = notes.split("\n")
    assert first == "原有备注"
    label = EXTRA_EMAILS_LABEL[language]
    assert extra == label + "; ".join(f"user{i}@example.edu.cn" for i in range(3, 10_000))
    assert rows[1][5:8] == [f"user{i}@example.edu.cn" for i in range(3)]
    assert rows[2][5:8] == ["one@example.com", "", ""]


def test_cli_says_where_the_extra_addresses_went(tmp_path: Path) -> None:
    from .test_cli import _run

    src = tmp_path / "big.vcf"
    _vcard(src, 5)
    code, out, _ = _run("convert", str(src), "-o", str(tmp_path / "o.csv"))
    assert code == 0, out
    assert "1 contacts have more than 3 e-mail addresses: the others are in their notes" in out
