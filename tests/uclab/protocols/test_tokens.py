"""uclab.protocols.tokens: the access and refresh token shapes of S1."""

import base64
import json

from uclab.core.entropy import Entropy
from uclab.protocols import tokens
from uclab.protocols.keys import AuthzKeys, encryption_key_bytes, rsa_signing_key


def b64json(segment):
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def keyset():
    return AuthzKeys("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", rsa_signing_key("t-tokens", 0),
                     encryption_key_bytes(Entropy("t-tokens")))


def test_access_token_shape():
    k = keyset()
    claims = tokens.access_claims(keys=k, user_id="alice", client_id="C" + "0" * 64,
                                  token_id="t1", grant_id="g1", now=1000, lifetime_s=3600,
                                  scope="UnifiedCommunications:readwrite",
                                  audience="UnifiedCommunications")
    token = tokens.mint_access_token(k, claims)
    assert token.startswith("eyJhbGciOiJSUzI1NiIs")  # base64url of {"alg":"RS256",  (S1)
    head, payload, _sig = token.split(".")
    assert list(b64json(head)) == ["alg", "typ", "kid"]
    assert b64json(head) == {"alg": "RS256", "typ": "JWT", "kid": k.signing_kid}
    body = b64json(payload)
    assert list(body) == ["private"]
    inner = body["private"].split(".")
    assert len(inner) == 5 and inner[1] == ""  # dir: empty encrypted-key part
    assert b64json(inner[0]) == {"alg": "dir", "cty": "JWT", "enc": "A128CBC-HS256",
                                 "kid": k.encryption_kid}
    assert claims["exp"] == 4600 and claims["ctyp"] == "access" and claims["rtid"] == "g1"


def test_refresh_token_shape_matches_s1_member_order():
    k = keyset()
    claims = tokens.refresh_claims(keys=k, token_id="tid-1", client_id="Cabc", expires_at=99)
    token = tokens.mint_refresh_token(k, claims)
    head, payload, _ = token.split(".")
    assert b64json(head)["kid"] == k.signing_kid
    assert list(b64json(payload)) == ["exp", "iss", "typ", "tid", "ctyp", "ccid"]
    assert b64json(payload)["ctyp"] == "refresh"


def test_jwe_is_standard_and_deterministic_with_a_given_iv():
    from jwcrypto import jwe

    k = keyset()
    a = tokens.encrypt(k, b'{"x":1}', iv=b"\x00" * 16)
    assert a == tokens.encrypt(k, b'{"x":1}', iv=b"\x00" * 16)
    assert a != tokens.encrypt(k, b'{"x":1}')  # a fresh random IV otherwise
    obj = jwe.JWE()
    obj.deserialize(a, key=k.encryption_jwk)
    assert obj.payload == b'{"x":1}'


def test_jws_is_byte_identical_to_jwcrypto():
    """tokens.sign uses cryptography directly; jwcrypto makes the same bytes and verifies them."""
    from jwcrypto import jws

    k = keyset()
    payload = b'{"private":"x.y"}'
    ours = tokens.sign(k, payload)
    theirs = jws.JWS(payload)
    theirs.add_signature(k.signing_jwk, None, tokens.signing_header(k))
    assert ours == theirs.serialize(compact=True)
    check = jws.JWS()
    check.deserialize(ours)
    check.verify(k.verify_jwk, alg="RS256")
    assert check.payload == payload
