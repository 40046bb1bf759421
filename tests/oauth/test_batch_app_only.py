"""`mailmover batch` with Microsoft 365's app-only access (IMAP.AccessAsApp), modelled:
the local issuer's client-credentials grant gives the app a token for no person, and a
Dovecot (app_dovecot.py) accepts it over XOAUTH2 for exactly the mailboxes the
"administrator" granted the app. Nobody signs in, nothing goes to the keychain, no token
or secret in any file; a mailbox the app was not granted fails alone; a wrong secret
stops the batch before anything moves."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailmover.batch import cli as batch_cli
from mailmover.batch.apponly import AppTokens
from mailmover.cli import Output
from mailmover.oauth.provider import OAuthConfig
from tests.batch.conftest import content, write_csv
from tests.oauth.app_dovecot import AppDovecotServer
from tests.support.dovecot import dovecot_binary
from tests.support.mailbox import client, message

SECRET = "app-secret-Zq81"


@pytest.fixture(scope="session")
def app_server(_issuer) -> Iterator[AppDovecotServer]:
    """Exchange Online's stand-in: app tokens open the mailboxes granted to the app."""
    if dovecot_binary() is None:
        pytest.fail("dovecot is not installed: run scripts/test")
    server = AppDovecotServer(oauth_introspection_url=f"{_issuer.url}/introspect").start()
    yield server
    server.stop()


@pytest.fixture
def app(issuer, tmp_path) -> Path:
    """The app registration with a client secret, its secret in an owner-only file."""
    issuer.clients["mailmover-app"] = SECRET
    secret = tmp_path / "app-secret"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    secret.chmod(0o600)
    return secret


def _batch(csv_path: Path, source, target, tmp_path: Path, issuer, secret: Path):
    out, err = io.StringIO(), io.StringIO()
    argv = ["batch", str(csv_path), "--source", f"imap+plain://127.0.0.1:{source.port}",
            "--target", f"imap+plain://127.0.0.1:{target.port}",
            "--state-dir", str(tmp_path / "state"), "--summary", str(tmp_path / "summary.csv"),
            "--connections", "2", "--target-oauth-app-only",
            "--target-oauth-issuer", issuer.url, "--target-oauth-client-id", "mailmover-app",
            "--target-oauth-client-secret-file", str(secret), "--target-oauth-scope", "imap.app"]
    code = batch_cli.main(argv, Output(out, err))
    js = tmp_path / "summary.json"
    summary = json.loads(js.read_text(encoding="utf-8")) if js.exists() else None
    return code, out.getvalue() + err.getvalue(), summary


def test_app_only_moves_the_granted_mailboxes_and_names_the_others(
    oauth_server, app_server, issuer, app, make_account, keychain, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    pairs = [(make_account(oauth_server), make_account(app_server)) for _ in range(3)]
    for i, (s, _) in enumerate(pairs):
        c = client(oauth_server, s.user, s.password)
        for n in range(8 + i):
            c.append("INBOX", message(50 * i + n))
        c.logout()
    # The tenant administrator granted the app the first two mailboxes only.
    issuer.app_mailboxes["mailmover-app"] = {pairs[0][1].user, pairs[1][1].user}
    rows = [{"source_user": s.user, "target_user": d.user, "source_password": s.password}
            for s, d in pairs]
    csv_path = write_csv(tmp_path / "staff.csv", rows)

    code, said, summary = _batch(csv_path, oauth_server, app_server, tmp_path, issuer, app)
    assert code == 1, said
    assert [r["state"] for r in summary["accounts"]] == ["done", "done", "failed"]
    for s, d in pairs[:2]:
        assert content(app_server, d.user, d.password) == content(oauth_server, s.user,
                                                                  s.password)
    log = (app_server.base / "dovecot.log").read_text()
    assert f"Login: user=<{pairs[0][1].user}>, method=XOAUTH2" in log
    refused = summary["accounts"][2]
    assert refused["error_code"] == "oauth.mailbox_refused"
    assert f"did not accept the sign-in of {pairs[2][1].user}" in refused["first_error"]
    assert "grant the app this mailbox (Add-MailboxPermission" in refused["first_error"]
    assert not content(app_server, pairs[2][1].user, pairs[2][1].password)
    # Nobody signed in; only the app's own grant was used; nothing in the keychain.
    assert issuer.authorize_requests == [] and issuer.pending_device_codes() == []
    assert set(issuer.grants_seen) == {"client_credentials"}
    assert keychain.entries == {}
    # Neither the secret nor a token in the output or any file but the secret's own.
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p != app]
    for secret in [SECRET, *issuer.issued]:
        assert secret not in said
        assert not [p for p in files if secret.encode() in p.read_bytes()], secret


def test_a_wrong_secret_stops_the_batch_before_anything_moves(
    oauth_server, app_server, issuer, app, make_account, keychain, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    s, d = make_account(oauth_server), make_account(app_server)
    client(oauth_server, s.user, s.password).append("INBOX", message(1))
    issuer.app_mailboxes["mailmover-app"] = {d.user}
    app.write_text("not-the-secret\n", encoding="utf-8")
    csv_path = write_csv(tmp_path / "staff.csv", [
        {"source_user": s.user, "target_user": d.user, "source_password": s.password}])
    code, said, summary = _batch(csv_path, oauth_server, app_server, tmp_path, issuer, app)
    assert code == 3, said
    assert ("The sign-in for the app registration mailmover-app was refused at "
            f"{issuer.url}: AADSTS7000215: Invalid client secret.") in said
    assert "nothing was moved" in said and summary is None
    assert not content(app_server, d.user, d.password)


def test_app_only_settings_are_checked_before_anything_moves(tmp_path) -> None:
    csv_path = write_csv(tmp_path / "staff.csv", [{"source_user": "a", "target_user": "b"}])
    err = io.StringIO()
    code = batch_cli.main(["batch", str(csv_path), "--source", "imap+plain://127.0.0.1:1",
                           "--target", "imaps://outlook.office365.com",
                           "--target-oauth-client-id", "app-1", "--target-oauth-app-only"],
                          Output(io.StringIO(), err))
    assert code == 2
    assert "--target-oauth-app-only needs the app's certificate or client secret" in err.getvalue()
    secret = tmp_path / "s"
    secret.write_text("x")
    secret.chmod(0o600)
    err = io.StringIO()
    code = batch_cli.main(["batch", str(csv_path), "--source", "imap+plain://127.0.0.1:1",
                           "--target", "imaps://outlook.office365.com",
                           "--target-oauth-client-id", "app-1", "--target-oauth-app-only",
                           "--target-oauth-client-secret-file", str(secret)],
                          Output(io.StringIO(), err))
    assert code == 2
    assert "needs your Microsoft 365 tenant, not a shared authority" in err.getvalue()


def test_microsoft_app_only_asks_for_the_default_scope_of_exchange() -> None:
    from mailmover.batch.apponly import app_config
    from mailmover.engine import preset_for_host
    from mailmover.oauth import settings

    config = settings.resolve("outlook.office365.com", settings.Given(
        client_id="app-1", tenant="uni.example", client_secret="x"))
    assert config is not None
    preset = preset_for_host("outlook.office365.com")
    assert preset is not None and preset.oauth is not None
    app = app_config(config, preset.oauth.app_scopes, (), "target")
    assert app.scopes == ("https://outlook.office365.com/.default",)
    assert app.token_endpoint == "https://login.microsoftonline.com/uni.example/oauth2/v2.0/token"


def test_the_app_token_is_shared_and_renewed_when_too_little_life_is_left(issuer, app) -> None:
    issuer.access_lifetime = 600.0
    now = [time.time()]  # from_response dates the token by the real clock
    config = OAuthConfig(issuer.url, "mailmover-app", ("imap.app",), client_secret=SECRET)
    tokens = AppTokens(config, clock=lambda: now[0])
    first = tokens.access_token()
    now[0] += 200  # 400 s left, more than the margin (300 s): the same token
    assert tokens.access_token() == first and tokens.fetches == 1
    now[0] += 150  # 250 s left: a new one
    second = tokens.access_token()
    assert second != first and tokens.fetches == 2
    tokens.invalidate()  # a server refused it: the next login gets a new one
    assert tokens.access_token() not in (first, second) and tokens.fetches == 3


def _certificate(path: Path) -> bytes:
    """A key and a self-signed certificate in one owner-only PEM file, as an IT office
    makes one to upload to the app registration; the certificate's PEM is returned."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mailmover app")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=2))
            .sign(key, hashes.SHA256()))
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()) + cert_pem)
    path.chmod(0o600)
    return cert_pem


def test_app_only_with_a_certificate_instead_of_a_secret(
    oauth_server, app_server, issuer, make_account, keychain, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("MAILMOVER_HOME", str(tmp_path / "home"))
    pem = tmp_path / "app.pem"
    issuer.clients["mailmover-cert"] = None  # no secret: only its certificate
    s, d = make_account(oauth_server), make_account(app_server)
    c = client(oauth_server, s.user, s.password)
    for n in range(6):
        c.append("INBOX", message(900 + n))
    c.logout()
    issuer.app_mailboxes["mailmover-cert"] = {d.user}
    csv_path = write_csv(tmp_path / "staff.csv", [
        {"source_user": s.user, "target_user": d.user, "source_password": s.password}])

    def run() -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        code = batch_cli.main([
            "batch", str(csv_path), "--source", f"imap+plain://127.0.0.1:{oauth_server.port}",
            "--target", f"imap+plain://127.0.0.1:{app_server.port}",
            "--state-dir", str(tmp_path / "state"), "--summary", str(tmp_path / "summary.csv"),
            "--target-oauth-app-only", "--target-oauth-issuer", issuer.url,
            "--target-oauth-client-id", "mailmover-cert", "--target-oauth-scope", "imap.app",
            "--target-oauth-client-certificate-file", str(pem)], Output(out, err))
        return code, out.getvalue() + err.getvalue()

    _certificate(pem)  # a certificate the registration does not know
    issuer.client_certs["mailmover-cert"] = _certificate(tmp_path / "other.pem")
    code, said = run()
    assert code == 3, said
    assert "AADSTS700027: The certificate is not registered." in said
    assert not content(app_server, d.user, d.password)

    issuer.client_certs["mailmover-cert"] = _certificate(pem)  # uploaded to the app
    code, said = run()
    assert code == 0, said
    assert content(app_server, d.user, d.password) == content(oauth_server, s.user, s.password)
    assert set(issuer.grants_seen) == {"client_credentials"} and keychain.entries == {}
    key = pem.read_text().split("-----END PRIVATE KEY-----")[0].splitlines()[1]
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".pem"]
    assert not [p for p in files if key.encode() in p.read_bytes()] and key not in said

    pem.write_text("-----BEGIN CERTIFICATE-----\nnot a key\n", encoding="utf-8")
    code, said = run()
    assert code == 2, said
    assert f"the app's certificate file {pem}: it holds no unencrypted private key" in said
