"""HTTP to the sign-in service: requests with the OS trust store and a timeout always.

authlib's OAuth2Session (a requests.Session) does the protocol; this module only sets
how it talks: certificates checked against the system's roots (truststore, as for IMAP),
never without a timeout.
"""

from __future__ import annotations

import ssl
from typing import Any

import requests
import requests.adapters
from authlib.integrations.requests_client import OAuth2Session

USER_AGENT = "mailmover"


class HttpError(Exception):
    """The service could not be reached or did not answer with JSON."""


class _TrustStoreAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        import truststore

        kwargs["ssl_context"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().init_poolmanager(*args, **kwargs)


def _mount(session: requests.Session) -> None:
    session.mount("https://", _TrustStoreAdapter())
    session.headers["User-Agent"] = USER_AGENT
    session.trust_env = True  # a proxy from the environment, as a browser would use


def get_json(url: str, timeout: float) -> dict[str, Any]:
    with requests.Session() as session:
        _mount(session)
        try:
            resp = session.get(url, timeout=timeout, headers={"Accept": "application/json"})
        except requests.RequestException as exc:
            raise HttpError(type(exc).__name__) from None
    if resp.status_code != 200:
        raise HttpError(f"HTTP {resp.status_code}")
    try:
        data = resp.json()
    except ValueError:
        raise HttpError("not JSON") from None
    if not isinstance(data, dict):
        raise HttpError("not a JSON object")
    return data


def post_form(
    url: str, form: dict[str, str], timeout: float, auth: tuple[str, str] | None = None
) -> tuple[int, dict[str, Any]]:
    """A form POST answered with a JSON object (the device authorization endpoint)."""
    with requests.Session() as session:
        _mount(session)
        try:
            resp = session.post(url, data=form, timeout=timeout, auth=auth,
                                headers={"Accept": "application/json"})
        except requests.RequestException as exc:
            raise HttpError(type(exc).__name__) from None
    try:
        data = resp.json()
    except ValueError:
        raise HttpError(f"HTTP {resp.status_code}, not JSON") from None
    if not isinstance(data, dict):
        raise HttpError("not a JSON object")
    return resp.status_code, data


def oauth_session(
    client_id: str,
    client_secret: str | None,
    scope: str,
    redirect_uri: str | None = None,
    timeout: float = 30.0,
) -> OAuth2Session:
    """authlib's client for one exchange with the token endpoint. A public client (no
    secret) names itself in the form (`none`); a secret goes in the Basic header."""
    session = OAuth2Session(
        client_id=client_id,
        client_secret=client_secret,
        scope=scope,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic" if client_secret else "none",
        default_timeout=timeout,
    )
    _mount(session)
    return session


RequestException = requests.RequestException
