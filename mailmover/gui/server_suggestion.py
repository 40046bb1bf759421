"""Which server, port and security an account most likely uses: a public provider's
preset for its domain, else the institution profile's server for that side."""

from __future__ import annotations

from typing import Any

from mailmover.engine import Preset, errors, parse_url, preset_for_email

SECURITY = ("tls", "starttls", "plain")
# Failures about the server settings rather than the address or password.
SERVER_CODES = (errors.HOST_NOT_FOUND, errors.CONNECTION_REFUSED, errors.TIMEOUT,
                errors.TLS_FAILED, errors.TLS_CERTIFICATE, errors.STARTTLS_MISSING,
                errors.STARTTLS_NOT_STARTED, errors.TLS_TOO_OLD, errors.PLAINTEXT_REFUSED,
                errors.NETWORK)
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "plain": 143}


def server_from_profile(value: Any) -> tuple[str, int | None, str | None]:
    """A profile's server as (host, port, security); accepts 'host[:port]', a dict or object."""
    if value is None:
        return "", None, None
    if isinstance(value, str):
        if "://" in value:
            try:
                acc = parse_url(value if "@" in value else value.replace("://", "://x@", 1))
                return acc.host, acc.port, acc.security
            except Exception:  # noqa: BLE001 - a bad profile value must not stop the wizard
                return value, None, None
        host, _, port = value.partition(":")
        return host, int(port) if port.isdigit() else None, None
    def get(key: str) -> Any:
        return value.get(key) if isinstance(value, dict) else getattr(value, key, None)

    port, security = get("port"), get("security")
    return str(get("host") or ""), int(port) if port else None, str(security) if security else None


def suggest_server(
    session: Any, side: str, address: str
) -> tuple[str, int, str, Preset | None] | None:
    """Server settings for a typed address: a public provider's preset when the domain is
    one (qq.com, 163.com …), else the institution profile's server for this side."""
    domain = address.rpartition("@")[2].strip().lower() if "@" in address else ""
    own = str(session.profile_value("email_domain") or "").lower()
    if domain and domain != own:
        found = preset_for_email(address)
        if found is not None and found.imap_host(address):
            return found.imap_host(address), found.imap.port, found.imap.security, found
    host, port, security = server_from_profile(session.profile_server(side))
    if host:
        security = security or "tls"
        return host, port or DEFAULT_PORTS.get(security, 993), security, session.preset_for(
            side, "")
    return None
