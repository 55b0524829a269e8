"""Probes of notebook 11, section 3 (SAML SSO over MRA): the variants the widget switches
(AD FS, Entra ID, and the three faults of :mod:`uclab.faults.sso`), the inside-the-network
login where CUCM's ssosp is the SP, the benefit (MFA once, then refreshes with no prompt), and
the exercises' answers."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import LAB_PASSWORD, Lab
from uclab.sim.jabber.outcome import Outcome
from uclab.workbook.probes.registry import probe

#: widget label -> (IdP profile, fault id or None)
VARIANTS: dict[str, tuple[str, str | None]] = {
    "AD FS": ("adfs", None),
    "Entra ID": ("entra", None),
    "certificate mismatch": ("adfs", "sso-idp-cert-rollover"),
    "clock skew": ("adfs", "sso-idp-clock-skew"),
    "uid missing": ("adfs", "sso-no-uid-claim"),
}
NB11_SSO_CHECKERS = ("CUCM (ssosp)", "Expressway-C", "Expressway-E", "the IdP")
NB11_SSO_ISSUERS = ("Microsoft Entra ID", "CUCM", "Expressway-C")
_HIDDEN = re.compile(r"name='([^']+)' value='([^']*)'")
_ACTION = re.compile(r"<form method='post' action='([^']+)'")


def sso_lab(seed: int, variant: str) -> Lab:
    """A lab with SSO in the variant's IdP profile and, if it names one, its fault in place."""
    if variant not in VARIANTS:
        raise ConfigError(f"unknown variant {variant!r}; one of {', '.join(VARIANTS)}")
    idp, fault_id = VARIANTS[variant]
    lab = Lab(seed=seed)
    lab.configure_oauth()
    if fault_id is None:
        lab.configure_sso(idp)
    else:
        from uclab import faults

        faults.get(fault_id).apply(lab)
    return lab


def mra_sign_in(seed: int, variant: str) -> tuple[Lab, Outcome, int]:
    """Alice's Jabber signs in over MRA in ``variant``: the lab, the outcome, and the index of
    the first exchange of the sign-in (for the ladder)."""
    lab = sso_lab(seed, variant)
    start = len(lab.exchanges)
    outcome = lab.client.sign_in(xmpp=False)
    return lab, outcome, start


def _through_idp(lab: Lab, browser, url: str, user: str = "alice") -> object:
    """A browser follows ``url`` through the IdP's pages (password, MFA) to the SP's answer."""
    page = browser.get(url, allow_redirects=False)
    if page.status_code == 302:
        url = page.headers["Location"]
        page = browser.get(url, allow_redirects=False)
    base = "https://" + urlsplit(url).netloc
    for _ in range(3):
        fields = dict(_HIDDEN.findall(page.text))
        action = _ACTION.search(page.text)
        if action is None:
            return page
        if "SAMLResponse" in fields:
            return browser.post(action[1], data=fields, allow_redirects=False)
        if fields.get("stage") == "password":
            fields.update(username=user, password=LAB_PASSWORD)
        elif fields.get("stage") == "mfa":
            fields["otp"] = lab.idp.saml.authenticator_code(user)
        page = browser.post(base + action[1], data=fields, allow_redirects=False)
    return page


def inside_login(seed: int, variant: str) -> tuple[Lab, int, int]:
    """Alice's browser inside the network signs in to CUCM with SSO (CUCM's ssosp is the SP):
    the lab, and the indexes of the first exchange and the first log line of the login."""
    lab = sso_lab(seed, variant)
    start, first_log = len(lab.exchanges), len(lab.logs)
    q = {"response_type": "code", "client_id": str(lab.jabber_client_id),
         "redirect_uri": str(facts.JABBER_REDIRECT_URI), "scope": str(facts.SCOPE_UC)}
    url = (f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_AUTHORIZE}?"
           + urlencode(q))
    _through_idp(lab, lab.session("alice-browser"), url)
    return lab, start, first_log


def ssosp_log(seed: int, variant: str, reveal: bool = False) -> str:
    """The ssosp lines CUCM wrote for the inside login in ``variant``."""
    lab, _, first = inside_login(seed, variant)
    lines = [ln for ln in lab.logs[first:] if ln.dialect == "cucm-ssosp"]
    return "\n".join(ln.render(reveal) for ln in lines)


def benefit(seed: int, idp: str = "adfs", refreshes: int = 3) -> dict[str, object]:
    """MFA once at the IdP, then ``refreshes`` access-token expiries (lab time advanced by the
    access-token lifetime and a minute) with UDS used after each: the IdP's prompts and the
    hops after the sign-in."""
    lab = sso_lab(seed, "AD FS" if idp == "adfs" else "Entra ID")
    client = lab.client
    if not client.sign_in(xmpp=False):
        raise ConfigError("the SSO sign-in failed; the benefit needs a working one")
    prompts, after = lab.idp.saml.prompts, len(lab.exchanges)
    minutes = lab.cucm.params.access_lifetime_s // 60 + 1
    for _ in range(refreshes):
        lab.advance(minutes=minutes)
        if not client.use_service("uds"):
            raise ConfigError("a refresh failed; the benefit needs a working one")
    hops = lab.hops(after)
    return {"prompts_at_sign_in": prompts, "prompts_later": lab.idp.saml.prompts - prompts,
            "idp_hops_later": sum(" -> idp:" in h for h in hops), "hops": hops}


# -- exercise probes -------------------------------------------------------------------------------
@probe
def nb11_sso_checker_over_mra(seed: int) -> str:
    """The IdP's certificate rolled over: over MRA, which node rejects the assertion (the one
    whose log holds the rejection)?"""
    lab, outcome, _ = mra_sign_in(seed, "certificate mismatch")
    if outcome:
        raise ConfigError("the sign-in worked; the probe is blind")
    hosts = {ln.host for ln in lab.logs if ln.get("Event") == facts.EVENT_SSO
             and ln.get("Detail") == facts.EXPC_SIG_INVALID}
    names = {lab.expc.host: "Expressway-C", lab.edge.host: "Expressway-E",
             lab.cucm.publisher.host: "CUCM (ssosp)", lab.idp.host: "the IdP"}
    found = {names[h] for h in hosts if h in names}
    if len(found) != 1:
        raise ConfigError(f"the rejection is in {sorted(hosts)}")
    return found.pop()


@probe
def nb11_sso_token_issuer_entra(seed: int) -> str:
    """With Entra ID as the IdP, which node answers the request that returns Jabber's refresh
    token?"""
    lab, outcome, start = mra_sign_in(seed, "Entra ID")
    if not outcome:
        raise ConfigError(f"the Entra sign-in failed: {outcome}")
    for ex in lab.exchanges[start:]:
        if ex.src == "expc" and ex.response is not None and b"refresh_token" in ex.response.body:
            return {lab.cucm.publisher.host: "CUCM"}.get(ex.request.host, ex.dst)
    raise ConfigError("no hop returned a refresh token")


@probe
def nb11_sso_idp_hops_after_refreshes(seed: int) -> int:
    """After the MFA sign-in, three access-token expiries and refreshes: how many hops reach
    the IdP?"""
    return int(benefit(seed)["idp_hops_later"])
