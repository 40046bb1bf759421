"""The demo sandbox: two pymap servers with sample mail; a full move completes and
verifies, all without Qt."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from mailmover.demo.sandbox import Sandbox, start_sandbox
from mailmover.engine.events import Finished
from mailmover.engine.folders import list_folders
from mailmover.engine.imap.connect import connect
from mailmover.engine.transfer import Migration
from mailmover.engine.verify import verify
from mailmover.store import Store


@pytest.fixture
def sandbox() -> Sandbox:
    box = start_sandbox()
    yield box
    box.stop()


def test_sample_mailbox_is_realistic(sandbox: Sandbox):
    conn = connect(sandbox.source)
    try:
        names = list_folders(conn).names()
        assert {"INBOX", "已发送", "草稿箱", "课题组/2023", "病毒文件夹"} <= names
        uids = conn.client.select_folder("INBOX", readonly=True)[b"EXISTS"]
        conn.client.use_uid = False
        data = conn.client.fetch(list(range(1, uids + 1)), [b"BODY.PEEK[HEADER]", b"BODYSTRUCTURE"])
        headers = b"".join(v[b"BODY[HEADER]"] for v in data.values())
        assert b"=?gbk?" in headers.lower() and b"=?utf-8?" in headers.lower()
        assert any(b"attachment" in repr(v[b"BODYSTRUCTURE"]).encode() for v in data.values())
    finally:
        conn.close()
    rows = list(csv.reader(io.StringIO(sandbox.contacts_csv.read_bytes().decode("gbk"))))
    assert rows[0][:2] == ["姓名", "电子邮件"] and len(rows) > 3


def test_full_move_and_verify(sandbox: Sandbox, tmp_path: Path):
    store = Store(tmp_path / "demo.sqlite")
    migration = Migration(sandbox.source, sandbox.target, store)
    try:
        mappings = migration.plan()
        by_source = {m.source: m for m in mappings}
        assert not by_source["病毒文件夹"].include  # quarantine stays behind by default
        assert by_source["已发送"].target == "Sent Messages"  # Exmail's own folder
        events = list(migration.run(mappings))
    finally:
        migration.close()
        store.close()
    report = events[-1].report if isinstance(events[-1], Finished) else None
    assert report is not None and report.ok, report
    totals = report.totals()
    assert totals["copied"] == totals["source_count"] > 30  # the duplicate counts too
    src, dst = connect(sandbox.source), connect(sandbox.target)
    try:
        result = verify(src, dst, mappings)
    finally:
        src.close()
        dst.close()
    assert result.ok and result.totals()["missing"] == 0


def test_doctor_on_the_sandbox_is_healthy(sandbox: Sandbox):
    from mailmover.doctor import PROBLEM, run_doctor

    findings = run_doctor(sandbox.source, sandbox.target)
    assert not [f.english() for f in findings if f.severity == PROBLEM]


def test_sandbox_needs_no_qt():
    code = (
        "import sys\n"
        "from mailmover.demo.sandbox import start_sandbox\n"
        "from mailmover import doctor, bundle, profile\n"
        "from mailmover.engine import presets\nfrom mailmover.engine.imap import identify\n"
        "s = start_sandbox(fill=False); s.stop()\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


def test_demo_flag_opens_the_wizard_prefilled(monkeypatch: pytest.MonkeyPatch):
    """`mailmover --demo` hands the wizard both sandbox accounts and a demo profile.
    (The wizard itself is replaced here: this checks the wiring, not the window.)"""
    import mailmover.gui.app as app
    from mailmover.cli import main

    seen = {}

    def fake_wizard(argv=None, *, source=None, target=None, profile=None, language=None):
        seen.update(source=source, target=target, profile=profile)
        conn = connect(source)  # the servers are up while the wizard runs
        conn.close()
        return 0

    monkeypatch.setattr(app, "main", fake_wizard)
    assert main(["--demo"]) == 0
    source, target, profile = seen["source"], seen["target"], seen["profile"]
    assert source.password and target.password and source.port != target.port
    assert profile.old_server.port == source.port and profile.new_server.preset == "exmail"
    assert profile.contacts_export_url.startswith("file://")
