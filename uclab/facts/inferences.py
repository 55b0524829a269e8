"""Values uclab infers or chooses where no source settles them, found by the fact audit of issue
11 item 8. Each is labelled [U] (inferred) or lab-only, so that a notebook can say so."""

from uclab.facts.entry import Fact

# --- CUCM enterprise parameters by release (fact sheet 1.1, 1.2) ---------------------------------
PARAM_ACCESS_EXPIRY_SINCE = Fact(
    "10.5(2)", "S6, S1", confirmed=False, kind="value",
    note="the first release uclab shows 'OAuth Access Token Expiry Timer (minutes)' on: no "
    "source dates the parameter; S1 says it also applies to the implicit-flow tokens, and "
    "simple OAuth arrived with 10.5(2) (S6), so a 10.0(1) cluster shows no OAuth timer in the "
    "lab",
)

# --- CUCM token response (fact sheet 1.3, seed article) ------------------------------------------
TOKEN_REFRESH_EXPIRES_IN = Fact(
    "refresh_token_expires_in", "lab choice", confirmed=False, kind="text",
    note="the token response field with the refresh token's lifetime in seconds: the seed article "
    "says CUCM's 200 OK carries the refresh token and its expiration time (field observation) "
    "but the body it shows has only expires_in, token_type and access_token; the field name is "
    "uclab's (RFC 6749 defines none for it)",
)
