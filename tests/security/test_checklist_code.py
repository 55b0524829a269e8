"""Security checklist B1-B5: the authorization code.

RFC sections: RFC 6749 §4.1.2 (codes short-lived, at most 10 minutes recommended), §4.1.3
(code bound to the client and to the identical redirect_uri), §5.2 (``invalid_grant``), §10.5
(single use; SHOULD revoke the tokens already issued from a replayed code), §10.10 (guessing
probability at most 2^-128, SHOULD be at most 2^-160); RFC 6819 §5.1.5.4, §5.2.4.4, §5.2.4.6.

Product model (deliberate): CUCM access tokens are self-contained (fact sheet 1.3, S1/S2), so
nothing can recall one. On code replay the lab revokes the refresh token issued from the code,
and the access token stays valid until it expires, exactly as after the revoke API (S2). B1
asserts both facts; the checklist's "access token becomes inactive" (Keycloak's behaviour) is
out of reach for this product.
"""

from __future__ import annotations

import base64
import secrets

import pytest
from _wire import assert_token_error

from uclab.core import defaults
from uclab.testing import APP_REDIRECT, App, make_app, make_lab

PUB = "https://cucm-pub.example.com:8443"
SUB1 = "https://cucm-sub1.example.com:8443"
SCOPE = "UnifiedCommunications:readwrite"


def redeem(app: App, code: str, **form: str):
    form.setdefault("redirect_uri", app.redirect_uri)
    return app.token(grant_type="authorization_code", code=code, **form)


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# -- B1 -------------------------------------------------------------------------------------------
def test_B1_code_replay_is_refused_and_revokes_the_refresh_token():
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    first = redeem(app, code)
    assert first.status_code == 200
    tokens = first.json()
    access, refresh = tokens["access_token"], tokens["refresh_token"]
    assert app.refresh(refresh).status_code == 200  # live before the replay

    replay = redeem(app, code)
    body = assert_token_error(replay, 400, "invalid_grant")
    assert "already used" in body["error_description"]

    # Side effect 1 (RFC 6749 §10.5): the refresh token issued from the code is revoked.
    assert_token_error(app.refresh(refresh), 400, "invalid_grant")
    assert [r["state"] for r in lab.cucm.refresh_token_rows()] == ["revoked"]
    # Side effect 2 (product model): the self-contained access token cannot be recalled; it
    # stays valid, at the resource server too, until it expires.
    assert lab.cucm.validate(access).ok
    bearer = {"Authorization": f"Bearer {access}"}
    uds = app.session.get(SUB1 + "/cucm-uds/user/alice/devices", headers=bearer)
    assert uds.status_code == 200
    lab.advance(seconds=lab.cucm.params.access_lifetime_s + defaults.LEEWAY_SECONDS + 1)
    expired = lab.cucm.validate(access)
    assert not expired.ok and expired.failed.check == "expiry"
    uds = app.session.get(SUB1 + "/cucm-uds/user/alice/devices", headers=bearer)
    assert uds.status_code == 401 and uds.headers["WWW-Authenticate"].startswith("Bearer ")
    # A third attempt is still refused.
    assert_token_error(redeem(app, code), 400, "invalid_grant")


def test_B1_replay_revokes_only_the_tokens_of_that_code():
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    victim = redeem(app, code).json()
    other = app.tokens()  # another login of the same user and client
    assert_token_error(redeem(app, code), 400, "invalid_grant")
    assert_token_error(app.refresh(victim["refresh_token"]), 400, "invalid_grant")
    assert app.refresh(other["refresh_token"]).status_code == 200


# -- B2 -------------------------------------------------------------------------------------------
def test_B2_code_ttl_is_at_most_ten_minutes():
    assert 0 < defaults.CODE_TTL_SECONDS <= 600  # RFC 6749 §4.1.2


def test_B2_code_expires_after_ttl():
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    lab.advance(seconds=defaults.CODE_TTL_SECONDS + 1)
    body = assert_token_error(redeem(app, code), 400, "invalid_grant")
    assert "expired" in body["error_description"]
    assert lab.cucm.refresh_token_rows() == []


def test_B2_code_still_valid_just_before_ttl():
    """The control for the test above: the same flow, one second inside the lifetime."""
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    lab.advance(seconds=defaults.CODE_TTL_SECONDS - 1)
    assert redeem(app, code).status_code == 200


# -- B3 -------------------------------------------------------------------------------------------
def test_B3_code_is_bound_to_its_client():
    lab = make_lab(1)
    app_a = make_app(lab, name="App A")
    app_b = make_app(lab, name="App B")  # same redirect URI, its own valid credentials
    assert app_a.redirect_uri == app_b.redirect_uri
    code = app_a.code()
    body = assert_token_error(redeem(app_b, code), 400, "invalid_grant")
    assert "another client" in body["error_description"]
    assert lab.cucm.refresh_token_rows() == []
    # The thief cannot burn the victim's login either: client A still redeems its code.
    assert redeem(app_a, code).status_code == 200


# -- B4 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("presented", [
    pytest.param(None, id="missing"),
    pytest.param("", id="empty"),
    pytest.param("https://app.example.net/other", id="other-registered-uri"),
    pytest.param(APP_REDIRECT + "/", id="trailing-slash"),
    pytest.param("https://evil.example/cb", id="unregistered"),
])
def test_B4_code_is_bound_to_its_redirect_uri(presented):
    lab = make_lab(1)
    client_id, secret = lab.cucm.register_client(
        "Two URIs", [APP_REDIRECT, "https://app.example.net/other"])
    app = App(lab, client_id, secret, APP_REDIRECT, lab.session(src="two-uris"))
    code = app.code()
    form = {"grant_type": "authorization_code", "code": code}
    if presented is not None:
        form["redirect_uri"] = presented
    body = assert_token_error(app.token(**form), 400, "invalid_grant")
    assert "redirect_uri" in body["error_description"]
    assert lab.cucm.refresh_token_rows() == []
    # The identical value (RFC 6749 §4.1.3) is accepted.
    assert redeem(app, code, redirect_uri=APP_REDIRECT).status_code == 200


# -- B5 -------------------------------------------------------------------------------------------
def test_B5_codes_come_from_secrets_and_carry_at_least_160_bits(monkeypatch):
    lab = make_lab(seed=None)  # unseeded: every secret comes from the secrets module
    app = make_app(lab)
    drawn: list[bytes] = []
    real = secrets.token_bytes

    def spy(n: int | None = None) -> bytes:
        out = real(n)
        drawn.append(out)
        return out

    monkeypatch.setattr(secrets, "token_bytes", spy)
    code = app.code()  # over HTTP, as a browser would receive it
    raw = b64url_decode(code)
    assert raw in drawn  # the code is a secrets.token_bytes draw, nothing else
    assert len(raw) * 8 >= 160
    assert base64.urlsafe_b64encode(raw).rstrip(b"=").decode() == code
    # The opaque implicit-grant token and the login form's csrf token come from it too.
    drawn.clear()
    token, _ = lab.cucm.publisher.issue_implicit_token("alice", app.client_id, SCOPE)
    assert b64url_decode(token) in drawn and len(b64url_decode(token)) * 8 >= 160
    drawn.clear()
    page = app.authorize()
    csrf = page.text.split("name='csrf_token' value='")[1].split("'")[0]
    assert b64url_decode(csrf) in drawn and len(b64url_decode(csrf)) * 8 >= 160


def test_B5_many_codes_have_no_duplicates():
    lab = make_lab(seed=None)
    app = make_app(lab)
    issue = lab.cucm.authz.issue_code
    n = 100_000  # the checklist's number; about a second in-process
    codes = {issue(app.client_id, APP_REDIRECT, "alice", SCOPE) for _ in range(n)}
    assert len(codes) == n
    assert len(lab.cucm.store.codes) == n  # stored under distinct hashes too
    assert min(len(b64url_decode(c)) for c in codes) * 8 >= 160


def test_B5_unseeded_labs_never_share_codes():
    """Two unseeded labs draw independent codes (no hidden fixed seed)."""
    a, b = make_lab(seed=None), make_lab(seed=None)
    ca = a.cucm.authz.issue_code("C" + "1" * 64, APP_REDIRECT, "alice", SCOPE)
    cb = b.cucm.authz.issue_code("C" + "1" * 64, APP_REDIRECT, "alice", SCOPE)
    assert ca != cb


def test_B5_guessed_codes_are_refused():
    lab = make_lab(seed=None)
    app = make_app(lab)
    real = app.code()
    raw = bytearray(b64url_decode(real))
    raw[-1] ^= 0x01
    guess = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert_token_error(redeem(app, guess), 400, "invalid_grant")
    assert redeem(app, real).status_code == 200


def test_B4_code_from_a_request_without_redirect_uri_refuses_a_different_one():
    """RFC 6749 §4.1.3: the authorization request named no redirect_uri, so the token request
    need not repeat it; but one it does send must be the URI the code went to."""
    from uclab.testing import make_app, make_lab, redirect_params

    lab = make_lab(1)
    app = make_app(lab)
    page = app.session.get(app.base + "/ssosp/oauth/authorize", allow_redirects=False,
                           params={"response_type": "code", "client_id": app.client_id})
    code = redirect_params(app.login(page).headers["Location"])["code"]
    other = app.token(grant_type="authorization_code", code=code,
                      redirect_uri="https://app.example.net/other")
    assert other.status_code == 400 and other.json()["error"] == "invalid_grant"
    page = app.session.get(app.base + "/ssosp/oauth/authorize", allow_redirects=False,
                           params={"response_type": "code", "client_id": app.client_id})
    code = redirect_params(app.login(page).headers["Location"])["code"]
    assert app.token(grant_type="authorization_code", code=code).status_code == 200
