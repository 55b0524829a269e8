"""uclab.sim.expressway.token_check: bearer tokens checked with Expressway-C's keys, Basic
credentials against the home cluster, and the clock (S8: 403 for every MRA service when
Expressway is not on NTP)."""

import pytest
from _expc import EDGE, bearer, hops_from, mixed, uds

from uclab.lab import LAB_PASSWORD
from uclab.protocols.edge_urls import edge_url
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


def test_bearer_token_is_checked_with_expressway_keys_and_relayed(lab):
    lab.client.sign_in(xmpp=False)
    token = lab.client.tokens.access_token
    start = len(lab.exchanges)
    resp = uds(lab, **bearer(token))
    assert resp.status_code == 200 and "<userName>alice</userName>" in resp.text
    inner = [e for e in lab.exchanges[start:] if e.src == "expc"]
    assert [(e.dst, e.request.path) for e in inner] == [
        ("cucm-pub", "/cucm-uds/user/alice/devices")]
    assert inner[0].request.headers["Authorization"] == f"Bearer {token}"
    expc_log = lab.render_logs(host="expc.example.com", dialect="credentialmanager")
    assert expc_log.splitlines()[-1].endswith(
        'Module="developer.credentialmanager.OAuthinspector" Level="INFO" '
        'CodeLocation="OAuthinspector(331)" Detail="Token validation" Type="Access Token" '
        'Reason="Matched AuthZ key" Issuer=""')


def test_bad_bearer_token_is_403_invalid_token(lab):
    start = len(lab.exchanges)
    resp = uds(lab, **bearer("not-a-token"))
    assert resp.status_code == 403
    assert resp.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert resp.json()["error"] == "invalid_token"
    assert resp.json()["error_description"].startswith("token format: ")
    assert hops_from(lab, start) == []


@pytest.mark.parametrize("creds_on, challenge", [
    (True, 'Basic realm="Cisco-Edge"'), (False, 'Bearer realm="Cisco-Edge"')])
def test_no_authorization_is_401_with_the_matching_challenge(lab, creds_on, challenge):
    lab.expc.set_access_control(authorize_by_user_credentials=creds_on)
    resp = uds(lab)
    assert resp.status_code == 401 and resp.headers["WWW-Authenticate"] == challenge
    config = lab.session("tester").get(edge_url(EDGE, lab.domain, "get_edge_config"))
    assert config.status_code == 401


def test_basic_is_checked_against_the_home_cluster_uds(lab):
    assert lab.expc.access.authorize_by_user_credentials  # configure_oauth turns it On
    start = len(lab.exchanges)
    resp = uds(lab, auth=("alice", LAB_PASSWORD))
    assert resp.status_code == 200
    assert hops_from(lab, start) == [("cucm-pub", "GET", "/cucm-uds/clusterUser"),
                                     ("cucm-pub", "GET", "/cucm-uds/user/alice/devices"),
                                     ("cucm-pub", "GET", "/cucm-uds/user/alice/devices")]
    check = lab.exchanges[start + 3]
    assert check.request.headers["Authorization"] == resp.request.headers["Authorization"]


def test_basic_for_a_user_of_another_cluster_asks_that_cluster(lab):
    mixed(lab)
    start = len(lab.exchanges)
    resp = uds(lab, user="dave", host="cucm2-pub.example.com", auth=("dave", LAB_PASSWORD))
    assert resp.status_code == 200
    assert hops_from(lab, start)[:2] == [("cucm-pub", "GET", "/cucm-uds/clusterUser"),
                                         ("cucm2-pub", "GET", "/cucm-uds/user/dave/devices")]


def test_wrong_basic_password_is_401_and_logged(lab):
    resp = uds(lab, auth=("alice", "wrong"))
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"] == 'Basic realm="Cisco-Edge"'
    last = lab.render_logs(host="expc.example.com", dialect="edgeconfigprovisioning")
    assert 'Level="ERROR" Event="Edge OAuth/SSO" Service="OAuth/SSO" Detail="Failed to ' \
           'authenticate user against server" Dst-ip="203.0.113.20" Dst-port="' in last
    assert 'Local-port="22111" Server="-" Username="alice" UTCTime="' in last
    assert "wrong" not in lab.render_logs()


def test_basic_is_refused_without_asking_uds_when_user_credentials_is_off(lab):
    lab.expc.set_access_control(authorize_by_user_credentials=False)
    start = len(lab.exchanges)
    resp = uds(lab, auth=("alice", LAB_PASSWORD))
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"] == 'Bearer realm="Cisco-Edge"'
    assert hops_from(lab, start) == []


def test_clock_offset_rejects_tokens_at_the_expiry_check_and_ntp_fixes_it(lab):
    lab.client.sign_in(xmpp=False)
    token = lab.client.tokens.access_token
    assert lab.expc.check_token(token).ok
    lab.expc.set_clock_offset(7200)
    assert lab.expc.now - lab.now == 7200
    result = lab.expc.check_token(token)
    assert not result.ok and result.failed.check == "expiry"
    assert [d.check for d in result.decisions if d.ok][-1] == "audience"  # all else passed
    resp = uds(lab, **bearer(token))
    assert resp.status_code == 403
    assert resp.json()["error"] == "invalid_token"
    assert resp.json()["error_description"].startswith("expiry: expired 3600s ago")
    assert 'Level="ERROR" CodeLocation="OAuthinspector(331)" Detail="Token validation" ' \
           'Type="Access Token" Reason="expiry: expired 3600s ago' in lab.render_logs(
               host="expc.example.com", dialect="credentialmanager")
    lab.expc.sync_ntp()
    assert lab.expc.now == lab.now
    assert lab.expc.check_token(token).ok
    assert uds(lab, **bearer(token)).status_code == 200

