"""Probes: each computes the true answer of an exercise from a fresh, seeded lab.

An exercise in ``uclab/exercises/NN.toml`` names its probe (``probe = "function_name"``); the
tests run every probe and check that the answer key agrees with the lab, so an answer key can
never drift from what the simulation does. A probe takes the seed and returns the answer in the
form :func:`uclab.workbook.checks.check` accepts (a choice's text, a list, a number, a string).

Register a probe with the :func:`probe` decorator::

    @probe
    def my_question(seed: int) -> str:
        lab = ...
        return "yes"
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.faults import FAULTS, sign_in_and_use
from uclab.lab import AXL_USER, LAB_PASSWORD, Lab
from uclab.sim.expressway.core import REFRESH_SERVERS, UCM_PAGE
from uclab.sim.expressway.settings import OAUTH_REFRESH, XCONF_OAUTH_LOCAL
from uclab.sim.imp import SVC_XCP_AUTH, parse_reply
from uclab.sim.jabber.client import Jabber

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


def _the_one_fix(fault_id: str, candidates: dict, seed: int) -> str:
    """Apply each candidate fix to a fresh lab with the fault; exactly one must work."""
    fault = FAULTS[fault_id]
    working = []
    for text, action in candidates.items():
        lab = fault.build(seed)
        action(lab)
        if fault.probe(lab):
            working.append(text)
    if len(working) != 1:
        raise ConfigError(f"expected exactly one working fix, got {working}")
    return working[0]


@probe
def seed_fix(seed: int) -> str:
    """Try each candidate fix on a fresh broken lab; exactly one must make the sign-in work."""
    return _the_one_fix("expc-oauthlocal-off", SEED_FIX_CANDIDATES, seed)


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


# --- notebook 07 ---
#: the password alice is given in exercise 07-password-change (a lab value)
NEW_PASSWORD_07 = "An0ther-Passw0rd!"


@probe
def works_after_password_change(seed: int) -> str:
    """alice's password changes in the directory; 61 minutes later (so the refresh runs too)
    does her signed-in Jabber keep working without a new sign-in?"""
    lab, client = _signed_in(seed)
    lab.cucm.users.set_password("alice", NEW_PASSWORD_07)
    lab.advance(minutes=61)
    return "yes" if client.use_service("uds") else "no"


@probe
def uds_works_after_ldap_removal(seed: int) -> str:
    """alice is removed from LDAP and the sync runs; right away, with an unexpired access token,
    does UDS (served by CUCM) still work?"""
    lab, client = _signed_in(seed)
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()
    return "yes" if client.use_service("uds") else "no"


# --- notebook 02 ---
#: the choices of exercise 02-inner-key, in the order the TOML lists them
NB02_KEY_CHOICES = (
    "the RSA signing key (its private half)",
    "the RSA signing key (its public half)",
    "the symmetric encryption key",
    "no key: the claims are only base64url-encoded",
)
#: the choices of exercise 02-refresh-lacks
NB02_FEATURE_CHOICES = (
    "a kid in its header",
    "an RS256 signature",
    "an expiry time (exp)",
    "an encrypted inner token (the 'private' JWE)",
)


def _nb02_b64json(segment: str) -> object:
    import base64
    import json

    try:
        return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except ValueError:
        return None


@probe
def inner_token_decryption_key(seed: int) -> str:
    """Try each candidate key on the inner JWE of a fresh access token; exactly one opens it."""
    from jwcrypto import jwe

    lab, client = _signed_in(seed)
    payload = _nb02_b64json((client.tokens.access_token or "").split(".")[1])
    private = payload["private"] if isinstance(payload, dict) else ""
    keys = lab.cucm.publisher.keys
    working = []
    for choice, key in zip(NB02_KEY_CHOICES[:3], (keys.signing_jwk, keys.verify_jwk,
                                                  keys.encryption_jwk), strict=True):
        try:
            obj = jwe.JWE()
            obj.allowed_algs = ["dir", "A128CBC-HS256"]
            obj.deserialize(private)
            obj.decrypt(key)
            working.append(choice)
        except Exception:  # noqa: BLE001 - a wrong key is any failure
            pass
    if isinstance(_nb02_b64json(private.split(".")[3]), dict):
        working.append(NB02_KEY_CHOICES[3])
    if len(working) != 1:
        raise ConfigError(f"expected exactly one key to open the JWE, got {working}")
    return working[0]


@probe
def refresh_token_lacks(seed: int) -> str:
    """The one feature of the access token (S1 shape) that the refresh token does not have."""
    lab, client = _signed_in(seed)

    def features(token: str, claims: dict) -> set[str]:
        head, body, sig = token.split(".")
        header = _nb02_b64json(head)
        payload = _nb02_b64json(body)
        found = set()
        if isinstance(header, dict) and header.get("kid"):
            found.add(NB02_FEATURE_CHOICES[0])
        if isinstance(header, dict) and header.get("alg") == "RS256" and sig:
            found.add(NB02_FEATURE_CHOICES[1])
        if "exp" in claims:
            found.add(NB02_FEATURE_CHOICES[2])
        if isinstance(payload, dict) and "private" in payload:
            found.add(NB02_FEATURE_CHOICES[3])
        return found

    access = client.tokens.access_token or ""
    refresh = client.tokens.refresh_token or ""
    access_claims = lab.cucm.validate(access).claims or {}
    refresh_claims = _nb02_b64json(refresh.split(".")[1])
    missing = features(access, access_claims) - features(
        refresh, refresh_claims if isinstance(refresh_claims, dict) else {})
    if len(missing) != 1:
        raise ConfigError(f"expected exactly one missing feature, got {sorted(missing)}")
    return missing.pop()


@probe
def tampered_payload_failed_check(seed: int) -> str:
    """Flip one character in the middle of the access token's payload (part 2): the first
    check of CUCM's validator that fails."""
    lab, client = _signed_in(seed)
    token = client.tokens.access_token or ""
    i = len(token.split(".")[0]) + 1 + 100
    tampered = token[:i] + ("B" if token[i] == "A" else "A") + token[i + 1:]
    failed = lab.cucm.validate(tampered).failed
    if failed is None:
        raise ConfigError("the tampered token was accepted")
    return failed.check


# --- notebook 03 ---
#: the choices of exercise 03-stale-after-regen
NB03_COPY_CHOICES = (
    "the CUCM subscriber",
    "the running Cisco XCP Authentication Service on IM&P",
    "Expressway-C",
    "Unity Connection",
)


@probe
def stale_copies_after_signing_regen(seed: int) -> list[str]:
    """After ``set key regen authz signing`` and no other admin action, which key copies
    differ from the publisher's?"""
    lab, _ = _signed_in(seed)
    lab.cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True)
    current = lab.cucm.publisher.keys.signing_checksum
    held = {
        NB03_COPY_CHOICES[0]: [n.keys for n in lab.cucm.subscribers],
        NB03_COPY_CHOICES[1]: [c.keys for c in lab.imp.xcp_auth_keys()],
        NB03_COPY_CHOICES[2]: list(lab.expc.keys),
        NB03_COPY_CHOICES[3]: lab.unity.held_keys(),
    }
    return [choice for choice, copies in held.items()
            if not copies or any(k is None or k.signing_checksum != current for k in copies)]


#: the candidate fixes of exercise 03-fix-expc: choice text -> the admin action
NB03_EXPC_FIX_CANDIDATES: dict[str, Callable[[Lab], object]] = {
    f"{UCM_PAGE.rsplit(' > ', 1)[-1]} > {REFRESH_SERVERS} on Expressway-C":
        lambda lab: lab.expc.refresh_servers(),
    f"Restart {SVC_XCP_AUTH} on IM&P": lambda lab: lab.imp.restart_service(str(SVC_XCP_AUTH)),
    "Authz Servers > Sync Keys on Unity Connection": lambda lab: lab.unity.sync_keys(),
    f"Run {facts.CLI_REGEN_SIGNING} again on the publisher":
        lambda lab: lab.cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True),
}


@probe
def expc_fix_after_regen(seed: int) -> str:
    """Try each candidate on a fresh lab of fault keys-regen-expc-stale; exactly one works."""
    return _the_one_fix("keys-regen-expc-stale", NB03_EXPC_FIX_CANDIDATES, seed)


@probe
def imp_stale_failing_stage(seed: int) -> str:
    """Regen, Expressway-C refreshed, Unity synced, XCP Authentication not restarted: where
    does a fresh sign-in (then UDS, then voicemail) stop?"""
    lab = FAULTS["imp-stale-keys"].build(seed)
    return FAULTS["imp-stale-keys"].probe(lab).stage


# --- notebook 04 ---
# Grant flows by release. Imports stay inside the functions: this block is appended after the
# module's top, and other notebooks' blocks follow it.
def _login_roles() -> dict[str, str]:
    from uclab.workbook.views import LANE_ROLES

    return LANE_ROLES


@probe
def flow_cucm_11_5_su2_with_sso(seed: int) -> str:
    """The flow a Jabber 12.8 gets from CUCM 11.5(1)SU2 with SAML SSO (Expressway X12.5.7):
    the release matrix, cross-checked against what the lab's CUCM offers."""
    from uclab.workbook.compat import FLOW_IMPLICIT, which_flow

    lab = Lab(seed=seed, cucm_version="11.5(1)SU2")
    lab.cucm.enable_sso(lab.idp)
    answer = which_flow(str(lab.cucm.version), "12.8", "X12.5.7", sso=lab.cucm.idp is not None,
                        refresh_enabled=lab.cucm.params.refresh_enabled).flow
    if (answer == FLOW_IMPLICIT) != (lab.cucm.grant_flows() == ["implicit"]):
        raise ConfigError(f"which_flow says {answer!r}, the lab offers {lab.cucm.grant_flows()}")
    return answer


@probe
def refused_response_type_12_5_sso(seed: int) -> str:
    """CUCM 12.5(1) with SSO, refresh logins at their default: send response_type=code and
    response_type=token for a client registered for both; which does CUCM refuse?"""
    from uclab.testing import make_app, redirect_params

    lab = Lab(seed=seed, cucm_version="12.5(1)")
    lab.cucm.enable_sso(lab.idp)
    app = make_app(lab, name="Both grants",
                   grant_types=("authorization_code", "refresh_token", "implicit"))
    refused = []
    for response_type in ("code", "token"):
        resp = app.authorize(response_type=response_type, scope=str(facts.SCOPE_UC))
        location = resp.headers.get("Location", "")
        if resp.status_code != 302:
            raise ConfigError(f"authorize answered HTTP {resp.status_code}")
        if location.startswith(app.redirect_uri) and \
                redirect_params(location).get("error") == "unsupported_response_type":
            refused.append(response_type)
    return {0: "neither", 2: "both"}.get(len(refused)) or refused[0]


@probe
def untouched_pair_stage(seed: int) -> str:
    """Every OAuth setting at its default on CUCM 14 and Expressway-C, servers refreshed:
    where does Jabber's MRA sign-in stop?"""
    lab = Lab(seed=seed)
    lab.expc.refresh_servers()
    lab.expc.refresh_imp_servers()
    return lab.client.sign_in().stage


@probe
def metadata_response_types_12_5_no_sso(seed: int) -> list[str]:
    """response_types_supported of the lab's metadata (a uclab extension) on CUCM 12.5(1)
    without SSO, after 'OAuth with Refresh Login Flow' = Enabled."""
    lab = Lab(seed=seed, cucm_version="12.5(1)")
    lab.cucm.enable_refresh_logins()
    url = f"https://{lab.cucm.publisher.host}:8443{facts.LAB_METADATA}"
    return list(lab.session().get(url).json()["response_types_supported"])


# --- notebook 05 ---
# The MRA login, step by step (the seed article's sequence, field observation).
#: the requests of the login, by the name the seed article gives them
LOGIN_REQUESTS = ("get_edge_sso", "authorize", "localauthentication", "authorize_proxy",
                  "/OAuthcb", "access_token", "get_edge_config")


def _mra_signed_in(seed: int) -> tuple[Lab, int]:
    lab = _working(seed)
    start = len(lab.exchanges)
    if not lab.client.sign_in(xmpp=False):
        raise ConfigError("the working lab did not sign in")
    return lab, start


@probe
def oauthcb_answered_by(seed: int) -> str:
    """Which node answers Jabber's GET /OAuthcb (and whether it is relayed further)."""
    lab, start = _mra_signed_in(seed)
    hops = [ex for ex in lab.exchanges[start:] if ex.request.path == "/OAuthcb"]
    if len(hops) != 1 or hops[0].response is None or hops[0].response.status != 200:
        raise ConfigError(f"expected one answered /OAuthcb request, got {len(hops)}")
    return _login_roles()[hops[0].dst]


@probe
def token_validator_before_edge_config(seed: int) -> str:
    """The node that writes "Access Token accepted" while Jabber's get_edge_config is served."""
    lab, start = _mra_signed_in(seed)
    ex = next(e for e in lab.exchanges[start:] if e.src == lab.client.name
              and e.request.path.endswith("/get_edge_config"))
    if ex.response is None or ex.response.status != 200:
        raise ConfigError("get_edge_config did not succeed")
    hosts = sorted({ln.host for ln in lab.logs if ex.started_ms <= ln.ms <= ex.ended_ms
                    and ln.dialect == "credentialmanager" and ln.get("Detail") ==
                    "Access Token accepted"})
    if len(hosts) != 1:
        raise ConfigError(f"expected one validating node, got {hosts}")
    return _login_roles()[hosts[0].split(".")[0]]


@probe
def login_hop_order(seed: int) -> str:
    """The login's requests in the order the lab sends them, joined with ' -> '."""
    lab, start = _mra_signed_in(seed)
    seen: list[str] = []
    for ex in lab.exchanges[start:]:
        path = ex.request.path
        name = path if path == "/OAuthcb" else path.rstrip("/").rsplit("/", 1)[-1]
        if name in LOGIN_REQUESTS and name not in seen:
            seen.append(name)
    return " -> ".join(seen)


@probe
def voicemail_inside_host(seed: int) -> str:
    """The inside server named by the edge prefix of Jabber's voicemail request (S19 form)."""
    from uclab.protocols.edge_urls import parse_edge_path

    lab, start = _mra_signed_in(seed)
    if not lab.client.use_service("voicemail"):
        raise ConfigError("voicemail did not work in the working lab")
    ex = next(e for e in lab.exchanges[start:] if e.src == lab.client.name
              and "/vmrest/" in e.request.path)
    target = parse_edge_path(ex.request.path)
    if not target.proxied:
        raise ConfigError("the voicemail request is not in the proxied form")
    return str(target.host)


# --- notebook 00 ---
def _nb00_signed_in(seed: int) -> tuple[Lab, Jabber, int]:
    """A working lab, and the index of the first exchange of alice's sign-in."""
    lab = _working(seed)
    start = len(lab.exchanges)
    if not lab.client.sign_in():
        raise ConfigError("the working lab did not sign in")
    return lab, lab.client, start


@probe
def first_contact_from_internet(seed: int) -> str:
    """The role (as the ladder names it) of the first node Jabber talks to from outside."""
    from uclab.workbook.views import LANE_ROLES

    lab, client, start = _nb00_signed_in(seed)
    first = next(ex for ex in lab.exchanges[start:] if ex.src == client.name)
    return LANE_ROLES[first.dst]


@probe
def srv_record_to_edge(seed: int) -> str:
    """The SRV record (without the domain) whose answer named Expressway-E."""
    from uclab.sim.dns import parse_answers

    lab, client, start = _nb00_signed_in(seed)
    for ex in lab.exchanges[start:]:
        if ex.src == client.name and ex.request.method == "SRV" and ex.response is not None:
            if any(r.target == lab.edge.host for r in parse_answers(ex.response)):
                return ex.request.path.lstrip("/").removesuffix(f".{lab.domain}")
    raise ConfigError("no SRV answer named Expressway-E")


@probe
def login_exchanges_reaching_cucm(seed: int) -> int:
    """How many exchanges of one MRA sign-in are received by a CUCM node."""
    lab, client, start = _nb00_signed_in(seed)
    cucm = {node.host.split(".")[0] for node in lab.cucm.nodes}
    hops = [ex for ex in lab.exchanges[start:] if ex.dst in cucm]
    if any(ex.src == client.name for ex in hops):
        raise ConfigError("Jabber reached CUCM directly over MRA")
    return len(hops)


@probe
def keyless_nodes(seed: int) -> list[str]:
    """The deployment map's boxes that hold no AuthZ keys, by the names the exercise uses."""
    from uclab.workbook.views import LANE_ROLES, deployment_map

    copies = deployment_map(_working(seed)).layout.meta["copies"]
    names = {"jabber": "Jabber", **LANE_ROLES}
    return sorted(names[key] for key, status in copies.items() if status == "nokeys")


# --- notebook 01 ---
@probe
def unity_connection_role(seed: int) -> str:
    """The RFC 6749 role Unity Connection plays when Jabber opens voicemail (uclab.trace.roles)."""
    from uclab.trace.roles import node_roles

    lab, client, start = _nb00_signed_in(seed)
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

    lab, client, start = _nb00_signed_in(seed)
    issuer = token_issuer(lab.exchanges[start:])
    node = next((n for n in lab.cucm.nodes if n.host.split(".")[0] == issuer), None)
    if node is None or not node.validate_bearer(client.tokens.access_token or "").ok:
        raise ConfigError(f"the token issuer {issuer!r} is not a CUCM node that validates it")
    return LANE_ROLES[str(issuer)]


#: the choices of exercise 01-expc-jobs, in the order the TOML lists them
NB01_EXPC_JOBS = (
    "relays the login to CUCM (authorize_proxy)",
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

    lab, _, start = _nb00_signed_in(seed)
    hops = hop_roles(lab.exchanges[start:])
    relays = any(h.kind == AUTHORIZATION and h.exchange.src == "expc" and h.src_role == RELAY
                 and h.dst_role == AUTHORIZATION_SERVER for h in hops)
    issues_code = any(h.kind == AUTHORIZATION and h.exchange.dst == "expc"
                      and h.dst_role == AUTHORIZATION_SERVER for h in hops)
    broken = FAULTS["expc-not-refreshed"].build(seed)  # same lab, Expressway-C holds no keys
    b_start = len(broken.exchanges)
    refused = broken.client.sign_in()
    checks = (bool(lab.expc.keys) and not refused and refused.stage == "access_token"
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

    lab = _working(seed)
    redirect = "https://dashboard.example.org/cb"
    client_id, secret = lab.cucm.register_client("Team dashboard", [redirect])
    app, browser = lab.session("dashboard-app"), lab.session("alice-browser")
    base = f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}"
    page = browser.get(base + facts.SSOSP_AUTHORIZE, allow_redirects=False, params={
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect,
        "state": "nb01"})
    fields = {**login_fields(page.text), "j_username": "alice", "j_password": LAB_PASSWORD}
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
