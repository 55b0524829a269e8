"""Probes: each computes the true answer of an exercise from a fresh, seeded lab.

An exercise in ``uclab/exercises/NN.toml`` names its probe (``probe = "function_name"``); the
tests run every probe and check that the answer key agrees with the lab, so an answer key can
never drift from what the simulation does. A probe takes the seed and returns the answer in the
form :func:`uclab.checks.check` accepts (a choice's text, a list, a number, a string).

Register a probe with the :func:`probe` decorator::

    @probe
    def my_question(seed: int) -> str:
        lab = ...
        return "yes"
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import facts
from .errors import ConfigError
from .expressway.core import REFRESH_SERVERS, UCM_PAGE
from .expressway.settings import OAUTH_REFRESH, XCONF_OAUTH_LOCAL
from .faults import FAULTS, sign_in_and_use
from .imp import SVC_XCP_AUTH, parse_reply
from .jabber import Jabber
from .lab import AXL_USER, LAB_PASSWORD, Lab

Probe = Callable[[int], Any]
#: every registered probe, by function name
PROBES: dict[str, Probe] = {}


def probe(func: Probe) -> Probe:
    """Register ``func`` under its name (the name an exercise's ``probe`` key uses)."""
    if func.__name__ in PROBES:
        raise ConfigError(f"a probe called {func.__name__!r} is already registered")
    PROBES[func.__name__] = func
    return func


def run(name: str, seed: int = 1) -> Any:
    """Run the probe ``name`` on a lab of ``seed``."""
    func = PROBES.get(name) if isinstance(name, str) else None
    if func is None:
        raise ConfigError(f"no exercise probe called {name!r}; known: {', '.join(PROBES)}")
    return func(seed)


# -- helpers --------------------------------------------------------------------------------------
def _working(seed: int) -> Lab:
    lab = Lab(seed=seed)
    lab.configure_oauth()
    return lab


def _signed_in(seed: int) -> tuple[Lab, Jabber]:
    lab = _working(seed)
    client = lab.client
    if not client.sign_in():
        raise ConfigError("the working lab did not sign in")
    return lab, client


def _revoke(lab: Lab, user: str = "alice") -> None:
    """The admin calls CUCM's revoke API with AXL credentials (S2, S4)."""
    url = f"https://{lab.cucm.publisher.host}:8443{facts.SSOSP_REVOKE}?user_id={user}"
    resp = lab.session("admin").get(url, auth=(AXL_USER, LAB_PASSWORD))
    if resp.status_code != 200:
        raise ConfigError(f"the revoke API answered HTTP {resp.status_code}")


def _regen_everywhere(lab: Lab) -> None:
    """``set key regen authz signing``, then every node takes the new keys (S2, S3, S6, S12)."""
    lab.cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True)
    lab.expc.refresh_servers()
    lab.imp.restart_service(str(SVC_XCP_AUTH))
    lab.unity.sync_keys()


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


# -- notebook 06: the XMPP SASL case study --------------------------------------------------------
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
                if str(XCONF_OAUTH_LOCAL) in ln)
    return line.rsplit(":", 1)[1].strip()


@probe
def mechanism_jabber_uses_with_oauth(seed: int) -> str:
    """The mechanism of the ``<auth>`` Jabber sends in a working OAuth lab."""
    import re

    lab = _working(seed)
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
    f"{UCM_PAGE.rsplit(' > ', 1)[-1]} > {REFRESH_SERVERS} on Expressway-C":
        lambda lab: lab.expc.refresh_servers(),
    f"Restart {SVC_XCP_AUTH} on IM&P": lambda lab: lab.imp.restart_service(str(SVC_XCP_AUTH)),
    f"Save '{OAUTH_REFRESH}' = On again on Expressway-C":
        lambda lab: lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=True),
    "Restart (reboot) Expressway-C": lambda lab: lab.expc.restart(),
}


@probe
def seed_fix(seed: int) -> str:
    """Try each candidate fix on a fresh broken lab; exactly one must make the sign-in work."""
    fault = FAULTS["expc-oauthlocal-off"]
    working = []
    for text, action in SEED_FIX_CANDIDATES.items():
        lab = fault.build(seed)
        action(lab)
        if fault.probe(lab):
            working.append(text)
    if len(working) != 1:
        raise ConfigError(f"expected exactly one working fix, got {working}")
    return working[0]


# -- notebook 07: refresh, expiry, revocation -----------------------------------------------------
@probe
def first_refresh_minute(seed: int) -> int:
    """Minutes after sign-in until Jabber's first silent refresh (it uses UDS every minute)."""
    lab, client = _signed_in(seed)
    for minute in range(1, 24 * 60):
        before = client.tokens.access_token
        lab.advance(minutes=1)
        if not client.use_service("uds"):
            raise ConfigError(f"the client failed at minute {minute}")
        if client.tokens.access_token != before:
            return minute
    raise ConfigError("no refresh within a day")


@probe
def access_token_lifetime_minutes(seed: int) -> int:
    """exp - iat of a fresh access token, in minutes (CUCM validates it with its own keys)."""
    lab, client = _signed_in(seed)
    claims = lab.cucm.validate(client.tokens.access_token or "").claims or {}
    return (claims["exp"] - claims["iat"]) // 60


@probe
def access_token_works_after_revoke(seed: int) -> str:
    """Right after the revoke API, does the signed-in client's access token still work?"""
    lab, client = _signed_in(seed)
    token = client.tokens.access_token
    _revoke(lab)
    used = client.use_service("uds")
    return "yes" if used and client.tokens.access_token == token else "no"


@probe
def stage_after_revoke_61_minutes(seed: int) -> str:
    """After the revoke API and 61 minutes, where does the client's next request stop?"""
    lab, client = _signed_in(seed)
    _revoke(lab)
    lab.advance(minutes=61)
    return client.use_service("uds").stage


@probe
def days_until_sign_in_again(seed: int) -> int:
    """Whole days after sign-in (plus a minute) at which the client must sign in again; the
    client uses UDS once a day, refreshing its access token each time."""
    lab, client = _signed_in(seed)
    start_ms = lab.clock.ms
    for day in range(1, 400):
        target = start_ms + day * 86_400_000 + 60_000
        lab.advance(seconds=(target - lab.clock.ms) / 1000)
        used = client.use_service("uds")
        if not used:
            if used.stage != "refresh":
                raise ConfigError(f"day {day}: failed at {used.stage}, not at refresh")
            return day
    raise ConfigError("the refresh token never expired")


@probe
def works_after_key_regen(seed: int) -> str:
    """After ``set key regen authz signing`` with every node updated, does the signed-in client
    keep working without a new sign-in?"""
    lab, client = _signed_in(seed)
    _regen_everywhere(lab)
    return "yes" if client.use_service("uds") else "no"


@probe
def new_sign_in_after_key_regen(seed: int) -> str:
    """After the regeneration, does a fresh sign-in work again (every node updated)?"""
    lab, _ = _signed_in(seed)
    _regen_everywhere(lab)
    return "yes" if sign_in_and_use(lab) else "no"


@probe
def prt_function_after_failed_refresh(seed: int) -> str:
    """The PRT function that logs the failed refresh after a revoke (S1)."""
    lab, client = _signed_in(seed)
    _revoke(lab)
    start = len(lab.logs)
    lab.advance(minutes=61)
    client.use_service("uds")
    for line in lab.logs[start:]:
        if line.dialect == "csf-unified" and line.get("level") == "ERROR":
            return str(line.get("function")).rsplit("::", 1)[-1]
    raise ConfigError("Jabber logged no error")
