"""A client assertion (RFC 7523 §2.2, `private_key_jwt`): an app proves who it is with
its certificate's private key instead of a client secret (Microsoft's recommended way
for app-only access). Microsoft finds the certificate by its SHA-1 thumbprint in the
header (`x5t`); the assertion is valid for 10 minutes and for one token endpoint only.

The key and the certificate come from one PEM file only its owner can read; the key is
never shown or logged.
"""

from __future__ import annotations

import base64
import json
import time
import uuid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

LIFETIME = 600
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class CertificateError(ValueError):
    """The PEM file cannot sign an assertion (says why, never what it holds)."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def load(pem: str) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    data = pem.encode("utf-8")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise CertificateError(
            "it holds no unencrypted private key (PEM: -----BEGIN PRIVATE KEY-----)"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise CertificateError("its key is not an RSA key (Microsoft signs with RS256)")
    try:
        cert = x509.load_pem_x509_certificate(data)
    except ValueError:
        raise CertificateError(
            "it holds no certificate (PEM: -----BEGIN CERTIFICATE-----) beside the key"
        ) from None
    return key, cert


def client_assertion(pem: str, client_id: str, audience: str, now: float | None = None) -> str:
    """A signed JWT naming the app (iss = sub = client id) for `audience` (the token
    endpoint)."""
    key, cert = load(pem)
    header = {"alg": "RS256", "typ": "JWT", "x5t": _b64(cert.fingerprint(hashes.SHA1()))}
    issued = int(time.time() if now is None else now)
    claims = {"aud": audience, "iss": client_id, "sub": client_id, "jti": str(uuid.uuid4()),
              "nbf": issued, "iat": issued, "exp": issued + LIFETIME}
    signing = ".".join(_b64(json.dumps(part, separators=(",", ":")).encode("utf-8"))
                       for part in (header, claims))
    signature = key.sign(signing.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing}.{_b64(signature)}"
