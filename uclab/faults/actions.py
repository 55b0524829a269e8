"""The breaks and the fixes: each a real admin action or product state (S-ids in catalogue)."""

from __future__ import annotations

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.faults.probes import signed_in
from uclab.lab import AXL_USER, LAB_PASSWORD, Lab
from uclab.sim.expressway.settings import XConfiguration


def stuck_oauth_local(lab: Lab) -> None:
    """The seed's state: the page says OAuth On, the running xConfiguration says Off."""
    lab.expc.xconfig = XConfiguration(oauth_local=False, legacy_cred=True)


def mismatch(lab: Lab) -> None:
    lab.cucm.enable_refresh_logins(False)


def enable_and_refresh(lab: Lab) -> None:
    lab.cucm.enable_refresh_logins(True)
    lab.expc.refresh_servers()


def refreshed_before_oauth(lab: Lab) -> None:
    """Refresh servers ran while OAuth with refresh was Off; then it was turned On."""
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    lab.expc.refresh_servers()
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=True)


def regen(lab: Lab, *, expc: bool, imp: bool, unity: bool) -> None:
    signed_in(lab)
    lab.cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True)
    if expc:
        lab.expc.refresh_servers()
    if imp:
        lab.imp.restart_service(str(facts.SVC_XCP_AUTH))
    if unity:
        lab.unity.sync_keys()


def outlive_refresh_token(lab: Lab) -> None:
    """The client stays signed in for 61 days: past the default 60-day refresh timer (S2)."""
    signed_in(lab)
    lab.advance(days=61)


def sign_in_again(lab: Lab) -> None:
    lab.client.sign_in()


def revoke_over_http(lab: Lab) -> None:
    signed_in(lab)
    url = (f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_REVOKE}"
           "?user_id=alice")
    lab.session("admin").get(url, auth=(AXL_USER, LAB_PASSWORD))


def deactivate(lab: Lab) -> None:
    signed_in(lab)
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()


def reactivate(lab: Lab) -> None:
    lab.cucm.users.restore_to_ldap("alice")
    lab.cucm.users.ldap_sync()
    lab.client.sign_in()


def upgrade(lab: Lab) -> None:
    lab.cucm.upgrade("12.5(1)")
    lab.configure_oauth()


def mixed_rollout(lab: Lab) -> None:
    old = lab.add_cluster("cucm2", "11.5(1)SU2")
    old.users.add_ldap("dave", LAB_PASSWORD)
    lab.expc.add_ucm_server(old.publisher.host, AXL_USER, LAB_PASSWORD)
    lab.expc.refresh_servers()


def check_internal_yes(lab: Lab) -> None:
    lab.expc.set_access_control(check_for_internal_authentication_availability=True)


def affected_jabber_build(lab: Lab) -> None:
    """The learner runs a Jabber build whose modules reconnect with the expired token after a
    wake, before it refreshes (S8, S11)."""
    signed_in(lab)
    lab.client.refreshes_before_reconnect = False


def raise_trigger(lab: Lab) -> None:
    lab.edge.intrusion.configure(trigger_level=10)
    lab.edge.intrusion.unblock(lab.network.addresses[lab.client.name])


def central_imp(lab: Lab) -> None:
    central = lab.add_central_imp(f"imp-central.{lab.domain}", f"cucm-im.{lab.domain}")
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    central.publisher.restart_service(str(facts.SVC_XCP_AUTH))
    central.publisher.sasl_hosts.add(lab.edge.host)
    lab.expc.imp_servers = {central.publisher.host: True}
    lab.network.addresses["imp-central"] = "192.0.2.32"
    regen(lab, expc=True, imp=True, unity=True)


def resync_central(lab: Lab) -> None:
    """The central cluster's follow-up after a key regeneration on a telephony cluster: repeat
    the regeneration on the central cluster's Unified CM publisher (S3, S15), Save and
    Synchronize so that the central IM&P holds the telephony cluster's new keys (S15; that it
    is needed again after a regeneration is the lab's model [U]), and restart Cisco XCP
    Authentication Service on the IM&P nodes (S3)."""
    central = lab.central_imp
    if central is None:
        raise ConfigError("this lab has no central IM&P cluster")
    central.local_cucm.publisher.cli(str(facts.CLI_REGEN_SIGNING), confirm=True)
    central.save_and_synchronize(lab.cucm.publisher.host)
    central.publisher.restart_service(str(facts.SVC_XCP_AUTH))
