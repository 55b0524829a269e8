"""uclab.protocols.keys: seeded keys are reproducible, unseeded keys shared per process, weak keys
refused."""

import json
import os
import subprocess
import sys
from pathlib import Path

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


# -- the hint table: the same keys as the full search, in a millisecond -------------------------


def numbers(key):
    return key.private_numbers()


def test_hinted_key_is_the_full_search_key():
    for seed, gen in (("t-keys", 0), (keys.POOL_SEED.format(index=7), 0)):
        full, hint = keys.derive_with_hint(seed, gen, 2048)
        assert numbers(keys._seeded(seed, gen, 2048)) == numbers(full)
        assert keys._hints()[1][f"{seed}/authz-signing/{gen}"] == hint


def test_other_seeds_take_distinct_pool_keys_per_generation():
    _, table, pool = keys._hints()
    assert "t-unlisted/authz-signing/0" not in table and len(pool) >= 1024
    gens = [numbers(keys._seeded("t-unlisted", g, 2048)).public_numbers.n for g in range(40)]
    assert len(set(gens)) == 40  # set key regen: a new key each generation
    pool_prints = {table[label][2] for label in pool}
    assert all(keys.fingerprint(n) in pool_prints for n in gens)


def test_past_the_pool_a_seed_gets_the_full_search():
    _, _, pool = keys._hints()
    key = keys._seeded("t-unlisted", len(pool), 2048)
    assert numbers(key) == numbers(keys.derive_with_hint("t-unlisted", len(pool), 2048)[0])


def test_a_wrong_hint_falls_back_to_the_search(monkeypatch):
    bits, table, pool = keys._hints()
    label = "t-keys/authz-signing/0"
    p_at, q_at, _ = table[label]
    monkeypatch.setattr(keys, "_hints", lambda: (bits, {**table, label: (q_at, p_at, "0" * 16)},
                                                 pool))
    assert numbers(keys._seeded("t-keys", 0, 2048)) == \
        numbers(keys.derive_with_hint("t-keys", 0, 2048)[0])


def test_without_the_table_every_key_is_searched(monkeypatch):
    monkeypatch.setattr(keys, "_HINTS_FILE", "no-such-file.json")
    keys._hints.cache_clear()
    try:
        assert keys._hints() == (2048, {}, [])
    finally:
        monkeypatch.undo()
        keys._hints.cache_clear()
    assert keys._hints()[1]


def test_seeded_keys_are_the_same_in_every_process_and_hash_seed():
    code = ("from uclab.protocols import keys; from uclab.protocols.keys import checksum;"
            "from cryptography.hazmat.primitives import serialization as s;"
            "print(checksum(keys.rsa_signing_key('t-unlisted', 3).public_key().public_bytes("
            "s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)))")
    root = Path(__file__).resolve().parents[3]
    out = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=root,
                          env={**os.environ, "PYTHONHASHSEED": h, "PYTHONPATH": str(root)}
                          ).stdout.strip() for h in ("0", "1", "random")}
    assert len(out) == 1 and len(out.pop()) == 64


def test_the_table_lists_what_the_script_pins():
    root = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(root / "scripts"))
    try:
        import make_key_hints as script
    finally:
        sys.path.remove(str(root / "scripts"))
    raw = json.loads((root / "uclab" / "protocols" / "key_hints.json").read_text())
    assert list(raw["labels"]) == [f"{s}/authz-signing/{g}" for s, n in script.PINNED.items()
                                   for g in range(n)]
    assert len(raw["pool"]) == script.POOL_SIZE and raw["bits"] == 2048
