"""A small OAuth 2.0 authorization server on 127.0.0.1, for tests with real HTTP.

What it serves (the parts mailmover and Dovecot's oauth2 passdb use):
- metadata: RFC 8414 `/.well-known/oauth-authorization-server` (inserted before the
  issuer's path) and OIDC `{issuer}/.well-known/openid-configuration`; `discovery`
  chooses which of the two answer;
- `/authorize`: authorization code with PKCE S256 (RFC 7636), redirecting to the
  client's loopback URI with `code` and `state`, or with an `error`;
- `/device` (RFC 8628) with `approve_device` standing in for the person at the browser;
- `/token`: authorization_code, device_code and refresh_token grants, refresh tokens
  rotated (the old one retired) unless `rotate` is off;
- `/introspect` (RFC 7662), which Dovecot asks about every token at AUTHENTICATE;
- app-only access as Microsoft's (client credentials, RFC 6749 §4.4): a confidential
  client (`clients` maps it to its secret) gets a token for no user, which opens only
  the mailboxes an administrator granted the app (`app_mailboxes`, as Exchange's
  `Add-MailboxPermission`): `/introspect` answers for it when it is told which mailbox
  is being opened (`mailbox`, as tests/oauth/app_dovecot.py's checkpassword sends).
  The app proves itself with its secret, or with an RS256 assertion (RFC 7523) signed
  by the key of the certificate registered in `client_certs`, found by its SHA-1
  thumbprint (`x5t`) as Microsoft does.

Switches for the unhappy paths: `expire_access`, `revoke`, `deny`, `device_slow_down`,
`sign_in_as` (the person signs in with another account). Every token it ever issued is in
`issued` so a test can look for it in files.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class Grant:
    user: str
    scope: str
    client_id: str
    active: bool = True
    app: bool = False  # client credentials: the app itself, no person


@dataclass
class Access:
    grant: Grant
    expires: float

    @property
    def active(self) -> bool:
        return self.grant.active and time.time() < self.expires


@dataclass
class Device:
    client_id: str
    scope: str
    user_code: str
    expires: float
    user: str | None = None
    denied: bool = False
    last_poll: float = 0.0


@dataclass
class LocalIssuer:
    path: str = ""  # the issuer's path, e.g. "/tenant" (RFC 8414 inserts before it)
    discovery: tuple[str, ...] = ("rfc8414", "oidc")
    access_lifetime: float = 3600.0
    rotate: bool = True
    clients: dict[str, str | None] = field(default_factory=lambda: {"mailmover-test": None})
    # App-only access: the mailboxes each confidential client was granted.
    app_mailboxes: dict[str, set[str]] = field(default_factory=dict)
    client_certs: dict[str, bytes] = field(default_factory=dict)  # client id -> PEM
    # Switches
    deny: str | None = None  # an error code /authorize answers with (access_denied, ...)
    deny_description: str = ""
    sign_in_as: str | None = None  # who the person signs in as (else login_hint)
    device_slow_down: int = 0  # how many polls answer slow_down first
    device_interval: int = 1
    device_lifetime: float = 600.0
    # What happened
    issued: list[str] = field(default_factory=list)
    grants_seen: list[str] = field(default_factory=list)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    introspections: int = 0
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _codes: dict[str, tuple[Grant, str, str]] = field(default_factory=dict)
    _refresh: dict[str, Grant] = field(default_factory=dict)
    _access: dict[str, Access] = field(default_factory=dict)
    _devices: dict[str, Device] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None

    # -- lifecycle ---------------------------------------------------------------
    def start(self) -> LocalIssuer:
        issuer = self

        class Handler(_Handler):
            owner = issuer

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> LocalIssuer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.base + self.path

    def metadata(self) -> dict[str, Any]:
        u = self.url
        return {
            "issuer": u,
            "authorization_endpoint": f"{u}/authorize",
            "token_endpoint": f"{u}/token",
            "device_authorization_endpoint": f"{u}/device",
            "introspection_endpoint": f"{u}/introspect",
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": [
                "authorization_code",
                "refresh_token",
                "urn:ietf:params:oauth:grant-type:device_code",
            ],
            "scopes_supported": ["imap", "offline_access", "openid", "email"],
        }

    # -- switches ----------------------------------------------------------------
    def issue(
        self,
        user: str,
        scope: str = "imap",
        client_id: str = "mailmover-test",
        lifetime: float | None = None,
    ) -> tuple[str, str]:
        """An access and a refresh token for `user`, as a finished sign-in gives."""
        with self._lock:
            grant = Grant(user, scope, client_id)
            return self._tokens(grant, lifetime)["access_token"], self._new_refresh(grant)

    def reset(self) -> None:
        """The switches back to a plain, agreeable issuer (between tests)."""
        self.deny, self.deny_description, self.sign_in_as = None, "", None
        self.device_slow_down, self.rotate, self.access_lifetime = 0, True, 3600.0
        self.discovery = ("rfc8414", "oidc")
        self.grants_seen.clear()
        self.authorize_requests.clear()
        self.clients = {"mailmover-test": None}
        self.app_mailboxes.clear()
        self.client_certs.clear()

    def expire_access(self) -> None:
        """Every access token issued so far is past its lifetime now."""
        with self._lock:
            for a in self._access.values():
                a.expires = 0.0

    def revoke(self, user: str) -> None:
        """The person signed out everywhere / the admin revoked: every grant of `user`."""
        with self._lock:
            for g in self._refresh.values():
                if g.user == user:
                    g.active = False
            for a in self._access.values():
                if a.grant.user == user:
                    a.grant.active = False

    def approve_device(self, user_code: str, user: str, *, deny: bool = False) -> None:
        with self._lock:
            for d in self._devices.values():
                if d.user_code == user_code:
                    d.user, d.denied = user, deny
                    return
        raise KeyError(user_code)

    def pending_device_codes(self) -> list[str]:
        with self._lock:
            return [d.user_code for d in self._devices.values() if d.user is None]

    def refreshes(self) -> int:
        return self.grants_seen.count("refresh_token")

    # -- token bookkeeping (under _lock) -----------------------------------------
    def _secret(self, prefix: str) -> str:
        value = f"{prefix}-{secrets.token_urlsafe(24)}"
        self.issued.append(value)
        return value

    def _new_refresh(self, grant: Grant) -> str:
        token = self._secret("rt")
        self._refresh[token] = grant
        return token

    def _tokens(self, grant: Grant, lifetime: float | None = None) -> dict[str, Any]:
        life = self.access_lifetime if lifetime is None else lifetime
        access = self._secret("at")
        self._access[access] = Access(grant, time.time() + life)
        answer: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": int(life),
            "scope": grant.scope,
        }
        if "openid" in grant.scope.split():
            answer["id_token"] = _unsigned_jwt(
                {
                    "iss": self.url,
                    "aud": grant.client_id,
                    "preferred_username": grant.user,
                    "email": grant.user,
                    "iat": int(time.time()),
                }
            )
        return answer

    def token_request(
        self, form: dict[str, str], client_id: str, secret: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        grant_type = form.get("grant_type", "")
        self.grants_seen.append(grant_type)
        with self._lock:
            if grant_type == "client_credentials":
                assertion = form.get("client_assertion")
                if assertion is not None:
                    if not self._assertion_ok(form, client_id):
                        return 401, {"error": "invalid_client", "error_description":
                                     "AADSTS700027: The certificate is not registered."}
                elif self.clients.get(client_id) is None or secret != self.clients[client_id]:
                    return 401, {"error": "invalid_client",
                                 "error_description": "AADSTS7000215: Invalid client secret."}
                grant = Grant("", form.get("scope", ""), client_id, app=True)
                return 200, self._tokens(grant)  # no refresh token: ask again
            if grant_type == "authorization_code":
                found = self._codes.pop(form.get("code", ""), None)
                if found is None:
                    return 400, {"error": "invalid_grant"}
                grant, challenge, redirect = found
                verifier = form.get("code_verifier", "")
                if _s256(verifier) != challenge or form.get("redirect_uri") != redirect:
                    return 400, {"error": "invalid_grant", "error_description": "PKCE"}
                answer = self._tokens(grant)
                answer["refresh_token"] = self._new_refresh(grant)
                return 200, answer
            if grant_type == "urn:ietf:params:oauth:grant-type:device_code":
                return self._device_poll(form.get("device_code", ""))
            if grant_type == "refresh_token":
                old = form.get("refresh_token", "")
                grant = self._refresh.get(old)
                if grant is None or not grant.active or grant.client_id != client_id:
                    return 400, {
                        "error": "invalid_grant",
                        "error_description": "The refresh token was revoked.",
                    }
                answer = self._tokens(grant)
                if self.rotate:
                    del self._refresh[old]
                    answer["refresh_token"] = self._new_refresh(grant)
                return 200, answer
        return 400, {"error": "unsupported_grant_type"}

    def _assertion_ok(self, form: dict[str, str], client_id: str) -> bool:
        """RFC 7523 §3: signed by the registered certificate's key, for this token
        endpoint, naming the client, not expired."""
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding, rsa

        pem = self.client_certs.get(client_id)
        if pem is None or form.get("client_assertion_type") != (
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        ):
            return False
        cert = x509.load_pem_x509_certificate(pem)
        try:
            head, body, sig = form["client_assertion"].split(".")
            header, claims = (json.loads(_unb64(p)) for p in (head, body))
        except ValueError:
            return False
        if header.get("alg") != "RS256" or header.get("x5t") != base64.urlsafe_b64encode(
            cert.fingerprint(hashes.SHA1())
        ).rstrip(b"=").decode("ascii"):
            return False
        key = cert.public_key()
        assert isinstance(key, rsa.RSAPublicKey)
        try:
            key.verify(_unb64(sig), f"{head}.{body}".encode("ascii"), padding.PKCS1v15(),
                       hashes.SHA256())
        except InvalidSignature:
            return False
        return (claims.get("aud") == f"{self.url}/token" and claims.get("iss") == client_id
                and claims.get("sub") == client_id and claims.get("exp", 0) > time.time())

    def _device_poll(self, code: str) -> tuple[int, dict[str, Any]]:
        d = self._devices.get(code)
        if d is None:
            return 400, {"error": "invalid_grant"}
        now = time.time()
        if now > d.expires:
            return 400, {"error": "expired_token"}
        if self.device_slow_down > 0:
            self.device_slow_down -= 1
            return 400, {"error": "slow_down"}
        if d.denied:
            return 400, {"error": "access_denied"}
        if d.user is None:
            return 400, {"error": "authorization_pending"}
        del self._devices[code]
        grant = Grant(d.user, d.scope, d.client_id)
        answer = self._tokens(grant)
        answer["refresh_token"] = self._new_refresh(grant)
        return 200, answer

    def device_request(self, form: dict[str, str], client_id: str) -> dict[str, Any]:
        with self._lock:
            code = secrets.token_urlsafe(16)
            user_code = secrets.token_hex(4).upper()
            self._devices[code] = Device(
                client_id, form.get("scope", ""), user_code, time.time() + self.device_lifetime
            )
        return {
            "device_code": code,
            "user_code": user_code,
            "verification_uri": f"{self.url}/device/verify",
            "expires_in": int(self.device_lifetime),
            "interval": self.device_interval,
        }

    def authorize(self, query: dict[str, str]) -> str:
        """Where the browser is sent after the person consents (or does not)."""
        self.authorize_requests.append(query)
        redirect = query.get("redirect_uri", "")
        state = query.get("state", "")
        host = urlsplit(redirect).hostname
        if host not in ("127.0.0.1", "localhost") or query.get("client_id") not in self.clients:
            raise ValueError("bad client or redirect")
        if self.deny:
            params = {
                "error": self.deny,
                "error_description": self.deny_description,
                "state": state,
            }
            return f"{redirect}?{urlencode(params)}"
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return f"{redirect}?{urlencode({'error': 'invalid_request', 'state': state})}"
        user = self.sign_in_as or query.get("login_hint", "")
        code = secrets.token_urlsafe(16)
        with self._lock:
            grant = Grant(user, query.get("scope", ""), query["client_id"])
            self._codes[code] = (grant, query["code_challenge"], redirect)
        return f"{redirect}?{urlencode({'code': code, 'state': state})}"

    def introspect(self, token: str, mailbox: str = "") -> dict[str, Any]:
        with self._lock:
            self.introspections += 1
            a = self._access.get(token)
            if a is None or not a.active:
                return {"active": False}
            user = a.grant.user
            if a.grant.app:
                if mailbox not in self.app_mailboxes.get(a.grant.client_id, set()):
                    return {"active": False}
                user = mailbox
            return {
                "active": True,
                "username": user,
                "scope": a.grant.scope,
                "client_id": a.grant.client_id,
                "exp": int(a.expires),
            }


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _unsigned_jwt(claims: dict[str, Any]) -> str:
    def part(obj: dict[str, Any]) -> str:
        raw = json.dumps(obj).encode("utf-8")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


class _Handler(BaseHTTPRequestHandler):
    owner: LocalIssuer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in tests
        pass

    def _json(self, status: int, body: dict[str, Any]) -> None:
        raw = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        issuer = self.owner
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        rfc8414 = "/.well-known/oauth-authorization-server" + issuer.path
        oidc = issuer.path + "/.well-known/openid-configuration"
        if parts.path == rfc8414 and "rfc8414" in issuer.discovery:
            return self._json(200, issuer.metadata())
        if parts.path == oidc and "oidc" in issuer.discovery:
            return self._json(200, issuer.metadata())
        if parts.path == issuer.path + "/authorize":
            try:
                location = issuer.authorize(query)
            except ValueError as exc:
                return self._json(400, {"error": "invalid_request", "detail": str(exc)})
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._json(404, {"error": "not_found"})

    def _form(self) -> tuple[dict[str, str], str, str | None]:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        form = {k: v[0] for k, v in parse_qs(body).items()}
        client_id, secret = form.get("client_id", ""), form.get("client_secret")
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            from urllib.parse import unquote

            ident, _, given = base64.b64decode(auth[6:]).decode("utf-8").partition(":")
            client_id, secret = unquote(ident), unquote(given)
        return form, client_id, secret

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        issuer = self.owner
        path = urlsplit(self.path).path
        form, client_id, secret = self._form()
        if path == issuer.path + "/introspect":
            return self._json(200, issuer.introspect(form.get("token", ""),
                                                     form.get("mailbox", "")))
        if client_id not in issuer.clients:
            return self._json(401, {"error": "invalid_client"})
        if path == issuer.path + "/token":
            status, answer = issuer.token_request(form, client_id, secret)
            return self._json(status, answer)
        if path == issuer.path + "/device":
            return self._json(200, issuer.device_request(form, client_id))
        return self._json(404, {"error": "not_found"})
