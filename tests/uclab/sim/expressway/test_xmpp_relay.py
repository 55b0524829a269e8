"""uclab.sim.expressway.xmpp_relay: the SASL mechanisms Expressway-C advertises and IM&P realm
data."""

import pytest

import uclab
from uclab.sim.expressway import xmpp_relay
from uclab.sim.expressway.settings import XConfiguration
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


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
    assert xmpp_relay.STALE_REALM == "Failed to query auth component for SASL mechanisms"
    assert xmpp_relay.STALE_REALM.source == "S8"
    line = lab.render_logs(host="expc.example.com", dialect="XCP_JABBERD")
    assert line.endswith('Module="Jabber" Level="ERROR" Detail="Failed to query auth component '
                         'for SASL mechanisms: no IM and Presence Service node has been '
                         'refreshed"')
    lab.expc.refresh_imp_servers()
    assert lab.client.sign_in().ok


def test_no_imp_node_configured(lab):
    lab.expc.imp_servers.clear()
    outcome = lab.client.sign_in()
    assert not outcome and outcome.stage == "xmpp"
    assert lab.render_logs(host="expc.example.com", dialect="XCP_JABBERD").endswith(
        'Detail="no IM and Presence Service node is configured"')



def test_mra_sasl_is_routed_and_logged_by_expressway_c_not_imp(lab):
    """Over MRA the client's SASL element is routed by Expressway-C's XCP router from
    Expressway-E's connection manager to IM&P's auth component, and logged there (seed
    article's Expressway-C line); IM&P writes no DELIVER line for it."""
    start = len(lab.logs)
    assert lab.client.sign_in().ok
    new = lab.logs[start:]
    expc = [ln for ln in new if ln.host == lab.expc.host and ln.dialect == "XCP_JABBERD"]
    routed = [ln for ln in expc if "type='set'><auth mechanism='OAUTHBEARER'" in ln.get("Detail")]
    assert len(routed) == 1
    line = routed[0]
    assert line.process == f"XCP_JABBERD[{lab.expc.xcp_pid}]:"
    assert int(line.get("ThreadID")) in lab.expc.xcp_threads
    assert "from='connect-auth-1.expc-example-com'><xdb from='cm-1_jsmcp-1.expe-example-com'" \
        in line.get("Detail")
    assert ">XXXXXXX</auth>" in line.render()
    assert any("type:1, host:cm-1_jsmcp-1.expe-example-com" in ln.get("Detail") for ln in expc)
    # every XCP line of Expressway-C, the mechanism query included, is its own process's
    assert {ln.process for ln in expc} == {f"XCP_JABBERD[{lab.expc.xcp_pid}]:"}
    assert {int(ln.get("ThreadID")) for ln in expc} <= set(lab.expc.xcp_threads)
    imp = [ln for ln in new if ln.host == lab.imp.host]
    assert not any("DELIVER" in str(ln.get("Detail")) for ln in imp)
    assert any("authentication succeeded" in str(ln.get("Detail")) for ln in imp)
