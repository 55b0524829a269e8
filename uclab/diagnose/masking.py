"""Masking of evidence before it is shown (FORMATS.md §2): :func:`uclab.trace.redact.redact`
(the one redaction) plus what real logs leak that the lab's own lines never hold: SIP Digest
``response``/``nonce``/``cnonce`` values and Expressway's ``calculatedResponse`` hashes in any
position (also inside ``SIPMSG:`` blocks, whose lines start with a space or ``|``), and
JSESSIONIDSSO / X-Auth cookie values. :func:`clear_passwords` finds SASL PLAIN payloads that
decode to ``\\0user\\0password`` so that the report can warn about them.
"""

from __future__ import annotations

import base64
import binascii
import re

from uclab.trace.redact import CONCEALED, redact

__all__ = ["PLAIN_ANCHORS", "clear_passwords", "mask"]

_DIGEST = re.compile(r"(?i)\b((?:calculated)?response|c?nonce)=(\"?)([^\",\s]+)(\2)")
_COOKIE = re.compile(r"(?i)\b(JSESSIONIDSSO|X-Auth)=([^;\s\"]+)")
_HEADER = re.compile(r"(?im)^([ \t|]+(?:Proxy-)?Authorization[ \t]*:[ \t]*)(\w+ )?(.+)$")
_PLAIN = re.compile(r"<auth\b[^>]*PLAIN[^>]*>([A-Za-z0-9+/=\s]{4,})</auth>")
#: the literals that announce a SASL PLAIN ``<auth>`` element (prefilter anchors)
PLAIN_ANCHORS = ("mechanism=\"PLAIN\"", "mechanism='PLAIN'")


def _header(m: re.Match[str]) -> str:
    if m.group(3).strip() == CONCEALED:
        return m.group(0)
    scheme = m.group(2) or ""
    params = _DIGEST.sub(lambda d: f"{d.group(1)}={d.group(2)}{CONCEALED}{d.group(4)}",
                         m.group(3)) if scheme.lower().startswith("digest") else CONCEALED
    return f"{m.group(1)}{scheme}{params}"


def mask(text: str, *, reveal: bool = False) -> str:
    """``text`` with every secret concealed (module docstring); unchanged if ``reveal``."""
    if reveal or not text:
        return text
    text = redact(text)
    if "uthorization" in text:
        text = _HEADER.sub(_header, text)
    if "=" in text:
        text = _DIGEST.sub(lambda d: f"{d.group(1)}={d.group(2)}{CONCEALED}{d.group(4)}", text)
        text = _COOKIE.sub(lambda c: f"{c.group(1)}={CONCEALED}", text)
    return text


def clear_passwords(text: str) -> int:
    """How many SASL PLAIN payloads in ``text`` decode to an authzid/user/password triple
    (RFC 4616 §2): each is a password in clear (base64 is not encryption)."""
    count = 0
    for m in _PLAIN.finditer(text):
        try:
            raw = base64.b64decode("".join(m.group(1).split()), validate=True)
        except (binascii.Error, ValueError):
            continue
        if raw.count(b"\0") == 2:
            count += 1
    return count
