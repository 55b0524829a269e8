"""The refusals both OAuth profiles share reach the AuthZ decision log: a redirect URI that is
not an exact match (RFC 9700 §2.1; checklist A1) and a refresh token presented by another
client (RFC 6749 §6, §10.4; checklist D1), each labelled with the profile; an
accepted redirect URI or refresh adds nothing, so the default lab's traces stay as they were."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.sim.cucm.authz.decisions import META_KEY, AuthzDecisions
from uclab.testing import make_app, make_lab

PROFILES = ("cisco", "rfc9700")


def _log(lab) -> AuthzDecisions | None:
    return AuthzDecisions.from_meta(lab.network.exchanges[-1].metadata)


@pytest.mark.parametrize("profile", PROFILES)
def test_a_redirect_uri_that_is_not_exact_is_refused_and_logged(profile):
    lab = make_lab(1, profile=profile)
    app = make_app(lab)
    resp = app.authorize(redirect_uri=app.redirect_uri + "/")
    assert resp.status_code == 400 and "Location" not in resp.headers
    log = _log(lab)
    assert log is not None and log.endpoint == "authorize" and log.profile == profile
    (decision,) = log.decisions
    assert decision.check == "redirect_uri" and decision.ok is False
    assert "exact string" in decision.detail and log.label in decision.detail


@pytest.mark.parametrize("profile", PROFILES)
def test_a_refresh_token_of_another_client_is_refused_and_logged(profile):
    lab = make_lab(1, profile=profile)
    a, b = make_app(lab, name="App A"), make_app(lab, name="App B")
    pkce = {} if profile == "cisco" else {
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256"}
    code = a.code(**pkce)
    verifier = {} if profile == "cisco" else {
        "code_verifier": "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"}
    tokens = a.token(grant_type="authorization_code", code=code, redirect_uri=a.redirect_uri,
                     **verifier).json()
    resp = b.refresh(tokens["refresh_token"])
    assert resp.status_code == 400 and resp.json()["error"] == "invalid_grant"
    (decision,) = _log(lab).decisions
    assert decision.check == "refresh token client" and not decision.ok
    assert "another client" in decision.detail and "RFC 6749 sections 6 and 10.4" in decision.detail
    assert a.refresh(tokens["refresh_token"]).status_code == 200
    assert META_KEY not in lab.network.exchanges[-1].metadata  # an accepted refresh logs none


def test_an_exact_redirect_uri_logs_nothing_under_cisco():
    lab = make_lab(1)
    app = make_app(lab)
    assert app.authorize().status_code == 200
    assert META_KEY not in lab.network.exchanges[-1].metadata


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()))
def test_any_other_redirect_uri_is_refused_with_the_log_in_both_profiles(suffix):
    for profile in PROFILES:
        lab = make_lab(3, profile=profile)
        app = make_app(lab)
        resp = app.authorize(redirect_uri=app.redirect_uri + suffix)
        assert resp.status_code == 400 and "Location" not in resp.headers
        assert [d.check for d in _log(lab).decisions] == ["redirect_uri"]


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text(max_size=20),
                 st.dictionaries(st.text(max_size=10), st.one_of(st.none(), st.text(max_size=5),
                                                                 st.lists(st.integers())))))
def test_from_meta_reads_only_a_decision_log(meta):
    log = AuthzDecisions.from_meta(meta if not isinstance(meta, dict) else {META_KEY: meta})
    assert log is None or isinstance(log, AuthzDecisions)


def test_from_meta_round_trips_a_log():
    log = AuthzDecisions("token", "rfc9700", "lab-only", True)
    log.add("pkce", False, "mismatch")
    back = AuthzDecisions.from_meta({META_KEY: log.as_meta()})
    assert back == log
    assert AuthzDecisions.from_meta({META_KEY: {"decisions": ["junk", {"ok": 1}]}}).decisions[
        0].ok is False
