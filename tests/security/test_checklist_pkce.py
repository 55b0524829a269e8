"""Security checklist B6-B12 (PKCE) and A1, A9, D1 under the lab's two OAuth profiles.

RFC sections: RFC 7636 §4.1 (verifier syntax), §4.2 (S256), §4.3, §4.4.1 (a missing challenge
or unsupported method is ``invalid_request`` at the authorization endpoint), §4.5, §4.6 (a
mismatch is ``invalid_grant``), Appendix B (test vector); RFC 9700 §2.1 (exact redirect URIs),
§2.1.1 (PKCE, S256), §2.1.2 (no implicit grant), §4.5 (code injection), §4.8.2 (PKCE
downgrade), §4.14 (refresh token protection); RFC 6749 §3.1.2, §6, §10.4 (refresh tokens
bound to the client).

Product model: no Cisco source documents PKCE on CUCM's AuthZ, so the default ``cisco`` profile
ignores the parameters and the AuthZ decision log says so, labelled a lab assumption [U]. The
checks below hold under the lab-only ``rfc9700`` profile; each B test also pins what ``cisco``
does, so the contrast is visible. Policies pinned here: ``plain`` is refused (B9); a missing or
malformed verifier is ``invalid_request`` (B10, B11); a verifier for a code issued without a
challenge is ``invalid_request`` (B8).
"""

from __future__ import annotations

import hmac

import pytest
from _wire import assert_token_error

from uclab.protocols.pkce import s256_challenge
from uclab.sim.cucm.authz.decisions import META_KEY
from uclab.testing import App, make_app, make_lab, redirect_params

VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  # RFC 7636 Appendix B
CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
OTHER_VERIFIER = "x" * 43


def app_for(profile: str, **kwargs) -> App:
    return make_app(make_lab(1, profile=profile), **kwargs)


def s256_code(app: App, challenge: str = CHALLENGE) -> str:
    return app.code(code_challenge=challenge, code_challenge_method="S256")


def redeem(app: App, code: str, **form: str):
    return app.token(grant_type="authorization_code", code=code, redirect_uri=app.redirect_uri,
                     **form)


def decisions(app: App) -> list[dict]:
    meta = app.lab.network.exchanges[-1].metadata.get(META_KEY)
    return meta["decisions"] if meta else []


def assert_pkce_redirect_error(resp, app: App, fragment: str = "") -> dict[str, str]:
    """RFC 7636 §4.4.1: invalid_request, sent to the (valid) redirect URI with the state."""
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith(app.redirect_uri + "?")
    params = redirect_params(resp.headers["Location"])
    assert params["error"] == "invalid_request" and params["state"] == "s-123"
    assert "code" not in params
    assert fragment in params["error_description"]
    assert "lab-only" in params["error_description"]
    return params


# -- B6 -------------------------------------------------------------------------------------------
def test_B6_appendix_b_vector_gives_200_and_a_wrong_verifier_invalid_grant():
    app = app_for("rfc9700")
    assert s256_challenge(VERIFIER) == CHALLENGE
    code = s256_code(app)
    bad = redeem(app, code, code_verifier=OTHER_VERIFIER)
    body = assert_token_error(bad, 400, "invalid_grant")
    assert "RFC 7636 section 4.6" in body["error_description"]
    assert decisions(app)[-1]["ok"] is False
    ok = redeem(app, code, code_verifier=VERIFIER)  # the failed attempt did not use it up
    assert ok.status_code == 200 and "access_token" in ok.json()
    assert decisions(app)[-1]["ok"] is True and "§4.6" in decisions(app)[-1]["detail"]


def test_B6_under_cisco_a_wrong_verifier_gets_tokens_and_the_log_says_not_checked():
    app = app_for("cisco")
    code = s256_code(app)
    assert "not checked" in decisions_of_authorize(app)
    resp = redeem(app, code, code_verifier=OTHER_VERIFIER)
    assert resp.status_code == 200
    (d,) = decisions(app)
    assert d["check"] == "pkce" and "not checked" in d["detail"]
    assert "lab assumption" in d["detail"]


def decisions_of_authorize(app: App) -> str:
    for ex in app.lab.network.exchanges:
        meta = ex.metadata.get(META_KEY)
        if meta and meta["endpoint"] == "authorize":
            return " ".join(d["detail"] for d in meta["decisions"])
    return ""


# -- B7 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("confidential", [False, True])
def test_B7_no_code_challenge_is_invalid_request(confidential):
    app = app_for("rfc9700", confidential=confidential)
    assert_pkce_redirect_error(app.authorize(), app, "code_challenge is required")
    assert decisions(app)[0]["ok"] is False
    cisco = app_for("cisco", confidential=confidential)
    assert cisco.authorize().status_code == 200  # the login form
    assert decisions(cisco) == []  # nothing sent, nothing to log


# -- B8 -------------------------------------------------------------------------------------------
def test_B8_a_verifier_for_a_code_without_challenge_is_rejected():
    """authorize_proxy (MRA) codes carry no challenge; a verifier sent with one is refused."""
    app = app_for("rfc9700")
    user = app.lab.cucm.users.get("alice")
    code = app.lab.cucm.authz.authorize_proxy(app.lab.cucm.store.client(app.client_id), user,
                                              None)
    resp = app.token(grant_type="authorization_code", code=code, code_verifier=VERIFIER)
    body = assert_token_error(resp, 400, "invalid_request")
    assert "PKCE downgrade" in body["error_description"]
    assert app.token(grant_type="authorization_code", code=code).status_code == 200


# -- B9 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("method, fragment", [
    ("plain", "is plain"), (None, "default to plain"), ("S512", "not supported"),
    ("s256", "not supported")])
def test_B9_plain_missing_and_unknown_methods_are_invalid_request(method, fragment):
    app = app_for("rfc9700")
    params = {"code_challenge": CHALLENGE}
    if method is not None:
        params["code_challenge_method"] = method
    assert_pkce_redirect_error(app.authorize(**params), app, fragment)


# -- B10 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("verifier", ["a" * 42, "a" * 129, "a" * 42 + "+", "a" * 42 + "/",
                                      "a" * 42 + "=", ""])
def test_B10_verifier_syntax_is_enforced(verifier):
    app = app_for("rfc9700")
    code = s256_code(app)
    body = assert_token_error(redeem(app, code, code_verifier=verifier), 400, "invalid_request")
    assert "43 to 128 characters" in body["error_description"]


# -- B11 ------------------------------------------------------------------------------------------
def test_B11_a_missing_verifier_when_a_challenge_was_sent_is_invalid_request():
    app = app_for("rfc9700")
    code = s256_code(app)
    body = assert_token_error(redeem(app, code), 400, "invalid_request")
    assert "code_verifier is required" in body["error_description"]
    assert redeem(app, code).status_code == 400  # still refused, never tokens
    cisco = app_for("cisco")
    assert redeem(cisco, s256_code(cisco)).status_code == 200


# -- B12 ------------------------------------------------------------------------------------------
def test_B12_code_injection_with_another_sessions_verifier_is_invalid_grant():
    app = app_for("rfc9700")
    victim_code = s256_code(app, CHALLENGE)
    attacker_verifier = "attacker-" + "v" * 40
    s256_code(app, s256_challenge(attacker_verifier))  # the attacker's own session
    resp = redeem(app, victim_code, code_verifier=attacker_verifier)
    assert_token_error(resp, 400, "invalid_grant")


# -- C8 (the verifier part) -----------------------------------------------------------------------
def test_C8_the_verifier_is_compared_with_compare_digest(monkeypatch):
    import uclab.protocols.pkce as pkce

    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(pkce.hmac, "compare_digest", spy)
    app = app_for("rfc9700")
    redeem(app, s256_code(app), code_verifier=VERIFIER)
    assert (CHALLENGE.encode(), CHALLENGE.encode()) in calls


# -- A1, A9, D1 under rfc9700 ---------------------------------------------------------------------
@pytest.mark.parametrize("uri", ["https://app.example.net/cb/", "https://app.example.net/CB",
                                 "https://app.example.net/cb?x=1", "https://evil.example/cb"])
def test_A1_rfc9700_still_compares_redirect_uris_exactly(uri):
    app = app_for("rfc9700")
    resp = app.authorize(redirect_uri=uri, code_challenge=CHALLENGE, code_challenge_method="S256")
    assert resp.status_code == 400 and "Location" not in resp.headers


def test_A9_rfc9700_refuses_the_implicit_grant_even_with_sso():
    implicit = ("authorization_code", "refresh_token", "implicit")
    for profile, refused in (("cisco", False), ("rfc9700", True)):
        lab = make_lab(1, profile=profile)
        lab.cucm.enable_sso(lab.idp)
        app = make_app(lab, grant_types=implicit)
        resp = app.authorize(response_type="token")
        assert resp.status_code == 302
        location = resp.headers["Location"]
        if refused:
            assert location.startswith(app.redirect_uri + "#")
            params = redirect_params(location)
            assert params["error"] == "unsupported_response_type"
            assert "RFC 9700 section 2.1.2" in params["error_description"]
        else:
            assert location.startswith("https://idp.")  # on to the IdP: implicit is offered


def test_D1_rfc9700_refresh_token_bound_to_its_client():
    lab = make_lab(1, profile="rfc9700")
    a, b = make_app(lab, name="App A"), make_app(lab, name="App B")
    tokens = redeem(a, s256_code(a), code_verifier=VERIFIER).json()
    assert_token_error(b.refresh(tokens["refresh_token"]), 400, "invalid_grant")
    assert a.refresh(tokens["refresh_token"]).status_code == 200
