"""The AuthZ key set: an RSA signing key pair and a symmetric encryption key.

CUCM creates both keys on the publisher only and copies them to every node of the cluster; other
products (Expressway-C, IM&P, Unity Connection) fetch their own copies by an admin action
(S1, S2, S3, S6). ``show key authz signing|encryption`` prints a checksum, never the key (S5).
Regenerating either key invalidates every access and refresh token (S2, S3, S1).

A :class:`AuthzKeys` value is immutable: a node "holds a copy" by holding a reference, and a
regeneration makes a new value, so a node that was not refreshed keeps the old one, just as a
real Expressway-C keeps its old keys until "Refresh servers".

Key generation: a seeded lab derives its RSA primes from the seed (so the same seed gives the
same key, kid and checksum in every run and process) and caches them per process; a lab without
a seed takes a key from ``cryptography`` (secrets-quality) that is generated once per process and
reused by every unseeded lab — its encryption key and issuer id stay its own, so labs never
accept each other's tokens.

Deriving a 2048-bit key in pure Python takes 0.2-0.5 s, nearly all of it spent testing prime
candidates. ``key_hints.json`` (see ``KEY_HINTS.md``) holds, for a fixed set of derivation
labels, where in the seeded stream the search found its two primes, so the key is rebuilt from
two draws in about a millisecond — the same key the full search gives (a fingerprint of the
modulus checks it). The labels are those of the seeds the tests, notebooks, sample traces and
benchmarks use, plus a pool of ``uclab-key-pool/<i>`` labels: any other seed takes pool keys,
picked by a hash of the seed and stepped by the generation, so ``set key regen`` gives a new
key each time; past the pool's size a seed falls back to the full search.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwcrypto import jwk

from uclab.core import defaults
from uclab.core.entropy import Entropy
from uclab.core.errors import WeakKeyError

_E = 65537
_cache: dict[tuple[object, int, int], rsa.RSAPrivateKey] = {}
_cache_lock = threading.Lock()
#: one hint: stream positions of the draws that gave p and q, and the modulus fingerprint
Hint = tuple[int, int, str]
_HINTS_FILE = "key_hints.json"
POOL_SEED = "uclab-key-pool/{index}"


def _is_probable_prime(n: int, rng: Entropy, rounds: int = 5) -> bool:
    """Miller-Rabin; 5 rounds suit 1024-bit RSA primes (FIPS 186-4 table C.2)."""
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        x = pow(2 + rng.below(n - 3), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


@cache
def _small_product(limit: int = 20000) -> int:
    """The product of the odd primes below ``limit`` (a sieve of Eratosthenes): one gcd with it
    is the trial division that spares Miller-Rabin most composites. Made on the first search,
    not at import."""
    sieve = bytearray([1]) * limit
    sieve[:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytes(len(range(i * i, limit, i)))
    return math.prod(i for i in range(3, limit) if sieve[i])


def _candidate(raw: bytes, bits: int) -> int:
    """A prime candidate from one draw: top two bits set (so p*q has ``2*bits``), odd."""
    return int.from_bytes(raw, "big") | (3 << (bits - 2)) | 1


def _prime(rng: Entropy, bits: int) -> tuple[int, int]:
    """The first probable prime of the stream, and the stream position of its draw."""
    while True:
        position = rng.position
        candidate = _candidate(rng.bytes(bits // 8), bits)
        if math.gcd(candidate, _small_product()) != 1 or math.gcd(candidate - 1, _E) != 1:
            continue
        if _is_probable_prime(candidate, rng):
            return candidate, position


def _label(seed: object, generation: int) -> str:
    return f"{seed}/authz-signing/{generation}"


def fingerprint(n: int) -> str:
    """16 hex digits of SHA-256 over the modulus: what a hint must reproduce."""
    return hashlib.sha256(n.to_bytes((n.bit_length() + 7) // 8, "big")).hexdigest()[:16]


def _from_primes(p: int, q: int) -> rsa.RSAPrivateKey:
    d = pow(_E, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p=p, q=q, d=d, dmp1=rsa.rsa_crt_dmp1(d, p), dmq1=rsa.rsa_crt_dmq1(d, q),
        iqmp=rsa.rsa_crt_iqmp(p, q), public_numbers=rsa.RSAPublicNumbers(_E, p * q))
    # the primes passed Miller-Rabin here or, for a hint, when the hint was made (and the
    # fingerprint shows these are those primes): OpenSSL's re-check would cost 40-70 ms
    return numbers.private_key(unsafe_skip_rsa_key_validation=True)


def derive_with_hint(seed: object, generation: int, bits: int) -> tuple[rsa.RSAPrivateKey, Hint]:
    """The full seeded search (0.2-0.5 s): the key and the hint that rebuilds it."""
    rng = Entropy(_label(seed, generation))
    while True:
        (p, p_at), (q, q_at) = _prime(rng, bits // 2), _prime(rng, bits // 2)
        if p != q and (p * q).bit_length() == bits:
            return _from_primes(p, q), (p_at, q_at, fingerprint(p * q))


def _from_hint(label: str, hint: Hint, bits: int) -> rsa.RSAPrivateKey | None:
    """Rebuild a derived key from its hint; None if the hint does not give that key."""
    rng = Entropy(label)
    p_at, q_at, check = hint
    p = _candidate(rng.bytes_at(p_at, bits // 16), bits // 2)
    q = _candidate(rng.bytes_at(q_at, bits // 16), bits // 2)
    if p == q or fingerprint(p * q) != check:
        return None
    return _from_primes(p, q)


@cache
def _hints() -> tuple[int, dict[str, Hint], list[str]]:
    """(bits, hint by derivation label, the pool's labels), read once per process.

    Without the file (a broken install) every seeded key takes the full search, as the table
    would give it, only slower.
    """
    try:
        text = resources.files(__package__).joinpath(_HINTS_FILE).read_text("utf-8")
    except FileNotFoundError:
        return defaults.RSA_BITS, {}, []
    raw = json.loads(text)
    table = {label: tuple(h) for label, h in raw["labels"].items()}
    pool = [_label(POOL_SEED.format(index=i), 0) for i in range(len(raw["pool"]))]
    table.update(zip(pool, (tuple(h) for h in raw["pool"]), strict=True))
    return raw["bits"], table, pool


def _seeded(seed: object, generation: int, bits: int) -> rsa.RSAPrivateKey:
    """The derived key of ``seed`` and ``generation``, or the pool key they pick."""
    hint_bits, table, pool = _hints()
    label = _label(seed, generation)
    if bits == hint_bits and label not in table and generation < len(pool):
        digest = hashlib.sha256(f"uclab-key-pool:{seed}".encode()).digest()
        label = pool[(int.from_bytes(digest[:8], "big") + generation) % len(pool)]
    hint = table.get(label) if bits == hint_bits else None
    key = _from_hint(label, hint, bits) if hint else None
    if key is None:
        seed_of, _, gen = label.rpartition("/authz-signing/")
        key = derive_with_hint(seed_of, int(gen), bits)[0]
    return key


def rsa_signing_key(seed: object | None, generation: int,
                    bits: int = defaults.RSA_BITS) -> rsa.RSAPrivateKey:
    """The RSA key of a lab: derived from ``seed`` and cached, or shared per process if unseeded.

    An unseeded lab's first key (generation 0) is generated once per process and reused; each
    later generation (a regen) is a fresh ``cryptography`` key.
    """
    if bits < defaults.RSA_BITS:
        raise WeakKeyError(f"RSA signing keys must have at least {defaults.RSA_BITS} bits "
                           f"(asked for {bits}; RFC 7518 §3.3, RFC 8725 §3.5)")
    if seed is None and generation > 0:
        return rsa.generate_private_key(public_exponent=_E, key_size=bits)
    cache_key = (("seed", seed), generation, bits) if seed is not None else ("unseeded", 0, bits)
    with _cache_lock:
        key = _cache.get(cache_key)
        if key is None:
            key = (rsa.generate_private_key(public_exponent=_E, key_size=bits)
                   if seed is None else _seeded(seed, generation, bits))
            _cache[cache_key] = key
        return key


def encryption_key_bytes(rng: Entropy, bits: int = defaults.ENCRYPTION_KEY_BITS) -> bytes:
    if bits < defaults.ENCRYPTION_KEY_BITS:
        raise WeakKeyError(f"the A128CBC-HS256 encryption key needs {defaults.ENCRYPTION_KEY_BITS}"
                           f" bits (asked for {bits}; RFC 7518 §5.2.3)")
    return rng.bytes(bits // 8)


def checksum(data: bytes) -> str:
    """The 64-hex checksum the lab prints for a key (SHA-256 of its material) [U]."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, eq=False)
class AuthzKeys:
    """One generation of a cluster's AuthZ keys (immutable; share it to copy it)."""

    cluster_id: str
    signing_private: rsa.RSAPrivateKey = field(repr=False)
    encryption_secret: bytes = field(repr=False)
    signing_generation: int = 0
    encryption_generation: int = 0

    def __repr__(self) -> str:
        return (f"AuthzKeys(cluster_id={self.cluster_id!r}, signing={self.signing_checksum[:12]}…,"
                f" encryption={self.encryption_checksum[:12]}…)")

    @cached_property
    def _public_der(self) -> bytes:
        return self.signing_private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)

    @cached_property
    def signing_checksum(self) -> str:
        return checksum(self._public_der)

    @cached_property
    def encryption_checksum(self) -> str:
        return checksum(self.encryption_secret)

    @property
    def signing_kid(self) -> str:
        """``<cluster uuid>:<checksum>``, the shape of the kid in S1's sample token."""
        return f"{self.cluster_id}:{self.signing_checksum}"

    @property
    def encryption_kid(self) -> str:
        return f"{self.cluster_id}:{self.encryption_checksum}"

    @cached_property
    def signing_jwk(self) -> jwk.JWK:
        key = jwk.JWK.from_pyca(self.signing_private)
        key.update(kid=self.signing_kid, use="sig", alg=defaults.SIGNING_ALG)
        # jwcrypto rebuilds the private key from its numbers and by default re-checks it
        # (~40-70 ms); this key was made and checked by uclab itself (checklist section 3.2).
        key.unsafe_skip_rsa_key_validation = True
        return key

    @cached_property
    def verify_jwk(self) -> jwk.JWK:
        """The public half only: what a verifier needs."""
        key = jwk.JWK.from_pyca(self.signing_private.public_key())
        key.update(kid=self.signing_kid, use="sig", alg=defaults.SIGNING_ALG)
        return key

    @cached_property
    def encryption_jwk(self) -> jwk.JWK:
        from jwcrypto.common import base64url_encode

        return jwk.JWK(kty="oct", k=base64url_encode(self.encryption_secret),
                       kid=self.encryption_kid, use="enc", alg=defaults.ENCRYPTION_ALG)

    def public_jwks(self) -> dict:
        """The JWKS a lab publishes: the public signing key and nothing else (checklist I1)."""
        return {"keys": [self.verify_jwk.export_public(as_dict=True)]}

    def with_new_signing(self, key: rsa.RSAPrivateKey) -> AuthzKeys:
        return AuthzKeys(self.cluster_id, key, self.encryption_secret,
                         self.signing_generation + 1, self.encryption_generation)

    def with_new_encryption(self, secret: bytes) -> AuthzKeys:
        return AuthzKeys(self.cluster_id, self.signing_private, secret,
                         self.signing_generation, self.encryption_generation + 1)
