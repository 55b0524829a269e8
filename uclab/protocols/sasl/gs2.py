"""The RFC 5801 §4 gs2-header that starts an OAUTHBEARER client response (RFC 7628 §3.1)::

    gs2-header = [gs2-nonstd-flag ","] gs2-cb-flag "," [gs2-authzid] ","

for example ``n,a=user@example.com,`` or ``n,,``. OAUTHBEARER has no channel-binding variant,
so ``p=<cb-name>`` is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uclab.protocols.sasl.data import SaslError

_CB_NAME = re.compile(r"[A-Za-z0-9.\-]+")            # RFC 5801 §4 cb-name


@dataclass(frozen=True)
class Gs2Header:
    """``[gs2-nonstd-flag ","] gs2-cb-flag "," [gs2-authzid] ","`` (RFC 5801 §4)."""

    cb_flag: str = "n"
    authzid: str | None = None
    nonstd: bool = False

    def encode(self) -> str:
        authz = "" if self.authzid is None else "a=" + _encode_saslname(self.authzid)
        return ("F," if self.nonstd else "") + f"{self.cb_flag},{authz},"


def _encode_saslname(name: str) -> str:
    if not name or "\0" in name:
        raise SaslError("an authzid must be a non-empty string without NUL (RFC 5801 §4)")
    return name.replace("=", "=3D").replace(",", "=2C")


def _decode_saslname(raw: str) -> str:
    """``saslname = 1*(UTF8-char-safe / "=2C" / "=3D")`` (RFC 5801 §4)."""
    if not raw:
        raise SaslError("gs2 header: 'a=' needs a non-empty authzid (RFC 5801 §4 saslname)")
    if "\0" in raw:
        raise SaslError("gs2 header: the authzid contains NUL (RFC 5801 §4)")
    out, i = [], 0
    while i < len(raw):
        if raw[i] == "=":
            escape = raw[i:i + 3]
            if escape not in ("=2C", "=3D"):
                raise SaslError(f"gs2 header: {escape!r} in the authzid; '=' may only start "
                                "'=2C' or '=3D' (RFC 5801 §4)")
            out.append("," if escape == "=2C" else "=")
            i += 3
        else:
            out.append(raw[i])
            i += 1
    return "".join(out)


def _parse_cb_flag(text: str) -> tuple[str, int]:
    """The channel-binding flag and the index after its comma."""
    if text.startswith(("n,", "y,")):
        return text[0], 2
    if text.startswith("p="):
        name = text[2:].split(",", 1)[0]
        shown = name if _CB_NAME.fullmatch(name) else "<invalid cb-name>"
        raise SaslError(f"gs2 header asks for channel binding 'p={shown[:40]}', but OAUTHBEARER "
                        "defines no channel-binding (-PLUS) variant (RFC 7628 §3; inferred from "
                        "RFC 5801 §4)")
    raise SaslError(f"gs2 header must start with 'n,', 'y,' or 'p=<cb-name>,' (RFC 5801 §4); "
                    f"got {text[:12]!r}")


def parse_gs2_header(text: str) -> tuple[Gs2Header, int]:
    """Parse the gs2-header at the start of ``text``; returns it and the index after it."""
    nonstd = text.startswith("F,")
    pos = 2 if nonstd else 0
    flag, used = _parse_cb_flag(text[pos:])
    pos += used
    authzid = None
    if text.startswith("a=", pos):
        end = text.find(",", pos + 2)
        if end < 0:
            raise SaslError("gs2 header: the authzid 'a=...' is not followed by ',' (RFC 5801 §4)")
        authzid = _decode_saslname(text[pos + 2:end])
        pos = end
    if not text.startswith(",", pos):
        raise SaslError(f"gs2 header: expected 'a=<authzid>,' or ',' after the channel-binding "
                        f"flag, got {text[pos:pos + 16]!r} (RFC 5801 §4; the 'n,user=...' form "
                        "of RFC 7628 §4.4 is not a valid gs2-header)")
    return Gs2Header(flag, authzid, nonstd), pos + 1
