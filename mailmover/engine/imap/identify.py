"""Which server software is this? Decided from the greeting and the capability list.

Used to pick quirks (presets) and the hints shown when something fails. Patterns come
from public transcripts (docs/providers.md); anything unrecognised is "unknown",
and callers must then probe rather than assume.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum


class ServerKind(str, Enum):
    COREMAIL = "coremail"
    EXMAIL = "exmail"  # Tencent Exmail and QQ Mail: one server family
    DOVECOT = "dovecot"
    EXCHANGE = "exchange"
    GMAIL = "gmail"
    NETEASE = "netease"  # 163 / 126 / yeah.net: Coremail run by NetEase
    ALIYUN = "aliyun"
    UNKNOWN = "unknown"


# Greeting patterns, most specific first (NetEase greets as Coremail with its own tag).
_GREETINGS: tuple[tuple[ServerKind, re.Pattern[str]], ...] = (
    (ServerKind.NETEASE, re.compile(r"coremail.*\((?:163|126|yeah)(?:com|net)?\b", re.I)),
    (ServerKind.COREMAIL, re.compile(r"coremail", re.I)),
    (ServerKind.EXMAIL, re.compile(r"qqmail|xmimap|exmail|tencent", re.I)),
    (ServerKind.GMAIL, re.compile(r"\bgimap\b", re.I)),
    (ServerKind.EXCHANGE, re.compile(r"microsoft exchange|outlook\.office365|\bexchange\b", re.I)),
    (ServerKind.ALIYUN, re.compile(r"aliyun|alimail|alibaba", re.I)),
    (ServerKind.DOVECOT, re.compile(r"\bdovecot\b", re.I)),
)

# Capabilities only one family advertises.
_CAPABILITIES: tuple[tuple[ServerKind, str], ...] = (
    (ServerKind.COREMAIL, "X-CM-EXT-"),
    (ServerKind.GMAIL, "X-GM-EXT-"),
)


def identify(greeting: str, capabilities: Iterable[str | bytes] = ()) -> ServerKind:
    """Guess the server family; ServerKind.UNKNOWN when nothing matches."""
    for kind, pattern in _GREETINGS:
        if pattern.search(greeting or ""):
            return kind
    caps = [c.decode("ascii", "replace") if isinstance(c, bytes) else c for c in capabilities]
    for kind, prefix in _CAPABILITIES:
        if any(c.upper().startswith(prefix) for c in caps):
            return kind
    return ServerKind.UNKNOWN
