# %% [markdown]
# # 00 · Welcome and lab tour
#
# Start a simulated Cisco UC deployment with one line, sign Jabber in over Mobile and Remote
# Access (MRA), and learn to find your way around the workbook: the map, the hop list, the
# logs, the widgets and the exercises.
#
# **You will be able to...**
#
# - start a seeded lab and turn OAuth with refresh on, knowing which admin step does what;
# - name every box of the deployment and say which network zone it sits in;
# - read the deployment map, including the AuthZ key checksums each node holds;
# - read a sign-in as a hop list, as a ladder diagram and as a product log;
# - use the widgets (fault panel) and answer the exercises with `uclab.checks`.

# %% [markdown]
# ## What uclab is, and what it is not
#
# uclab is a **simulation**. Everything runs inside this notebook's Python kernel: there are no
# real servers, no virtual machines, no open ports and no Cisco software. CUCM, Expressway-E,
# Expressway-C, IM and Presence (IM&P), Unity Connection and Jabber are small Python models.
# They pass real HTTP requests to each other (through the `requests` library, routed in
# memory) and they issue and check real tokens with real keys (RSA signatures and AES
# encryption through jwcrypto and cryptography).
#
# A lab made with a **seed**, `uclab.Lab(seed=1)`, reproduces itself byte for byte: the same
# ids, authorization codes, keys, tokens, timestamps, log lines and traces on every run. That
# is why this notebook can show you its outputs, and why your numbers match the text.
#
# What uclab is **not**: a product emulator. It models the OAuth and MRA sign-in parts, and
# nothing else (no calls, no media, no provisioning). Its product facts (setting names,
# defaults, URL paths, log lines) come from a fact sheet with sources **S1…S36** (Cisco
# guides, TAC documents and a few third-party sources). Each fact carries a label: **[C]** means
# a source says it directly, **[U]** means it is uncertain: inferred, third-party, or a choice
# the lab had to make where no source exists. Many details of the MRA sign-in are known only
# from one Cisco Community article, the *seed article* ("Overview: What is OAuth", Ayodeji
# Okanlawon). The workbook calls those **field observations**.

# %% [markdown]
# ## Setup
#
# One line starts a deployment. Its `repr` tells you the seed, the CUCM release, the lab's
# clock (virtual time: nothing ever sleeps) and how many exchanges it has recorded so far.

# %%
import uclab

lab = uclab.Lab(seed=1)
lab

# %% [markdown]
# ## 1. The deployment
#
# | zone | box | lab host | what it does here |
# |---|---|---|---|
# | Internet | **Jabber** (alice's laptop) | `jabber-alice` | the client, signing in over MRA |
# | Internet | **public DNS** | `dns.example.net` | answers SRV lookups from outside |
# | DMZ | **Expressway-E** | `expe` | the edge on port 8443; passes requests on |
# | inside | **Expressway-C** | `expc` | relays the sign-in, checks tokens, proxies |
# | inside | **CUCM** publisher, subscriber | `cucm-pub`, `cucm-sub1` | AuthZ service, UDS |
# | inside | **IM&P** | `imp-pub` | instant messaging and presence (XMPP) |
# | inside | **Unity Connection** | `cuc-pub` | voicemail |
# | inside | **a lab IdP** | `idp` | a tiny SAML identity provider, **off** by default |
#
# Every inside host name ends in `.example.com` (`expe.example.com`, `cucm-pub.example.com`, …);
# the short names are how the hop lists and the ladder name them.
#
# The lab's users are `alice` and `bob` (synced from LDAP) and `carol` (a local CUCM user). They
# all share one lab password, printed here on purpose: it is not a secret of any real system.
# SAML SSO is off, so CUCM checks the password itself (S1, S6, S11 say refresh-token logins
# work with or without SSO).

# %%
print("CUCM nodes:  ", [node.host for node in lab.cucm.nodes])
print("edge:        ", lab.edge.host, "->", lab.expc.host)
print("IM&P, Unity: ", lab.imp.host, lab.unity.host)
print("SAML IdP on CUCM:", lab.cucm.idp)
print("lab password:", uclab.LAB_PASSWORD)

# %% [markdown]
# ## 2. Turn OAuth with refresh on
#
# A new lab is deployed the way a fresh install looks: MRA is on, the CUCM publisher is added
# to Expressway-C, but OAuth with refresh is not set up yet. `configure_oauth()` performs the
# admin steps the guides give, in order, and returns them as text:

# %%
steps = lab.configure_oauth()
print("\n".join(steps))

# %% [markdown]
# What each step is, and where it comes from:
#
# 1. **CUCM**, System > Enterprise Parameters: "OAuth with Refresh Login Flow" = Enabled. Its
#    default is **Disabled** (S23, S2, S1). The section's name differs between documents:
#    "SSO and OAuth Configuration" in the parameter table and the IM&P guide (S23, S15), plain
#    "SSO Configuration" in some procedures and the Jabber guide (S2, S11). Which release
#    renamed it is not known.
# 2. **Expressway-C**, MRA Access Control: "Authorize by OAuth token with refresh" = On. On
#    Expressway it is **On** by default (S6), so an untouched CUCM and Expressway disagree; the
#    CUCM guides warn about exactly this mismatch (S9). The lab also sets "Authorize by user
#    credentials" = On, as in the seed article's deployment (`LegacyCred: On`, a field
#    observation), so that clients without OAuth can still sign in.
# 3. **Expressway-C**, Unified CM servers > **Refresh servers**. This is how Expressway-C
#    fetches the keys it needs to check CUCM's tokens; it is required after turning OAuth with
#    refresh on (S6, S7, S2).
# 4. **Expressway-C**, IM and Presence Service nodes > Refresh servers (S6).
# 5. **Unity Connection**: the same enterprise parameter, Enabled (off by default), then the CUCM
#    publisher under System Settings > **Authz Servers** > Add New, which fetches the keys
#    (S13, S12). The account must be the CUCM system administrator according to the admin
#    guide (S13), or an account with AXL access according to TAC (S1); the lab uses an AXL
#    account.
#
# IM&P nodes of the same cluster need no step: CUCM copies its keys to them automatically (S2,
# S3). The names above come from `uclab.facts`, where each product string lives once, with its
# source and label:

# %%
print(uclab.facts.PARAM_SECTION.cite())
print(uclab.facts.PARAM_REFRESH_FLOW.cite())
print(uclab.facts.OAUTH_REFRESH.cite())
print(uclab.facts.REFRESH_SERVERS.cite())

# %% [markdown]
# ## 3. How exercises work
#
# Throughout the workbook you first **predict**, then **run**. Each exercise is a question in
# the text, a cell where you set `answer`, and a cell that checks it with
# `uclab.checks.check(exercise_id, answer)`. The check never executes what you type: it compares
# your answer as data and answers "Correct!" with an explanation, or "Not yet." with a hint.
# The saved notebook shows the "Not yet" reply to `answer = None`; replace `None` with your
# prediction and run the two cells again. Then a cell runs the lab and shows the truth.
#
# Every answer key is proven by a *probe* that computes the answer from a fresh seeded lab (the
# test suite runs them all), so the key cannot drift from what the simulation does. The
# exercises of this notebook:

# %%
for exercise in uclab.checks.exercises("00"):
    print(exercise, end="\n\n")

# %% [markdown]
# ## 4. The deployment map
#
# ### Predict: which boxes hold no keys?
#
# Tokens are signed and encrypted with the CUCM cluster's AuthZ keys, and every node that
# checks a token needs its own copy of those keys. Which boxes of this deployment hold **no**
# AuthZ keys at all? Pick from Jabber, Expressway-E, Expressway-C, CUCM subscriber, IM&P,
# Unity Connection (a list).

# %%
answer = None  # your prediction, e.g. ["Jabber", "IM&P"]

# %%
uclab.checks.check("00-keyless-nodes", answer)

# %% [markdown]
# Now draw the map. It runs left (Internet) to right (inside). Each square is one node, or one
# key copy when a node holds several: the lab's IM&P keeps one in its database and one in the
# running XCP Authentication Service, its model of why that service must be restarted after a
# key regeneration (S3, S15). The card beside it shows the first 8 hex characters of the
# **signing** and **encryption** key checksums, as `show key authz signing|encryption` prints
# them (S5, S1). Green means the copy matches its CUCM publisher, red means stale or missing
# (hover over it for the fix), grey means the node holds no keys. Solid lines are the MRA path
# into Expressway-C; dotted lines show where each key copy comes from.

# %%
uclab.views.deployment_map(lab)

# %% [markdown]
# Grey: **Jabber**, which holds tokens but no keys, and **Expressway-E**, which only relays to
# Expressway-C. With self-describing tokens, Expressway-C checks the token itself, so
# Expressway-E needs no authentication settings at all (S6). Every other box shows the same two
# checksums as the publisher. Here is the publisher's CLI, and IM&P's, which must agree:

# %%
for command in (uclab.facts.CLI_SHOW_SIGNING, uclab.facts.CLI_SHOW_ENCRYPTION):
    print("cucm-pub>", command, "\n ", lab.cucm.publisher.cli(str(command)))
    print("imp-pub> ", command, "\n ", lab.imp.cli(str(command)))

# %% [markdown]
# The commands print a checksum, never the key (S5, S1). The exact output format is not
# published, so the lab's wording is its own choice:

# %%
print(uclab.facts.CLI_CHECKSUM_FORMAT.cite())

# %% [markdown]
# Comparing these checksums on every CUCM and IM&P node is the first troubleshooting step
# for failed OAuth logins (S1); the map is that step as a picture. Notebook 03 is about keys.

# %% [markdown]
# ## 5. A first sign-in
#
# ### Predict: where does Jabber go first?
#
# `lab.client` is alice's Jabber, outside the network. When it signs in, which server does it
# contact **first**? (public DNS, Expressway-E, Expressway-C, CUCM publisher, IM&P)

# %%
answer = None  # your prediction, e.g. "Expressway-E"

# %%
uclab.checks.check("00-first-contact", answer)

# %% [markdown]
# And which SRV record leads it to Expressway-E? (`_cisco-uds._tcp`, `_collab-edge._tls`,
# `_cuplogin._tcp`, `_xmpp-client._tcp`)

# %%
answer = None  # your prediction, e.g. "_cisco-uds._tcp"

# %%
uclab.checks.check("00-edge-srv", answer)

# %% [markdown]
# Ask the DNS. From the Internet, Jabber finds the edge with DNS: the **public** DNS answers
# the SRV record `_collab-edge._tls.<domain>` with Expressway-E on port 8443. The inside
# record, `_cisco-uds._tcp.<domain>`, points to CUCM, and only the inside DNS has it (S17,
# S33, S8).

# %%
print(uclab.facts.SRV_COLLAB_EDGE.cite())
print(lab.public_dns.lookup(f"{uclab.facts.SRV_COLLAB_EDGE}.example.com"))
print(lab.public_dns.lookup(f"{uclab.facts.SRV_CISCO_UDS}.example.com"))
print(lab.dns.lookup(f"{uclab.facts.SRV_CISCO_UDS}.example.com"))

# %% [markdown]
# Now sign in. The outcome names the last stage reached: `xmpp` with SASL OAUTHBEARER means
# the whole sign-in worked, instant messaging included. A *stage* is the lab's name for a step
# of the sign-in, taken from the request Jabber sends (`get_edge_sso`, `authorize`,
# `access_token`, `get_edge_config`) or the service it opens (`xmpp`, `uds`, `voicemail`). The
# order partly follows the guides (S6, S7, S17, S18); the full sequence is shown only in the seed
# article (field observation). No product prints a "stage", and the outcome's reason text is
# the lab's wording [U]: on a real system you find the step in the logs.

# %%
outcome = lab.client.sign_in()
print(outcome)

# %% [markdown]
# `lab.hops()` lists every exchange the lab recorded, one line each: sender -> receiver,
# request line, status. The first two are Jabber's DNS lookups. Outside, the public DNS has
# no `_cisco-uds._tcp` record (NXDOMAIN), so Jabber knows it is not inside; the
# `_collab-edge._tls` answer names Expressway-E.

# %%
print("\n".join(lab.hops()[:2]))
print(lab.exchanges[1].response.text)

# %% [markdown]
# ### Predict: how much of the sign-in reaches CUCM?
#
# CUCM issues the tokens. How many of this sign-in's exchanges are received by a CUCM node
# (publisher or subscriber)? Give a number.

# %%
answer = None  # your prediction, e.g. 5

# %%
uclab.checks.check("00-cucm-exchanges", answer)

# %% [markdown]
# The whole sign-in, hop by hop (numbered from 1):

# %%
for number, hop in enumerate(lab.hops(), start=1):
    print(f"{number:>2}  {hop}")

# %% [markdown]
# How to read it, in groups of hops:
#
# - **1-2** DNS SRV lookups (S17, S33).
# - **3-4** `get_edge_sso`: Jabber asks the edge how it may authenticate this user (S6, S7).
#   The answer says token reuse is on (seed article, field observation).
# - **5-6** `authorize`: the login page, shown in Jabber's embedded browser.
# - **7-10** `localauthentication`: the user's name and password go to the edge; Expressway-C
#   looks up the user's home cluster in UDS, then calls CUCM's **authorize_proxy**, which
#   returns an authorization code; the client gets it as a redirect to `/OAuthcb#code=…`
#   (seed article, field observation).
# - **11** `/OAuthcb` is answered by Expressway-E itself.
# - **12-14** `access_token`: the code is exchanged for an access token and a refresh token;
#   Expressway-C relays the request to CUCM and checks the token it gets back.
# - **15-16** `get_edge_config`, now with `Authorization: Bearer` and the access token.
# - **17-22** XMPP to IM&P, through both Expressways, signing in with the token (SASL
#   OAUTHBEARER; which mechanism Jabber uses with OAuth is not documented by Cisco, so this is
#   the lab's choice [U], see notebook 06).
#
# The whole sequence with its requests is documented only in the seed article (a field
# observation); the `/ssosp/...` paths on CUCM are the lab's choices where no source gives them
# ([U]). In the list, three hops reach `cucm-pub`, and Expressway-C sends all three; Jabber
# never talks to CUCM directly from the Internet. The lab's own count:

# %%
uclab.checks.true_answer("00-cucm-exchanges")

# %% [markdown]
# The same sign-in as a **ladder diagram**: one lane per participant, time going down. Hover
# over an arrow for its request, the decoded edge prefix and its timing. (`ZXhhbXBsZS5jb20` in
# the edge URLs is base64url of `example.com`, the MRA URL form, S18.)

# %%
uclab.views.ladder(lab.exchanges, title="Jabber signs in over MRA (seed 1)")

# %% [markdown]
# ## 6. A glance at one product log
#
# Each node also writes log lines in its product's dialect. Here are the first lines Expressway-C
# wrote during the sign-in: `traffic_server` lines with `Module="network.http.trafficserver"`
# (a module name seen in Cisco's own examples, S17, S18) for the request it received from
# Expressway-E, and its answer.

# %%
expc_log = lab.render_logs(host="expc.example.com")
print("\n".join(expc_log.splitlines()[:12]))

# %% [markdown]
# Secrets are **concealed by default**, as in the Expressway traces of the seed article
# (`<CONCEALED>`): in the `localauthentication` request body below, the password reads
# `<CONCEALED>`. Tokens, codes and
# `Authorization` headers are concealed the same way. `render_logs(..., reveal=True)` shows
# them, for the lab only; never paste a real revealed log anywhere.

# %%
print("\n".join(expc_log.splitlines()[20:27]))

# %% [markdown]
# `render_logs` also filters by dialect, for example `dialect="edgeconfigprovisioning"` for
# Expressway-C's calls to CUCM or `dialect="csf-unified"` for Jabber's PRT log. Notebook 05
# replays the sign-in hop by hop with every log line.

# %% [markdown]
# ## 7. The widgets (and a first "break it")
#
# Widgets are small panels with buttons and drop-downs. In JupyterLab you click them; in this
# notebook, cells call the same methods, so the saved notebook shows what a click does. Every
# widget builder **returns** its panel; the last expression of a cell displays it. The
# **fault panel** lists every fault of `uclab.faults` (real misconfigurations with a source and
# a real fix):

# %%
panel = uclab.widgets.fault_panel(seed=1)
panel

# %% [markdown]
# Pick the fault "Expressway-C not refreshed after enabling OAuth" and run the login (the same
# as choosing it in the drop-down and clicking **Run login**):

# %%
panel.select("expc-not-refreshed")
print(panel.fault.symptom)
print(panel.run())

# %% [markdown]
# CUCM issued the tokens, but Expressway-C holds no keys to check them, so the
# `access_token` request ends in 403 (the lab's status code [U]). The panel built its lab with
# the same seed: draw its map and find the red copy.

# %%
uclab.views.deployment_map(panel.lab)

# %% [markdown]
# Now apply the fix (the **Apply the fix** button): Refresh servers on Expressway-C, the real
# admin action (S6, S7, S2). The panel signs a fresh Jabber in again on the repaired lab.

# %%
print(panel.fault.fix)
print(panel.fix())

# %% [markdown]
# Other widgets come later: the **replay player** (step through a recorded trace hop by hop,
# notebook 05), the **token inspector** (decode and check a token, notebook 02) and the
# **release selector** (which grant flow a CUCM, Jabber and Expressway release combination
# uses, notebook 04).

# %% [markdown]
# ## 8. The map of the workbook
#
# | # | notebook | afterwards you can… |
# |---|---|---|
# | 00 | welcome and lab tour | start the lab, read the deployment map, use the widgets |
# | 01 | OAuth roles | map RFC 6749's four roles onto Jabber, CUCM, IM&P, Unity, Expressway |
# | 02 | tokens | decode an access token (signed outer, encrypted inner) and a refresh token |
# | 03 | keys | explain signing vs encryption keys, `show key authz`, regeneration |
# | 04 | grant flows by release | tell implicit from code-with-refresh, by release |
# | 05 | the MRA login, step by step | replay get_edge_sso … get_edge_config, hop by hop |
# | 06 | XMPP SASL case study | reproduce and fix the seed article's case |
# | 07 | refresh, expiry, revocation | predict each expiry, a revoke, a key regeneration |
# | 08 | troubleshooting lab | diagnose any fault from symptoms and logs; mock interview |
# | 09 | bring your own logs | analyse your own Expressway and Jabber logs, redacted |
# | 10 | interview prep | answer the question bank with explanations |
# | 11 | beyond | SIP OAuth, several Expressway clusters, other IdPs, O365/SfB |
#
# Notebook **11 comes later**; it is not part of the workbook yet. Every notebook ends with its
# summary and a link to its topics' questions in notebook 10.

# %% [markdown]
# ## Interview questions
#
# <details>
# <summary><b>How does Jabber know it is outside, and how does it find the edge?</b></summary>
#
# It looks up DNS SRV records. Inside, `_cisco-uds._tcp.<domain>` points to CUCM (UDS). Outside,
# that record does not resolve and `_collab-edge._tls.<domain>` points to Expressway-E on port
# 8443, so Jabber uses MRA (S17, S33, S8).
# </details>
#
# <details>
# <summary><b>Which servers must you touch to turn on OAuth with refresh for MRA?</b></summary>
#
# CUCM: the enterprise parameter "OAuth with Refresh Login Flow" = Enabled (default Disabled).
# Expressway-C: "Authorize by OAuth token with refresh" in MRA Access Control (default On),
# then Refresh servers so it fetches the keys. Unity Connection: the same parameter, and the
# CUCM publisher under Authz Servers. IM&P nodes of the cluster get the keys automatically
# (S9, S6, S13, S2).
# </details>
#
# <details>
# <summary><b>Does Jabber ever talk to CUCM directly over MRA?</b></summary>
#
# No. Everything goes Jabber → Expressway-E → Expressway-C, and Expressway-C talks to CUCM: it
# looks up the user's home cluster, relays the login (authorize_proxy) and the token request,
# and proxies UDS with the token. The request names come from the seed article's traces (field
# observation).
# </details>
#
# <details>
# <summary><b>Why would you compare <code>show key authz</code> output across nodes?</b></summary>
#
# Every node that checks tokens needs the same signing and encryption keys as the CUCM
# publisher that issued them. Different checksums on any CUCM or IM&P node are a known cause of
# failed OAuth logins; comparing them is TAC's first troubleshooting step (S1, S5).
# </details>

# %% [markdown]
# ## Summary
#
# - `uclab.Lab(seed=1)` is a whole deployment in your kernel: Jabber outside, public DNS,
#   Expressway-E in the DMZ, Expressway-C, CUCM publisher and subscriber, IM&P and Unity
#   Connection inside, and a lab IdP. Same seed, same bytes.
# - `lab.configure_oauth()` runs the documented admin steps: enable "OAuth with Refresh Login
#   Flow" on CUCM (default Disabled), check "Authorize by OAuth token with refresh" on
#   Expressway-C (default On), Refresh servers, and set up Unity Connection's Authz Servers.
# - Jabber finds the edge with the public SRV record `_collab-edge._tls`; it never reaches CUCM
#   itself: Expressway-C does, three times per sign-in.
# - The deployment map shows every key copy; only Jabber and Expressway-E hold none.
# - `lab.hops()`, `uclab.views.ladder(...)` and `lab.render_logs(...)` show the same sign-in
#   three ways; secrets are concealed unless you ask.
# - Widgets return panels you can click or drive from cells; exercises are checked with
#   `uclab.checks.check(...)`.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [MRA](10-interview-preparation.ipynb#topic-mra)
# - [OAuth fundamentals](10-interview-preparation.ipynb#topic-oauth-fundamentals)
