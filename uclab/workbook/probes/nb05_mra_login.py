"""Probes of notebook 05: the MRA login step by step (the seed article's sequence, field
observation)."""

from __future__ import annotations

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.workbook.probes.labs import working_lab
from uclab.workbook.probes.registry import probe


def _login_roles() -> dict[str, str]:
    from uclab.workbook.views import LANE_ROLES

    return LANE_ROLES



#: the requests of the login, by the name the seed article gives them
LOGIN_REQUESTS = (facts.GET_EDGE_SSO, facts.EDGE_AUTHORIZE, facts.EDGE_LOCAL_AUTH,
                  facts.AUTHORIZE_PROXY_REQUEST, facts.OAUTH_CALLBACK, facts.EDGE_TOKEN_REQUEST,
                  facts.GET_EDGE_CONFIG)


def _mra_signed_in(seed: int) -> tuple[Lab, int]:
    lab = working_lab(seed)
    start = len(lab.exchanges)
    if not lab.client.sign_in(xmpp=False):
        raise ConfigError("the working lab did not sign in")
    return lab, start


@probe
def oauthcb_answered_by(seed: int) -> str:
    """Which node answers Jabber's GET /OAuthcb (and whether it is relayed further)."""
    lab, start = _mra_signed_in(seed)
    hops = [ex for ex in lab.exchanges[start:] if ex.request.path == facts.OAUTH_CALLBACK]
    if len(hops) != 1 or hops[0].response is None or hops[0].response.status != 200:
        raise ConfigError(f"expected one answered {facts.OAUTH_CALLBACK} request, got {len(hops)}")
    return _login_roles()[hops[0].dst]


@probe
def token_validator_before_edge_config(seed: int) -> str:
    """The node that writes "Access Token accepted" while Jabber's get_edge_config is served."""
    lab, start = _mra_signed_in(seed)
    ex = next(e for e in lab.exchanges[start:] if e.src == lab.client.name
              and e.request.path.endswith(f"/{facts.GET_EDGE_CONFIG}"))
    if ex.response is None or ex.response.status != 200:
        raise ConfigError(f"{facts.GET_EDGE_CONFIG} did not succeed")
    hosts = sorted({ln.host for ln in lab.logs if ex.started_ms <= ln.ms <= ex.ended_ms
                    and ln.dialect == facts.PROC_CREDENTIALMANAGER
                    and ln.get("Detail") == facts.ACCESS_ACCEPTED})
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
        name = path if path == facts.OAUTH_CALLBACK else path.rstrip("/").rsplit("/", 1)[-1]
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
              and facts.VMREST_BASE in e.request.path)
    target = parse_edge_path(ex.request.path)
    if not target.proxied:
        raise ConfigError("the voicemail request is not in the proxied form")
    return str(target.host)
