"""Provider presets: the shipped TOML files load and say what docs/providers.md says."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mailmover.engine.folders import KNOWN_NAMES
from mailmover.engine.presets import (
    PresetError,
    load_presets,
    parse_preset,
    preset,
    preset_for_email,
)
from mailmover.resources import resource_dir


def test_every_provider_is_shipped():
    names = set(load_presets())
    assert {"coremail", "exmail", "qq", "netease", "aliyun", "gmail", "outlook", "generic"} <= names
    for p in load_presets().values():
        assert p.help_en and p.help_zh, p.name
        assert p.imap.security in ("tls", "starttls", "plain")


def test_exmail_facts():
    p = preset("exmail")
    assert (p.imap.host, p.imap.port, p.imap.security) == ("imap.exmail.qq.com", 993, "tls")
    assert "hwimap.exmail.qq.com" in p.imap.alternate_hosts
    assert p.quirks.max_message_size == 50 * 1024 * 1024
    assert p.quirks.folder_parent == "其他文件夹"
    assert "客户端专用密码" in p.help_zh and "client-specific password" in p.help_en
    assert "收取我的文件夹" in p.help_zh


def test_outlook_signs_in_with_oauth_only():
    p = preset("outlook")
    assert p.supported and p.oauth is not None and p.oauth.required
    assert p.oauth.scopes == ("https://outlook.office.com/IMAP.AccessAsUser.All", "offline_access")
    google = preset("gmail").oauth
    assert google is not None and google.scopes == ("https://mail.google.com/",)
    assert not google.required  # app passwords remain for personal accounts


@pytest.mark.parametrize(
    "address, name, host",
    [
        ("someone@qq.com", "qq", "imap.qq.com"),
        ("someone@foxmail.com", "qq", "imap.qq.com"),
        ("a@163.com", "netease", "imap.163.com"),
        ("a@126.com", "netease", "imap.126.com"),
        ("A@Yeah.NET", "netease", "imap.yeah.net"),
        ("a@gmail.com", "gmail", "imap.gmail.com"),
        ("a@hotmail.com", "outlook", "outlook.office365.com"),
    ],
)
def test_preset_for_email(address, name, host):
    p = preset_for_email(address)
    assert p is not None and p.name == name
    account = p.account(address, "pw")
    assert account.host == host and account.port == 993 and account.security == "tls"


def test_unknown_domains_have_no_preset():
    assert preset_for_email("prof@uni.edu.cn") is None
    assert preset_for_email("not-an-address") is None


def test_hostless_preset_needs_a_host():
    with pytest.raises(ValueError):
        preset("coremail").account("a@uni.edu.cn")
    assert preset("coremail").account("a@uni.edu.cn", host="mail.uni.edu.cn").port == 993


def test_folder_names_are_known_to_the_engine():
    """A preset's role names must be names the folder mapper recognises."""
    for p in load_presets().values():
        for role, name in p.folders.items():
            assert name in KNOWN_NAMES[role], (p.name, role, name)


def test_bad_preset_is_rejected():
    with pytest.raises(PresetError):
        parse_preset({"name": "x", "title_en": "X", "imap": {"security": "ssl"}})
    with pytest.raises(PresetError):
        parse_preset({"title_en": "no name"})


def test_duplicate_preset_files_rejected(tmp_path: Path):
    for n in ("a", "b"):
        (tmp_path / f"{n}.toml").write_text('name = "same"\ntitle_en = "S"\n')
    with pytest.raises(PresetError, match="twice"):
        load_presets(tmp_path)


def test_resources_found_when_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_dir() == tmp_path / "resources"
