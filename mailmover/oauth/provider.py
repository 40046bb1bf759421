"""Who signs an account in: the issuer, the app registration, the scopes; and where the
issuer's endpoints are (RFC 8414 metadata, then OpenID Connect discovery).

An `http://` issuer (or endpoint) is allowed only on this computer (loopback), like
`imap+plain://`: a token sent unencrypted over a network could be read on the way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from mailmover.engine.account import is_loopback
from mailmover.oauth import failures
from mailmover.oauth.http import HttpError, get_json

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OAuthConfig:
    """One side's sign-in settings: from the preset and the institution's profile, or
    the command line. The client id is the institution's own app registration."""

    issuer: str
    client_id: str
    scopes: tuple[str, ...] = ()
    # Google's desktop clients have a secret that is not secret (RFC 8252 §8.5); never
    # shown or logged all the same.
    client_secret: str | None = field(default=None, repr=False)
    # Where the provider's metadata is not at the issuer's well-known place.
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    device_authorization_endpoint: str = ""
    # The loopback redirect's host: "127.0.0.1" (RFC 8252), or "localhost" where the
    # registration says http://localhost (Microsoft ignores the port there).
    redirect_host: str = "127.0.0.1"
    # Microsoft: the link an administrator opens to approve the app for the tenant.
    admin_consent_url: str = ""

    def __post_init__(self) -> None:
        check_url(self.issuer, self.issuer)
        for url in (self.authorization_endpoint, self.token_endpoint,
                    self.device_authorization_endpoint):
            if url:
                check_url(url, self.issuer)

    @property
    def key(self) -> str:
        """Identifies the sign-in in the keychain: issuer and app registration."""
        return f"{self.issuer.rstrip('/')}|{self.client_id}"


@dataclass(frozen=True)
class Metadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    device_authorization_endpoint: str = ""


def check_url(url: str, issuer: str) -> None:
    """https, or http to this computer only."""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or not parts.hostname or parts.scheme not in ("https", "http"):
        raise failures.OAuthFailure(failures.ISSUER, issuer=issuer, detail=f"{url} is no URL")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise failures.OAuthFailure(
            failures.ISSUER,
            issuer=issuer,
            detail="an http:// address is allowed only on this computer (use https://)",
        )


def well_known_urls(issuer: str) -> list[str]:
    """RFC 8414's (the well-known part inserted before the issuer's path), then OIDC's
    (appended to the issuer), in the order they are tried."""
    parts = urlsplit(issuer)
    path = parts.path.rstrip("/")
    rfc8414 = urlunsplit(
        (parts.scheme, parts.netloc, "/.well-known/oauth-authorization-server" + path, "", "")
    )
    oidc = issuer.rstrip("/") + "/.well-known/openid-configuration"
    return [rfc8414, oidc]


def _same_issuer(said: str, ours: str) -> bool:
    # Microsoft's multi-tenant authorities (common, organizations) name a template.
    return said.rstrip("/") == ours.rstrip("/") or "{tenantid}" in said


def discover(config: OAuthConfig, timeout: float = 30.0) -> Metadata:
    """The issuer's endpoints: given ones win, the rest from its metadata."""
    if config.authorization_endpoint and config.token_endpoint:
        return Metadata(config.issuer, config.authorization_endpoint, config.token_endpoint,
                        config.device_authorization_endpoint)
    tried: list[str] = []
    for url in well_known_urls(config.issuer):
        try:
            data = get_json(url, timeout)
        except HttpError as exc:
            tried.append(f"{url}: {exc}")
            continue
        said = str(data.get("issuer", ""))
        if not _same_issuer(said, config.issuer) or not data.get("token_endpoint"):
            tried.append(f"{url}: metadata of another issuer ({said})")
            continue
        meta = Metadata(
            issuer=config.issuer,
            authorization_endpoint=config.authorization_endpoint
            or str(data.get("authorization_endpoint", "")),
            token_endpoint=config.token_endpoint or str(data["token_endpoint"]),
            device_authorization_endpoint=config.device_authorization_endpoint
            or str(data.get("device_authorization_endpoint", "")),
        )
        for endpoint in (meta.authorization_endpoint, meta.token_endpoint,
                         meta.device_authorization_endpoint):
            if endpoint:
                check_url(endpoint, config.issuer)
        log.info("sign-in endpoints of %s from %s", config.issuer, url)
        return meta
    raise failures.OAuthFailure(
        failures.ISSUER, issuer=config.issuer, detail="no metadata found (" + "; ".join(tried) + ")"
    )
