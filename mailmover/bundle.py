"""The help-desk bundle: one zip with what support staff need and nothing private.

Contents: a redacted log, server greetings and capabilities, folder lists and mapping,
doctor findings, the move report and the progress store's run/event history. Never
passwords (LOGIN/AUTHENTICATE arguments and every known password are blanked, in plain,
quoted, percent- and base64-encoded forms) and never message contents (no bodies; the
report's subjects are dropped unless asked for).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import os
import platform
import re
import sqlite3
import urllib.parse
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from mailmover import __version__, safefiles
from mailmover.store_reader import bundle_summary

REDACTED = "***"

_LOGIN = re.compile(r"(\bLOGIN\s+(?:\"(?:[^\"\\]|\\.)*\"|\S+)\s+).*$", re.I | re.M)
_AUTHENTICATE = re.compile(r"(\bAUTHENTICATE\s+\S+).*$", re.I | re.M)
_B64 = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")


class BundleLeak(RuntimeError):
    """A password survived redaction: the bundle is not written."""


def _forms(password: str) -> set[str]:
    """Spellings a password takes in logs: plain, IMAP-quoted, URL-encoded, repr'd."""
    forms = {
        password,
        password.replace("\\", "\\\\").replace('"', '\\"'),
        urllib.parse.quote(password, safe=""),
        repr(password)[1:-1],
        password.encode("utf-8").decode("ascii", "backslashreplace"),
    }
    return {f for f in forms if f}


def redact(text: str, passwords: Iterable[str] = ()) -> str:
    text = _LOGIN.sub(lambda m: m.group(1) + REDACTED, text)
    text = _AUTHENTICATE.sub(lambda m: m.group(1) + " " + REDACTED, text)
    secrets_ = [p for p in passwords if p]
    for password in secrets_:
        for form in sorted(_forms(password), key=len, reverse=True):
            text = text.replace(form, REDACTED)

    def base64_token(m: re.Match[str]) -> str:
        token = m.group(0)
        try:
            decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
        except (binascii.Error, ValueError):
            return token
        # SASL PLAIN blobs ("\0user\0password") and any encoded known password.
        if b"\0" in decoded or any(p.encode("utf-8") in decoded for p in secrets_):
            return REDACTED
        return token

    return _B64.sub(base64_token, text)


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if hasattr(value, "to_dict"):
        return _jsonable(value.to_dict())
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (dt.date, dt.datetime, Path)):
        return str(value)
    return value


def _drop_subjects(data: Any) -> Any:
    """Subjects are message content: keep folder, UID, date, size and reason only."""
    if isinstance(data, dict):
        return {k: ("" if k == "subject" else _drop_subjects(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_drop_subjects(v) for v in data]
    return data


def store_summary(store_path: Path) -> dict[str, Any]:
    """What the progress store says, read-only (mailmover.store_reader)."""
    return bundle_summary(store_path)


def write_bundle(
    path: str | Path,
    *,
    report: Any = None,
    log_text: str | None = None,
    capabilities: dict[str, Any] | None = None,
    greetings: dict[str, str] | None = None,
    folders: dict[str, Any] | None = None,
    findings: Any = None,
    store_path: str | Path | None = None,
    passwords: Iterable[str] = (),
    secrets: Iterable[str] = (),  # the wizard's name for the same thing
    extra: dict[str, Any] | None = None,
    include_subjects: bool = False,
) -> Path:
    """Write the zip; raises BundleLeak rather than write a file holding a password."""
    path = Path(path)
    secrets_ = [p for p in (*passwords, *secrets) if p]
    entries: dict[str, str] = {}

    def add_json(name: str, value: Any) -> None:
        data = _jsonable(value)
        if not include_subjects:
            data = _drop_subjects(data)
        entries[name] = json.dumps(data, ensure_ascii=False, indent=2)

    add_json(
        "about.json",
        {
            "mailmover": __version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        },
    )
    if log_text is not None:
        entries["log.txt"] = log_text
    if capabilities is not None or greetings is not None:
        add_json("servers.json", {"greetings": greetings or {}, "capabilities": capabilities})
    if folders is not None:
        add_json("folders.json", folders)
    if findings is not None:
        add_json("doctor.json", findings)
    if report is not None:
        add_json("report.json", report)
    if store_path is not None and Path(store_path).exists():
        try:
            add_json("progress.json", store_summary(Path(store_path)))
        except sqlite3.Error as exc:
            entries["progress-error.txt"] = f"{type(exc).__name__}: {exc}"
    for name, value in (extra or {}).items():
        add_json(name if name.endswith(".json") else name + ".json", value)

    redacted = {name: redact(text, secrets_) for name, text in entries.items()}
    for name, text in redacted.items():  # belt and braces: never ship a password
        if any(p in text for p in secrets_):
            raise BundleLeak(name)
    # 0600 whatever the umask (it holds the log and the folder names); the part file is
    # new (O_EXCL), so a link planted under its name is refused, not written through.
    safefiles.ensure_dir(path.parent, check=False)
    tmp = path.with_suffix(path.suffix + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # a part file left by a killed run (unlink never follows a link)
    with os.fdopen(safefiles.open_new(tmp), "wb") as fh, zipfile.ZipFile(
        fh, "w", compression=zipfile.ZIP_DEFLATED
    ) as zf:
        for name, text in redacted.items():
            zf.writestr(name, text.encode("utf-8"))
    tmp.replace(path)
    return path
