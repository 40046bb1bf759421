"""The help-desk bundle never holds a password or a message's contents."""

from __future__ import annotations

import base64
import json
import zipfile
from pathlib import Path

import pytest
from imapclient import IMAPClient

from mailmover.bundle import redact, write_bundle
from mailmover.cli import main
from mailmover.store import Store

# Passwords a passwd-file can hold (no ':'), with the characters that break quoting.
SRC_PASSWORD = 'p(a)ss*%"w\\rd{1} 中文'
DST_PASSWORD = "Tgt-Secret!#42"
SECRET_BODY = "BODY-MARKER-7f3a: 工资单 salary details"
SECRET_SUBJECT = "SUBJECT-MARKER-9c1d 绝密"


def all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())


def test_redact_login_and_authenticate():
    log = (
        'a001 LOGIN "alice@uni.edu.cn" "p(a)ss*%\\"w"\n'
        "a002 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\n"
        "a003 LOGIN bob hunter2\n"
        "a004 SELECT INBOX\n"
    )
    out = redact(log)
    assert 'LOGIN "alice@uni.edu.cn" ***' in out and "p(a)ss" not in out
    assert "AGFsaWNl" not in out and "hunter2" not in out
    assert "a004 SELECT INBOX" in out


def test_redact_known_passwords_in_every_spelling():
    pw = SRC_PASSWORD
    quoted = pw.replace("\\", "\\\\").replace('"', '\\"')
    sasl = base64.b64encode(f"\0alice\0{pw}".encode()).decode()
    text = f"x {pw} y {quoted} z {repr(pw)} {sasl} + {base64.b64encode(pw.encode()).decode()}"
    out = redact(text, [pw])
    assert pw not in out and quoted not in out and sasl not in out
    assert "中文" not in out


def test_bundle_contents(tmp_path: Path):
    store = Store(tmp_path / "job.sqlite")
    store.log_event("retry", {"code": "connect.lost", "attempt": 1})
    run = store.start_run()
    report = {
        "source": "alice@old:993",
        "folders": [{"source": "INBOX", "failures": [{"uid": 7, "subject": SECRET_SUBJECT}]}],
    }
    store.finish_run(run, "finished", report)
    store.close()
    log = f"LOGIN alice {SRC_PASSWORD}\nconnected; password was {DST_PASSWORD}\n"
    out = write_bundle(
        tmp_path / "b.zip",
        report=report,
        log_text=log,
        capabilities={"source": ["IMAP4REV1", "X-CM-EXT-1"]},
        greetings={"source": "* OK Coremail System IMap Server Ready"},
        folders={"source": [{"name": "已发送"}]},
        store_path=tmp_path / "job.sqlite",
        passwords=[SRC_PASSWORD, DST_PASSWORD],
    )
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {"about.json", "log.txt", "servers.json", "folders.json", "report.json"} <= names
        assert "progress.json" in names
        progress = json.loads(zf.read("progress.json"))
        assert progress["events"][0]["code"] == "retry"
        assert json.loads(zf.read("servers.json"))["capabilities"]["source"][1] == "X-CM-EXT-1"
    text = all_text(out)
    assert SRC_PASSWORD not in text and DST_PASSWORD not in text
    assert SECRET_SUBJECT not in text  # subjects are contents
    assert "已发送" in text


def fill(acc) -> None:
    c = IMAPClient("127.0.0.1", acc.server.port, ssl=False, timeout=30)
    c.plain_login(acc.user, acc.password)
    c.create_folder("课题组")
    for i in range(3):
        raw = (
            f"From: a@uni.edu.cn\r\nSubject: {SECRET_SUBJECT}\r\nMessage-ID: <b{i}@x>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{SECRET_BODY} {i}\r\n"
        ).encode()
        c.append("课题组", raw)
    c.logout()


def test_bundle_cli_after_a_real_move(
    coremail_server, exmail_server, make_account, tmp_path, monkeypatch, capsys
):
    src = make_account(coremail_server, password=SRC_PASSWORD)
    dst = make_account(exmail_server, password=DST_PASSWORD)
    fill(src)
    monkeypatch.setenv("MAILMOVER_SOURCE_PASSWORD", SRC_PASSWORD)
    monkeypatch.setenv("MAILMOVER_TARGET_PASSWORD", DST_PASSWORD)
    state = tmp_path / "state"
    # A log file as a verbose run would leave it, passwords included by mistake.
    logs = state / "logs"
    logs.mkdir(parents=True)
    (logs / "mailmover.log").write_text(
        f"a1 LOGIN {src.user} {SRC_PASSWORD}\nDEBUG target pw={DST_PASSWORD}\n", encoding="utf-8"
    )
    assert main(["migrate", src.url, dst.url, "--state-dir", str(state)]) == 0
    bundle = tmp_path / "help.zip"
    code = main(["bundle", src.url, dst.url, "--state-dir", str(state), "-o", str(bundle)])
    assert code == 0 and "written" in capsys.readouterr().out
    with zipfile.ZipFile(bundle) as zf:
        servers = json.loads(zf.read("servers.json"))
        folders = json.loads(zf.read("folders.json"))
        report = json.loads(zf.read("report.json"))
        assert "QUOTA" in servers["capabilities"]["source"]
        assert "Dovecot" in servers["greetings"]["target"]
        assert "课题组" in {f["name"] for f in folders["source"]}
        assert report["totals"]["copied"] == 3
        assert "LOGIN" in zf.read("log.txt").decode()
    text = all_text(bundle)
    for secret in (SRC_PASSWORD, DST_PASSWORD, SECRET_BODY, SECRET_SUBJECT):
        assert secret not in text, secret


def test_bundle_without_accounts(tmp_path: Path, monkeypatch, capsys):
    code = main(["bundle", "--state-dir", str(tmp_path / "s"), "-o", str(tmp_path / "x.zip")])
    assert code == 0 and zipfile.is_zipfile(tmp_path / "x.zip")


def test_bundle_needs_both_accounts(tmp_path: Path):
    assert main(["bundle", "imaps://a@x.invalid", "-o", str(tmp_path / "x.zip")]) == 2


@pytest.mark.parametrize("pw", ["short1", "a b c", "密码密码"])
def test_redact_never_leaves_a_password(pw):
    assert pw not in redact(f"{pw}|{pw.upper()}|x{pw}x", [pw])
