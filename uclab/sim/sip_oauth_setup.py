"""The admin steps that put SIP OAuth mode on across a deployment, in S10's order (fact sheet
1.7), for :meth:`uclab.lab.Lab.configure_sip_oauth`.

1. refresh logins on (the OAuth set-up before this); 2. the OAuth ports (defaults kept);
3. ``utils sipOAuth-mode enable`` on the publisher; 4. restart Cisco CallManager; 5. a phone
security profile with "Enable OAuth Authentication" for the Jabber devices; then for MRA
Expressway-C's signer in CUCM's tomcat-trust, and "Refresh servers" on Expressway-C, which
creates the CEOAuth zone and pushes Expressway-C's certificate names (S6, S10).

``variant`` leaves one step out the way a deployment can get it wrong: ``"off"`` (the mode is
never enabled), ``"profile-no-oauth"`` (the profile's box unticked: 403 "SIP OAuth Registration
port Mismatch") or ``"unknown-ca"`` (CUCM does not trust Expressway-C's signer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.sim.cucm.sip_oauth import LAB_EXPC_CA
from uclab.sim.expressway.sip_relay import open_sip

if TYPE_CHECKING:
    from uclab.sim.cucm.cluster import CucmCluster
    from uclab.sim.expressway import ExpresswayC, ExpresswayE

VARIANTS = ("on", "off", "profile-no-oauth", "unknown-ca")
#: the lab users who get a CSF device
USERS = ("alice", "bob")


def configure(cucm: CucmCluster, expc: ExpresswayC, edge: ExpresswayE,
              variant: str = "on") -> list[str]:
    """Apply the steps (module docstring); returns them as text, in order."""
    if variant not in VARIANTS:
        raise ConfigError(f"variant must be one of {', '.join(VARIANTS)} (got {variant!r})")
    state = cucm.sip
    steps = []
    if not cucm.params.refresh_enabled:
        steps.append(f"CUCM: {facts.PARAM_REFRESH_FLOW} is not {facts.ENABLED}: SIP OAuth "
                     "needs refresh logins (run lab.configure_oauth() first)")
    oauth, mra = state.node_ports(cucm.publisher.host)
    steps.append(f"CUCM: {facts.SIP_PORTS_PAGE}: {facts.SIP_PHONE_OAUTH_PORT} = {oauth}, "
                 f"{facts.SIP_MRA_PORT} = {mra} (defaults)")
    if variant != "off":
        cucm.publisher.cli(str(facts.CLI_SIP_OAUTH_ENABLE))
        steps.append(f"CUCM publisher CLI: {facts.CLI_SIP_OAUTH_ENABLE}")
    state.restart_callmanager()
    steps.append(f"CUCM: restart {facts.SVC_CALLMANAGER} on every node")
    profile = state.add_profile(str(facts.LAB_SIP_PROFILE),
                                enable_oauth=variant != "profile-no-oauth")
    ticked = "ticked" if profile.enable_oauth else "NOT ticked"
    steps.append(f"CUCM: {facts.PHONE_SECURITY_PAGE} > {profile.name}: "
                 f"{facts.DEVICE_SECURITY_MODE} = {profile.security_mode}, "
                 f"{facts.TRANSPORT_TYPE} = {profile.transport}, "
                 f"{facts.ENABLE_OAUTH_AUTH} {ticked}")
    for user in USERS:
        device = state.add_device(user, profile.name)
        steps.append(f"CUCM: device {device.name} ({user}, line {device.dn}) on that profile")
    state.enable_tftp()
    if variant != "unknown-ca":
        state.tomcat_trust.add(LAB_EXPC_CA)
        steps.append(f"CUCM: upload {LAB_EXPC_CA} (Expressway-C's signer) as "
                     f"{facts.TOMCAT_TRUST}")
    expc.refresh_servers()
    zones = ", ".join(getattr(expc, "sip_zones", {}).values()) or "none"
    steps.append(f"Expressway-C: {facts.REFRESH_SERVERS} (CEOAuth zones: {zones}; certificate "
                 "names pushed to CUCM over AXL)")
    open_sip(edge, int(facts.EDGE_SIP_TLS_PORT))
    open_sip(expc, int(facts.TRAVERSAL_PORT))
    return steps
