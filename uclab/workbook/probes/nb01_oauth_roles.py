"""Probes of notebook 01: the RFC 6749 roles each node plays in a sign-in (uclab.trace.roles)."""

from __future__ import annotations

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.faults import FAULTS
from uclab.lab import LAB_PASSWORD
from uclab.workbook.probes.labs import signed_in_at, working_lab
from uclab.workbook.probes.registry import probe


@probe
def unity_connection_role(seed: int) -> str:
    """The RFC 6749 role Unity Connection plays when Jabber opens voicemail (uclab.trace.roles)."""
    from uclab.trace.roles import node_roles

    lab, client, start = signed_in_at(seed)
    if not client.use_service("voicemail"):
        raise ConfigError("voicemail did not open")
    found = node_roles(lab.exchanges[start:])[lab.unity.host.split(".")[0]]
    if len(found) != 1:
        raise ConfigError(f"Unity Connection played {found}, not one role")
    return found[0]


@probe
def token_issuer_node(seed: int) -> str:
    """Who answered the token request itself; its own keys must validate the token."""
    from uclab.trace.roles import token_issuer
    from uclab.workbook.views import LANE_ROLES

    lab, client, start = signed_in_at(seed)
    issuer = token_issuer(lab.exchanges[start:])
    node = next((n for n in lab.cucm.nodes if n.host.split(".")[0] == issuer), None)
    if node is None or not node.validate_bearer(client.tokens.access_token or "").ok:
        raise ConfigError(f"the token issuer {issuer!r} is not a CUCM node that validates it")
    return LANE_ROLES[str(issuer)]


#: the choices of exercise 01-expc-jobs, in the order the TOML lists them
NB01_EXPC_JOBS = (
    f"relays the login to CUCM ({facts.AUTHORIZE_PROXY_REQUEST})",
    "issues the authorization code",
    "issues the access token",
    "checks the access token with its own key copy",
)


@probe
def expc_jobs(seed: int) -> list[str]:
    """What Expressway-C did in a sign-in, read off the run (uclab.trace.roles), and whether it
    checks tokens itself: with no key copy it refuses tokens that CUCM issued."""
    from uclab.trace.roles import (
        AUTHORIZATION,
        AUTHORIZATION_SERVER,
        RELAY,
        hop_roles,
        token_issuer,
    )

    lab, _, start = signed_in_at(seed)
    hops = hop_roles(lab.exchanges[start:])
    relays = any(h.kind == AUTHORIZATION and h.exchange.src == "expc" and h.src_role == RELAY
                 and h.dst_role == AUTHORIZATION_SERVER for h in hops)
    issues_code = any(h.kind == AUTHORIZATION and h.exchange.dst == "expc"
                      and h.dst_role == AUTHORIZATION_SERVER for h in hops)
    broken = FAULTS["expc-not-refreshed"].build(seed)  # same lab, Expressway-C holds no keys
    b_start = len(broken.exchanges)
    refused = broken.client.sign_in()
    checks = (bool(lab.expc.keys) and not refused and refused.stage == facts.EDGE_TOKEN_REQUEST
              and token_issuer(broken.exchanges[b_start:]) == "cucm-pub")
    done = (relays, issues_code, token_issuer(lab.exchanges[start:]) == "expc", checks)
    return [job for job, yes in zip(NB01_EXPC_JOBS, done, strict=True) if yes]


@probe
def app_requests_with_password(seed: int) -> int:
    """A third-party app runs the code grant (alice signs in in her own browser session):
    how many requests sent by the app carry her password, in any encoding?"""
    import base64
    from urllib.parse import quote, quote_plus

    from uclab.testing import login_fields, redirect_params

    lab = working_lab(seed)
    redirect = "https://dashboard.example.org/cb"
    client_id, secret = lab.cucm.register_client("Team dashboard", [redirect])
    app, browser = lab.session("dashboard-app"), lab.session("alice-browser")
    base = f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}"
    page = browser.get(base + facts.SSOSP_AUTHORIZE, allow_redirects=False, params={
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect,
        "state": "nb01"})
    fields = {**login_fields(page.text), facts.LOGIN_FIELD_USER: "alice",
              facts.LOGIN_FIELD_PASSWORD: LAB_PASSWORD}
    login = browser.post(base + facts.SSOSP_LOGIN, data=fields, allow_redirects=False)
    code = redirect_params(login.headers["Location"])["code"]
    tokens = app.post(base + facts.SSOSP_TOKEN, auth=(client_id, secret or ""), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect})
    if tokens.status_code != 200:
        raise ConfigError(f"the token request answered HTTP {tokens.status_code}")
    forms = {LAB_PASSWORD, quote(LAB_PASSWORD), quote_plus(LAB_PASSWORD),
             base64.b64encode(f"alice:{LAB_PASSWORD}".encode()).decode()}

    def carries(ex) -> bool:
        text = ex.request.target + repr(ex.request.headers.items()) + \
            ex.request.body.decode("utf-8", "replace")
        return any(f in text for f in forms)

    if not any(carries(ex) for ex in lab.exchanges if ex.src == "alice-browser"):
        raise ConfigError("the browser's sign-in did not carry the password: the probe is blind")
    return sum(carries(ex) for ex in lab.exchanges if ex.src == "dashboard-app")
