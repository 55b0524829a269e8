"""OAUTHBEARER client responses (RFC 7628 §3.1): the strict parser, the encoder and the bearer
token inside ``auth``. The server's state machine is in :mod:`.oauthbearer_server`.

The initial client response::

    kvsep       = %x01
    key         = 1*(ALPHA)
    value       = *(VCHAR / SP / HTAB / CR / LF )
    kvpair      = key "=" value kvsep
    client-resp = (gs2-header kvsep *kvpair kvsep) / kvsep

with the gs2-header of RFC 5801 §4 (:mod:`.gs2`). A lone %x01 is the "dummy" response that
completes a failed exchange (RFC 7628 §3.2.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from uclab import facts
from uclab.protocols.sasl.data import SaslError, utf8_message
from uclab.protocols.sasl.gs2 import Gs2Header, parse_gs2_header

MECH_OAUTHBEARER = facts.MECH_OAUTHBEARER

KVSEP = "\x01"
#: The "dummy" client response that completes a failed OAUTHBEARER exchange (RFC 7628 §3.2.3).
DUMMY_RESPONSE = b"\x01"

_KEY = re.compile(r"[A-Za-z]+")
_VALUE = re.compile(r"[\x21-\x7e \t\r\n]*")          # VCHAR / SP / HTAB / CR / LF
_PORT = re.compile(r"[1-9][0-9]{0,4}")               # RFC 7628 §3.1: no leading zeros
_B64TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")     # RFC 6750 §2.1 b64token


@dataclass(frozen=True)
class OAuthBearerResponse:
    """A parsed OAUTHBEARER client response; ``gs2`` is None for the lone-kvsep dummy."""

    gs2: Gs2Header | None
    pairs: tuple[tuple[str, str], ...] = ()

    @property
    def is_dummy(self) -> bool:
        """The single-%x01 response, valid only after an error challenge (RFC 7628 §3.2.3)."""
        return self.gs2 is None

    def get(self, key: str) -> str | None:
        return next((v for k, v in self.pairs if k == key), None)

    @property
    def authzid(self) -> str | None:
        return self.gs2.authzid if self.gs2 else None

    @property
    def auth(self) -> str | None:
        return self.get("auth")

    @property
    def host(self) -> str | None:
        return self.get("host")

    @property
    def port(self) -> int | None:
        value = self.get("port")
        return int(value) if value is not None else None

    def as_dict(self) -> dict[str, str]:
        return dict(self.pairs)


def _parse_kvpair(text: str, pos: int) -> tuple[str, str, int]:
    """One ``key "=" value kvsep`` starting at ``pos``; returns key, value and the next index."""
    eq = text.find("=", pos)
    end = text.find(KVSEP, pos)
    if end < 0:
        raise SaslError(f"kvpair at offset {pos} is not terminated by %x01 (RFC 7628 §3.1); "
                        "the response must end with a kvpair's %x01 and a final %x01")
    if eq < 0 or eq > end:
        raise SaslError(f"kvpair {text[pos:end][:20]!r} has no '=' (RFC 7628 §3.1)")
    key, value = text[pos:eq], text[eq + 1:end]
    if not _KEY.fullmatch(key):
        raise SaslError(f"kvpair key {key[:20]!r} must be 1*ALPHA (RFC 7628 §3.1)")
    if not _VALUE.fullmatch(value):
        raise SaslError(f"value of {key!r} holds a character outside VCHAR / SP / HTAB / CR / LF "
                        "(RFC 7628 §3.1)")
    return key, value, end + 1


def _parse_kvpairs(text: str, pos: int) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    while True:
        if pos >= len(text):
            raise SaslError("the response does not end with the final %x01 after its kvpairs "
                            "(RFC 7628 §3.1)")
        if text[pos] == KVSEP:
            if pos + 1 != len(text):
                raise SaslError(f"{len(text) - pos - 1} byte(s) after the final %x01 "
                                "(RFC 7628 §3.1)")
            return tuple(pairs)
        key, value, pos = _parse_kvpair(text, pos)
        if any(k == key for k, _ in pairs):
            raise SaslError(f"key {key!r} appears twice; uclab refuses ambiguous responses "
                            "(policy)")
        pairs.append((key, value))


def parse_oauthbearer(message: bytes | str) -> OAuthBearerResponse:
    """Parse an OAUTHBEARER client response exactly per RFC 7628 §3.1.

    ``auth`` is REQUIRED (it may be empty, as in RFC 7628 §4.3); ``port``, when present, must be
    a decimal without leading zeros; unknown keys are kept and ignored by the server (§3.1).
    """
    text = utf8_message(message, "OAUTHBEARER")
    if text == KVSEP:
        return OAuthBearerResponse(None)
    if not text:
        raise SaslError("empty OAUTHBEARER response: it must be a gs2-header, %x01, kvpairs and "
                        "a final %x01 (RFC 7628 §3.1)")
    gs2, pos = parse_gs2_header(text)
    if not text.startswith(KVSEP, pos):
        raise SaslError(f"expected %x01 after the gs2-header, got {text[pos:pos + 8]!r} "
                        "(RFC 7628 §3.1)")
    resp = OAuthBearerResponse(gs2, _parse_kvpairs(text, pos + 1))
    if resp.auth is None:
        raise SaslError("the 'auth' key is REQUIRED (RFC 7628 §3.1)")
    port = resp.get("port")
    if port is not None and (not _PORT.fullmatch(port) or int(port) > 65535):
        raise SaslError(f"port {port[:8]!r} is not a decimal port without leading zeros "
                        "(RFC 7628 §3.1)")
    return resp


def encode_oauthbearer(token: str, *, authzid: str | None = None, host: str | None = None,
                       port: int | None = None, scheme: str = "Bearer",
                       extra: Iterable[tuple[str, str]] = ()) -> bytes:
    """The OAUTHBEARER initial client response (RFC 7628 §3.1), e.g. for RFC 7628 §4.1::

        n,a=user@example.com,^Ahost=server.example.com^Aport=143^Aauth=Bearer vF9d...==^A^A
    """
    if not isinstance(token, str):
        raise SaslError(f"the token must be a string, got {type(token).__name__}")
    pairs: list[tuple[str, str]] = []
    if host is not None:
        pairs.append(("host", host))
    if port is not None:
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port <= 65535:
            raise SaslError(f"port must be an integer 1-65535, got {port!r}")
        pairs.append(("port", str(port)))
    pairs += list(extra)
    pairs.append(("auth", f"{scheme} {token}" if token else ""))
    for key, value in pairs:
        if not _KEY.fullmatch(key) or not _VALUE.fullmatch(value):
            raise SaslError(f"kvpair {key[:20]!r} breaks RFC 7628 §3.1 (key 1*ALPHA, value "
                            "VCHAR / SP / HTAB / CR / LF)")
    body = "".join(f"{k}={v}{KVSEP}" for k, v in pairs)
    return (Gs2Header("n", authzid).encode() + KVSEP + body + KVSEP).encode("utf-8")


def bearer_token(auth: str) -> str:
    """The token of an ``auth`` value ``Bearer <b64token>``; the scheme is case-insensitive
    (RFC 7628 §4, RFC 6750 §2.1)."""
    if not auth:
        raise SaslError("'auth' is empty: the client is asking for the required scope "
                        "(RFC 7628 §4.3)")
    scheme, _, credentials = auth.partition(" ")
    if scheme.lower() != "bearer":
        raise SaslError(f"auth scheme {scheme[:20]!r} is not Bearer (OAUTHBEARER carries RFC 6750 "
                        "bearer tokens)")
    if not _B64TOKEN.fullmatch(credentials):
        raise SaslError("the bearer credentials are not one b64token (RFC 6750 §2.1: no spaces, "
                        "A-Z a-z 0-9 - . _ ~ + / and trailing '=')")
    return credentials
