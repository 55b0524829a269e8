"""SASL data as XMPP carries it (RFC 6120 §6.4.2): strict base64, the size limit every parser
applies, UTF-8 decoding, and :class:`SaslError`, the one error every parser raises.

Every parser of this package raises :class:`SaslError` with a message that names what is
wrong; nothing else escapes them.
"""

from __future__ import annotations

import base64
import binascii

from uclab.core.errors import UclabError

#: Longest SASL message a parser reads (a CUCM access token is ~1-2 KiB; checklist K1).
MAX_MESSAGE_BYTES = 16 * 1024


class SaslError(UclabError, ValueError):
    """A SASL message that breaks its mechanism's grammar, or a misuse of a server object."""


def to_base64(data: bytes) -> str:
    """Base64 for an XMPP SASL element; a zero-length message is ``=`` (RFC 6120 §6.4.2)."""
    return base64.b64encode(data).decode("ascii") if data else "="


def from_base64(text: str) -> bytes:
    """Strict base64 of RFC 6120 §6.4.2 (no whitespace, no line wraps); ``=`` is empty."""
    if not isinstance(text, str):
        raise SaslError(f"SASL data must be base64 text, got {type(text).__name__}")
    if text == "=":
        return b""
    if not text:
        raise SaslError("empty SASL data: a zero-length message is sent as '=' (RFC 6120 §6.4.2)")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise SaslError("SASL data is not valid base64 (RFC 4648 §4 alphabet, padded, no "
                        "whitespace; RFC 6120 §6.4.2)") from None
    if len(data) > MAX_MESSAGE_BYTES:
        raise SaslError(f"SASL message of {len(data)} bytes is over the {MAX_MESSAGE_BYTES}-byte "
                        "limit")
    return data


def utf8_message(message: bytes | str, what: str) -> str:
    """A mechanism's message as text: bytes within the size limit, decoded as UTF-8."""
    if isinstance(message, str):
        return message
    if not isinstance(message, bytes | bytearray):
        raise SaslError(f"a {what} message must be bytes, got {type(message).__name__}")
    if len(message) > MAX_MESSAGE_BYTES:
        raise SaslError(f"{what} message of {len(message)} bytes is over the "
                        f"{MAX_MESSAGE_BYTES}-byte limit")
    try:
        return bytes(message).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaslError(f"{what} message is not UTF-8 (bad byte at offset {exc.start})") from None
