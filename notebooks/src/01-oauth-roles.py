# %% [markdown]
# # 01 · OAuth roles
#
# OAuth 2.0 (RFC 6749) splits a sign-in between four roles. Put a name from the UC deployment
# on each of them, then find every one of them in a real hop list: Jabber's MRA sign-in, and a
# generic third-party app that uses CUCM as its authorization server.
#
# **You will be able to...**
#
# - define RFC 6749's four roles (resource owner, client, authorization server, resource
#   server) and the user agent, in one sentence each;
# - map them onto the UC deployment: the user; Jabber or any other client; CUCM's AuthZ
#   service; CUCM UDS, IM&P and Unity Connection;
# - explain Expressway-C's two jobs: it relays the login to CUCM, and it checks tokens itself
#   with its own copy of the keys;
# - say what "delegation without sharing the password" means, and where it holds in UC;
# - run the authorization code grant with a third-party client against the lab, and point at
#   each role in the hop list.
#
# **About the sources.** The roles come from RFC 6749 §1.1. The UC facts carry the fact sheet's
# keys (S1, S2, ...). The MRA request names (`authorize_proxy`, `OAuthvalidator`,
# `localauthentication`, `/OAuthcb`) are known only from the seed article's traces: they are
# **field observations**. Paths the sources do not give are the lab's own choices, labelled
# **[U]**.

# %% [markdown]
# ## Setup
#
# A seeded lab with OAuth with refresh turned on as in notebook 00. `uclab.trace.roles` reads the
# RFC 6749 roles off a recorded run, using only what is on the wire (more on that below);
# `uclab.testing` has two small helpers a client needs (read the hidden fields of a login form,
# read the parameters of a redirect).

# %%
import uclab
from uclab import testing
from uclab.trace import roles

lab = uclab.Lab(seed=1)
steps = lab.configure_oauth()
lab

# %% [markdown]
# ## 1. Four roles, and a user agent
#
# RFC 6749 (§1.1) names four roles:
#
# - **Resource owner**: whoever can grant access to a protected resource. When it is a person,
#   the RFC calls them the end user.
# - **Resource server**: the server that hosts the protected resources and answers requests
#   that carry an access token.
# - **Client**: the application that requests protected resources on the resource owner's
#   behalf, with their authorization. "Client" says nothing about where it runs: a desktop app,
#   a phone app and a server can all be clients.
# - **Authorization server**: the server that authenticates the resource owner, gets their
#   authorization, and issues access tokens to the client.
#
# The RFC also needs a **user agent**: usually a web browser, through which the resource owner
# talks to the authorization server (it signs in there, not in the client).
#
# In the UC deployment (lab names in `code`):
#
# - **Resource owner**: the end user, `alice`.
# - **Client**: **Jabber** (`jabber-alice`, S1, S2), and the Webex app in on-premises mode (S9, S3);
#   also third-party clients: CUCM's "Redirect URIs for Third Party SSO Client" parameter
#   serves clients of the implicit grant (S23, S24), and the lab lets you register a
#   code-grant client (section 5; a lab action [U]).
# - **Authorization server**: **CUCM's AuthZ service** (`cucm-pub`), the `ssosp` web
#   application under Cisco Tomcat on port 8443. It checks the user's password itself (local
#   and LDAP users) or relies on the IdP with SAML SSO (S1, S6, S11), and it issues, signs
#   (RS256) and encrypts the tokens (S1, S2).
# - **Resource servers**: **CUCM** itself for UDS (`cucm-pub`), **IM&P** for XMPP (`imp-pub`)
#   and **Unity Connection** for voicemail through its REST interface under `/vmrest/`
#   (`cuc-pub`), each checking tokens with its own copy of the keys (S2, S3, S12, S13).
#   **Expressway-C** (`expc`) checks the tokens too, at the edge (S6).
# - **User agent**: the browser the user signs in with: Jabber's embedded browser (on iOS an
#   embedded web view by default, S23, S11, S6), or a system browser (`alice-browser`).
#
# Three remarks before you run anything:
#
# - **No separate "AuthZ" service.** No service list shows a "Cisco AuthZ" service. The AuthZ
#   service answers on Tomcat's port 8443 and logs to Tomcat's `ssosp` directory (S1, S2), so
#   the lab models it as part of Cisco Tomcat [U].
# - **Keys are cluster-wide.** The publisher creates the signing and encryption keys and copies
#   them to every CUCM and IM&P node of its cluster, so any node can check a token (S1, S2, S3).
#   Unity Connection fetches its copy under Authz Servers (S13, S12), Expressway-C with Refresh
#   servers (S6).
# - **The seed article's labels differ.** It lists Jabber as the "user agent", the application
#   that needs access on your behalf. In RFC 6749 terms that application is the **client**; the
#   user agent is the browser inside it. The article names CUCM both as a resource server and,
#   as "Unified CM OAuth server", as the server that issues, encrypts and signs the tokens,
#   which matches the list above.

# %% [markdown]
# ## 2. The roles in Jabber's MRA sign-in
#
# ### Predict
#
# Jabber signs in over MRA, then opens its contact data (UDS) and voicemail. Which role does
# **Unity Connection** play? (resource owner, client, authorization server, resource server,
# user agent)

# %%
answer = None  # your prediction, e.g. "authorization server"

# %%
uclab.checks.check("01-unity-role", answer)

# %% [markdown]
# And which node **issues and signs** the access and refresh tokens? (Jabber, Expressway-E,
# Expressway-C, CUCM publisher, IM&P, Unity Connection)

# %%
answer = None  # your prediction, e.g. "Expressway-C"

# %%
uclab.checks.check("01-token-issuer", answer)

# %% [markdown]
# Run it:

# %%
print(lab.client.sign_in())
print(lab.client.use_service("uds"))
print(lab.client.use_service("voicemail"))

# %% [markdown]
# `roles.annotate` prints the hop list with the role each end played in that hop. It reads
# only the wire, never product names:
#
# - a **token request** is a form POST with `grant_type`; an **authorization** hop is one whose
#   answer carries an authorization code; a **resource request** carries
#   `Authorization: Bearer` (RFC 6750) or an XMPP `<auth mechanism='OAUTHBEARER'>` (RFC 7628);
# - a receiver that passes the request on while answering it (or whose MRA URL names an
#   inside server, S18) is a **relay**, not an RFC role; the innermost receiver is the
#   **authorization server** (token or authorization hops) or a **resource server** (resource
#   requests);
# - the sender of the outermost token or resource request is the **client**; the sender of the
#   outermost authorization hop, answered with a redirect, is the **user agent**.
#
# Hops without a role (DNS, get_edge_sso, the login page, the UDS home-cluster lookup, the XMPP
# stream opening) are printed without brackets.

# %%
print(roles.annotate(lab.exchanges))

# %% [markdown]
# The same, per participant:

# %%
roles.node_roles(lab.exchanges)

# %% [markdown]
# Reading it:
#
# - **jabber-alice** is the **client** (hops 12, 15, 20, 23, 26) and, through its embedded
#   browser, the **user agent** (hop 7, the login form it posts).
# - **cucm-pub** is the **authorization server**: it answers `authorize_proxy` with a code
#   (hop 10) and the token request with tokens (hop 14). It is also a **resource server** for
#   UDS (hop 25).
# - **imp-pub** is a resource server for XMPP (hop 22). Which SASL mechanism Jabber uses with
#   OAuth is not documented by Cisco; the seed article says IM&P's OAUTHBEARER offer is required
#   for OAuth to work (field observation), and the lab uses OAUTHBEARER [U].
# - **cuc-pub**, Unity Connection, is a resource server for voicemail (hop 28).
# - **expe**, Expressway-E, only relays.
# - **expc**, Expressway-C, relays almost everything, but answers `get_edge_config` itself
#   after checking the token (hop 16): for that request it *is* the resource server. That is the
#   lab's reading in RFC terms; the guides only say that Expressway-C checks the token (S6).
#
# Who answered the token request itself, with tokens:

# %%
roles.token_issuer(lab.exchanges)

# %% [markdown]
# The tokens are **self-contained**: every resource server checks them alone, with its own copy
# of the keys, without asking CUCM (S1, S2). Here is Unity Connection's check, done with the
# keys it fetched under Authz Servers:

# %%
print(lab.unity.validate(lab.client.tokens.access_token).report())

# %% [markdown]
# ## 3. Expressway-C: a relay that checks tokens
#
# ### Predict
#
# Which of these does Expressway-C do during the MRA sign-in? Pick all that apply:
# "relays the login to CUCM (authorize_proxy)", "issues the authorization code", "issues the
# access token", "checks the access token with its own key copy".

# %%
answer = None  # your prediction, e.g. ["issues the access token"]

# %%
uclab.checks.check("01-expc-jobs", answer)

# %% [markdown]
# ### Job 1: relay the login
#
# Jabber's embedded browser posts the user's name and password to the edge
# (`localauthentication`). Expressway-C finds the user's home cluster through UDS, then sends
# CUCM an `authorize_proxy` request with two concealed headers, `X-Credentials` and
# `Authorization`. In the lab the first carries the user's credentials and the second the
# account Expressway-C uses for CUCM (the seed's trace conceals both, so their content is the
# lab's model [U]). CUCM answers with an authorization code, and Expressway-C redirects the
# client to `/OAuthcb#code=…`. Later it relays the token request to CUCM. Expressway-C's
# `edgeconfigprovisioning` log shows both calls (secrets concealed):

# %%
uclab.views.folded_log(lab.render_logs(host="expc.example.com", dialect="edgeconfigprovisioning"),
                       title="Expressway-C edgeconfigprovisioning",
                       highlight=["authorize_proxy", "/ssosp/oauth/token", "Redirect="])

# %% [markdown]
# All of this is a **field observation**: the request names, the `network.http.sso.server`
# module, `X-Credentials`, "Successful authorization" and `Redirect="/OAuthcb#code=Hidden"` come
# from the seed article's traces, where the paths are concealed. The `/ssosp/...` paths are the
# lab's [U]:

# %%
print(uclab.facts.SSOSP_AUTHORIZE_PROXY.cite())
print(uclab.facts.HEADER_X_CREDENTIALS.cite())
print(uclab.facts.SSOSP_TOKEN.cite())

# %% [markdown]
# ### Job 2: check the token itself
#
# With self-describing tokens, Expressway-C checks the token itself, with the keys it fetched
# with **Refresh servers**; it does no password or certificate check (S6). Its `credentialmanager`
# lines show the check after the token request and again for `get_edge_config` ("Access Token
# accepted", "Matched AuthZ key": seed article, field observation). The `POST /oauthvalidator`
# lines above are the seed's "OAuthvalidator" request; the lab reads it as Expressway-C's own
# check [U].

# %%
print(lab.render_logs(host="expc.example.com", dialect="credentialmanager"))

# %% [markdown]
# The key copy it checks with is on the Unified CM servers page (the checksum prefix is the
# publisher's `show key authz signing`):

# %%
lab.expc.server_table()

# %% [markdown]
# ### Break it: Expressway-C without keys
#
# Issuing and checking are separate jobs. Build the same lab with Expressway-C not refreshed
# after OAuth was enabled (so it holds no keys), and sign in:

# %%
broken = uclab.faults.get("expc-not-refreshed").build(seed=1)
print(broken.client.sign_in())
print("tokens issued by:", roles.token_issuer(broken.exchanges))

# %% [markdown]
# CUCM, the authorization server, still issued the tokens. Expressway-C refused to pass them on
# because it cannot check them: 403 at `access_token` (the status code is the lab's [U]).
# Refresh servers (S6, S7, S2) fixes it:

# %%
broken.expc.refresh_servers()
print(broken.client.sign_in())

# %% [markdown]
# The answer, from a fresh lab:

# %%
uclab.checks.true_answer("01-expc-jobs")

# %% [markdown]
# ## 4. Delegation without sharing the password
#
# The point of OAuth is **delegation**: the resource owner lets a client act on their behalf
# without handing the client their password. The client gets tokens instead, limited in time
# and scope; in CUCM an admin can revoke a user's refresh tokens with the revoke API (S2, S4).
#
# The seed article lists what OAuth brings to UC users and admins (its author's list, in our
# words):
#
# - no new sign-in when the client restarts;
# - a password change does not break the sign-in (the tokens stay valid; notebook 07 tries it);
# - faster sign-in, and sign-in while offline;
# - stronger authentication (multi-factor, biometrics) when combined with SAML SSO;
# - fewer password support cases;
# - no credentials shared with a third-party application.
#
# Be precise about where the last point holds. Without SSO, Jabber's embedded browser collects
# the password and it travels through Expressway-E and Expressway-C to CUCM, which checks it
# (the `localauthentication` and `authorize_proxy` hops above; seed article, field observation).
# What OAuth changes for Jabber is that the password is used **once**, at sign-in: afterwards
# only tokens travel, and a restart needs no new sign-in. With SAML SSO, the password goes to the
# IdP and nowhere else. A third-party app gets the full benefit, as the next section shows.

# %% [markdown]
# ## 5. A third-party client: the authorization code grant, step by step
#
# CUCM's AuthZ service is not only for Jabber. Register a generic client (a "team dashboard"
# that wants alice's voicemail), then run the authorization code grant with two separate
# `requests` sessions: the **app** (the client) and alice's **browser** (the user agent).
#
# ### Predict
#
# During the whole grant, how many of the requests **the app itself** sends carry alice's
# password?

# %%
answer = None  # your prediction, e.g. 1

# %%
uclab.checks.check("01-app-sees-password", answer)

# %% [markdown]
# **Register the client.** `register_client` is the lab's admin action: Cisco documents no page
# for registering a code-grant client, so this step is the lab's [U]. It returns a client id in
# Cisco's form ("C" and 64 hex characters, S1, S25) and a secret, shown once. The app's
# session gets a fixed `User-Agent` (and no other default headers), as a real app would
# identify itself; it also keeps this notebook's output independent of the `requests` version.

# %%
REDIRECT = "https://dashboard.example.org/cb"
BASE = f"https://{lab.cucm.publisher.host}:8443"
client_id, client_secret = lab.cucm.register_client("Team dashboard", [REDIRECT])
app = lab.session("dashboard-app")
app.headers = {"User-Agent": "team-dashboard/1.0"}
browser = lab.session("alice-browser")
start = len(lab.exchanges)
print("client_id:", client_id)
print("client_secret:", len(client_secret), "characters, kept in client_secret")

# %% [markdown]
# **Discover the endpoints.** The app reads the authorization server's metadata (RFC 8414). This
# is a **lab extension**: CUCM publishes no such document. The lab serves one so that any
# generic OAuth library can find the endpoints (the test suite runs `requests-oauthlib` and
# PyJWT against it).

# %%
print(uclab.facts.LAB_METADATA.cite())
meta = app.get(BASE + uclab.facts.LAB_METADATA).json()
meta

# %% [markdown]
# **Send the user to the authorization server.** The app redirects alice's browser to the
# authorization endpoint with `response_type=code`, its client id, its redirect URI, the scope
# and a `state` value. The browser gets CUCM's sign-in page. The `/ssosp/oauth/authorize` path is
# documented for the older implicit grant (S24, S25); the lab uses the same path for the code
# grant [U]. The scope is the one the implicit-grant examples use:

# %%
page = browser.get(meta["authorization_endpoint"], allow_redirects=False, params={
    "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT,
    "scope": meta["scopes_supported"][0], "state": "dashboard-1"})
print(uclab.facts.SSOSP_AUTHORIZE.cite())
print(uclab.facts.SCOPE_UC.cite())
print(page.status_code, "hidden form fields:", sorted(testing.login_fields(page.text)))

# %% [markdown]
# **alice signs in, in her browser**, on CUCM's page (the form's target path is the lab's [U]).
# CUCM answers with a redirect to the app's URI, carrying a one-use authorization code and the
# `state` (shown concealed):

# %%
fields = {**testing.login_fields(page.text),
          "j_username": "alice", "j_password": uclab.LAB_PASSWORD}
signed_in = browser.post(BASE + uclab.facts.SSOSP_LOGIN, data=fields, allow_redirects=False)
print(signed_in.status_code, uclab.widgets.conceal_http(signed_in.headers["Location"]))
code = testing.redirect_params(signed_in.headers["Location"])["code"]

# %% [markdown]
# **The app exchanges the code for tokens**, authenticating with its own client id and secret
# (HTTP Basic, RFC 6749 §2.3.1). It never saw the password:

# %%
reply = app.post(meta["token_endpoint"], auth=(client_id, client_secret), data={
    "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT})
tokens = reply.json()
print(reply.status_code, sorted(tokens))
print(tokens["token_type"], tokens["expires_in"], "s;", "scope", tokens["scope"])

# %% [markdown]
# **The app calls resource servers** with the access token: voicemail on Unity Connection, and
# UDS on the CUCM *subscriber* (the keys are cluster-wide, so any node checks the token). The
# voicemail path is the lab's [U].

# %%
bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
voicemail = app.get(f"https://{lab.unity.host}{uclab.facts.VM_INBOX_PATH}", headers=bearer)
uds = app.get("https://cucm-sub1.example.com:8443/cucm-uds/user/alice/devices", headers=bearer)
print("voicemail:", voicemail.status_code, voicemail.text)
print("UDS at the subscriber:", uds.status_code)

# %% [markdown]
# Every role of RFC 6749, in six hops:

# %%
print(roles.annotate(lab.exchanges[start:]))

# %% [markdown]
# As a ladder (hover over the arrows for the requests):

# %%
uclab.views.ladder(lab.exchanges[start:], title="A third-party app: the authorization code grant")

# %% [markdown]
# The app's own requests: the metadata, the token request (client credentials and the code,
# both concealed below) and the two resource requests. The password went only from the browser
# to CUCM, in hop 3. The app's token request, as sent:

# %%
print(uclab.widgets.conceal_http(uclab.widgets.render_exchange(lab.exchanges[start + 3])))

# %% [markdown]
# The lab's own answer to the prediction:

# %%
uclab.checks.true_answer("01-app-sees-password")

# %% [markdown]
# ## Interview questions
#
# <details>
# <summary><b>Name the four OAuth roles and map them onto Jabber over MRA.</b></summary>
#
# Resource owner: the user. Client: Jabber. Authorization server: CUCM's AuthZ service (ssosp
# under Cisco Tomcat), which issues, signs and encrypts the tokens. Resource servers: CUCM UDS,
# IM&P for XMPP and Unity Connection for voicemail, each with its own copy of the CUCM keys.
# Expressway-E relays; Expressway-C relays the login to CUCM and checks tokens itself (S6).
# </details>
#
# <details>
# <summary><b>Is Unity Connection an authorization server?</b></summary>
#
# No. It is a resource server: it accepts CUCM's access tokens for voicemail and checks them
# with keys it fetches from the CUCM publisher under Authz Servers (Sync Keys after a key
# change). It never issues tokens (S13, S12).
# </details>
#
# <details>
# <summary><b>Why does Expressway-C need "Refresh servers" after OAuth is turned on?</b></summary>
#
# Because it checks the self-describing tokens itself, it needs its own copy of the CUCM
# signing and encryption keys, and Refresh servers is what fetches them (S6, S7, S2). Without
# them, CUCM still issues the tokens but Expressway-C refuses them.
# </details>
#
# <details>
# <summary><b>"OAuth means the app never sees my password." True for Jabber?</b></summary>
#
# For a third-party app using the code grant, yes: the user signs in on the authorization
# server's page and the app only gets a code and tokens. For Jabber over MRA without SSO, the
# embedded browser collects the password and it passes through Expressway to CUCM once, at
# sign-in (seed article, field observation); afterwards only tokens travel. With SAML SSO, only
# the IdP sees the password.
# </details>
#
# <details>
# <summary><b>Does a resource server ask CUCM whether a token is valid?</b></summary>
#
# Not with refresh-token logins: the access token is a signed and encrypted JWT, and any node
# holding the cluster's keys checks it alone (S1, S2). The old implicit-grant tokens were
# different: held in the memory of the issuing node, which other nodes had to ask (S1).
# </details>

# %% [markdown]
# ## Summary
#
# - **Resource owner**: the user. **Client**: Jabber, or any app CUCM knows. **Authorization
#   server**: CUCM's AuthZ service (ssosp, Cisco Tomcat, 8443), which issues, signs and encrypts
#   the tokens. **Resource servers**: CUCM (UDS), IM&P (XMPP) and Unity Connection (voicemail),
#   each checking tokens with its own key copy. **User agent**: the browser the user signs in
#   with; for Jabber, its embedded browser.
# - Over MRA, **Expressway-E** relays, and **Expressway-C** does two jobs: it relays the login
#   (authorize_proxy) and the token request to CUCM (field observation), and checks the tokens
#   itself with the keys it fetched with Refresh servers (S6). Without those keys CUCM still
#   issues tokens, and Expressway-C refuses them.
# - Tokens are self-contained: every resource server checks them alone.
# - A third-party client never sees the password: the user signs in on CUCM's page in the
#   browser, and the client swaps a one-use code for tokens. For Jabber without SSO, the password
#   passes through the edge once, at sign-in; after that, only tokens travel.
# - CUCM's RFC 8414 metadata and JWKS exist only in this lab, so that generic clients can find
#   it.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [OAuth fundamentals](10-interview-preparation.ipynb#topic-oauth-fundamentals)
# - [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz)
# - [Unity](10-interview-preparation.ipynb#topic-unity)
