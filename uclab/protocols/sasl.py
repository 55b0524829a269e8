"""SASL mechanisms IM&P speaks: OAUTHBEARER (RFC 7628), PLAIN (RFC 4616), CISCO-VTG-TOKEN (S28).

Pure protocol code: message builders, strict parsers and the OAUTHBEARER server state machine.
Nothing here knows about the lab; a server is given a ``verify(token)`` callback.

OAUTHBEARER (RFC 7628 §3.1) initial client response::

    kvsep       = %x01
    key         = 1*(ALPHA)
    value       = *(VCHAR / SP / HTAB / CR / LF )
    kvpair      = key "=" value kvsep
    client-resp = (gs2-header kvsep *kvpair kvsep) / kvsep

with the gs2-header of RFC 5801 §4 (``n,a=user@example.com,`` or ``n,,``). The server either
succeeds, or (RFC 7628 §3.2.2, §3.2.3) sends a JSON error as a *challenge*, the client answers
with a lone %x01, and only then does the server fail the exchange.

CISCO-VTG-TOKEN (fact sheet 3.4, S28): the SASL message is
``userid=<user>@<presence domain>\\0token=<one-time token>``; the token comes from IM&P's EPAS
SOAP service (``login`` then ``get-onetime-password``).

Every parser raises :class:`SaslError` with a message that names what is wrong; nothing else
escapes them.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from uclab.core.errors import UclabError
from uclab.facts import Fact

# --- mechanism names -----------------------------------------------------------------------------
MECH_PLAIN = Fact("PLAIN", "RFC 4616 §2; S27",
                  note="offered by IM&P without OAuth (Pidgin log against IM&P, S27)")
MECH_VTG = Fact("CISCO-VTG-TOKEN", "S27, S26, S28",
                note="Cisco-specific; payload format from two independent third-party "
                "implementations (S28)")
MECH_OAUTHBEARER = Fact(
    "OAUTHBEARER", "RFC 7628 §7.1; S26",
    note="an IM&P offered it in a 2019 report (S26); the seed article says IM&P's offer is "
    "required for OAuth (field observation)")
#: The CISCO-VTG-TOKEN message (S28; fact sheet 3.4 [C]).
VTG_FORMAT = Fact("userid={user}@{domain}\0token={token}", "S28",
                  note="two independent third-party implementations agree")

KVSEP = "\x01"
#: The "dummy" client response that completes a failed OAUTHBEARER exchange (RFC 7628 §3.2.3).
DUMMY_RESPONSE = b"\x01"
#: Error codes an OAUTHBEARER error result may carry (RFC 6750 §3.1, via RFC 7628 §3.2.2).
STATUS_INVALID_TOKEN = "invalid_token"
STATUS_INVALID_REQUEST = "invalid_request"
#: Longest SASL message a parser reads (a CUCM access token is ~1-2 KiB; checklist K1).
MAX_MESSAGE_BYTES = 16 * 1024

_KEY = re.compile(r"[A-Za-z]+")
_VALUE = re.compile(r"[\x21-\x7e \t\r\n]*")          # VCHAR / SP / HTAB / CR / LF
_CB_NAME = re.compile(r"[A-Za-z0-9.\-]+")            # RFC 5801 §4 cb-name
_PORT = re.compile(r"[1-9][0-9]{0,4}")               # RFC 7628 §3.1: no leading zeros
_B64TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")     # RFC 6750 §2.1 b64token
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class SaslError(UclabError, ValueError):
    """A SASL message that breaks its mechanism's grammar, or a misuse of a server object."""


# --- base64 as XMPP carries SASL data (RFC 6120 §6.4.2) ------------------------------------------
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


def _utf8(message: bytes | str, what: str) -> str:
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


# --- RFC 5801 gs2-header -------------------------------------------------------------------------
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


# --- OAUTHBEARER client response (RFC 7628 §3.1) -------------------------------------------------
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
    text = _utf8(message, "OAUTHBEARER")
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


# --- the OAUTHBEARER server (RFC 7628 §3.2) ------------------------------------------------------
@dataclass(frozen=True)
class TokenVerdict:
    """What a resource server's token check answered: ok, the token's subject, and why."""

    ok: bool
    subject: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class SaslStep:
    """One server answer: ``success``, ``challenge`` (with ``data``) or ``failure``.

    ``reason`` is for the server's logs; it never goes to the client inside the SASL data.
    """

    outcome: str
    data: bytes = b""
    reason: str = ""
    identity: str | None = None
    authzid: str | None = None
    status: str | None = None
    malformed: bool = False  # the message broke the mechanism's grammar

    @property
    def ok(self) -> bool:
        return self.outcome == "success"


def _same_identity(authzid: str, subject: str) -> bool:
    return authzid == subject


class OAuthBearerServer:
    """The server side of one OAUTHBEARER exchange (RFC 7628 §3.2).

    States: ``start`` -> ``done`` (success, or immediate failure of a malformed message) or
    ``start`` -> ``challenged`` -> ``done`` (the RFC 7628 §3.2.2/§3.2.3 error sequence). A message
    after ``done`` raises :class:`SaslError`.

    ``verify(token)`` checks the bearer token. ``hosts``/``ports`` are what the server knows by
    other means; a ``host``/``port`` kvpair that disagrees fails the exchange (§3.2, MUST).
    ``authorize(authzid, subject)`` decides whether the token's subject may act as the authzid
    (RFC 4422 semantics; default: only as itself). ``tls`` must be True: OAUTHBEARER needs TLS
    (§3, §5).
    """

    def __init__(self, verify: Callable[[str], TokenVerdict], *, hosts: Iterable[str] = (),
                 ports: Iterable[int] = (), tls: bool = True, scope: str | None = None,
                 openid_configuration: str | None = None,
                 authorize: Callable[[str, str], bool] = _same_identity) -> None:
        self.verify = verify
        self.hosts = {h.lower() for h in hosts}
        self.ports = set(ports)
        self.tls = tls
        self.scope = scope
        self.openid_configuration = openid_configuration
        self.authorize = authorize
        self.state = "start"
        self._pending = ""

    # -- answers ----------------------------------------------------------------------------------
    def _fail(self, reason: str, malformed: bool = False) -> SaslStep:
        self.state = "done"
        return SaslStep("failure", reason=reason, malformed=malformed)

    def error_result(self, status: str) -> bytes:
        """The JSON error result of RFC 7628 §3.2.2 (compact, in the RFC's member order)."""
        body: dict[str, str] = {"status": status}
        if self.scope is not None:
            body["scope"] = self.scope
        if self.openid_configuration is not None:
            body["openid-configuration"] = self.openid_configuration
        return json.dumps(body, separators=(",", ":")).encode()

    def _challenge(self, status: str, reason: str) -> SaslStep:
        self.state = "challenged"
        self._pending = reason
        return SaslStep("challenge", self.error_result(status), reason, status=status)

    # -- the state machine ------------------------------------------------------------------------
    def step(self, message: bytes) -> SaslStep:
        """Process one client message and return the server's answer."""
        if self.state == "done":
            raise SaslError("this OAUTHBEARER exchange is over; start a new one")
        if self.state == "challenged":
            return self._after_challenge(message)
        return self._initial(message)

    def abort(self) -> SaslStep:
        """The client aborted (RFC 4422 §3.5; allowed instead of %x01 by RFC 7628 §3.2.3)."""
        return self._fail("the client aborted the exchange"
                          + (f" after: {self._pending}" if self._pending else ""))

    def _after_challenge(self, message: bytes) -> SaslStep:
        if message == DUMMY_RESPONSE:
            return self._fail(self._pending)
        return self._fail(f"after the error challenge the client must send a lone %x01 "
                          f"(RFC 7628 §3.2.3), got {len(message)} byte(s); the exchange failed "
                          f"because: {self._pending}")

    def _initial(self, message: bytes) -> SaslStep:
        if message == DUMMY_RESPONSE:
            return self._fail("a lone %x01 as the first message: no user or server named, the "
                              "server fails without discovery information (RFC 7628 §3.1)")
        if not self.tls:
            return self._fail("OAUTHBEARER refused on a connection without TLS (RFC 7628 §3, §5: "
                              "TLS MUST be used)")
        try:
            resp = parse_oauthbearer(message)
        except SaslError as exc:
            return self._fail(str(exc), malformed=True)
        mismatch = self._check_endpoint(resp)
        if mismatch:
            return self._challenge(STATUS_INVALID_REQUEST, mismatch)
        return self._check_credentials(resp)

    def _check_endpoint(self, resp: OAuthBearerResponse) -> str:
        """RFC 7628 §3.2: host and port kvpairs MUST match what the server knows."""
        if resp.host is not None and self.hosts and resp.host.lower() not in self.hosts:
            return (f"host {resp.host[:64]!r} is not this server ({', '.join(sorted(self.hosts))})"
                    " (RFC 7628 §3.2)")
        if resp.port is not None and self.ports and resp.port not in self.ports:
            return (f"port {resp.port} is not the port the client connected to "
                    f"({', '.join(map(str, sorted(self.ports)))}) (RFC 7628 §3.2)")
        return ""

    def _check_credentials(self, resp: OAuthBearerResponse) -> SaslStep:
        try:
            token = bearer_token(resp.auth or "")
        except SaslError as exc:
            return self._challenge(STATUS_INVALID_TOKEN, str(exc))
        verdict = self.verify(token)
        if not verdict.ok or not verdict.subject:
            return self._challenge(STATUS_INVALID_TOKEN, verdict.reason or "token rejected")
        if resp.authzid is not None and not self.authorize(resp.authzid, verdict.subject):
            return self._challenge(STATUS_INVALID_REQUEST,
                                   f"authzid {resp.authzid[:64]!r} is not the token's subject "
                                   f"{verdict.subject!r} (RFC 4422 authzid semantics; policy)")
        self.state = "done"
        return SaslStep("success", reason="token accepted", identity=verdict.subject,
                        authzid=resp.authzid)


# --- PLAIN (RFC 4616) ----------------------------------------------------------------------------
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
    text = _utf8(message, "PLAIN")
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


# --- CISCO-VTG-TOKEN (S28) -----------------------------------------------------------------------
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
    text = _utf8(message, "CISCO-VTG-TOKEN")
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
