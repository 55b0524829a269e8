"""The one token validator every lab resource server uses, and its decision log.

Check order follows CUCM's (S2): verify the signature, decrypt and verify the token, check that
the user is active. Every check is recorded as a :class:`Decision` with the actual values (kid
held vs kid presented, exp vs now and leeway, expected vs actual issuer), so "why was this token
rejected?" has a readable answer. Each step fails closed: the first failed check ends the
validation, and any exception from the JOSE layer becomes a failed check, never a crash
(checklist E15).

Both layers are checked with ``cryptography`` directly: RS256 and dir / A128CBC-HS256 are the only
algorithms accepted, so a general JOSE library's per-token header machinery buys nothing here;
tokens made by jwcrypto are accepted (tests, bench/bench_tokens.py). The hardening beyond
jwcrypto's defaults comes from RFC 8725: an explicit algorithm allow-list
(E1, E2), no header members beyond those CUCM uses (E9, E10, E12), canonical compact
serialization only (E11, E16), both layers checked (E3, E4), ``exp`` required (E8), and the
token type checked so that a refresh token is no access token (E5).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from uclab.core import defaults
from uclab.core.clock import epoch_to_iso
from uclab.core.errors import InvalidToken
from uclab.facts import AUDIENCE_UC
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.tokens import decrypt_a128cbc_hs256

#: an alphabet character, then alphabet characters or dots (same language as
#: ``^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]*)*\Z``, without the per-segment group: 2x faster)
_COMPACT = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_\-.]*\Z")  # \Z: "$" allows a final \n
_OUTER_MEMBERS = {"alg", "typ", "kid"}
_INNER_MEMBERS = {"alg", "enc", "cty", "kid"}


@dataclass(frozen=True, slots=True)
class Decision:
    """One check a validator made: its name, whether it passed, and the values it compared."""

    check: str
    ok: bool
    detail: str

    def __str__(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.check}: {self.detail}"


@dataclass
class Validation:
    """The outcome of validating one token: the claims, or the check that failed."""

    kind: str
    decisions: list[Decision] = field(default_factory=list)
    claims: dict[str, Any] | None = None
    node: str = ""

    @property
    def ok(self) -> bool:
        return self.claims is not None and all(d.ok for d in self.decisions)

    @property
    def failed(self) -> Decision | None:
        return next((d for d in self.decisions if not d.ok), None)

    @property
    def reason(self) -> str:
        f = self.failed
        return f"{f.check}: {f.detail}" if f else "accepted"

    def error(self) -> InvalidToken:
        return InvalidToken(f"{self.kind} token rejected at check '{self.reason}'")

    def report(self) -> str:
        """The decision log as text, one check a line."""
        head = f"{self.kind} token {'ACCEPTED' if self.ok else 'REJECTED'}"
        if self.node:
            head += f" by {self.node}"
        return "\n".join([head, *(f"  {d}" for d in self.decisions)])

    def __bool__(self) -> bool:
        return self.ok


class _Reject(Exception):
    pass


class _Log:
    def __init__(self, result: Validation) -> None:
        self.result = result

    def ok(self, check: str, detail: str) -> None:
        self.result.decisions.append(Decision(check, True, detail))

    def fail(self, check: str, detail: str) -> _Reject:
        self.result.decisions.append(Decision(check, False, detail))
        return _Reject()

    def require(self, cond: bool, check: str, ok_detail: str, fail_detail: str) -> None:
        if not cond:
            raise self.fail(check, fail_detail)
        self.ok(check, ok_detail)


_B64URL = re.compile(r"[A-Za-z0-9_\-]*\Z")
_B64URL_INDEX = {c: i for i, c in
                 enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")}
#: bits of the last character that a canonical encoding leaves zero, by ``len % 4``
_B64URL_TAIL_BITS = {2: 0x0F, 3: 0x03}


def _canonical(segment: str) -> bool:
    """Is ``segment`` (already matched against the base64url alphabet) a canonical unpadded
    base64url encoding? O(1): the length is not 1 mod 4 and the unused low bits are zero
    (RFC 4648 §3.5), which is what decoding and re-encoding would check."""
    rem = len(segment) % 4
    if rem == 0:
        return True
    return rem != 1 and not _B64URL_INDEX.get(segment[-1], 0xFF) & _B64URL_TAIL_BITS[rem]


def _b64(segment: str) -> bytes:
    """Strict base64url: canonical encodings only, so every flipped character is noticed."""
    if not _B64URL.match(segment) or not _canonical(segment):
        raise ValueError("non-canonical base64url")
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _json_object(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # deep nesting too
        return None
    return value if isinstance(value, dict) else None


def _split(token: Any, log: _Log, parts: int) -> list[str]:
    if not isinstance(token, str):
        raise log.fail("token format", f"expected a string, got {type(token).__name__}")
    if len(token) > defaults.MAX_TOKEN_LENGTH:
        raise log.fail("token format", f"{len(token)} characters is over the "
                                       f"{defaults.MAX_TOKEN_LENGTH}-character limit")
    if not _COMPACT.match(token):
        raise log.fail("token format", "not a compact JWS: only A-Z a-z 0-9 - _ and . allowed")
    segs = token.split(".")
    if len(segs) != parts:
        what = "a JWE (5 parts)" if len(segs) == 5 else f"{len(segs)} parts"
        raise log.fail("token format", f"expected a signed JWS of 3 parts, got {what}")
    if not all(map(_canonical, segs)):  # the alphabet was checked by _COMPACT above
        raise log.fail("token format", "a segment is not canonical base64url")
    log.ok("token format", f"compact JWS, {len(token)} characters")
    return segs


def _pick_keys(kid: str, held: Sequence[AuthzKeys], log: _Log) -> AuthzKeys:
    if not held:
        raise log.fail("signing key", f"this node holds no AuthZ keys (token kid {kid[:48]!r})")
    for keys in held:
        if keys.signing_kid == kid:
            log.ok("signing key", f"kid matches the held signing key {kid[:20]}…{kid[-8:]}")
            return keys
    have = ", ".join(f"{k.signing_kid[:20]}…{k.signing_kid[-8:]}" for k in held)
    raise log.fail("signing key", f"unknown kid {kid[:60]!r}; this node holds {have}")


def verify_rs256(keys: AuthzKeys, segs: list[str]) -> None:
    """RFC 7515 §5.2 / RFC 7518 §3.3: RSASSA-PKCS1-v1_5 with SHA-256 over the ASCII signing
    input ``header.payload``; the caller has pinned the algorithm (RFC 8725 §3.1). Raises
    ``InvalidSignature`` when it does not verify."""
    keys.signing_private.public_key().verify(
        _b64(segs[2]), f"{segs[0]}.{segs[1]}".encode(), padding.PKCS1v15(), hashes.SHA256())


def _verify_outer(token: str, segs: list[str], held: Sequence[AuthzKeys],
                  log: _Log) -> tuple[AuthzKeys, dict[str, Any]]:
    header = _json_object(_b64(segs[0]))
    if header is None:
        raise log.fail("header", "the protected header is not a JSON object")
    extra = set(header) - _OUTER_MEMBERS
    if extra:
        raise log.fail("header", f"unexpected header member(s) {sorted(extra)}; CUCM tokens "
                                 f"carry only alg, typ and kid")
    alg = header.get("alg")
    log.require(alg == defaults.SIGNING_ALG and header.get("typ") == "JWT", "header",
                f"alg {alg}, typ JWT",
                f"alg {alg!r} typ {header.get('typ')!r}; only alg RS256 with typ JWT is accepted")
    kid = header.get("kid")
    if not isinstance(kid, str):
        raise log.fail("signing key", "the header has no kid")
    keys = _pick_keys(kid, held, log)
    try:
        verify_rs256(keys, segs)
    except (InvalidSignature, ValueError, binascii.Error) as exc:
        raise log.fail("signature", f"RS256 signature does not verify ({type(exc).__name__})") \
            from None
    log.ok("signature", "RS256 signature verifies with the held public key")
    payload = _json_object(_b64(segs[1]))
    if payload is None:
        raise log.fail("payload", "the signed payload is not a JSON object")
    return keys, payload


def _decrypt_inner(private: Any, keys: AuthzKeys, log: _Log) -> dict[str, Any]:
    if not isinstance(private, str) or private.count(".") != 4 or not _COMPACT.match(private):
        raise log.fail("envelope", "'private' is not a compact JWE (5 parts)")
    segs = private.split(".")
    if not all(map(_canonical, segs)):  # canonical encodings only, as for the outer (E16)
        raise log.fail("envelope", "a segment of the JWE is not canonical base64url")
    try:
        header = _json_object(_b64(segs[0]))
    except (ValueError, binascii.Error):
        header = None
    if header is None:
        raise log.fail("inner header", "the JWE header is not a JSON object")
    extra = set(header) - _INNER_MEMBERS
    want = (defaults.ENCRYPTION_ALG, defaults.ENCRYPTION_ENC, "JWT")
    got = (header.get("alg"), header.get("enc"), header.get("cty"))
    if extra or got != want:
        raise log.fail("inner header", f"alg/enc/cty {got} (extra {sorted(extra)}); expected "
                                       f"{want} and nothing else")
    kid = header.get("kid")
    log.require(kid == keys.encryption_kid, "inner header", "dir / A128CBC-HS256 / cty JWT, "
                "kid matches the held encryption key",
                f"encryption kid {str(kid)[:60]!r} is not the held {keys.encryption_kid[:20]}…")
    try:
        plaintext = decrypt_a128cbc_hs256(keys.encryption_secret, segs)
    except (InvalidTag, ValueError, binascii.Error):
        raise log.fail("decryption", "cannot decrypt with the held encryption key "
                                     "(the authentication tag or the padding is wrong)") from None
    claims = _json_object(plaintext)
    if claims is None:
        raise log.fail("decryption", "the decrypted claims are not a JSON object")
    log.ok("decryption", "inner JWE decrypts to a JSON claims set")
    return claims


def _check_claims(claims: dict[str, Any], keys: AuthzKeys, *, ctyp: str, now: int, leeway: int,
                  audience: str | None, log: _Log) -> None:
    log.require(claims.get("ctyp") == ctyp and claims.get("typ") == "user", "token type",
                f"ctyp {ctyp}", f"ctyp {claims.get('ctyp')!r} typ {claims.get('typ')!r}: this is "
                f"not a{'n' if ctyp[0] in 'aeiou' else ''} {ctyp} token")
    iss = claims.get("iss")
    log.require(iss == keys.cluster_id, "issuer", f"iss {iss} is the key owner's cluster",
                f"iss {iss!r} but the key belongs to cluster {keys.cluster_id!r}")
    if audience is not None:
        aud = claims.get("aud")
        auds = aud if isinstance(aud, list) else [aud]
        log.require(audience in auds, "audience", f"aud {aud}",
                    f"aud {aud!r} does not name {audience!r}")
    exp = claims.get("exp")
    if type(exp) is not int or not 0 <= exp < 2**33:
        raise log.fail("expiry", f"exp must be an integer epoch time (got {str(exp)[:40]!r})")
    detail = (f"exp {epoch_to_iso(exp)} vs now {epoch_to_iso(now)} "
              f"(leeway {leeway}s)")
    log.require(now <= exp + leeway, "expiry", detail,
                f"expired {now - exp}s ago: " + detail)
    iat = claims.get("iat", now)
    if type(iat) is not int or not 0 <= iat <= now + leeway:
        raise log.fail("issued at", f"iat {iat!r} is not an integer in the past")


def validate_access_token(token: Any, keys: AuthzKeys | Sequence[AuthzKeys] | None, *,
                          now: int, leeway: int = defaults.LEEWAY_SECONDS,
                          audience: str | None = AUDIENCE_UC,
                          user_active: Callable[[str], bool | None] | None = None,
                          node: str = "") -> Validation:
    """Validate a CUCM access token with a node's own key copy.

    ``user_active(user_id)`` answers True (active), False (inactive) or None (unknown user);
    leave it out where the node has no user directory.
    """
    result = Validation("access", node=node)
    log = _Log(result)
    held = [keys] if isinstance(keys, AuthzKeys) else list(keys or [])
    try:
        segs = _split(token, log, 3)
        key_set, payload = _verify_outer(token, segs, held, log)
        log.require(set(payload) == {"private"}, "envelope", "payload is {\"private\": <JWE>}",
                    f"payload members {sorted(payload)[:5]} are not the access-token envelope "
                    "{\"private\": <JWE>} (a refresh token or a bare claims set?)")
        claims = _decrypt_inner(payload["private"], key_set, log)
        _check_claims(claims, key_set, ctyp="access", now=now, leeway=leeway, audience=audience,
                      log=log)
        if user_active is not None:
            sub = claims.get("sub")
            active = user_active(sub) if isinstance(sub, str) else None
            log.require(active is True, "user active", f"user {sub} is active",
                        f"user {sub!r} is " + ("inactive" if active is False else "unknown"))
        result.claims = claims
    except _Reject:
        pass
    return result


def validate_refresh_token(token: Any, keys: AuthzKeys | None, *, now: int,
                           leeway: int = 0, node: str = "") -> Validation:
    """Validate a refresh token's signature and claims (the store check is the grant's job)."""
    result = Validation("refresh", node=node)
    log = _Log(result)
    try:
        segs = _split(token, log, 3)
        key_set, claims = _verify_outer(token, segs, [keys] if keys else [], log)
        _check_claims(claims, key_set, ctyp="refresh", now=now, leeway=leeway, audience=None,
                      log=log)
        if not isinstance(claims.get("tid"), str) or not isinstance(claims.get("ccid"), str):
            raise log.fail("claims", "tid and ccid must be strings")
        result.claims = claims
    except _Reject:
        pass
    return result


def verify_signature(token: Any, keys: Sequence[Any], *, kind: str = "access",
                     node: str = "") -> Validation:
    """Only the format, header, kid and RS256 signature checks (RFC 7515 §5.2), with public
    keys: what someone holding the JWKS but not the encryption key can verify. ``keys`` give
    ``kid`` and ``signing_private()`` returning a key with ``public_key()``."""
    result = Validation(kind, node=f"{node or 'public keys'} (signature only)")
    log = _Log(result)
    try:
        _, result.claims = _verify_outer(token, _split(token, log, 3), keys, log)
    except _Reject:
        pass
    return result
