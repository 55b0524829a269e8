"""uclab.protocols.keys: seeded keys are reproducible, unseeded keys shared per process, weak keys
refused."""

import pytest

from uclab.core.entropy import Entropy
from uclab.core.errors import WeakKeyError
from uclab.protocols import keys


def test_seeded_key_is_reproducible_and_cached():
    a = keys.rsa_signing_key("t-keys", 0)
    assert keys.rsa_signing_key("t-keys", 0) is a
    assert a.key_size == 2048
    assert keys.rsa_signing_key("t-keys", 1).public_key().public_numbers() != \
        a.public_key().public_numbers()


def test_derived_key_signs_and_verifies():
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    k = keys.rsa_signing_key("t-keys", 0)
    sig = k.sign(b"x", padding.PKCS1v15(), hashes.SHA256())
    k.public_key().verify(sig, b"x", padding.PKCS1v15(), hashes.SHA256())


def test_unseeded_first_key_shared_later_generations_fresh():
    assert keys.rsa_signing_key(None, 0) is keys.rsa_signing_key(None, 0)
    assert keys.rsa_signing_key(None, 1) is not keys.rsa_signing_key(None, 1)


def test_weak_keys_refused():
    with pytest.raises(WeakKeyError, match="2048"):
        keys.rsa_signing_key(None, 0, bits=1024)
    with pytest.raises(WeakKeyError, match="256"):
        keys.encryption_key_bytes(Entropy(1), bits=128)


def make(seed="t-keys"):
    return keys.AuthzKeys("11111111-2222-4333-8444-555555555555", keys.rsa_signing_key(seed, 0),
                          keys.encryption_key_bytes(Entropy(seed)))


def test_kid_is_uuid_colon_checksum():
    k = make()
    uuid, _, hexpart = k.signing_kid.partition(":")
    assert uuid == k.cluster_id and len(hexpart) == 64 and hexpart == k.signing_checksum
    assert k.encryption_kid.endswith(k.encryption_checksum)
    assert k.signing_checksum != k.encryption_checksum


def test_public_jwks_has_no_private_members():
    jwks = make().public_jwks()
    assert len(jwks["keys"]) == 1
    key = jwks["keys"][0]
    assert key["kty"] == "RSA" and key["use"] == "sig" and key["alg"] == "RS256"
    assert not {"d", "p", "q", "dp", "dq", "qi", "k"} & set(key)


def test_new_generations_change_only_their_key():
    k = make()
    s = k.with_new_signing(keys.rsa_signing_key("t-keys", 1))
    e = k.with_new_encryption(b"\x01" * 32)
    assert s.signing_checksum != k.signing_checksum
    assert s.encryption_checksum == k.encryption_checksum
    assert e.encryption_checksum != k.encryption_checksum
    assert e.signing_checksum == k.signing_checksum
    assert (s.signing_generation, e.encryption_generation) == (1, 1)


def test_repr_hides_key_material():
    k = make()
    text = repr(k)
    assert k.encryption_secret.hex() not in text and "PRIVATE" not in text
