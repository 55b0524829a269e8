"""uclab.sim.expressway.login_relay: get_edge_sso (S6, S7; answer body: seed article) and the
access_token relay."""

import pytest
from _expc import EDGE, get_edge_sso, hops_from, mixed, sso_body

from uclab.protocols.edge_urls import edge_url
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


def test_get_edge_sso_offers_token_reuse_by_default(lab):
    resp = get_edge_sso(lab, "alice@example.com")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "application/xml"
    assert resp.text == sso_body(status=False, reuse=True)


def test_get_edge_sso_without_oauth_with_refresh(lab):
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    assert get_edge_sso(lab, "alice@example.com").text == sso_body(status=False, reuse=False)


def test_get_edge_sso_status_enabled_with_a_saml_path_and_oauth_token(lab):
    lab.expc.set_access_control(authentication_path="SAML SSO and UCM/LDAP",
                                authorize_by_oauth_token=True)
    assert get_edge_sso(lab, "alice@example.com").text == sso_body(status=True, reuse=True)


def test_check_internal_no_gives_everyone_the_same_answer(lab):
    mixed(lab)
    start = len(lab.exchanges)
    assert get_edge_sso(lab, "dave@example.com").text == sso_body(status=False, reuse=True)
    assert hops_from(lab, start) == []  # no home-cluster lookup


def test_check_internal_yes_asks_the_home_cluster(lab):
    mixed(lab)
    lab.expc.set_access_control(check_for_internal_authentication_availability=True)
    start = len(lab.exchanges)
    assert get_edge_sso(lab, "alice@example.com").text == sso_body(status=False, reuse=True)
    assert hops_from(lab, start) == [("cucm-pub", "GET", "/cucm-uds/clusterUser")]
    assert lab.exchanges[start + 2].request.query.get("username") == "alice"
    # dave's home cluster (11.5(1)SU2) cannot do refresh logins: no token reuse for him
    assert get_edge_sso(lab, "dave@example.com").text == sso_body(status=False, reuse=False)
    # an unknown user, or no identity at all, gets no token reuse either
    assert get_edge_sso(lab, "zed@example.com").text == sso_body(status=False, reuse=False)
    assert get_edge_sso(lab).text == sso_body(status=False, reuse=False)


def test_access_token_for_an_unknown_code_is_invalid_grant(lab):
    resp = lab.session("tester").post(edge_url(EDGE, lab.domain, "access_token"),
                                      data={"grant_type": "authorization_code", "code": "x"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid_grant", "error_description":
                           "Expressway-C cannot tell which Unified CM issued this code or "
                           "refresh token"}

