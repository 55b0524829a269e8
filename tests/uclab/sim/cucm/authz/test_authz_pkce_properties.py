"""Property tests: whatever ``code_challenge``, ``code_challenge_method``, ``code_verifier`` and
``redirect_uri`` a client sends, under either profile, CUCM's AuthZ answers with a 2xx/3xx or a
4xx carrying an OAuth error (RFC 6749 §4.1.2.1, §5.2), never a 5xx or an exception, and a token
is issued under ``rfc9700`` only for the verifier that matches (RFC 7636 §4.6)."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.protocols.pkce import is_valid_s256_challenge, s256_challenge
from uclab.testing import APP_REDIRECT, App, make_app, make_lab, redirect_params

VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
CHALLENGE = s256_challenge(VERIFIER)
UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
ERRORS = {"invalid_request", "invalid_grant", "unsupported_response_type", "invalid_scope",
          "unauthorized_client", "invalid_client"}

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=140)
value = st.one_of(st.none(), text, st.text(alphabet=UNRESERVED, min_size=40, max_size=130),
                  st.sampled_from([CHALLENGE, VERIFIER, "S256", "plain", "", "S512"]))
redirect = st.one_of(st.none(), text, st.sampled_from([
    APP_REDIRECT, APP_REDIRECT + "/", APP_REDIRECT.upper(), APP_REDIRECT + "?a=1",
    "https://evil.example/cb", "javascript:alert(1)"]))


@cache
def app(profile: str) -> App:
    return make_app(make_lab(1, profile=profile))


def _params(**kw):
    return {k: v for k, v in kw.items() if v is not None}


def assert_oauth_answer(resp) -> None:
    assert resp.status_code < 500, resp.text[:300]
    if resp.status_code >= 400:
        assert resp.headers["Cache-Control"] == "no-store"
        if resp.headers["Content-Type"].startswith("application/json"):
            assert resp.json()["error"] in ERRORS
        else:
            assert "OAuth error: " in resp.text
    elif resp.status_code == 302:
        params = redirect_params(resp.headers["Location"])
        assert "code" in params or params.get("error") in ERRORS


@settings(max_examples=80, deadline=None)
@given(profile=st.sampled_from(["cisco", "rfc9700"]), challenge=value, method=value,
       redirect_uri=redirect)
def test_authorize_answers_every_pkce_and_redirect_value_with_an_oauth_answer(
        profile, challenge, method, redirect_uri):
    a = app(profile)
    q = _params(code_challenge=challenge, code_challenge_method=method)
    q["redirect_uri"] = redirect_uri  # None drops the parameter (one URI registered)
    resp = a.authorize(**q)
    assert_oauth_answer(resp)
    strict_ok = method == "S256" and is_valid_s256_challenge(challenge)
    if profile == "rfc9700" and resp.status_code == 200:
        assert strict_ok  # a login form only for a well-formed S256 challenge
    if resp.status_code in (200, 302) and redirect_uri not in (None, APP_REDIRECT):
        raise AssertionError("an unregistered redirect_uri was accepted")


@settings(max_examples=60, deadline=None)
@given(profile=st.sampled_from(["cisco", "rfc9700"]), verifier=value, redirect_uri=redirect)
def test_token_answers_every_verifier_and_redirect_value_with_an_oauth_answer(
        profile, verifier, redirect_uri):
    a = app(profile)
    code = a.code(code_challenge=CHALLENGE, code_challenge_method="S256")
    form = _params(grant_type="authorization_code", code=code, code_verifier=verifier,
                   redirect_uri=redirect_uri)
    resp = a.token(**form)
    assert_oauth_answer(resp)
    if resp.status_code == 200:
        assert redirect_uri == APP_REDIRECT
        if profile == "rfc9700":
            assert verifier == VERIFIER
    elif profile == "cisco" and redirect_uri == APP_REDIRECT:
        raise AssertionError(f"cisco ignores the verifier, yet refused: {resp.text[:200]}")
