"""Factories shared by the tests, the benchmarks and the notebooks' "start from here" cells.

They drive the lab through its public HTTP surface (``lab.session()``), exactly as a client
would, so a test that uses them exercises the real endpoints. :func:`code_interception` is the
one scenario here: the same attack against both OAuth profiles, for notebook 11 and the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from uclab import facts
from uclab.lab import LAB_PASSWORD, Lab

APP_REDIRECT = "https://app.example.net/cb"


@dataclass
class App:
    """A registered third-party client and the session it talks through."""

    lab: Lab
    client_id: str
    secret: str | None
    redirect_uri: str
    session: requests.Session

    def browser(self, name: str = "alice-browser") -> App:
        """This client's front-channel steps (authorize, the login form) as the user's browser
        sends them (RFC 6749 §1.1, the user agent): a copy on a session of its own, so a
        ladder draws the browser in its own lane and the client's back channel in another."""
        return replace(self, session=self.lab.session(src=name))

    @property
    def base(self) -> str:
        return f"https://{self.lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}"

    def authorize(self, **params: str) -> requests.Response:
        """GET the authorization endpoint (defaults: code flow for this app, no redirects)."""
        q = {"response_type": "code", "client_id": self.client_id,
             "redirect_uri": self.redirect_uri, "state": "s-123", **params}
        return self.session.get(self.base + facts.SSOSP_AUTHORIZE, params=q,
                                allow_redirects=False)

    def login(self, form_page: requests.Response, user: str = "alice",
              password: str = LAB_PASSWORD, **extra: str) -> requests.Response:
        """POST the CUCM login form found in ``form_page``."""
        fields = login_fields(form_page.text)
        fields.update({facts.LOGIN_FIELD_USER: user, facts.LOGIN_FIELD_PASSWORD: password},
                      **extra)
        return self.session.post(self.base + facts.SSOSP_LOGIN, data=fields,
                                 allow_redirects=False)

    def code(self, user: str = "alice", **params: str) -> str:
        """Run authorize + login and return the authorization code."""
        resp = self.login(self.authorize(**params), user)
        if resp.status_code != 302:
            raise AssertionError(f"login did not redirect: {resp.status_code} {resp.text[:200]}")
        return redirect_params(resp.headers["Location"])["code"]

    def token(self, **form: str) -> requests.Response:
        """POST the token endpoint with Basic client authentication."""
        auth = (self.client_id, self.secret) if self.secret is not None else None
        if auth is None:
            form.setdefault("client_id", self.client_id)
        return self.session.post(self.base + facts.SSOSP_TOKEN, data=form, auth=auth)

    def tokens(self, user: str = "alice") -> dict[str, Any]:
        """The whole code flow: returns the token response as a dict."""
        code = self.code(user)
        resp = self.token(grant_type="authorization_code", code=code,
                          redirect_uri=self.redirect_uri)
        if resp.status_code != 200:
            raise AssertionError(f"token request failed: {resp.status_code} {resp.text}")
        return resp.json()

    def refresh(self, refresh_token: str, **form: str) -> requests.Response:
        return self.token(grant_type="refresh_token", refresh_token=refresh_token, **form)


def login_fields(page: str) -> dict[str, str]:
    """The hidden fields of a lab login form."""
    return dict(re.findall(r"<input type='hidden' name='([^']+)' value='([^']*)'>", page))


def redirect_params(location: str) -> dict[str, str]:
    """Query (or fragment) parameters of a redirect ``Location``."""
    parts = urlsplit(location)
    raw = parts.query or parts.fragment
    return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}


def make_lab(seed: int | str | None = 1, *, refresh: bool = True, **kwargs: Any) -> Lab:
    """A lab with "OAuth with Refresh Login Flow" Enabled (unless ``refresh=False``)."""
    lab = Lab(seed=seed, **kwargs)
    if refresh:
        lab.cucm.enable_refresh_logins()
    return lab


def configured_lab(seed: int | str | None = 1, **kwargs: Any) -> Lab:
    """A lab with OAuth configured everywhere as the guides say (:meth:`Lab.configure_oauth`)."""
    lab = Lab(seed=seed, **kwargs)
    lab.configure_oauth()
    return lab


def make_app(lab: Lab, *, name: str = "Test App", redirect_uri: str = APP_REDIRECT,
             confidential: bool = True, **kwargs: Any) -> App:
    """Register a third-party client on the lab's CUCM and return it with a session."""
    client_id, secret = lab.cucm.register_client(name, [redirect_uri],
                                                 confidential=confidential, **kwargs)
    return App(lab, client_id, secret, redirect_uri, lab.session(src=name))


@dataclass(frozen=True)
class Interception:
    """What an attacker got by redeeming an intercepted authorization code (no token kept)."""

    profile: str
    #: the token endpoint's status and OAuth ``error`` (``None`` when it issued tokens)
    status: int
    error: str | None
    #: the token request's AuthZ decision log, as filed in the exchange's metadata
    decisions: tuple[dict[str, Any], ...]

    @property
    def got_tokens(self) -> bool:
        return self.status == 200 and self.error is None

    def report(self) -> str:
        outcome = "got tokens" if self.got_tokens else f"refused: {self.status} {self.error}"
        lines = [f"profile {self.profile}: the attacker {outcome}"]
        lines += [f"  {'ok  ' if d['ok'] else 'FAIL'} {d['check']}: {d['detail']}"
                  for d in self.decisions]
        return "\n".join(lines)


def code_interception(profile: str = str(facts.PROFILE_CISCO),
                      seed: int | str = 1) -> Interception:
    """The authorization code interception attack of RFC 7636 §1 (RFC 8252 §8.1), run once.

    A public native app (no client secret) sends ``/authorize`` with an S256 challenge
    (RFC 7636 §4.2); its verifier never leaves it. Alice logs in. An attacker who saw the code
    on its way back (another app registered for the same redirect) redeems it first, from its
    own session, with a verifier of its own. Under ``profile="cisco"`` it gets tokens and the
    decision log says PKCE was not checked (a lab assumption: no Cisco source documents PKCE);
    under the lab-only ``profile="rfc9700"`` it gets ``invalid_grant`` (RFC 7636 §4.6).
    """
    from uclab.protocols.pkce import s256_challenge
    from uclab.sim.cucm.authz.decisions import META_KEY

    lab = make_lab(seed, profile=profile)
    app = make_app(lab, name="Native App", redirect_uri="com.example.app:/oauth2redirect",
                   confidential=False).browser()
    verifier = lab.entropy.child("native-app/pkce").urlsafe(32)
    code = app.code(code_challenge=s256_challenge(verifier),
                    code_challenge_method=str(facts.PKCE_S256))
    attacker = replace(app, session=lab.session(src="attacker"))
    resp = attacker.token(grant_type="authorization_code", code=code,
                          redirect_uri=app.redirect_uri,
                          code_verifier=lab.entropy.child("attacker/pkce").urlsafe(32))
    meta = lab.network.exchanges[-1].metadata.get(META_KEY)
    body = resp.json()
    return Interception(lab.profile, resp.status_code,
                        None if resp.status_code == 200 else body.get("error"),
                        tuple(meta["decisions"]) if meta else ())
