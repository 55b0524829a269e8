"""The catalogue: every fault of :mod:`uclab.faults` with its source, symptom and fix."""

from __future__ import annotations

from uclab import facts
from uclab.faults import actions as act
from uclab.faults import clusters, sip, sso
from uclab.faults.model import Fault
from uclab.faults.probes import (
    failed,
    keep_using,
    prt_has,
    sign_in_and_use,
    sign_in_and_use_no_xmpp,
)

#: "Unified CM servers", the last step of the Unified CM servers page's menu path (S6)
_UCM_SERVERS = facts.UCM_PAGE.rsplit(" > ", 1)[-1]
#: "show key authz": the CUCM CLI command that shows either key (S5)
_SHOW_KEY = facts.CLI_SHOW_SIGNING.rsplit(" ", 1)[0]
#: the PRT function that logs a failed refresh (S1), as a learner searches for it
_REFRESH_FAILURE = facts.PRT_REFRESH_FAILURE_FN.rsplit("::", 1)[-1]

FAULTS: dict[str, Fault] = {f.id: f for f in (
    Fault("expc-oauthlocal-off", "Expressway-C OAuth local authorization off (the seed's case)",
          "Expressway-C",
          "OAuth is on in CUCM and on the MRA Access Control page, but Expressway-C's running "
          f"xConfiguration still says {facts.XCONF_OAUTH_LOCAL}: {facts.OFF}. Jabber gets its "
          f"tokens, then Expressway-C advertises only {facts.MECH_VTG} for XMPP. Why the "
          "setting did not reach the running configuration is not known; the lab models a "
          "running configuration that follows the page again only after a restart [U].",
          "seed article (field observation); S6", "Sign-in gets tokens, then fails at XMPP: "
          f"stream features list only {facts.MECH_VTG} and Jabber logs "
          f"\"{facts.PRT_NO_SASL.split(', ', 1)[1]}\".",
          "Check xConfiguration CollaborationEdge on Expressway-C; restart (reboot) it so that "
          f"OAuthLocal is {facts.ON}, as the seed article's fix did.",
          act.stuck_oauth_local, lambda lab: lab.expc.restart(), sign_in_and_use,
          lambda lab, o: failed("xmpp", facts.MECH_VTG)(lab, o) and prt_has(
              lab, facts.PRT_NO_SASL),
          signature="xmpp-no-oauthbearer-offered"),
    Fault("refresh-flow-mismatch", "CUCM refresh flow Disabled, Expressway refresh On",
          "CUCM / Expressway-C",
          f"\"{facts.PARAM_REFRESH_FLOW}\" is {facts.DISABLED} on CUCM (its default) while "
          f"Expressway's \"{facts.OAUTH_REFRESH}\" is {facts.ON} (its default): an untouched "
          "pair is mismatched.", "S9, S6", f"{facts.GET_EDGE_SSO} offers token reuse, but CUCM "
          f"refuses the code grant at {facts.AUTHORIZE_PROXY_REQUEST}: the login fails after the "
          "user enters the password.",
          f"Enable {facts.PARAM_REFRESH_FLOW} on CUCM, then {facts.REFRESH_SERVERS} on "
          "Expressway-C.",
          act.mismatch, act.enable_and_refresh, sign_in_and_use,
          failed(facts.EDGE_LOCAL_AUTH, facts.DISABLED),
          signature="cucm-refresh-flow-disabled"),
    Fault("expc-not-refreshed", "Expressway-C not refreshed after enabling OAuth",
          "Expressway-C",
          "Unified CM servers were last refreshed before OAuth with refresh was turned on, so "
          "Expressway-C holds no AuthZ keys.", "S6, S7, S2",
          "CUCM issues the tokens, but Expressway-C cannot validate them: the "
          f"{facts.EDGE_TOKEN_REQUEST} request fails (\"holds no AuthZ keys\", the lab's "
          "wording).",
          f"{_UCM_SERVERS} > {facts.REFRESH_SERVERS} on Expressway-C.",
          act.refreshed_before_oauth, lambda lab: lab.expc.refresh_servers(), sign_in_and_use,
          failed(facts.EDGE_TOKEN_REQUEST, "holds no AuthZ keys"),
          signature="expc-no-authz-keys"),
    Fault("keys-regen-expc-stale", "Keys regenerated on CUCM, Expressway-C not refreshed",
          "Expressway-C",
          f"{facts.CLI_REGEN_SIGNING} ran on the publisher; IM&P and Unity were handled, "
          "Expressway-C still holds the old keys.", "S2, S3, S6",
          "Everyone is signed out (expected after a regen); new logins fail at the "
          f"{facts.EDGE_TOKEN_REQUEST} request because Expressway-C does not know the new kid.",
          f"{_UCM_SERVERS} > {facts.REFRESH_SERVERS} on Expressway-C.",
          lambda lab: act.regen(lab, expc=False, imp=True, unity=True),
          lambda lab: lab.expc.refresh_servers(), sign_in_and_use,
          failed(facts.EDGE_TOKEN_REQUEST, "unknown kid"),
          signature="expc-unknown-kid"),
    Fault("imp-stale-keys", "IM&P running with a stale key copy", "IM&P",
          f"After a key regeneration the {facts.SVC_XCP_AUTH} was not restarted, so IM&P "
          "validates tokens with the old keys.", "S1, S3, S15",
          f"HTTP services work; XMPP {facts.MECH_OAUTHBEARER} is refused. Jabber refreshes "
          "(the refresh works: CUCM and Expressway-C know the keys) and is refused again, so "
          f"no {_REFRESH_FAILURE} line (S1 logs it for a failed refresh).",
          f"Compare {_SHOW_KEY} on CUCM and IM&P; restart {facts.SVC_XCP_AUTH} on all IM&P "
          "nodes.",
          lambda lab: act.regen(lab, expc=True, imp=False, unity=True),
          lambda lab: lab.imp.restart_service(str(facts.SVC_XCP_AUTH)), sign_in_and_use,
          lambda lab, o: failed("xmpp", facts.MECH_OAUTHBEARER)(lab, o) and not prt_has(
              lab, _REFRESH_FAILURE),
          signature="imp-unknown-kid"),
    Fault("unity-not-synced", "Unity Connection not synced after a key regeneration",
          "Unity Connection",
          f"CUCM keys changed; Unity Connection raised {facts.ALARM_KEY_ROTATION} and keeps the "
          f"old keys until {facts.ACTION_SYNC_KEYS}.", "S12",
          "Sign-in and XMPP work; voicemail is refused (401) and CiscoSyslog shows "
          f"{facts.ALARM_KEY_ROTATION}.", f"{facts.PAGE_AUTHZ_SERVERS} > "
          f"{facts.ACTION_SYNC_KEYS} on Unity Connection.",
          lambda lab: act.regen(lab, expc=True, imp=True, unity=False),
          lambda lab: lab.unity.sync_keys(), sign_in_and_use,
          lambda lab, o: failed("voicemail", "401")(lab, o) and facts.ALARM_KEY_ROTATION in
          lab.render_logs(host=lab.unity.host),
          signature="sig-36"),
    Fault("refresh-token-expired", "Refresh token expired", "Jabber / CUCM",
          f"The client stayed signed in past \"{facts.PARAM_REFRESH_EXPIRY}\" "
          f"(default {facts.PARAM_REFRESH_EXPIRY_DEFAULT}).", "S2, S1",
          "The next refresh fails (invalid_grant) and the user must sign in again; PRT shows "
          f"{_REFRESH_FAILURE}.", "The user signs in again (S2, S1). Raising "
          f"\"{facts.PARAM_REFRESH_EXPIRY}\" (1-{facts.PARAM_REFRESH_EXPIRY_MAX_90} days in S1 "
          f"for 12.0, 1-{facts.PARAM_REFRESH_EXPIRY_MAX_365} in the 12.5 guides) only lengthens "
          "refresh tokens issued afterwards: each token carries its own exp (S1) [U].",
          act.outlive_refresh_token,
          act.sign_in_again, keep_using, failed("refresh", "expired"),
          signature="refresh-token-past-lifetime"),
    Fault("refresh-token-revoked", "Refresh token revoked by an admin", "CUCM",
          f"An admin called {facts.SSOSP_REVOKE}?user_id=alice with AXL credentials.",
          "S2, S4, S1",
          "The access token keeps working until it expires (self-contained); then the refresh "
          "fails (invalid_grant, revoked) and the user must sign in again.",
          "The user signs in again.", act.revoke_over_http, act.sign_in_again,
          lambda lab: keep_using(lab, after_minutes=61), failed("refresh", "revoked"),
          signature="refresh-token-refused-in-lifetime"),
    Fault("ldap-user-deactivated", "LDAP user deactivated", "CUCM",
          "The user was removed from the directory; after the LDAP sync CUCM shows them "
          "inactive.", "S2",
          "CUCM refuses the user's token and the refresh (user no longer active).",
          "Restore the user in the directory, run the LDAP sync, sign in again.",
          act.deactivate, act.reactivate, keep_using, failed("refresh", "no longer active"),
          signature="user-refused-with-valid-token"),
    Fault("cucm-below-11-5-su3", "CUCM release below 11.5(1)SU3", "CUCM",
          "CUCM 11.5(1)SU2 has only the implicit grant (SSO only); OAuth with refresh does not "
          "exist, while Expressway offers it.", "S1, S2, S6",
          f"The login fails at {facts.AUTHORIZE_PROXY_REQUEST}: CUCM has no authorization code "
          "grant.",
          "Upgrade CUCM to 11.5(1)SU3/12.0 or later, enable refresh logins, Refresh servers.",
          lambda lab: None, act.upgrade, sign_in_and_use,
          failed(facts.EDGE_LOCAL_AUTH, "no authorization code grant"),
          lab_options=(("cucm_version", "11.5(1)SU2"),),
          signature="cucm-no-code-grant"),
    Fault("expressway-ntp", "Expressway-C clock not synchronised (NTP)", "Expressway-C",
          "Expressway-C's clock runs two hours ahead. S8 gives the symptom for Expressway "
          "not synchronised to NTP; how the wrong clock causes it is not documented: the lab's "
          "model is that every token then looks expired to Expressway-C [U].",
          "S8", f"403 Forbidden for every MRA service: the {facts.EDGE_TOKEN_REQUEST} request "
          "is refused after CUCM issued the tokens.", "Fix NTP on Expressway-C/E.",
          lambda lab: lab.expc.set_clock_offset(7200), lambda lab: lab.expc.sync_ntp(),
          sign_in_and_use, failed(facts.EDGE_TOKEN_REQUEST, "HTTP 403", "expiry"),
          signature="expc-fresh-token-expired"),
    Fault("check-internal-no-mixed", f"\"{facts.CHECK_INTERNAL}\" = {facts.NO} in a mixed "
          "rollout", "Expressway-C",
          f"A second cluster still runs 11.5(1)SU2. With the check at {facts.NO} every client "
          "is told to use OAuth with refresh, including users homed there. (The probe signs "
          "dave in and opens UDS; his cluster's IM&P and Unity are not part of the lab.)",
          "S6, S7",
          "Users of the old cluster fail after entering their password.",
          f"Set {facts.CHECK_INTERNAL} = {facts.YES}: Expressway-C asks the user's home cluster, "
          "and those users sign in with their credentials.",
          act.mixed_rollout, act.check_internal_yes,
          lambda lab: sign_in_and_use_no_xmpp(lab, "dave"),
          failed(facts.EDGE_LOCAL_AUTH, "no authorization code grant"),
          signature="home-cluster-no-code-grant"),
    Fault("intrusion-expired-tokens", "Intrusion protection blocks Jabber after expired tokens",
          "Expressway-E",
          "After a hibernate some Jabber modules send their expired access token again and "
          f"again; more than 5 \"{facts.INTRUSION_CATEGORY}\" events block the IP.",
          "S8, S11", "The client's IP is blocked for 10 minutes: even the refresh fails.",
          f"Raise the {facts.INTRUSION_CATEGORY} trigger level to 10 (or add an "
          "exemption) on Expressway-E, and unblock the address.",
          act.affected_jabber_build, act.raise_trigger,
          lambda lab: lab.client.resume_after_hibernate(hours=2),
          failed("network", "intrusion protection"),
          signature="edge-intrusion-block"),
    Fault("central-imp-unsynchronized", "Centralized IM&P cluster left unsynchronized", "IM&P",
          "IM&P runs as a central cluster; the telephony cluster's keys were regenerated and "
          "nothing was done on the central cluster, which keeps the telephony cluster's old "
          f"keys from its last {facts.BUTTON_SAVE_SYNC} (S15).", "S3, S15",
          f"XMPP {facts.MECH_OAUTHBEARER} is refused by the central IM&P (old keys), again "
          f"after a refresh that works, so no {_REFRESH_FAILURE} line.",
          "Repeat the key regeneration on the central cluster's Unified CM publisher (S3, "
          f"S15), {facts.MENU_CENTRALIZED} > {facts.BUTTON_SAVE_SYNC} on the central IM&P "
          f"publisher (lab model [U]), then restart {facts.SVC_XCP_AUTH} on all IM&P nodes.",
          act.central_imp, act.resync_central, sign_in_and_use,
          lambda lab, o: failed("xmpp", facts.MECH_OAUTHBEARER)(lab, o) and not prt_has(
              lab, _REFRESH_FAILURE),
          signature="central-imp-unknown-kid"),
)}
FAULTS.update({f.id: f for f in sip.FAULTS})
FAULTS.update({f.id: f for f in sso.FAULTS})
FAULTS.update({f.id: f for f in clusters.FAULTS})
