"""Minting CUCM-shaped tokens, and the inner-JWE decryption the validator uses.

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

Both layers are written here with ``cryptography`` (RFC 7515 §7.1 compact JWS, RS256; RFC 7518
§5.2.2.1 AES-CBC + HMAC-SHA-256) so that the initialization vector comes from the lab's entropy:
a seeded lab then mints byte-identical tokens run after run, which keeps traces and notebook
outputs reproducible (RS256 signatures are deterministic). jwcrypto builds the same bytes for the
same header string, key and IV; the tests and bench/bench_tokens.py check that it accepts them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from uclab.core import defaults
from uclab.protocols.keys import AuthzKeys


def _compact(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def signing_header(keys: AuthzKeys) -> str:
    """The JWS header in S1's member order; its base64url starts ``eyJhbGciOiJSUzI1NiIs``."""
    return _compact({"alg": defaults.SIGNING_ALG, "typ": "JWT", "kid": keys.signing_kid})


def encryption_header(keys: AuthzKeys) -> str:
    return _compact({"alg": defaults.ENCRYPTION_ALG, "cty": "JWT",
                     "enc": defaults.ENCRYPTION_ENC, "kid": keys.encryption_kid})


def sign(keys: AuthzKeys, payload: bytes, header: str | None = None) -> str:
    """A compact RS256 JWS over ``payload`` (RFC 7515 §7.1; RFC 7518 §3.3: RSASSA-PKCS1-v1_5
    with SHA-256 over the ASCII ``base64url(header).base64url(payload)``)."""
    signing_input = f"{_b64((header or signing_header(keys)).encode())}.{_b64(payload)}"
    signature = keys.signing_private.sign(signing_input.encode(), asym_padding.PKCS1v15(),
                                          hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(segment: str) -> bytes:
    """Unpadded base64url (RFC 7515 §2); a character outside the alphabet raises ValueError
    (the validator also refuses non-canonical encodings before it decrypts, E16)."""
    return base64.b64decode(segment + "=" * (-len(segment) % 4), altchars=b"-_", validate=True)


def encrypt(keys: AuthzKeys, plaintext: bytes, header: str | None = None,
            iv: bytes | None = None) -> str:
    """A compact ``dir``/A128CBC-HS256 JWE (RFC 7516 §7.1; RFC 7518 §4.5, §5.2.2.1, §5.2.3).

    ``iv`` (16 bytes) comes from the caller's entropy; without it, from ``os.urandom``.
    """
    iv = os.urandom(16) if iv is None else iv
    if len(iv) != 16:
        raise ValueError("A128CBC-HS256 needs a 16-byte IV")
    key = keys.encryption_secret
    mac_key, enc_key = key[:16], key[16:]
    protected = _b64((header or encryption_header(keys)).encode())
    aad = protected.encode()
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(enc_key), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    al = (len(aad) * 8).to_bytes(8, "big")
    tag = hmac.new(mac_key, aad + iv + ciphertext + al, hashlib.sha256).digest()[:16]
    return ".".join([protected, "", _b64(iv), _b64(ciphertext), _b64(tag)])


def decrypt_a128cbc_hs256(key: bytes, segs: list[str]) -> bytes:
    """The plaintext of a compact ``dir`` / A128CBC-HS256 JWE (RFC 7516 §5.2, RFC 7518 §5.2.2.2).

    ``dir`` has an empty encrypted key (RFC 7518 §4.5); the tag (HMAC-SHA-256 over AAD, IV,
    ciphertext and the AAD bit length, first 16 bytes) is compared in constant time BEFORE
    anything is decrypted, so padding errors are only seen for authentic ciphertexts (no padding
    oracle). Raises ``InvalidTag`` or ``ValueError``.
    """
    protected, encrypted_key, iv_seg, ct_seg, tag_seg = segs
    iv, ciphertext, tag = _unb64(iv_seg), _unb64(ct_seg), _unb64(tag_seg)
    if encrypted_key or len(key) != 32 or len(iv) != 16 or len(tag) != 16 \
            or not ciphertext or len(ciphertext) % 16:
        raise ValueError("not a dir / A128CBC-HS256 JWE")
    aad = protected.encode()
    mac = hmac.new(key[:16], aad + iv + ciphertext + (len(aad) * 8).to_bytes(8, "big"),
                   hashlib.sha256).digest()[:16]
    if not hmac.compare_digest(mac, tag):
        raise InvalidTag()
    decryptor = Cipher(algorithms.AES(key[16:]), modes.CBC(iv)).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return unpadder.update(padded) + unpadder.finalize()


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


def mint_access_token(keys: AuthzKeys, claims: dict[str, Any], iv: bytes | None = None) -> str:
    """Encrypt ``claims`` into the JWE, wrap it as ``{"private": ...}`` and sign that."""
    inner = encrypt(keys, _compact(claims).encode(), iv=iv)
    return sign(keys, _compact({"private": inner}).encode())


def refresh_claims(*, keys: AuthzKeys, token_id: str, client_id: str,
                   expires_at: int) -> dict[str, Any]:
    """S1's refresh-token payload, member for member."""
    return {"exp": expires_at, "iss": keys.cluster_id, "typ": "user", "tid": token_id,
            "ctyp": "refresh", "ccid": client_id}


def mint_refresh_token(keys: AuthzKeys, claims: dict[str, Any]) -> str:
    return sign(keys, _compact(claims).encode())
