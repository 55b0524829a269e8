# %% [markdown]
# ## 1. SIP OAuth: the phone line registers with the token
#
# Notebooks 04–07 end once Jabber has its tokens, its contact data and chat. The phone line is
# a separate sign-in: Jabber **registers** a SIP line with CUCM. Secure SIP used to need a
# certificate on every client (an LSC, issued by CAPF, with CUCM in mixed mode). **SIP OAuth
# mode** (CUCM 12.5, Jabber 12.5, Expressway X12.5) lets Jabber register its TLS line with its
# OAuth **access token** instead: no CAPF, no mixed mode (S10 = TAC 215572; S11, S36).
#
# What the documents give (S10 unless marked):
#
# - **CUCM**: the two OAuth ports per node under System > Cisco Unified CM, **SIP Phone OAuth
#   Port** (on-premises Jabber, TLS) and **SIP Mobile and Remote Access Port** (Expressway-C,
#   mutual TLS), range 1024–49151; `utils sipOAuth-mode enable` on the publisher, then a
#   restart of Cisco CallManager; **Enable OAuth Authentication** in the phone security
#   profile. CallManager uses the **Tomcat** certificate and **tomcat-trust** on both ports.
# - **Device config file** `<CSF device>.cnf.xml` (TFTP, port 6970): `sipOAuthMode`,
#   `sipOAuthPort`, `sipMRAOAuthPort`.
# - **Expressway-C**: Refresh servers pushes its certificate names to CUCM (AXL) and creates
#   the zone `CEOAuth <Unified CM>` (S6).
# - **The exchange**: a challenge, then the REGISTER with the token, then 200 OK; and two
#   documented failures, a 403 with a Warning and a TLS alert on the MRA port.
#
# **Modelled, not documented:** how CUCM prints SIP in its SDI trace (the line grammar is real,
# S18; the texts are the lab's), the Jabber PRT source locations, the lab's answer to a token
# that does not validate (a new challenge) and Expressway-C's 503 when its leg to CUCM fails.
# `uclab facts sip` lists every string with its source and label.

# %%
import uclab
from uclab import facts
from uclab.workbook.probes import nb11_sip
from uclab.workbook.widgets.sip import sip_oauth_panel

for entry in (facts.SIP_PHONE_OAUTH_PORT, facts.CLI_SIP_OAUTH_ENABLE, facts.ENABLE_OAUTH_AUTH,
              facts.CNF_SIP_OAUTH_MODE, facts.CEOAUTH_ZONE, facts.SDI_SIP_IN):
    print(f"{entry.name:22} {entry.value!r:42} {entry.label} {entry.evidence} ({entry.source})")

# %% [markdown]
# ### Predict before you read on
#
# Over MRA Jabber reaches Expressway-E, and Expressway-C carries the REGISTER to CUCM. To which
# CUCM port does Expressway-C send it (the default)?

# %%
answer = None  # your prediction, a port number, e.g. 5060

# %%
uclab.checks.check("11-sip-mra-port", answer)

# %% [markdown]
# ### Turning it on
#
# `lab.configure_sip_oauth()` runs S10's steps after the OAuth set-up of notebook 04, and
# returns them. It is an opt-in: a lab without it has no SIP at all, so every earlier notebook
# is unchanged.

# %%
lab = uclab.Lab(seed=1)
lab.configure_oauth()
for step in lab.configure_sip_oauth():
    print(step)
pub = lab.cucm.publisher
print()
print("admin:", facts.SIP_OAUTH_SQL)
print(pub.cli(str(facts.SIP_OAUTH_SQL)))
print("Expressway-C zones:", ", ".join(lab.expc.sip_zones.values()))

# %% [markdown]
# The device config file Jabber reads first (only the SIP OAuth fields and what the lab needs;
# a real file has many more elements):

# %%
print(lab.cucm.sip.device_config("CSFALICE", pub.host))

# %% [markdown]
# ### Predict: the first answer
#
# Jabber's first REGISTER carries no credentials. What does CUCM answer?
#
# - A: `200 OK`
# - B: `401 with WWW-Authenticate: Bearer realm="ccmsipline"`
# - C: `407 with Proxy-Authenticate: Bearer realm="ccmsipline"`
# - D: `403 Forbidden`

# %%
answer = None  # your prediction, a letter or the text, e.g. "A"

# %%
uclab.checks.check("11-sip-first-answer", answer)

# %% [markdown]
# ### The registration, hop by hop
#
# Alice signs in as in notebook 05, then her line registers: the device config file through
# the edge (three hops), then two REGISTERs, each crossing Expressway-E (TLS, 5061), the
# traversal zone to Expressway-C, and the mutual-TLS leg to CUCM. Each proxy adds its `Via`.

# %%
assert lab.client.sign_in()
start = len(lab.exchanges)
print(lab.client.register_sip())
for hop in lab.hops(start):
    print(hop)

# %% [markdown]
# CUCM's side, in the SDI grammar (modelled texts): the token is shown concealed, as every
# rendered log in uclab shows it.

# %%
sdi = lab.render_logs(host=pub.host).splitlines()
print("\n".join(line for line in sdi if "sipOAuth" in line or "Proxy-Auth" in line))

# %% [markdown]
# ### Predict: the box left unticked
#
# SIP OAuth mode is on and CallManager was restarted, but the phone security profile of
# Jabber's CSF device does not have "Enable OAuth Authentication" ticked. What does the
# REGISTER get?
#
# - A: `407, then 200 OK as usual`
# - B: `403 with Warning "SIP OAuth Registration port Mismatch"`
# - C: `no SIP answer: the TLS handshake ends with unknown CA`
# - D: `404 Not Found`

# %%
answer = None  # your prediction, a letter or the text, e.g. "A"

# %%
uclab.checks.check("11-sip-profile-unticked", answer)

# %% [markdown]
# ### Predict: an untrusted signer
#
# CUCM's tomcat-trust lacks the CA that signed Expressway-C's certificate. Which hop of the
# REGISTER leg fails first?
#
# - A: `Jabber -> Expressway-E`
# - B: `Expressway-E -> Expressway-C`
# - C: `Expressway-C -> CUCM`

# %%
answer = None  # your prediction, a letter or the text, e.g. "A"

# %%
uclab.checks.check("11-sip-unknown-ca-hop", answer)

# %% [markdown]
# ### Switch the variant
#
# Each button builds a fresh lab of that variant, signs alice in and registers her line; the
# ladder redraws. **Off**: Jabber reads `sipOAuthMode` 0 and would use the legacy ports (not
# simulated). **Port mismatch**: CUCM refuses with the 403 and its Warning. **Unknown CA**: the
# last hop has no SIP answer at all; the lab's Expressway-C answers Jabber 503 [modelled].

# %%
panel = sip_oauth_panel()
panel

# %% [markdown]
# Without a frontend the panel can be driven from code; its status says how each variant
# ended:

# %%
for label in nb11_sip.NB11_SIP_VARIANTS:
    run = panel.run(label)
    print(f"{label:40} {run.outcome}")

# %% [markdown]
# Both failures are faults of the catalogue (`sip-oauth-port-mismatch`,
# `sip-oauth-unknown-ca`): notebook 08's runner and `uclab diagnose` know them, and the
# analyser names each from the logs alone (the 403's Warning is published, SIG-39; the unknown
# CA alert only in a packet capture, SIG-40, so its log line is the lab's).
#
# **In an interview**
#
# - [SIP OAuth](10-interview-preparation.ipynb#topic-sip-oauth): what it replaces, the ports,
#   the 407 / Bearer exchange, how to verify it, and its two documented failures.
# - [MRA](10-interview-preparation.ipynb#topic-mra): what Refresh servers does on
#   Expressway-C (keys, and here the CEOAuth zone and the AXL push).
# - [Troubleshooting](10-interview-preparation.ipynb#topic-troubleshooting): reading a 403
#   Warning, and telling a TLS failure (no answer) from a SIP refusal.
