"""Inspect a CUCM token: decode it, verify it, say why it is rejected (jwt.io-style, offline).

Access token: an RS256 JWS over ``{"private": <dir/A128CBC-HS256 JWE of the claims>}``; refresh
token: an RS256 JWS over plain claims (S1; :mod:`uclab.protocols.tokens`). :func:`inspect_token`
decodes both without keys (RFC 7515 §7.1, RFC 7516 §7.1) and checks them with the keys it is
given through the one validator and its decision log (:mod:`uclab.protocols.validation`):

* :class:`~uclab.protocols.keys.AuthzKeys` (a node's copy): the full validation, then the inner
  claims are decrypted, even for a rejected token (labelled untrusted);
* a JWKS (RFC 7517 §5) or a list of public JWKs: the signature only (format, header, kid, RS256).

It knows no node and no lab: the caller hands in the keys and the time (``now``).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from uclab.core import defaults
from uclab.core.clock import epoch_to_iso
from uclab.core.errors import ConfigError, UclabError
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import (
    Decision,
    Validation,
    validate_access_token,
    validate_refresh_token,
    verify_signature,
)

_B64URL_CHARS = re.compile(r"[^A-Za-z0-9_\-]")
_TIME_CLAIMS = ("exp", "iat", "nbf")
#: how the report names the time ``exp`` is compared with: a given ``now``, or the system's
LAB_TIME, SYSTEM_CLOCK = "lab time", "system clock"
SIGNATURE_ONLY_NOTE = ("Only the signature was checked: expiry, issuer, token type and an "
                       "access token's encrypted claims need the cluster's AuthZ keys.")

Keys = AuthzKeys | Mapping[str, Any] | Sequence[Any]


class TokenFormatError(UclabError, ValueError):
    """Input that is not a CUCM-shaped compact JWS, with what is wrong (one line); ``report``
    holds what was found (with keys: the validator's decisions)."""

    def __init__(self, message: str, report: TokenReport | None = None) -> None:
        super().__init__(message)
        self.report = report if report is not None else TokenReport(error=message)


class _TooDeep(TokenFormatError):
    """JSON nested deeper than the parser goes: the validator is not asked."""


def b64url_json(segment: str, what: str) -> dict[str, Any]:
    """Decode one base64url segment holding a JSON object (RFC 7515 §2, §7.1); no keys."""
    if not isinstance(segment, str):
        raise TokenFormatError(f"the {what} is not text (got {type(segment).__name__})")
    bad = _B64URL_CHARS.search(segment)
    if bad:
        raise TokenFormatError(f"the {what} is not base64url: character {bad[0]!r} at "
                               f"position {bad.start()} (allowed: A-Z a-z 0-9 - _)")
    if len(segment) % 4 == 1:
        raise TokenFormatError(f"the {what} is not base64url: a length of {len(segment)} "
                               "characters (1 more than a multiple of 4) cannot be an encoding")
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise TokenFormatError(f"the {what} decodes, but not to JSON") from None
    except RecursionError:
        raise _TooDeep(f"the {what} is JSON nested too deeply to read") from None
    if not isinstance(value, dict):
        raise TokenFormatError(f"the {what} is JSON but not an object")
    return value


@dataclass
class TokenReport:
    """What the inspection found in one token."""

    kind: str = ""  # "access", "refresh", "JWT" (not CUCM-shaped), "JWE" (inspect_any), or ""
    error: str = ""
    header: dict[str, Any] | None = None
    payload: dict[str, Any] | None = None
    inner_header: dict[str, Any] | None = None
    times: dict[str, str] = field(default_factory=dict)
    validation: Validation | None = None
    claims: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> Decision | None:
        """The check that rejected the token (None: accepted, or not validated)."""
        return self.validation.failed if self.validation is not None else None

    @property
    def ok(self) -> bool:
        """Decoded, and accepted by the validator (False when no keys were given)."""
        return not self.error and self.validation is not None and self.validation.ok

    def text(self) -> str:
        """The report as plain text, one finding a line."""
        if self.error:
            lines = [f"Cannot decode: {self.error}"]
        else:
            head = {"JWT": "a JWT, not CUCM-shaped", "JWE": "a bare JWE (encrypted, unsigned)"}
            lines = [head.get(self.kind, f"{self.kind} token"),
                     f"{'JWE' if self.kind == 'JWE' else 'Outer JWS'} header: "
                     f"{json.dumps(self.header)}"]
            if self.kind != "JWE":
                lines.append(f"Payload: {json.dumps(_short_payload(self.payload or {}))}")
            if self.inner_header is not None:
                lines.append(f"Inner JWE header: {json.dumps(self.inner_header)}")
            lines += [f"{k}: {v}" for k, v in self.times.items()]
        if self.validation is not None:
            lines.append(self.validation.report())
            if self.failed:
                lines.append(f"Failed check: {self.failed.check} — {self.failed.detail}")
        if self.claims is not None:
            lines.append(f"Decrypted inner claims: {json.dumps(self.claims, sort_keys=True)}")
        lines += self.notes
        return "\n".join(lines)


def _short_payload(payload: dict[str, Any]) -> dict[str, Any]:
    out = dict(payload)
    if isinstance(out.get("private"), str):
        out["private"] = f"<JWE, {len(out['private'])} characters, encrypted>"
    return out


def readable_times(claims: dict[str, Any], where: str, now: int | None, clock: str
                   ) -> dict[str, str]:
    """The time claims (``exp``, ``iat``, ``nbf`` ..., RFC 7519 §4.1) of ``claims`` as ISO
    8601 UTC, keyed ``"<claim> (<where>)"``; ``exp`` also says how long until or since it, by
    ``now`` (named ``clock``)."""
    found = {}
    for name in _TIME_CLAIMS:
        value = claims.get(name)
        if type(value) is int:
            text = epoch_to_iso(value)
            if name == "exp" and now is not None:
                delta = value - now
                text += (f" (expires in {delta // 60} min {delta % 60} s, {clock})" if
                         delta >= 0 else f" (expired {-delta // 60} min {-delta % 60} s ago, "
                                         f"{clock})")
            found[f"{name} ({where})"] = text
    return found


# -- public keys (signature-only checking) ---------------------------------------------------------
@dataclass(frozen=True)
class PublicSigningKey:
    """One RS256 public key of a JWKS, shaped as validation's signature check reads a key pair
    (``signing_kid``, ``signing_private.public_key()``: here itself). It verifies, never signs."""

    signing_kid: str
    public: rsa.RSAPublicKey = field(repr=False)

    @property
    def signing_private(self) -> PublicSigningKey:
        return self

    def public_key(self) -> rsa.RSAPublicKey:
        return self.public


def public_keys(jwks: Mapping[str, Any] | Sequence[Any]) -> list[PublicSigningKey]:
    """The RSA signing keys of a JWKS (``{"keys": [...]}``, RFC 7517 §5) or of a list of JWKs
    (dicts or jwcrypto ``JWK``); only public members are used. Raises ConfigError (one line)."""
    from jwcrypto import jwk

    items = jwks.get("keys") if isinstance(jwks, Mapping) else jwks  # not `in`: see JWKSet
    if items is None:
        raise ConfigError("a JWKS is a JSON object with a 'keys' list (RFC 7517 §5)")
    if isinstance(items, set | frozenset):  # jwcrypto's JWKSet keeps its keys in a set
        items = sorted(items, key=lambda k: str(k.get("kid", "")))
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Sequence):
        raise ConfigError(f"a JWKS's 'keys' is a list of JWKs (got {type(items).__name__})")
    found: list[PublicSigningKey] = []
    for i, item in enumerate(items):
        try:
            key = item if isinstance(item, jwk.JWK) else jwk.JWK(**dict(item))
            public = key.get_op_key("verify")
        except Exception as exc:  # noqa: BLE001 - jwcrypto raises several kinds
            raise ConfigError(f"JWK {i} of the JWKS is not a usable key "
                              f"({type(exc).__name__})") from None
        kid = key.get("kid")
        if isinstance(public, rsa.RSAPublicKey) and isinstance(kid, str):
            found.append(PublicSigningKey(kid, public))
    if not found:
        raise ConfigError("the JWKS holds no RSA signing key with a kid")
    return found


# -- inspection ------------------------------------------------------------------------------------
def compact_text(token: str) -> str:
    """``token`` as the inspection reads it: whitespace removed (a token pasted over several
    lines) and a leading ``Bearer`` (RFC 6750 §2.1) dropped."""
    text = "".join(token.split())
    return text[6:] if text[:6].lower() == "bearer" else text


def _decode(report: TokenReport, text: str, now: int | None, clock: str) -> None:
    """Fill the keyless part of ``report``; raises TokenFormatError."""
    parts = text.split(".")
    if len(parts) == 5:
        raise TokenFormatError("this has 5 parts: a JWE (e.g. the 'private' member of an "
                               "access token). Paste the whole token, a JWS of 3 parts")
    if len(parts) != 3:
        raise TokenFormatError(f"a signed token (JWS) has 3 parts separated by '.', this "
                               f"has {len(parts)}")
    report.header = b64url_json(parts[0], "header (part 1)")
    report.payload = b64url_json(parts[1], "payload (part 2)")
    if _B64URL_CHARS.search(parts[2]):
        raise TokenFormatError("the signature (part 3) is not base64url")
    private = report.payload.get("private")
    if set(report.payload) == {"private"} and isinstance(private, str):
        report.kind = "access"
        inner = private.split(".")
        if len(inner) != 5:
            raise TokenFormatError(f"'private' should be a JWE of 5 parts, it has "
                                   f"{len(inner)}")
        report.inner_header = b64url_json(inner[0], "inner JWE header")
    else:
        report.kind = "refresh" if report.payload.get("ctyp") == "refresh" else "JWT"
    report.times = readable_times(report.payload, "payload", now, clock)


def _decrypt(jwe_text: str, keys: AuthzKeys) -> dict[str, Any] | None:
    """Decrypt the inner JWE with the held encryption key, whatever the outer checks said."""
    from jwcrypto import jwe

    try:
        obj = jwe.JWE()
        obj.allowed_algs = [defaults.ENCRYPTION_ALG, defaults.ENCRYPTION_ENC]
        obj.deserialize(jwe_text)
        obj.decrypt(keys.encryption_jwk)
        claims = json.loads(obj.payload)
    except Exception:  # noqa: BLE001 - any failure just means "cannot decrypt"
        return None
    return claims if isinstance(claims, dict) else None


def _validate(report: TokenReport, token: str, keys: AuthzKeys, now: int, clock: str,
              user_active: Callable[[str], bool | None] | None, node: str) -> None:
    if report.kind in ("refresh", "JWT"):
        report.validation = validate_refresh_token(token, keys, now=now, node=node)
    else:
        report.validation = validate_access_token(token, keys, now=now, user_active=user_active,
                                                  node=node)
    if report.kind != "access":
        return
    if report.validation.ok:
        report.claims = report.validation.claims
    elif report.payload is not None:
        report.claims = _decrypt(str(report.payload["private"]), keys)
        if report.claims is not None:
            report.notes.append("The inner claims decrypt with the lab's key, but the token "
                                "was REJECTED: do not trust them.")
    if report.claims is not None:
        report.times.update(readable_times(report.claims, "inner claims", now, clock))


def inspect_token(token: object, keys: Keys | None = None, *, now: int | None = None,
                  clock: str | None = None,
                  user_active: Callable[[str], bool | None] | None = None,
                  node: str = "") -> TokenReport:
    """Decode a CUCM access or refresh token and, with ``keys``, verify it; ``text()`` of the
    report says what it is and why it is accepted or rejected.

    ``token``: compact; whitespace and a leading ``Bearer`` are ignored. ``keys``: AuthzKeys
    (full validation, decryption), a JWKS or list of public JWKs (signature only), or None
    (decode only). ``now``: the epoch second ``exp`` is compared with (a lab's ``lab.now``);
    None: the system clock if there are keys. ``clock`` names that time in the report (default
    "lab time" for a given ``now``, else "system clock"). ``user_active``, ``node``: for the
    access-token validator.

    A rejected token is a report. Input that cannot be decoded (not a string, empty, too long,
    not a 3-part JWS of JSON objects) raises :class:`TokenFormatError` (one line); its
    ``report`` holds the validator's verdict when keys were given. A bad JWKS: ConfigError.
    """
    report = TokenReport()
    if not isinstance(token, str):
        raise TokenFormatError(f"a token is text (got {type(token).__name__})")
    held = keys if isinstance(keys, AuthzKeys) or keys is None else public_keys(keys)
    label = clock or (LAB_TIME if now is not None else SYSTEM_CLOCK)
    if held is not None and now is None:
        now = int(time.time())
    text = compact_text(token)
    if not text:
        report.error = "no token: the input is empty"
    elif len(text) > defaults.MAX_TOKEN_LENGTH:
        report.error = (f"{len(text)} characters is over the {defaults.MAX_TOKEN_LENGTH}-"
                        "character limit of a token")
    if report.error:
        raise TokenFormatError(report.error, report)
    ask_validator = held is not None and text.count(".") == 2
    try:
        _decode(report, text, now, label)
    except _TooDeep as exc:
        report.error, ask_validator = str(exc), False
    except TokenFormatError as exc:
        report.error = str(exc)
    if ask_validator and isinstance(held, AuthzKeys) and now is not None:
        _validate(report, text, held, now, label, user_active, node)
    elif ask_validator and held:
        report.validation = verify_signature(text, held, kind=report.kind or "access", node=node)
        report.notes.append(SIGNATURE_ONLY_NOTE)
    if report.error:
        raise TokenFormatError(report.error, report)
    return report
