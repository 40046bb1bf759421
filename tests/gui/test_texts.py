"""Every engine and pre-flight code has words in both languages; sizes, plurals, names."""

from __future__ import annotations

import re

import pytest

from mailmover import doctor
from mailmover.engine import errors
from mailmover.gui import messages
from mailmover.gui.i18n import LANGUAGES_
from mailmover.gui.messages import finding_texts

CJK = re.compile(r"[\u4e00-\u9fff]")


def _constants(module) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted({v for k, v in vars(module).items()
                   if k.isupper() and isinstance(v, str) and "." in v})


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):  # type: ignore[no-untyped-def]
    LANGUAGES_.set(request.param)
    yield request.param
    LANGUAGES_.set("en")


def test_every_engine_code_has_text(language):
    codes = _constants(errors)
    assert errors.FEWER_CONNECTIONS in codes and len(codes) > 20
    fallback = messages.error_text("no.such_code")
    for code in codes:
        text = messages.error_text(code, {"host": "imap.example", "folder": "X", "code": "y"})
        assert text != fallback.replace("no.such_code", code), f"{code} has no GUI text"
        assert code not in text, f"{code} shown raw"
        if language == "zh_CN":
            assert CJK.search(text), f"{code} not translated: {text}"


def test_every_preflight_code_has_text(language):
    for code in _constants(doctor):
        if not code.startswith("doctor."):
            continue
        login = code in (doctor.LOGIN_OK, doctor.LOGIN_FAILED)
        variants = ({"side": "source"}, {"side": "target"}) if login else ({"count": 1},
                                                                             {"count": 2})
        for params in variants:
            f = doctor.Finding(code, doctor.OK, dict(params, free=1, needed=2, limit=3))
            text, _fix = messages.finding_text(f)
            assert messages.finding_key(f) in finding_texts._FINDINGS, code
            if language == "zh_CN":
                assert CJK.search(text), f"{code} not translated: {text}"


def test_sizes_and_plurals(language):
    assert messages.size_text(0) == "0 KB"
    assert messages.size_text(1) == "<1 KB" and messages.size_text(1023) == "<1 KB"
    assert messages.size_text(1024) == "1 KB"
    assert messages.size_text(1024 * 1024 - 1) == "1.0 MB"
    if language == "en":
        assert messages.duration_text(60) == "about 1 minute"
        assert messages.plural(1, "{n} message", "{n} messages") == "1 message"
        assert messages.plural(2, "{n} message", "{n} messages") == "2 messages"


def test_folder_labels(language):
    inbox, sent = ("Inbox", "Sent") if language == "en" else ("收件箱", "已发送")
    assert messages.folder_label("INBOX") == inbox
    assert messages.folder_label("Sent Messages", "sent") == sent
    assert messages.folder_label("课题组/基金") == "课题组/基金"


def test_contact_format_names(language):
    from mailmover.gui.pages.contacts import format_name

    if language == "en":
        assert format_name("coremail_csv") == "Coremail address book (CSV)"
        assert format_name("vcard_3.0") == "Business cards (vCard 3.0)"
    else:
        assert format_name("coremail_csv") == "Coremail 通讯录 (CSV)"
        assert "vCard 3.0" in format_name("vcard_3.0")
    assert "_" not in format_name("outlook_csv")
