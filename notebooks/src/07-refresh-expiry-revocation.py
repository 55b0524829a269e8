# %% [markdown]
# # 07 · Refresh, expiry, revocation
#
# A signed-in Jabber lives for weeks on two tokens. Predict what happens to it when each token
# expires, after an admin revokes it, after a key regeneration, after a password change and
# after the user leaves the directory. Then run each case and check your prediction.
#
# **You will be able to...**
#
# - name CUCM's two token timers, their defaults and ranges, and say which release documents
#   which range;
# - spot the silent refresh in the traffic (on the edge's `access_token` request) and the
#   failed one in Jabber's PRT;
# - revoke a user's refresh tokens with CUCM's revoke API, and explain why the access token keeps
#   working until it expires;
# - tell which admin actions sign users out (key regeneration, LDAP removal) and which do not
#   (a password change);
# - recognise the intrusion-protection side effect of expired tokens after a hibernate.

# %% [markdown]
# ## Setup
#
# A seeded lab, OAuth with refresh enabled as the guides describe, and alice signed in over MRA.

# %%
import uclab
from uclab.core.clock import epoch_to_iso
from uclab.facts import PRT_REFRESH_FAILURE
from uclab.workbook.widgets import conceal_http, render_exchange

lab = uclab.Lab(seed=1)
lab.configure_oauth()
jabber = lab.client
print(jabber.sign_in())
print(jabber.tokens)


def show_rows(lab):
    """refreshtokendetails as S1's query shows it (validity converted to UTC)."""
    for row in lab.cucm.refresh_token_rows():
        print(f"{row['userid']:6} {row['state']:8} valid until {epoch_to_iso(row['validity'])}"
              f"  refreshtokenindex {row['refreshtokenindex'][:8]}…")


show_rows(lab)

# %% [markdown]
# ### Predict before you read on
#
# Jabber stays signed in and is used every day. After how many days must the user sign in again,
# with the defaults? (Section 1 shows the timers, section 3 runs the case.)

# %%
answer = None  # your prediction in days, e.g. 90

# %%
uclab.checks.check("07-days-until-sign-in", answer)

# %% [markdown]
# ## 1. Two timers
#
# Both timers are CUCM enterprise parameters under System > Enterprise Parameters (S23):
#
# - **"OAuth Access Token Expiry Timer (minutes)"**: range 1-1440, default **60**. It also applies
#   to the tokens of the old implicit flow (S1).
# - **"OAuth Refresh Token Expiry Timer (days)"**: default **60**. The range **differs by
#   source**: 1-365 in the 12.5 guides (S2, S9), 1-90 in TAC doc 212794 for 12.0 (S1). Which
#   release changed it is unknown. The lab applies 1-90 before 12.5 and 1-365 from 12.5 on; that
#   split is an inference [U].
#
# The section is called "SSO and OAuth Configuration" in the parameter table (S23, S15). Some
# procedures and the Jabber guide call it "SSO Configuration" (S2, S11).

# %%
print(lab.cucm.params.table())
print(uclab.facts.PARAM_REFRESH_EXPIRY.cite())

# %% [markdown]
# Each row in `refreshtokendetails` is one refresh token (S1). CUCM stores refresh tokens so that
# it can revoke them; access tokens are not stored. The admin reads the table with
# `run sql select pkid,refreshtokenindex,userid,clientid,dbinfo('utc_to_datetime',validity) as
# validity,state from refreshtokendetails` (S1). The column names are S1's. The `state` values
# you see here (`active`, `revoked`) are the lab's own [U]: no source gives the real ones.

# %%
print(uclab.facts.REFRESH_TABLE.cite())

# %% [markdown]
# ## 2. The silent refresh
#
# ### Predict
#
# After signing in, Jabber uses nothing for a while. It then uses UDS (its contact and device
# data, over MRA) **59 minutes** after the sign-in, and again **61 minutes** after it. Which use
# is the first one preceded by a silent refresh: the use at minute 59, the use at minute 61, or
# neither of them?

# %%
answer = None  # your prediction, e.g. "the use at minute 59" or "A"

# %%
uclab.checks.check("07-first-refresh-minute", answer)

# %% [markdown]
# Run it. At 59 minutes the access token is still valid, and the UDS request goes straight
# through (Jabber → Expressway-E → Expressway-C → CUCM):

# %%
lab.advance(minutes=59)
start = len(lab.exchanges)
print(jabber.use_service("uds"))
print("\n".join(lab.hops(start)))

# %% [markdown]
# Two minutes later the token has expired. Before calling UDS, Jabber trades its refresh token
# for a new access token. The user sees nothing (S2):

# %%
lab.advance(minutes=2)
start = len(lab.exchanges)
print(jabber.use_service("uds"))
print("\n".join(lab.hops(start)))

# %% [markdown]
# The first three hops are the refresh. It is the same edge `access_token` request as at
# sign-in, but the body now carries `grant_type=refresh_token` instead of an authorization code.
# Expressway-C relays it to CUCM. The request and the answer look like this (secrets concealed,
# as Expressway conceals them):

# %%
print(conceal_http(render_exchange(lab.exchanges[start])))

# %% [markdown]
# Points to notice:
#
# - The answer holds a new **access token only**; Jabber keeps its refresh token. Each request
#   returns a new access token, and an old one stays valid until it expires (S1). Only CUCM 15
#   renews refresh tokens, and only for Webex clients (section 8).
# - The request names come from the seed article, where they appear as field observations. The
#   CUCM path `/ssosp/oauth/token` is the lab's choice [U]; no source gives the code-grant token
#   path:

# %%
print(uclab.facts.SSOSP_TOKEN.cite())

# %% [markdown]
# ## 3. At 60 days: the refresh token runs out
#
# You predicted the number of days before section 1 showed the timers. The picture first.
# `simulate_usage` drives a fresh lab's Jabber twice a day for 61 days. Read the timeline from
# the top:
#
# - each use after the first hour is preceded by a silent refresh, so the access-token bars
#   tile the days;
# - one refresh-token bar runs for 60 days;
# - on day 60 the refresh fails, and the user signs in again (a re-login, with a new refresh
#   token).

# %%
usage_lab = uclab.Lab(seed=1)
usage_lab.configure_oauth()
events = uclab.usage.simulate_usage(usage_lab, days=61, uses_per_day=2)
print({kind: sum(e.kind == kind for e in events) for kind in uclab.usage.KINDS})
uclab.views.token_timeline(events, title="60 days of Jabber: 1 sign-in, silent refreshes, "
                                         "1 forced re-login")

# %%
for e in events:
    if e.kind in ("refresh-failed", "re-login"):
        print(f"day {e.day:6.2f}  {e.kind:15} {e.outcome[:110]}")

# %% [markdown]
# The same moment in our own lab. Jump past day 60 and use UDS:

# %%
lab.advance(days=60)
start, logs_start = len(lab.exchanges), len(lab.logs)
print(jabber.use_service("uds"))
print("\n".join(lab.hops(start)))
print(jabber.state, jabber.tokens)

# %% [markdown]
# CUCM refuses the expired refresh token with `invalid_grant` (RFC 6749 §5.2), Jabber clears its
# tokens, and the user must sign in again (S2, S1). Jabber's PRT records the failure with S1's
# line.
#
# ### Predict: which function logs it?
#
# Which function does Jabber's PRT (`csf-unified.log`) name when the refresh fails? The last part
# of the name is enough.

# %%
answer = None  # your prediction, e.g. "handleNormalNode"

# %%
uclab.checks.check("07-prt-refresh-failure", answer)

# %%
print(lab.render_logs(host=jabber.host).splitlines()[-1])
print(PRT_REFRESH_FAILURE.cite())

# %% [markdown]
# The lab writes this one S1 line for every failed refresh. Jabber's exact messages when a
# refresh token expires are not documented beyond it [U]. A reader comment under the seed
# article reports an APNs push on iOS saying that the token had expired; that is a field
# observation, not confirmed.
#
# Now sign in again. A new refresh token means a new row, valid for another 60 days:

# %%
print(jabber.sign_in())
show_rows(lab)

# %% [markdown]
# ### The daily 02:00 purge
#
# The expired row is still in the table. CUCM purges expired refresh tokens **daily at 02:00**
# (S1). The time cannot be changed in the GUI, and a large purge can spike the CPU. The lab does
# not run a scheduler; the purge runs when you call it, as the 02:00 job would:

# %%
print(uclab.facts.REFRESH_PURGE_TIME.cite())
print("rows purged:", lab.cucm.store.purge_expired(lab.now))
show_rows(lab)

# %% [markdown]
# ## 4. After an admin revokes
#
# There is **no GUI page** for revocation. The admin calls a REST API on the publisher, protected
# by AXL credentials (S2, S4, S1):
#
# ```
# curl -k -u "admin:password" https://<UCM publisher>:8443/ssosp/token/revoke?user_id=<end_user>
# ```
#
# Adding `&client_id=<id>` revokes the tokens of one client only. Use case: a departed employee
# must not get new access tokens.
#
# ### Predict
#
# 1. Right after the revoke, does the access token Jabber already holds still work?
# 2. 61 minutes later Jabber uses UDS again. At which stage does it fail: `get_edge_sso`,
#    `access_token`, `refresh`, `xmpp` or `uds`?

# %%
answer = None  # your prediction, "yes" or "no"

# %%
uclab.checks.check("07-access-after-revoke", answer)

# %%
answer = None  # your prediction, e.g. "uds"

# %%
uclab.checks.check("07-stage-after-revoke", answer)

# %% [markdown]
# Run it. The admin's own `requests` session calls the revoke API with the lab's AXL
# application user:

# %%
url = f"https://{lab.cucm.publisher.host}:8443{uclab.facts.SSOSP_REVOKE}?user_id=alice"
admin = lab.session("admin")
response = admin.get(url, auth=(uclab.AXL_USER, uclab.LAB_PASSWORD))
print(response.status_code, response.text)
show_rows(lab)

# %% [markdown]
# The call needs AXL credentials; alice's own credentials are refused. The JSON body above (and
# this error) are **the lab's [U]**: the real response body of the revoke API is not documented.

# %%
refused = admin.get(url, auth=("alice", uclab.LAB_PASSWORD))
print(refused.status_code, refused.text)

# %% [markdown]
# Now Jabber. Its access token is **self-contained**: it is signed and encrypted, and every
# resource server validates it with its own copy of the keys, without asking CUCM. So it keeps
# working until it expires (S2, S1). No source says whether IM&P, Expressway or Unity Connection
# check revocation earlier [U]; the lab's servers do not.

# %%
print(jabber.use_service("uds"))
lab.advance(minutes=61)
start = len(lab.exchanges)
print(jabber.use_service("uds"))
print("\n".join(lab.hops(start)))
print(lab.render_logs(host=jabber.host).splitlines()[-1])

# %% [markdown]
# Once the access token has expired, the refresh fails (`invalid_grant`, revoked) and Jabber logs
# `handleRefreshTokenFailure`.
#
# Note what a revoke does **not** do. It touches the refresh tokens that exist, so a user with a
# valid password can simply sign in again. The sources give the purpose (a departed employee gets
# no new access tokens) but do not say whether a new sign-in is refused; the lab lets it
# through [U].

# %%
print(jabber.sign_in())

# %% [markdown]
# To keep a departed employee out, also disable the account. Section 7 shows what happens when
# the user leaves the directory.
#
# ## 5. After a key regeneration: everyone out
#
# `set key regen authz signing` (or `… encryption`) on the publisher replaces a key. Every access
# and refresh token in circulation becomes invalid, so **every user must sign in again**. Cisco
# advises doing it only after a compromise, and off-hours (S2, S3, S1).
#
# ### Predict
#
# The admin regenerates the signing key, then does the follow-up work on every product: Refresh
# servers on Expressway-C, a restart of the Cisco XCP Authentication Service on IM&P, and Sync
# Keys on Unity Connection. Does the signed-in Jabber keep working without a new sign-in?

# %%
answer = None  # your prediction, "yes" or "no"

# %%
uclab.checks.check("07-regen-keeps-working", answer)

# %% [markdown]
# Run it with two signed-in users, alice and bob. The CLI asks for confirmation first.
# `show key authz signing` prints a checksum, never the key (S5); the output format is the
# lab's [U].

# %%
bob = lab.jabber("bob")
print(bob.sign_in())
pub = lab.cucm.publisher
print(pub.cli("show key authz signing"))
print(pub.cli("set key regen authz signing"))
print(pub.cli("set key regen authz signing", confirm=True))

# %% [markdown]
# The sources disagree on the follow-up. One says restart the Cisco XCP Authentication Service
# on all IM&P nodes (S3, S15); one says restart Cisco CallManager on all nodes (S2); TAC says
# regenerate on all nodes and restart Cisco Tomcat (S1). Refresh servers on Expressway-C and Sync
# Keys on Unity Connection are needed as well (S2, S3, S12, S6), and with a centralized IM&P the
# regeneration is repeated on the central cluster's Unified CM publisher (S3, S15). The lab
# models the Expressway, IM&P and Unity steps:

# %%
print([s.status for s in lab.expc.refresh_servers()])
print(lab.imp.restart_service("Cisco XCP Authentication Service"))
print([r.last_sync_status for r in lab.unity.sync_keys()])

# %%
start = len(lab.exchanges)
print("alice:", jabber.use_service("uds"))
print("\n".join(lab.hops(start)))
print("bob:  ", bob.use_service("uds"))

# %% [markdown]
# Expressway-C refuses the access token (its `kid` names a key no node holds any more). Jabber
# tries to refresh, and CUCM refuses the refresh token for the same reason. Both users are out.
# In the lab every refresh-token row is marked `revoked` at the regeneration; how the real table
# records it is not documented [U].

# %%
show_rows(lab)

# %% [markdown]
# ### Predict: and a fresh sign-in?
#
# After that regeneration, with every node updated, does a fresh sign-in work?

# %%
answer = None  # your prediction, "yes" or "no"

# %%
uclab.checks.check("07-regen-new-sign-in", answer)

# %% [markdown]
# Run it:

# %%
print("alice, new sign-in:", jabber.sign_in())
print("bob, new sign-in:  ", bob.sign_in())

# %% [markdown]
# ## 6. After a password change
#
# ### Predict
#
# alice's password is changed in the directory while her Jabber is signed in. 61 minutes later
# the access token has expired and Jabber uses UDS. Does it keep working without a new sign-in?

# %%
answer = None  # your prediction, "yes" or "no"

# %%
uclab.checks.check("07-password-change", answer)

# %% [markdown]
# When shown a token, CUCM checks the signature, decrypts the token, checks that the user is
# **active**, and checks roles, access control groups and rank (S2). The password is not part of
# it. Surviving a password change is one of the benefits of OAuth the seed article lists.

# %%
lab.cucm.users.set_password("alice", "An0ther-Passw0rd!")
lab.advance(minutes=61)
start = len(lab.exchanges)
print(jabber.use_service("uds"))
print("\n".join(lab.hops(start)[:3]))

# %% [markdown]
# The refresh worked with the old session. The new password is needed only at the next full
# sign-in:

# %%
print("old password:", lab.jabber("alice").sign_in(xmpp=False))
print("new password:", lab.jabber("alice", password="An0ther-Passw0rd!").sign_in(xmpp=False))

# %% [markdown]
# ## 7. After an LDAP user is removed
#
# ### Predict
#
# alice is removed from the LDAP directory and CUCM's LDAP sync runs. Right afterwards her
# Jabber, whose access token has **not** expired, opens UDS on CUCM. Does it still work?

# %%
answer = None  # your prediction, "yes" or "no"

# %%
uclab.checks.check("07-ldap-removed", answer)

# %% [markdown]
# CUCM notices the removal only at the next sync. Before the sync alice is still active, and her
# Jabber still works:

# %%
lab.cucm.users.remove_from_ldap("alice")
print("active before the sync:", lab.cucm.users.is_active("alice"))
print(jabber.use_service("uds"))
print("sync made inactive:", lab.cucm.users.ldap_sync())
print("active after the sync: ", lab.cucm.users.is_active("alice"))

# %%
start = len(lab.exchanges)
print(jabber.use_service("uds"))
print("\n".join(lab.hops(start)))

# %% [markdown]
# CUCM refuses the unexpired access token at UDS (`401`), because the user is not active (S2's
# third check). Jabber tries to refresh, and CUCM refuses that too: "user 'alice' is no longer
# active". Compare with the revoke, which touched only the refresh tokens.
#
# The check order above is CUCM's (S2). What the other resource servers (IM&P, Unity Connection)
# check about the user is not documented [U].
#
# ## 8. A note on CUCM 15: refresh tokens that renew themselves (Webex only)
#
# Up to here a refresh token never changes. After 60 days (by default) the user signs in again.
# CUCM 15 adds **refresh-token renewal for Webex clients only** (S3, chunk 241). When the client
# renews its access token and the refresh token has passed **50 % of its lifetime**, CUCM issues
# a new refresh token. The feature must be enabled on CUCM and in the Webex client. Expressway
# X15.0 lists "Webex Unified CM Calling Support Auto-extend Refresh Token" in its change history
# (S32). The name of the CUCM setting, and its default, were not found [U]. Jabber does not get
# this feature, and the lab (CUCM 14.0(1)SU3) does not model it.
#
# ## 9. Break it: intrusion protection after a hibernate
#
# A known problem (S8, S11). After a hibernate, a network recovery or a sign-in hours later,
# some Jabber modules send their **expired** access token to Expressway-E, which rightly
# rejects it. Expressway-E's Automated Intrusion Protection counts each rejection in the
# category "HTTP proxy authorization failure". **More than 5** such failures block the client's
# IP for **10 minutes**, and then even the refresh cannot get through. Cisco's workaround is to
# raise the trigger level from 5 to 10, or to add an exemption.
#
# The fault `intrusion-expired-tokens` models an affected Jabber build that sends its expired
# token 6 times after waking up. The detection window of 60 seconds is the lab's choice [U].

# %%
fault = uclab.faults.get("intrusion-expired-tokens")
print(fault.symptom)
print("Fix:", fault.fix)
hib = fault.build(1)
start = len(hib.exchanges)
print(fault.probe(hib))          # the laptop sleeps 2 hours, wakes up, Jabber reconnects
print("\n".join(hib.hops(start)))

# %% [markdown]
# Six times Jabber sends its expired token, and six times the answer is 403 (S8 says
# Expressway-E rejects such requests; the status code is the lab's [U]). The last line is
# the refresh: Expressway-E no longer accepts the connection. Expressway-E's log shows the block
# (the event text is the lab's [U]; the category is S8's):

# %%
print("\n".join(ln for ln in hib.render_logs(host=hib.edge.host).splitlines() if "Blocked" in ln))
print(uclab.facts.INTRUSION_CATEGORY.cite())

# %% [markdown]
# The block lasts 10 minutes. After that, the next use refreshes normally:

# %%
hib.advance(minutes=10)
print(hib.client.use_service("uds"))

# %% [markdown]
# The fix prevents it from happening again: raise the trigger level to 10 (and unblock the
# address if it is blocked right now). The next hibernate's six failures stay under the trigger:

# %%
fault.repair(hib)
print("trigger level:", hib.edge.intrusion.trigger_level)
print(fault.probe(hib))

# %% [markdown]
# ## Interview questions
#
# <details>
# <summary>What are the default lifetimes of CUCM's access and refresh tokens, and what happens
# at each expiry?</summary>
#
# The access token lasts 60 minutes ("OAuth Access Token Expiry Timer (minutes)", 1-1440). Jabber
# then uses the refresh token to get a new one silently. The refresh token lasts 60 days ("OAuth
# Refresh Token Expiry Timer (days)"); then the refresh fails and the user must sign in again. The
# refresh timer's range is 1-365 in the 12.5 guides and 1-90 in TAC's 12.0 document.
# </details>
#
# <details>
# <summary>How do you revoke a user's OAuth tokens on CUCM? Is the user out immediately?</summary>
#
# With the REST API on the publisher, using AXL credentials:
# `https://<pub>:8443/ssosp/token/revoke?user_id=<user>` (add `&client_id=` for one client). There
# is no GUI page. It revokes refresh tokens only. Access tokens are self-contained and keep working
# until they expire (up to 60 minutes by default). To keep a departed user out, also deactivate the
# account.
# </details>
#
# <details>
# <summary>Why does a password change not log Jabber out, and what does?</summary>
#
# When CUCM is shown a token it checks the signature, decrypts it, checks that the user is active,
# and checks roles; the password is not involved. Users are logged out by: the refresh token
# expiring, a revoke (once the access token expires), a key regeneration (at once, for everyone),
# or the user becoming inactive, for example removed from LDAP and synced.
# </details>
#
# <details>
# <summary>You regenerated the AuthZ signing key. What else must you do?</summary>
#
# Expect every user to sign in again. Then Refresh servers on Expressway-C (it needs the new
# keys), Sync Keys on Unity Connection (it raises EvtAuthzKeyRotation), restart the Cisco XCP
# Authentication Service on IM&P nodes, and repeat on a centralized IM&P cluster. TAC and the
# 12.5 guide also name Cisco Tomcat and Cisco CallManager restarts; the sources disagree.
# </details>
#
# <details>
# <summary>Remote Jabber users get blocked for 10 minutes after their laptops wake up. Why?
# </summary>
#
# Some Jabber modules resend their expired access token after a hibernate. Expressway-E rejects
# each one and counts it as an "HTTP proxy authorization failure". More than 5 trip Automated
# Intrusion Protection, which blocks the IP for 10 minutes. Raise the trigger level to 10 or add an
# exemption (S8, S11).
# </details>

# %% [markdown]
# ## Summary
#
# - Access token: 60 minutes by default (1-1440). Refresh token: 60 days by default, range 1-90
#   (S1, 12.0) or 1-365 (S2, S9, 12.5 guides).
# - At expiry of the access token, Jabber refreshes silently: an edge `access_token` request with
#   `grant_type=refresh_token`, relayed by Expressway-C to CUCM. It gets a new access token; the
#   refresh token stays the same.
# - When the refresh token has expired or was revoked, or the keys changed, the refresh fails
#   (`invalid_grant`), PRT shows `handleRefreshTokenFailure` (S1), and the user signs in again.
#   CUCM purges expired rows daily at 02:00 (S1).
# - Revoke (`/ssosp/token/revoke?user_id=…`, AXL credentials) kills refresh tokens only. Access
#   tokens are self-contained and work until they expire. A revoke does not stop a new sign-in.
# - A key regeneration signs everyone out. Then refresh Expressway-C, restart XCP Auth on IM&P
#   (the sources disagree on which restarts), and Sync Keys on Unity Connection.
# - A password change does not touch tokens. An LDAP user removed (after the sync) is inactive,
#   and CUCM refuses their tokens.
# - CUCM 15 can renew refresh tokens at 50 % of their lifetime, for Webex clients only (S3).
# - Expired tokens after a hibernate can trip Expressway-E's intrusion protection (>5 failures,
#   10-minute block); raise the trigger to 10 (S8, S11).
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys)
# - [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz)
# - [security](10-interview-preparation.ipynb#topic-security)
