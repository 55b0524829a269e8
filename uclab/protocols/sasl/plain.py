"""PLAIN (RFC 4616): ``[authzid] NUL authcid NUL passwd``. IM&P offers it without OAuth (S27);
Expressway-C never passes it on over MRA."""

from __future__ import annotations

import binascii
import re
from base64 import b64decode
from collections.abc import Iterator
from dataclasses import dataclass

from uclab import facts
from uclab.protocols.sasl.data import MAX_MESSAGE_BYTES, SaslError, utf8_message

MECH_PLAIN = facts.MECH_PLAIN


@dataclass(frozen=True)
class PlainCredentials:
    authcid: str
    password: str = ""
    authzid: str | None = None

    def __repr__(self) -> str:
        return f"PlainCredentials(authcid={self.authcid!r}, authzid={self.authzid!r})"


def encode_plain(authcid: str, password: str, authzid: str | None = None) -> bytes:
    """``[authzid] NUL authcid NUL passwd`` (RFC 4616 §2)."""
    for name, value in (("authcid", authcid), ("password", password)):
        if not isinstance(value, str) or not value or "\0" in value:
            raise SaslError(f"PLAIN {name} must be a non-empty string without NUL (RFC 4616 §2)")
    if authzid is not None and (not isinstance(authzid, str) or not authzid or "\0" in authzid):
        raise SaslError("PLAIN authzid must be a non-empty string without NUL, or None")
    return f"{authzid or ''}\0{authcid}\0{password}".encode()


def parse_plain(message: bytes) -> PlainCredentials:
    """Strict RFC 4616 §2: exactly two NULs, non-empty authcid and password, UTF-8."""
    text = utf8_message(message, "PLAIN")
    parts = text.split("\0")
    if len(parts) != 3:
        raise SaslError(f"PLAIN message has {len(parts) - 1} NUL separator(s); RFC 4616 §2 "
                        "needs exactly 2: [authzid] NUL authcid NUL passwd")
    authzid, authcid, password = parts
    if not authcid:
        raise SaslError("PLAIN authcid is empty (RFC 4616 §2: 1*SAFE)")
    if not password:
        raise SaslError("PLAIN password is empty (RFC 4616 §2: 1*SAFE)")
    return PlainCredentials(authcid, password, authzid or None)


#: a run of base64 characters long enough to hold ``\0u\0p`` (8 characters, RFC 4648 §4)
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")


def plain_in_base64(token: str) -> PlainCredentials | None:
    """The PLAIN credentials ``token`` holds if it is base64 of a well-formed PLAIN message
    (RFC 4616 §2: two NULs, a non-empty authcid and password, UTF-8 with no other control
    characters), else ``None``. How a clear-text password is recognised in a client's log
    (FORMATS.md §2: decode, detect, mask, warn)."""
    if not 8 <= len(token) <= MAX_MESSAGE_BYTES * 2:
        return None
    try:
        data = b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        return None
    if data.count(b"\0") != 2:
        return None
    try:
        creds = parse_plain(data)
    except SaslError:
        return None
    text = data.decode("utf-8").replace("\0", "")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return None
    return creds


def find_plain(text: str) -> Iterator[tuple[str, PlainCredentials]]:
    """Every base64 token in ``text`` that is a PLAIN message, with its credentials."""
    for token in _BASE64_RUN.findall(text):
        if len(token) % 4 == 0:
            creds = plain_in_base64(token)
            if creds is not None:
                yield token, creds
