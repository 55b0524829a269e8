# %% [markdown]
# ## 7. A modern-OAuth contrast: RFC 9700 against CUCM's AuthZ
#
# CUCM's AuthZ service was designed around RFC 6749 (2012). In January 2025 the IETF published
# **RFC 9700, "Best Current Practice for OAuth 2.0 Security"**, the list of what an
# authorization server and its clients should do today. Four of the rules it collects touch
# the login you have followed through notebooks 04–07:
#
# - **PKCE** (§2.1.1): public clients (native apps without a per-install secret, RFC 8252 §8.4)
#   MUST use PKCE (RFC 7636), with a method that does not expose the verifier: today that is
#   `S256`. *Cisco, for CUCM's AuthZ:* **nothing found**; no PKCE, `code_challenge` or
#   `code_verifier` in TAC doc 212794 (S1), the Jabber chapter (S2), the refresh-logins section
#   (S9) or the MRA guide (S6).
# - **No implicit grant** (§2.1.2): clients SHOULD NOT use `response_type=token`. *Cisco:* CUCM
#   keeps it, enabled by default, for older Jabber and RTMT, and offers it only with SAML SSO
#   (S1, S2).
# - **Exact redirect URIs** (§2.1): compared by exact string. *Cisco:* a registered list,
#   "Redirect URIs for Third Party SSO Client" (S23), and a Bad Request for an unlisted URI
#   (S24); the matching rule is **not documented**.
# - **Refresh tokens bound to their client**: RFC 6749 §10.4 already says the server MUST keep
#   that binding, and RFC 9700 §4.14 (refresh token protection) builds on it. *Cisco:* the
#   refresh token names its client (`ccid`) and its `refreshtokendetails` row a `clientid`
#   (S1); that the token endpoint compares them is **not documented**.
#
# **About PKCE at Cisco.** Cisco does document PKCE for its *cloud* identity service: "Login
# with Webex" recommends the authorization code flow with PKCE
# (<https://developer.webex.com/docs/login-with-webex>). That is Webex's own OAuth server, not
# CUCM's AuthZ; nothing found says CUCM checks PKCE (searched again on 2026-12-03). So the lab
# cannot simulate a documented behaviour, and it labels its assumption instead.
#
# **The lab's two profiles.** `uclab.Lab(profile=...)` picks how CUCM's AuthZ applies these
# rules:
#
# - `"cisco"` (the default, every other notebook): the product as documented, gaps filled by lab
#   assumptions, each marked **[U]**;
# - `"rfc9700"`: a **lab-only** contrast that follows RFC 9700 (PKCE S256 required and checked,
#   `plain` and the implicit grant refused). Nothing in it is Cisco behaviour.
#
# Whatever the AuthZ service checked, refused or ignored for a request is written to its
# **decision log**: the exchange keeps it (`exchange.metadata["authz_decisions"]`), the ladder
# shows it when you hover the hop, and the cells below print it.

# %%
import uclab
from uclab import checks, testing
from uclab.protocols.pkce import s256_challenge
from uclab.workbook.probes import nb11_modern as modern

# %% [markdown]
# ### PKCE in one line, checked against RFC 7636 Appendix B
#
# The app makes a random `code_verifier` (43–128 characters) and sends only
# `code_challenge = BASE64URL(SHA256(code_verifier))` with its authorization request
# (RFC 7636 §4.1, §4.2). At the token endpoint it sends the verifier; the server hashes it and
# compares (§4.6). An attacker who only saw the code cannot produce the verifier. RFC 7636's
# Appendix B gives a test vector (a published example, not a secret):

# %%
rfc_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
print(s256_challenge(rfc_verifier))
print(s256_challenge(rfc_verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")

# %% [markdown]
# ### The code-interception attack
#
# RFC 7636 §1 describes it: a native app (no client secret) receives its authorization code
# on a redirect URI that another app on the same device has also registered. That app sees
# the code and redeems it first. Below, the victim is a public "Native App" that *does* send an
# S256 challenge; the attacker redeems the intercepted code with a verifier of its own.
#
# **Predict:** under the default profile `cisco`, what does the token endpoint give the
# attacker? (The list above says what Cisco documents.)

# %%
checks.get("11-modern-cisco-verifier")

# %%
answer = None  # your prediction, e.g. "invalid_grant" or "B"

# %%
checks.check("11-modern-cisco-verifier", answer)

# %% [markdown]
# Run it under both profiles. Each attempt builds a fresh lab of that profile and prints what
# the attacker got and the AuthZ decision log of every hop that has one (codes, verifiers and
# tokens never appear in it, only their names and methods):

# %%
for profile in ("cisco", "rfc9700"):
    print(modern.attempt(profile, modern.WRONG_VERIFIER), end="\n\n")

# %% [markdown]
# Under `cisco` the log does not stay silent about the ignored parameters: it says they were
# present and not checked, and labels that as the lab's assumption **[U]**. Under `rfc9700`
# the token endpoint refuses with `invalid_grant` (RFC 7636 §4.6). The same result through
# `uclab.testing`, which the lab's own tests use:

# %%
print(testing.code_interception("rfc9700").report())

# %% [markdown]
# The ladder of the `cisco` attempt. Hover hop 1 (the authorization request) and hop 3 (the
# attacker's token request): the hover ends with that hop's decision log.

# %%
cisco_attempt = modern.attempt("cisco", modern.WRONG_VERIFIER)
uclab.views.ladder(cisco_attempt.exchanges, title="Code interception, profile cisco")

# %% [markdown]
# Or step through it hop by hop: the replay player prints each hop's raw HTTP (secrets
# concealed) and, under it, the decision log the lab kept for that hop.

# %%
uclab.widgets.replay_player(cisco_attempt.lab.trace("code interception, profile cisco"))

# %% [markdown]
# ### `plain` and the implicit grant
#
# RFC 7636 also allows `code_challenge_method=plain`, where the challenge *is* the verifier: it
# only helps if nobody can read the authorization request. RFC 9700 §2.1.1 says to use `S256`.
#
# **Predict:** under `rfc9700`, the app sends `code_challenge_method=plain`. How does CUCM's
# authorization endpoint answer?

# %%
checks.get("11-modern-plain")

# %%
answer = None  # your prediction, e.g. "the login form" or "A"

# %%
checks.check("11-modern-plain", answer)

# %%
for profile in ("cisco", "rfc9700"):
    print(modern.attempt(profile, modern.PLAIN), end="\n\n")

# %% [markdown]
# Under `cisco` the attacker, who read the plain challenge in the authorization request, redeems
# the code with it: nothing compares the two anyway. The implicit grant goes one step further:
# no code at all, the **access token** itself comes back in the redirect's fragment, so
# whoever sees the redirect holds it (RFC 9700 §2.1.2). CUCM offers it only with SAML SSO (S1),
# so this attempt switches SSO on first:

# %%
for profile in ("cisco", "rfc9700"):
    print(modern.attempt(profile, modern.IMPLICIT), end="\n\n")

# %% [markdown]
# Under `cisco` the implicit grant is documented behaviour (S1, S2), so there is nothing to
# log: the log records what a profile ignores or refuses. Under `rfc9700` it is refused with
# `unsupported_response_type`, sent back to the app.
#
# ### Redirect URIs and refresh tokens
#
# Two more rules: an exact redirect-URI match (RFC 9700 §2.1), and refresh tokens bound to
# their client (RFC 6749 §10.4). Cisco documents neither check (see the list at the top), so
# whatever the `cisco` profile does here is the lab's assumption [U].
#
# **Predict:** a second registered app presents the refresh token CUCM issued to the native
# app. Which profiles refuse it?

# %%
checks.get("11-modern-refresh-other-client")

# %%
answer = None  # your prediction, e.g. "only rfc9700" or "B"

# %%
checks.check("11-modern-refresh-other-client", answer)

# %%
for attack in (modern.OTHER_CLIENT, modern.REDIRECT):
    for profile in ("cisco", "rfc9700"):
        print(modern.attempt(profile, attack), end="\n\n")

# %% [markdown]
# The crafted link's redirect URI is the registered one plus a query of its own
# (`?next=https://attacker.example/`): a prefix match would accept it, the exact match does
# not, and CUCM shows an error page instead of redirecting (RFC 6749 §4.1.2.1).
#
# ### Every attack, both profiles
#
# One line per attempt: which profile lets the attacker get something.

# %%
for result in modern.every_attempt():
    print(f"{result.attack:34} {result.profile:8} -> {result.got:22} ({result.answer})")

# %% [markdown]
# | Attack | profile `cisco` | profile `rfc9700` (lab-only) |
# |---|---|---|
# | wrong `code_verifier` | tokens; log: not checked [U] | `invalid_grant` (RFC 7636 §4.6) |
# | `plain` method | tokens; log: not checked [U] | `invalid_request` (RFC 9700 §2.1.1) |
# | implicit grant (SSO on) | access token in the fragment (S1) | `unsupported_response_type` |
# | `redirect_uri` not exact | error page, no redirect [U] | the same |
# | refresh token of another client | `invalid_grant` [U] | the same |
#
# ### Switch it yourself
#
# Pick a profile and an attack: the panel runs it on a fresh lab, redraws the ladder (hover a
# CUCM hop for its decisions) and prints the decision log beneath.

# %%
uclab.widgets.modern_oauth_panel()

# %% [markdown]
# **What to take away.** Under the profile that models the documented product, the lab
# cannot show PKCE protecting Jabber, because no Cisco source says CUCM checks it; the decision
# log says so rather than hiding it. If you need to know for a real cluster, test it on that
# release (send a wrong `code_verifier` on purpose) and ask Cisco. `Lab(profile="rfc9700")`
# shows what RFC 9700 would change; it is a teaching contrast, not a product setting.
#
# ### In an interview
#
# - PKCE, what it defends against and why `S256`:
#   [OAuth fundamentals](10-interview-preparation.ipynb#topic-oauth-fundamentals) (`of-pkce`),
#   and whether CUCM's AuthZ enforces it:
#   [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz) (`authz-pkce`).
# - Why the implicit grant is deprecated, and why CUCM keeps it:
#   [OAuth fundamentals](10-interview-preparation.ipynb#topic-oauth-fundamentals)
#   (`of-implicit-deprecated`), [CUCM AuthZ](10-interview-preparation.ipynb#topic-cucm-authz)
#   (`authz-implicit-still-on`).
# - `state` and CSRF, exact redirect URIs:
#   [OAuth fundamentals](10-interview-preparation.ipynb#topic-oauth-fundamentals) (`of-state`,
#   `of-redirect-uri`).
# - Protecting refresh tokens: [Security](10-interview-preparation.ipynb#topic-security)
#   (`sec-refresh-protection`).
