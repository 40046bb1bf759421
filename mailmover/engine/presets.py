"""Provider presets: hosts, ports, folder names, quirks and password help, read from TOML.

The data lives in `resources/presets/*.toml` so the IT office can read (and we can fix) it
without touching code. No Qt here: the wizard and the CLI both use it.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from mailmover.engine.account import SCHEMES, Account
from mailmover.resources import resource_dir

SECURITIES = tuple(v[0] for v in SCHEMES.values())  # "tls", "starttls", "plain"


@dataclass(frozen=True)
class Server:
    host: str = ""
    port: int = 993
    security: str = "tls"
    alternate_hosts: tuple[str, ...] = ()
    host_by_domain: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Quirks:
    send_id: bool = True
    max_connections: int = 2
    max_message_size: int | None = None  # bytes; None when unknown
    folder_parent: str = ""  # where user folders must live on this server, if anywhere
    # The provider's daily IMAP limits per account (0: none known); engine/pacing.py.
    download_mb_per_day: int = 0
    upload_mb_per_day: int = 0


@dataclass(frozen=True)
class OAuthPreset:
    """How a provider signs in with OAuth 2.0: data only (mailmover.oauth uses it). The
    app registration (client id) is never here: it belongs to the institution."""

    issuer: str  # may hold {tenant}
    scopes: tuple[str, ...]
    default_tenant: str = ""  # Microsoft: organizations | consumers | common | a tenant
    authorization_endpoint: str = ""  # where the metadata cannot be relied on
    token_endpoint: str = ""
    device_authorization_endpoint: str = ""
    redirect_host: str = "127.0.0.1"
    admin_consent_url: str = ""  # may hold {tenant} and {client_id}
    required: bool = False  # passwords are refused: OAuth is the only way in
    # App-only access (client credentials, no person signs in): Microsoft's IMAP.AccessAsApp.
    app_scopes: tuple[str, ...] = ()
    title_en: str = ""  # "Microsoft", "Google": the sign-in button's name

    def filled(self, template: str, tenant: str = "", client_id: str = "") -> str:
        return template.replace("{tenant}", tenant or self.default_tenant).replace(
            "{client_id}", client_id
        )


@dataclass(frozen=True)
class Preset:
    name: str
    kind: str  # a mailmover.engine.imap.identify.ServerKind value
    title_en: str
    title_zh: str
    supported: bool
    imap: Server
    smtp: Server
    quirks: Quirks
    domains: tuple[str, ...] = ()
    unsupported_reason: str = ""  # a code, e.g. "oauth"
    webmail: str = ""
    folders: dict[str, str] = field(default_factory=dict, hash=False)  # role -> name
    skip_folders: tuple[str, ...] = ()
    help_en: str = ""
    help_zh: str = ""
    oauth: OAuthPreset | None = None

    def title(self, language: str = "en") -> str:
        return self.title_zh if language.startswith("zh") else self.title_en

    def password_help(self, language: str = "en") -> str:
        return self.help_zh if language.startswith("zh") else self.help_en

    def imap_host(self, address: str = "") -> str:
        """The IMAP host, picking the per-domain one (126.com -> imap.126.com)."""
        domain = address.rpartition("@")[2].lower()
        return self.imap.host_by_domain.get(domain, self.imap.host)

    def account(self, user: str, password: str = "", host: str = "") -> Account:
        """An Account for `user` on this provider; `host` fills in a host-less preset."""
        host = host or self.imap_host(user)
        if not host:
            raise ValueError(f"the {self.name} preset needs a host (from the profile)")
        return Account(
            host=host,
            user=user,
            port=self.imap.port,
            security=self.imap.security,
            password=password,
        )


class PresetError(ValueError):
    """A preset file is malformed: a bug in what we ship, found by the tests."""


def _server(data: dict[str, Any], where: str) -> Server:
    security = data.get("security", "tls")
    if security not in SECURITIES:
        raise PresetError(f"{where}: security must be one of {SECURITIES}, not {security!r}")
    return Server(
        host=str(data.get("host", "")),
        port=int(data.get("port", 993)),
        security=security,
        alternate_hosts=tuple(data.get("alternate_hosts", ())),
        host_by_domain={k.lower(): v for k, v in data.get("host_by_domain", {}).items()},
    )


def _oauth(data: dict[str, Any] | None, where: str) -> OAuthPreset | None:
    if not data:
        return None
    scopes = data.get("scopes", [])
    if not data.get("issuer") or not scopes or not all(isinstance(x, str) for x in scopes):
        raise PresetError(f"{where} [oauth]: needs issuer and scopes (a list of text)")
    return OAuthPreset(
        issuer=str(data["issuer"]),
        scopes=tuple(scopes),
        default_tenant=str(data.get("default_tenant", "")),
        authorization_endpoint=str(data.get("authorization_endpoint", "")),
        token_endpoint=str(data.get("token_endpoint", "")),
        device_authorization_endpoint=str(data.get("device_authorization_endpoint", "")),
        redirect_host=str(data.get("redirect_host", "127.0.0.1")),
        admin_consent_url=str(data.get("admin_consent_url", "")),
        required=bool(data.get("required", False)),
        app_scopes=tuple(str(x) for x in data.get("app_scopes", ())),
        title_en=str(data.get("title_en", "")),
    )


def parse_preset(data: dict[str, Any], where: str = "preset") -> Preset:
    try:
        quirks_raw = dict(data.get("quirks", {}))
        size = int(quirks_raw.pop("max_message_size", 0) or 0)
        quirks = Quirks(max_message_size=size or None, **quirks_raw)
        folders = dict(data.get("folders", {}))
        skip = tuple(folders.pop("skip", ()))
        help_ = data.get("help", {})
        return Preset(
            name=data["name"],
            kind=data.get("kind", "unknown"),
            title_en=data["title_en"],
            title_zh=data.get("title_zh", data["title_en"]),
            supported=bool(data.get("supported", True)),
            unsupported_reason=data.get("unsupported_reason", ""),
            domains=tuple(d.lower() for d in data.get("domains", ())),
            webmail=data.get("webmail", ""),
            imap=_server(data.get("imap", {}), f"{where} [imap]"),
            smtp=_server(data.get("smtp", {}), f"{where} [smtp]"),
            quirks=quirks,
            folders=folders,
            skip_folders=skip,
            help_en=help_.get("password_en", "").strip(),
            help_zh=help_.get("password_zh", "").strip(),
            oauth=_oauth(data.get("oauth"), where),
        )
    except PresetError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise PresetError(f"{where}: {exc}") from None


@functools.lru_cache(maxsize=4)
def load_presets(directory: Path | None = None) -> dict[str, Preset]:
    """Every preset by name, from `resources/presets/` (or `directory`)."""
    directory = directory or resource_dir() / "presets"
    presets: dict[str, Preset] = {}
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise PresetError(f"{path.name}: {exc}") from None
        p = parse_preset(data, path.name)
        if p.name in presets:
            raise PresetError(f"{path.name}: preset {p.name!r} defined twice")
        presets[p.name] = p
    return presets


def preset(name: str) -> Preset:
    """The preset called `name`; KeyError if there is none."""
    return load_presets()[name]


def preset_for_email(address: str) -> Preset | None:
    """The provider of a public mail domain (qq.com -> qq); None for other domains,
    which an institution profile or the user must fill in."""
    domain = address.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    for p in load_presets().values():
        if domain in p.domains:
            return p
    return None


def preset_for_host(host: str) -> Preset | None:
    """The provider whose IMAP server this is (outlook.office365.com -> outlook)."""
    host = host.strip().rstrip(".").lower()
    for p in load_presets().values():
        hosts = {p.imap.host, *p.imap.alternate_hosts, *p.imap.host_by_domain.values()}
        if host and host in {h.lower() for h in hosts if h}:
            return p
    return None


def preset_for_kind(kind: str) -> Preset | None:
    """The preset for a server kind (from identify), for its quirks: the one named after
    the kind, else the first of that kind by name (QQ Mail and Exmail share a kind)."""
    presets = load_presets()
    same = [p for name, p in sorted(presets.items()) if p.kind == kind]
    named = [p for p in same if p.name == kind]
    found = named or same
    return found[0] if found else None
