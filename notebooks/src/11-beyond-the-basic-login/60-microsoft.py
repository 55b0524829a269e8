# %% [markdown]
# ## 6. Microsoft beside Cisco UC
#
# Microsoft shows up in three places around CUCM's OAuth. Entra ID as CUCM's SAML identity
# provider is section 3's topic. This section is about the other two.
#
# **Unity Connection and Office 365 (unified messaging).** For Jabber's voicemail, Unity
# Connection validates CUCM's tokens with keys it syncs from CUCM (S13, S12). Unified messaging
# with Office 365 is another OAuth relationship. The Unity Connection 15 Unified Messaging Guide
# has a "Task List for Configuring Unified Messaging with Office 365" and a "Task List for
# restricting Application Permissions to mailboxes" (CUCUM15; we read its table of contents in a
# third-party copy). Application permissions mean an app-only token, with no user signed in: the
# Microsoft identity platform's **client credentials grant** (RFC 6749 §4.4). Microsoft documents
# it as `POST https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token` with
# `grant_type=client_credentials`, the app registration's client id and secret, and
# `scope=<resource>/.default`, which stands for the permissions an admin granted (MSCLIENTCREDS).
#
# **Labelled [U] / lab model:** that Unity Connection uses exactly this grant is inferred from
# the guide's wording, and which API it then calls (Graph or EWS) is not confirmed. The lab's
# Microsoft endpoints are models with opaque tokens. Microsoft's real tokens are JWTs.
#
# **Skype for Business Server.** It uses OAuth for *server-to-server authentication* with
# Exchange and SharePoint, on premises, in Microsoft 365, or hybrid, with its default SIP domain
# as the OAuth realm. A *partner application* is one it exchanges security tokens with directly,
# without a third-party token server (`New-CsPartnerApplication`; SFBS2S, SFBPARTNER). There is
# no user sign-in flow in this: servers trust each other's tokens. The lab does not simulate it.

# %%
from uclab import checks, facts
from uclab.workbook.widgets.microsoft import Office365Panel

for entry in (facts.MS_LOGIN_HOST, facts.MS_TOKEN_PATH, facts.MS_GRAPH_DEFAULT_SCOPE,
              facts.CUC_UM_O365_TASKS, facts.CUC_UM_APP_PERMISSIONS, facts.CUC_UM_GRANT,
              facts.MS_GRAPH_MESSAGES, facts.SFB_S2S, facts.SFB_PARTNER_APPLICATION,
              facts.SFB_NEW_PARTNER):
    print(f"{entry.name}: {entry.cite()}  [{entry.evidence}]")

# %% [markdown]
# ### Exercises

# %%
answer = None  # your prediction, e.g. "Microsoft Entra ID"

# %%
checks.check("11-microsoft-oauth-client", answer)

# %%
answer = None  # your prediction, e.g. "yes"

# %%
checks.check("11-microsoft-refresh-token", answer)

# %% [markdown]
# ### The ladder: working, a wrong client secret, no admin consent
#
# The roles turn round compared with Jabber's voicemail. Here Unity Connection is the OAuth
# *client*, Microsoft's identity platform the *authorization server*, and the mail API the
# *resource server*. No refresh token comes back: "refresh tokens will never be granted with this
# flow" (MSCLIENTCREDS). The client asks again with its own credentials when the token expires.
#
# Unity Connection syncs one voicemail for alice. It asks for a token, then calls the mail API
# with it. The secret is concealed on the ladder, as every secret is.

# %%
panel = Office365Panel(seed=1)
panel

# %%
print(panel.text())
print(panel.choose("wrong client secret"))
print(panel.choose("no admin consent"))

# %% [markdown]
# ### Where OAuth, OIDC and SAML appear
#
# | Where | OAuth 2.0 | OpenID Connect | SAML 2.0 |
# |---|---|---|---|
# | Jabber / Webex app ↔ CUCM (MRA too) | CUCM is the AS (1) | — | IdP login (2) |
# | Expressway-C, IM&P, Unity ↔ CUCM's tokens | resource servers (3) | — | — |
# | CUCM / Unity web sign-in with SSO | — | — | SP, section 3 (4) |
# | Unity Connection → Office 365 | Unity is the client (5) | — | — |
# | Skype for Business ↔ Exchange, SharePoint | server-to-server (6) | — | — |
# | Microsoft Entra ID | issues tokens (5) | supports it (7) | CUCM's IdP (4) |
#
# 1. Code grant with refresh tokens; CUCM's AuthZ issues every token (S1, S2).
# 2. With SSO on, the IdP only authenticates the user; CUCM still issues the tokens (S1, S6).
# 3. They validate CUCM's self-describing tokens with synced keys (S6, S2, S13).
# 4. CUCM is a SAML service provider; Entra ID is one IdP (section 3, ENTRA).
# 5. App-only client credentials (CUCUM15, MSCLIENTCREDS; that Unity uses this grant is [U]).
# 6. OAuth between servers, partner applications (SFBS2S, SFBPARTNER).
# 7. Not used by CUCM in any source found.
#
# A dash means no source found puts that protocol there.

# %% [markdown]
# **In an interview**
#
# - "Where is OAuth when Unity Connection does unified messaging with Office 365?" Unity
#   Connection is the client, with the client credentials grant and no refresh token; for
#   Jabber voicemail it is the resource server —
#   [Unity Connection](10-interview-preparation.ipynb#topic-unity).
# - "OAuth, OIDC or SAML?" Say which of the three each hop uses, from the table above —
#   [OAuth fundamentals](10-interview-preparation.ipynb#topic-oauth-fundamentals),
#   [SSO and SAML](10-interview-preparation.ipynb#topic-sso-saml).
