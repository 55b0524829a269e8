# %% [markdown]
# # 03 · Keys: two keys, many copies, one command that signs everyone out
#
# **Promise:** by the end you can say which AuthZ key does what, where each copy of it lives,
# how to check them all with `show key authz`, and what `set key regen authz signing` breaks and
# how each product is repaired afterwards.
#
# **You will be able to…**
#
# 1. tell the signing key (an RSA pair) from the encryption key (symmetric) and say what each does;
# 2. explain why the keys are created on the publisher only and where their copies go;
# 3. compare `show key authz signing|encryption` across nodes, the first troubleshooting step;
# 4. explain why Expressway-C, IM&P and Unity Connection each hold their **own** copy;
# 5. predict the blast radius of a key regeneration and apply the fix each product needs;
# 6. say what the sources leave open: the CLI output format, the kid/checksum link, the restarts
#    after a regen, and any automatic rotation.
#
# **Sources** (keys of the project's fact sheet): S1 TAC doc 212794, S2 CUCM 12.5(1) System
# Configuration Guide, S3 CUCM Security Guide 15, S5 the CLI Reference Guide, S6/S7 Expressway
# MRA Deployment Guides, S12/S13 Unity Connection guides, S15 IM&P centralized deployment guide.
# **[U]** marks what is uncertain or is the lab's own choice.

# %% [markdown]
# ## Setup
#
# A seeded lab with OAuth with refresh turned on everywhere, and alice signed in over MRA.

# %%
import uclab
from uclab import facts
from uclab.facts import SVC_XCP_AUTH

lab = uclab.Lab(seed=1)
for step in lab.configure_oauth():
    print(step)
print(lab.client.sign_in())

# %% [markdown]
# ## 1. Two keys, one owner
#
# CUCM's AuthZ service keeps a **key set** of two keys (S1, S2, S3):
#
# | key | kind | what it does to a token (notebook 02) |
# |---|---|---|
# | **signing key** | an RSA key **pair** | private half signs the outer JWS, public half verifies |
# | **encryption key** | one **symmetric** secret | encrypts and decrypts the inner JWE |
#
# Both are created **on the publisher only**, and the publisher copies them to every node of its
# cluster, local IM&P nodes included (S1, S2, S3). The publisher's key set in the lab:

# %%
keys = lab.cucm.publisher.keys
keys

# %% [markdown]
# The lab uses a 2048-bit RSA key and a 256-bit encryption key. The 256 bits are not a choice:
# A128CBC-HS256 needs exactly that (128 bits for the HMAC, 128 for AES, RFC 7518 §5.2.3). The
# RSA size of real CUCM's AUTHZ key is not in the sources; 2048 is the lab's value [U].
#
# A node that validates tokens needs the public half of the signing key **and** the symmetric
# key. Anyone holding the symmetric key can also *create* inner tokens, so every copy matters
# for security. What exactly a copy contains is not documented.

# %% [markdown]
# ## 2. `show key authz`: compare the checksums everywhere
#
# `show key authz signing` and `show key authz encryption` print a **checksum of the key, never
# the key** (S5). They need privilege level 4, are refused during an upgrade, and exist on CUCM
# and IM&P. When OAuth logins fail, the first step is to run both on every CUCM and IM&P node and
# compare (S1; the seed article says the same).

# %%
for node in lab.cucm.nodes:
    print(f"{node.host} ({node.role})")
    print("  ", node.cli(facts.CLI_SHOW_SIGNING))
    print("  ", node.cli(facts.CLI_SHOW_ENCRYPTION))
print(f"{lab.imp.host} (IM&P)")
print("  ", lab.imp.cli(facts.CLI_SHOW_SIGNING))
print("  ", lab.imp.cli(facts.CLI_SHOW_ENCRYPTION))

# %% [markdown]
# All nodes agree, and the two checksums always differ from each other (S5). Two warnings:
#
# - **The output format above is the lab's [U].** Cisco does not publish what these commands
#   print (fact sheet 6.5). The CLI guide even calls both values the "signing key checksum",
#   which looks like a slip for the encryption one.
# - **The kid link is an inference [U].** In notebook 02 the token's `kid` was
#   `<uuid>:<64 hex>`. In the lab that hex *is* the signing checksum, by construction; for real
#   CUCM, no document says so.

# %%
print(facts.CLI_CHECKSUM_FORMAT.cite())
kid = uclab.widgets.b64url_json(lab.client.tokens.access_token.split(".")[0], "header")["kid"]
print("kid suffix == signing checksum (lab):", kid.split(":")[1] == keys.signing_checksum)
print(facts.KID_FORMAT.cite())

# %% [markdown]
# ## 3. Copies outside the cluster
#
# Tokens are self-contained, so **every product that validates them must hold the keys**. Besides
# the CUCM nodes, these products hold copies, and each gets its copy differently:
#
# | product | how it gets its copy | source |
# |---|---|---|
# | **Expressway-C** | Unified CM servers > **Refresh servers** | S6, S7, S2 |
# | **IM&P** (same cluster) | automatic; restart XCP Authentication after a regen | S2, S3, S15 |
# | **IM&P central cluster** | **Save and Synchronize**; regen again on its CUCM pub | S15, S3 |
# | **Unity Connection** | System Settings > **Authz Servers** (Add New, **Sync Keys**) | S13, S12 |
#
# (The Expressway-C page is Configuration > Unified Communications > Unified CM servers; the IM&P
# service is Cisco XCP Authentication Service; the IM&P page is System > Centralized Deployment.
# After a regeneration, S3 and S15 say to repeat it on the central cluster's Unified CM
# publisher.)
#
# **Why Expressway-C needs its own copy.** With self-describing tokens ("Authorize by OAuth token
# with refresh"), Expressway-C checks each token itself instead of asking CUCM. It does no
# password or certificate check; the token is the proof (S6). Checking the token means verifying
# and decrypting it, which takes the keys, and "Refresh servers" is the action that fetches them
# (S6). Expressway-E never needs the authentication settings (S6); in the lab it holds no keys
# and only relays to Expressway-C. How Expressway-C and Unity Connection fetch the keys is not
# documented: the seed article says "a REST API", and AXL is likely [U].

# %%
for row in lab.expc.server_table():
    print(row)
print(lab.unity.authz_servers[0].display_name, "-", lab.unity.authz_servers[0].last_sync_status)
print(lab.imp.key_report())

# %% [markdown]
# The **deployment map** is "compare `show key authz` everywhere" as a picture. Each key copy has
# a card with the first 8 hex characters of its signing and encryption checksums. A copy that
# matches its CUCM publisher is green, a stale or missing one red, and a node that holds no keys
# grey. Hover a card for the full checksums and the fix. Dotted lines show where each copy comes
# from.

# %%
uclab.views.deployment_map(lab)

# %% [markdown]
# ## 4. Regenerate the signing key
#
# ### Exercise 1: predict the stale copies
#
# An admin runs `set key regen authz signing` on the publisher and does nothing else. Which key
# copies are now **stale** (differ from the publisher's)? Pick all that apply.
#
# - A. the CUCM subscriber
# - B. IM&P (its running Cisco XCP Authentication Service)
# - C. Expressway-C
# - D. Unity Connection

# %%
answer = None  # your prediction, a list, e.g. ["A", "C"] or ["Expressway-C"]

# %%
uclab.checks.check("03-stale-after-regen", answer)

# %% [markdown]
# `set key regen authz signing` and `set key regen authz encryption` run **on the publisher**
# and ask you to confirm with `yes` (S5). Elsewhere they are refused:

# %%
for node in (lab.cucm.subscribers[0], lab.imp):
    try:
        node.cli(facts.CLI_REGEN_SIGNING)
    except uclab.ConfigError as exc:
        print("refused:", exc)

# %% [markdown]
# On the publisher the command first asks. The lab's `confirm=True` stands for typing `yes`:

# %%
print(lab.cucm.publisher.cli(facts.CLI_REGEN_SIGNING))

# %%
print(lab.cucm.publisher.cli(facts.CLI_REGEN_SIGNING, confirm=True))

# %% [markdown]
# The signing key can also be regenerated in the GUI: Cisco Unified OS Administration > Security
# > Certificate Management > the **AUTHZ** certificate > Regenerate. The encryption key can only
# be regenerated from the CLI (S2, S3, S1). Cisco advises regenerating only after a compromise,
# and out of hours (S2, S3, S1), for the reason the next cells show.
#
# ### The blast radius: every token, every user
#
# A regeneration makes **all current access and refresh tokens invalid**, and every user must
# sign in again (S2, S3, S1). Alice's Jabber finds out at its next request. UDS on CUCM no longer
# knows the `kid` of her access token. Jabber tries its refresh token, and CUCM refuses that too.

# %%
start = len(lab.exchanges)
print(lab.client.use_service("uds"))
print("\n".join(lab.hops(start)))
print(lab.client.prt().splitlines()[-1])

# %% [markdown]
# UDS answered 401, Jabber tried its refresh token at the `access_token` request, CUCM refused
# it (`invalid_grant`), and Jabber logged the `handleRefreshTokenFailure` line that S1 shows.
# (The request name `access_token` comes from the seed article; the CUCM path `/ssosp/oauth/token`
# is the lab's, because no source gives the real one [U].) CUCM's `refreshtokendetails` table
# agrees:

# %%
for row in lab.cucm.refresh_token_rows():
    print(row["userid"], row["state"])

# %% [markdown]
# Her refresh token is now unusable (the `revoked` value is the lab's [U]), so she must sign in
# again with her password. Bob, who was not signed in, tries a fresh MRA login:

# %%
print(lab.jabber("bob").sign_in())

# %% [markdown]
# CUCM issued Bob's tokens with the new key, but **Expressway-C** refused them at the
# `access_token` request: its copy is the old one, so it does not know the new `kid`. The map
# shows every stale copy in red:

# %%
after_regen = uclab.views.deployment_map(lab)
print("stale:", after_regen.layout.meta["stale"])
after_regen

# %% [markdown]
# This is the answer to exercise 1. The **subscriber** got the new keys from the publisher. The
# other three still hold the old ones:
#
# - **Expressway-C** keeps its copy until someone presses Refresh servers (S6, S2).
# - **Unity Connection** keeps its copy until Sync Keys, and raises an alert (S12).
# - **IM&P**: the keys reach the node automatically (S2, S3), yet the guides say to restart Cisco
#   XCP Authentication Service on all IM&P nodes afterwards (S3, S15). The lab models that
#   instruction with two copies [U]. The database copy, which the lab's `show key authz` on IM&P
#   reads, follows at once. The running service keeps validating with the old keys until its
#   restart. So on IM&P the CLI can agree with CUCM while XMPP logins still fail:

# %%
print(lab.imp.cli(facts.CLI_SHOW_SIGNING))
print(lab.imp.key_report())

# %% [markdown]
# Unity Connection notices the change and writes **EvtAuthzKeyRotation** to CiscoSyslog
# (`/var/log/active/syslog/CiscoSyslog`). Jabber's voicemail login then fails until an admin
# presses Sync Keys (S12). The alarm name and the file are from S12. The line's layout, severity,
# application name and text are the lab's rendering [U].

# %%
print(lab.render_logs(host=lab.unity.host, dialect="ciscosyslog"))
print(facts.ALARM_KEY_ROTATION.cite())
print(facts.CISCOLOG_FORMAT.cite())

# %% [markdown]
# ## 5. Repair each product
#
# ### Exercise 2: the one action for Expressway-C
#
# Suppose IM&P was restarted and Unity Connection synced, but new MRA logins still fail at the
# `access_token` request. Which **single** action fixes it?
#
# - A. Unified CM servers > Refresh servers on Expressway-C
# - B. Restart Cisco XCP Authentication Service on IM&P
# - C. Authz Servers > Sync Keys on Unity Connection
# - D. Run set key regen authz signing again on the publisher

# %%
answer = None  # your prediction, e.g. "A"

# %%
uclab.checks.check("03-fix-expc", answer)

# %% [markdown]
# Ten minutes later, the admin works through the list, one product at a time. First
# **Expressway-C**: Refresh servers fetches the keys again.

# %%
print(lab.advance(minutes=10))
lab.expc.refresh_servers()
for row in lab.expc.server_table():
    print(row["Unified CM"], "|", row["Status"], "| keys", row["Keys"])

# %% [markdown]
# Then **IM&P**: restart Cisco XCP Authentication Service on every IM&P node (S3, S15). The lab
# has one IM&P node. With a centralized IM&P cluster, also repeat the key regeneration on the
# central cluster's Unified CM publisher (S3, S15); the lab's central cluster also needs Save and
# Synchronize to fetch the telephony keys again (its model of S15 [U]; fault
# `central-imp-unsynchronized`).

# %%
print(lab.imp.restart_service(str(SVC_XCP_AUTH)))
print(lab.imp.key_report())

# %% [markdown]
# Then **Unity Connection**: System Settings > Authz Servers > **Sync Keys** (S12, S13). The
# `LastSyncStatus` field (S14) takes the new date.

# %%
for result in lab.unity.sync_keys():
    print(result)

# %% [markdown]
# Every copy matches again:

# %%
repaired = uclab.views.deployment_map(lab)
print("stale:", repaired.layout.meta["stale"])
repaired

# %% [markdown]
# Users still have to sign in again, because the regeneration killed their tokens, not the
# repair. Alice signs in again, then opens voicemail (Unity Connection):

# %%
print(lab.client.sign_in())
print(lab.client.use_service("voicemail"))

# %% [markdown]
# ### What about restarting services on CUCM? The sources disagree
#
# The documents do not agree on what to restart after a regeneration (fact sheet 6.17):
#
# | instruction | source |
# |---|---|
# | restart **Cisco XCP Authentication Service** on all IM&P nodes | S3, S15 |
# | restart **Cisco CallManager** on all nodes | S2 (12.5 System Configuration Guide) |
# | run the regen, then restart **Cisco Tomcat** on all nodes | S1 (TAC 212794) |
# | Refresh servers on Expressway-C; Sync Keys on Unity Connection | S6, S2, S3, S12 |
#
# Which CUCM restart is really needed is **not settled [U]**. The lab models only the
# documented per-product actions above. Its CUCM nodes use the new keys without any restart.
# On a real system, read the guide for your release, and plan for all the restarts it names in
# the same maintenance window as the regeneration.

# %% [markdown]
# ## 6. The encryption key, and why there is no grace period
#
# `set key regen authz encryption` has the same blast radius. A second lab shows which check
# fails. The signature still verifies, but the inner JWE's `kid` names an encryption key that
# no node holds any more:

# %%
lab2 = uclab.Lab(seed=1)
lab2.configure_oauth()
lab2.client.sign_in()
old_token = lab2.client.tokens.access_token
print(lab2.cucm.publisher.cli(facts.CLI_REGEN_ENCRYPTION, confirm=True))
print(lab2.cucm.validate(old_token).report())

# %% [markdown]
# Refresh tokens are not encrypted, so an encryption regen does not break them
# cryptographically. The sources still say that every token becomes invalid (S2, S3, S1), and
# the lab follows them: the stored refresh tokens are revoked too.

# %%
print(lab2.client.use_service("uds"))

# %% [markdown]
# **No rotation, no overlap [U].** No source describes automatic key rotation, or a period in
# which old and new keys are both accepted (fact sheet 6.6). Regeneration appears to be manual
# only, and the old key stops working at once. Many other OAuth servers publish several keys at
# once (a JWKS) so that tokens signed with the old key stay valid for a while. Nothing like that
# is documented for CUCM, so the lab does not model it. This is why a regen signs everyone out.

# %% [markdown]
# ## 7. Break it
#
# Each half-finished repair is a fault of its own in the lab's registry. The fault panel
# builds a seeded lab in that state, runs a fresh MRA login (then UDS and voicemail), and applies
# the real fix.
#
# ### Exercise 3: where does IM&P bite?
#
# After a signing-key regeneration, Expressway-C was refreshed and Unity Connection synced, but
# nobody restarted Cisco XCP Authentication Service. A user signs in again over MRA, then opens
# UDS and voicemail. At which stage does it stop?
#
# - A. access_token · B. get_edge_config · C. xmpp · D. uds · E. voicemail

# %%
answer = None  # your prediction, e.g. "uds"

# %%
uclab.checks.check("03-imp-stage", answer)

# %% [markdown]
# First the panel, with the Expressway-C case. Pick a fault in its list and press *Run login*,
# then *Apply the fix*; or drive it from code:

# %%
panel = uclab.widgets.fault_panel(seed=1)
panel

# %%
panel.select("keys-regen-expc-stale")
print(panel.run())
print("stale:", uclab.views.deployment_map(panel.lab).layout.meta["stale"])

# %%
print(panel.fix())

# %% [markdown]
# The ladder of the last run: after the fix, the login goes all the way to XMPP, UDS and
# voicemail.

# %%
panel.figure

# %% [markdown]
# The IM&P and Unity Connection cases, each proven the same way (symptom, fix, symptom gone). The
# first one answers exercise 3:

# %%
for fault_id in ("imp-stale-keys", "unity-not-synced"):
    result = uclab.faults.check(fault_id)
    print(f"{fault_id}: {result.fault.title}")
    print("   before the fix:", result.before)
    print("   the fix       :", result.fault.fix)
    print("   after the fix :", result.after)

# %% [markdown]
# Note how each stale copy fails at a different stage: Expressway-C at `access_token`, IM&P at
# `xmpp`, Unity Connection at `voicemail`. The stage where a login stops tells you which copy to
# check. (The stages are the lab's names for the login's steps; on a real system the step shows
# in the PRT and the server logs, and which request fails for each stale copy is the lab's model
# of the guides [U].)

# %% [markdown]
# ## Interview questions
#
# <details>
# <summary>Click to show model answers</summary>
#
# **"What keys does CUCM use for OAuth, and where do they live?"**
# Two: an RSA signing key pair, which signs the token (anyone with the public half can verify
# it), and a symmetric encryption key, which encrypts the claims inside. The publisher creates
# both and copies them to every CUCM and IM&P node of its cluster. Expressway-C, Unity
# Connection and central IM&P clusters fetch their own copies.
#
# **"Jabber users can't log in and the PRT shows handleRefreshTokenFailure. What do you check
# first?"**
# Run `show key authz signing` and `show key authz encryption` on every CUCM and IM&P node and
# compare the checksums (S1). Then look at the copies outside the cluster: Refresh servers on
# Expressway-C, Sync Keys on Unity Connection, restart Cisco XCP Authentication Service on IM&P.
#
# **"What happens when you regenerate the AuthZ signing key?"**
# Every access and refresh token becomes invalid, so every user must sign in again. Do it only
# after a compromise, out of hours. Then refresh the Unified CM servers on Expressway-C, Sync
# Keys on Unity Connection, restart Cisco XCP Authentication Service on all IM&P nodes (and, with
# a central IM&P cluster, repeat the regeneration on its Unified CM publisher, S3, S15). Check
# your release's guide for CUCM service restarts, because the documents disagree (Tomcat,
# CallManager).
#
# **"Why does Expressway-C need the keys at all? Isn't CUCM the authorization server?"**
# With self-describing tokens Expressway-C validates each token itself, so it must verify the
# signature and decrypt the token. It gets the keys when you press Refresh servers on the
# Unified CM servers page. Expressway-C does the check, not Expressway-E (S6).
#
# **"Does CUCM rotate the keys automatically?"**
# No source documents automatic rotation or an overlap period. Regeneration is a manual admin
# action (CLI, or the AUTHZ certificate page for the signing key), and the old key stops working
# at once.
#
# </details>

# %% [markdown]
# ## Summary
#
# - The **signing key** is an RSA pair that signs and verifies the outer JWS. The **encryption
#   key** is symmetric and encrypts and decrypts the inner JWE. Both are created on the
#   **publisher only** and copied to the cluster's nodes (S1, S2, S3).
# - `show key authz signing|encryption` prints a **checksum**, not the key (S5). Comparing both
#   on every CUCM and IM&P node is the first troubleshooting step (S1). The output format, and
#   the kid suffix being that checksum, are **[U]**.
# - Expressway-C validates self-describing tokens **itself**, so it needs its own copy: **Refresh
#   servers** (S6). Unity Connection: **Sync Keys**, and it raises **EvtAuthzKeyRotation** when
#   the keys change (S12). IM&P: restart **Cisco XCP Authentication Service** (S3, S15); a
#   central cluster: repeat the regeneration on its Unified CM publisher (S3, S15); its keys
#   come through **Save and Synchronize** (S15).
# - `set key regen authz signing|encryption` (publisher only, asks `yes`) **invalidates every
#   access and refresh token**: everyone signs in again (S2, S3, S1). Stale copies then fail at
#   different stages: `access_token`, `xmpp`, `voicemail`.
# - The sources **disagree** on CUCM restarts after a regen: Tomcat (S1), CallManager (S2), XCP
#   Authentication on IM&P (S3, S15). No automatic rotation or overlap is documented **[U]**.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys)
# - [troubleshooting](10-interview-preparation.ipynb#topic-troubleshooting)
