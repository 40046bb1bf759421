"""The command line: what it prints and its exit codes."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import pytest

from mailmover.contacts import cli

from .conftest import FIXTURES, read_all


def _run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="mailmover")
    sub = parser.add_subparsers(dest="command")
    cli.add_parser(sub)
    args = parser.parse_args(["contacts", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_clean_conversion_exits_0(tmp_path: Path) -> None:
    code, out, err = _run("convert", str(FIXTURES / "vcard40.vcf"), "-o", str(tmp_path / "o.vcf"))
    assert (code, err) == (0, "")
    assert "Read 2 contacts" in out
    assert "Wrote 2 contacts" in out


def test_flagged_and_merged_exit_1(tmp_path: Path) -> None:
    out_path = tmp_path / "o.csv"
    code, out, _ = _run("convert", str(FIXTURES / "coremail_gbk.csv"), "-o", str(out_path))
    assert code == 1
    assert "(coremail_csv, gb18030)" in out
    assert "Merged 2 records into 1 contacts" in out
    assert "dropped '王五'" in out
    assert "line 4 李四: invalid e-mail address 'lisi#pku.edu.cn'" in out
    assert "line 8 赵敏: no e-mail address" in out
    # 生日 (birthday) has no field of its own: kept as a notes line, not left out.
    assert "Left out" not in out and "生日→notes" in out
    assert out_path.read_bytes().startswith(b"\xef\xbb\xbf\xe5\xa7\x93\xe5\x90\x8d")  # BOM 姓名


def test_map_option_keeps_a_column(tmp_path: Path) -> None:
    out_path = tmp_path / "o.vcf"
    code, out, _ = _run(
        "convert",
        str(FIXTURES / "foxmail_gbk.csv"),
        "-o",
        str(out_path),
        "--map",
        "QQ=notes",
        "--map",
        "生日=ignore",
    )
    assert code == 0, out
    liu = read_all(out_path)[0]
    assert liu.notes == "10001\nQQ 好友"


def test_no_email_column_exits_3_without_output(tmp_path: Path) -> None:
    out_path = tmp_path / "o.vcf"
    code, out, err = _run("convert", str(FIXTURES / "no_email_column.csv"), "-o", str(out_path))
    assert code == 3
    assert "[contacts.no_email_column]" in err
    assert "姓名, 手机, 单位" in err
    assert not out_path.exists()


@pytest.mark.parametrize(
    ("extra", "code_text"),
    [
        (["--map", "nonsense"], "contacts.bad_mapping"),
        (["--map", "姓名=surname"], "contacts.unknown_field"),
        (["--map", "No Such=email"], "contacts.unknown_column"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, extra: list[str], code_text: str) -> None:
    code, _, err = _run(
        "convert", str(FIXTURES / "coremail_gbk.csv"), "-o", str(tmp_path / "o.vcf"), *extra
    )
    assert code == 2
    assert code_text in err


def test_unsupported_output_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("convert", str(FIXTURES / "vcard40.vcf"), "-o", str(tmp_path / "o.txt"))
    assert code == 2
    assert "contacts.unsupported_output" in err


def test_gbk_csv_with_english_headers(tmp_path: Path) -> None:
    out_path = tmp_path / "o.csv"
    code, _, _ = _run(
        "convert",
        str(FIXTURES / "vcard21_qp.vcf"),
        "-o",
        str(out_path),
        "--csv-encoding",
        "gbk",
        "--csv-language",
        "en",
    )
    assert code == 0
    text = out_path.read_bytes().decode("gbk")
    assert text.startswith("Name,Last Name,First Name")
    assert "张三" in text


def test_standalone_module(tmp_path: Path) -> None:
    out_path = tmp_path / "o.vcf"
    proc = subprocess.run(
        [sys.executable, "-m", "mailmover.contacts.cli", "convert"]
        + [str(FIXTURES / "truncated.vcf"), "-o", str(out_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 3
    assert "contacts.truncated_vcard" in proc.stderr
    assert not out_path.exists()


def test_standalone_usage_error_exits_2() -> None:
    assert cli.main(["convert"]) == 2
