"""Probes of notebook 06, the XMPP SASL case study (the seed article's case, fault
``expc-oauthlocal-off``)."""

from __future__ import annotations

from collections.abc import Callable

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.faults import FAULTS
from uclab.lab import Lab
from uclab.sim.imp import parse_reply
from uclab.workbook.probes.labs import the_one_fix, working_lab
from uclab.workbook.probes.registry import probe


def _seed_case(seed: int) -> Lab:
    """The seed article's case (fault ``expc-oauthlocal-off``), built but not yet probed."""
    return FAULTS["expc-oauthlocal-off"].build(seed)


def _advertised(lab: Lab, src: str, since: int = 0) -> list[str]:
    """The SASL mechanisms of the first stream features ``src`` received (from ``since``)."""
    for ex in lab.exchanges[since:]:
        if ex.src == src and ex.request.method == "XMPP" and ex.response is not None:
            reply = parse_reply(ex.response.text)
            if reply.kind == "features":
                return list(reply.mechanisms)
    raise ConfigError(f"{src} received no XMPP stream features")



@probe
def advertised_mechanisms_oauthlocal_off(seed: int) -> list[str]:
    """What Jabber is offered by Expressway (relaying Expressway-C) in the seed's case."""
    lab = _seed_case(seed)
    start = len(lab.exchanges)
    FAULTS["expc-oauthlocal-off"].probe(lab)
    return _advertised(lab, "jabber-alice", start)


@probe
def imp_offered_mechanisms(seed: int) -> list[str]:
    """What IM&P itself offers Expressway-C in the same broken lab."""
    lab = _seed_case(seed)
    start = len(lab.exchanges)
    FAULTS["expc-oauthlocal-off"].probe(lab)
    return _advertised(lab, "expc", start)


@probe
def failing_stage_oauthlocal_off(seed: int) -> str:
    """The stage at which the seed's sign-in stops."""
    lab = _seed_case(seed)
    return FAULTS["expc-oauthlocal-off"].probe(lab).stage


@probe
def oauthlocal_value_in_seed_case(seed: int) -> str:
    """What ``xConfiguration CollaborationEdge OAuthLocal`` says on the broken Expressway-C."""
    lab = _seed_case(seed)
    line = next(ln for ln in lab.expc.xconfig.listing().splitlines()
                if str(facts.XCONF_OAUTH_LOCAL) in ln)
    return line.rsplit(":", 1)[1].strip()


@probe
def mechanism_jabber_uses_with_oauth(seed: int) -> str:
    """The mechanism of the ``<auth>`` Jabber sends in a working OAuth lab."""
    import re

    lab = working_lab(seed)
    start = len(lab.exchanges)
    lab.client.sign_in()
    for ex in lab.exchanges[start:]:
        if ex.src == lab.client.name and ex.request.method == "XMPP":
            m = re.match(r"\s*<auth\b[^>]*\bmechanism=['\"]([^'\"]+)", ex.request.body.decode())
            if m:
                return m[1]
    raise ConfigError("Jabber sent no SASL <auth>")


#: the candidate fixes of exercise 06-seed-fix: choice text -> the admin action
SEED_FIX_CANDIDATES: dict[str, Callable[[Lab], object]] = {
    f"{facts.UCM_PAGE.rsplit(' > ', 1)[-1]} > {facts.REFRESH_SERVERS} on Expressway-C":
        lambda lab: lab.expc.refresh_servers(),
    f"Restart {facts.SVC_XCP_AUTH} on IM&P":
        lambda lab: lab.imp.restart_service(str(facts.SVC_XCP_AUTH)),
    f"Save '{facts.OAUTH_REFRESH}' = {facts.ON} again on Expressway-C":
        lambda lab: lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=True),
    "Restart (reboot) Expressway-C": lambda lab: lab.expc.restart(),
}


@probe
def seed_fix(seed: int) -> str:
    """Try each candidate fix on a fresh broken lab; exactly one must make the sign-in work."""
    return the_one_fix("expc-oauthlocal-off", SEED_FIX_CANDIDATES, seed)
