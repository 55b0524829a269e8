"""Minting CUCM-shaped tokens with jwcrypto.

Shapes, decoded from the sample tokens in Cisco TAC doc 212794 (S1):

* access token: a JWS, header ``{"alg":"RS256","typ":"JWT","kid":"<uuid>:<hex>"}``, whose payload
  is ``{"private":"<JWE>"}``; the JWE is ``dir`` + ``A128CBC-HS256`` with ``cty: "JWT"`` under the
  cluster's symmetric key, and carries the claims. So the claims are encrypted, then the
  envelope is signed (the reverse of RFC 7519 §11.2's sign-then-encrypt);
* refresh token: a JWS with the same header, payload
  ``{"exp","iss","typ":"user","tid","ctyp":"refresh","ccid"}`` — signed, not encrypted, and
  stored server-side so that it can be revoked (S1, S2).

The access token's inner claims are not published anywhere (they are encrypted); uclab's names
mirror the refresh token's and add ``sub``, ``aud``, ``scope``, ``iat`` — a lab model [U].
"""

from __future__ import annotations

import json
from typing import Any

from jwcrypto import jwe, jws

from . import defaults
from .keys import AuthzKeys


def _compact(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def signing_header(keys: AuthzKeys) -> str:
    """The JWS header in S1's member order; its base64url starts ``eyJhbGciOiJSUzI1NiIs``."""
    return _compact({"alg": defaults.SIGNING_ALG, "typ": "JWT", "kid": keys.signing_kid})


def encryption_header(keys: AuthzKeys) -> str:
    return _compact({"alg": defaults.ENCRYPTION_ALG, "cty": "JWT",
                     "enc": defaults.ENCRYPTION_ENC, "kid": keys.encryption_kid})


def sign(keys: AuthzKeys, payload: bytes, header: str | None = None) -> str:
    """A compact RS256 JWS over ``payload`` (RFC 7515 §7.1)."""
    token = jws.JWS(payload)
    token.add_signature(keys.signing_jwk, None, header or signing_header(keys))
    return token.serialize(compact=True)


def encrypt(keys: AuthzKeys, plaintext: bytes, header: str | None = None) -> str:
    """A compact ``dir``/A128CBC-HS256 JWE (RFC 7516 §7.1, RFC 7518 §4.5 and §5.2.3)."""
    token = jwe.JWE(plaintext, protected=header or encryption_header(keys))
    token.add_recipient(keys.encryption_jwk)
    return token.serialize(compact=True)


def access_claims(*, keys: AuthzKeys, user_id: str, client_id: str, token_id: str,
                  grant_id: str | None, now: int, lifetime_s: int,
                  scope: str, audience: str) -> dict[str, Any]:
    """The inner claims of an access token (lab model, see the module docstring)."""
    claims: dict[str, Any] = {
        "iss": keys.cluster_id, "aud": audience, "sub": user_id, "typ": "user",
        "ctyp": "access", "tid": token_id, "ccid": client_id, "scope": scope,
        "iat": now, "exp": now + lifetime_s,
    }
    if grant_id:
        claims["rtid"] = grant_id
    return claims


def mint_access_token(keys: AuthzKeys, claims: dict[str, Any]) -> str:
    """Encrypt ``claims`` into the JWE, wrap it as ``{"private": ...}`` and sign that."""
    inner = encrypt(keys, _compact(claims).encode())
    return sign(keys, _compact({"private": inner}).encode())


def refresh_claims(*, keys: AuthzKeys, token_id: str, client_id: str,
                   expires_at: int) -> dict[str, Any]:
    """S1's refresh-token payload, member for member."""
    return {"exp": expires_at, "iss": keys.cluster_id, "typ": "user", "tid": token_id,
            "ctyp": "refresh", "ccid": client_id}


def mint_refresh_token(keys: AuthzKeys, claims: dict[str, Any]) -> str:
    return sign(keys, _compact(claims).encode())
