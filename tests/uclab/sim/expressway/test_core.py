"""uclab.sim.expressway.core: Expressway-C — Unified CM servers and their keys, get_edge_sso, the
authorization of MRA requests, the inside proxy, SASL advertising and the running config."""

import pytest

import uclab
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.protocols.edge_urls import edge_url, proxied_url
from uclab.sim.expressway import core
from uclab.sim.expressway.settings import XConfiguration
from uclab.testing import configured_lab

EDGE = "expe.example.com"
UDS_PATH = "cucm-uds/user/{}/devices"
OAUTH_REFRESH = "Authorize by OAuth token with refresh"
USER_CREDS = "Authorize by user credentials"
SEED_STUCK_LISTING = ("*c xConfiguration CollaborationEdge LegacyCred: On\n"
                      "*c xConfiguration CollaborationEdge OAuthLocal: Off")


def sso_body(status: bool, reuse: bool) -> str:
    """The get_edge_sso answer (seed article)."""
    return ("<?xml version='1.0' encoding='UTF-8'?>\n<SSOResult version=\"1.0\">\n"
            f"  <Status enabled=\"{str(status).lower()}\"/>\n"
            f"  <Token reuse=\"{str(reuse).lower()}\"/>\n</SSOResult>")


@pytest.fixture
def lab():
    return configured_lab(1)


def mixed(lab):
    """A second cluster still on 11.5(1)SU2 (no refresh logins) with dave homed on it."""
    old = lab.add_cluster("cucm2", "11.5(1)SU2")
    old.users.add_ldap("dave", LAB_PASSWORD)
    lab.expc.add_ucm_server(old.publisher.host, AXL_USER, LAB_PASSWORD)
    lab.expc.refresh_servers()
    return old


def get_edge_sso(lab, email=None):
    url = edge_url(EDGE, lab.domain, "get_edge_sso")
    return lab.session("tester").get(url, params={"email": email} if email else None)


def uds(lab, user="alice", host="cucm-pub.example.com", **kwargs):
    url = proxied_url(EDGE, lab.domain, "https", host, 8443, UDS_PATH.format(user))
    return lab.session("tester").get(url, **kwargs)


def bearer(token):
    return {"headers": {"Authorization": f"Bearer {token}"}}


def hops_from(lab, start, src="expc"):
    return [(e.dst, e.request.method, e.request.path) for e in lab.exchanges[start:]
            if e.src == src]


# -- Unified CM servers and "Refresh servers" (S6, S7, S2) ------------------------------------
def test_refresh_servers_fills_version_methods_keys_and_status():
    lab = uclab.Lab(seed=1)
    server = lab.expc.ucm_servers[0]
    assert (server.address, server.version, server.methods, server.keys, server.status) == (
        "cucm-pub.example.com", "", (), None, "Not refreshed")
    assert lab.expc.server_table() == [{
        "Unified CM": "cucm-pub.example.com", "Version": "-", "Status": "Not refreshed",
        "Authorization methods": "-", "Keys": "none"}]
    lab.cucm.enable_refresh_logins()
    assert lab.expc.refresh_servers() == [server]
    assert server.version == "14.0(1)SU3" and server.status == "Active"
    assert server.methods == (OAUTH_REFRESH, USER_CREDS)
    assert server.cluster is lab.cucm
    held = lab.cucm.fetch_keys()
    assert server.keys.signing_checksum == held.signing_checksum
    assert server.keys.encryption_checksum == held.encryption_checksum
    assert lab.expc.keys == [server.keys]
    assert lab.expc.server_table() == [{
        "Unified CM": "cucm-pub.example.com", "Version": "14.0(1)SU3", "Status": "Active",
        "Authorization methods": f"{OAUTH_REFRESH}, {USER_CREDS}",
        "Keys": held.signing_checksum[:12] + "…"}]


def test_methods_follow_cucm_refresh_logins():
    lab = uclab.Lab(seed=1)  # CUCM's "OAuth with Refresh Login Flow" is Disabled by default
    lab.expc.refresh_servers()
    assert lab.expc.ucm_servers[0].methods == (USER_CREDS,)


def test_no_keys_fetched_while_oauth_with_refresh_is_off():
    lab = uclab.Lab(seed=1)
    lab.cucm.enable_refresh_logins()
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    server = lab.expc.refresh_servers()[0]
    assert server.status == "Active" and server.keys is None and lab.expc.keys == []
    assert server.methods == (OAUTH_REFRESH, USER_CREDS)  # what CUCM can do is still shown
    assert lab.expc.server_table()[0]["Keys"] == "none"
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=True)
    assert lab.expc.keys == []  # turning it On fetches nothing: Refresh servers must follow
    lab.expc.refresh_servers()
    assert [k.signing_checksum for k in lab.expc.keys] == [lab.cucm.fetch_keys().signing_checksum]


def test_refresh_status_for_an_unreachable_server_and_a_refused_account(lab):
    lab.add_cluster("cucm2", "14.0(1)SU3")
    lab.add_cluster("cucm3", "14.0(1)SU3")
    lab.expc.add_ucm_server("cucm-gone.example.com", AXL_USER, LAB_PASSWORD)
    lab.expc.add_ucm_server("cucm2-pub.example.com", AXL_USER, "not-the-password")
    lab.expc.add_ucm_server("cucm3-pub.example.com", "alice", LAB_PASSWORD)  # not an app user
    lab.expc.refresh_servers()
    assert [(row["Unified CM"], row["Status"], row["Keys"]) for row in
            lab.expc.server_table()[1:]] == [
        ("cucm-gone.example.com", "Failed: cannot reach cucm-gone.example.com", "none"),
        ("cucm2-pub.example.com", "Failed: the account was refused", "none"),
        ("cucm3-pub.example.com", "Failed: the account was refused", "none")]
    assert len(lab.expc.keys) == 1  # only the publisher's copy


def test_a_server_that_becomes_unreachable_loses_its_keys(lab):
    lab.network.detach("cucm-pub.example.com")
    server = lab.expc.refresh_servers()[0]
    assert server.status == "Failed: cannot reach cucm-pub.example.com"
    assert server.keys is None and lab.expc.keys == []


def test_a_server_is_added_once(lab):
    with pytest.raises(uclab.ConfigError, match="cucm-pub.example.com is already a Unified CM "
                                                "server"):
        lab.expc.add_ucm_server("cucm-pub.example.com", AXL_USER, LAB_PASSWORD)


def test_server_table_of_a_mixed_rollout(lab):
    mixed(lab)
    row = lab.expc.server_table()[1]
    assert row == {"Unified CM": "cucm2-pub.example.com", "Version": "11.5(1)SU2",
                   "Status": "Active", "Authorization methods": USER_CREDS, "Keys": "none"}


# -- get_edge_sso (S6, S7; answer body: seed article) ------------------------------------------
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


# -- the edge domain and the inside proxy ------------------------------------------------------
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


@pytest.mark.parametrize("host", ["evil.example.org", "expc.example.com", "dns.example.com",
                                  "idp.example.com"])
def test_no_open_proxy(lab, host):
    lab.client.sign_in(xmpp=False)
    start = len(lab.exchanges)
    resp = uds(lab, host=host, **bearer(lab.client.tokens.access_token))
    assert resp.status_code == 403
    assert resp.text == f"<error>{host} is not a server Expressway-C proxies to</error>"
    assert hops_from(lab, start) == []  # refused before anything is sent inside
    assert not lab.expc.allowed_inside(host)


def test_inside_servers_are_the_discovered_and_given_ones():
    lab = uclab.Lab(seed=1)
    expc = lab.expc
    assert expc.allowed_inside("imp-pub.example.com") and expc.allowed_inside("cuc-pub.example.com")
    assert not expc.allowed_inside("cucm-pub.example.com")  # not yet discovered
    expc.refresh_servers()
    assert expc.allowed_inside("cucm-pub.example.com")
    assert expc.allowed_inside("cucm-sub1.example.com")  # every node of the cluster


# -- authorization of MRA requests -------------------------------------------------------------
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
           'authenticate user against server" Server="-" Username="alice"' in last
    assert "wrong" not in lab.render_logs()


def test_basic_is_refused_without_asking_uds_when_user_credentials_is_off(lab):
    lab.expc.set_access_control(authorize_by_user_credentials=False)
    start = len(lab.exchanges)
    resp = uds(lab, auth=("alice", LAB_PASSWORD))
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"] == 'Bearer realm="Cisco-Edge"'
    assert hops_from(lab, start) == []


def test_get_edge_config_lists_the_home_cluster_and_the_edge(lab):
    lab.client.sign_in(xmpp=False)
    resp = lab.session("tester").get(edge_url(EDGE, lab.domain, "get_edge_config"),
                                     **bearer(lab.client.tokens.access_token))
    assert resp.status_code == 200
    text = resp.text
    assert text.startswith('<getEdgeConfigResponse version="1.0"><serviceConfig>'
                           "<service><name>_cisco-uds</name>")
    uds_part = text.split("<name>_cuplogin</name>")[0]
    assert "<address>cucm-pub.example.com</address>" in uds_part
    assert "<address>cucm-sub1.example.com</address>" in uds_part
    assert "<name>_cuplogin</name><server><priority>1</priority><weight>1</weight>" \
           "<port>8443</port><address>imp-pub.example.com</address></server>" in text
    assert "<xmppEdgeServer><server><address>expe.example.com</address><tlsPort>5222" in text


def test_access_token_for_an_unknown_code_is_invalid_grant(lab):
    resp = lab.session("tester").post(edge_url(EDGE, lab.domain, "access_token"),
                                      data={"grant_type": "authorization_code", "code": "x"})
    assert resp.status_code == 400
    assert resp.json() == {"error": "invalid_grant", "error_description":
                           "Expressway-C cannot tell which Unified CM issued this code or "
                           "refresh token"}


# -- XMPP: SASL mechanisms and IM&P realm data -------------------------------------------------
@pytest.mark.parametrize("oauth_local, legacy_cred, advertised", [
    (True, True, ["CISCO-VTG-TOKEN", "OAUTHBEARER"]),
    (True, False, ["OAUTHBEARER"]),
    (False, True, ["CISCO-VTG-TOKEN"]),  # the seed article's stuck case
    (False, False, []),
])
def test_advertised_mechanisms_follow_the_running_xconfiguration(
        lab, oauth_local, legacy_cred, advertised):
    lab.expc.xconfig = XConfiguration(oauth_local, legacy_cred)
    assert lab.expc.advertised_mechanisms(["PLAIN", "CISCO-VTG-TOKEN", "OAUTHBEARER"]) == \
        advertised  # never PLAIN over MRA; IM&P's order kept
    assert lab.expc.advertised_mechanisms(("OAUTHBEARER", "PLAIN")) == (
        ["OAUTHBEARER"] if oauth_local else [])


def test_set_access_control_applies_the_running_xconfiguration(lab):
    lab.expc.set_access_control(authorize_by_user_credentials=False)
    assert lab.expc.xconfig == XConfiguration(oauth_local=True, legacy_cred=False)


def test_stale_imp_realm_data_fails_xmpp_and_is_logged():
    lab = uclab.Lab(seed=1)  # IM&P added at install, Expressway-C never refreshed its nodes
    lab.cucm.enable_refresh_logins()
    lab.expc.set_access_control(authorize_by_user_credentials=True)
    lab.expc.refresh_servers()
    assert lab.expc.imp_servers == {"imp-pub.example.com": False}
    start = len(lab.exchanges)
    outcome = lab.client.sign_in()
    assert not outcome and outcome.stage == "xmpp"
    assert outcome.detail == "no supported SASL mechanism (offered: none; Jabber needs OAUTHBEARER)"
    assert "imp-pub" not in [e.dst for e in lab.exchanges[start:]]  # never relayed to IM&P
    assert core.STALE_REALM == "Failed to query auth component for SASL mechanisms"
    assert core.STALE_REALM.source == "S8"
    line = lab.render_logs(host="expc.example.com", dialect="XCP_JABBERD")
    assert line.endswith('Module="Jabber" Level="ERROR" Detail="Failed to query auth component '
                         'for SASL mechanisms: no IM and Presence Service node has been '
                         'refreshed"')
    lab.expc.refresh_imp_servers()
    assert lab.client.sign_in().ok


def test_a_newly_added_imp_node_is_stale_until_refreshed(lab):
    lab.expc.add_imp_server("imp-sub.example.com")
    assert lab.expc.imp_servers == {"imp-pub.example.com": True, "imp-sub.example.com": False}
    lab.expc.refresh_imp_servers()
    assert lab.expc.imp_servers == {"imp-pub.example.com": True, "imp-sub.example.com": True}


def test_no_imp_node_configured(lab):
    lab.expc.imp_servers.clear()
    outcome = lab.client.sign_in()
    assert not outcome and outcome.stage == "xmpp"
    assert lab.render_logs(host="expc.example.com", dialect="XCP_JABBERD").endswith(
        'Detail="no IM and Presence Service node is configured"')


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


# -- the clock (S8: 403 for every MRA service when Expressway is not on NTP) -------------------
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
