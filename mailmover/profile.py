"""The institution profile: what is the same for everyone at one university.

An IT office writes one TOML file (see docs/profile.md and resources/profiles/) with the
old and new servers, web addresses, help-desk contacts, key dates and folder overrides;
the wizard and the CLI pre-fill everything from it. A bad profile is reported with a
code and the line number of the offending key, never silently half-used.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from mailmover.engine import SECURITIES, Account, MailMoverError, errors, load_presets
from mailmover.resources import resource_dir

PROFILE_FILE = "mailmover-profile.toml"  # beside the executable
BUNDLED_PROFILE = "default.toml"  # in resources/profiles/, only if the IT office put it there

PROFILE_UNREADABLE = "profile.unreadable"
PROFILE_SYNTAX = "profile.syntax"
PROFILE_UNKNOWN_KEY = "profile.unknown_key"
PROFILE_BAD_VALUE = "profile.bad_value"
PROFILE_UNKNOWN_PRESET = "profile.unknown_preset"
PROFILE_VERSION = "profile.version"

errors.add_english(
    {
        PROFILE_UNREADABLE: "The profile {path} cannot be read: {detail}",
        PROFILE_SYNTAX: "The profile {path} is not valid TOML (line {line}): {detail}",
        PROFILE_UNKNOWN_KEY: "The profile {path}, line {line}: unknown setting {key}.",
        PROFILE_BAD_VALUE: "The profile {path}, line {line}: {key} {detail}",
        PROFILE_UNKNOWN_PRESET: "The profile {path}, line {line}: {key} names no known provider "
        "preset ({detail}).",
        PROFILE_VERSION: "The profile {path}, line {line}: version {detail} is newer than this "
        "mailmover understands; update mailmover.",
    }
)

SUPPORTED_VERSION = 1


class ProfileError(MailMoverError):
    """A profile that cannot be used; params carry `path`, `line` and usually `key`."""

    @property
    def line(self) -> int:
        return int(self.params.get("line", 0))


@dataclass(frozen=True)
class ServerSettings:
    """One side's server: explicit values, else the preset's."""

    preset: str = "generic"
    host: str = ""
    port: int = 993
    security: str = "tls"
    # Sign-in with OAuth 2.0: the institution's own app registration, its tenant
    # (Microsoft), or a campus issuer with its scopes (docs/oauth.md).
    oauth_client_id: str = ""
    oauth_tenant: str = ""
    oauth_issuer: str = ""
    oauth_scopes: tuple[str, ...] = ()

    def account(self, user: str, password: str = "") -> Account:
        if not self.host:
            raise ValueError(f"no host configured for the {self.preset} server")
        return Account(
            host=self.host, port=self.port, security=self.security, user=user, password=password
        )


@dataclass
class Profile:
    institution: str = ""
    institution_en: str = ""
    email_domain: str = ""
    old_server: ServerSettings = field(default_factory=lambda: ServerSettings("coremail"))
    new_server: ServerSettings = field(default_factory=lambda: ServerSettings("exmail"))
    old_webmail: str = ""
    new_webmail: str = ""
    password_change_url: str = ""
    contacts_export_url: str = ""
    cloud_drive_url: str = ""
    helpdesk_phone: str = ""
    helpdesk_email: str = ""
    switch_date: dt.date | None = None
    old_closes_date: dt.date | None = None
    folder_overrides: dict[str, str] = field(default_factory=dict)
    default_password_hint: str = ""
    default_password_hint_en: str = ""
    source_path: Path | None = None

    def name(self, language: str = "zh") -> str:
        if language.startswith("en") and self.institution_en:
            return self.institution_en
        return self.institution or self.institution_en

    def password_hint(self, language: str = "zh") -> str:
        if language.startswith("en") and self.default_password_hint_en:
            return self.default_password_hint_en
        return self.default_password_hint or self.default_password_hint_en

    def address_for(self, user: str) -> str:
        """`alice` -> `alice@uni.edu.cn` when the profile knows the domain."""
        if "@" in user or not self.email_domain:
            return user
        return f"{user}@{self.email_domain}"


# -- locating keys in the source text, for line numbers ----------------------------------
_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\-]+)\s*=""")


def _unquote(part: str) -> str:
    part = part.strip()
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    return part


def _dotted(text: str) -> tuple[str, ...]:
    parts = re.findall(r"""("(?:[^"\\]|\\.)*"|'[^']*'|[^.]+)""", text)
    return tuple(_unquote(p) for p in parts)


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Map each table and key path to its 1-based line (good enough for error messages)."""
    found: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                in_multiline = False
            continue
        m = _TABLE.match(line)
        if m:
            table = _dotted(m.group(1))
            found.setdefault(table, number)
            continue
        m = _KEY.match(line)
        if m:
            found.setdefault(table + _dotted(m.group(1)), number)
            rest = line[m.end() :]
            if rest.count('"""') == 1 or rest.count("'''") == 1:
                in_multiline = True
    return found


# -- the schema ---------------------------------------------------------------------------
# table -> key -> kind; "text" also accepts {zh = "...", en = "..."}.
_SCHEMA: dict[str, dict[str, str]] = {
    "": {"version": "int"},
    "institution": {"name": "text", "email_domain": "domain"},
    "old_server": {
        "preset": "preset",
        "host": "host",
        "port": "port",
        "security": "security",
        "webmail": "url",
        "oauth_client_id": "str",
        "oauth_tenant": "str",
        "oauth_issuer": "url",
        "oauth_scopes": "strlist",
    },
    "new_server": {
        "preset": "preset",
        "host": "host",
        "port": "port",
        "security": "security",
        "webmail": "url",
        "oauth_client_id": "str",
        "oauth_tenant": "str",
        "oauth_issuer": "url",
        "oauth_scopes": "strlist",
    },
    "links": {"password_change": "url", "contacts_export": "url", "cloud_drive": "url"},
    "helpdesk": {"phone": "str", "email": "email"},
    "dates": {"switch": "date", "old_closes": "date"},
    "folders": {},  # free-form: source folder -> destination folder
    "hints": {"default_password": "text"},
}


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = key_lines(text)

    def line(self, *keys: str) -> int:
        for n in range(len(keys), 0, -1):
            if keys[:n] in self.lines:
                return self.lines[keys[:n]]
        return 0

    def fail(self, code: str, keys: tuple[str, ...], detail: str = "") -> ProfileError:
        return ProfileError(
            code, path=str(self.path), line=self.line(*keys), key=".".join(keys), detail=detail
        )

    def check(self, keys: tuple[str, ...], kind: str, value: Any) -> Any:
        def bad(why: str) -> ProfileError:
            return self.fail(PROFILE_BAD_VALUE, keys, why)

        if kind == "text":
            if isinstance(value, dict):
                extra = set(value) - {"zh", "en"}
                if extra:
                    raise self.fail(PROFILE_UNKNOWN_KEY, keys + (sorted(extra)[0],))
                if not all(isinstance(v, str) for v in value.values()):
                    raise bad("must be text")
                return {k: v.strip() for k, v in value.items()}
            kind = "str"
        if kind == "strlist":
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise bad('must be a list of text, like ["imap", "offline_access"]')
            return tuple(v.strip() for v in value)
        if kind in ("str", "host", "domain", "url", "email", "preset", "security"):
            if not isinstance(value, str):
                raise bad("must be text in quotes")
            value = value.strip()
        if kind == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            raise bad("must be a whole number")
        if kind == "port" and (
            not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 65536
        ):
            raise bad("must be a port number between 1 and 65535")
        if kind == "security" and value not in SECURITIES:
            raise bad("must be one of " + ", ".join(SECURITIES))
        if kind == "host" and (not value or re.search(r"[\s/@:]", value)):
            raise bad("must be a server name like mail.uni.edu.cn (no scheme, port or path)")
        if kind == "domain" and (not value or "@" in value or re.search(r"\s", value)):
            raise bad("must be a mail domain like uni.edu.cn (without @)")
        if kind == "url" and not re.match(r"https?://[^\s/]+", value):
            raise bad("must be a web address starting with https://")
        if kind == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise bad("must be an e-mail address")
        if kind == "preset" and value not in load_presets():
            raise self.fail(
                PROFILE_UNKNOWN_PRESET, keys, "known: " + ", ".join(sorted(load_presets()))
            )
        if kind == "date":
            if isinstance(value, dt.datetime):
                value = value.date()
            elif isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value.strip())
                except ValueError:
                    raise bad("must be a date like 2025-07-01") from None
            elif not isinstance(value, dt.date):
                raise bad("must be a date like 2025-07-01")
        return value


def _server(raw: dict[str, Any], default_preset: str) -> tuple[ServerSettings, str]:
    name = raw.get("preset", default_preset)
    p = load_presets()[name]
    settings = ServerSettings(
        preset=name,
        host=raw.get("host", p.imap.host),
        port=raw.get("port", p.imap.port),
        security=raw.get("security", p.imap.security),
        oauth_client_id=raw.get("oauth_client_id", ""),
        oauth_tenant=raw.get("oauth_tenant", ""),
        oauth_issuer=raw.get("oauth_issuer", ""),
        oauth_scopes=raw.get("oauth_scopes", ()),
    )
    return settings, raw.get("webmail", p.webmail)


def parse_profile(text: str, path: Path | str = "<profile>") -> Profile:
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        m = re.search(r"line (\d+)", detail)
        raise ProfileError(
            PROFILE_SYNTAX, path=str(path), line=int(m.group(1)) if m else 0, detail=detail
        ) from None
    r = _Reader(path, text)
    values: dict[str, dict[str, Any]] = {t: {} for t in _SCHEMA}
    for top, value in data.items():
        if top in _SCHEMA[""]:
            values[""][top] = r.check((top,), _SCHEMA[""][top], value)
            continue
        if top not in _SCHEMA or not isinstance(value, dict):
            raise r.fail(PROFILE_UNKNOWN_KEY, (top,))
        for key, item in value.items():
            keys = (top, key)
            if top == "folders":
                if not isinstance(item, str) or not item.strip():
                    raise r.fail(PROFILE_BAD_VALUE, keys, "must be a destination folder name")
                values[top][key] = item.strip()
            elif key not in _SCHEMA[top]:
                raise r.fail(PROFILE_UNKNOWN_KEY, keys)
            else:
                values[top][key] = r.check(keys, _SCHEMA[top][key], item)
    version = values[""].get("version", SUPPORTED_VERSION)
    if version > SUPPORTED_VERSION:
        raise r.fail(PROFILE_VERSION, ("version",), str(version))

    old, old_webmail = _server(values["old_server"], "coremail")
    new, new_webmail = _server(values["new_server"], "exmail")
    inst = values["institution"]
    name = inst.get("name", "")
    hint = values["hints"].get("default_password", "")
    names = name if isinstance(name, dict) else {"zh": name}
    hints = hint if isinstance(hint, dict) else {"zh": hint}
    links, helpdesk, dates = values["links"], values["helpdesk"], values["dates"]
    return Profile(
        institution=names.get("zh", "") or names.get("en", ""),
        institution_en=names.get("en", ""),
        email_domain=inst.get("email_domain", "").lower(),
        old_server=old,
        new_server=new,
        old_webmail=old_webmail,
        new_webmail=new_webmail,
        password_change_url=links.get("password_change", ""),
        contacts_export_url=links.get("contacts_export", ""),
        cloud_drive_url=links.get("cloud_drive", ""),
        helpdesk_phone=helpdesk.get("phone", ""),
        helpdesk_email=helpdesk.get("email", ""),
        switch_date=dates.get("switch"),
        old_closes_date=dates.get("old_closes"),
        folder_overrides=dict(values["folders"]),
        default_password_hint=hints.get("zh", "") or hints.get("en", ""),
        default_password_hint_en=hints.get("en", ""),
        source_path=path,
    )


def load_profile(path: str | Path) -> Profile:
    """Read and check a profile; raises ProfileError (code, path, line) when unusable."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")  # Notepad adds a BOM
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(PROFILE_UNREADABLE, path=str(path), line=0, detail=str(exc)) from None
    return parse_profile(text, path)


def _beside_executable() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else Path.cwd()


def find_profile(explicit: str | Path | None = None) -> Path | None:
    """--profile FILE, else mailmover-profile.toml beside the executable, else a bundled
    resources/profiles/default.toml (present only if the IT office put one there)."""
    if explicit:
        return Path(explicit)
    for candidate in (
        _beside_executable() / PROFILE_FILE,
        resource_dir() / "profiles" / BUNDLED_PROFILE,
    ):
        if candidate.is_file():
            return candidate
    return None


def configured_profile(explicit: str | Path | None = None) -> Profile | None:
    """The profile to use (see find_profile), loaded; None when there is none."""
    path = find_profile(explicit)
    return load_profile(path) if path is not None else None
