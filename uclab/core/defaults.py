"""Secure defaults of the lab, each with a one-line reason and its source."""

from __future__ import annotations

#: Clock skew tolerated on exp/iat, seconds (jwcrypto's default leeway; CUCM's own skew
#: tolerance is not documented, fact sheet 6.12 [U]).
LEEWAY_SECONDS = 60
#: Lifetime of an authorization code, seconds (RFC 6749 §4.1.2 recommends at most 10 minutes;
#: CUCM's value is not documented [U]).
CODE_TTL_SECONDS = 300
#: Lifetime of a pending login form (the anti-CSRF token inside it), seconds.
LOGIN_FORM_TTL_SECONDS = 600
#: Random bytes in codes, CSRF tokens and opaque tokens: 192 bits (RFC 6749 §10.10 asks ≥128,
#: SHOULD ≥160).
RANDOM_BYTES = 24
#: Longest token accepted before any parsing (checklist K1).
MAX_TOKEN_LENGTH = 8192
#: Largest request body a lab node reads (checklist K1).
MAX_BODY_BYTES = 64 * 1024
#: The only JWS algorithm a CUCM token may use (RS256 per S1; RFC 8725 §3.1: allow-list).
SIGNING_ALG = "RS256"
#: The only JWE algorithms of the inner token (S1: dir + A128CBC-HS256, cty JWT).
ENCRYPTION_ALG = "dir"
ENCRYPTION_ENC = "A128CBC-HS256"
#: RSA modulus size of the AuthZ signing key, and the smallest the key factory accepts
#: (RFC 7518 §3.3 and RFC 8725 §3.5 ask for at least 2048 bits).
RSA_BITS = 2048
#: Size of the symmetric encryption key: A128CBC-HS256 needs a 256-bit key (RFC 7518 §5.2.3).
ENCRYPTION_KEY_BITS = 256
#: PBKDF2-HMAC-SHA256 rounds for stored passwords: lab-grade, so that a full login stays fast;
#: a production system would use far more (OWASP 2023: 600,000).
PASSWORD_HASH_ROUNDS = 2_000
