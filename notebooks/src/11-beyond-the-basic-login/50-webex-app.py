# %% [markdown]
# ## 5. The Webex app as the client
#
# **What it is.** In on-premises mode the Webex app signs in to CUCM the way Jabber does: the
# same discovery, the same `get_edge_sso`, the same authorization code grant with refresh
# tokens over MRA, tokens issued by CUCM (fact sheet §3 covers "Jabber and the Webex app in
# on-premises mode"; S20 is a TAC case of the Webex app on iOS signing in to CUCM phone
# services). The lab's Webex app is a Jabber-shaped client with two differences, both
# **lab-only**: its own client registration on CUCM (the real client id is not public) and its
# own User-Agent (not in any source), so a ladder tells the two apart.
#
# **What CUCM 15 adds, documented (S3, chunk 241):** refresh-token renewal, "applicable from
# Release 15 onwards and for Webex clients only". When a Webex client renews its access token,
# CUCM checks that "the refresh token renewal feature has been enabled on Cisco Unified CM and
# Webex clients" and that the refresh token's lifetime "has reached 50% of its expiry time";
# when both hold, the refresh token is renewed during the access-token renewal. Expressway
# X15.0 lists "Webex Unified CM Calling Support Auto-extend Refresh Token" in its change history
# (S32).
#
# **What is not documented, so the lab models it (labelled in `uclab.facts`):**
#
# - the name and page of the CUCM setting (fact sheet §6 item 14): the lab has one switch,
#   `lab.cucm.enable_refresh_token_renewal()`, which refuses a release before 15;
# - how the app tells CUCM that its own setting is on: the lab's app sends a form field of the
#   lab's own (`facts.RENEWAL_CLIENT_FIELD`, a lab extension);
# - what happens to the old refresh token: S3 does not say; the lab leaves it valid until its
#   own expiry (nothing revokes it), but the app keeps only the new one.

# %%
import uclab
from uclab import checks, facts
from uclab.workbook.probes import nb11_webex
from uclab.workbook.widgets.webex import RenewalPanel

for entry in (facts.RENEWAL_FEATURE, facts.RENEWAL_PERCENT, facts.RENEWAL_EXPRESSWAY,
              facts.RENEWAL_CLIENT_FIELD, facts.RENEWAL_OLD_TOKEN, facts.WEBEX_USER_AGENT):
    print(f"{entry.name}: {entry.cite()}  [{entry.evidence}]")

# %% [markdown]
# The same flow: a Webex app signs in over MRA on a default lab, hop for hop like Jabber. Only
# the sender's name and the client id in the requests differ.

# %%
webex_lab = uclab.Lab(seed=1, client="webex")
webex_lab.configure_oauth()
print(webex_lab.client)
print(webex_lab.client.sign_in())
for hop in webex_lab.hops()[:6]:
    print(hop)

# %% [markdown]
# A setting the product does not have is refused with the reason (CUCM 14 has no renewal,
# Jabber has no renewal setting):

# %%
for attempt in (lambda: webex_lab.cucm.enable_refresh_token_renewal(),
                lambda: uclab.Lab(seed=1, client="jabber", client_renewal=True)):
    try:
        attempt()
    except uclab.ConfigError as exc:
        print("ConfigError:", exc)

# %% [markdown]
# ### Exercises
#
# Predict first; the timeline below shows the answers.

# %%
answer = None  # your prediction, e.g. "the Webex app on CUCM 15, renewal on in CUCM only"

# %%
checks.check("11-webex-which-renews", answer)

# %%
answer = None  # your prediction in days, e.g. 45

# %%
checks.check("11-webex-first-renewal-day", answer)

# %%
answer = None  # your prediction, e.g. "yes"

# %%
checks.check("11-webex-just-before-half", answer)

# %% [markdown]
# ### The token timeline: switch the client, the release and the two settings
#
# Each change reruns 100 days of use, twice a day, with CUCM's default timers (access token 60
# minutes, refresh token 60 days), and redraws the timeline of notebook 07. A renewal is a green
# line: the old refresh token's bar ends there and a new 60-day bar starts. Without renewal the
# first refresh token runs out on day 60 and the user must sign in again.

# %%
panel = RenewalPanel(seed=1)
panel

# %%
print(panel.summary())
print(panel.choose(on_app=False))
print(panel.choose(client="jabber"))
print(panel.choose(client="webex", cucm=nb11_webex.CUCM_BEFORE, on_cucm=False, on_app=True))

# %% [markdown]
# The figure counts its renewals in `meta` (so a test can read them):

# %%
events = nb11_webex.renewal_usage(1, days=100)
figure = uclab.views.token_timeline(events, title="The Webex app on CUCM 15, renewal on")
print(figure.layout.meta["renewals"], figure.layout.meta["counts"]["re-login"])

# %% [markdown]
# **In an interview**
#
# - "Why does a Webex user on CUCM 15 keep working past 60 days when a Jabber user does not?"
#   Renewal is for Webex clients only, from Release 15, enabled on both sides, at 50 % of the
#   refresh token's life (S3) — [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz).
# - Say what is not documented: the setting's name, the client's signal, the old token's fate —
#   [Tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys).
# - The same OAuth flow as Jabber over MRA —
#   [MRA](10-interview-preparation.ipynb#topic-mra).
