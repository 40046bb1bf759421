"""One account's tokens: the margin before a login, one refresh for connections that
reconnect together, rotation saved first, the keychain (split for Windows), memory only
where there is no keychain."""

from __future__ import annotations

import threading
import time

import keyring
import keyring.backends.fail
import pytest

from mailmover.oauth import failures, store
from mailmover.oauth.flows import SignIn
from mailmover.oauth.provider import OAuthConfig, discover
from mailmover.oauth.session import AccountTokens
from mailmover.oauth.store import KeychainStore, MemoryStore, default_store
from mailmover.oauth.tokens import TokenSet


def _tokens(issuer, user: str, lifetime: float, kept=None, clock=time.time):
    config = OAuthConfig(issuer.url, "mailmover-test", ("imap",))
    source = AccountTokens(SignIn(config, discover(config), user), kept or MemoryStore(),
                           clock=clock)
    access, refresh = issuer.issue(user, lifetime=lifetime)
    now = time.time()
    source.adopt(TokenSet(access, refresh, expires_at=now + lifetime, obtained_at=now))
    return source, access, refresh


@pytest.mark.parametrize(
    ("lifetime", "after", "refreshed"),
    [
        (3600, 3300 - 1, False),  # 5 minutes' margin for an hour's token
        (3600, 3300 + 1, True),
        (60, 30 - 1, False),  # half the lifetime for a short one
        (60, 30 + 1, True),
    ],
)
def test_a_login_gets_a_token_with_enough_life_left(issuer, lifetime, after, refreshed) -> None:
    start = time.time()
    source, access, _ = _tokens(issuer, "gus@uni.example", lifetime, clock=lambda: start + after)
    got = source.access_token()
    assert (got != access) is refreshed
    assert issuer.refreshes() == int(refreshed)
    assert issuer.introspect(got)["active"] is True


def test_connections_reconnecting_together_share_one_refresh(issuer) -> None:
    source, access, _ = _tokens(issuer, "hal@uni.example", 3600)
    for _ in range(4):
        assert source.access_token() == access
    issuer.expire_access()  # the server refuses it now; every connection notices
    got: list[str] = []

    def reconnect() -> None:
        source.access_token()  # the token it logs in with: refused
        barrier.wait()
        source.invalidate()
        got.append(source.access_token())

    barrier = threading.Barrier(4)
    threads = [threading.Thread(target=reconnect) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(set(got)) == 1 and got[0] != access
    assert issuer.refreshes() == 1


def test_a_rotated_refresh_token_is_kept_before_it_is_used(issuer, keychain) -> None:
    kept = KeychainStore()
    source, _access, first_refresh = _tokens(issuer, "ida@uni.example", 3600, kept)
    source.invalidate()  # nothing handed out on this thread yet: no effect
    source._handed.token = source.current().access_token  # noqa: SLF001 - a refused login
    source.invalidate()
    saved: list[str] = []
    real_save = kept.save

    def save(name: str, tokens: TokenSet) -> None:
        saved.append(tokens.access_token)
        real_save(name, tokens)

    kept.save = save  # type: ignore[method-assign]
    new = source.access_token()
    assert saved == [new]  # in the keychain before it was handed out
    again = KeychainStore().load(source._name)  # noqa: SLF001
    assert again is not None and again.refresh_token not in ("", first_refresh)


def test_a_revoked_sign_in_says_sign_in_again_and_is_forgotten(issuer, keychain) -> None:
    kept = KeychainStore()
    source, _, _ = _tokens(issuer, "jo@uni.example", 3600, kept)
    issuer.revoke("jo@uni.example")
    issuer.expire_access()
    source._handed.token = source.current().access_token  # noqa: SLF001
    source.invalidate()
    with pytest.raises(failures.OAuthFailure) as caught:
        source.access_token()
    assert caught.value.code == failures.SIGN_IN_AGAIN
    assert keychain.entries == {}  # nothing left that would fail the same way next run


def test_keychain_values_are_split_for_windows(keychain) -> None:
    kept = KeychainStore()
    big = TokenSet("a" * 2500, "r" * 3000, expires_at=10.0, obtained_at=1.0)
    kept.save("oauth:x", big)
    assert all(len(v) <= keychain.LIMIT for v in keychain.entries.values())
    assert len(keychain.entries) > 5
    assert kept.load("oauth:x") == big
    smaller = TokenSet("b", "s", expires_at=20.0, obtained_at=1.0)
    kept.save("oauth:x", smaller)
    assert kept.load("oauth:x") == smaller
    assert len(keychain.entries) == 2  # the old parts were removed
    kept.delete("oauth:x")
    assert keychain.entries == {}


def test_a_half_written_save_leaves_the_previous_sign_in(keychain) -> None:
    kept = KeychainStore()
    first = TokenSet("a", "r1", expires_at=10.0, obtained_at=1.0)
    kept.save("oauth:y", first)
    # The head entry names the parts; parts of a newer save without a head are ignored.
    keychain.entries[("mailmover", "oauth:y#ffff#0")] = "garbage"
    assert kept.load("oauth:y") == first


def test_no_keychain_means_memory_for_this_run_said_once(monkeypatch) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(store, "_said", threading.Event())
    said: list[str] = []
    try:
        first = default_store(said.append)
        second = default_store(said.append)
    finally:
        keyring.set_keyring(previous)
    assert isinstance(first, MemoryStore) and isinstance(second, MemoryStore)
    assert said == [store.MEMORY_ONLY]
