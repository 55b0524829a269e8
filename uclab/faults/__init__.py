"""The fault registry: misconfigurations of real deployments, each a *state* of the lab.

A fault puts a working lab (:meth:`Lab.configure_oauth`) into a broken state using only real
admin actions or product state (a parameter, a key copy, a clock, a client build); nothing in
the token code asks "is fault X on?". Each entry says where the fact comes from, what a user
sees, and the admin action that fixes it; :func:`check` proves both by running the probe before
and after the fix. Widgets, docs tables and tests are generated from :data:`FAULTS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import AXL_USER, LAB_PASSWORD, Lab
from uclab.sim.expressway.settings import XConfiguration
from uclab.sim.imp import SVC_XCP_AUTH
from uclab.sim.jabber.client import Outcome

Probe = Callable[[Lab], Outcome]


@dataclass(frozen=True)
class Fault:
    """One misconfiguration: what it is, where the fact comes from, what breaks, the fix."""

    id: str
    title: str
    component: str
    description: str
    source: str
    symptom: str
    fix: str
    apply: Callable[[Lab], None] = field(repr=False)
    repair: Callable[[Lab], None] = field(repr=False)
    probe: Probe = field(repr=False)
    shows: Callable[[Lab, Outcome], bool] = field(repr=False)
    lab_options: tuple[tuple[str, str], ...] = ()
    weakens: str = ""

    def build(self, seed: int | str | None = 1) -> Lab:
        """A configured lab of ``seed`` with this fault in place."""
        lab = Lab(seed=seed, **dict(self.lab_options))
        lab.configure_oauth()
        self.apply(lab)
        return lab


# -- probes: what a user does to notice ----------------------------------------------------------
def sign_in_and_use(lab: Lab, user: str = "alice", xmpp: bool = True,
                    services: tuple[str, ...] = ("uds", "voicemail")) -> Outcome:
    """A fresh Jabber signs in over MRA, then opens its contact data (UDS) and voicemail."""
    client = lab.jabber(user)
    outcome = client.sign_in(xmpp=xmpp)
    if not outcome:
        return outcome
    for service in services:
        used = client.use_service(service)
        if not used:
            return used
    return outcome


def keep_using(lab: Lab, after_minutes: float = 0) -> Outcome:
    """The learner's signed-in client goes on working (after some time passes)."""
    if after_minutes:
        lab.advance(minutes=after_minutes)
    return lab.client.use_service("uds")


def _prt_has(lab: Lab, text: str) -> bool:
    return any(text in ln.render() for ln in lab.logs if ln.dialect == "csf-unified")


def _signed_in(lab: Lab) -> None:
    if not lab.client.sign_in():
        raise ConfigError("the working lab did not sign in; fix the baseline first")


# -- the breaks and fixes ------------------------------------------------------------------------
def _stuck_oauth_local(lab: Lab) -> None:
    """The seed's state: the page says OAuth On, the running xConfiguration says Off."""
    lab.expc.xconfig = XConfiguration(oauth_local=False, legacy_cred=True)


def _mismatch(lab: Lab) -> None:
    lab.cucm.enable_refresh_logins(False)


def _enable_and_refresh(lab: Lab) -> None:
    lab.cucm.enable_refresh_logins(True)
    lab.expc.refresh_servers()


def _refreshed_before_oauth(lab: Lab) -> None:
    """Refresh servers ran while OAuth with refresh was Off; then it was turned On."""
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    lab.expc.refresh_servers()
    lab.expc.set_access_control(authorize_by_oauth_token_with_refresh=True)


def _regen(lab: Lab, *, expc: bool, imp: bool, unity: bool) -> None:
    _signed_in(lab)
    lab.cucm.publisher.cli("set key regen authz signing", confirm=True)
    if expc:
        lab.expc.refresh_servers()
    if imp:
        lab.imp.restart_service(str(SVC_XCP_AUTH))
    if unity:
        lab.unity.sync_keys()


def _sign_in_again(lab: Lab) -> None:
    lab.client.sign_in()


def _revoke_over_http(lab: Lab) -> None:
    _signed_in(lab)
    url = f"https://{lab.cucm.publisher.host}:8443{facts.SSOSP_REVOKE}?user_id=alice"
    lab.session("admin").get(url, auth=(AXL_USER, LAB_PASSWORD))


def _deactivate(lab: Lab) -> None:
    _signed_in(lab)
    lab.cucm.users.remove_from_ldap("alice")
    lab.cucm.users.ldap_sync()


def _reactivate(lab: Lab) -> None:
    lab.cucm.users.restore_to_ldap("alice")
    lab.cucm.users.ldap_sync()
    lab.client.sign_in()


def _upgrade(lab: Lab) -> None:
    lab.cucm.upgrade("12.5(1)")
    lab.configure_oauth()


def _mixed_rollout(lab: Lab) -> None:
    old = lab.add_cluster("cucm2", "11.5(1)SU2")
    old.users.add_ldap("dave", LAB_PASSWORD)
    lab.expc.add_ucm_server(old.publisher.host, AXL_USER, LAB_PASSWORD)
    lab.expc.refresh_servers()


def _check_internal_yes(lab: Lab) -> None:
    lab.expc.set_access_control(check_for_internal_authentication_availability=True)


def _affected_jabber_build(lab: Lab) -> None:
    """The learner runs a Jabber build whose modules reconnect with the expired token after a
    wake, before it refreshes (S8, S11)."""
    _signed_in(lab)
    lab.client.refreshes_before_reconnect = False


def _raise_trigger(lab: Lab) -> None:
    lab.edge.intrusion.configure(trigger_level=10)
    lab.edge.intrusion.unblock(lab.network.addresses[lab.client.name])


def _central_imp(lab: Lab) -> None:
    central = lab.add_central_imp(f"imp-central.{lab.domain}", f"cucm-im.{lab.domain}")
    central.add_new(lab.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
    central.publisher.restart_service(str(SVC_XCP_AUTH))
    central.publisher.sasl_hosts.add(lab.edge.host)
    lab.expc.imp_servers = {central.publisher.host: True}
    lab.network.addresses["imp-central"] = "192.0.2.32"
    _regen(lab, expc=True, imp=True, unity=True)


def _resync_central(lab: Lab) -> None:
    central = lab.central_imp
    if central is None:
        raise ConfigError("this lab has no central IM&P cluster")
    central.save_and_synchronize(lab.cucm.publisher.host)
    central.publisher.restart_service(str(SVC_XCP_AUTH))


def _ok(_: Lab, outcome: Outcome) -> bool:
    return bool(outcome)


def _failed(stage: str, *words: str) -> Callable[[Lab, Outcome], bool]:
    def shows(_: Lab, outcome: Outcome) -> bool:
        return not outcome and outcome.stage == stage and all(w in outcome.detail for w in words)
    return shows


FAULTS: dict[str, Fault] = {f.id: f for f in (
    Fault("expc-oauthlocal-off", "Expressway-C OAuth local authorization off (the seed's case)",
          "Expressway-C",
          "OAuth is on in CUCM and on the MRA Access Control page, but Expressway-C's running "
          "xConfiguration still says CollaborationEdge OAuthLocal: Off. Jabber gets its tokens, "
          "then Expressway-C advertises only CISCO-VTG-TOKEN for XMPP.",
          "seed article (field observation); S6", "Sign-in gets tokens, then fails at XMPP: "
          "stream features list only CISCO-VTG-TOKEN and Jabber logs \"The server doesn't offer "
          "any SASL authentication mechanism that we can support\".",
          "Check xConfiguration CollaborationEdge on Expressway-C; restart (reboot) it so that "
          "OAuthLocal is On, as the seed article's fix did.",
          _stuck_oauth_local, lambda lab: lab.expc.restart(), sign_in_and_use,
          lambda lab, o: _failed("xmpp", "CISCO-VTG-TOKEN")(lab, o) and _prt_has(
              lab, "doesn't offer any SASL authentication mechanism")),
    Fault("refresh-flow-mismatch", "CUCM refresh flow Disabled, Expressway refresh On",
          "CUCM / Expressway-C",
          "\"OAuth with Refresh Login Flow\" is Disabled on CUCM (its default) while Expressway's "
          "\"Authorize by OAuth token with refresh\" is On (its default): an untouched pair is "
          "mismatched.", "S9, S6", "get_edge_sso offers token reuse, but CUCM refuses the code "
          "grant at authorize_proxy: the login fails after the user enters the password.",
          "Enable OAuth with Refresh Login Flow on CUCM, then Refresh servers on Expressway-C.",
          _mismatch, _enable_and_refresh, sign_in_and_use,
          _failed("localauthentication", "Disabled")),
    Fault("expc-not-refreshed", "Expressway-C not refreshed after enabling OAuth",
          "Expressway-C",
          "Unified CM servers were last refreshed before OAuth with refresh was turned on, so "
          "Expressway-C holds no AuthZ keys.", "S6, S7, S2",
          "CUCM issues the tokens, but Expressway-C cannot validate them: the access_token "
          "request fails (\"holds no AuthZ keys\").",
          "Unified CM servers > Refresh servers on Expressway-C.",
          _refreshed_before_oauth, lambda lab: lab.expc.refresh_servers(), sign_in_and_use,
          _failed("access_token", "holds no AuthZ keys")),
    Fault("keys-regen-expc-stale", "Keys regenerated on CUCM, Expressway-C not refreshed",
          "Expressway-C",
          "set key regen authz signing ran on the publisher; IM&P and Unity were handled, "
          "Expressway-C still holds the old keys.", "S2, S3, S6",
          "Everyone is signed out (expected after a regen); new logins fail at the access_token "
          "request because Expressway-C does not know the new kid.",
          "Unified CM servers > Refresh servers on Expressway-C.",
          lambda lab: _regen(lab, expc=False, imp=True, unity=True),
          lambda lab: lab.expc.refresh_servers(), sign_in_and_use,
          _failed("access_token", "unknown kid")),
    Fault("imp-stale-keys", "IM&P running with a stale key copy", "IM&P",
          "After a key regeneration the Cisco XCP Authentication Service was not restarted, so "
          "IM&P validates tokens with the old keys.", "S1, S3, S15",
          "HTTP services work; XMPP OAUTHBEARER is refused, Jabber refreshes, is refused again "
          "and logs handleRefreshTokenFailure.",
          "Compare show key authz on CUCM and IM&P; restart Cisco XCP Authentication Service on "
          "all IM&P nodes.",
          lambda lab: _regen(lab, expc=True, imp=False, unity=True),
          lambda lab: lab.imp.restart_service(str(SVC_XCP_AUTH)), sign_in_and_use,
          lambda lab, o: _failed("xmpp", "OAUTHBEARER")(lab, o) and _prt_has(
              lab, "handleRefreshTokenFailure")),
    Fault("unity-not-synced", "Unity Connection not synced after a key regeneration",
          "Unity Connection",
          "CUCM keys changed; Unity Connection raised EvtAuthzKeyRotation and keeps the old keys "
          "until Sync Keys.", "S12",
          "Sign-in and XMPP work; voicemail is refused (401) and CiscoSyslog shows "
          "EvtAuthzKeyRotation.", "System Settings > Authz Servers > Sync Keys on Unity "
          "Connection.", lambda lab: _regen(lab, expc=True, imp=True, unity=False),
          lambda lab: lab.unity.sync_keys(), sign_in_and_use,
          lambda lab, o: _failed("voicemail", "401")(lab, o) and "EvtAuthzKeyRotation" in
          lab.render_logs(host=lab.unity.host)),
    Fault("refresh-token-expired", "Refresh token expired", "Jabber / CUCM",
          "The client stayed signed in past \"OAuth Refresh Token Expiry Timer (days)\" "
          "(default 60).", "S2, S1",
          "The next refresh fails (invalid_grant) and the user must sign in again; PRT shows "
          "handleRefreshTokenFailure.", "The user signs in again (or the admin raises the "
          "refresh token timer, within its range).",
          lambda lab: (_signed_in(lab), lab.advance(days=61)) and None,
          _sign_in_again, keep_using, _failed("refresh", "expired")),
    Fault("refresh-token-revoked", "Refresh token revoked by an admin", "CUCM",
          "An admin called /ssosp/token/revoke?user_id=alice with AXL credentials.",
          "S2, S4, S1",
          "The access token keeps working until it expires (self-contained); then the refresh "
          "fails (invalid_grant, revoked) and the user must sign in again.",
          "The user signs in again.", _revoke_over_http, _sign_in_again,
          lambda lab: keep_using(lab, after_minutes=61), _failed("refresh", "revoked")),
    Fault("ldap-user-deactivated", "LDAP user deactivated", "CUCM",
          "The user was removed from the directory; after the LDAP sync CUCM shows them "
          "inactive.", "S2",
          "CUCM refuses the user's token and the refresh (user no longer active).",
          "Restore the user in the directory, run the LDAP sync, sign in again.",
          _deactivate, _reactivate, keep_using, _failed("refresh", "no longer active")),
    Fault("cucm-below-11-5-su3", "CUCM release below 11.5(1)SU3", "CUCM",
          "CUCM 11.5(1)SU2 has only the implicit grant (SSO only); OAuth with refresh does not "
          "exist, while Expressway offers it.", "S1, S2, S6",
          "The login fails at authorize_proxy: CUCM has no authorization code grant.",
          "Upgrade CUCM to 11.5(1)SU3/12.0 or later, enable refresh logins, Refresh servers.",
          lambda lab: None, _upgrade, sign_in_and_use,
          _failed("localauthentication", "no authorization code grant"),
          lab_options=(("cucm_version", "11.5(1)SU2"),)),
    Fault("expressway-ntp", "Expressway-C clock not synchronised (NTP)", "Expressway-C",
          "Expressway-C's clock runs two hours ahead, so every token looks expired to it.",
          "S8", "403 Forbidden for every MRA service: the access_token request is refused "
          "after CUCM issued the tokens.", "Fix NTP on Expressway-C/E.",
          lambda lab: lab.expc.set_clock_offset(7200), lambda lab: lab.expc.sync_ntp(),
          sign_in_and_use, _failed("access_token", "HTTP 403", "expiry")),
    Fault("check-internal-no-mixed", "\"Check for internal authentication availability\" = No "
          "in a mixed rollout", "Expressway-C",
          "A second cluster still runs 11.5(1)SU2. With the check at No every client is told "
          "to use OAuth with refresh, including users homed there. (The probe signs dave in "
          "and opens UDS; his cluster's IM&P and Unity are not part of the lab.)", "S6, S7",
          "Users of the old cluster fail after entering their password.",
          "Set Check for internal authentication availability = Yes: Expressway-C asks the "
          "user's home cluster, and those users sign in with their credentials.",
          _mixed_rollout, _check_internal_yes,
          lambda lab: sign_in_and_use_no_xmpp(lab, "dave"),
          _failed("localauthentication", "no authorization code grant")),
    Fault("intrusion-expired-tokens", "Intrusion protection blocks Jabber after expired tokens",
          "Expressway-E",
          "After a hibernate some Jabber modules send their expired access token again and "
          "again; more than 5 \"HTTP proxy authorization failure\" events block the IP.",
          "S8, S11", "The client's IP is blocked for 10 minutes: even the refresh fails.",
          "Raise the HTTP proxy authorization failure trigger level to 10 (or add an "
          "exemption) on Expressway-E, and unblock the address.",
          _affected_jabber_build, _raise_trigger,
          lambda lab: lab.client.resume_after_hibernate(hours=2),
          _failed("network", "intrusion protection")),
    Fault("central-imp-unsynchronized", "Centralized IM&P cluster left unsynchronized", "IM&P",
          "IM&P runs as a central cluster; CUCM keys were regenerated and Save and Synchronize "
          "was not repeated on the central cluster.", "S15",
          "XMPP OAUTHBEARER is refused by the central IM&P (old keys); Jabber logs "
          "handleRefreshTokenFailure.", "System > Centralized Deployment > Save and "
          "Synchronize on the central IM&P publisher, then restart Cisco XCP Authentication "
          "Service.", _central_imp, _resync_central, sign_in_and_use,
          lambda lab, o: _failed("xmpp", "OAUTHBEARER")(lab, o) and _prt_has(
              lab, "handleRefreshTokenFailure")),
)}


def sign_in_and_use_no_xmpp(lab: Lab, user: str) -> Outcome:
    """Sign-in and UDS only: the user's own IM&P and Unity are not part of the lab."""
    return sign_in_and_use(lab, user, xmpp=False, services=("uds",))


def get(fault_id: str) -> Fault:
    """The fault with this id; an unknown id names the known ones."""
    fault = FAULTS.get(fault_id) if isinstance(fault_id, str) else None
    if fault is None:
        raise ConfigError(f"unknown fault {fault_id!r}; known faults: {', '.join(FAULTS)}")
    return fault


@dataclass
class FaultCheck:
    """Symptom with the fault in place, and the outcome after the fix."""

    fault: Fault
    before: Outcome
    symptom_seen: bool
    after: Outcome

    @property
    def proven(self) -> bool:
        return self.symptom_seen and bool(self.after)


def check(fault_id: str, seed: int | str | None = 1) -> FaultCheck:
    """Build the faulty lab, probe it, apply the fix, probe again."""
    fault = get(fault_id)
    lab = fault.build(seed)
    before = fault.probe(lab)
    seen = fault.shows(lab, before)
    fault.repair(lab)
    after = fault.probe(lab)
    return FaultCheck(fault, before, seen, after)


def table() -> list[dict[str, str]]:
    """The registry as rows (id, title, component, symptom, fix, source)."""
    return [{"id": f.id, "title": f.title, "component": f.component, "symptom": f.symptom,
             "fix": f.fix, "source": f.source} for f in FAULTS.values()]
