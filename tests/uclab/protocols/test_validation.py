"""uclab.protocols.validation: the decision log of the shared validator (details in
tests/security)."""

from uclab.core.entropy import Entropy
from uclab.protocols import tokens
from uclab.protocols.keys import AuthzKeys, encryption_key_bytes, rsa_signing_key
from uclab.protocols.validation import validate_access_token, validate_refresh_token

CLUSTER = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"


def keyset(gen=0):
    return AuthzKeys(CLUSTER, rsa_signing_key("t-val", gen), encryption_key_bytes(Entropy(gen)))


def access(k, now=1000, **over):
    claims = tokens.access_claims(keys=k, user_id="alice", client_id="Cx", token_id="t",
                                  grant_id=None, now=now, lifetime_s=3600,
                                  scope="UnifiedCommunications:readwrite",
                                  audience="UnifiedCommunications")
    claims.update(over)
    return tokens.mint_access_token(k, claims)


def test_accepted_token_logs_every_check_in_order():
    k = keyset()
    result = validate_access_token(access(k), k, now=1000, user_active=lambda u: True, node="n1")
    assert result.ok and result.claims["sub"] == "alice"
    assert [d.check for d in result.decisions] == [
        "token format", "header", "signing key", "signature", "envelope", "inner header",
        "decryption", "token type", "issuer", "audience", "expiry", "user active"]
    assert "ACCEPTED by n1" in result.report()


def test_expiry_detail_names_exp_now_and_leeway():
    k = keyset()
    result = validate_access_token(access(k), k, now=1000 + 3600 + 61)
    assert not result.ok and result.failed.check == "expiry"
    assert "expired 61s ago" in result.failed.detail and "leeway 60s" in result.failed.detail
    assert result.error().status == 401


def test_node_without_keys_says_so():
    k = keyset()
    result = validate_access_token(access(k), None, now=1000)
    assert result.failed.check == "signing key" and "holds no AuthZ keys" in result.failed.detail


def test_stale_key_copy_names_both_kids():
    old, new = keyset(0), keyset(1)
    result = validate_access_token(access(new), old, now=1000)
    assert result.failed.check == "signing key"
    assert new.signing_kid[:60] in result.failed.detail
    assert old.signing_kid[-8:] in result.failed.detail


def test_inactive_user_is_the_last_check():
    k = keyset()
    result = validate_access_token(access(k), k, now=1000, user_active=lambda u: False)
    assert result.failed.check == "user active" and "inactive" in result.failed.detail


def test_refresh_token_validation():
    k = keyset()
    rt = tokens.mint_refresh_token(k, tokens.refresh_claims(keys=k, token_id="t", client_id="C",
                                                            expires_at=5000))
    assert validate_refresh_token(rt, k, now=4000).ok
    late = validate_refresh_token(rt, k, now=5001)
    assert late.failed.check == "expiry"
    assert validate_access_token(rt, k, now=4000).failed.check == "envelope"


def test_inner_jwe_from_jwcrypto_decrypts_and_any_flip_is_refused():
    """validation decrypts with cryptography directly: jwcrypto's JWE is accepted; a flipped
    byte in iv, ciphertext or tag, a non-empty encrypted key or a wrong key is refused."""
    import pytest
    from cryptography.exceptions import InvalidTag
    from jwcrypto import jwe

    from uclab.protocols.tokens import decrypt_a128cbc_hs256

    k = keyset()
    made = jwe.JWE(b'{"a":1}', protected=tokens.encryption_header(k))
    made.add_recipient(k.encryption_jwk)
    segs = made.serialize(compact=True).split(".")
    assert decrypt_a128cbc_hs256(k.encryption_secret, segs) == b'{"a":1}'
    for i in (2, 3, 4):
        bad = list(segs)
        bad[i] = ("B" if bad[i][0] == "A" else "A") + bad[i][1:]
        with pytest.raises(InvalidTag):
            decrypt_a128cbc_hs256(k.encryption_secret, bad)
    with pytest.raises(ValueError):
        decrypt_a128cbc_hs256(k.encryption_secret, [segs[0], "AAAA", *segs[2:]])
    with pytest.raises(InvalidTag):
        decrypt_a128cbc_hs256(b"\x00" * 32, segs)


def test_verify_signature_with_the_published_keys_only():
    from uclab.protocols.inspection import public_keys
    from uclab.protocols.validation import verify_signature

    k = keyset()
    token = access(k)
    held = public_keys(k.public_jwks())
    good = verify_signature(token, held)
    assert good.ok and list(good.claims) == ["private"]  # the rest is inside the JWE
    assert good.node == "public keys (signature only)"
    head, body, sig = token.split(".")
    other = "B" if sig[0] == "A" else "A"  # a signature byte changed, never the same text
    forged = verify_signature(f"{head}.{body}.{other}{sig[1:]}", held, node="cli")
    assert not forged.ok and forged.failed.check == "signature" and forged.node.startswith("cli")
    assert not verify_signature(token, public_keys(keyset(1).public_jwks())).ok
