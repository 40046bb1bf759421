"""What a server or the network said, made readable: b'…' literals decoded, the TLS
library's codes in plain words, account keys as addresses."""

from __future__ import annotations

import ast
import re
from typing import Any

from mailmover.gui.i18n import QT_TRANSLATE_NOOP

from .people import account_label
from .templates import translated

# Plain words for what the TLS library says (the text in brackets of "[SSL: …]").
_SSL_WORDS: dict[str, str] = {
    "WRONG_VERSION_NUMBER": QT_TRANSLATE_NOOP(
        "Messages", "the server did not answer with encryption on this port (the port or "
        "the security setting is probably wrong)"),
    "CERTIFICATE_VERIFY_FAILED": QT_TRANSLATE_NOOP(
        "Messages", "the server's security certificate could not be verified"),
    "UNSUPPORTED_PROTOCOL": QT_TRANSLATE_NOOP(
        "Messages", "the server only offers an old, unsafe kind of encryption"),
    "TLSV1_ALERT_PROTOCOL_VERSION": QT_TRANSLATE_NOOP(
        "Messages", "the server only offers an old, unsafe kind of encryption"),
    "SSLV3_ALERT_HANDSHAKE_FAILURE": QT_TRANSLATE_NOOP(
        "Messages", "the server and this computer found no kind of encryption in common"),
    "UNEXPECTED_EOF_WHILE_READING": QT_TRANSLATE_NOOP(
        "Messages", "the server closed the connection while it was being secured"),
}
_SSL_OTHER = QT_TRANSLATE_NOOP("Messages", "the secure connection could not be set up")
_SSL_RE = re.compile(r"\[SSL(?:: ?([A-Z0-9_]+))?\][^(]*(?:\(_ssl\.c:\d+\))?")
_BYTES_RE = re.compile(r"""\bb(['"])((?:\\.|(?!\1).)*)\1""")


def server_answer(detail: object) -> str:
    """What a server or the network said, as readable text: b'…' literals decoded, the
    TLS library's "[SSL: WRONG_VERSION_NUMBER] … (_ssl.c:1006)" put in plain words."""
    if isinstance(detail, bytes):
        text = detail.decode("utf-8", "replace")
    else:
        text = str(detail or "")

    def unbytes(m: re.Match[str]) -> str:
        try:
            value = ast.literal_eval(m.group(0))
        except (ValueError, SyntaxError):
            return m.group(2)
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else m.group(2)

    text = _BYTES_RE.sub(unbytes, text)

    def ssl_words(m: re.Match[str]) -> str:
        template = _SSL_WORDS.get(m.group(1) or "")
        return translated(template or _SSL_OTHER)

    text = _SSL_RE.sub(ssl_words, text)
    return " ".join(text.split()).strip(" ;:")


_PLAIN_PARAMS = {"detail", "reason"}
_ACCOUNT_PARAMS = {"target", "source", "account"}


def plain_params(params: dict[str, Any]) -> dict[str, Any]:
    out = dict(params)
    for key in _PLAIN_PARAMS & out.keys():
        out[key] = server_answer(out[key])
    for key in _ACCOUNT_PARAMS & out.keys():
        out[key] = account_label(out[key])
    return out
