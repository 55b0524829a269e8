"""Notebook 11 section 7's attempts (uclab.workbook.probes.nb11_modern): every attack against
both OAuth profiles, with what the attacker gets and what the AuthZ decision log says."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.core.errors import ConfigError
from uclab.workbook.probes import nb11_modern as m

#: (attack, profile) -> (what the attacker gets, the deciding answer, the checks logged)
EXPECTED = {
    (m.WRONG_VERIFIER, "cisco"): (m.GOT_TOKENS, "200", ["pkce", "pkce"]),
    (m.WRONG_VERIFIER, "rfc9700"): (m.GOT_NOTHING, "400 invalid_grant", ["pkce", "pkce"]),
    (m.PLAIN, "cisco"): (m.GOT_TOKENS, "200", ["pkce", "pkce"]),
    (m.PLAIN, "rfc9700"): (m.GOT_NOTHING, "302 invalid_request", ["pkce"]),
    (m.IMPLICIT, "cisco"): (m.GOT_ACCESS, "302", []),
    (m.IMPLICIT, "rfc9700"): (m.GOT_NOTHING, "302 unsupported_response_type",
                              ["implicit grant"]),
    (m.REDIRECT, "cisco"): (m.GOT_NOTHING, "400 error page, no redirect", ["redirect_uri"]),
    (m.REDIRECT, "rfc9700"): (m.GOT_NOTHING, "400 error page, no redirect", ["redirect_uri"]),
    (m.OTHER_CLIENT, "cisco"): (m.GOT_NOTHING, "400 invalid_grant",
                                ["pkce", "pkce", "refresh token client"]),
    (m.OTHER_CLIENT, "rfc9700"): (m.GOT_NOTHING, "400 invalid_grant",
                                  ["pkce", "pkce", "refresh token client"]),
}


@pytest.mark.parametrize(("attack", "profile"), list(EXPECTED))
def test_each_attack_under_each_profile(attack, profile):
    got, answer, checks = EXPECTED[attack, profile]
    result = m.attempt(profile, attack)
    assert (result.got, result.answer) == (got, answer)
    assert result.succeeded is (got != m.GOT_NOTHING)
    logged = [d.check for _, _, log in result.decisions() for d in log.decisions]
    assert logged == checks
    for _, _, log in result.decisions():
        assert log.profile == profile and log.lab_only is (profile == "rfc9700")


def test_the_cisco_log_says_pkce_was_present_and_not_checked():
    table = m.attempt("cisco", m.WRONG_VERIFIER).decision_table()
    assert table.count("present, not checked") == 2 and "lab assumption" in table
    assert "#3 POST /ssosp/oauth/token -> 200" in table


def test_every_refusal_of_rfc9700_is_labelled_lab_only():
    for attack in m.ATTACKS:
        for _, _, log in m.attempt("rfc9700", attack).decisions():
            assert all("lab-only" in d.detail for d in log.decisions if not d.ok)


def test_an_empty_log_says_so():
    result = m.attempt("cisco", m.IMPLICIT)
    assert result.decisions() == [] and "empty" in result.decision_table()
    assert str(result).startswith("implicit grant, profile cisco: the attacker got an access")


def _secrets(ex) -> list[str]:
    """Codes, tokens and verifiers an exchange carried (request form, redirect, JSON body)."""
    from urllib.parse import parse_qsl, urlsplit

    names = ("code", "access_token", "refresh_token", "code_verifier")
    found = [v for k, v in parse_qsl(ex.request.body.decode("utf-8", "replace")) if k in names]
    if ex.response is not None:
        loc = urlsplit(ex.response.headers.get("Location") or "")
        found += [v for k, v in parse_qsl(loc.query or loc.fragment) if k in names]
        body = ex.response.body.decode("utf-8", "replace")
        if body.startswith("{"):
            found += [v for k, v in json.loads(body).items() if k in names]
    return found


def test_no_secret_reaches_the_decision_log():
    seen = 0
    for result in m.every_attempt(2):
        logged = json.dumps([log.as_meta() for _, _, log in result.decisions()])
        for ex in result.exchanges:
            for secret in _secrets(ex):
                seen += 1
                assert secret not in logged
    assert seen > 10  # the attempts did carry codes, tokens and verifiers


def test_attempts_are_deterministic():
    a, b = m.attempt("rfc9700", m.OTHER_CLIENT, 5), m.attempt("rfc9700", m.OTHER_CLIENT, 5)
    assert str(a) == str(b)
    assert [ex.request.target for ex in a.exchanges] == [ex.request.target for ex in b.exchanges]


@settings(max_examples=30, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text(max_size=40)))
def test_an_unknown_attack_or_profile_is_a_config_error(name):
    if name not in m.ATTACKS:
        with pytest.raises(ConfigError, match="the attacks are"):
            m.attempt("cisco", name)
    if name not in ("cisco", "rfc9700"):
        with pytest.raises(ConfigError, match="'cisco', 'rfc9700'"):
            m.attempt(name, m.WRONG_VERIFIER)
