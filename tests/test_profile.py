"""Institution profiles: the example loads, partial ones fill from presets, bad ones
are refused with a code and the line of the offending key."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mailmover import profile as profile_mod
from mailmover.cli import main
from mailmover.profile import (
    PROFILE_BAD_VALUE,
    PROFILE_SYNTAX,
    PROFILE_UNKNOWN_KEY,
    PROFILE_UNKNOWN_PRESET,
    PROFILE_VERSION,
    ProfileError,
    find_profile,
    load_profile,
    parse_profile,
)
from mailmover.resources import resource_dir

EXAMPLE = resource_dir() / "profiles" / "example-coremail-to-exmail.toml"


def test_example_profile_is_complete():
    p = load_profile(EXAMPLE)
    assert p.institution == "示例大学" and p.name("en") == "Example University"
    assert p.email_domain == "example.edu.cn"
    assert (p.old_server.preset, p.old_server.host, p.old_server.port) == (
        "coremail",
        "mail.example.edu.cn",
        993,
    )
    # Left out in the example: filled from the exmail preset.
    assert (p.new_server.host, p.new_server.security) == ("imap.exmail.qq.com", "tls")
    assert p.new_webmail == "https://exmail.qq.com"
    assert p.password_change_url.startswith("https://")
    assert p.contacts_export_url and p.cloud_drive_url
    assert p.helpdesk_phone and p.helpdesk_email == "helpdesk@example.edu.cn"
    assert p.switch_date == dt.date(2025, 7, 1) and p.old_closes_date == dt.date(2025, 12, 31)
    assert p.folder_overrides["订阅邮件"] == "Subscriptions"
    assert "客户端专用密码" in p.password_hint("zh") and "client-specific" in p.password_hint("en")
    assert p.address_for("alice") == "alice@example.edu.cn"
    account = p.old_server.account(p.address_for("alice"), "pw")
    assert account.url == "imaps://alice%40example.edu.cn@mail.example.edu.cn:993"


def test_partial_profile_uses_defaults():
    p = parse_profile('[institution]\nname = "某大学"\n[old_server]\nhost = "mail.x.edu.cn"\n')
    assert p.institution == "某大学" and p.name("en") == "某大学"
    assert p.old_server.preset == "coremail" and p.old_server.port == 993
    assert p.new_server.host == "imap.exmail.qq.com"
    assert p.switch_date is None and p.folder_overrides == {}
    assert p.address_for("bob") == "bob"  # no domain known


def test_empty_profile_is_valid():
    p = parse_profile("")
    assert p.institution == "" and p.new_server.preset == "exmail"


def test_dates_as_text_accepted_and_bom_tolerated(tmp_path: Path):
    path = tmp_path / "p.toml"
    path.write_bytes('\ufeff[dates]\nswitch = "2025-09-01"\n'.encode())
    assert load_profile(path).switch_date == dt.date(2025, 9, 1)


def _error(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, "uni.toml")
    return info.value


@pytest.mark.parametrize(
    "text, code, line, key",
    [
        (
            '[institution]\nname = "x"\n\n[old_server]\nhots = "a"\n',
            PROFILE_UNKNOWN_KEY,
            5,
            "old_server.hots",
        ),
        ('version = 1\n[helpdesk]\nphone = "1"\n[extra]\n', PROFILE_UNKNOWN_KEY, 4, "extra"),
        ('[old_server]\nhost = "a"\nport = 99999\n', PROFILE_BAD_VALUE, 3, "old_server.port"),
        ('[old_server]\nport = "993"\n', PROFILE_BAD_VALUE, 2, "old_server.port"),
        ('[new_server]\nsecurity = "ssl"\n', PROFILE_BAD_VALUE, 2, "new_server.security"),
        ('[new_server]\nhost = "imaps://imap.x.cn"\n', PROFILE_BAD_VALUE, 2, "new_server.host"),
        (
            '[links]\n# comment\ncloud_drive = "pan.x.cn"\n',
            PROFILE_BAD_VALUE,
            3,
            "links.cloud_drive",
        ),
        ('[helpdesk]\nemail = "nobody"\n', PROFILE_BAD_VALUE, 2, "helpdesk.email"),
        ('[dates]\nswitch = "next week"\n', PROFILE_BAD_VALUE, 2, "dates.switch"),
        (
            '[institution]\nemail_domain = "@x.cn"\n',
            PROFILE_BAD_VALUE,
            2,
            "institution.email_domain",
        ),
        ('[old_server]\npreset = "lotus"\n', PROFILE_UNKNOWN_PRESET, 2, "old_server.preset"),
        ('[folders]\n"已发送" = 3\n', PROFILE_BAD_VALUE, 2, "folders.已发送"),
        (
            '[hints]\ndefault_password = { zh = "x", fr = "y" }\n',
            PROFILE_UNKNOWN_KEY,
            2,
            "hints.default_password.fr",
        ),
        ("version = 7\n", PROFILE_VERSION, 1, "version"),
    ],
)
def test_semantic_errors_name_the_line(text, code, line, key):
    err = _error(text)
    assert (err.code, err.line, err.params["key"]) == (code, line, key)
    assert f"line {line}" in str(err) and "uni.toml" in str(err)


def test_key_after_multiline_string_is_found():
    text = '[hints]\ndefault_password = """\nport = 1\n"""\n[old_server]\nport = 0\n'
    err = _error(text)
    assert (err.line, err.params["key"]) == (6, "old_server.port")


def test_syntax_error_has_line_number():
    err = _error('[institution]\nname = "x"\nemail_domain = uni.edu.cn\n')
    assert err.code == PROFILE_SYNTAX and err.line == 3


def test_unreadable_profile(tmp_path: Path):
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "missing.toml")
    assert info.value.code == "profile.unreadable"


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    exe_dir, res = tmp_path / "app", tmp_path / "res"
    (exe_dir).mkdir()
    (res / "profiles").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "mailmover.exe"))
    monkeypatch.setattr(profile_mod, "resource_dir", lambda: res)
    assert find_profile() is None  # the example in resources/ is never picked by itself
    bundled = res / "profiles" / "default.toml"
    bundled.write_text("")
    assert find_profile() == bundled
    beside = exe_dir / "mailmover-profile.toml"
    beside.write_text("")
    assert find_profile() == beside
    assert find_profile(tmp_path / "explicit.toml") == tmp_path / "explicit.toml"


def test_shipped_resources_have_no_default_profile():
    assert not (resource_dir() / "profiles" / "default.toml").exists()


def test_cli_refuses_a_bad_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "bad.toml"
    bad.write_text('[old_server]\nport = "x"\n', encoding="utf-8")
    code = main(["--profile", str(bad), "doctor", "imaps://a@x.invalid", "imaps://b@y.invalid"])
    assert code == 2
    assert "line 2" in capsys.readouterr().err
