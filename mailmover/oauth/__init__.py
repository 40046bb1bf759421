"""Signing in with OAuth 2.0 (Microsoft 365, Outlook.com, Google, a campus issuer).

- provider.py: the issuer, the institution's app registration, the scopes; metadata
  discovery (RFC 8414, then OpenID Connect).
- flows.py: browser sign-in (code + PKCE, loopback redirect), device code, refresh;
  an app's own token (client credentials, for a batch's app-only access).
- assertion.py: an app's signed client assertion (RFC 7523) from its certificate.
- loopback.py: the redirect listener on 127.0.0.1.
- tokens.py: access/refresh tokens and their lifetime.
- failures.py: why a sign-in did not work, as a plain sentence (exit 3).

authlib does the protocol, requests the HTTP (OS trust store). No Qt in this package.
"""
