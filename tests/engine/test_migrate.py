"""migrate and verify end to end between real Dovecot servers."""

from __future__ import annotations

from tests.support.mailbox import RICH_MARKED_DELETED, client, count, fill_rich, message, snapshot

# Where each source folder must land (destination separator '.', roles by name).
DOT_MAPPING = {
    "INBOX": "INBOX",
    "已发送": "Sent",
    "草稿箱": "Drafts",
    "已删除": "Trash",
    "课题组": "课题组",
    "课题组/2019/项目 A": "课题组.2019.项目 A",
    "Archive.2018": "Archive_2018",
}


def test_rich_mailbox_moves_exactly_across_separators(
    coremail_server, dot_server, make_account, run_cli
):
    src = make_account(coremail_server, 'p(a)s*s%w"o\\rd {x}')
    dst = make_account(dot_server, "新的密码 (2024)")
    c = client(coremail_server, src.user, src.password)
    counts = fill_rich(c)

    result = run_cli("migrate", src, dst)
    assert result.code == 0, result.err + result.out
    report = result.report
    assert report["ok"] is True
    by_folder = {f["source"]: f for f in report["folders"]}
    for folder, n in counts.items():
        f = by_folder[folder]
        assert f["target"] == DOT_MAPPING[folder]
        assert f["source_count"] == n
        assert f["copied"] + f["present"] + f["skipped"] + f["failed"] + f["pending"] == n
        marked = RICH_MARKED_DELETED.get(folder, 0)
        assert (f["copied"], f["skipped"], f["failed"]) == (n - marked, marked, 0)
    assert report["totals"]["copied"] == sum(counts.values()) - sum(RICH_MARKED_DELETED.values())

    verified = run_cli("verify", src, dst)
    assert verified.code == 0, verified.out
    assert "missing 0, duplicated 0" in verified.out

    # Independent check: bytes, flags and INTERNALDATE equal, duplicates included.
    d = client(dot_server, dst.user, dst.password)
    for folder, target in DOT_MAPPING.items():
        assert snapshot(d, target) == snapshot(c, folder), folder


def test_second_run_copies_nothing_then_only_new_mail(
    coremail_server, exmail_server, make_account, run_cli
):
    src = make_account(coremail_server, "old")
    dst = make_account(exmail_server, "new")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("已发送")
    for i in range(30):
        c.append("INBOX", message(i))
    c.append("已发送", message(50), [b"\\Seen"])
    # Exmail's own folders exist before we arrive: 已发送 must go to "Sent Messages".
    d = client(exmail_server, dst.user, dst.password)
    for name in ("Sent Messages", "Drafts", "Deleted Messages", "Junk"):
        d.create_folder(name)

    first = run_cli("migrate", src, dst)
    assert first.code == 0, first.err
    assert first.report["totals"]["copied"] == 31
    assert count(d, "Sent Messages") == 1
    assert not d.folder_exists("Sent")

    second = run_cli("migrate", src, dst)
    assert second.code == 0
    assert second.report["totals"]["copied"] == 0
    assert second.report["totals"]["present"] == 31
    assert count(d, "INBOX") == 30

    for i in range(30, 35):
        c.append("INBOX", message(i))
    third = run_cli("migrate", src, dst)
    assert third.report["totals"]["copied"] == 5
    assert third.report["totals"]["present"] == 31
    assert count(d, "INBOX") == 35
    assert run_cli("verify", src, dst).code == 0


def test_mail_already_put_there_by_someone_else_is_not_duplicated(
    coremail_server, exmail_server, make_account, run_cli
):
    """The provider's own server-side move may have copied part of the mailbox already."""
    src = make_account(coremail_server, "a")
    dst = make_account(exmail_server, "b")
    c = client(coremail_server, src.user, src.password)
    d = client(exmail_server, dst.user, dst.password)
    for i in range(10):
        c.append("INBOX", message(i))
    for i in range(4):  # same messages, different flags and dates: still the same messages
        d.append("INBOX", message(i), [b"\\Seen"])
    result = run_cli("migrate", src, dst)
    assert result.report["totals"]["present"] == 4
    assert result.report["totals"]["copied"] == 6
    assert count(d, "INBOX") == 10


def test_dry_run_writes_nothing(coremail_server, exmail_server, make_account, run_cli, tmp_path):
    src = make_account(coremail_server, "a")
    dst = make_account(exmail_server, "b")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("课题组/2019")
    c.append("课题组/2019", message(1))
    result = run_cli("migrate", src, dst, "--dry-run")
    assert result.code == 0
    assert "课题组/2019" in result.out and "dry run" in result.out
    d = client(exmail_server, dst.user, dst.password)
    assert not d.folder_exists("课题组/2019")
    assert count(d, "INBOX") == 0
    assert not (tmp_path / "state" / "jobs").exists() or not any(
        (tmp_path / "state" / "jobs").iterdir()
    )


def test_quarantine_folder_is_skipped_by_default_and_include_brings_it(
    coremail_server, exmail_server, make_account, run_cli
):
    src = make_account(coremail_server, "a")
    dst = make_account(exmail_server, "b")
    c = client(coremail_server, src.user, src.password)
    c.create_folder("病毒文件夹")
    c.append("病毒文件夹", message(1))
    c.append("INBOX", message(2))
    result = run_cli("migrate", src, dst)
    assert [f["source"] for f in result.report["folders"]] == ["INBOX"]
    d = client(exmail_server, dst.user, dst.password)
    assert not d.folder_exists("病毒文件夹")
    again = run_cli("migrate", src, dst, "--include", "病毒文件夹")
    assert [f["source"] for f in again.report["folders"]] == ["病毒文件夹"]
    assert count(d, "病毒文件夹") == 1


def test_refused_message_is_saved_as_eml_and_the_rest_continue(
    coremail_server, limited_server, make_account, run_cli, tmp_path
):
    src = make_account(coremail_server, "a")
    dst = make_account(limited_server, "b")
    c = client(coremail_server, src.user, src.password)
    big = message(1, subject="Subject: 大附件".encode(), body=b"A" * 1_500_000 + b"\r\n")
    c.append("INBOX", message(0))
    c.append("INBOX", big)
    c.append("INBOX", message(2))
    result = run_cli("migrate", src, dst)
    assert result.code == 1  # finished, with a failure to look at
    inbox = result.report["folders"][0]
    assert (inbox["copied"], inbox["failed"]) == (2, 1)
    failure = inbox["failures"][0]
    assert failure["reason"] == "message.too_large"
    assert failure["subject"] == "大附件"
    assert failure["size"] >= 1_500_000
    saved = failure["saved_as"]
    assert saved and open(saved, "rb").read() == big
    assert str(tmp_path / "state") in saved
    # verify tells the truth: one message is not at the destination.
    assert run_cli("verify", src, dst).code == 1


def test_max_size_skips_by_choice_and_counts_add_up(
    coremail_server, exmail_server, make_account, run_cli
):
    src = make_account(coremail_server, "a")
    dst = make_account(exmail_server, "b")
    c = client(coremail_server, src.user, src.password)
    c.append("INBOX", message(0))
    c.append("INBOX", message(1, body=b"B" * 2_200_000 + b"\r\n"))
    result = run_cli("migrate", src, dst, "--max-size", "1")
    inbox = result.report["folders"][0]
    assert (inbox["copied"], inbox["skipped"], inbox["source_count"]) == (1, 1, 2)
    assert result.code == 0
    assert run_cli("verify", src, dst, "--max-size", "1").code == 0
