# %% [markdown]
# ## 3. SAML SSO over MRA
#
# With SAML SSO the user types the password (and answers the second factor) at the company's
# **identity provider** (IdP), not at CUCM. Three roles meet in the login:
#
# - the **IdP** (AD FS, Microsoft Entra ID, ...) authenticates the user and returns a signed
#   **SAML assertion** that carries the user id in the `uid` attribute (T217268, MRA guide);
# - the **SAML service provider** (SP) checks the assertion against the IdP metadata it
#   imported: signing certificate, validity window (`NotBefore` / `NotOnOrAfter`), `uid`.
#   Inside the network that is CUCM's **ssosp**; over MRA the IdP's relying parties are the
#   **Expressway-Es** and **Expressway-C** holds the IdP metadata (MRA guide, "Single Sign-On
#   (SSO) over the Collaboration Edge"; source key MRASSO);
# - CUCM's **AuthZ service** is the OAuth authorization server: it issues Jabber's access and
#   refresh tokens, with SSO or without it (S1, S6, S11).
#
# **Entra ID is a SAML IdP here, not the authorization server of Jabber's tokens.** It
# authenticates the user and sends a SAML assertion to the SP (ENTRA). The tokens Jabber
# carries to Expressway, UDS, IM&P and Unity Connection are CUCM's, checked with copies of
# CUCM's keys. Entra ID issues OAuth tokens for Microsoft's own APIs, which is a different
# login.
#
# **What is documented and what is the lab's model.** The ssosp lines (loggers, texts,
# `Time Valid?`, the misspelt `Realy state`), the AD FS entity id and `/adfs/ls/`, the ACS
# `/ssosp/saml/SSO/alias/<fqdn>`, the `uid` claim rule and the Expressway-C text
# `No uid Attribute in Assertion from IdP` come from Cisco documents (T217268, S8, MRASSO).
# These parts are **modelled** [U]:
#
# - the Entra ID URL patterns (`sts.windows.net/<tenant>/`, `/<tenant>/saml2`);
# - the Expressway-E consumer path `fedlet`, which comes from a third-party test app (S25);
# - Expressway-C's texts for a bad signature or a bad time window (they are not published);
# - how Expressway-C gets CUCM's code once the IdP has vouched for the user;
# - the IdP's pages, its MFA step and its session cookie;
# - the signature itself: Ed25519 over the message text, where real SAML uses XML-DSig with
#   canonicalisation;
# - a clock allowance of 180 s, because neither product publishes its own.

# %%
import uclab
from uclab import checks, facts
from uclab.workbook.probes import nb11_sso
from uclab.workbook.widgets.sso import sso_switcher

print(facts.ENTRA_ROLE.cite())
print(facts.UID_ATTRIBUTE.cite())

# %% [markdown]
# ### Turning it on
#
# `lab.configure_sso(idp="adfs")` (or `"entra"`) does what the guides ask, in this order. It
# imports the IdP metadata on CUCM and on Expressway-C, sets the relying parties and the
# `uid` claim rule on the IdP, and sets Expressway-C's authentication path to SAML.

# %%
lab = uclab.Lab(seed=1)
for step in lab.configure_sso("entra"):
    print("-", step)

# %% [markdown]
# ### Predict first
#
# AD FS rolled its signing certificate over (auto-rollover), and nobody imported its
# metadata again. Alice signs in over MRA. Which node rejects the SAML assertion:
# `CUCM (ssosp)`, `Expressway-C`, `Expressway-E` or `the IdP`?

# %%
answer = None  # your prediction, e.g. "the IdP" or "D"

# %%
checks.check("11-sso-checker-over-mra", answer)

# %% [markdown]
# Now the Entra ID profile. Alice signs in over MRA. Which node answers the request that
# gives Jabber its refresh token: `Microsoft Entra ID`, `CUCM` or `Expressway-C`?

# %%
answer = None  # your prediction, e.g. "Expressway-C" or "C"

# %%
checks.check("11-sso-token-issuer-entra", answer)

# %% [markdown]
# ### The ladder, by IdP and by fault
#
# Pick the IdP profile or a fault. Alice's Jabber signs in over MRA and the ladder redraws.
# Its **embedded browser** has a lane of its own. That lane carries the edge authorize
# request, the IdP's pages and the auto-posted `SAMLResponse` to Expressway-E. Jabber's own
# lane carries the back channel: the token request and `get_edge_config`. The log lines are
# Expressway-C's `Edge SSO` events; the SAML response value is concealed.

# %%
switcher = sso_switcher(seed=1, variant="AD FS")
switcher

# %%
for variant in nb11_sso.VARIANTS:
    switcher.select(variant)
    print(f"{variant:22} {switcher.outcome}")

# %%
print("Over MRA the lab rejects the assertion at", nb11_sso.nb11_sso_checker_over_mra(1) + ":",
      facts.EXPC_SIG_INVALID, f"({facts.EXPC_SIG_INVALID.label}, modelled text)")
lab, outcome, start = nb11_sso.mra_sign_in(1, "Entra ID")
token_hops = [h for h in lab.hops(start) if "/ssosp/oauth/token" in h]
print("The refresh token came from CUCM:", token_hops[0])

# %% [markdown]
# ### The same faults inside the network: CUCM's real ssosp lines
#
# Inside the network a browser signs in to CUCM itself, and ssosp is the SP. The lab then
# writes the ssosp log in its real log4j grammar (`tomcat/logs/ssosp/log4j/ssosp*.log`,
# FORMATS.md §1.5). Compare the lines with the TAC sample
# `cucm-ssosp-saml-sso-success-flow-adfs.log`.
# A rolled-over certificate gives SIG-22, a slow IdP clock gives `Time Valid?:false`
# (SIG-23), and a missing claim rule gives an empty `Attributes: {}` (SIG-24). The
# exception texts after `Time Valid?:false` and after the empty attributes are the lab's
# wording.

# %%
for variant in ("AD FS", "certificate mismatch", "clock skew", "uid missing"):
    print(f"== {variant}")
    print(nb11_sso.ssosp_log(1, variant).split("\n", 6)[-1])

# %% [markdown]
# ### The benefit: MFA once, then no prompt
#
# Alice signs in once: password and MFA at the IdP. Then her access token expires three
# times, and each time Jabber uses UDS. How many of the hops after the sign-in reach the IdP?

# %%
answer = None  # your prediction as a number, e.g. 3

# %%
checks.check("11-sso-idp-hops-after-refreshes", answer)

# %%
seen = nb11_sso.benefit(1)
print("IdP prompts at the sign-in (password, MFA):", seen["prompts_at_sign_in"])
print("IdP prompts later:", seen["prompts_later"])
print("IdP hops after the sign-in:", seen["idp_hops_later"])
print("\n".join(h for h in seen["hops"] if "access_token" in h or "token" in h))

# %% [markdown]
# ### In an interview
#
# - Who is the SAML SP for Jabber inside the network, and who is it over MRA? (CUCM's ssosp;
#   Expressway, with the IdP metadata on Expressway-C.) See
#   [SSO and SAML](10-interview-preparation.ipynb#topic-sso-saml).
# - "Is Entra ID the authorization server for Jabber?" No: it is the SAML IdP, and CUCM
#   issues the tokens. See [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz).
# - SSO broke after a certificate rollover, an NTP change, or a new relying party: name the
#   ssosp line and the fix for each (SIG-22, SIG-23, SIG-24). See
#   [troubleshooting](10-interview-preparation.ipynb#topic-troubleshooting).
# - Why does the user not see the IdP again for 60 days? (Refresh tokens go to CUCM; the
#   IdP only comes back when the refresh token ends.) See
#   [tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys).
