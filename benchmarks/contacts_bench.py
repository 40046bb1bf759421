"""Contacts conversion speed and peak memory on a generated address book.

    PYTHONPATH=. python benchmarks/contacts_bench.py [ROWS]

Peak memory comes from tracemalloc in a separate run, since tracing slows the code ~5x.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from mailmover.contacts import convert


def make_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="gbk", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["姓名", "电子邮件", "手机", "单位", "部门", "备注", "分组"])
        for i in range(rows):
            email = f"user{i - 50 if i % 100 == 99 else i}@example.edu.cn"
            writer.writerow(
                [f"用户{i}", email, f"138{i:08d}", "某大学", "计算机系", "备注,\n两行", "同事"]
            )


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.csv"
        make_csv(src, rows)
        print(f"{rows} rows, {src.stat().st_size / 1e6:.1f} MB GBK CSV")
        for suffix in (".csv", ".vcf"):
            started = time.perf_counter()
            result = convert(src, Path(tmp) / f"out{suffix}")
            elapsed = time.perf_counter() - started
            print(f"  -> {suffix}: {elapsed:.1f} s, {result.written} written")
        tracemalloc.start()
        convert(src, Path(tmp) / "out.csv")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"  peak traced memory (csv out): {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
