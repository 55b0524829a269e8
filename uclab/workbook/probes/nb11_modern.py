"""Probes of notebook 11, section 7 (a modern-OAuth contrast): one code-interception attempt
against CUCM's AuthZ under both OAuth profiles (``Lab(profile="cisco"|"rfc9700")``,
:mod:`uclab.sim.cucm.authz.profiles`), with the AuthZ decision log of every hop.

The victim is a public native app (no client secret, RFC 8252) that sends PKCE S256 (RFC 7636
§4.2) unless the attempt says otherwise. The attacker is whoever saw the authorization response
(another app registered for the same redirect, RFC 7636 §1) or sends a crafted link. Each
attempt is one of :data:`ATTACKS`:

* ``wrong code_verifier``: the intercepted code redeemed with the attacker's own verifier
  (RFC 7636 §4.6);
* ``plain method``: the app sends ``code_challenge_method=plain``, so the challenge *is* the
  verifier and whoever saw the request can redeem (RFC 7636 §7.2; RFC 9700 §2.1.1);
* ``implicit grant``: ``response_type=token`` (with SAML SSO, which CUCM needs for it, S1): the
  access token itself comes back in the redirect's fragment (RFC 9700 §2.1.2);
* ``redirect_uri not exact``: a crafted link whose redirect URI only starts like the registered
  one (RFC 9700 §2.1, §4.1);
* ``refresh token of another client``: a second app presents the victim's refresh token
  (RFC 6749 §6, §10.4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import requests

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange
from uclab.lab import LAB_PASSWORD, Lab
from uclab.protocols.pkce import s256_challenge
from uclab.sim.cucm.authz.decisions import AuthzDecisions
from uclab.sim.cucm.authz.profiles import PROFILES
from uclab.testing import App, login_fields, make_app, make_lab, redirect_params
from uclab.workbook.probes.registry import probe

#: the native app's registered redirect URI (a private-use scheme, RFC 8252 §7.1)
NATIVE_REDIRECT = "com.example.app:/oauth2redirect"
#: the attacker's crafted redirect URI: the registered one plus a query of its own
CRAFTED_REDIRECT = NATIVE_REDIRECT + "?next=https://attacker.example/"
WRONG_VERIFIER = "wrong code_verifier"
PLAIN = "plain method"
IMPLICIT = "implicit grant"
REDIRECT = "redirect_uri not exact"
OTHER_CLIENT = "refresh token of another client"
#: what the attacker holds at the end of an attempt
GOT_TOKENS, GOT_ACCESS, GOT_CODE, GOT_NOTHING = ("tokens", "an access token",
                                                 "an authorization code", "nothing")


@dataclass(frozen=True)
class Attempt:
    """One attack against one profile: what the attacker got, the last answer it had, and the
    lab (its exchanges carry the AuthZ decision logs, :data:`~..decisions.META_KEY`)."""

    profile: str
    attack: str
    got: str
    #: the answer that decided it: ``"<status> <error>"`` or ``"<status>"``
    answer: str
    lab: Lab

    @property
    def succeeded(self) -> bool:
        return self.got != GOT_NOTHING

    @property
    def exchanges(self) -> list[Exchange]:
        return self.lab.exchanges

    def decisions(self) -> list[tuple[int, Exchange, AuthzDecisions]]:
        """``(hop number, exchange, log)`` of every hop whose AuthZ decisions were logged."""
        found = []
        for i, ex in enumerate(self.exchanges, 1):
            log = AuthzDecisions.from_meta(ex.metadata)
            if log is not None and log.decisions:
                found.append((i, ex, log))
        return found

    def decision_table(self) -> str:
        """The decision log as text, one block per hop (codes and tokens never appear)."""
        rows = self.decisions()
        if not rows:
            return ("AuthZ decision log: empty (nothing in these requests was ignored or "
                    "refused under this profile)")
        lines = ["AuthZ decision log"]
        for i, ex, log in rows:
            lines.append(f"#{i} {ex.request.method} {ex.request.path} "
                         f"-> {ex.response.status if ex.response else 'no answer'}")
            lines += [f"    {d}" for d in log.decisions]
        return "\n".join(lines)

    def summary(self) -> str:
        outcome = f"got {self.got}" if self.succeeded else "got nothing"
        return (f"{self.attack}, profile {self.profile}: the attacker {outcome} "
                f"(deciding answer: {self.answer})")

    def __str__(self) -> str:
        return self.summary() + "\n" + self.decision_table()


def _answer(resp: requests.Response, error: str | None = None) -> str:
    return f"{resp.status_code} {error}" if error else str(resp.status_code)


def _native_app(lab: Lab, **kwargs) -> App:
    """The victim: a public native app, its front channel in the user's browser."""
    return make_app(lab, name="Native App", redirect_uri=NATIVE_REDIRECT, confidential=False,
                    **kwargs).browser()


def _s256(lab: Lab) -> tuple[str, dict[str, str]]:
    verifier = lab.entropy.child("native-app/pkce").urlsafe(32)
    return verifier, {str(facts.PARAM_CODE_CHALLENGE): s256_challenge(verifier),
                      str(facts.PARAM_CODE_CHALLENGE_METHOD): str(facts.PKCE_S256)}


def _code_or_error(app: App, params: dict[str, str]) -> tuple[str | None, requests.Response]:
    """Authorize and log in as alice: the code, or ``None`` and the refusing answer."""
    first = app.authorize(**params)
    if first.status_code != 200:
        return None, first
    done = app.login(first)
    code = redirect_params(done.headers.get("Location", "")).get("code")
    return code, done


def _redeem(attacker: App, code: str, verifier: str) -> requests.Response:
    return attacker.token(grant_type="authorization_code", code=code,
                          redirect_uri=attacker.redirect_uri,
                          **{str(facts.PARAM_CODE_VERIFIER): verifier})


def _by_token(resp: requests.Response) -> tuple[str, str]:
    if resp.status_code == 200:
        return GOT_TOKENS, _answer(resp)
    return GOT_NOTHING, _answer(resp, resp.json().get("error"))


def _refused_at_authorize(resp: requests.Response) -> tuple[str, str]:
    """An /authorize refusal: an error redirect (its ``error``) or an error page."""
    location = resp.headers.get("Location")
    error = redirect_params(location).get("error") if location else None
    return GOT_NOTHING, _answer(resp, error or "error page, no redirect")


def _wrong_verifier(lab: Lab) -> tuple[str, str]:
    app = _native_app(lab)
    _, pkce = _s256(lab)
    code, resp = _code_or_error(app, pkce)
    if code is None:
        return _refused_at_authorize(resp)
    attacker = replace(app, session=lab.session(src="attacker"))
    return _by_token(_redeem(attacker, code, lab.entropy.child("attacker/pkce").urlsafe(32)))


def _plain(lab: Lab) -> tuple[str, str]:
    app = _native_app(lab)
    verifier = lab.entropy.child("native-app/pkce").urlsafe(32)
    code, resp = _code_or_error(app, {str(facts.PARAM_CODE_CHALLENGE): verifier,
                                      str(facts.PARAM_CODE_CHALLENGE_METHOD):
                                      str(facts.PKCE_PLAIN)})
    if code is None:
        return _refused_at_authorize(resp)
    # plain: the challenge the attacker saw in the authorization request is the verifier
    attacker = replace(app, session=lab.session(src="attacker"))
    return _by_token(_redeem(attacker, code, verifier))


def _implicit(lab: Lab) -> tuple[str, str]:
    lab.cucm.enable_sso(lab.idp)  # CUCM offers the implicit grant only with SAML SSO (S1)
    app = _native_app(lab, grant_types=("authorization_code", "refresh_token", "implicit"))
    first = app.authorize(response_type="token", scope=str(facts.SCOPE_UC))
    location = first.headers.get("Location", "")
    if not location.startswith(f"https://{lab.idp.host}"):
        return _refused_at_authorize(first)
    browser = app.session
    page = browser.get(location)
    signed_in = browser.post(f"https://{lab.idp.host}{facts.IDP_LOGIN_PATH}",
                             data={**login_fields(page.text), "username": "alice",
                                   "password": LAB_PASSWORD})
    pub = lab.cucm.publisher.host
    acs = f"https://{pub}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_SAML_ACS}{pub}"
    done = browser.post(acs, data=login_fields(signed_in.text), allow_redirects=False)
    # whoever sees this redirect holds the access token: no code, nothing to redeem
    got = "access_token" in redirect_params(done.headers.get("Location", ""))
    return (GOT_ACCESS if got else GOT_NOTHING), _answer(done)


def _redirect(lab: Lab) -> tuple[str, str]:
    app = _native_app(lab)
    _, pkce = _s256(lab)
    crafted = replace(app, redirect_uri=CRAFTED_REDIRECT)
    code, resp = _code_or_error(crafted, pkce)
    if code is None:
        return _refused_at_authorize(resp)
    return GOT_CODE, _answer(resp)  # the code went to the crafted URI


def _other_client(lab: Lab) -> tuple[str, str]:
    app = _native_app(lab)
    verifier, pkce = _s256(lab)
    code, resp = _code_or_error(app, pkce)
    if code is None:
        return _refused_at_authorize(resp)
    client = replace(app, session=lab.session(src="Native App"))
    tokens = _redeem(client, code, verifier)
    if tokens.status_code != 200:
        return _by_token(tokens)
    other = make_app(lab, name="Other App", redirect_uri="com.other.app:/cb", confidential=False)
    resp = other.refresh(tokens.json()["refresh_token"])
    if resp.status_code == 200:
        return GOT_ACCESS, _answer(resp)
    return GOT_NOTHING, _answer(resp, resp.json().get("error"))


#: every attack the notebook's widget offers, by name
ATTACKS: dict[str, Callable[[Lab], tuple[str, str]]] = {
    WRONG_VERIFIER: _wrong_verifier, PLAIN: _plain, IMPLICIT: _implicit, REDIRECT: _redirect,
    OTHER_CLIENT: _other_client,
}


def attempt(profile: str, attack: str, seed: int = 1) -> Attempt:
    """Run ``attack`` (one of :data:`ATTACKS`) against a fresh lab of ``profile`` and ``seed``;
    anything else is a :class:`ConfigError` naming the choices."""
    if not isinstance(attack, str) or attack not in ATTACKS:
        raise ConfigError(f"unknown attack {str(attack)[:40]!r}; the attacks are "
                          f"{', '.join(repr(a) for a in ATTACKS)}")
    lab = make_lab(seed, profile=profile)
    got, answer = ATTACKS[attack](lab)
    return Attempt(lab.profile, attack, got, answer, lab)


def every_attempt(seed: int = 1) -> list[Attempt]:
    """Every attack against every profile, in :data:`ATTACKS` then profile order."""
    return [attempt(p, a, seed) for a in ATTACKS for p in PROFILES]


# -- the exercises' probes ---------------------------------------------------------------------
#: the choices of exercise 11-modern-refresh-other-client, by the set of refusing profiles
REFUSERS = {frozenset(PROFILES): "both", frozenset({str(facts.PROFILE_RFC9700)}): "only rfc9700",
            frozenset({str(facts.PROFILE_CISCO)}): "only cisco", frozenset(): "neither"}


@probe
def cisco_wrong_verifier_gets(seed: int) -> str:
    """Profile cisco: what does the intercepted code, redeemed with the attacker's own
    verifier, get: ``tokens`` or the token endpoint's OAuth error?"""
    result = attempt(str(facts.PROFILE_CISCO), WRONG_VERIFIER, seed)
    return result.got if result.succeeded else result.answer.partition(" ")[2]


@probe
def rfc9700_plain_answer(seed: int) -> str:
    """Profile rfc9700: how does /authorize answer ``code_challenge_method=plain``?"""
    result = attempt(str(facts.PROFILE_RFC9700), PLAIN, seed)
    status, _, error = result.answer.partition(" ")
    if status != "302":
        return "the login form" if status == "200" else "an error page, no redirect"
    return f"a redirect to the app with error={error}"


@probe
def profiles_refusing_other_client_refresh(seed: int) -> str:
    """Which profiles refuse a refresh token presented by another client?"""
    return REFUSERS[frozenset(p for p in PROFILES
                              if not attempt(p, OTHER_CLIENT, seed).succeeded)]
