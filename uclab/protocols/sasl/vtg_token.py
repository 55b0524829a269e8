"""CISCO-VTG-TOKEN (fact sheet 3.4, S28): the SASL message is
``userid=<user>@<presence domain>\\0token=<one-time token>``; the token comes from IM&P's EPAS
SOAP service (``login`` then ``get-onetime-password``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from uclab import facts
from uclab.protocols.sasl.data import SaslError, utf8_message

MECH_VTG = facts.MECH_VTG
#: The CISCO-VTG-TOKEN message (S28; fact sheet 3.4 [C]).
VTG_FORMAT = facts.VTG_FORMAT

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class VtgCredentials:
    user: str
    domain: str
    token: str = ""

    def __repr__(self) -> str:
        return f"VtgCredentials(user={self.user!r}, domain={self.domain!r})"


def _check_vtg_field(name: str, value: str) -> None:
    if not isinstance(value, str) or not value or _CONTROL.search(value):
        raise SaslError(f"CISCO-VTG-TOKEN {name} must be non-empty, without NUL or control "
                        "characters")


def encode_vtg_token(user: str, domain: str, token: str) -> bytes:
    """``userid=<user>@<presence domain>\\0token=<token>`` (S28); send it base64-encoded."""
    for name, value in (("user", user), ("domain", domain), ("token", token)):
        _check_vtg_field(name, value)
    if "@" in user or "@" in domain:
        raise SaslError("CISCO-VTG-TOKEN user and domain must not contain '@'")
    return VTG_FORMAT.format(user=user, domain=domain, token=token).encode()


def parse_vtg_token(message: bytes) -> VtgCredentials:
    """Strict parser of the CISCO-VTG-TOKEN message (S28)."""
    text = utf8_message(message, "CISCO-VTG-TOKEN")
    parts = text.split("\0")
    if len(parts) != 2:
        raise SaslError(f"CISCO-VTG-TOKEN message has {len(parts) - 1} NUL separator(s); it must "
                        "be userid=<user>@<domain> NUL token=<token> (S28)")
    userid, token = parts
    if not userid.startswith("userid="):
        raise SaslError(f"CISCO-VTG-TOKEN must start with 'userid=', got {userid[:10]!r} (S28)")
    if not token.startswith("token="):
        raise SaslError(f"the part after NUL must start with 'token=', got {token[:8]!r} (S28)")
    user, at, domain = userid[len("userid="):].rpartition("@")
    if not at:
        raise SaslError("CISCO-VTG-TOKEN userid must be <user>@<presence domain> (S28)")
    creds = VtgCredentials(user, domain, token[len("token="):])
    for name in ("user", "domain", "token"):
        _check_vtg_field(name, getattr(creds, name))
    return creds
