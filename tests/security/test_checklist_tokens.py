"""Checklist sections E (token format) and I (keys) against uclab's one token validator.

Token shape (CUCM, TAC doc 212794): the access token is an RS256 JWS, header
``{"alg":"RS256","typ":"JWT","kid":...}``, whose payload is ``{"private": <JWE>}``; the JWE is
``dir`` + ``A128CBC-HS256`` with ``cty: "JWT"`` and holds the claims. The refresh token is an RS256
JWS only. So "nested validation" here means: verify the outer signature first, then decrypt
``private``; each step fails closed and names the step (``Validation.failed.check``).

Every test asserts *which* check fired, not only that the token was refused, and forged tokens
are built with jwcrypto directly (signed with the lab's real keys wherever the point is that a
policy check, not a bad signature, must catch them). Helper-sanity tests prove that the same
construction with legitimate values is accepted, so a rejection is the defence, not the helper.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from jwcrypto import jwe, jwk, jws

from uclab.core import defaults
from uclab.core.entropy import Entropy
from uclab.core.errors import WeakKeyError
from uclab.lab import Lab
from uclab.protocols import keys, tokens
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Validation, validate_access_token, validate_refresh_token
from uclab.testing import make_app, make_lab

SEED = 8725
PUB = "https://cucm-pub.example.com:8443"
SUB = "https://cucm-sub1.example.com:8443"
UDS = SUB + "/cucm-uds/user/alice/devices"
JWKS_URL = PUB + "/ssosp/oauth/jwks"
OTHER_CLUSTER = "0badc0de-0000-4000-8000-000000000000"


# -- helpers -------------------------------------------------------------------------------------
def b64u(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64(seg: str) -> bytes:
    return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))


def compact(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def forge_jws(header: dict[str, Any], payload: bytes, key: jwk.JWK,
              alg: str | None = None) -> str:
    """A compact JWS over ``payload`` with exactly ``header``, signed by jwcrypto's JWSCore."""
    alg = alg or header["alg"]
    sig = jws.JWSCore(alg, key, json.dumps(header), payload, algs=[alg]).sign()
    return f"{sig['protected']}.{sig['payload'].decode()}.{sig['signature']}"


def forge_jwe(header: dict[str, Any], plaintext: bytes, key: jwk.JWK) -> str:
    """A compact JWE of ``plaintext`` with exactly ``header`` (jwcrypto)."""
    token = jwe.JWE(plaintext, protected=json.dumps(header))
    token.add_recipient(key)
    return token.serialize(compact=True)


def outer_header(k: AuthzKeys, **extra: Any) -> dict[str, Any]:
    return {"alg": "RS256", "typ": "JWT", "kid": k.signing_kid, **extra}


def inner_header(k: AuthzKeys, **extra: Any) -> dict[str, Any]:
    return {"alg": "dir", "cty": "JWT", "enc": "A128CBC-HS256", "kid": k.encryption_kid, **extra}


def wrap(k: AuthzKeys, private: str) -> str:
    """Sign ``{"private": private}`` with the cluster's real signing key (uclab's own signer)."""
    return tokens.sign(k, compact({"private": private}))


def mint(k: AuthzKeys, claims: Any) -> str:
    """A properly encrypted and signed access token around arbitrary ``claims`` (real keys)."""
    return wrap(k, tokens.encrypt(k, compact(claims)))


def unsigned(header: dict[str, Any], payload: bytes, signature: str = "") -> str:
    return f"{b64u(compact(header))}.{b64u(payload)}.{signature}"


def rejected_at(result: Validation, check: str, *words: str) -> None:
    """The token was refused, by ``check``, with a detail naming ``words``."""
    assert not result.ok, result.report()
    assert result.claims is None
    assert result.failed is not None and result.failed.check == check, result.report()
    for word in words:
        assert word in result.failed.detail, result.report()


def checks_run(result: Validation) -> list[str]:
    return [d.check for d in result.decisions]


def bearer(lab: Lab, token: str):
    return lab.session().get(UDS, headers={"Authorization": f"Bearer {token}"})


def assert_invalid_token(resp, *words: str) -> None:
    """RFC 6750 §3.1: 401 with a Bearer challenge carrying error="invalid_token"."""
    assert resp.status_code == 401, resp.text
    challenge = resp.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer ") and 'error="invalid_token"' in challenge
    body = resp.json()
    assert body["error"] == "invalid_token"
    for word in words:
        assert word in body["error_description"], body


@cache
def attacker_rsa() -> jwk.JWK:
    """An RSA key that is not the cluster's (seeded, so deterministic)."""
    return jwk.JWK.from_pyca(keys.rsa_signing_key("uclab-tests/attacker", 0))


@dataclass
class Kit:
    lab: Lab
    keys: AuthzKeys
    access: str
    refresh: str
    envelope: bytes
    inner: str
    claims: dict[str, Any]
    client_id: str

    def check(self, token: Any, **kw: Any) -> Validation:
        return validate_access_token(token, self.keys, now=self.lab.now, **kw)

    def resigned(self, private: str) -> str:
        return wrap(self.keys, private)

    def claims_with(self, **changes: Any) -> dict[str, Any]:
        out = dict(self.claims)
        for name, value in changes.items():
            if value is _DROP:
                out.pop(name, None)
            else:
                out[name] = value
        return out


_DROP = object()


def new_kit(seed: int = SEED) -> Kit:
    lab = make_lab(seed=seed)
    app = make_app(lab)
    issued = app.tokens()
    k = lab.cucm.publisher.keys
    assert k is not None
    access = issued["access_token"]
    envelope = unb64(access.split(".")[1])
    accepted = validate_access_token(access, k, now=lab.now)
    assert accepted.ok, accepted.report()
    return Kit(lab, k, access, issued["refresh_token"], envelope,
               json.loads(envelope)["private"], dict(accepted.claims or {}), app.client_id)


@pytest.fixture(scope="module")
def kit() -> Kit:
    """A shared lab; tests that move its clock or its keys build their own with new_kit()."""
    return new_kit()


# -- helper sanity: the constructions below are accepted when nothing is wrong ---------------
def test_helpers_build_accepted_tokens_from_legitimate_parts(kit):
    """Proves that rejections below come from the defence, not from a broken forger."""
    assert kit.check(forge_jws(outer_header(kit.keys), kit.envelope, kit.keys.signing_jwk)).ok
    inner = forge_jwe(inner_header(kit.keys), compact(kit.claims), kit.keys.encryption_jwk)
    assert kit.check(kit.resigned(inner)).ok
    assert kit.check(mint(kit.keys, kit.claims)).ok
    assert kit.check(kit.resigned(kit.inner)).ok
    assert bearer(kit.lab, kit.access).status_code == 200


# -- E1 alg none ---------------------------------------------------------------------------------
@pytest.mark.parametrize("alg", ["none", "NoNe", "None", "NONE"])
def test_E1_alg_none_rejected(kit, alg):
    """CUCM shape: the outer JWS with alg none (any case) around the real envelope -> header."""
    token = unsigned(outer_header(kit.keys, alg=alg), kit.envelope)
    rejected_at(kit.check(token), "header", repr(alg))
    assert "signature" not in checks_run(kit.check(token))


def test_E1_alg_none_keeping_the_real_signature_rejected(kit):
    """CUCM shape: header swapped to none while the real RS256 signature is kept -> header."""
    sig = kit.access.split(".")[2]
    rejected_at(kit.check(unsigned(outer_header(kit.keys, alg="none"), kit.envelope, sig)),
                "header")


def test_E1_alg_none_gets_401_invalid_token_over_http(kit):
    """CUCM shape: the resource server answers an unsigned outer JWS with RFC 6750 401."""
    token = unsigned(outer_header(kit.keys, alg="none"), kit.envelope)
    assert_invalid_token(bearer(kit.lab, token), "header")


# -- E2 algorithm confusion ----------------------------------------------------------------------
def test_E2_hs256_hmac_with_rsa_public_pem_rejected(kit):
    """CUCM shape: outer JWS HMAC'd with the published RSA public key as secret -> header."""
    pem = kit.keys.verify_jwk.export_to_pem()
    hmac_key = jwk.JWK(kty="oct", k=b64u(pem))
    token = forge_jws(outer_header(kit.keys, alg="HS256"), kit.envelope, hmac_key)
    result = kit.check(token)
    rejected_at(result, "header", "'HS256'")
    assert "signature" not in checks_run(result)
    assert_invalid_token(bearer(kit.lab, token))


def test_E2_ps256_with_the_real_rsa_key_rejected(kit):
    """CUCM shape: a valid PS256 signature by the cluster's own key under alg PS256 -> header."""
    token = forge_jws(outer_header(kit.keys, alg="PS256"), kit.envelope, kit.keys.signing_jwk)
    rejected_at(kit.check(token), "header", "'PS256'")


def test_E2_ps256_signature_under_an_rs256_header_rejected(kit):
    """CUCM shape: PSS signature bytes labelled RS256 fail RS256 verification -> signature."""
    ps = forge_jws(outer_header(kit.keys), kit.envelope, kit.keys.signing_jwk, alg="PS256")
    rejected_at(kit.check(ps), "signature")


def test_E2_rs384_with_the_real_key_rejected(kit):
    """CUCM shape: only RS256 is on the outer allow-list, even for the right key -> header."""
    token = forge_jws(outer_header(kit.keys, alg="RS384"), kit.envelope, kit.keys.signing_jwk)
    rejected_at(kit.check(token), "header")


# -- E3 sign/encrypt confusion -------------------------------------------------------------------
def test_E3_bare_jwe_that_decrypts_is_rejected(kit):
    """CUCM shape: the inner JWE alone (no outer signature) decrypts, yet -> token format."""
    probe = jwe.JWE()
    probe.deserialize(kit.inner)
    probe.decrypt(kit.keys.encryption_jwk)  # it is a genuine, decryptable JWE ...
    assert json.loads(probe.payload)["sub"] == "alice"
    result = kit.check(kit.inner)  # ... but a JWE is not a signed CUCM access token
    rejected_at(result, "token format", "JWE (5 parts)")
    assert_invalid_token(bearer(kit.lab, kit.inner), "token format")


def test_E3_outer_jws_with_bare_claims_signed_by_the_real_key_rejected(kit):
    """CUCM shape: a correctly signed JWS whose payload is the claims, not {private} -> envelope."""
    token = forge_jws(outer_header(kit.keys), compact(kit.claims), kit.keys.signing_jwk)
    result = kit.check(token)
    rejected_at(result, "envelope", "private")
    assert "decryption" not in checks_run(result)
    assert_invalid_token(bearer(kit.lab, token), "envelope")


def test_E3_envelope_with_extra_members_rejected(kit):
    """CUCM shape: {"private": <real JWE>, "sub": "admin"} signed by the real key -> envelope."""
    payload = compact({"private": kit.inner, "sub": "admin"})
    rejected_at(kit.check(tokens.sign(kit.keys, payload)), "envelope")


# -- E4 nested validation ------------------------------------------------------------------------
def test_E4_inner_jwe_without_cty_rejected(kit):
    """CUCM shape: inner JWE lacking cty JWT, re-signed with the real key -> inner header."""
    hdr = inner_header(kit.keys)
    del hdr["cty"]
    inner = forge_jwe(hdr, compact(kit.claims), kit.keys.encryption_jwk)
    result = kit.check(kit.resigned(inner))
    rejected_at(result, "inner header", "cty")
    assert "decryption" not in checks_run(result)


def test_E4_inner_jwe_with_a256gcm_rejected(kit):
    """CUCM shape: inner enc A256GCM under the real key (decryptable) -> inner header."""
    inner = forge_jwe(inner_header(kit.keys, enc="A256GCM"), compact(kit.claims),
                      kit.keys.encryption_jwk)
    rejected_at(kit.check(kit.resigned(inner)), "inner header", "A256GCM")


def test_E4_inner_jwe_from_another_encryption_key_rejected(kit):
    """CUCM shape: inner encrypted under a foreign key but labelled with our kid -> decryption."""
    foreign = jwk.JWK(kty="oct", k=b64u(bytes(range(32))))
    inner = forge_jwe(inner_header(kit.keys), compact(kit.claims), foreign)
    rejected_at(kit.check(kit.resigned(inner)), "decryption")


def test_E4_inner_jwe_with_a_foreign_encryption_kid_rejected(kit):
    """CUCM shape: inner labelled with another cluster's encryption kid -> inner header."""
    hdr = inner_header(kit.keys, kid=f"{OTHER_CLUSTER}:{'ab' * 32}")
    inner = forge_jwe(hdr, compact(kit.claims), kit.keys.encryption_jwk)
    rejected_at(kit.check(kit.resigned(inner)), "inner header", "kid")


def test_E4_outer_signed_by_another_key_with_our_kid_rejected(kit):
    """CUCM shape: the real envelope re-signed by an attacker's RSA key under our kid -> sig."""
    token = forge_jws(outer_header(kit.keys), kit.envelope, attacker_rsa())
    rejected_at(kit.check(token), "signature")
    assert_invalid_token(bearer(kit.lab, token), "signature")


def test_E4_outer_signed_by_another_key_with_its_own_kid_rejected(kit):
    """CUCM shape: an envelope signed by a key the node does not hold -> signing key."""
    hdr = outer_header(kit.keys, kid=f"{OTHER_CLUSTER}:{attacker_rsa().thumbprint()}")
    rejected_at(kit.check(forge_jws(hdr, kit.envelope, attacker_rsa())), "signing key",
                "unknown kid")


# -- E5 token-type confusion ---------------------------------------------------------------------
def test_E5_refresh_token_presented_as_access_token_rejected(kit):
    """CUCM shape: the RS256-only refresh token (valid signature) at the RS -> envelope."""
    result = kit.check(kit.refresh)
    assert "signature" in checks_run(result) and result.decisions[3].ok  # signature is fine
    rejected_at(result, "envelope", "refresh token")
    assert_invalid_token(bearer(kit.lab, kit.refresh), "envelope")


def test_E5_access_token_presented_as_refresh_token_rejected(kit):
    """CUCM shape: an access token where a refresh token is expected -> token type."""
    result = validate_refresh_token(kit.access, kit.keys, now=kit.lab.now)
    rejected_at(result, "token type", "not a refresh token")


def test_E5_inner_claims_of_type_refresh_rejected(kit):
    """CUCM shape: a well-formed envelope whose inner ctyp is refresh -> token type."""
    token = mint(kit.keys, kit.claims_with(ctyp="refresh"))
    rejected_at(kit.check(token), "token type", "'refresh'")


def test_E5_access_token_at_the_refresh_grant_gets_invalid_grant(kit):
    """CUCM shape: the AS's refresh grant refuses an access token (invalid_grant, names why)."""
    lab = kit.lab
    app = make_app(lab, name="E5 app")
    issued = app.tokens()
    resp = app.refresh(issued["access_token"])
    assert resp.status_code == 400
    body = resp.json()
    assert body["error"] == "invalid_grant" and "token type" in body["error_description"]


# -- E6 issuer -----------------------------------------------------------------------------------
def test_E6_iss_of_another_cluster_rejected(kit):
    """CUCM shape: correct signature and encryption, inner iss = another cluster -> issuer."""
    token = mint(kit.keys, kit.claims_with(iss=OTHER_CLUSTER))
    rejected_at(kit.check(token), "issuer", OTHER_CLUSTER, kit.keys.cluster_id)
    assert_invalid_token(bearer(kit.lab, token), "issuer")


def test_E6_missing_iss_rejected(kit):
    """CUCM shape: correct signature and encryption, no inner iss -> issuer."""
    rejected_at(kit.check(mint(kit.keys, kit.claims_with(iss=_DROP))), "issuer")


# -- E7 audience ---------------------------------------------------------------------------------
def test_E7_missing_aud_rejected(kit):
    """CUCM shape: inner claims without aud (valid crypto) -> audience."""
    rejected_at(kit.check(mint(kit.keys, kit.claims_with(aud=_DROP))), "audience")


@pytest.mark.parametrize("aud", ["ExpresswayC", ["ExpresswayC", "UnityConnection"], "", None])
def test_E7_aud_naming_another_resource_server_rejected(kit, aud):
    """CUCM shape: inner aud naming some other service (valid crypto) -> audience."""
    result = kit.check(mint(kit.keys, kit.claims_with(aud=aud)))
    rejected_at(result, "audience", "UnifiedCommunications")


def test_E7_aud_list_containing_this_audience_accepted(kit):
    """CUCM shape: control for E7, an aud list that does name the RS is fine."""
    assert kit.check(mint(kit.keys, kit.claims_with(aud=["X", "UnifiedCommunications"]))).ok


# -- E8 lifetime ---------------------------------------------------------------------------------
def test_E8_leeway_is_pinned_at_60_seconds():
    """CUCM shape: the one validator's default skew tolerance (CUCM's own is undocumented)."""
    assert defaults.LEEWAY_SECONDS == 60


def test_E8_exp_61s_ago_rejected_59s_ago_accepted(kit):
    """CUCM shape: inner exp vs now with the pinned 60 s leeway, on real keys."""
    now = kit.lab.now
    late = kit.check(mint(kit.keys, kit.claims_with(exp=now - 61, iat=now - 3700)))
    rejected_at(late, "expiry", "expired 61s ago", "leeway 60s")
    assert kit.check(mint(kit.keys, kit.claims_with(exp=now - 59, iat=now - 3700))).ok
    assert kit.check(mint(kit.keys, kit.claims_with(exp=now - 60, iat=now - 3700))).ok


def test_E8_missing_exp_rejected(kit):
    """CUCM shape: inner claims without exp (valid crypto) -> expiry (exp is required)."""
    rejected_at(kit.check(mint(kit.keys, kit.claims_with(exp=_DROP))), "expiry")


def test_E8_expiry_over_http_with_the_virtual_clock():
    """CUCM shape: the RS (cucm-sub1) on lab time: exp+59 s is served, exp+61 s gets 401."""
    kit = new_kit()
    exp = kit.claims["exp"]
    kit.lab.advance(seconds=exp + 59 - kit.lab.now)
    assert bearer(kit.lab, kit.access).status_code == 200
    kit.lab.advance(seconds=2)
    assert_invalid_token(bearer(kit.lab, kit.access), "expiry", "expired 61s ago")


# -- E9 hostile kid / jku / x5u / jwk ------------------------------------------------------------
@pytest.mark.parametrize("member, value", [
    ("jku", "http://127.0.0.1/jwks.json"),
    ("jku", JWKS_URL),
    ("x5u", "http://127.0.0.1:8443/cert.pem"),
    ("x5c", ["MIIBkTCB+wIJ"]),
])
def test_E9_jku_x5u_headers_rejected_without_any_network_call(kit, member, value):
    """CUCM shape: outer header with a key-locating URL, signed by the real key -> header."""
    token = forge_jws(outer_header(kit.keys, **{member: value}), kit.envelope,
                      kit.keys.signing_jwk)
    before = len(kit.lab.exchanges)
    rejected_at(kit.check(token), "header", member)
    assert len(kit.lab.exchanges) == before  # the validator itself fetched nothing
    assert_invalid_token(bearer(kit.lab, token), "header")
    assert [ex.dst for ex in kit.lab.exchanges[before:]] == ["cucm-sub1"]  # only our request


def test_E9_embedded_jwk_header_rejected(kit):
    """CUCM shape: attacker-signed outer JWS carrying its own public key in jwk -> header."""
    attacker = attacker_rsa()
    hdr = outer_header(kit.keys, jwk=json.loads(attacker.export_public()))
    rejected_at(kit.check(forge_jws(hdr, kit.envelope, attacker)), "header", "jwk")


@pytest.mark.parametrize("kid", ["../../etc/passwd", "' OR 1=1 --", "", "x" * 2000])
def test_E9_hostile_kid_gets_a_plain_unknown_kid(kit, kid):
    """CUCM shape: outer kid is matched against the held key only -> signing key, unknown kid."""
    token = forge_jws(outer_header(kit.keys, kid=kid), kit.envelope, kit.keys.signing_jwk)
    result = kit.check(token)
    rejected_at(result, "signing key", "unknown kid")
    assert len(result.failed.detail) < 400
    assert "signature" not in checks_run(result)


def test_E9_path_traversal_kid_gets_401_over_http(kit):
    """CUCM shape: the RS answers the traversal kid with a plain invalid_token 401."""
    token = forge_jws(outer_header(kit.keys, kid="../../etc/passwd"), kit.envelope,
                      kit.keys.signing_jwk)
    assert_invalid_token(bearer(kit.lab, token), "unknown kid")


def test_E9_non_string_kid_rejected(kit):
    """CUCM shape: kid as a JSON object instead of a string -> signing key."""
    token = forge_jws(outer_header(kit.keys, kid={"path": "/etc/passwd"}), kit.envelope,
                      kit.keys.signing_jwk)
    rejected_at(kit.check(token), "signing key", "no kid")


# -- E10 crit ------------------------------------------------------------------------------------
@pytest.mark.parametrize("crit", [["urn:example:x"], ["exp"], []])
def test_E10_crit_header_rejected(kit, crit):
    """CUCM shape: outer header with crit (unknown extension), signed by the real key -> header."""
    hdr = outer_header(kit.keys, crit=crit)
    if crit and crit[0].startswith("urn"):
        hdr[crit[0]] = True
    rejected_at(kit.check(forge_jws(hdr, kit.envelope, kit.keys.signing_jwk)), "header", "crit")


def test_E10_crit_in_the_inner_header_rejected(kit):
    """CUCM shape: inner JWE header with crit, re-signed outer -> inner header."""
    token = mint(kit.keys, kit.claims)
    hdr = json.dumps(inner_header(kit.keys, crit=["urn:example:x"], **{"urn:example:x": 1}))
    inner = tokens.encrypt(kit.keys, compact(kit.claims), hdr)
    assert kit.check(token).ok
    rejected_at(kit.check(kit.resigned(inner)), "inner header", "crit")


# -- E11 format confusion ------------------------------------------------------------------------
@pytest.mark.parametrize("flattened", [False, True])
def test_E11_json_serialized_jws_rejected(kit, flattened):
    """CUCM shape: the real, correctly signed envelope in JWS JSON serialization -> format."""
    obj = jws.JWS(kit.envelope)
    obj.add_signature(kit.keys.signing_jwk, None, json.dumps(outer_header(kit.keys)))
    token = obj.serialize(compact=False)
    if not flattened:
        data = json.loads(token)
        token = json.dumps({"payload": data["payload"], "signatures": [
            {"protected": data["protected"], "signature": data["signature"]}]})
    result = kit.check(token)
    rejected_at(result, "token format", "compact")
    assert checks_run(result) == ["token format"]
    assert_invalid_token(bearer(kit.lab, token), "token format")


def test_E11_json_serialized_inner_jwe_rejected(kit):
    """CUCM shape: {"private": <JWE in JSON serialization>} signed by the real key -> envelope."""
    obj = jwe.JWE(compact(kit.claims), protected=json.dumps(inner_header(kit.keys)))
    obj.add_recipient(kit.keys.encryption_jwk)
    result = kit.check(kit.resigned(obj.serialize(compact=False)))
    rejected_at(result, "envelope", "compact JWE")
    assert "decryption" not in checks_run(result)


@pytest.mark.parametrize("char", ["+", "/", "=", " ", "\n", "\t", "\x00", "{", "é", "\u2024"])
def test_E11_character_outside_base64url_rejected_before_crypto(kit, char):
    """CUCM shape: any non [A-Za-z0-9_.-] character in the outer token -> token format."""
    head, payload, sig = kit.access.split(".")
    for token in (kit.access + char, f"{head}.{payload[:10]}{char}{payload[10:]}.{sig}"):
        result = kit.check(token)
        rejected_at(result, "token format", "only A-Z a-z 0-9 - _ and . allowed")
        assert checks_run(result) == ["token format"]


@pytest.mark.parametrize("char", ["\n", "=", "+", " "])
def test_E11_character_outside_base64url_in_the_inner_jwe_rejected(kit, char):
    """CUCM shape: a stray character in 'private' (re-signed outer) -> envelope, no decryption."""
    result = kit.check(kit.resigned(kit.inner + char))
    rejected_at(result, "envelope")
    assert "decryption" not in checks_run(result)


# -- E12 compression -----------------------------------------------------------------------------
def test_E12_authorization_server_never_emits_zip():
    """CUCM shape: outer, inner and refresh headers of real issued tokens carry no zip."""
    kit = new_kit()
    app = make_app(kit.lab, name="E12 app")
    issued = app.tokens()
    again = app.refresh(issued["refresh_token"])
    assert again.status_code == 200
    headers = []
    for access in (kit.access, issued["access_token"], again.json()["access_token"]):
        head, payload, _ = access.split(".")
        headers.append(json.loads(unb64(head)))
        headers.append(json.loads(unb64(json.loads(unb64(payload))["private"].split(".")[0])))
    headers.append(json.loads(unb64(issued["refresh_token"].split(".")[0])))
    assert len(headers) == 7
    for hdr in headers:
        assert "zip" not in hdr, hdr
    assert {h["alg"] for h in headers} == {"RS256", "dir"}


def test_E12_zip_def_in_the_inner_jwe_rejected(kit):
    """CUCM shape: inner JWE with zip DEF (decryptable by jwcrypto), re-signed -> inner header."""
    inner = forge_jwe(inner_header(kit.keys, zip="DEF"), compact(kit.claims),
                      kit.keys.encryption_jwk)
    probe = jwe.JWE()
    probe.deserialize(inner)
    probe.decrypt(kit.keys.encryption_jwk)  # jwcrypto itself would inflate it
    assert json.loads(probe.payload) == kit.claims
    result = kit.check(kit.resigned(inner))
    rejected_at(result, "inner header", "zip")
    assert "decryption" not in checks_run(result)


def test_E12_zip_bomb_in_the_inner_jwe_rejected_before_inflating(kit):
    """CUCM shape: a 2 MiB-inflating zip DEF inner JWE -> inner header, never decompressed."""
    bomb = zlib.compress(b"{" + b" " * (2 << 20) + b"}", 9)[2:-4]  # raw DEFLATE (RFC 1951)
    hdr = compact(inner_header(kit.keys, zip="DEF"))
    inner = tokens.encrypt(kit.keys, bomb, hdr.decode())  # encrypts the compressed bytes as-is
    token = kit.resigned(inner)
    assert len(token) <= defaults.MAX_TOKEN_LENGTH
    result = kit.check(token)
    rejected_at(result, "inner header", "zip")
    assert "decryption" not in checks_run(result)


def test_E12_zip_in_the_outer_header_rejected(kit):
    """CUCM shape: outer JWS header with zip DEF, signed by the real key -> header."""
    token = forge_jws(outer_header(kit.keys, zip="DEF"), kit.envelope, kit.keys.signing_jwk)
    rejected_at(kit.check(token), "header", "zip")


# -- E13 PBES2 -----------------------------------------------------------------------------------
def test_E13_pbes2_inner_jwe_rejected_at_the_header_check(kit):
    """CUCM shape: inner PBES2 JWE with a huge p2c, re-signed -> inner header, no PBKDF2 run."""
    legit = forge_jwe({"alg": "PBES2-HS256+A128KW", "enc": "A128CBC-HS256", "cty": "JWT",
                       "kid": kit.keys.encryption_kid}, compact(kit.claims),
                      jwk.JWK.from_password("lab"))
    hdr = json.loads(unb64(legit.split(".")[0]))
    hdr["p2c"] = 2_000_000_000  # CVE-2023-6681: the iteration count is attacker-chosen
    inner = ".".join([b64u(compact(hdr)), *legit.split(".")[1:]])
    result = kit.check(kit.resigned(inner))
    rejected_at(result, "inner header", "PBES2")
    assert "decryption" not in checks_run(result)


def test_E13_pbes2_as_outer_alg_rejected_at_the_header_check(kit):
    """CUCM shape: outer header alg PBES2 (an encryption alg) -> header, nothing else run."""
    hdr = outer_header(kit.keys, alg="PBES2-HS512+A256KW", p2c=2_000_000_000, p2s="AAAA")
    result = kit.check(unsigned(hdr, kit.envelope, b64u(b"x" * 32)))
    rejected_at(result, "header")
    assert checks_run(result) == ["token format", "header"]


# -- E14 weak keys -------------------------------------------------------------------------------
def test_E14_rsa_below_2048_bits_refused():
    """CUCM shape: the AuthZ signing key factory refuses 1024-bit RSA (seeded and unseeded)."""
    with pytest.raises(WeakKeyError, match="2048"):
        keys.rsa_signing_key(None, 0, bits=1024)
    with pytest.raises(WeakKeyError, match="2048"):
        keys.rsa_signing_key("weak", 0, bits=2047)


def test_E14_encryption_key_below_256_bits_refused():
    """CUCM shape: the A128CBC-HS256 cluster key factory refuses a 128-bit key."""
    with pytest.raises(WeakKeyError, match="256"):
        keys.encryption_key_bytes(Entropy("weak"), bits=128)


def test_E14_lab_keys_have_full_strength(kit):
    """CUCM shape: control for E14, the lab's own keys are RSA-2048 and a 256-bit secret."""
    assert kit.keys.signing_private.key_size == 2048
    assert len(kit.keys.encryption_secret) * 8 == 256


# -- E15 malformed claim types -------------------------------------------------------------------
@pytest.mark.parametrize("exp", ["9999999999", None, 1.5e10, True, [9999999999], {"v": 1}])
def test_E15_exp_of_the_wrong_type_rejected(kit, exp):
    """CUCM shape: inner exp not an integer (string, null, float, bool, ...) -> expiry."""
    rejected_at(kit.check(mint(kit.keys, kit.claims_with(exp=exp))), "expiry", "integer")


def test_E15_exp_as_string_gets_401_not_500(kit):
    """CUCM shape: the RS answers a string exp with 401 invalid_token."""
    assert_invalid_token(bearer(kit.lab, mint(kit.keys, kit.claims_with(exp="9999999999"))),
                         "expiry")


@pytest.mark.parametrize("claims", [[], ["sub", "alice"], "alice", 42, None])
def test_E15_claims_that_are_not_an_object_rejected(kit, claims):
    """CUCM shape: the decrypted inner payload is a JSON list/string/number -> decryption."""
    result = kit.check(mint(kit.keys, claims))
    rejected_at(result, "decryption", "not a JSON object")
    assert_invalid_token(bearer(kit.lab, mint(kit.keys, claims)), "decryption")


def test_E15_outer_payload_that_is_not_an_object_rejected(kit):
    """CUCM shape: the signed envelope is a JSON list -> payload."""
    token = tokens.sign(kit.keys, compact([{"private": kit.inner}]))
    rejected_at(kit.check(token), "payload", "not a JSON object")


def test_E15_non_json_plaintext_rejected(kit):
    """CUCM shape: inner plaintext that is not JSON (or not UTF-8) -> decryption."""
    for plaintext in (b"not json", b"\xff\xfe\x00"):
        token = kit.resigned(tokens.encrypt(kit.keys, plaintext))
        rejected_at(kit.check(token), "decryption", "not a JSON object")


@pytest.mark.parametrize("iat", ["0", None, 2**70])
def test_E15_iat_of_the_wrong_type_or_future_rejected(kit, iat):
    """CUCM shape: inner iat not an integer in the past -> issued at."""
    rejected_at(kit.check(mint(kit.keys, kit.claims_with(iat=iat))), "issued at")


# -- E16 tampering -------------------------------------------------------------------------------
OUTER_PARTS = {0: ("JWS header", {"header", "signing key", "signature"}),
               1: ("JWS payload", {"signature"}),
               2: ("JWS signature", {"signature"})}
INNER_PARTS = {0: ("JWE header", {"inner header", "decryption"}),
               2: ("JWE iv", {"decryption"}),
               3: ("JWE ciphertext", {"decryption"}),
               4: ("JWE tag", {"decryption"})}


def flip(segment: str, index: int, bit: int) -> str:
    raw = bytearray(unb64(segment))
    raw[index] ^= 1 << bit
    return b64u(bytes(raw))


def positions(n: int) -> list[int]:
    return sorted({0, 1, n // 3, n // 2, n - 2, n - 1})


@pytest.mark.parametrize("part", sorted(OUTER_PARTS))
def test_E16_any_bit_flip_in_each_outer_jws_part_rejected(kit, part):
    """CUCM shape: flipping bits of each of the outer JWS's 3 decoded parts -> 401-type failure."""
    name, allowed = OUTER_PARTS[part]
    segs = kit.access.split(".")
    raw_len = len(unb64(segs[part]))
    tried = 0
    for index in positions(raw_len):
        for bit in range(8):
            altered = list(segs)
            altered[part] = flip(segs[part], index, bit)
            result = kit.check(".".join(altered))
            assert not result.ok, f"{name} byte {index} bit {bit} accepted"
            assert result.failed.check in allowed, (name, index, bit, result.report())
            tried += 1
    assert tried >= 40


@pytest.mark.parametrize("part", sorted(INNER_PARTS))
def test_E16_any_bit_flip_in_each_inner_jwe_part_rejected(kit, part):
    """CUCM shape: inner JWE flips under a re-signed outer, so only the inner checks can fail."""
    name, allowed = INNER_PARTS[part]
    segs = kit.inner.split(".")
    raw_len = len(unb64(segs[part]))
    tried = 0
    for index in positions(raw_len):
        for bit in range(8):
            altered = list(segs)
            altered[part] = flip(segs[part], index, bit)
            result = kit.check(kit.resigned(".".join(altered)))
            assert not result.ok, f"{name} byte {index} bit {bit} accepted"
            assert result.decisions[3].check == "signature" and result.decisions[3].ok
            assert result.failed.check in allowed, (name, index, bit, result.report())
            tried += 1
    assert tried >= 40


@pytest.mark.parametrize("size", [1, 16, 256])
def test_E16_inner_encrypted_key_part_must_stay_empty(kit, size):
    """CUCM shape: dir has an empty 2nd JWE part; any bytes there (re-signed outer) -> rejected."""
    segs = kit.inner.split(".")
    assert segs[1] == ""
    segs[1] = b64u(bytes([0x5A]) * size)
    result = kit.check(kit.resigned(".".join(segs)))
    rejected_at(result, "decryption")


def _non_canonical(segment: str) -> str | None:
    """The same bytes with a spare low bit of the last character set, if it has spare bits."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    if len(segment) % 4 == 0:
        return None
    value = alphabet.index(segment[-1]) ^ 1
    altered = segment[:-1] + alphabet[value]
    assert unb64(altered) == unb64(segment)  # a pure encoding change, same bytes
    return altered


def test_E16_non_canonical_base64url_rejected_in_every_segment(kit):
    """CUCM shape: re-encoding any outer or inner segment non-canonically is not accepted."""
    outer, inner = kit.access.split("."), kit.inner.split(".")
    seen = []
    for i, seg in enumerate(outer):
        altered = _non_canonical(seg)
        if altered is not None:
            rejected_at(kit.check(".".join([*outer[:i], altered, *outer[i + 1:]])),
                        "token format", "canonical")
            seen.append(f"outer {i}")
    for i, seg in enumerate(inner):
        altered = _non_canonical(seg) if seg else None
        if altered is not None:
            token = kit.resigned(".".join([*inner[:i], altered, *inner[i + 1:]]))
            result = kit.check(token)
            rejected_at(result, "envelope", "canonical")
            assert "decryption" not in checks_run(result)
            seen.append(f"inner {i}")
    # the RS256 signature and the 16-byte iv and tag always have spare bits
    assert {"outer 2", "inner 2", "inner 4"} <= set(seen)


# -- E17 confidentiality -------------------------------------------------------------------------
def test_E17_no_plaintext_claims_in_any_decoded_segment(kit):
    """CUCM shape: outer header/payload/sig and all 5 JWE parts decoded show no claims."""
    assert kit.claims["sub"] == "alice" and kit.claims["scope"]  # they are in there, encrypted
    head, payload, sig = kit.access.split(".")
    private = json.loads(unb64(payload))["private"]
    decoded = [unb64(head), unb64(payload), unb64(sig)] + [unb64(s) for s in private.split(".")]
    secrets_ = [b"alice", b'"sub"', b'"scope"', kit.claims["scope"].encode(),
                kit.client_id.encode(), kit.claims["tid"].encode(), b"UnifiedCommunications",
                b'"aud"', b'"ctyp"']
    for blob in decoded:
        for needle in secrets_:
            assert needle not in blob, needle
    assert set(json.loads(unb64(payload))) == {"private"}


# -- I1 JWKS -------------------------------------------------------------------------------------
@pytest.mark.parametrize("base", [PUB, SUB])
def test_I1_jwks_has_no_private_or_symmetric_members(kit, base):
    """The published JWKS holds the public RS256 signing key and nothing private or symmetric."""
    resp = kit.lab.session().get(base + "/ssosp/oauth/jwks")
    assert resp.status_code == 200
    published = resp.json()["keys"]
    assert [k["kid"] for k in published] == [kit.keys.signing_kid]
    for key in published:
        assert key["kty"] != "oct"
        assert not {"d", "p", "q", "dp", "dq", "qi", "k", "oth"} & set(key), key
        assert key["kty"] == "RSA" and key.get("use") == "sig"


# -- I2 symmetric key never on the wire ----------------------------------------------------------
def test_I2_encryption_key_never_appears_in_any_exchange():
    """The cluster's symmetric key (raw, base64url, base64, hex) is in no recorded exchange."""
    kit = new_kit()
    lab = kit.lab
    app = make_app(lab, name="I2 app")
    issued = app.tokens()
    assert app.refresh(issued["refresh_token"]).status_code == 200
    session = lab.session()
    assert session.get(PUB + "/.well-known/oauth-authorization-server/ssosp").status_code == 200
    assert session.get(JWKS_URL).status_code == 200
    assert bearer(lab, issued["access_token"]).status_code == 200
    secret = kit.keys.encryption_secret
    d = kit.keys.signing_private.private_numbers().d
    d_jwk = b64u(d.to_bytes((d.bit_length() + 7) // 8, "big"))  # d as a JWK would carry it
    needles_text = [b64u(secret), base64.b64encode(secret).decode(), secret.hex(),
                    secret.hex().upper(), d_jwk[:40]]
    paths = {ex.request.path for ex in lab.exchanges}
    assert {"/ssosp/oauth/token", "/ssosp/oauth/jwks"} <= paths and len(lab.exchanges) >= 8
    for ex in lab.exchanges:
        blobs = [ex.request.body, ex.request.url.encode(),
                 json.dumps(ex.request.headers.items()).encode(),
                 json.dumps(ex.metadata, default=str).encode(), str(ex.error).encode()]
        if ex.response is not None:
            blobs += [ex.response.body, json.dumps(ex.response.headers.items()).encode()]
        for blob in blobs:
            assert secret not in blob, ex.summary()
            for needle in needles_text:
                assert needle.encode() not in blob, (ex.summary(), needle[:6])


# -- I3 regeneration -----------------------------------------------------------------------------
def test_I3_kids_unique_and_only_the_new_key_verifies_after_regen():
    """No overlap by design: CUCM regen invalidates all tokens (fact sheet 1.5 [U]); N/A part:
    the overlap window (old and new kid both valid) does not exist in the product."""
    kit = new_kit()
    lab, pub = kit.lab, kit.lab.cucm.publisher
    app = make_app(lab, name="I3 app")
    history = [pub.keys]
    old = app.tokens()
    out = pub.cli("set key regen authz signing", confirm=True)
    assert "regenerated" in out
    history.append(pub.keys)
    for host in ("cucm-pub.example.com", "cucm-sub1.example.com"):
        rejected_at(lab.cucm.validate(old["access_token"], at=host), "signing key", "unknown kid")
    assert_invalid_token(bearer(lab, old["access_token"]), "unknown kid")
    refused = app.refresh(old["refresh_token"])
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    assert "signing key" in refused.json()["error_description"]
    fresh = app.tokens()
    for host in ("cucm-pub.example.com", "cucm-sub1.example.com"):
        assert lab.cucm.validate(fresh["access_token"], at=host).ok
    jwks = lab.session().get(JWKS_URL).json()["keys"]
    assert [k["kid"] for k in jwks] == [pub.keys.signing_kid]  # no old key published
    pub.cli("set key regen authz encryption", confirm=True)
    history.append(pub.keys)
    rejected_at(lab.cucm.validate(fresh["access_token"]), "inner header", "encryption kid")
    pub.cli("set key regen authz signing", confirm=True)
    history.append(pub.keys)
    assert lab.cucm.validate(app.tokens()["access_token"]).ok
    signing = {k.signing_kid for k in history}
    encryption = {k.encryption_kid for k in history}
    assert len(signing) == 3 and len(encryption) == 2
    assert not signing & encryption


# -- I4 key/use separation -----------------------------------------------------------------------
def test_I4_token_signed_with_the_enc_key_rejected(kit):
    """The use:"enc" oct key (the cluster's JWE key) used to sign the envelope -> header."""
    enc = kit.keys.encryption_jwk
    assert enc["use"] == "enc" and kit.keys.verify_jwk["use"] == "sig"
    as_mac = jwk.JWK(kty="oct", k=enc["k"])  # the attacker's view of the same secret
    token = forge_jws(outer_header(kit.keys, alg="HS256"), kit.envelope, as_mac)
    result = kit.check(token)
    rejected_at(result, "header", "'HS256'")
    assert "signature" not in checks_run(result)


def test_I4_mac_with_the_enc_key_under_an_rs256_label_rejected(kit):
    """An HMAC by the enc key labelled RS256 fails the RS256 verifier -> signature."""
    as_mac = jwk.JWK(kty="oct", k=kit.keys.encryption_jwk["k"])
    token = forge_jws(outer_header(kit.keys), kit.envelope, as_mac, alg="HS256")
    rejected_at(kit.check(token), "signature")


def test_I4_rsa_key_marked_use_enc_rejected(kit):
    """An RSA JWK with use enc (not the cluster's) signing under our kid -> signature."""
    enc_rsa = jwk.JWK(**json.loads(attacker_rsa().export_private()), use="enc")
    with pytest.raises(jwk.InvalidJWKUsage):  # jwcrypto refuses; an attacker need not
        forge_jws(outer_header(kit.keys), kit.envelope, enc_rsa)
    token = forge_jws(outer_header(kit.keys), kit.envelope, attacker_rsa())  # same key bytes
    rejected_at(kit.check(token), "signature")


def test_I4_random_oct_key_rejected(kit):
    """Any oct (HMAC) key at all under alg HS256 -> header."""
    token = forge_jws(outer_header(kit.keys, alg="HS256"), kit.envelope,
                      jwk.JWK(kty="oct", k=b64u(b"k" * 32)))
    rejected_at(kit.check(token), "header")


# -- I5 secrets in repr --------------------------------------------------------------------------
def test_I5_reprs_hold_no_private_key_material(kit):
    """repr of the key set, its JWKs, the lab, cluster, nodes and exchanges hides the secrets."""
    k = kit.keys
    numbers = k.signing_private.private_numbers()
    needles = [b64u(k.encryption_secret), k.encryption_secret.hex(),
               base64.b64encode(k.encryption_secret).decode(), repr(k.encryption_secret)[2:26]]
    for value in (numbers.d, numbers.p, numbers.q, numbers.dmp1, numbers.dmq1, numbers.iqmp):
        raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
        needles += [str(value)[:30], format(value, "x")[:30], b64u(raw)[:30]]
    lab = kit.lab
    texts = {
        "keys": repr(k), "str(keys)": str(k), "signing_jwk": repr(k.signing_jwk),
        "encryption_jwk": repr(k.encryption_jwk), "lab": repr(lab), "cluster": repr(lab.cucm),
        "nodes": repr(lab.cucm.nodes), "exchanges": repr(lab.exchanges),
        "exchange states": json.dumps([ex.to_state() for ex in lab.exchanges], default=str),
    }
    for where, text in texts.items():
        for needle in needles:
            assert needle not in text, (where, needle[:8])
    for where in ("signing_jwk", "encryption_jwk"):
        for member in ('"d"', '"p"', '"q"', '"k"'):
            assert member not in texts[where], (where, member)
    assert k.cluster_id in texts["keys"]  # the repr still says which key set it is


@pytest.mark.parametrize("exp", [253402300800, 2**63, -1, -(2**70)])
def test_E15_exp_outside_any_calendar_is_a_failed_check_not_a_crash(exp):
    """A correctly signed token whose exp no calendar can show fails at "expiry"."""
    from uclab.protocols import tokens
    from uclab.protocols.validation import validate_access_token, validate_refresh_token
    from uclab.testing import make_lab

    lab = make_lab(1)
    keys = lab.cucm.publisher.keys
    claims = tokens.access_claims(keys=keys, user_id="alice", client_id="C1", token_id="t",
                                  grant_id=None, now=lab.now, lifetime_s=60,
                                  scope="UnifiedCommunications:readwrite",
                                  audience="UnifiedCommunications")
    claims["exp"] = exp
    result = validate_access_token(tokens.mint_access_token(keys, claims), keys, now=lab.now)
    assert not result.ok and result.failed.check == "expiry"
    rt = tokens.mint_refresh_token(keys, tokens.refresh_claims(keys=keys, token_id="t",
                                                               client_id="C1", expires_at=exp))
    assert validate_refresh_token(rt, keys, now=lab.now).failed.check == "expiry"
