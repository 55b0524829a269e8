"""PLAIN (RFC 4616): ``[authzid] NUL authcid NUL passwd``. IM&P offers it without OAuth (S27);
Expressway-C never passes it on over MRA."""

from __future__ import annotations

from dataclasses import dataclass

from uclab import facts
from uclab.protocols.sasl.data import SaslError, utf8_message

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
