"""Probes of notebook 04: the grant flow by release and setting (fact sheet 1.1)."""

from __future__ import annotations

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.workbook.probes.registry import probe


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
    url = f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.LAB_METADATA}"
    return list(lab.session().get(url).json()["response_types_supported"])
