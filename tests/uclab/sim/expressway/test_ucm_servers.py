"""uclab.sim.expressway.ucm_servers: Unified CM servers and "Refresh servers" (S6, S7, S2),
the inside servers Expressway-C knows, IM&P nodes."""

import pytest
from _expc import OAUTH_REFRESH, USER_CREDS, mixed

import uclab
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


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


def test_inside_servers_are_the_discovered_and_given_ones():
    lab = uclab.Lab(seed=1)
    expc = lab.expc
    assert expc.allowed_inside("imp-pub.example.com") and expc.allowed_inside("cuc-pub.example.com")
    assert not expc.allowed_inside("cucm-pub.example.com")  # not yet discovered
    expc.refresh_servers()
    assert expc.allowed_inside("cucm-pub.example.com")
    assert expc.allowed_inside("cucm-sub1.example.com")  # every node of the cluster


def test_a_newly_added_imp_node_is_stale_until_refreshed(lab):
    lab.expc.add_imp_server("imp-sub.example.com")
    assert lab.expc.imp_servers == {"imp-pub.example.com": True, "imp-sub.example.com": False}
    lab.expc.refresh_imp_servers()
    assert lab.expc.imp_servers == {"imp-pub.example.com": True, "imp-sub.example.com": True}

