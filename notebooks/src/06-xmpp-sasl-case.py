# %% [markdown]
# # 06 · XMPP SASL case study: the seed article's failure, end to end
#
# Jabber gets its OAuth tokens over MRA, and still cannot sign in to IM. You will reproduce the
# case from the seed article, read every log line that explains it, and fix it the way the
# article did.
#
# **You will be able to...**
#
# - explain why a login can succeed at OAuth and still fail at XMPP;
# - read the SASL mechanisms IM&P offers, what Expressway-C passes on, and what Jabber receives;
# - recognise Jabber's PRT lines for this failure, in their order;
# - tell OAUTHBEARER (RFC 7628), CISCO-VTG-TOKEN and PLAIN apart, and decode the OAUTHBEARER
#   message Jabber sends;
# - check Expressway-C's running `xConfiguration` and apply the seed article's fix.
#
# **About the sources.** This case comes from the seed article, a Cisco Community walk-through
# by Ayodeji Okanlawon ("Overview: What is OAuth"). Many of the strings below appear *only*
# there: the `xConfiguration CollaborationEdge` names, the XCP_JABBERD lines and the Jabber
# error text. They are **field observations**. This notebook marks them, and marks as **[U]**
# every rule the lab had to infer.

# %% [markdown]
# ## Setup
#
# A seeded lab gives the same ids, keys, times and logs on every run. `configure_oauth()` runs
# the admin steps from the guides: it enables OAuth with refresh on CUCM, turns the option on in
# Expressway-C's MRA Access Control, clicks Refresh servers (Unified CM and IM&P), and sets up
# Unity Connection.

# %%
import uclab
from uclab.facts import XCONF_LEGACY_CRED, XCONF_OAUTH_LOCAL
from uclab.protocols import sasl
from uclab.sim.jabber import xmpp

lab = uclab.Lab(seed=1)
print("\n".join(lab.configure_oauth()))

# %% [markdown]
# ## 1. Put Expressway-C into the seed's state
#
# In the seed article, OAuth "was enabled" and Jabber got its tokens, yet Expressway-C's
# `xConfiguration` "was stuck on OAuth not been enabled" until a reboot. Reading "enabled" as
# the MRA Access Control page saying On is uclab's. **Why** the running configuration did not
# follow the setting is not known: the article does not say [U]. The lab models the case as a
# page (GUI value) and a running `xConfiguration` that differ, where later saves do not reach
# the running configuration until a restart. That model is the lab's [U], not a documented
# Expressway behaviour. The fault registry reaches that state with `apply`. It changes only
# what the product holds: the page keeps its saved values, and the running `xConfiguration` is
# stuck on an old one. Predict first, then apply the fault.

# %% [markdown]
# ### Predict: what does the running configuration say?
#
# The MRA Access Control page says "Authorize by OAuth token with refresh" = **On**. What does
# `xConfiguration CollaborationEdge` show for OAuthLocal: **On** or **Off**?

# %%
answer = None  # your prediction, e.g. "On"

# %%
uclab.checks.check("06-oauthlocal-value", answer)

# %% [markdown]
# Now put the lab into the seed's state and compare the page with the running configuration:

# %%
fault = uclab.faults.get("expc-oauthlocal-off")
fault.apply(lab)
print(fault.title)
print("Source:", fault.source)
print()
for field, value in lab.expc.access.rows()[:5]:
    print(f"{field:50} {value}")
print()
print(lab.expc.xconfig.listing())

# %% [markdown]
# The two `*c xConfiguration` lines are the ones the seed article shows before its fix:
# `LegacyCred: On` and `OAuthLocal: Off`. After the fix the article shows `OauthLocal: On`, with
# a lower-case "a"; both spellings appear in the article.
#
# These names are **field observations**. No Cisco document found gives the xConfiguration
# names of the MRA Access Control settings. How the names map to the GUI fields is **uclab's
# inference [U]**: OAuthLocal ↔ "Authorize by OAuth token with refresh" (the Jabber 12.8
# planning guide still calls it "O-Auth local authentication", S11), and LegacyCred ↔
# "Authorize by user credentials".

# %%
print(XCONF_OAUTH_LOCAL.cite())
print(XCONF_LEGACY_CRED.cite())

# %% [markdown]
# ## 2. The login: tokens yes, IM no
#
# ### Predict: where does the sign-in stop?
#
# Jabber signs in over MRA. At which stage does it fail? Choices: `discovery`, `get_edge_sso`,
# `authorize`, `access_token`, `get_edge_config`, `xmpp`.

# %%
answer = None  # your prediction, e.g. "access_token"

# %%
uclab.checks.check("06-failing-stage", answer)

# %% [markdown]
# Three parties each see their own list of SASL mechanisms:
#
# 1. **IM&P** offers its mechanisms to Expressway-C.
# 2. **Expressway-C** passes on only the mechanisms MRA allows, following its *running*
#    configuration.
# 3. **Jabber** receives what is left, relayed through Expressway-E.
#
# ### Predict: what does Jabber see, and what did IM&P offer?
#
# Pick from `PLAIN`, `CISCO-VTG-TOKEN`, `OAUTHBEARER`, `X-OAUTH2` (a list) for each question.

# %%
answer = None  # your prediction for Jabber, e.g. ["OAUTHBEARER"]

# %%
uclab.checks.check("06-advertised-mechanisms", answer)

# %%
answer = None  # your prediction for IM&P's own offer, e.g. ["PLAIN"]

# %%
uclab.checks.check("06-imp-offers", answer)

# %% [markdown]
# And which mechanism does Jabber **need** once it has signed in with OAuth tokens? (`PLAIN`,
# `CISCO-VTG-TOKEN`, `OAUTHBEARER`, `X-OAUTH2`; section 5 explains each.) Then run the
# sign-in.

# %%
answer = None  # your prediction, e.g. "PLAIN"

# %%
uclab.checks.check("06-jabber-mechanism", answer)

# %%
start = len(lab.exchanges)
outcome = lab.client.sign_in()
print(outcome)
print(lab.client.tokens)

# %% [markdown]
# The OAuth part worked. The client holds an access token and a refresh token; in the article,
# too, the OAuth exchanges all completed. What the article's user saw was "unable to communicate
# with server".
#
# The login stops at **xmpp**: Jabber needs a SASL mechanism that carries its token, and none
# was offered. Here are the hops of the failing login. The last three are the XMPP stream
# opening, which goes Jabber → Expressway-E → Expressway-C → IM&P.

# %%
print("\n".join(lab.hops(start)))

# %% [markdown]
# The same login as a ladder. Every HTTP hop is answered (200 or 302): nothing in the HTTP
# layer fails. The failure lies inside an XMPP answer, so no hop shows it by itself; given the
# sign-in's outcome, the ladder marks in red the last hop Jabber sent, with what went wrong
# written beside it.

# %%
uclab.views.ladder(lab.exchanges[start:], outcome=outcome,
                   title="The seed's case: OAuth tokens issued, then no usable SASL mechanism")

# %% [markdown]
# ## 3. Who offered what: IM&P, Expressway-C, Jabber
#
# Ask the lab. These are the same methods the nodes use while relaying:

# %%
offer = lab.imp.sasl_mechanisms()
print("IM&P offers Expressway-C:      ", offer)
print("Expressway-C passes on to Jabber:", lab.expc.advertised_mechanisms(offer))

# %% [markdown]
# The same lists in the logs. **Expressway-C's XCP_JABBERD lines** come first. With `DELIVER:
# type:8` Expressway-C's connection-auth component asks IM&P's `auth-1` component for the
# mechanisms (an `xdb` `get`). With `DELIVER: type:1` the result comes back, listing PLAIN,
# CISCO-VTG-TOKEN **and OAUTHBEARER**. The article points out OAUTHBEARER in IM&P's answer and
# calls it a requirement for OAuth.

# %%
uclab.views.folded_log(lab.render_logs(host=lab.expc.host, dialect="XCP_JABBERD"),
                       title="Expressway-C XCP_JABBERD", highlight=["OAUTHBEARER"])

# %% [markdown]
# Next, **Expressway-E's "Got Buffer" line**: what Expressway-E received from Expressway-C and
# passed on to Jabber. Only CISCO-VTG-TOKEN is left.
#
# A note on the shapes. The lab writes the stream features into this line. In the seed article
# the corresponding Expressway-E line (`Got Buffer (324)`, `MIOByteSource.cpp:93`) and an
# Expressway-C `DELIVER: type:8` line carry an `xdb` packet with
# `<auth mechanism='CISCO-VTG-TOKEN' …>XXXXXXX</auth>`. The author reads them as Expressway-C
# narrowing the mechanisms down to CISCO-VTG-TOKEN alone. The lab keeps the article's line formats;
# what exactly the real lines carry at this step is a field observation, and the lab's packet
# contents are its own model [U].

# %%
print(lab.render_logs(host=lab.edge.host, dialect="XCP_JABBERD"))

# %% [markdown]
# ## 4. Jabber's PRT lines, in order
#
# `csf-unified.log` ends with four `csf.jwcpp` lines. The seed article shows the same four,
# in the same order:
#
# 1. `gloox::CTriClient::HandleXmlTag … Recv:<stream:features>…` shows the features Jabber
#    received: only `<mechanism>CISCO-VTG-TOKEN</mechanism>`;
# 2. `HandleStreamFeatures … SASL token empty:0`. In the lab, 0 means Jabber holds an OAuth token
#    (the lab's reading of the flag [U]);
# 3. `HandleStreamFeatures … SASL mechanism:` is **empty**: no mechanism fits;
# 4. `ERROR … gloox::Client::handleNormalNode … The server doesn't offer any SASL authentication
#    mechanism that we can support`.
#
# The error text is a **field observation**: it was found in no Cisco document. Other clients
# say the same thing in their own words: Pidgin logs "No worthy mechs found", and the Artalk
# library reports "SASL authentication failed".

# %%
print("\n".join(lab.client.prt().splitlines()[-4:]))

# %%
print(uclab.facts.PRT_NO_SASL.cite())

# %% [markdown]
# For contrast, here is a login **without** OAuth. In a second lab Expressway-C has "Authorize
# by OAuth token with refresh" Off. get_edge_sso answers `Token reuse="false"`, so Jabber signs
# in with its user credentials. It fetches a one-time token from IM&P's EPAS service and
# authenticates with CISCO-VTG-TOKEN. Its PRT then says `SASL token empty:1` and
# `SASL mechanism:CISCO-VTG-TOKEN`. As the article notes, CISCO-VTG-TOKEN is the mechanism of a
# plain credentials login, not of an OAuth one.

# %%
legacy = uclab.Lab(seed=1)
legacy.configure_oauth()
legacy.expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
print(legacy.client.sign_in())
print("\n".join(legacy.client.prt().splitlines()[-3:]))

# %% [markdown]
# ## 5. The SASL mechanisms: OAUTHBEARER, CISCO-VTG-TOKEN, PLAIN
#
# SASL is the framework XMPP uses to authenticate a stream (RFC 6120 §6). The server lists its
# mechanisms in `<stream:features>`, and the client picks one and sends `<auth mechanism='…'>`
# with a base64 payload. Three mechanisms matter around IM&P:
#
# - **PLAIN** (RFC 4616) carries `[authzid] NUL user NUL password`. IM&P offers it (S27, a
#   Pidgin log against an IM&P without OAuth). The lab never passes it on over MRA; that rule is
#   the lab's reading [U].
# - **CISCO-VTG-TOKEN** carries base64 of `userid=<user>@<presence domain>` NUL
#   `token=<one-time token>`. It is Cisco-specific; the format comes from two independent pieces
#   of third-party code (S28). The one-time token comes from IM&P's EPAS SOAP service (`login`,
#   then `get-onetime-password`).
# - **OAUTHBEARER** (RFC 7628) carries the OAuth access token, `auth=Bearer <token>`. An IM&P
#   offered it in a 2019 report (S26); the seed article says it is required for OAuth.
#
# `X-OAUTH2` was not seen in any Cisco context [U]. So the mechanism Jabber needs with its tokens
# is OAUTHBEARER, as you predicted in section 2 (exercise `06-jabber-mechanism`).

# %% [markdown]
# **Which mechanism IM&P offers, and when.** Without OAuth, IM&P offers PLAIN and
# CISCO-VTG-TOKEN (S27 [C]). With OAuth refresh logins enabled, the lab adds OAUTHBEARER. A real
# IM&P was seen offering all three (S26), but that the offer follows the "OAuth with Refresh
# Login Flow" parameter is **inferred [U]**. Cisco documents neither this condition nor which
# mechanism Jabber uses with OAuth. OAUTHBEARER is the likely one, and the article's case points
# to it.

# %%
fresh = uclab.Lab(seed=1)          # refresh logins still Disabled (the CUCM default)
print("refresh logins Disabled:", fresh.imp.sasl_mechanisms())
print("refresh logins Enabled: ", lab.imp.sasl_mechanisms())
print(uclab.facts.OAUTHBEARER_CONDITION.cite())

# %% [markdown]
# **The OAUTHBEARER message (RFC 7628 §3.1).** The client's first message is
#
# ```
# gs2-header %x01 *( key "=" value %x01 ) %x01
# ```
#
# The gs2-header (RFC 5801) is `n,` (no channel binding) plus an optional `a=<authzid>` and a
# comma. Each key=value pair ends with byte `\x01`, and one extra `\x01` closes the message.
# `auth=Bearer <token>` is required; `host=` and `port=` name the server the client believes it
# is talking to. Here is RFC 7628's own example (§4.1), built by the lab's encoder:

# %%
print(sasl.encode_oauthbearer("vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==",
                              authzid="user@example.com", host="server.example.com", port=143))

# %% [markdown]
# When the token is bad, RFC 7628 does not fail the exchange at once. The server sends a JSON
# error as a *challenge* (for example `{"status":"invalid_token",…}`), the client answers with a
# lone `\x01`, and only then does the server send `<failure>` (§3.2.2, §3.2.3).
#
# For comparison, the other two mechanisms with made-up values:

# %%
print(sasl.encode_vtg_token("alice", "example.com", "one-time-token-from-EPAS"))
print(sasl.encode_plain("alice", "not-a-real-password"))

# %% [markdown]
# ## 6. The fix: restart Expressway-C
#
# ### Predict: what fixed it in the seed article?
#
# A. Unified CM servers > Refresh servers on Expressway-C ·
# B. Restart Cisco XCP Authentication Service on IM&P ·
# C. Save 'Authorize by OAuth token with refresh' = On again on Expressway-C ·
# D. Restart (reboot) Expressway-C

# %%
answer = None  # your prediction, e.g. "A" or the text of a choice

# %%
uclab.checks.check("06-seed-fix", answer)

# %% [markdown]
# In the article a reboot of Expressway-C fixed it. In the lab's model [U], the restart reloads
# the running configuration from the saved page:

# %%
lab.expc.restart()
print(lab.expc.xconfig.listing())

# %%
fixed = len(lab.exchanges)
print(lab.client.sign_in())
print("\n".join(lab.client.prt().splitlines()[-3:]))

# %% [markdown]
# Now Jabber receives CISCO-VTG-TOKEN **and** OAUTHBEARER, logs `SASL mechanism:OAUTHBEARER`,
# and IM&P answers `<success/>`. Over MRA it is **Expressway-C's** XCP router that routes
# Jabber's `<auth>` from Expressway-E's connection manager (`cm-1_jsmcp-1`) to IM&P's `auth-1`
# component and logs it, the payload masked `XXXXXXX`, as in the article's Expressway-C line;
# the `type:1` line with the answer is modelled [U]. IM&P's own XCP_JABBERD line records the
# accepted authentication; its wording is the lab's, since no real IM&P XCP authentication
# line is published (FORMATS.md §5):

# %%
print("\n".join(lab.render_logs(host=lab.expc.host, dialect="XCP_JABBERD").splitlines()[-2:]))
print(lab.render_logs(host=lab.imp.host, dialect="XCP_JABBERD"))

# %% [markdown]
# ### Decode the OAUTHBEARER message Jabber sent
#
# `uclab.sim.jabber.xmpp.sent_auth` returns the mechanism and the decoded payload of the first
# `<auth>`
# Jabber sent (a small helper added for this notebook). The payload holds the raw access token, so
# it is masked before printing. Look for the `\x01` separators.

# %%
mechanism, message = xmpp.sent_auth(lab.exchanges[fixed:], lab.client.name)
token = lab.client.tokens.access_token
print(mechanism)
print(message.replace(token.encode(), b"<access token>"))

# %%
parsed = sasl.parse_oauthbearer(message)
print("gs2 authzid:", parsed.authzid)
print("host, port: ", parsed.host, parsed.port)
print("auth:       ", parsed.auth[:27] + "…")
print("it is Jabber's access token:", parsed.auth == f"Bearer {token}")

# %% [markdown]
# The token starts with `eyJhbGciOiJSUzI1NiIs`, which is just base64url for `{"alg":"RS256",`.
# Notebook 02 opens this CUCM access token: an RS256-signed JWT around an encrypted one. IM&P
# validates it with its own copy of the CUCM keys.
#
# Here is the fixed login as a ladder. Compare the last hops with the failing one: a second XMPP
# round trip now carries `auth OAUTHBEARER`.

# %%
uclab.views.ladder(lab.exchanges[fixed:], title="After the restart: SASL OAUTHBEARER success")

# %% [markdown]
# ## 7. Break it: the fault panel
#
# The same case from the fault registry, in the panel used by notebook 08. It builds a fresh
# seeded lab with the fault, runs the probe (a fresh Jabber signs in, then opens UDS and
# voicemail), and applies the registered fix. In JupyterLab you can click it; here the cells
# drive it through its methods, so the saved notebook shows the results.

# %%
panel = uclab.widgets.fault_panel(seed=1)
panel

# %%
panel.select("expc-oauthlocal-off")
from IPython.display import HTML

HTML(panel.details.value)

# %%
print(panel.run())
print(panel.output.outputs[0]["text"])

# %%
panel.figure

# %%
print(panel.fix())
print("\n".join(panel.output.outputs[0]["text"].splitlines()[:3]))

# %% [markdown]
# `uclab.faults.check` runs the same proof without a panel: the symptom appears with the fault in
# place, and the fix clears it.

# %%
proof = uclab.faults.check("expc-oauthlocal-off")
print("symptom seen:", proof.symptom_seen, "| after the fix:", proof.after, "| proven:",
      proof.proven)

# %% [markdown]
# ## Interview questions
#
# <details>
# <summary>Jabber got its access token over MRA but IM does not work. Where do you look?</summary>
#
# At XMPP authentication. The token is used in a separate SASL exchange with IM&P, relayed by
# Expressway-E/C. In the PRT, look for the stream features Jabber received
# (`HandleXmlTag … Recv:<stream:features>`) and the line "The server doesn't offer any SASL
# authentication mechanism that we can support". Then compare what IM&P offered (Expressway-C's
# XCP_JABBERD DELIVER lines) with what Expressway-C passed on.
# </details>
#
# <details>
# <summary>Which SASL mechanisms matter with IM&P, and what does each carry?</summary>
#
# PLAIN carries a username and password (RFC 4616). CISCO-VTG-TOKEN carries
# `userid=user@domain` NUL `token=<one-time token>` from IM&P's EPAS service; it is used for
# credentials logins (S28, third-party). OAUTHBEARER carries the OAuth access token as
# `auth=Bearer …` (RFC 7628). With OAuth, Jabber needs OAUTHBEARER. That is likely but not
# documented by Cisco; the seed article calls IM&P's OAUTHBEARER offer required.
# </details>
#
# <details>
# <summary>What does an OAUTHBEARER client message look like?</summary>
#
# A gs2-header such as `n,a=alice@example.com,`, then `\x01`, then key=value pairs each ended
# by `\x01` (`host=`, `port=`, `auth=Bearer <token>`), then a final `\x01`. On a bad token the
# server sends a JSON error challenge, the client answers `\x01`, and the server fails the
# exchange.
# </details>
#
# <details>
# <summary>The MRA Access Control page shows OAuth with refresh On, yet Expressway-C acts as if it
# were Off. What do you check, and what fixed it in the field?</summary>
#
# The running configuration, `xConfiguration CollaborationEdge`. The seed article saw
# `OAuthLocal: Off` there, and a reboot of Expressway-C fixed it. Why the configuration was
# stuck is not known [U]. The xConfiguration names are field observations, not documented by
# Cisco.
# </details>
#
# <details>
# <summary>Why was Refresh servers not the fix here?</summary>
#
# Refresh servers fetches the CUCM keys (and the IM&P realm data). The keys were already there:
# Expressway-C had validated the access token ("Matched AuthZ key"), and the tokens were issued.
# The failure came later, in the SASL mechanisms Expressway-C advertised from its running
# configuration.
# </details>

# %% [markdown]
# ## Summary
#
# - OAuth and XMPP are separate steps. Jabber can hold valid tokens and still fail at IM, because
#   XMPP needs a SASL mechanism that carries the token (OAUTHBEARER, RFC 7628).
# - IM&P offered OAUTHBEARER; Expressway-C filtered it out because its **running**
#   `xConfiguration CollaborationEdge OAuthLocal` was Off while the page said On (why is not
#   known; the page-versus-running model is the lab's [U]). Jabber received only
#   CISCO-VTG-TOKEN (the credentials-login mechanism).
# - Jabber's PRT shows the features it received, `SASL token empty:0`, an empty
#   `SASL mechanism:` and "The server doesn't offer any SASL authentication mechanism that we can
#   support" (field observation).
# - The seed's fix was a reboot of Expressway-C. Check `xConfiguration` when the page and the
#   behaviour disagree. The xConfiguration names are field observations; their mapping to the
#   GUI is uclab's inference [U].
# - Also check, as the article advises: `show key authz signing|encryption` on every node, and
#   Refresh servers on Expressway-C.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [IM&P and XMPP](10-interview-preparation.ipynb#topic-imp-xmpp)
# - [troubleshooting](10-interview-preparation.ipynb#topic-troubleshooting)
