# %% [markdown]
# ## Summary
#
# 1. **SIP OAuth**: Jabber registers its TLS line with its access token, not a certificate
#    (CUCM 12.5 and later, S10). `utils sipOAuth-mode enable` on the publisher, a CallManager
#    restart, "Enable OAuth Authentication" in the phone security profile; two ports per node,
#    SIP Phone OAuth Port (5090) and SIP Mobile and Remote Access Port (5091). Over MRA,
#    Expressway-C uses mutual TLS to 5091 through its `CEOAuth` zone: CUCM must trust the CA
#    that signed Expressway-C's certificate. The first REGISTER is challenged with a 407.
# 2. **More than one cluster**: every Expressway-C cluster keeps its own Unified CM servers
#    list, MRA settings and copy of the AuthZ keys, so each must be refreshed; one that was not
#    fails only the users whose DNS answer reaches it (which edge a user reaches is the lab's
#    model: it rotates equal SRV records). The home cluster is found with UDS
#    `clusterUser` (documented form: `<result found=…/>` and `<homeCluster serversUri=…>`).
# 3. **SSO over MRA**: the IdP (AD FS, Entra ID) authenticates the user, with MFA if it asks
#    for it; over MRA Expressway is the SAML service provider, inside the network CUCM's
#    ssosp. CUCM still issues the tokens: Entra ID is the identity provider, not Jabber's
#    authorization server. After one sign-in, refreshes need no IdP at all. A rolled-over
#    signing certificate, a skewed clock or a missing `uid` claim each stop the sign-in.
# 4. **APNs**: a suspended iOS client is reached by push through Cisco's and Apple's clouds
#    (IM&P for instant messages; CUCM for calls is the usual reading of the guides, not a
#    quote); when it wakes, Expressway-C and IM&P check its token with their own key copies:
#    self-describing tokens need no call to CUCM (S6). The push API and payload are the lab's
#    model.
# 5. **The Webex app** signs in as Jabber does; from CUCM 15, with renewal enabled on both
#    sides, a refresh after half the refresh token's life also returns a new refresh token
#    (S3). The setting's name on CUCM is not in the sources.
# 6. **Microsoft**: Unity Connection is an OAuth *client* of Microsoft's identity platform for
#    unified messaging (client credentials, no refresh token); Skype for Business uses
#    server-to-server OAuth; Entra ID is a SAML IdP for CUCM.
# 7. **Modern OAuth**: nothing found says CUCM's AuthZ checks PKCE; RFC 9700 asks for S256
#    PKCE, no implicit grant, exact redirect URIs and client-bound refresh tokens. The lab's
#    `Lab(profile="rfc9700")` is a lab-only contrast, and the decision log says what each
#    profile checked or ignored.
#
# Every product-facing string above is in the registry with its source (`uclab facts WORD`),
# and what no source confirms is labelled where it is shown.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [SIP OAuth](10-interview-preparation.ipynb#topic-sip-oauth)
# - [SSO and SAML](10-interview-preparation.ipynb#topic-sso-saml)
# - [MRA](10-interview-preparation.ipynb#topic-mra)
# - [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz)
# - [Unity Connection](10-interview-preparation.ipynb#topic-unity)
# - [security](10-interview-preparation.ipynb#topic-security)
