# %% [markdown]
# # 02 · Tokens: what CUCM really hands to Jabber
#
# **Promise:** by the end you can take a CUCM access token apart layer by layer, say which key
# opens which layer, read a validator's decision log, and explain the refresh token and the
# timers that decide how long each one lives.
#
# **You will be able to…**
#
# 1. explain why every CUCM access token starts with `eyJhbGciOiJSUzI1NiIs`;
# 2. decode the outer signed layer (a JWS) and the inner encrypted layer (a JWE) without any key;
# 3. say which key verifies the outer layer and which key decrypts the inner one;
# 4. read the validator's decision log and say what each check protects against;
# 5. decode a refresh token, find its row in `refreshtokendetails`, and say what it lacks;
# 6. name the enterprise parameters for token lifetimes, with their defaults and ranges, and the
#    release disagreement about the refresh-token range;
# 7. predict which check fails when a token has been tampered with.
#
# **Sources.** Facts carry the key of the project's fact sheet: S1 is Cisco TAC doc 212794 (the
# authorization code grant in 12.0, with decoded sample tokens), S2 the CUCM 12.5(1) System
# Configuration Guide, S23 CUCM's enterprise parameter table. **[U]** marks something
# uncertain: inferred, undocumented, or a choice the lab had to make.

# %% [markdown]
# ## Setup
#
# One seeded lab: the same seed gives the same keys, ids, tokens and times on every run. The
# admin steps that turn OAuth with refresh on run first, then alice's Jabber signs in over MRA.

# %%
import base64

import uclab
from uclab import facts
from uclab.core.clock import epoch_to_iso

lab = uclab.Lab(seed=1)
for step in lab.configure_oauth():
    print(step)
print(lab.client.sign_in())

# %% [markdown]
# Jabber now holds two tokens. We print only their first 20 characters: a real token is a
# credential, and you should treat it like a password even in a lab.

# %%
tokens = lab.client.tokens
token = tokens.access_token
print("access token :", token[:20] + "…", len(token), "characters")
print("refresh token:", tokens.refresh_token[:20] + "…", len(tokens.refresh_token), "characters")

# %% [markdown]
# ## 1. The outer layer: a signed JWT (JWS)
#
# A compact JWS (RFC 7515 §7.1) is three base64url strings separated by dots: a **header**, a
# **payload**, and a **signature** over the first two.

# %%
header_b64, payload_b64, signature_b64 = token.split(".")
for name, part in (("header", header_b64), ("payload", payload_b64),
                   ("signature", signature_b64)):
    print(f"{name:<10} {len(part):>5} characters")

# %% [markdown]
# ### Why every token starts with `eyJhbGciOiJSUzI1NiIs`
#
# Those 20 characters start every CUCM token that shows up in a trace: the seed article's
# Expressway-C log shows one as `eyJhbGciOiJSUzI1NiIsI---…` (field observation). They are nothing
# secret, just the base64url encoding of the header's first 15 bytes,
# `{"alg":"RS256",`. Since 15 bytes is a whole number of 3-byte groups, those 20 characters do not
# depend on what follows. (Every JWT starts with `eyJ`, which is simply `{"`.)

# %%
print(base64.urlsafe_b64encode(b'{"alg":"RS256",').decode())
print(token.startswith("eyJhbGciOiJSUzI1NiIs"))

# %% [markdown]
# Decoding the header needs no key at all. Its members and their order match the header
# decoded from the sample token in S1: `alg` RS256 (RSA signature with SHA-256), `typ` JWT and a
# `kid` (key id).

# %%
header = uclab.widgets.b64url_json(header_b64, "header")
header

# %% [markdown]
# The `kid` has the form `<uuid>:<64 hex characters>` (decoded from S1). In the lab the uuid is
# the cluster's issuer id and the hex is the checksum of the signing key, the value
# `show key authz signing` prints (notebook 03). For real CUCM that reading of the kid is an
# **inference [U]**: Cisco does not document it.

# %%
issuer_id, key_hash = header["kid"].split(":")
print("uuid:", issuer_id)
print("hex :", key_hash, f"({len(key_hash)} hex characters)")
print(facts.KID_FORMAT.cite())

# %% [markdown]
# ## 2. The payload: `{"private": <JWE>}`
#
# The payload holds no claims you can read. It has one member, `private`, whose value is another
# token: a **JWE**, an encrypted JWT (RFC 7516). This shape is decoded from S1's sample.

# %%
payload = uclab.widgets.b64url_json(payload_b64, "payload")
private = payload["private"]
print("payload members:", list(payload))
print("private:", private[:20] + "…", len(private), "characters")

# %% [markdown]
# A compact JWE has **five** parts (RFC 7516 §7.1). Look at the second one.

# %%
names = ("protected header", "encrypted key", "initialization vector", "ciphertext",
         "authentication tag")
for name, part in zip(names, private.split("."), strict=True):
    print(f"{name:<22} {len(part):>4} characters")

# %% [markdown]
# The **encrypted key is empty**. That fits the inner header (decoded from S1 again):
#
# - `alg: "dir"` means *direct* encryption: the cluster's shared symmetric key is itself the
#   content encryption key, so there is no per-token key to wrap and send (RFC 7518 §4.5);
# - `enc: "A128CBC-HS256"` is AES-128-CBC for secrecy plus HMAC-SHA-256 for integrity, which
#   needs a 256-bit key (RFC 7518 §5.2.3); the IV and the tag are 16 bytes each (22 characters);
# - `cty: "JWT"` says that the plaintext is itself a JWT claims set;
# - the `kid` has the **same uuid** as the outer one but a **different hex suffix**: in the lab,
#   the checksum of the encryption key [U].

# %%
uclab.widgets.b64url_json(private.split(".")[0], "inner JWE header")

# %% [markdown]
# So a CUCM access token is "an RS256-signed JWT wrapping an A128CBC-HS256-encrypted JWT" (S1):
#
# ```
# access token = JWS, signed with the RSA signing key (private half)
# ├── header     {"alg":"RS256","typ":"JWT","kid":"<uuid>:<signing hex>"}
# ├── payload    {"private": "<JWE>"}
# │              └── JWE, encrypted with the symmetric encryption key ("dir")
# │                  ├── header        {"alg":"dir","cty":"JWT","enc":"A128CBC-HS256",
# │                  │                  "kid":"<same uuid>:<other hex>"}
# │                  ├── encrypted key (empty)
# │                  ├── IV · ciphertext (the claims) · tag
# └── signature  RS256 over header.payload
# ```
#
# Note the order: the claims are *encrypted first* and the envelope is *signed* afterwards. RFC
# 7519 §11.2 calls the opposite order (sign, then encrypt) the usual one; CUCM's layering is
# simply what the decoded sample shows. Jabber holds no keys: it cannot decrypt the claims and
# does not need to, it presents the token as an opaque string. The servers that validate tokens
# hold the keys (notebook 03).

# %% [markdown]
# ### Exercise 1: which key opens the inner layer?
#
# The inner JWE uses `alg: dir` and `enc: A128CBC-HS256`. Which key decrypts it?
#
# - A. the RSA signing key (its private half)
# - B. the RSA signing key (its public half)
# - C. the symmetric encryption key
# - D. no key: the claims are only base64url-encoded
#
# Write your prediction, run the check, then run the lab.

# %%
answer = None  # your prediction, e.g. "C" or "the symmetric encryption key"

# %%
uclab.checks.check("02-inner-key", answer)

# %% [markdown]
# ### Exercise 2: how long does an access token live?
#
# Before the inspector shows the claims: with CUCM's defaults, how many minutes does a new
# access token live (`exp` − `iat`)? Section 6 comes back to it.

# %%
answer = None  # your prediction in minutes, e.g. 30

# %%
uclab.checks.check("02-access-minutes", answer)

# %% [markdown]
# ## 3. Open it with the lab's keys: the token inspector
#
# The token inspector is a jwt.io-style panel that works offline. Given a lab, it validates a
# token with the CUCM publisher's keys, as CUCM itself would, and decrypts the inner claims.
# Paste a token into its box and press *Inspect*, or drive it from code as below.

# %%
inspector = uclab.widgets.token_inspector(lab)
inspector

# %%
report = inspector.inspect(token)
print(report.text())

# %% [markdown]
# The decision log answers the exercise: the `inner header` check matches the JWE's `kid` with the
# held **encryption** key, and the `decryption` check opens the JWE with it. The RSA key did its
# work earlier, at `signature`, where its public half verified the outer layer.
#
# **A warning about the claims.** The names in *Decrypted inner claims* (`sub`, `aud`, `scope`,
# `iat`, `rtid`, …) are a **lab model [U]**. The real inner claims are encrypted, and Cisco does
# not publish them. uclab copies the refresh token's published members (`iss`, `typ`, `tid`,
# `ctyp`, `ccid`) and adds what a resource server needs. Do not quote them as CUCM's.

# %%
print(facts.AUDIENCE_UC.cite())
print(facts.SCOPE_UC.cite())

# %% [markdown]
# ## 4. The decision log: what each check means
#
# S2 gives CUCM's order when a token is presented: (1) verify the signature, (2) decrypt and
# verify the token, (3) check that the user is active, (4) check the user's roles, access control
# groups and rank. The lab's validator makes the first three steps in that order, with finer
# checks around them. The same validator runs in every lab product (CUCM, Expressway-C, IM&P,
# Unity Connection), each with its **own copy** of the keys.
#
# | check | the question it answers | source |
# |---|---|---|
# | token format | three canonical base64url parts, not too long? | RFC 7515 §7.1; lab |
# | header | `alg` RS256 and `typ` JWT, nothing else? | S1 shape; RFC 8725 §3.1 |
# | signing key | does this node hold a signing key with this `kid`? | lab [U] |
# | signature | does RS256 verify with that key's public half? | S2 step 1 |
# | envelope | is the payload exactly `{"private": <JWE>}`? | S1 shape |
# | inner header | `dir`, A128CBC-HS256, `cty` JWT, a held encryption `kid`? | S1 shape |
# | decryption | does the JWE decrypt, tag verified, to a claims set? | S2 step 2 |
# | token type | `ctyp` access (a refresh token is no access token)? | lab claims [U] |
# | issuer | is `iss` the cluster that owns the key? | lab claims [U] |
# | audience | does `aud` name Unified Communications? | lab claims [U] |
# | expiry | is `exp` still ahead of now, with 60 s leeway? | S23, S1; leeway [U] |
# | user active | is the user still active on CUCM? | S2 step 3 |
#
# "lab [U]": how CUCM picks the key for a `kid` is not published; "lab claims [U]": the checks
# read the lab's model of the inner claims. The lab does not model S2's step 4 (roles, access
# control groups, rank). CUCM's own tolerance
# for clock skew is not documented (fact sheet 6.12), so the 60-second leeway is jwcrypto's
# default, not a Cisco value. The first failed check ends the validation, so a rejected token
# always names **one** reason.

# %% [markdown]
# ## 5. The refresh token
#
# ### Exercise 3: what is missing?
#
# What does the refresh token NOT have that the access token has?
#
# - A. a kid in its header
# - B. an RS256 signature
# - C. an expiry time (exp)
# - D. an encrypted inner token (the 'private' JWE)

# %%
answer = None  # your prediction, e.g. "B"

# %%
uclab.checks.check("02-refresh-lacks", answer)

# %%
refresh_report = inspector.inspect(tokens.refresh_token)
print(refresh_report.text())

# %% [markdown]
# The refresh token is **signed but not encrypted** (S2, S1): the same header and `kid`, and a
# payload anyone holding it can read. Its members match S1's sample one for one:
#
# | member | value | meaning |
# |---|---|---|
# | `exp` | epoch seconds | when the refresh token dies (default 60 days later) |
# | `iss` | the uuid of the `kid` | the issuing cluster |
# | `typ` | `user` | a user's token |
# | `tid` | a uuid | this token's id |
# | `ctyp` | `refresh` | the token type |
# | `ccid` | `C` + 64 hex | the OAuth client id (here Jabber's) |
#
# Jabber's client id in the lab is the one a third-party test app hard-codes; the seed article's
# Jabber for Windows trace shows another id of the same form, so it may differ by build [U].

# %%
print(facts.JABBER_CLIENT_ID.cite())

# %% [markdown]
# ### Where CUCM keeps it: `refreshtokendetails`
#
# An access token is self-contained: nobody needs to look it up. A refresh token is also stored
# in the CUCM database, and that row is what makes **revocation** possible (S2, S1). S1 lists the
# table with this CLI query:

# %%
query = ("run sql select pkid,refreshtokenindex,userid,clientid,"
         "dbinfo('utc_to_datetime',validity) as validity,state from refreshtokendetails")
print(query)

# %% [markdown]
# The lab's table, with `validity` converted as the query's `dbinfo('utc_to_datetime', …)` does:

# %%
for row in lab.cucm.refresh_token_rows():
    print({**row, "validity": epoch_to_iso(row["validity"])})

# %% [markdown]
# In the lab, `refreshtokenindex` is the refresh token's `tid`, `pkid` is the grant id that the
# access token's (lab-model) `rtid` claim points to, and `state` reads `active` or `revoked`.
# These links and values are the **lab's model [U]**: S1 shows the columns, not how they relate
# to the tokens. S1 also says that expired refresh tokens are purged every day at 02:00. This
# cannot be changed in the GUI, and a large purge can raise CPU.

# %%
row = lab.cucm.refresh_token_rows()[0]
print("refreshtokenindex == tid :", row["refreshtokenindex"] == refresh_report.payload["tid"])
print("pkid == rtid (lab model) :", row["pkid"] == report.claims["rtid"])
print(facts.REFRESH_TABLE.cite())
print(facts.REFRESH_PURGE_TIME.cite())

# %% [markdown]
# ## 6. Lifetimes and the enterprise parameters
#
# Back to exercise 2 (you predicted the access token's lifetime before the inspector showed its
# `exp`). The timers are enterprise parameters: **System > Enterprise Parameters**, section
# **SSO and OAuth Configuration** (S23). The admin page lists them like this:

# %%
print(lab.cucm.params.table())

# %%
print(f"access token : {(report.claims['exp'] - report.claims['iat']) // 60} minutes")
print(f"refresh token: {(refresh_report.payload['exp'] - report.claims['iat']) // 86400} days")

# %% [markdown]
# The exact names, as the guides print them, with their sources:

# %%
for fact in (facts.PARAM_SECTION, facts.PARAM_REFRESH_FLOW, facts.PARAM_ACCESS_EXPIRY,
             facts.PARAM_REFRESH_EXPIRY):
    print(fact.cite(), end="\n\n")

# %% [markdown]
# Three things to remember from those lines:
#
# - **The section name differs by document.** The parameter table and the IM&P centralized guide
#   say "SSO and OAuth Configuration"; several procedures and the Jabber guide say "SSO
#   Configuration". Which release renamed it is unknown [U].
# - **Access token: default 60 minutes, range 1–1440** (S23, S1). The same timer also applies to
#   the old implicit-grant tokens (S1).
# - **Refresh token: default 60 days, but the range depends on the document.** TAC 212794,
#   written for 12.0, gives **1–90** days (S1). The 12.5 guides give **1–365** (S2, S9). Which
#   range applies to which release is **not documented [U]**. The lab *assumes* 1–90 before
#   12.5(1) and 1–365 from 12.5(1) on. Check the page of your own release.
#
# Here is the lab's 12.0 cluster refusing a value that its 14.0 cluster accepts:

# %%
lab12 = uclab.Lab(seed=1, cucm_version="12.0(1)")
print(lab12.cucm.params.table().splitlines()[3])
try:
    lab12.cucm.set_parameter(str(facts.PARAM_REFRESH_EXPIRY), 120)
except uclab.ConfigError as exc:
    print("refused:", exc)

# %% [markdown]
# Two more facts about lifetimes. First, each access-token request returns a **new** access token,
# and the old one stays valid until it expires or the keys change (S1). Second, activation-code
# onboarding added "Physical Phone OAuth Refresh Token Expiry Timer", also 60 days by default
# (S34). The lab does not model that one.
#
# **Watch a token expire.** Move the lab clock 65 minutes forward and inspect the same token
# again. Then let Jabber use a service: it notices the expired token, refreshes it silently
# with its refresh token, and the user sees nothing (S2).

# %%
print(lab.advance(minutes=65))
print(inspector.inspect(token).failed)

# %%
print(lab.client.use_service("uds"))
print("Jabber now holds a new access token:", lab.client.tokens.access_token != token)

# %% [markdown]
# ## 7. Break it: tamper with a token
#
# An attacker who captured a token might try to edit it, say to change the user. Every byte of the
# outer header and payload is covered by the RS256 signature, and the inner JWE has its own
# HMAC tag.
#
# ### Exercise 4: which check fails?
#
# You change one character in the middle of the access token's payload (part 2) and present it to
# CUCM. Which check of the validator fails first?
#
# - A. token format · B. signing key · C. signature · D. decryption · E. expiry

# %%
answer = None  # your prediction, e.g. "decryption"

# %%
uclab.checks.check("02-tamper-payload", answer)

# %% [markdown]
# Take Jabber's current (valid) token and flip the 101st character of its payload:

# %%
token = lab.client.tokens.access_token
header_b64, payload_b64, _ = token.split(".")
i = len(header_b64) + 1 + 100
tampered = token[:i] + ("B" if token[i] == "A" else "A") + token[i + 1:]
tampered_report = inspector.inspect(tampered)
print("inspector:", tampered_report.error)
print("validator:", tampered_report.failed)

# %% [markdown]
# The edited payload no longer even decodes to JSON, but the validator never needs to decode it:
# the signature check comes first and fails. Now flip a character near the end of the **header**,
# inside the `kid`:

# %%
i = len(header_b64) - 5
tampered = token[:i] + ("B" if token[i] == "A" else "A") + token[i + 1:]
print("kid ends with:", header["kid"][-8:], "->",
      uclab.widgets.b64url_json(tampered.split(".")[0], "header")["kid"][-8:])
print(inspector.inspect(tampered).failed)

# %% [markdown]
# A changed `kid` names a key this node does not hold, so the validator fails at `signing key`.
# You will see the same failure, with an intact token, whenever a node holds an old copy of the
# keys (notebook 03). Last, present the **refresh** token where an access token is expected:

# %%
print(lab.cucm.validate(tokens.refresh_token).failed)

# %% [markdown]
# Its signature is genuine, but it fails at `envelope`: a refresh token never unlocks a resource.
#
# Try your own edits in the inspector above: paste a token, change a character, press *Inspect*.
# Whatever you change, exactly one check fails, and it tells you why.

# %% [markdown]
# ## Interview questions
#
# <details>
# <summary>Click to show model answers</summary>
#
# **"What is inside a CUCM OAuth access token?"**
# A signed JWT (RS256, with a `kid`) whose only payload member, `private`, is an encrypted JWT
# (JWE, `dir` + A128CBC-HS256). The claims are encrypted with the cluster's symmetric key, and
# the envelope is signed with the cluster's RSA key. It is self-contained, so any node holding
# the keys validates it without asking the node that issued it.
#
# **"Why do all these tokens in my Expressway log start with eyJhbGciOiJSUzI1NiIs?"**
# It is the base64url encoding of `{"alg":"RS256",`, the start of the JWS header. It says
# nothing about the user or the session.
#
# **"How is the refresh token different?"**
# It is signed but not encrypted, lives much longer (default 60 days vs 60 minutes), is only
# ever traded at CUCM for new access tokens and never presented to a resource, and is stored in
# `refreshtokendetails`. Being stored is what lets an admin revoke it with the revoke API.
#
# **"Which timers control token lifetime, and what are the defaults?"**
# "OAuth Access Token Expiry Timer (minutes)", 60 by default (1–1440), and "OAuth Refresh Token
# Expiry Timer (days)", 60 by default, under System > Enterprise Parameters > SSO and OAuth
# Configuration. The documented range of the refresh timer differs: 1–90 days in TAC's 12.0
# document, 1–365 in the 12.5 guides.
#
# **"How does CUCM check a token?"**
# It verifies the signature, decrypts and verifies the token, checks that the user is still
# active (an LDAP user removed from the directory is not), then checks roles, access control
# groups and rank (S2).
#
# **"Can you read the claims of a captured access token?"**
# Not without the cluster's symmetric encryption key: the claims are in the JWE. You can read
# the outer header (algorithm, kid) and, from a refresh token, its whole payload.
#
# </details>

# %% [markdown]
# ## Summary
#
# - A CUCM access token is a **JWS** (RS256, header `{"alg":"RS256","typ":"JWT","kid":…}`) whose
#   payload is `{"private": <JWE>}`. The **JWE** is `dir` + A128CBC-HS256 with `cty` JWT and an
#   empty encrypted-key part (decoded from S1). The `eyJhbGciOiJSUzI1NiIs` prefix is just
#   `{"alg":"RS256",` in base64url.
# - The **RSA signing key** signs (private half) and verifies (public half) the outer layer. The
#   **symmetric encryption key** encrypts and decrypts the inner one. Tokens are self-contained,
#   so any node with the keys validates them alone (S1, S2).
# - Validation follows S2's order: signature, decrypt, user active (then roles, not modelled). The
#   decision log names the one check that failed.
# - The **refresh token** is signed but not encrypted, carries `exp`, `iss`, `typ`, `tid`,
#   `ctyp`, `ccid` (S1), and lives in `refreshtokendetails` so it can be revoked.
# - **Timers** (System > Enterprise Parameters > SSO and OAuth Configuration): access token 60
#   minutes (1–1440), refresh token 60 days (1–90 per TAC for 12.0, 1–365 per the 12.5 guides;
#   which applies when is [U]).
# - The inner claim names are a **lab model [U]**: the real ones are encrypted and unpublished.
#
# Next: notebook 03 follows the two keys, where their copies live, and what happens when they
# change.
#
# **Next: the interview questions.** Practise this notebook's topics in
# [10 · Interview preparation](10-interview-preparation.ipynb):
#
# - [tokens and keys](10-interview-preparation.ipynb#topic-tokens-and-keys)
