"""uclab.sim.imp.central: System > Centralized Deployment (S15): Save and Synchronize, key
drift after a regeneration, Unsynchronized for 11.5(1)SU3, and the page's errors."""

import re

import pytest
from imp_helpers import bearer, expect_oauth_failure, send, token_for

import uclab
from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.protocols.sasl import encode_plain
from uclab.protocols.xmpp import auth_stanza
from uclab.sim.cucm.cluster import CucmCluster
from uclab.sim.imp.central import STATUS_SYNCHRONIZED, STATUS_UNSYNCHRONIZED
from uclab.sim.imp.services import SVC_XCP_AUTH
from uclab.testing import make_lab

CENTRAL = "imp-central.example.com"


def central_lab(seed):
    lab = make_lab(seed)
    return lab, lab.add_central_imp(CENTRAL, "cucm-central.example.com")


def test_central_sync_then_restart_then_oauth_works():
    lab, central = central_lab(60)
    imp = central.publisher
    assert "OAUTHBEARER" not in imp.sasl_mechanisms()  # the local CUCM has refresh off
    entry = central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    assert entry.status == STATUS_SYNCHRONIZED == "Synchronized"
    assert entry.signing_checksum == lab.cucm.fetch_keys().signing_checksum
    assert "OAUTHBEARER" in imp.sasl_mechanisms()  # "enable the feature for the central cluster"
    tok = token_for(lab)
    expect_oauth_failure(lab, tok, "signing key", host=CENTRAL)  # service not restarted yet
    imp.restart_service(SVC_XCP_AUTH)
    assert send(lab, bearer(tok), host=CENTRAL)[0].kind == "success"
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()  # the telephony cluster's directory decides
    expect_oauth_failure(lab, tok, "user active", host=CENTRAL)


def test_central_keys_drift_after_regen_until_resynchronized():
    lab, central = central_lab(61)
    imp = central.publisher
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    imp.restart_service(SVC_XCP_AUTH)
    lab.cucm.regen_key("signing")
    tok = token_for(lab)
    imp.restart_service(SVC_XCP_AUTH)  # a restart alone does not help: the database is stale
    expect_oauth_failure(lab, tok, "signing key", host=CENTRAL)
    entry = central.save_and_synchronize(lab.cucm.publisher.host)
    assert entry.signing_checksum == lab.cucm.fetch_keys().signing_checksum
    assert "<- restart" in imp.key_report()
    expect_oauth_failure(lab, tok, "signing key", host=CENTRAL)
    imp.restart_service(SVC_XCP_AUTH)
    assert send(lab, bearer(tok), host=CENTRAL)[0].kind == "success"


def test_central_unsynchronized_for_11_5_1_su3_but_plain_still_works():
    lab, central = central_lab(62)
    old = CucmCluster(lab.ctx, version="11.5(1)SU3", publisher="cucm115-pub.example.com")
    lab.network.attach(old.publisher, "cucm115-pub")
    old.users.add_application_user("axl115", "Axl-115!", ("Standard AXL API Access",))
    old.users.add_ldap("dave", LAB_PASSWORD)
    entry = central.add_new("CUCM115-pub.example.com", "axl115", "Axl-115!")
    assert entry.status == STATUS_UNSYNCHRONIZED == "Unsynchronized"
    assert entry.signing_checksum is None and "OAUTHBEARER" not in \
        central.publisher.sasl_mechanisms()
    reply, _ = send(lab, auth_stanza("PLAIN", encode_plain("dave", LAB_PASSWORD)), host=CENTRAL)
    assert reply.kind == "success"
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    table = central.table()
    assert table.startswith("System > Centralized Deployment\n")
    assert re.search(r"cucm115-pub\.example\.com\s+axl115\s+Unsynchronized", table)
    assert re.search(r"cucm-pub\.example\.com\s+axladmin\s+Synchronized", table)


@pytest.mark.parametrize("address, user, password, error", [
    ("cucm-pub.example.com", AXL_USER, "wrong", "the AXL credentials were rejected "
     "(AXL Username 'axladmin' or AXL Password is wrong)"),
    ("cucm-pub.example.com", "alice", LAB_PASSWORD, "'alice' lacks the role 'Standard AXL API "
     "Access'"),
    ("cucm-nowhere.example.com", AXL_USER, LAB_PASSWORD, "does not resolve"),
    ("cucm-sub1.example.com", AXL_USER, LAB_PASSWORD, "is a subscriber; enter its publisher "
     "'cucm-pub.example.com'"),
    ("idp.example.com", AXL_USER, LAB_PASSWORD, "not a Unified CM publisher"),
    ("cucm-central.example.com", AXL_USER, LAB_PASSWORD, "the central cluster's own CUCM"),
    ("", AXL_USER, LAB_PASSWORD, "must be a host name")])
def test_central_add_new_errors(address, user, password, error):
    lab, central = central_lab(63)
    with pytest.raises(uclab.ConfigError, match=re.escape(error)):
        central.add_new(address, user, password)
    assert central.entries == {}


def test_central_resync_with_bad_credentials_keeps_the_entry():
    lab, central = central_lab(64)
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    with pytest.raises(uclab.ConfigError, match="already listed"):
        central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    with pytest.raises(uclab.ConfigError, match="AXL credentials were rejected"):
        central.save_and_synchronize(lab.cucm.publisher.host, axl_password="changed")
    assert central.status(lab.cucm.publisher.host) == "Synchronized"
    assert central.entry(lab.cucm.publisher.host).axl_password == LAB_PASSWORD
    with pytest.raises(uclab.ConfigError, match="no System > Centralized Deployment entry"):
        central.status("cucm-other.example.com")
