"""Security checklist C1-C5, C8, C10: the token endpoint and client authentication.

RFC sections: RFC 6749 §2.3 and §2.3.1 (client_secret_basic / client_secret_post, one method
only), §3.2 (the token endpoint takes POST with an application/x-www-form-urlencoded body),
§3.3 (scope), §5.1 (``Cache-Control: no-store`` and ``Pragma: no-cache``), §5.2 (error codes;
``invalid_client`` after Basic authentication MUST be 401 with a matching
``WWW-Authenticate``), §6 (refresh scope), §10.10; RFC 7617 (Basic); RFC 6819 §5.1.4.1.3.

C8 note: the lab compares secrets in constant time on what it stores: a client secret as its
SHA-256 digest, a password as its PBKDF2 digest, the anti-CSRF token as text. Refresh tokens
are never compared as strings (they are verified by their RS256 signature and looked up by
``tid``). No Cisco source documents PKCE on CUCM, so the default profile compares no verifier;
the lab-only ``rfc9700`` profile compares it in constant time (``test_checklist_pkce.py``).
"""

from __future__ import annotations

import hashlib
import hmac

import pytest

import uclab
from uclab.core import defaults
from uclab.testing import APP_REDIRECT, App, login_fields, make_app, make_lab

PUB = "https://cucm-pub.example.com:8443"
TOKEN = PUB + "/ssosp/oauth/token"
LOGIN = PUB + "/ssosp/oauth/login"
SCOPE = "UnifiedCommunications:readwrite"


def assert_no_store(resp) -> None:
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["Pragma"] == "no-cache"


def assert_token_error(resp, status: int, error: str) -> dict:
    assert resp.status_code == status
    assert resp.headers["Content-Type"].startswith("application/json")
    assert_no_store(resp)
    body = resp.json()
    assert body["error"] == error
    assert "access_token" not in body and "refresh_token" not in body
    return body


def code_form(app: App, code: str) -> dict[str, str]:
    return {"grant_type": "authorization_code", "code": code, "redirect_uri": app.redirect_uri}


# -- C1 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("client_id", "secret"), [
    pytest.param(None, "wrong-secret", id="wrong-secret"),
    pytest.param(None, "", id="empty-secret"),
    pytest.param("C" + "0" * 64, "whatever", id="unknown-client"),
])
def test_C1_bad_credentials_via_basic_get_401_with_basic_challenge(client_id, secret):
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    resp = app.session.post(TOKEN, data=code_form(app, code),
                            auth=(client_id or app.client_id, secret))
    assert_token_error(resp, 401, "invalid_client")
    challenge = resp.headers["WWW-Authenticate"]
    assert challenge.split(" ", 1)[0] == "Basic"  # the scheme the client used
    assert 'realm="' in challenge
    # The failed attempt consumed nothing: with the right secret the same code still works.
    assert app.token(**code_form(app, code)).status_code == 200


@pytest.mark.parametrize("secret", [
    pytest.param("wrong-secret", id="wrong-secret"),
    pytest.param(None, id="no-secret"),
])
def test_C1_bad_credentials_in_the_body_get_401_invalid_client(secret):
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    form = {**code_form(app, code), "client_id": app.client_id}
    if secret is not None:
        form["client_secret"] = secret
    resp = app.session.post(TOKEN, data=form)
    assert_token_error(resp, 401, "invalid_client")
    assert lab.cucm.refresh_token_rows() == []
    good = app.session.post(TOKEN, data={**form, "client_secret": app.secret})
    assert good.status_code == 200  # client_secret_post with the right secret works


def test_C1_no_client_authentication_at_all_is_invalid_client():
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.session.post(TOKEN, data=code_form(app, app.code()))
    assert_token_error(resp, 401, "invalid_client")


# -- C2 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("body_secret", ["right", "wrong"])
def test_C2_basic_plus_body_secret_is_invalid_request(body_secret):
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    form = {**code_form(app, code), "client_id": app.client_id,
            "client_secret": app.secret if body_secret == "right" else "wrong"}
    resp = app.session.post(TOKEN, data=form, auth=(app.client_id, app.secret))
    assert_token_error(resp, 400, "invalid_request")
    assert lab.cucm.refresh_token_rows() == []


def test_C2_basic_and_a_different_body_client_id_is_invalid_request():
    lab = make_lab(1)
    app = make_app(lab)
    other = make_app(lab, name="Other")
    form = {**code_form(app, app.code()), "client_id": other.client_id}
    resp = app.session.post(TOKEN, data=form, auth=(app.client_id, app.secret))
    assert_token_error(resp, 400, "invalid_request")


# -- C3 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("grant_type", [
    "client_credentials", "password", "implicit", "urn:ietf:params:oauth:grant-type:jwt-bearer",
    "urn:ietf:params:oauth:grant-type:device_code", "Authorization_Code",
])
def test_C3_unknown_grant_type_is_unsupported_grant_type(grant_type):
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.token(grant_type=grant_type, code=app.code(), redirect_uri=APP_REDIRECT)
    assert_token_error(resp, 400, "unsupported_grant_type")
    assert lab.cucm.refresh_token_rows() == []


def test_C3_missing_grant_type_is_invalid_request():
    lab = make_lab(1)
    app = make_app(lab)
    assert_token_error(app.token(code=app.code()), 400, "invalid_request")


def test_C3_refresh_grant_not_allowed_for_the_client_is_unauthorized_client():
    lab = make_lab(1)
    app = make_app(lab, grant_types=("authorization_code",))
    tokens = app.tokens()
    resp = app.refresh(tokens["refresh_token"])
    assert_token_error(resp, 400, "unauthorized_client")


def test_C3_code_grant_not_allowed_for_an_implicit_only_client_is_unauthorized_client():
    lab = make_lab(1)
    code_app = make_app(lab)
    implicit_only = make_app(lab, name="Legacy", grant_types=("implicit",))
    code = code_app.code()
    resp = implicit_only.token(**code_form(implicit_only, code))
    assert_token_error(resp, 400, "unauthorized_client")
    assert code_app.token(**code_form(code_app, code)).status_code == 200


# -- C4 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("scope", [
    SCOPE + " UnifiedCommunications:admin", "UnifiedCommunications:admin", "openid",
])
def test_C4_scope_outside_the_registered_set_at_authorize_is_invalid_scope(scope):
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.authorize(scope=scope, state="s-c4")
    assert resp.status_code == 302
    location = resp.headers["Location"]
    assert location.startswith(APP_REDIRECT + "?error=invalid_scope&")
    assert location.endswith("&state=s-c4")
    assert lab.cucm.store.pending == {}


@pytest.mark.parametrize("scope", [
    SCOPE + " UnifiedCommunications:admin", "UnifiedCommunications:admin",
])
def test_C4_scope_outside_the_granted_set_at_refresh_is_invalid_scope(scope):
    lab = make_lab(1)
    app = make_app(lab)
    tokens = app.tokens()
    assert_token_error(app.refresh(tokens["refresh_token"], scope=scope), 400, "invalid_scope")
    assert app.refresh(tokens["refresh_token"], scope=SCOPE).json()["scope"] == SCOPE


# -- C5 -------------------------------------------------------------------------------------------
def _c5_responses():
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    ok_code = app.token(**code_form(app, code))
    ok_refresh = app.refresh(ok_code.json()["refresh_token"])
    return {
        "code-200": (ok_code, 200),
        "refresh-200": (ok_refresh, 200),
        "invalid_grant-400": (app.token(**code_form(app, code)), 400),
        "invalid_client-401": (app.session.post(TOKEN, data=code_form(app, "x"),
                                                auth=(app.client_id, "bad")), 401),
        "unsupported_grant_type-400": (app.token(grant_type="password"), 400),
        "invalid_request-get-400": (app.session.get(TOKEN), 400),
        "invalid_scope-400": (app.refresh(ok_code.json()["refresh_token"], scope="x"), 400),
    }


def test_C5_token_and_error_responses_are_not_cacheable():
    responses = _c5_responses()
    for name, (resp, status) in responses.items():
        assert resp.status_code == status, name
        assert resp.headers.get("Cache-Control") == "no-store", name
        assert resp.headers.get("Pragma") == "no-cache", name
        assert resp.headers["Content-Type"].startswith("application/json"), name
    assert responses["code-200"][0].json()["token_type"] == "Bearer"


# -- C8 -------------------------------------------------------------------------------------------
@pytest.fixture
def compare_spy(monkeypatch):
    """Record every hmac.compare_digest call (and still compare for real)."""
    import uclab.sim.cucm.authz.store
    import uclab.sim.cucm.users

    # One module object: store, users and grants (which imports hmac locally) share it.
    assert uclab.sim.cucm.authz.store.hmac is hmac and uclab.sim.cucm.users.hmac is hmac
    calls: list[tuple[object, object, bool]] = []
    real = hmac.compare_digest

    def spy(a, b):
        result = real(a, b)
        calls.append((a, b, result))
        return result

    monkeypatch.setattr(uclab.sim.cucm.authz.store.hmac, "compare_digest", spy)
    return calls


@pytest.mark.parametrize("presented", ["wrong-secret", "right"])
def test_C8_client_secret_is_compared_with_compare_digest(compare_spy, presented):
    lab = make_lab(1)
    app = make_app(lab)
    secret = app.secret if presented == "right" else presented
    compare_spy.clear()
    resp = app.session.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": "x"},
                            auth=(app.client_id, secret))
    stored = lab.cucm.store.client(app.client_id).secret_hash
    digest = hashlib.sha256(secret.encode()).digest()
    assert (digest, stored, presented == "right") in compare_spy
    if presented == "right":
        assert_token_error(resp, 400, "invalid_grant")  # authenticated; the token is bad
    else:
        assert_token_error(resp, 401, "invalid_client")


@pytest.mark.parametrize("presented", ["forged-csrf", "right"])
def test_C8_csrf_token_is_compared_with_compare_digest(compare_spy, presented):
    lab = make_lab(1)
    app = make_app(lab)
    fields = login_fields(app.authorize().text)
    real_token = fields["csrf_token"]
    csrf = real_token if presented == "right" else presented
    compare_spy.clear()
    resp = app.session.post(LOGIN, data={**fields, "csrf_token": csrf, "j_username": "alice",
                                         "j_password": uclab.LAB_PASSWORD},
                            allow_redirects=False)
    assert (csrf, real_token, presented == "right") in compare_spy
    assert resp.status_code == (302 if presented == "right" else 403)


@pytest.mark.parametrize("presented", ["wrong-password", uclab.LAB_PASSWORD])
def test_C8_password_is_compared_with_compare_digest(compare_spy, presented):
    lab = make_lab(1)
    app = make_app(lab)
    page = app.authorize()
    compare_spy.clear()
    resp = app.login(page, "alice", presented)
    user = lab.cucm.users.get("alice")
    digest = hashlib.pbkdf2_hmac("sha256", presented.encode(), user.salt,
                                 defaults.PASSWORD_HASH_ROUNDS)
    right = presented == uclab.LAB_PASSWORD
    assert (digest, user.password_hash, right) in compare_spy
    assert resp.status_code == (302 if right else 401)


# -- C10 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_C10_token_endpoint_takes_post_only(method):
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    resp = app.session.request(method, TOKEN, params=code_form(app, code),
                               auth=(app.client_id, app.secret))
    body = assert_token_error(resp, 400, "invalid_request")
    assert method in body["error_description"]
    # The code travelled in a URL and was refused; it was not consumed by the refusal.
    assert app.token(**code_form(app, code)).status_code == 200


@pytest.mark.parametrize("kind", ["json", "text", "multipart", "no-content-type"])
def test_C10_non_form_body_is_invalid_request(kind):
    lab = make_lab(1)
    app = make_app(lab)
    code = app.code()
    form = code_form(app, code)
    auth = (app.client_id, app.secret)
    s = app.session
    if kind == "json":
        resp = s.post(TOKEN, json=form, auth=auth)
    elif kind == "text":
        resp = s.post(TOKEN, data="&".join(f"{k}={v}" for k, v in form.items()),
                      headers={"Content-Type": "text/plain"}, auth=auth)
    elif kind == "multipart":
        resp = s.post(TOKEN, files={k: (None, v) for k, v in form.items()}, auth=auth)
    else:
        raw = "&".join(f"{k}={v}" for k, v in form.items()).encode()
        resp = s.post(TOKEN, data=raw, auth=auth)
        assert "Content-Type" not in resp.request.headers
    body = assert_token_error(resp, 400, "invalid_request")
    assert "application/x-www-form-urlencoded" in body["error_description"]
    assert lab.cucm.refresh_token_rows() == []
    assert app.token(**form).status_code == 200
