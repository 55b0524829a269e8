"""Probes of notebook 02: the shape of CUCM's access and refresh tokens (S1)."""

from __future__ import annotations

from uclab.core.errors import ConfigError
from uclab.workbook.probes.labs import signed_in
from uclab.workbook.probes.registry import probe

#: the choices of exercise 02-inner-key, in the order the TOML lists them
NB02_KEY_CHOICES = (
    "the RSA signing key (its private half)",
    "the RSA signing key (its public half)",
    "the symmetric encryption key",
    "no key: the claims are only base64url-encoded",
)
#: the choices of exercise 02-refresh-lacks
NB02_FEATURE_CHOICES = (
    "a kid in its header",
    "an RS256 signature",
    "an expiry time (exp)",
    "an encrypted inner token (the 'private' JWE)",
)


def _b64json(segment: str) -> object:
    import base64
    import json

    try:
        return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except ValueError:
        return None


@probe
def inner_token_decryption_key(seed: int) -> str:
    """Try each candidate key on the inner JWE of a fresh access token; exactly one opens it."""
    from jwcrypto import jwe

    lab, client = signed_in(seed)
    payload = _b64json((client.tokens.access_token or "").split(".")[1])
    private = payload["private"] if isinstance(payload, dict) else ""
    keys = lab.cucm.publisher.keys
    working = []
    for choice, key in zip(NB02_KEY_CHOICES[:3], (keys.signing_jwk, keys.verify_jwk,
                                                  keys.encryption_jwk), strict=True):
        try:
            obj = jwe.JWE()
            obj.allowed_algs = ["dir", "A128CBC-HS256"]
            obj.deserialize(private)
            obj.decrypt(key)
            working.append(choice)
        except Exception:  # noqa: BLE001 - a wrong key is any failure
            pass
    if isinstance(_b64json(private.split(".")[3]), dict):
        working.append(NB02_KEY_CHOICES[3])
    if len(working) != 1:
        raise ConfigError(f"expected exactly one key to open the JWE, got {working}")
    return working[0]


@probe
def refresh_token_lacks(seed: int) -> str:
    """The one feature of the access token (S1 shape) that the refresh token does not have."""
    lab, client = signed_in(seed)

    def features(token: str, claims: dict) -> set[str]:
        head, body, sig = token.split(".")
        header = _b64json(head)
        payload = _b64json(body)
        found = set()
        if isinstance(header, dict) and header.get("kid"):
            found.add(NB02_FEATURE_CHOICES[0])
        if isinstance(header, dict) and header.get("alg") == "RS256" and sig:
            found.add(NB02_FEATURE_CHOICES[1])
        if "exp" in claims:
            found.add(NB02_FEATURE_CHOICES[2])
        if isinstance(payload, dict) and "private" in payload:
            found.add(NB02_FEATURE_CHOICES[3])
        return found

    access = client.tokens.access_token or ""
    refresh = client.tokens.refresh_token or ""
    access_claims = lab.cucm.validate(access).claims or {}
    refresh_claims = _b64json(refresh.split(".")[1])
    missing = features(access, access_claims) - features(
        refresh, refresh_claims if isinstance(refresh_claims, dict) else {})
    if len(missing) != 1:
        raise ConfigError(f"expected exactly one missing feature, got {sorted(missing)}")
    return missing.pop()


@probe
def tampered_payload_failed_check(seed: int) -> str:
    """Flip one character in the middle of the access token's payload (part 2): the first
    check of CUCM's validator that fails."""
    lab, client = signed_in(seed)
    token = client.tokens.access_token or ""
    i = len(token.split(".")[0]) + 1 + 100
    tampered = token[:i] + ("B" if token[i] == "A" else "A") + token[i + 1:]
    failed = lab.cucm.validate(tampered).failed
    if failed is None:
        raise ConfigError("the tampered token was accepted")
    return failed.check


@probe
def access_token_lifetime_minutes(seed: int) -> int:
    """exp - iat of a fresh access token, in minutes (CUCM validates it with its own keys)."""
    lab, client = signed_in(seed)
    claims = lab.cucm.validate(client.tokens.access_token or "").claims or {}
    return (claims["exp"] - claims["iat"]) // 60
