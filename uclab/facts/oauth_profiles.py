"""The lab's OAuth profiles and PKCE (RFC 7636) as CUCM's AuthZ meets them.

No Cisco source found documents PKCE for CUCM's AuthZ service: not the code-grant TAC document
(S1, 212794), not the OAuth deployment and security guides on the fact sheet, and a search of
Cisco's pages for ``code_challenge`` / PKCE with CUCM, ``ssosp`` or Jabber found nothing either
(searched 2026-12-03). So the lab's default profile, ``cisco``, ignores the parameters as
before, and *says so* in the AuthZ decision log as a lab assumption [U]. The ``rfc9700``
profile is the lab's own contrast, following RFC 9700 (OAuth 2.0 Security BCP); nothing in it
is Cisco behaviour. Parameter and method names are RFC 7636's.
"""

from uclab.facts.entry import Fact

# --- the profiles (Lab(profile=...)) -------------------------------------------------------------
PROFILE_CISCO = Fact(
    "cisco", "lab choice", confirmed=False, kind="value",
    note="the default: CUCM's AuthZ as the fact sheet documents it; PKCE parameters ignored "
    "(no Cisco source documents PKCE)")
PROFILE_RFC9700 = Fact(
    "rfc9700", "lab choice; RFC 9700 §2.1, §2.1.1, §2.1.2; RFC 6749 §10.4", confirmed=False,
    kind="value",
    note="lab-only contrast: PKCE S256 required and checked, no implicit grant, exact "
    "redirect URIs, client-bound refresh tokens; not Cisco behaviour")
PROFILE_RFC9700_LABEL = Fact(
    "lab-only profile rfc9700 (RFC 9700 best current practice), not Cisco behaviour",
    "lab wording", confirmed=False, note="shown wherever the rfc9700 profile decides")
PROFILE_CISCO_LABEL = Fact(
    "profile cisco (the product as documented; gaps filled by lab assumptions [U])",
    "lab wording", confirmed=False)

# --- RFC 7636 parameters and methods -------------------------------------------------------------
PARAM_CODE_CHALLENGE = Fact("code_challenge", "RFC 7636 §4.3", kind="code")
PARAM_CODE_CHALLENGE_METHOD = Fact("code_challenge_method", "RFC 7636 §4.3", kind="code")
PARAM_CODE_VERIFIER = Fact("code_verifier", "RFC 7636 §4.5", kind="code")
PKCE_S256 = Fact("S256", "RFC 7636 §4.2; RFC 9700 §2.1.1", kind="code",
                 note="the only method the rfc9700 profile accepts")
PKCE_PLAIN = Fact("plain", "RFC 7636 §4.2", kind="code",
                  note="refused by the rfc9700 profile (RFC 9700 §2.1.1: S256 is the method)")

# --- what the decision log says (check names and details) ----------------------------------------
CHECK_PKCE = Fact("pkce", "lab wording", confirmed=False,
                  note="the AuthZ decision log's check name for PKCE")
CHECK_IMPLICIT = Fact("implicit grant", "lab wording", confirmed=False,
                      note="the AuthZ decision log's check name for the implicit grant")
CHECK_PKCE_CHALLENGE_IGNORED = Fact(
    "code_challenge{method} present, not checked: no Cisco source documents PKCE on CUCM's "
    "AuthZ, so the lab assumes it is ignored [U, lab assumption]",
    "lab model (no PKCE in S1, S2, S6, S9 or Cisco's pages)", confirmed=False, kind="format",
    note="profile cisco; a lab assumption, never a claim about the product")
CHECK_PKCE_VERIFIER_IGNORED = Fact(
    "code_verifier present, not checked: no Cisco source documents PKCE on CUCM's AuthZ, so "
    "the lab assumes it is ignored and the code is redeemed without it [U, lab assumption]",
    "lab model (no PKCE in S1, S2, S6, S9 or Cisco's pages)", confirmed=False,
    note="profile cisco; a lab assumption, never a claim about the product")
CHECK_PKCE_BOUND = Fact(
    "code_challenge (S256) bound to the code (RFC 7636 §4.4) [{label}]", "lab wording",
    confirmed=False, kind="format")
CHECK_PKCE_VERIFIED = Fact(
    "S256(code_verifier) equals the code's code_challenge (RFC 7636 §4.6) [{label}]",
    "lab wording", confirmed=False, kind="format")
CHECK_PKCE_REFUSED = Fact("{reason} [{label}]", "lab wording", confirmed=False, kind="format")

# --- the checks both profiles share (logged where they refuse) -----------------------------------
CHECK_REDIRECT = Fact("redirect_uri", "lab wording", confirmed=False,
                      note="the AuthZ decision log's check name for the redirect URI comparison")
CHECK_REDIRECT_REFUSED = Fact(
    "redirect_uri matches none of the client's registered URIs by exact string (RFC 9700 "
    "section 2.1; RFC 6749 section 3.1.2.3): an error page, no redirect (RFC 6749 section "
    "4.1.2.1) [{label}]",
    "lab model (Cisco documents the registered list, S23, and a Bad Request for an unlisted "
    "URI, S24, not the matching rule)", confirmed=False, kind="format",
    note="both profiles; under cisco the exact-match rule is the lab's assumption [U]")
CHECK_REFRESH_CLIENT = Fact("refresh token client", "lab wording", confirmed=False,
                            note="the AuthZ decision log's check name for refresh-token binding")
CHECK_REFRESH_CLIENT_REFUSED = Fact(
    "the refresh token was issued to another client: invalid_grant (RFC 6749 sections 6 and "
    "10.4) [{label}]",
    "lab model (the refresh token carries its client in ccid and its refreshtokendetails row "
    "has a clientid column, S1; no Cisco source says the token endpoint compares them)",
    confirmed=False, kind="format",
    note="both profiles; under cisco the per-client check is the lab's assumption [U]")
