"""PKCE, Proof Key for Code Exchange (RFC 7636), as an authorization server checks it.

Only the ``S256`` method is computed (RFC 7636 §4.2; RFC 9700 §2.1.1: S256 is the method to use).
Comparisons are constant-time (checklist C8). Nothing here raises on bad input: the syntax
checks answer ``False`` and the caller picks the OAuth error.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

#: RFC 7636 §4.1: 43 to 128 characters of ALPHA / DIGIT / "-" / "." / "_" / "~"
_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}\Z")
#: BASE64URL of a 32-byte SHA-256 digest without padding: 43 characters (RFC 7636 §4.2, App. A)
_S256_CHALLENGE = re.compile(r"[A-Za-z0-9\-_]{42}[AEIMQUYcgkosw048]\Z")


def is_valid_verifier(verifier: object) -> bool:
    """Whether ``verifier`` has RFC 7636 §4.1's syntax."""
    return isinstance(verifier, str) and _VERIFIER.match(verifier) is not None


def is_valid_s256_challenge(challenge: object) -> bool:
    """Whether ``challenge`` can be an S256 challenge: 43 canonical base64url characters."""
    return isinstance(challenge, str) and _S256_CHALLENGE.match(challenge) is not None


def s256_challenge(verifier: str) -> str:
    """``BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))`` (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def verifier_matches(verifier: str, challenge: str) -> bool:
    """RFC 7636 §4.6 for S256: a well-formed verifier whose challenge equals ``challenge``."""
    if not is_valid_verifier(verifier) or not isinstance(challenge, str):
        return False
    return hmac.compare_digest(s256_challenge(verifier).encode(), challenge.encode("utf-8",
                                                                                    "replace"))
