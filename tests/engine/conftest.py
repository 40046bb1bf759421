from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mailmover.cli import Output, main
from tests.conftest import TestAccount


@dataclass
class CliResult:
    code: int
    out: str
    err: str
    report: dict | None


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `mailmover COMMAND SOURCE TARGET ...` in-process with passwords from the env."""
    state = tmp_path / "state"

    def run(command: str, src: TestAccount, dst: TestAccount, *extra: str) -> CliResult:
        monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", src.password)
        monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", dst.password)
        report = tmp_path / f"report-{command}.json"
        report.unlink(missing_ok=True)
        out, err = io.StringIO(), io.StringIO()
        code = main(
            [command, src.url, dst.url, "--state-dir", str(state), "--report", str(report), *extra],
            Output(out, err),
        )
        data = json.loads(report.read_text()) if report.exists() else None
        return CliResult(code, out.getvalue(), err.getvalue(), data)

    return run
