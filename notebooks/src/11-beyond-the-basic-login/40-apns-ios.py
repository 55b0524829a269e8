# %% [markdown]
# ## 4. APNs and iOS clients
#
# **What it is, documented.** The IM&P guide's chapter "Configure Push Notifications" (source
# key IMPPUSH14 in `uclab.facts.sources`; the CUCM system configuration guide has the same
# chapter, CUCMPUSH14) says:
#
# - with push enabled, the UC servers use Apple's and Google's cloud push services to push call
#   and instant-message notifications to Jabber or Webex clients that are in "suspended mode
#   (also known as background mode)";
# - a client counts as suspended when the app runs off-screen (in the background), the device
#   is locked, or its screen is off;
# - then "the standard communication channel is unavailable", so IM&P cannot reach the client
#   directly; push "provides another channel to reach the clients through the partner clouds";
# - push is needed inside the network and for clients registered over MRA.
#
# The fact sheet adds: iOS push over MRA needs IM&P push configured and Expressway-C refreshed
# **and restarted** (S9), and self-describing tokens "optimize Expressway support for APNs" (S6).
#
# **Why self-describing tokens matter to Expressway.** A woken app comes back over MRA with a
# token. With self-describing (self-contained, signed and encrypted) tokens, Expressway-C checks
# the token itself with the keys it fetched from CUCM ("Refresh servers", S6), and IM&P does the
# same with its copy (S2): nobody asks CUCM whether the token is good. The older, simple tokens
# lived in the issuing node's memory and had to be checked there (S1).
#
# **Not confirmed, labelled in the lab:** an APNs push telling the app its token expired (a
# reader comment under the seed article reports one; no Cisco source does, fact sheet §6 item 10);
# the REST API, host and payload of Cisco's cloud push service; what IM&P does with an IM for a
# suspended client when push is off. The lab's two clouds are **lab models** (hosts
# `push.cisco-cloud.lab`, `apns.apple.lab`), and the last hop, Apple to the iPhone, is not drawn
# (it is not a request the lab can record).

# %%
from uclab import checks, facts
from uclab.workbook.probes import nb11_apns
from uclab.workbook.widgets.apns import PushPanel

for entry in (facts.PUSH_SUSPENDED_MODE, facts.PUSH_SUSPENDED_BACKGROUND,
              facts.PUSH_SUSPENDED_LOCKED, facts.PUSH_SUSPENDED_SCREEN_OFF,
              facts.PUSH_EXPRESSWAY_STEP, facts.PUSH_SELF_DESCRIBING,
              facts.PUSH_TOKEN_EXPIRY_PUSH, facts.PUSH_CLOUD_HOST, facts.APNS_HOST):
    print(f"{entry.name}: {entry.cite()}  [{entry.evidence}]")

# %% [markdown]
# ### Exercises
#
# alice's Jabber runs on an iPhone and signed in over MRA. bob sends her an instant message
# while the app is suspended. Predict; the panel below shows what happens.

# %%
answer = None  # your prediction, e.g. "yes"

# %%
checks.check("11-apns-without-push", answer)

# %%
answer = None  # your prediction, e.g. "Expressway-E"

# %%
checks.check("11-apns-who-pushes", answer)

# %%
answer = None  # your prediction, e.g. 3

# %%
checks.check("11-apns-cucm-requests", answer)

# %% [markdown]
# ### The ladder: switch the app state, push, and the time since the last use
#
# Foreground: the IM goes over the open XMPP stream, nothing new on the ladder. Suspended with
# push: IM&P posts to Cisco's cloud, which posts to APNs; the app wakes, refreshes its access
# token if it has expired (the one request that reaches CUCM), and opens XMPP again through
# Expressway with OAUTHBEARER. Suspended without push: nothing reaches the app.

# %%
panel = PushPanel(seed=1)
panel

# %%
print(panel.text())
print(panel.choose(hours=0.5))
print(panel.choose(push=False))
print(panel.choose(state="foreground", push=True))

# %% [markdown]
# Which of those requests reached CUCM, after a two-hour sleep? Count them on the ladder, or:

# %%
push_lab, delivery = nb11_apns.ios_im(1, suspended=True, push=True, hours=2.0)
to_cucm = [ex for ex in nb11_apns.delivery_exchanges(push_lab, delivery)
           if ex.dst.startswith("cucm")]
print(delivery.refreshed, [f"{ex.src} -> {ex.dst} {ex.request.path}" for ex in to_cucm])

# %% [markdown]
# **In an interview**
#
# - "What changes for a backgrounded iOS client over MRA?" Suspended mode, push through Cisco's
#   and Apple's clouds, IM&P for IMs (CUCM for calls, by the usual reading), Expressway-C
#   refreshed and restarted (S9) —
#   [MRA](10-interview-preparation.ipynb#topic-mra).
# - "Why do self-describing tokens help Expressway with APNs?" It validates them locally with
#   the keys from CUCM (S6) —
#   [Tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys).
# - Say which parts are not documented (an APNs "token expired" push) —
#   [IM&P and XMPP](10-interview-preparation.ipynb#topic-imp-xmpp).
