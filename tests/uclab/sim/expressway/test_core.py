"""uclab.sim.expressway.core: Expressway-C assembled — the edge domain and request routing,
MRA Access Control saves against the running xConfiguration, and the re-exported names."""

import pytest
from _expc import EDGE, hops_from, sso_body

import uclab
from uclab.protocols.edge_urls import edge_url
from uclab.sim.expressway import core, xmpp_relay
from uclab.sim.expressway.settings import XConfiguration
from uclab.testing import configured_lab

SEED_STUCK_LISTING = ("*c xConfiguration CollaborationEdge LegacyCred: On\n"
                      "*c xConfiguration CollaborationEdge OAuthLocal: Off")


@pytest.fixture
def lab():
    return configured_lab(1)


def test_edge_domain_not_configured_is_403(lab):
    start = len(lab.exchanges)
    resp = lab.session("tester").get(edge_url(EDGE, "other.com", "get_edge_sso"))
    assert resp.status_code == 403
    assert resp.text == "<error>domain other.com is not configured on Expressway-C</error>"
    assert hops_from(lab, start) == []
    lab.expc.domains.add("other.com")
    resp = lab.session("tester").get(edge_url(EDGE, "other.com", "get_edge_sso"))
    assert resp.status_code == 200 and resp.text == sso_body(status=False, reuse=True)


def test_bad_edge_paths(lab):
    s = lab.session("tester")
    unknown = s.get(edge_url(EDGE, lab.domain, "nothing_here"))
    assert unknown.status_code == 404
    assert unknown.text == "<error>unknown edge request nothing_here</error>"
    bad = s.get(f"https://{EDGE}:8443/!!!/get_edge_sso")
    assert bad.status_code == 400
    assert bad.json() == {"error": "invalid_request",
                          "error_description": "'!!!' is not base64url text"}


def test_set_access_control_applies_the_running_xconfiguration(lab):
    lab.expc.set_access_control(authorize_by_user_credentials=False)
    assert lab.expc.xconfig == XConfiguration(oauth_local=True, legacy_cred=False)


def test_restart_clears_a_stuck_xconfiguration():
    lab = uclab.Lab(seed=1)
    lab.configure_oauth()
    # the seed article's box: the running config stayed Off although the page says On
    lab.expc.xconfig = XConfiguration(oauth_local=False, legacy_cred=True)
    assert lab.expc.running_config_differs
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=True)  # saving again...
    assert lab.expc.access.authorize_by_oauth_token_with_refresh  # the page says On ...
    assert lab.expc.xconfig.listing() == SEED_STUCK_LISTING  # ... the running config Off
    assert not lab.client.sign_in()
    lab.expc.restart()
    assert not lab.expc.running_config_differs
    assert lab.expc.xconfig.listing() == ("*c xConfiguration CollaborationEdge LegacyCred: On\n"
                                          "*c xConfiguration CollaborationEdge OAuthLocal: On")
    assert lab.client.sign_in().ok
    lab.expc.set_access_control(authorize_by_user_credentials=False)  # applies again
    assert lab.expc.xconfig == XConfiguration(oauth_local=True, legacy_cred=False)


def test_names_stay_importable_from_core():
    """Notebooks and the workbook read these facts as ``core.X``; each is the one its concern's
    module defines."""
    from uclab.sim.expressway import login_relay, mra_services, token_check, ucm_servers

    homes = {"UCM_PAGE": ucm_servers, "REFRESH_SERVERS": ucm_servers, "AUTH_METHODS": ucm_servers,
             "UcmServer": ucm_servers, "SSO_RESULT": login_relay, "OAUTH_CALLBACK": login_relay,
             "EDGE_TOKEN_REQUEST": login_relay, "AUTH_FAILED": token_check,
             "EDGE_REALM": token_check, "OAUTH_VALIDATOR": token_check,
             "EDGE_CONFIG_RESPONSE": mra_services, "STALE_REALM": xmpp_relay}
    assert sorted(core.__all__) == sorted([*homes, "ExpresswayC"])
    for name, module in homes.items():
        assert getattr(core, name) is getattr(module, name), name
    assert str(core.OAUTH_CALLBACK) == "/OAuthcb" and str(core.SSO_RESULT) == "SSOResult"
