"""Which sign-in an account uses: the provider's preset (endpoints, scopes), the
institution's profile (its app registration: client id, tenant; or a campus issuer)
and the command line, in rising order of precedence. None: a password.

The client id is always the institution's own registration (docs/oauth.md); mailmover
ships none and never borrows another product's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mailmover.engine.presets import OAuthPreset, preset_for_host
from mailmover.oauth import failures
from mailmover.oauth.provider import OAuthConfig


class SettingsError(ValueError):
    """The sign-in is asked for but cannot be set up from what was given (usage)."""


@dataclass(frozen=True)
class Given:
    """What the profile (for this side) and the command line say; empty = not said."""

    issuer: str = ""
    client_id: str = ""
    tenant: str = ""
    scopes: tuple[str, ...] = ()
    client_secret: str | None = field(default=None, repr=False)

    def wants_oauth(self) -> bool:
        return bool(self.issuer or self.client_id or self.scopes)

    def over(self, base: Given) -> Given:
        """These values where given, else base's."""
        return Given(
            issuer=self.issuer or base.issuer,
            client_id=self.client_id or base.client_id,
            tenant=self.tenant or base.tenant,
            scopes=self.scopes or base.scopes,
            client_secret=self.client_secret or base.client_secret,
        )


def _tenant_in(template: str, issuer: str) -> str | None:
    """The tenant, when `issuer` is the preset's issuer with a tenant filled in."""
    if "{tenant}" not in template:
        return "" if issuer.rstrip("/") == template.rstrip("/") else None
    head, _, tail = template.partition("{tenant}")
    m = re.fullmatch(re.escape(head) + r"([^/]+)" + re.escape(tail.rstrip("/")), issuer.rstrip("/"))
    return m.group(1) if m else None


def resolve(host: str, given: Given) -> OAuthConfig | None:
    """The sign-in for an account on `host`, or None where it signs in with a password."""
    preset = preset_for_host(host)
    p: OAuthPreset | None = preset.oauth if preset is not None else None
    if not given.wants_oauth() and not (p is not None and p.required):
        return None
    tenant: str | None = given.tenant
    if given.issuer and p is not None:
        found = _tenant_in(p.issuer, given.issuer)
        if found is None:
            p = None  # another issuer (a campus's own): nothing of the preset applies
        else:
            tenant = found or given.tenant
    issuer = given.issuer or (p.filled(p.issuer, tenant or "") if p is not None else "")
    if not issuer:
        raise SettingsError(
            f"no sign-in service is known for {host}: name it with --source-oauth-issuer / "
            "--target-oauth-issuer (or oauth_issuer in the profile)"
        )
    if not given.client_id:
        raise SettingsError(failures.OAuthFailure(failures.NO_CLIENT_ID, issuer=issuer).english())
    scopes = given.scopes or (p.scopes if p is not None else ())
    if p is not None and "offline_access" in p.scopes and "offline_access" not in scopes:
        scopes = (*scopes, "offline_access")  # without it no refresh token comes
    if not scopes:
        raise SettingsError(
            f"name the scopes {issuer} grants for IMAP (--source-oauth-scope / "
            "--target-oauth-scope, one per option, or oauth_scopes in the profile)"
        )
    client_id = given.client_id

    def fill(template: str) -> str:
        return p.filled(template, tenant or "", client_id) if p is not None else ""

    return OAuthConfig(
        issuer=issuer,
        client_id=client_id,
        scopes=tuple(scopes),
        client_secret=given.client_secret,
        authorization_endpoint=fill(p.authorization_endpoint) if p else "",
        token_endpoint=fill(p.token_endpoint) if p else "",
        device_authorization_endpoint=fill(p.device_authorization_endpoint) if p else "",
        redirect_host=p.redirect_host if p is not None else "127.0.0.1",
        admin_consent_url=fill(p.admin_consent_url) if p else "",
    )
