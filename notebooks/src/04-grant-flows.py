# %% [markdown]
# # 04 · Grant flows by release
#
# CUCM hands out tokens through two different OAuth grants. Which one a client gets depends on
# the CUCM release, one enterprise parameter and SAML SSO. You will run both grants against the
# lab, walk a cluster up through the releases, and break an untouched CUCM + Expressway pair the
# way real rollouts break.
#
# **You will be able to...**
#
# - tell the **implicit grant** from the **authorization code grant with refresh tokens**: what
#   each one issues, where its token lives, and what happens when the token expires;
# - say which CUCM, Jabber and Expressway releases give which flow, and where the sources
#   disagree;
# - read CUCM's answer to a `response_type` it does not offer;
# - explain the default mismatch between CUCM and Expressway, and fix it.
#
# **About the sources.** S1, S2, ... are the source keys of the project's fact sheet. **[U]**
# marks an uncertain fact: inferred, third-party, a field observation from the seed article
# (a Cisco Community walk-through by Ayodeji Okanlawon), or a choice the lab had to make.

# %% [markdown]
# ## Setup
#
# Every lab below is seeded, so ids, codes and times are the same on every run. The first lab
# runs CUCM **11.5(1)SU2**, the last release before the authorization code grant.
# `uclab.testing` has small helpers that drive a third-party OAuth client over the lab's HTTP
# surface, as a real client would.

# %%
import uclab
from uclab import facts, testing
from uclab.sim import idp as saml

old = uclab.Lab(seed=1, cucm_version="11.5(1)SU2")
old

# %% [markdown]
# ## 1. Two grants, side by side
#
# <table>
# <tr><th></th>
# <th><b>Implicit grant</b> ("simple" OAuth)</th>
# <th><b>Authorization code grant + refresh tokens</b> ("OAuth Refresh Logins")</th></tr>
# <tr><td>CUCM / IM&amp;P / Unity Connection</td>
# <td>10.5(2) and later (S6)</td>
# <td>11.5(1)SU3 and 12.0 and later (S1, S2, S6, S11, S13)</td></tr>
# <tr><td>Jabber</td>
# <td>10.6 and later (S6)</td>
# <td>11.9 and later (S6, S11)</td></tr>
# <tr><td>Expressway, for MRA</td>
# <td>not given by any source in the fact sheet [U]</td>
# <td>X8.10 or later; one guide says X8.10.1 (S6, S11)</td></tr>
# <tr><td>Who authenticates the user</td>
# <td>the SAML IdP: SAML SSO only (S6, S1)</td>
# <td>the IdP with SSO, or CUCM itself (LDAP or local users) without it (S1, S6, S11)</td></tr>
# <tr><td>What is issued</td>
# <td>an access token only (S1)</td>
# <td>an access token <b>and</b> a refresh token (S1, S2)</td></tr>
# <tr><td>Where the token lives</td>
# <td>in the memory of the CUCM node that issued it; other nodes check it with that node ("proxy
# mode") (S1)</td>
# <td>self-contained: a signed and encrypted JWT that any node with the cluster's keys can
# validate (S1, S2)</td></tr>
# <tr><td>When the access token expires</td>
# <td>Jabber goes back to the IdP (S1)</td>
# <td>Jabber gets a new one with its refresh token; the user sees nothing (S2)</td></tr>
# <tr><td>On CUCM</td>
# <td>enabled by default (with SAML SSO), kept for older Jabber and RTMT (S1, S2)</td>
# <td>only when <b>OAuth with Refresh Login Flow</b> = Enabled; default <b>Disabled</b> (S23,
# S2)</td></tr>
# <tr><td>On Expressway-C (MRA Access Control)</td>
# <td>"Authorize by OAuth token" (previously "SSO Mode"), default Off (S6, S7)</td>
# <td>"Authorize by OAuth token with refresh", default <b>On</b> (S6, S7)</td></tr>
# </table>
#
# Both grants use the same access-token timer, "OAuth Access Token Expiry Timer (minutes)",
# default 60 (S1, S23). Jabber checks whether CUCM offers the code grant and uses it only if it
# does (S1, S2).
#
# **The implicit grant is weaker than today's advice.** RFC 9700 (OAuth 2.0 Security Best
# Current Practice, §2.1.2) says clients SHOULD NOT use it: the access token comes back in the
# browser's redirect URL, where it can leak, and nothing ties it to the client that asked. CUCM
# keeps it for backward compatibility, enabled by default. The lab models the product as it is,
# not the best practice.
#
# The names that matter, with their sources:

# %%
for fact in (facts.RELEASE_IMPLICIT, facts.RELEASE_REFRESH, facts.PARAM_SECTION,
             facts.PARAM_REFRESH_FLOW, facts.PARAM_ACCESS_EXPIRY):
    print(fact.cite())

# %% [markdown]
# The section name differs between guides: the parameter table calls it "SSO and OAuth
# Configuration", while several procedures and the Jabber guide say "SSO Configuration". Which
# release renamed it is not known.

# %% [markdown]
# ## 2. The implicit grant on CUCM 11.5(1)SU2
#
# ### Exercise 1: predict
#
# A user runs a new Jabber (12.8) over MRA (Expressway X12.5.7). The cluster runs CUCM
# 11.5(1)SU2 with SAML SSO. Which flow does Jabber get?

# %%
print(uclab.checks.get("04-old-cucm-flow"))

# %%
answer = None  # your prediction: one of the choices, or its letter, e.g. "A"

# %%
uclab.checks.check("04-old-cucm-flow", answer)

# %% [markdown]
# Now ask the lab. `grant_flows()` lists what the cluster offers right now. Without SSO, this
# release offers no OAuth grant at all: the implicit grant needs SAML SSO, and the code grant
# does not exist yet.

# %%
print("without SSO:", old.cucm.grant_flows())
old.cucm.enable_sso(old.idp)
print("with SAML SSO:", old.cucm.grant_flows())

# %% [markdown]
# The release matrix says the same, rule by rule (`uclab.compat.which_flow`, the logic behind
# the release selector in section 5):

# %%
print(uclab.compat.which_flow("11.5(1)SU2", "12.8", "X12.5.7", sso=True, refresh_enabled=False))

# %% [markdown]
# **Lab simplification.** `old.idp` is the lab's small SAML identity provider. It signs its
# assertion with HMAC-SHA256, under a key it shares with CUCM, instead of XML-DSig with the
# IdP's certificate as a real IdP (AD FS, Okta, ...) does. Its paths (`/idp/...`) and CUCM's
# assertion-consumer path are the lab's own. The redirects and form posts are those of SAML
# 2.0.
#
# ### Run the implicit grant
#
# Register an older, SSO-only client for the implicit grant. Cisco client ids have the form
# "C" + 64 hex characters (S1, S25).

# %%
legacy = testing.make_app(old, name="Legacy SSO client", grant_types=("implicit",))
browser = legacy.browser()  # the user's browser: its own session, its own lane in the ladder
print(legacy.client_id)

# %% [markdown]
# **Step 1.** The client sends the browser to CUCM's authorization endpoint with
# `response_type=token`. SSO is on, so CUCM answers with a redirect to the IdP (a SAML
# AuthnRequest):

# %%
step1 = browser.authorize(response_type="token", scope=str(facts.SCOPE_UC))
print(step1.request.url)
print(step1.status_code, "Location:", step1.headers["Location"][:75], "...")
print(facts.SSOSP_AUTHORIZE.cite())

# %% [markdown]
# **Step 2.** The user signs in at the IdP. The IdP posts a signed SAML response back to CUCM
# through the browser (the page auto-submits a form):

# %%
idp_page = browser.session.get(step1.headers["Location"])
signed_in = browser.session.post(f"https://{old.idp.host}{saml.LOGIN_PATH}",
                                 data={**testing.login_fields(idp_page.text),
                                       "username": "alice", "password": uclab.LAB_PASSWORD})
post_back = testing.login_fields(signed_in.text)
print(idp_page.status_code, signed_in.status_code, sorted(post_back))

# %% [markdown]
# **Step 3.** CUCM checks the SAML response and redirects the browser to the client's redirect
# URI. The access token travels in the URL **fragment** (`#access_token=...`). This is the
# front-channel exposure RFC 9700 warns about. The token is concealed below:

# %%
pub = old.cucm.publisher.host
acs = f"https://{pub}:8443{facts.SSOSP_SAML_ACS}{pub}"
done = browser.session.post(acs, data=post_back, allow_redirects=False)
print(done.status_code, uclab.widgets.conceal_http("Location: " + done.headers["Location"]))
implicit_token = testing.redirect_params(done.headers["Location"])["access_token"]
print(facts.SSOSP_SAML_ACS.cite())

# %% [markdown]
# The answer has no refresh token, only an access token valid for the access-token timer
# (`expires_in=3600`, 60 minutes). The whole exchange, as a ladder. The browser
# (`alice-browser`) has a lane of its own: in the implicit grant every step goes through it.

# %%
uclab.views.ladder(old.exchanges, title="Implicit grant on CUCM 11.5(1)SU2 (with SAML SSO)")

# %% [markdown]
# ### Where the implicit token lives
#
# An implicit-grant token is not self-contained: the node that issued it keeps it in memory
# (S1). Its real format is not documented [U]; the lab uses an opaque random string, held by the
# publisher. The publisher accepts it. The subscriber has no record of it and cannot validate it
# by itself:

# %%
print(len(implicit_token), "characters,", implicit_token.count("."), "dots")
print(old.cucm.validate(implicit_token).report())
print(old.cucm.validate(implicit_token, at="cucm-sub1.example.com").report())

# %% [markdown]
# This is why a real CUCM node had to check such a token with the node that issued it ("proxy
# mode", S1). The lab does not model that forwarding call; the subscriber's refusal shows why
# it was needed.
#
# After 60 minutes the token has expired, and there is no refresh token to renew it. Jabber has
# to send the user back to the IdP (S1):

# %%
old.advance(minutes=61)
print(old.cucm.validate(implicit_token).report())

# %% [markdown]
# And the code grant? On this release CUCM refuses `response_type=code` and says why. The error
# goes back to the client's redirect URI (RFC 6749 §4.1.2.1):

# %%
refused = browser.authorize(response_type="code", scope=str(facts.SCOPE_UC))
print(refused.status_code, testing.redirect_params(refused.headers["Location"]))

# %% [markdown]
# ## 3. The authorization code grant on CUCM 14
#
# A fresh CUCM 14 lab. Look at the "SSO and OAuth Configuration" section as installed:

# %%
new = uclab.Lab(seed=1)
print(new.cucm.params.table())
print()
print("grant flows as installed:", new.cucm.grant_flows())

# %% [markdown]
# "OAuth with Refresh Login Flow" is **Disabled** out of the box. Without SSO, an untouched
# CUCM 14 offers no OAuth grant at all. Turn the parameter on:

# %%
new.cucm.enable_refresh_logins()
print(new.cucm.params[str(facts.PARAM_REFRESH_FLOW)], "->", new.cucm.grant_flows())

# %% [markdown]
# Run the code grant without SSO, with a confidential client. **Step 1:** the authorization
# request gets CUCM's sign-in form. (The form, its anti-CSRF field and its POST path are the
# lab's own [U].)

# %%
app = testing.make_app(new, name="Code-flow client")
browser = app.browser()  # the front channel (authorize, sign-in) goes through alice's browser
form = browser.authorize(scope=str(facts.SCOPE_UC))
print(form.status_code, sorted(testing.login_fields(form.text)))
print(facts.SSOSP_LOGIN.cite())

# %% [markdown]
# **Step 2:** the user signs in. Without SSO, CUCM checks the password itself (alice is an
# LDAP-synced user in the lab), then redirects with a one-use **code** in the query string. The
# code is not a token:

# %%
login = browser.login(form, "alice")
print(login.status_code, uclab.widgets.conceal_http("Location: " + login.headers["Location"]))

# %% [markdown]
# **Step 3:** the client trades the code for tokens at the token endpoint, on the back
# channel, with its client credentials. This time a refresh token comes back too. Both tokens
# are concealed below:

# %%
code = testing.redirect_params(login.headers["Location"])["code"]
tokens = app.token(grant_type="authorization_code", code=code, redirect_uri=app.redirect_uri)
print(tokens.status_code, uclab.widgets.conceal_http(tokens.text))
print(facts.SSOSP_TOKEN.cite())

# %% [markdown]
# The new access token is self-contained (S1, S2). The **subscriber** validates it with the
# cluster keys and asks no one (compare the implicit token above):

# %%
access_token = tokens.json()["access_token"]
print(new.cucm.validate(access_token, at="cucm-sub1.example.com").report())

# %% [markdown]
# As a ladder: the front channel (authorize, sign-in, the redirect with the code) in the
# browser's lane, the back channel (the token request) in the client's.

# %%
uclab.views.ladder(new.exchanges, title="Authorization code grant on CUCM 14 (no SSO)")

# %% [markdown]
# **With or without SSO.** Turn SAML SSO on and the same authorization request goes to the
# IdP instead of CUCM's form. The IdP now authenticates the user, but CUCM still issues the
# code and the tokens (S1, S6, S11):

# %%
new.cucm.enable_sso(new.idp)
print("grant flows:", new.cucm.grant_flows())
via_idp = browser.authorize(scope=str(facts.SCOPE_UC))
print(via_idp.status_code, "->", via_idp.headers["Location"].split("?")[0])

# %% [markdown]
# Notebook 02 decodes these tokens; notebook 05 follows the same code grant through
# Expressway over MRA.
#
# ### Exercise 2: predict
#
# CUCM 12.5(1), SAML SSO on, "OAuth with Refresh Login Flow" left at its default. A client
# registered for both grants asks once with `response_type=code` and once with
# `response_type=token`.

# %%
print(uclab.checks.get("04-refused-response-type"))

# %%
answer = None  # your prediction, e.g. "both"

# %%
uclab.checks.check("04-refused-response-type", answer)

# %%
mid = uclab.Lab(seed=1, cucm_version="12.5(1)")
mid.cucm.enable_sso(mid.idp)
both = testing.make_app(mid, name="Both grants",
                        grant_types=("authorization_code", "refresh_token", "implicit"))
for response_type in ("code", "token"):
    r = both.authorize(response_type=response_type, scope=str(facts.SCOPE_UC))
    print(f"response_type={response_type}: {r.status_code} -> {r.headers['Location'][:95]}")

# %% [markdown]
# The code request comes back to the client with `error=unsupported_response_type`. The token
# request goes on to the IdP: the implicit grant stays on by default as long as SSO is there.
#
# ## 4. One cluster, release by release
#
# Follow one cluster with SAML SSO up through its upgrades. At each step, look at what it
# offers: `grant_flows()`, and `response_types_supported` from the lab's RFC 8414 metadata
# document. (CUCM publishes no such document; the lab adds one so that generic OAuth clients can
# discover it.)

# %%
print(facts.LAB_METADATA.cite())
walk = uclab.Lab(seed=1, cucm_version="10.0(1)")
walk.cucm.enable_sso(walk.idp)
metadata_url = f"https://{walk.cucm.publisher.host}:8443{facts.LAB_METADATA}"


def offer(note):
    meta = walk.session().get(metadata_url).json()
    print(f"CUCM {walk.cucm.version!s:<11} {note:<32} grant_flows={walk.cucm.grant_flows()}"
          f"  response_types_supported={meta['response_types_supported']}")


offer("SSO on")

# %% [markdown]
# Nothing yet: the sources give 10.5(2) as the first release with simple OAuth (S6), and the lab
# offers no grant before it. Its 10.0(1) parameter page has no "OAuth Access Token Expiry Timer
# (minutes)" either: no source says which release added that timer, so the lab shows it from
# 10.5(2) on, an inference [U]. Upgrade step by step:

# %%
walk.cucm.upgrade("10.5(2)")
offer("SSO on")
walk.cucm.upgrade("11.5(1)SU2")
offer("SSO on")
walk.cucm.upgrade("11.5(1)SU3")
offer("SSO on, refresh flow at default")

# %% [markdown]
# The upgrade to 11.5(1)SU3 **alone changes nothing**. The new parameter arrives with its
# default, Disabled (S23). An admin has to turn it on:

# %%
walk.cucm.enable_refresh_logins()
offer("SSO on, refresh flow Enabled")

# %% [markdown]
# Both grants are now on offer. Older clients keep the implicit grant; Jabber 11.9+ picks the
# code grant.
#
# **A range that differs by release.** The refresh-token timer's upper bound is 90 days in the
# TAC document for 12.0 (S1) and 365 days in the 12.5 guides (S2, S9). The default is 60 days
# in both. Which bound applies to which release is not documented: the lab uses 1-90 before
# 12.5 and 1-365 from 12.5 on, an inference [U].

# %%
refresh_timer = str(facts.PARAM_REFRESH_EXPIRY)
for release in ("12.0(1)", "12.5(1)"):
    walk.cucm.upgrade(release)
    print(f"CUCM {walk.cucm.version}: {refresh_timer} = "
          f"{walk.cucm.params[refresh_timer]}, range "
          f"{walk.cucm.params.spec(refresh_timer).describe(walk.cucm.version)}")
print(facts.PARAM_REFRESH_EXPIRY.cite())

# %% [markdown]
# ### Exercise 3: predict
#
# The cluster is now at 12.5(1) with the refresh flow Enabled. Next, SAML SSO is removed.

# %%
print(uclab.checks.get("04-metadata-no-sso"))

# %%
answer = None  # your prediction, a list, e.g. ["code", "token"]

# %%
uclab.checks.check("04-metadata-no-sso", answer)

# %%
walk.cucm.enable_sso(None)
offer("SSO off, refresh flow Enabled")

# %% [markdown]
# Only `code` is left: without SAML SSO there is no implicit grant. Refresh logins work without
# SSO, because CUCM authenticates LDAP and local users itself (S1, S6, S11).
#
# ## 5. The release selector
#
# Jabber's flow over MRA depends on three releases (CUCM, Jabber, Expressway) and two settings.
# The selector shows the flow and every rule that decided it, each with its source. In
# JupyterLab, change the dropdowns and checkboxes. Below, the cells drive it from code.

# %%
selector = uclab.widgets.release_selector(cucm="11.5(1)SU2", jabber="12.8",
                                          expressway="X12.5.7", sso=True,
                                          refresh_enabled=False)
selector

# %% [markdown]
# Upgrade CUCM to 12.5(1) and enable the refresh flow:

# %%
selector.cucm.value = "12.5(1)"
selector.refresh.value = True
print(selector.answer)

# %% [markdown]
# Now the Expressway is too old: X8.9 has no "Authorize by OAuth token with refresh". With SSO,
# Jabber falls back to the implicit grant:

# %%
selector.expressway.value = "X8.9"
print(selector.answer.flow, *selector.answer.uncertain, sep="\n")

# %% [markdown]
# X8.10.1 meets both readings of the guides (X8.10 or X8.10.1). A Jabber older than 11.9 cannot
# do refresh logins, and without SSO it cannot do the implicit grant either, so it signs in with
# user credentials:

# %%
selector.expressway.value = "X8.10.1"
print(selector.answer.flow)
selector.jabber.value = "11.8"
selector.sso.value = False
print(selector.answer.flow)
print(repr(selector))

# %% [markdown]
# ## 6. Break it: the default mismatch
#
# Install CUCM 14 and Expressway, and leave every OAuth setting at its default. The two
# products disagree out of the box (S9, S6):

# %%
pair = uclab.Lab(seed=1)
print(f"CUCM: {facts.PARAM_REFRESH_FLOW} = {pair.cucm.params[str(facts.PARAM_REFRESH_FLOW)]}")
for label, value in pair.expc.access.rows()[:4]:
    print(f"Expressway-C: {label} = {value}")

# %% [markdown]
# The CUCM guides warn about this pair of defaults. (The 12.5 sysconfig chapter even has a
# typo here: it says "disabled by default" for Expressway too (S2), but the Expressway guide's
# default is On (S6).) Cisco advises turning refresh logins on for MRA only when the Expressway
# supports them (S23).
#
# ### Exercise 4: predict
#
# The admin clicks **Refresh servers** on Expressway-C (Unified CM servers and IM&P), but
# changes nothing else.

# %%
print(uclab.checks.get("04-untouched-pair"))

# %%
answer = None  # your prediction, e.g. "get_edge_config"

# %%
uclab.checks.check("04-untouched-pair", answer)

# %%
pair.expc.refresh_servers()
pair.expc.refresh_imp_servers()
print(pair.expc.server_table()[0])
print(pair.client.sign_in())

# %% [markdown]
# The Unified CM servers page already gave it away: the only authorization method this CUCM
# offers is "Authorize by user credentials". Still, `get_edge_sso` tells Jabber that tokens may
# be reused, because Expressway-C answers from its own settings ("Check for internal
# authentication availability" is No by default, S6):

# %%
print(uclab.widgets.render_exchange(pair.exchanges[3]))

# %% [markdown]
# So Jabber starts the code flow and the user types a password. Then CUCM refuses the code at
# `authorize_proxy`. Expressway-C's log (request names and log modules are field observations
# from the seed article [U]; the lookup path is the lab's):

# %%
uclab.views.folded_log(pair.render_logs(host="expc.example.com",
                                         dialect="edgeconfigprovisioning"),
                       title="Expressway-C edgeconfigprovisioning", highlight=["authorize_proxy"])

# %% [markdown]
# **The fix** (S9, S6): enable the refresh flow on CUCM, then **Refresh servers** on
# Expressway-C, so that it learns what CUCM now supports:

# %%
pair.cucm.enable_refresh_logins()
pair.expc.refresh_servers()
print(pair.expc.server_table()[0]["Authorization methods"])
print(pair.client.sign_in())

# %% [markdown]
# Turning refresh logins **off** again later is not free either: every Jabber and Webex client
# must then be reset (S9).
#
# The fault registry has this case, and the one from sections 2 and 4 (a CUCM below
# 11.5(1)SU3 behind an Expressway that offers refresh logins). The fault panel builds each one,
# runs the login and applies the real fix:

# %%
panel = uclab.widgets.fault_panel(seed=1)
panel.select("cucm-below-11-5-su3")
panel

# %%
print(panel.fault.symptom)
print(panel.run())

# %%
print(panel.fault.fix)
print(panel.fix())

# %% [markdown]
# ## 7. Beyond: SIP OAuth
#
# One more feature needs the refresh flow: **SIP OAuth**. Jabber registers its TLS SIP line
# with its OAuth access token instead of a locally significant certificate. It needs CUCM 12.5,
# Jabber 12.5 and Expressway X12.5 (S10, S11); one Cisco document says X12.5.1 or later for MRA
# (S36). Its first configuration step is to enable refresh logins (S10). Notebook 11 covers it.

# %% [markdown]
# ## Interview questions
#
# <details>
# <summary>Show questions and model answers</summary>
#
# **Which OAuth grants does CUCM support, and from which release?**
# The implicit grant from 10.5(2), with SAML SSO only. The authorization code grant with refresh
# tokens from 11.5(1)SU3 / 12.0, when "OAuth with Refresh Login Flow" is Enabled. Jabber needs
# 11.9+ and Expressway X8.10+ (one guide says X8.10.1) for the refresh flow over MRA.
#
# **What changes for the user between the two?**
# With the implicit grant, Jabber goes back to the IdP whenever the access token expires
# (default 60 minutes). With refresh tokens it renews the access token silently until the
# refresh token expires (default 60 days).
#
# **Why could a token issued by one CUCM node fail on another under the old flow?**
# Implicit-grant tokens are not self-contained: the node that issued them keeps them in memory,
# so other nodes had to check with it ("proxy mode"). Code-grant access tokens are signed and
# encrypted JWTs that any node with the cluster's keys validates by itself.
#
# **Can you use OAuth refresh logins without SSO?**
# Yes. Without SSO, CUCM authenticates LDAP or local users itself; with SSO, the IdP does. In
# both cases CUCM issues the tokens.
#
# **We enabled OAuth on Expressway and users now fail after typing their password. Why?**
# Expressway's "Authorize by OAuth token with refresh" is On by default, but CUCM's "OAuth with
# Refresh Login Flow" is Disabled by default. Jabber starts the code flow and CUCM refuses it.
# Enable the parameter on CUCM, then Refresh servers on Expressway-C.
#
# **Is the implicit grant still a good idea?**
# No. RFC 9700 says clients SHOULD NOT use it: the token travels in the front channel and is not
# bound to the client. CUCM keeps it on for older Jabber and RTMT, for backward compatibility.
#
# </details>

# %% [markdown]
# ## Summary
#
# - CUCM has two grants. The **implicit grant** (10.5(2)+, SAML SSO only) issues short-lived
#   access tokens, held by the node that issued them, and no refresh token. The
#   **authorization code grant with refresh tokens** (11.5(1)SU3 / 12.0+) issues
#   self-contained, signed and encrypted access tokens plus refresh tokens, with or without SSO.
# - The code grant is on only when "OAuth with Refresh Login Flow" = **Enabled**. Its default
#   is Disabled, and an upgrade does not change it.
# - The implicit grant stays on for older clients, as long as SSO is configured. That is
#   weaker than RFC 9700, which says not to use it.
# - Over MRA, the flow also depends on Jabber (11.9+ for refresh) and Expressway (X8.10, or
#   X8.10.1 in one guide, for refresh).
# - Out of the box, CUCM (refresh Disabled) and Expressway-C (refresh On) disagree. Jabber then
#   fails after the password, at `authorize_proxy`. Fix: enable the flow on CUCM, then Refresh
#   servers.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [OAuth fundamentals](10-interview-preparation.ipynb#topic-oauth-fundamentals)
# - [SSO/SAML](10-interview-preparation.ipynb#topic-sso-saml)
# - [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz)
# - [SIP OAuth](10-interview-preparation.ipynb#topic-sip-oauth)
