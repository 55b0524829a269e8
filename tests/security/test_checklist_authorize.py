"""Security checklist A1-A10: the authorization endpoint, its login form and its redirects.

RFC sections: RFC 6749 §3.1 (parameters at most once), §3.1.2 (redirection endpoint), §4.1.1,
§4.1.2.1 (authorization errors: never redirect on a bad client or redirect URI, otherwise
redirect with the exact ``state``), §4.2.2.1 (implicit-grant errors in the fragment), §10.6,
§10.12, §10.13, §10.15; RFC 8252 §7.3 and §8.3 (loopback redirects); RFC 9700 §2.1, §2.1.2,
§2.4, §2.6, §4.1.3, §4.7, §4.12, §4.16.

Product model (deliberate, weaker than RFC 9700 §2.1.2): CUCM keeps the implicit grant for old
Jabber and RTMT clients (fact sheet 1.1, S1/S2). A cluster without SAML SSO refuses
``response_type=token`` with ``unsupported_response_type``; once SSO is enabled a client
registered for "implicit" gets an opaque token via the IdP, and any other client gets
``unauthorized_client`` (A3, A9). The password grant does not exist (A10).

Every test drives the lab over HTTP through ``lab.session()`` (the ``App`` helpers).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

import uclab
from uclab.testing import APP_REDIRECT, App, login_fields, make_app, make_lab, redirect_params

PUB = "https://cucm-pub.example.com:8443"
AUTHORIZE = PUB + "/ssosp/oauth/authorize"
LOGIN = PUB + "/ssosp/oauth/login"
IDP = "https://idp.example.com"
SCOPE = "UnifiedCommunications:readwrite"
IMPLICIT_APP = ("authorization_code", "refresh_token", "implicit")
# RFC 6749 Appendix A.5: state is VSCHAR (%x20-7E). This one has every character that URL
# handling tends to mangle: space, '+', a literal "%2B", '&', '=', '#', '?', '/', quotes, '<'.
ODD_STATE = "a b+c%2B/d?e=f&g#h~!*'()[];:@$,\"<>\\^`{|}"


def assert_error_page(resp, status: int = 400) -> None:
    """An error shown to the user: no redirect at all (RFC 6749 §4.1.2.1)."""
    assert resp.status_code == status
    assert "Location" not in resp.headers
    assert resp.headers["Content-Type"].startswith("text/html")
    assert resp.headers["Cache-Control"] == "no-store"


def assert_error_redirect(resp, redirect_uri: str, error: str, state: str | None,
                          fragment: bool = False) -> dict[str, str]:
    """A 302 to the registered redirect URI carrying ``error`` and the exact ``state``."""
    assert resp.status_code == 302
    location = resp.headers["Location"]
    sep = "#" if fragment else "?"
    assert location.startswith(redirect_uri + sep), location
    params = redirect_params(location)
    assert params["error"] == error
    assert "code" not in params and "access_token" not in params
    if state is None:
        assert "state" not in params
    else:
        assert params["state"] == state
    # RFC 6749 §4.1.2.1: error and error_description are restricted to %x20-21 / %x23-5B / ...
    assert re.fullmatch(r"[\x20\x21\x23-\x5b\x5d-\x7e]*", params["error_description"])
    assert resp.headers["Cache-Control"] == "no-store"
    return params


def pending_logins(lab: uclab.Lab) -> int:
    return len(lab.cucm.store.pending)


# -- A1 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad_uri", [
    pytest.param(APP_REDIRECT + "/", id="trailing-slash"),
    pytest.param("https://app.example.net/CB", id="path-case"),
    pytest.param(APP_REDIRECT + "?next=https://evil.example", id="extra-query-parameter"),
    pytest.param("https://evil.app.example.net/cb", id="sub-domain"),
    pytest.param("https://evil.example/cb", id="https-evil"),
    pytest.param("https://app.example.net.evil.example/cb", id="suffix-domain"),
    pytest.param("https://app.example.net:443/cb", id="explicit-default-port"),
    pytest.param("http://app.example.net/cb", id="http-downgrade"),
])
def test_A1_redirect_uri_exact_match(bad_uri):
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.authorize(redirect_uri=bad_uri)
    assert_error_page(resp, 400)
    assert "OAuth error: invalid_request" in resp.text
    assert "exact match required" in resp.text
    assert pending_logins(lab) == 0  # no login was started for the bad request
    # Control: the registered URI, byte for byte, is accepted.
    ok = app.authorize()
    assert ok.status_code == 200 and "csrf_token" in ok.text


def test_A1_bad_redirect_uri_never_redirects_even_with_other_errors():
    """A bad redirect URI wins over every later error: still a page, never a redirect."""
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.authorize(redirect_uri="https://evil.example/cb", response_type="token",
                         scope="nope")
    assert_error_page(resp, 400)


# -- A2 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("client_id", [
    pytest.param("C" + "0" * 64, id="unknown"),
    pytest.param("", id="empty"),
    pytest.param(None, id="missing"),
])
def test_A2_unknown_client_id_is_not_redirected(client_id):
    lab = make_lab(1)
    s = lab.session()
    q = {"response_type": "code", "redirect_uri": APP_REDIRECT, "state": "s-1"}
    if client_id is not None:
        q["client_id"] = client_id
    resp = s.get(AUTHORIZE, params=q, allow_redirects=False)
    assert_error_page(resp, 400)
    assert "OAuth error: invalid_request" in resp.text
    assert pending_logins(lab) == 0


# -- A3 -------------------------------------------------------------------------------------------
def test_A3_implicit_request_without_sso_is_reported_to_the_client():
    """Product model: no SAML SSO, so no implicit grant. The redirect URI is valid, so the
    error goes to the client (RFC 6749 §4.1.2.1), in the fragment because the request asked
    for a fragment response (§4.2.2.1; the checklist's ``cb?error=`` is shorthand)."""
    lab = make_lab(1)
    app = make_app(lab, grant_types=IMPLICIT_APP)
    resp = app.authorize(response_type="token", state=ODD_STATE)
    assert_error_redirect(resp, APP_REDIRECT, "unsupported_response_type", ODD_STATE,
                          fragment=True)
    assert pending_logins(lab) == 0


@pytest.mark.parametrize(("params", "error"), [
    pytest.param({"response_type": "id_token"}, "unsupported_response_type", id="unknown-type"),
    pytest.param({"response_type": ""}, "unsupported_response_type", id="empty-type"),
    pytest.param({"scope": "UnifiedCommunications:admin"}, "invalid_scope", id="bad-scope"),
])
def test_A3_errors_after_redirect_validation_go_to_the_client(params, error):
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.authorize(state=ODD_STATE, **params)
    assert_error_redirect(resp, APP_REDIRECT, error, ODD_STATE)
    assert pending_logins(lab) == 0


def test_A3_missing_response_type_is_invalid_request_at_the_client():
    lab = make_lab(1)
    app = make_app(lab)
    q = {"client_id": app.client_id, "redirect_uri": APP_REDIRECT, "state": "s-9"}
    resp = app.session.get(AUTHORIZE, params=q, allow_redirects=False)
    assert_error_redirect(resp, APP_REDIRECT, "invalid_request", "s-9")


def test_A3_error_redirect_without_state_carries_no_state():
    lab = make_lab(1)
    app = make_app(lab)
    q = {"client_id": app.client_id, "redirect_uri": APP_REDIRECT, "response_type": "bogus"}
    resp = app.session.get(AUTHORIZE, params=q, allow_redirects=False)
    assert_error_redirect(resp, APP_REDIRECT, "unsupported_response_type", None)


# -- A4 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["scope", "state"])
def test_A4_repeated_parameter_is_invalid_request(name):
    """Once the client and redirect URI are known good, a repeat is reported to the client."""
    lab = make_lab(1)
    app = make_app(lab)
    values = {"scope": SCOPE, "response_type": "code", "state": "s-123"}
    pairs = [("client_id", app.client_id), ("redirect_uri", APP_REDIRECT)]
    pairs += [(k, v) for k, v in values.items()]
    pairs.append((name, values[name]))  # the same value twice is still a repeat
    resp = app.session.get(AUTHORIZE, params=pairs, allow_redirects=False)
    params = assert_error_redirect(resp, APP_REDIRECT, "invalid_request", "s-123")
    assert f"parameter '{name}' is included 2 times" in params["error_description"]
    assert pending_logins(lab) == 0


@pytest.mark.parametrize("name", ["client_id", "redirect_uri", "response_type"])
def test_A4_repeated_client_or_redirect_is_an_error_page(name):
    """A repeated client_id or redirect_uri means neither can be trusted: no redirect. A
    repeated response_type leaves the response mode (query or fragment) unknown, so the lab
    shows the error page there too rather than guess where to put the error."""
    lab = make_lab(1)
    app = make_app(lab)
    pairs = [("response_type", "code"), ("client_id", app.client_id),
             ("redirect_uri", APP_REDIRECT), ("state", "s-1")]
    pairs.append((name, dict(pairs)[name]))
    resp = app.session.get(AUTHORIZE, params=pairs, allow_redirects=False)
    assert_error_page(resp, 400)
    assert "OAuth error: invalid_request" in resp.text
    assert pending_logins(lab) == 0


# -- A5 -------------------------------------------------------------------------------------------
def test_A5_state_is_echoed_byte_for_byte():
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.login(app.authorize(state=ODD_STATE))
    assert resp.status_code == 302
    location = resp.headers["Location"]
    assert location.startswith(APP_REDIRECT + "?")
    params = redirect_params(location)
    assert params["state"] == ODD_STATE
    assert set(params) == {"code", "state"}


@pytest.mark.parametrize("csrf", [
    pytest.param(None, id="missing"),
    pytest.param("", id="empty"),
    pytest.param("forged-csrf-token-000000000000", id="wrong"),
    pytest.param("other-form", id="token-of-another-login-form"),
])
def test_A5_login_post_without_valid_csrf_token_is_refused(csrf):
    lab = make_lab(1)
    app = make_app(lab)
    victim = login_fields(app.authorize(state="victim").text)
    if csrf == "other-form":  # the attacker's own, valid, token pasted into the victim's form
        csrf = login_fields(app.authorize(state="attacker").text)["csrf_token"]
        assert csrf != victim["csrf_token"]
    form = {"request_id": victim["request_id"], "j_username": "alice",
            "j_password": uclab.LAB_PASSWORD}
    if csrf is not None:
        form["csrf_token"] = csrf
    resp = app.session.post(LOGIN, data=form, allow_redirects=False)
    assert resp.status_code == 403
    assert "Location" not in resp.headers
    assert "OAuth error: access_denied" in resp.text
    assert lab.cucm.store.codes == {}  # no code was issued
    # The victim's own form, with its own token, still works.
    ok = app.session.post(LOGIN, data={**victim, "j_username": "alice",
                                       "j_password": uclab.LAB_PASSWORD},
                          allow_redirects=False)
    assert ok.status_code == 302
    assert redirect_params(ok.headers["Location"])["state"] == "victim"


# -- A6 -------------------------------------------------------------------------------------------
def test_A6_login_post_answers_302_never_307():
    lab = make_lab(1)
    app = make_app(lab)
    resp = app.login(app.authorize())
    assert resp.status_code == 302  # not 307/308, which would re-POST the password
    assert resp.headers["Location"].startswith(APP_REDIRECT + "?code=")
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.content == b""
    # A wrong password shows the form again (401) instead of redirecting anywhere.
    retry = app.login(app.authorize(), password="wrong")
    assert retry.status_code == 401 and "Location" not in retry.headers


# -- A7 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("uri", [
    "http://app.example/cb",
    "http://localhost:5555/cb",  # RFC 8252 §8.3: a loopback IP literal, not "localhost"
    "http://10.0.0.1/cb",
])
def test_A7_cleartext_redirect_uri_is_refused_at_registration(uri):
    lab = make_lab(1)
    before = set(lab.cucm.store.clients)
    with pytest.raises(uclab.ConfigError, match="cleartext http"):
        lab.cucm.register_client("Cleartext App", [uri])
    assert set(lab.cucm.store.clients) == before


def test_A7_loopback_redirect_allowed_and_its_port_may_vary():
    """RFC 8252 §7.3: a native app's loopback port is chosen at run time."""
    lab = make_lab(1)
    client_id, secret = lab.cucm.register_client("Native App", ["http://127.0.0.1:5555/cb"])
    app = App(lab, client_id, secret, "http://127.0.0.1:6001/cb", lab.session(src="native"))
    page = app.authorize()
    assert page.status_code == 200 and "csrf_token" in page.text
    resp = app.login(page)
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("http://127.0.0.1:6001/cb?code=")
    tokens = app.tokens()
    assert tokens["token_type"] == "Bearer"
    # Only the port may vary: another path or host is still refused.
    for other in ("http://127.0.0.1:6001/other", "http://127.0.0.2:5555/cb",
                  "https://127.0.0.1:5555/cb"):
        assert_error_page(app.authorize(redirect_uri=other), 400)


# -- A8 -------------------------------------------------------------------------------------------
def test_A8_authorize_and_login_pages_forbid_framing():
    lab = make_lab(1)
    app = make_app(lab)
    page = app.authorize()
    retry = app.login(page, password="wrong")  # the form shown again, 401
    error = app.authorize(redirect_uri="https://evil.example/cb")
    assert (page.status_code, retry.status_code, error.status_code) == (200, 401, 400)
    for resp in (page, retry, error):
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert resp.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
        assert resp.headers["Cache-Control"] == "no-store"


# -- A9 -------------------------------------------------------------------------------------------
def test_A9_implicit_grant_refused_without_sso():
    """Product model: the default lab has no SAML SSO, so CUCM offers no implicit grant."""
    lab = make_lab(1)
    assert lab.cucm.idp is None
    app = make_app(lab, grant_types=IMPLICIT_APP)
    resp = app.authorize(response_type="token", state=ODD_STATE)
    assert_error_redirect(resp, APP_REDIRECT, "unsupported_response_type", ODD_STATE,
                          fragment=True)
    assert lab.cucm.publisher.implicit_tokens == {}


def _implicit_via_idp(app: App, state: str) -> str:
    """authorize -> IdP form -> IdP login -> auto-post form -> CUCM ACS; the final Location."""
    s = app.session
    first = app.authorize(response_type="token", state=state)
    assert first.status_code == 302
    assert first.headers["Location"].startswith(IDP + "/idp/profile/SAML2/Redirect/SSO?")
    form = s.get(first.headers["Location"], allow_redirects=False)
    assert form.status_code == 200
    fields = login_fields(form.text)
    assert set(fields) == {"SAMLRequest", "RelayState"}
    action = re.search(r"<form method='post' action='([^']+)'>", form.text).group(1)
    posted = s.post(IDP + action, data={**fields, "username": "alice",
                                        "password": uclab.LAB_PASSWORD},
                    allow_redirects=False)
    assert posted.status_code == 200
    back = login_fields(posted.text)
    assert set(back) == {"SAMLResponse", "RelayState"}
    acs = re.search(r"<form method='post' action='([^']+)'>", posted.text).group(1)
    assert acs.startswith(PUB + "/ssosp/saml/")
    done = s.post(acs, data=back, allow_redirects=False)
    assert done.status_code == 302
    return done.headers["Location"]


def test_A9_implicit_grant_with_sso_for_a_legacy_client_end_to_end():
    """Product model: with SAML SSO on, a client registered for "implicit" gets a token in the
    fragment (S1: legacy Jabber/RTMT), opaque and held by the issuing node (proxy mode)."""
    lab = make_lab(1)
    lab.cucm.enable_sso(lab.idp)
    app = make_app(lab, grant_types=IMPLICIT_APP)
    location = _implicit_via_idp(app, ODD_STATE)
    assert location.startswith(APP_REDIRECT + "#access_token=")
    assert urlsplit(location).query == ""  # never in the query (logs, Referer)
    params = redirect_params(location)
    assert set(params) == {"access_token", "token_type", "expires_in", "scope", "state"}
    assert params["token_type"] == "Bearer"
    assert params["state"] == ODD_STATE
    assert params["scope"] == SCOPE
    assert params["expires_in"] == str(lab.cucm.params.access_lifetime_s)
    token = params["access_token"]
    result = lab.cucm.validate(token)
    assert result.ok and result.claims["sub"] == "alice"
    uds = app.session.get(PUB + "/cucm-uds/user/alice/devices",
                          headers={"Authorization": f"Bearer {token}"})
    assert uds.status_code == 200
    assert lab.cucm.store.codes == {}  # no authorization code was minted on this path


def test_A9_implicit_grant_with_sso_refused_for_a_client_without_implicit():
    lab = make_lab(1)
    lab.cucm.enable_sso(lab.idp)
    app = make_app(lab)  # authorization_code + refresh_token only
    resp = app.authorize(response_type="token", state=ODD_STATE)
    assert_error_redirect(resp, APP_REDIRECT, "unauthorized_client", ODD_STATE, fragment=True)
    assert pending_logins(lab) == 0
    assert lab.cucm.publisher.implicit_tokens == {}


# -- A10 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("auth", ["basic", "body"])
def test_A10_password_grant_is_unsupported(auth):
    lab = make_lab(1)
    app = make_app(lab)
    form = {"grant_type": "password", "username": "alice", "password": uclab.LAB_PASSWORD,
            "scope": SCOPE}
    if auth == "basic":
        resp = app.token(**form)
    else:
        resp = app.session.post(PUB + "/ssosp/oauth/token",
                                data={**form, "client_id": app.client_id,
                                      "client_secret": app.secret})
    assert resp.status_code == 400
    body = resp.json()
    assert body["error"] == "unsupported_grant_type"
    assert "access_token" not in body and "refresh_token" not in body
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["Pragma"] == "no-cache"
    assert lab.cucm.refresh_token_rows() == []
    assert "password" not in lab.session().get(
        PUB + "/.well-known/oauth-authorization-server/ssosp").json()["grant_types_supported"]
