"""The catalogue: every fault of :mod:`uclab.faults` with its source, symptom and fix."""

from __future__ import annotations

from uclab.faults import actions as act
from uclab.faults.model import Fault
from uclab.faults.probes import (
    failed,
    keep_using,
    prt_has,
    sign_in_and_use,
    sign_in_and_use_no_xmpp,
)
from uclab.sim.imp import SVC_XCP_AUTH

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
          act.stuck_oauth_local, lambda lab: lab.expc.restart(), sign_in_and_use,
          lambda lab, o: failed("xmpp", "CISCO-VTG-TOKEN")(lab, o) and prt_has(
              lab, "doesn't offer any SASL authentication mechanism")),
    Fault("refresh-flow-mismatch", "CUCM refresh flow Disabled, Expressway refresh On",
          "CUCM / Expressway-C",
          "\"OAuth with Refresh Login Flow\" is Disabled on CUCM (its default) while Expressway's "
          "\"Authorize by OAuth token with refresh\" is On (its default): an untouched pair is "
          "mismatched.", "S9, S6", "get_edge_sso offers token reuse, but CUCM refuses the code "
          "grant at authorize_proxy: the login fails after the user enters the password.",
          "Enable OAuth with Refresh Login Flow on CUCM, then Refresh servers on Expressway-C.",
          act.mismatch, act.enable_and_refresh, sign_in_and_use,
          failed("localauthentication", "Disabled")),
    Fault("expc-not-refreshed", "Expressway-C not refreshed after enabling OAuth",
          "Expressway-C",
          "Unified CM servers were last refreshed before OAuth with refresh was turned on, so "
          "Expressway-C holds no AuthZ keys.", "S6, S7, S2",
          "CUCM issues the tokens, but Expressway-C cannot validate them: the access_token "
          "request fails (\"holds no AuthZ keys\").",
          "Unified CM servers > Refresh servers on Expressway-C.",
          act.refreshed_before_oauth, lambda lab: lab.expc.refresh_servers(), sign_in_and_use,
          failed("access_token", "holds no AuthZ keys")),
    Fault("keys-regen-expc-stale", "Keys regenerated on CUCM, Expressway-C not refreshed",
          "Expressway-C",
          "set key regen authz signing ran on the publisher; IM&P and Unity were handled, "
          "Expressway-C still holds the old keys.", "S2, S3, S6",
          "Everyone is signed out (expected after a regen); new logins fail at the access_token "
          "request because Expressway-C does not know the new kid.",
          "Unified CM servers > Refresh servers on Expressway-C.",
          lambda lab: act.regen(lab, expc=False, imp=True, unity=True),
          lambda lab: lab.expc.refresh_servers(), sign_in_and_use,
          failed("access_token", "unknown kid")),
    Fault("imp-stale-keys", "IM&P running with a stale key copy", "IM&P",
          "After a key regeneration the Cisco XCP Authentication Service was not restarted, so "
          "IM&P validates tokens with the old keys.", "S1, S3, S15",
          "HTTP services work; XMPP OAUTHBEARER is refused, Jabber refreshes, is refused again "
          "and logs handleRefreshTokenFailure.",
          "Compare show key authz on CUCM and IM&P; restart Cisco XCP Authentication Service on "
          "all IM&P nodes.",
          lambda lab: act.regen(lab, expc=True, imp=False, unity=True),
          lambda lab: lab.imp.restart_service(str(SVC_XCP_AUTH)), sign_in_and_use,
          lambda lab, o: failed("xmpp", "OAUTHBEARER")(lab, o) and prt_has(
              lab, "handleRefreshTokenFailure")),
    Fault("unity-not-synced", "Unity Connection not synced after a key regeneration",
          "Unity Connection",
          "CUCM keys changed; Unity Connection raised EvtAuthzKeyRotation and keeps the old keys "
          "until Sync Keys.", "S12",
          "Sign-in and XMPP work; voicemail is refused (401) and CiscoSyslog shows "
          "EvtAuthzKeyRotation.", "System Settings > Authz Servers > Sync Keys on Unity "
          "Connection.", lambda lab: act.regen(lab, expc=True, imp=True, unity=False),
          lambda lab: lab.unity.sync_keys(), sign_in_and_use,
          lambda lab, o: failed("voicemail", "401")(lab, o) and "EvtAuthzKeyRotation" in
          lab.render_logs(host=lab.unity.host)),
    Fault("refresh-token-expired", "Refresh token expired", "Jabber / CUCM",
          "The client stayed signed in past \"OAuth Refresh Token Expiry Timer (days)\" "
          "(default 60).", "S2, S1",
          "The next refresh fails (invalid_grant) and the user must sign in again; PRT shows "
          "handleRefreshTokenFailure.", "The user signs in again (or the admin raises the "
          "refresh token timer, within its range).",
          act.outlive_refresh_token,
          act.sign_in_again, keep_using, failed("refresh", "expired")),
    Fault("refresh-token-revoked", "Refresh token revoked by an admin", "CUCM",
          "An admin called /ssosp/token/revoke?user_id=alice with AXL credentials.",
          "S2, S4, S1",
          "The access token keeps working until it expires (self-contained); then the refresh "
          "fails (invalid_grant, revoked) and the user must sign in again.",
          "The user signs in again.", act.revoke_over_http, act.sign_in_again,
          lambda lab: keep_using(lab, after_minutes=61), failed("refresh", "revoked")),
    Fault("ldap-user-deactivated", "LDAP user deactivated", "CUCM",
          "The user was removed from the directory; after the LDAP sync CUCM shows them "
          "inactive.", "S2",
          "CUCM refuses the user's token and the refresh (user no longer active).",
          "Restore the user in the directory, run the LDAP sync, sign in again.",
          act.deactivate, act.reactivate, keep_using, failed("refresh", "no longer active")),
    Fault("cucm-below-11-5-su3", "CUCM release below 11.5(1)SU3", "CUCM",
          "CUCM 11.5(1)SU2 has only the implicit grant (SSO only); OAuth with refresh does not "
          "exist, while Expressway offers it.", "S1, S2, S6",
          "The login fails at authorize_proxy: CUCM has no authorization code grant.",
          "Upgrade CUCM to 11.5(1)SU3/12.0 or later, enable refresh logins, Refresh servers.",
          lambda lab: None, act.upgrade, sign_in_and_use,
          failed("localauthentication", "no authorization code grant"),
          lab_options=(("cucm_version", "11.5(1)SU2"),)),
    Fault("expressway-ntp", "Expressway-C clock not synchronised (NTP)", "Expressway-C",
          "Expressway-C's clock runs two hours ahead, so every token looks expired to it.",
          "S8", "403 Forbidden for every MRA service: the access_token request is refused "
          "after CUCM issued the tokens.", "Fix NTP on Expressway-C/E.",
          lambda lab: lab.expc.set_clock_offset(7200), lambda lab: lab.expc.sync_ntp(),
          sign_in_and_use, failed("access_token", "HTTP 403", "expiry")),
    Fault("check-internal-no-mixed", "\"Check for internal authentication availability\" = No "
          "in a mixed rollout", "Expressway-C",
          "A second cluster still runs 11.5(1)SU2. With the check at No every client is told "
          "to use OAuth with refresh, including users homed there. (The probe signs dave in "
          "and opens UDS; his cluster's IM&P and Unity are not part of the lab.)", "S6, S7",
          "Users of the old cluster fail after entering their password.",
          "Set Check for internal authentication availability = Yes: Expressway-C asks the "
          "user's home cluster, and those users sign in with their credentials.",
          act.mixed_rollout, act.check_internal_yes,
          lambda lab: sign_in_and_use_no_xmpp(lab, "dave"),
          failed("localauthentication", "no authorization code grant")),
    Fault("intrusion-expired-tokens", "Intrusion protection blocks Jabber after expired tokens",
          "Expressway-E",
          "After a hibernate some Jabber modules send their expired access token again and "
          "again; more than 5 \"HTTP proxy authorization failure\" events block the IP.",
          "S8, S11", "The client's IP is blocked for 10 minutes: even the refresh fails.",
          "Raise the HTTP proxy authorization failure trigger level to 10 (or add an "
          "exemption) on Expressway-E, and unblock the address.",
          act.affected_jabber_build, act.raise_trigger,
          lambda lab: lab.client.resume_after_hibernate(hours=2),
          failed("network", "intrusion protection")),
    Fault("central-imp-unsynchronized", "Centralized IM&P cluster left unsynchronized", "IM&P",
          "IM&P runs as a central cluster; CUCM keys were regenerated and Save and Synchronize "
          "was not repeated on the central cluster.", "S15",
          "XMPP OAUTHBEARER is refused by the central IM&P (old keys); Jabber logs "
          "handleRefreshTokenFailure.", "System > Centralized Deployment > Save and "
          "Synchronize on the central IM&P publisher, then restart Cisco XCP Authentication "
          "Service.", act.central_imp, act.resync_central, sign_in_and_use,
          lambda lab, o: failed("xmpp", "OAUTHBEARER")(lab, o) and prt_has(
              lab, "handleRefreshTokenFailure")),
)}
