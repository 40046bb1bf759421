"""Server identification from greetings and capabilities.

Greetings are as recorded in public transcripts (docs/providers.md and provider
issue threads); two are read live from the servers the tests start.
"""

from __future__ import annotations

import pytest

from mailmover.engine.imap.connect import connect
from mailmover.engine.imap.identify import ServerKind, identify

COREMAIL_CAPS = "IMAP4rev1 XLIST SPECIAL-USE ID LITERAL+ STARTTLS UIDPLUS X-CM-EXT-1".split()
QQ_CAPS = "IMAP4 IMAP4rev1 XLIST MOVE IDLE NAMESPACE CHILDREN ID UIDPLUS AUTH=PLAIN".split()


@pytest.mark.parametrize(
    "greeting, caps, kind",
    [
        ("* OK Coremail System IMap Server Ready(mail.uni.edu.cn)", COREMAIL_CAPS, "coremail"),
        ("* OK Coremail System IMap Server Ready(163com[20121016])", COREMAIL_CAPS, "netease"),
        ("* OK Coremail System IMap Server Ready(126com[20140526])", (), "netease"),
        (
            "* OK [CAPABILITY IMAP4 IMAP4rev1 ID AUTH=PLAIN] QQMail XMIMAP4Server ready",
            QQ_CAPS,
            "exmail",
        ),
        ("* OK Gimap ready for requests from 203.0.113.9 l12mb2635wrb", ("X-GM-EXT-1",), "gmail"),
        ("* OK The Microsoft Exchange IMAP4 service is ready. [TQBOADIAUABSADAA]", (), "exchange"),
        (
            "* OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+] Dovecot (Debian) ready.",
            (),
            "dovecot",
        ),
        ("* OK AliYun IMAP Server Ready(10.147.40.1)", (), "aliyun"),
        # A Coremail with its banner customised is still known by its extension.
        ("* OK IMAP ready", COREMAIL_CAPS, "coremail"),
        ("* OK IMAP ready", ("x-gm-ext-1",), "gmail"),
        ("* OK Cyrus IMAP v3.4 server ready", ("IMAP4rev1",), "unknown"),
        ("", (), "unknown"),
    ],
)
def test_recorded_greetings(greeting, caps, kind):
    assert identify(greeting, caps) == ServerKind(kind)


def test_bytes_capabilities_accepted():
    assert identify("", [b"X-CM-EXT-1"]) is ServerKind.COREMAIL


def test_live_dovecot(exmail_server, make_account):
    """Dovecot with Exmail's capability list is still Dovecot by its banner."""
    conn = connect(make_account(exmail_server).account())
    try:
        assert identify(conn.greeting, conn.capabilities) is ServerKind.DOVECOT
    finally:
        conn.close()
