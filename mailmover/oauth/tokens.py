"""What a sign-in gives: an access token with its lifetime, a refresh token, who signed in.

Servers check an access token only when a connection logs in, so every connect needs
one with enough life left: the margin is min(5 minutes, half the token's lifetime).
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

MARGIN = 300.0  # seconds of life a token must have left when it is handed out


@dataclass(frozen=True)
class TokenSet:
    access_token: str = field(repr=False)
    refresh_token: str = field(default="", repr=False)
    expires_at: float = 0.0  # epoch seconds; 0: unknown (treated as used up)
    obtained_at: float = 0.0
    scope: str = ""
    signed_in_as: str = ""  # from the ID token, where the issuer sent one

    @property
    def lifetime(self) -> float:
        return max(self.expires_at - self.obtained_at, 0.0)

    def margin(self) -> float:
        return min(MARGIN, self.lifetime / 2)

    def usable(self, now: float, min_life: float | None = None) -> bool:
        """Enough life left for a login now (and for `min_life` seconds, if asked)."""
        if not self.access_token or not self.expires_at:
            return False
        need = max(self.margin(), min_life or 0.0)
        return self.expires_at - now > need

    def used_up(self) -> TokenSet:
        """The same sign-in with its access token no longer trusted (a server refused it)."""
        return replace(self, expires_at=0.0)

    # -- keychain form ---------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps(
            {
                "access_token": self.access_token,
                "refresh_token": self.refresh_token,
                "expires_at": self.expires_at,
                "obtained_at": self.obtained_at,
                "scope": self.scope,
                "signed_in_as": self.signed_in_as,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> TokenSet | None:
        try:
            data = json.loads(text)
            return cls(
                access_token=str(data.get("access_token", "")),
                refresh_token=str(data.get("refresh_token", "")),
                expires_at=float(data.get("expires_at", 0.0)),
                obtained_at=float(data.get("obtained_at", 0.0)),
                scope=str(data.get("scope", "")),
                signed_in_as=str(data.get("signed_in_as", "")),
            )
        except (ValueError, TypeError, AttributeError):
            return None


def from_response(
    answer: Mapping[str, Any], previous: TokenSet | None = None, now: float | None = None
) -> TokenSet:
    """A token endpoint's answer as a TokenSet. Without a new refresh token (no rotation)
    the previous one stays valid and is kept."""
    now = time.time() if now is None else now
    try:
        expires_in = float(answer.get("expires_in") or 0)
    except (TypeError, ValueError):
        expires_in = 0.0
    if not expires_in:
        expires_in = 3600.0  # RFC 6749 §5.1 leaves it optional; an hour is the common life
    refresh = str(answer.get("refresh_token") or (previous.refresh_token if previous else ""))
    who = id_token_user(str(answer.get("id_token") or ""))
    if not who and previous is not None:
        who = previous.signed_in_as
    return TokenSet(
        access_token=str(answer.get("access_token", "")),
        refresh_token=refresh,
        expires_at=now + expires_in,
        obtained_at=now,
        scope=str(answer.get("scope") or (previous.scope if previous else "")),
        signed_in_as=who,
    )


def id_token_user(id_token: str) -> str:
    """Who signed in, from an OpenID Connect ID token's claims. Only shown to the person
    and compared with the account name: the server checks the access token itself, so
    the signature does not matter here (it came straight from the token endpoint over
    TLS, RFC 6749 §10.7)."""
    parts = id_token.split(".")
    if len(parts) < 2:
        return ""
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(raw)
    except (ValueError, TypeError):
        return ""
    if not isinstance(claims, dict):
        return ""
    for name in ("email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and value:
            return value
    return ""
