"""Inspect any token someone pastes: CUCM's, a bare JWE, a foreign JWT or an OIDC ID token.

:func:`inspect_any` widens :func:`uclab.protocols.inspection.inspect_token` (CUCM access and
refresh tokens) to what else turns up in a trace or a support case:

* a bare JWE (5 parts, RFC 7516 §7.1), e.g. the ``private`` member of an access token: its
  header is shown, and with the cluster's :class:`~uclab.protocols.keys.AuthzKeys` it is opened
  (``dir`` / A128CBC-HS256, RFC 7518 §5.2.2.2) — contents labelled unauthenticated by any
  signature;
* a JWT that is not CUCM-shaped: said to be "not a CUCM token", and what it is — an OpenID
  Connect ID token (OpenID Connect Core 1.0 §2: ``iss``, ``sub``, ``aud``, ``exp``, ``iat``,
  with ``nonce``/``auth_time``/``at_hash``/``azp``) or another JWT (RFC 7519), with its issuer;
* keys from a JWKS object, a JWKS file, the lab's JWKS URL (fetched through a given
  ``requests`` session, e.g. ``lab.session()``), or a PEM public key or certificate (no kid:
  it is tried as the key the token's header names).

Garbage raises :class:`~uclab.protocols.inspection.TokenFormatError` saying exactly what is
wrong with it (which part, which character, which length).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from uclab.core import defaults
from uclab.core.errors import ConfigError
from uclab.protocols.inspection import (
    LAB_TIME,
    Keys,
    TokenFormatError,
    TokenReport,
    b64url_json,
    compact_text,
    inspect_token,
    readable_times,
)
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.tokens import decrypt_a128cbc_hs256

#: members that make a JWT an OpenID Connect ID token (OIDC Core 1.0 §2, beyond RFC 7519's)
_OIDC_HINTS = ("nonce", "auth_time", "at_hash", "c_hash", "azp", "acr", "amr")


def load_jwks(source: Mapping[str, Any] | str | Path, session: Any = None) -> dict[str, Any]:
    """A JWKS from an object, a file path, or an ``https://`` URL fetched with ``session``
    (a ``requests.Session``, e.g. ``lab.session()``). Raises ConfigError (one line)."""
    if isinstance(source, Mapping):
        return dict(source)
    text = str(source)
    if text.startswith(("https://", "http://")):
        if session is None:
            raise ConfigError("a JWKS URL needs a session to fetch it (e.g. lab.session())")
        try:
            resp = session.get(text)
            value = resp.json() if resp.status_code == 200 else None
        except Exception as exc:  # noqa: BLE001 - requests and JSON raise several kinds
            raise ConfigError(f"cannot fetch the JWKS at {text[:120]!r} "
                              f"({type(exc).__name__})") from None
        if value is None:
            raise ConfigError(f"the JWKS URL {text[:120]!r} answered HTTP {resp.status_code}")
    else:
        try:
            value = json.loads(Path(text).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the JWKS file {text!r} "
                              f"({type(exc).__name__})") from None
        except (ValueError, RecursionError):
            raise ConfigError(f"the JWKS file {text!r} is not JSON") from None
    if not isinstance(value, dict) or not isinstance(value.get("keys"), list):
        raise ConfigError("a JWKS is a JSON object with a \"keys\" array (RFC 7517 §5)")
    return value


def load_pem(pem: str | bytes) -> rsa.RSAPublicKey:
    """An RSA public key from a PEM public key or X.509 certificate. Raises ConfigError."""
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        key = (x509.load_pem_x509_certificate(data).public_key()
               if b"CERTIFICATE" in data else load_pem_public_key(data))
    except (ValueError, TypeError):
        raise ConfigError("the PEM is neither a public key nor a certificate") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise ConfigError(f"the PEM holds a {type(key).__name__}, not an RSA key (CUCM signs "
                          "with RS256)")
    return key


def _as_jwk(public: rsa.RSAPublicKey, kid: str) -> dict[str, Any]:
    """The PEM key as a public JWK carrying ``kid``: a PEM names no kid, so it is offered as
    the key the token's header asks for (the signature check still decides)."""
    from jwcrypto import jwk

    return {**jwk.JWK.from_pyca(public).export_public(as_dict=True), "kid": kid}


def describe_foreign(payload: Mapping[str, Any], header: Mapping[str, Any]) -> str:
    """What a JWT that is not CUCM-shaped is, in one sentence."""
    iss = payload.get("iss")
    who = f" issued by {str(iss)[:80]!r}" if isinstance(iss, str) else " with no issuer"
    alg = f", signed {str(header.get('alg'))[:20]}" if header.get("alg") else ""
    oidc = [k for k in _OIDC_HINTS if k in payload]
    if oidc or {"iss", "sub", "aud", "exp", "iat"} <= set(payload) and "scope" not in payload:
        aud = payload.get("aud")
        return (f"Not a CUCM token: an OpenID Connect ID token (OpenID Connect Core 1.0 §2){who}"
                f" for client {str(aud)[:60]!r}{alg}" + (f" (has {', '.join(oidc)})"
                                                           if oidc else "")
                + ". It says who signed in at an IdP; CUCM, Expressway and IM&P accept only "
                "CUCM's own access tokens.")
    return (f"Not a CUCM token: a JWT (RFC 7519){who}{alg}. CUCM access tokens are an RS256 JWS "
            "of {\"private\": <JWE>}, refresh tokens carry \"ctyp\": \"refresh\".")


def _bare_jwe(text: str, keys: Keys | None, now: int | None = None,
              clock: str | None = None) -> TokenReport:
    report = TokenReport(kind="JWE")
    parts = text.split(".")
    report.header = b64url_json(parts[0], "JWE header (part 1)")
    if parts[1]:
        report.notes.append("The encrypted key (part 2) is not empty: not CUCM's 'dir' JWE.")
    if not isinstance(keys, AuthzKeys):
        report.notes.append("A bare JWE (RFC 7516), e.g. the 'private' member of a CUCM access "
                            "token: give the cluster's AuthZ keys to open it.")
        return report
    try:
        plain = decrypt_a128cbc_hs256(keys.encryption_secret, parts)
        claims = json.loads(plain)
    except (InvalidTag, ValueError, RecursionError):
        report.notes.append("It does not decrypt with the held encryption key (wrong key, or "
                            "not dir / A128CBC-HS256).")
        return report
    if isinstance(claims, dict):
        report.claims = claims
        report.times = readable_times(claims, "inner claims", now, clock or LAB_TIME)
    report.notes.append("Opened with the held encryption key. A bare JWE carries no signature: "
                        "these claims are not authenticated by CUCM's signing key.")
    return report


def inspect_any(token: object, keys: Keys | None = None, *, now: int | None = None,
                pem: str | bytes | None = None, jwks: Mapping[str, Any] | str | Path | None = None,
                session: Any = None, **options: Any) -> TokenReport:
    """Inspect any token (module docstring). ``keys`` as for ``inspect_token``; or ``jwks``
    (object, file or URL with ``session``) or ``pem`` for signature-only checks. ``options``
    go to ``inspect_token`` (``clock``, ``user_active``, ``node``). Raises TokenFormatError
    for what cannot be decoded, ConfigError for unusable keys."""
    if jwks is not None:
        keys = load_jwks(jwks, session)
    if not isinstance(token, str):
        raise TokenFormatError(f"a token is text (got {type(token).__name__})")
    text = compact_text(token)
    if 0 < len(text) <= defaults.MAX_TOKEN_LENGTH and text.count(".") == 4:
        return _bare_jwe(text, keys, now, options.get("clock"))
    if pem is not None:
        public = load_pem(pem)
        try:
            kid = b64url_json(text.split(".")[0], "header (part 1)").get("kid")
        except TokenFormatError:
            kid = None
        keys = [_as_jwk(public, kid if isinstance(kid, str) else "-")]
    report = inspect_token(token, keys, now=now, **options)
    if report.kind == "JWT" and report.payload is not None:
        report.notes.insert(0, describe_foreign(report.payload, report.header or {}))
    return report
