"""uclab.sim.unity.key_sync: the checks of a key fetch and their S12 messages, Sync Keys, and
EvtAuthzKeyRotation after a key change on CUCM (S12, S13; S1 for the AXL role)."""

import pytest
from _unity import CUCM, MSG_AUTH, MSG_CONNECT, MSG_NETWORK, cuc_lab, failed_add, inbox

from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import (
    CISCO_SYSLOG_PATH,
    ERR_CONNECT,
    ERR_CONNECT_NETWORK,
    ERR_NOT_AUTHORIZED,
    UnityConnection,
)
from uclab.testing import make_app, make_lab


@pytest.mark.parametrize("over, expected", [
    ({"server_node_address": "cucm-nope.example.com"}, MSG_NETWORK),
    ({"port": 8080}, MSG_NETWORK),
    ({"password": "wrong-password"}, MSG_AUTH),
    ({"username": "alice"}, MSG_AUTH),  # an end user: no AXL access (S1)
    ({"username": "nobody"}, MSG_AUTH),
])
def test_s12_errors_with_trusted_certificate(over, expected):
    _, cuc = cuc_lab(add=False)
    cuc.upload_tomcat_trust(CUCM)
    error = failed_add(cuc, **over)
    assert str(error) == expected and error.message == expected


def test_s12_connect_errors():
    lab, cuc = cuc_lab(add=False)
    not_cucm = failed_add(cuc, server_node_address="idp.example.com", port=443,
                          ignore_certificate_errors=True)
    assert str(not_cucm) == MSG_CONNECT and not_cucm.message is ERR_CONNECT
    lab.network.detach(CUCM)  # CUCM (Cisco Tomcat) not answering
    down = failed_add(cuc, ignore_certificate_errors=True)
    assert str(down) == MSG_NETWORK and down.message is ERR_CONNECT_NETWORK
    assert "could not resolve cucm-pub.example.com" in down.detail
    assert str(failed_add(cuc, port=8080)) == MSG_NETWORK


def test_s12_cucm_before_11_5_su3_offers_no_authz_server():
    lab = make_lab(1, refresh=False, cucm_version="11.5(1)SU2")
    cuc = UnityConnection(lab.ctx, admin_password=LAB_PASSWORD)
    error = failed_add(cuc, ignore_certificate_errors=True)
    assert str(error) == MSG_CONNECT and "needs CUCM 11.5(1)SU3 or later" in error.detail


def test_failed_sync_keeps_the_old_keys():
    lab, cuc = cuc_lab()
    held = cuc.held_keys()
    lab.cucm.users.set_password(AXL_USER, "Changed-Passw0rd!")
    lab.advance(minutes=1)
    [result] = cuc.sync_keys()
    assert not result.ok and result.message is ERR_NOT_AUTHORIZED and str(result.message) == \
        MSG_AUTH
    assert result.last_sync_status == "Failed - Mar 02,2026 09:01:00 AM GMT"
    assert cuc.held_keys() == held


def test_key_regen_raises_alarm_then_401_until_sync_keys():
    lab, cuc = cuc_lab()
    stale = cuc.held_keys()[0]
    lab.cucm.regen_key("signing")
    assert str(CISCO_SYSLOG_PATH) == "/var/log/active/syslog/CiscoSyslog"
    assert lab.render_logs(host=cuc.host, dialect="ciscosyslog") == (
        "Mar  2 09:00:00 cuc-pub local7 4 : 0: cuc-pub.example.com: Mar 02 2026 09:00:00.000 "
        "UTC :  %UC_CUC-4-EvtAuthzKeyRotation: %[AuthzServer=CUCM Pub][ServerNodeAddress="
        "cucm-pub.example.com][KeyType=signing][NodeID=cuc-pub]: Authorization keys have "
        "changed on Cisco Unified CM; Unity Connection cannot validate Jabber tokens until the "
        "keys are synchronized (System Settings > Authz Servers > Sync Keys)")
    assert cuc.held_keys() == [stale] and stale is not lab.cucm.fetch_keys()
    token = make_app(lab).tokens()["access_token"]
    r = inbox(lab, token)
    assert r.status_code == 401
    challenge = r.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="cuc-pub.example.com", error="invalid_token", '
                                "error_description=\"signing key: unknown kid '")
    assert lab.cucm.fetch_keys().signing_kid[:60] in challenge
    assert cuc.validate(token).failed.check == "signing key"
    [result] = cuc.sync_keys()
    assert result.ok and cuc.held_keys() == [lab.cucm.fetch_keys()]
    assert inbox(lab, token).status_code == 200


def test_encryption_regen_is_noticed_too():
    lab, cuc = cuc_lab()
    lab.cucm.regen_key("encryption")
    assert "KeyType=encryption" in lab.render_logs(host=cuc.host, dialect="ciscosyslog")
    token = make_app(lab).tokens()["access_token"]
    assert cuc.validate(token).failed.check == "inner header"
    cuc.sync_keys("CUCM Pub")
    assert cuc.validate(token).ok


def test_delete_selected_drops_keys_and_the_listener():
    lab, cuc = cuc_lab(add=False)
    others = list(lab.cucm.key_listeners)  # the other nodes' listeners, before CUC adds its own
    cuc.upload_tomcat_trust(CUCM)
    cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD)
    assert len(lab.cucm.key_listeners) == len(others) + 1  # the IM&P node's and ours
    assert cuc.delete_authz_servers("CUCM Pub") == ["CUCM Pub"]
    assert cuc.authz_servers == [] and cuc.held_keys() == []
    assert lab.cucm.key_listeners == others
    lab.cucm.regen_key("encryption")
    assert lab.render_logs(host=cuc.host, dialect="ciscosyslog") == ""
    token = make_app(lab).tokens()["access_token"]
    assert "this node holds no AuthZ keys" in inbox(lab, token).json()["error_description"]


def test_two_servers_on_one_cluster_share_one_listener_and_each_raise_the_alarm():
    lab, cuc = cuc_lab()
    others = [f for f in lab.cucm.key_listeners]
    cuc.add_authz_server("CUCM Sub", CUCM, AXL_USER, LAB_PASSWORD)
    assert lab.cucm.key_listeners == others  # the cluster is watched once
    lab.cucm.regen_key("signing")
    alarms = lab.render_logs(host=cuc.host, dialect="ciscosyslog").splitlines()
    assert [line.split(" : ")[1].split(":")[0] for line in alarms] == ["0", "1"]
    assert "AuthzServer=CUCM Pub" in alarms[0] and "AuthzServer=CUCM Sub" in alarms[1]
    cuc.delete_authz_servers("CUCM Pub")
    assert lab.cucm.key_listeners == others  # still watched for CUCM Sub
    cuc.delete_authz_servers("CUCM Sub")
    assert len(lab.cucm.key_listeners) == len(others) - 1
