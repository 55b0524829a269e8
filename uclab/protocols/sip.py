"""SIP messages (RFC 3261 §7) as the lab's SIP OAuth registration carries them: a REGISTER and
its responses, the Bearer challenge and credentials CUCM's SIP OAuth mode uses (S10), and the
checks a registrar makes before it looks at the credentials.

Pure protocol code: no node, no lab. On the lab's wire a SIP message is a
:class:`~uclab.core.wire.Request` whose method is the SIP method and whose URL is the transport
address (``sip://<host>:<port>``), its header fields the SIP header fields; a response is a
:class:`~uclab.core.wire.Response` with the SIP status code. :func:`message_text` writes either
one as SIP text (the form the products' logs print), :func:`parse` reads such text back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from uclab import facts
from uclab.core.errors import UclabError

__all__ = ["REASONS", "REQUIRED_REGISTER", "SipError", "SipMessage", "bearer_credentials",
           "bearer_token", "check_register", "message_text", "parse", "reason",
           "read_tls_client", "registrar_uri", "response_headers", "sip_fields",
           "tls_client_value", "TLS_CLIENT_HEADER", "uri_user"]

VERSION = "SIP/2.0"
#: the reason phrases the lab's SIP leg uses (RFC 3261 §21; 407/403 wording from S10)
REASONS = {100: "Trying", 200: "OK", 400: "Bad Request", 401: "Unauthorized",
           403: str(facts.SIP_403_REASON), 404: "Not Found", 405: "Method Not Allowed",
           407: str(facts.SIP_407_REASON), 481: "Call/Transaction Does Not Exist",
           483: "Too Many Hops", 500: "Server Internal Error",
           503: str(facts.SIP_503_REASON)}
#: what a REGISTER must carry (RFC 3261 §8.1.1, §10.2)
REQUIRED_REGISTER = ("Via", "From", "To", "Call-ID", "CSeq", "Contact")
#: the largest message the lab's registrar reads (a bound, not a product value)
MAX_MESSAGE = 16384

_TOKEN = r"[A-Za-z0-9.!%*_+`'~-]+"
_REQUEST_LINE = re.compile(rf"(?P<method>{_TOKEN}) (?P<uri>sips?:[^\s]+) SIP/2\.0\Z")
_STATUS_LINE = re.compile(r"SIP/2\.0 (?P<code>[1-6]\d\d) (?P<reason>[^\r\n]*)\Z")
_HEADER = re.compile(rf"(?P<name>{_TOKEN})[ \t]*:[ \t]*(?P<value>[^\r\n]*)\Z")
_CSEQ = re.compile(rf"(?P<n>\d{{1,10}})[ \t]+(?P<method>{_TOKEN})\Z")
_URI = re.compile(r"<?sips?:(?:(?P<user>[^@<>;\s]+)@)?(?P<host>[A-Za-z0-9.-]+)(?::\d{1,5})?")
_BEARER = re.compile(r'\s*Bearer\s+token="(?P<token>[^"\s]*)"\s*\Z', re.I)
_ANY_BEARER = re.compile(r"\s*Bearer\b", re.I)


class SipError(UclabError):
    """A SIP message that cannot be read, with what is wrong (a registrar answers 400)."""


@dataclass(frozen=True)
class SipMessage:
    """One SIP message: its start line, header fields in order, and body."""

    start: str
    headers: tuple[tuple[str, str], ...]
    body: str = ""

    @property
    def is_request(self) -> bool:
        return not self.start.startswith(VERSION)

    @property
    def method(self) -> str:
        return self.start.split(" ", 1)[0] if self.is_request else ""

    @property
    def status(self) -> int:
        return 0 if self.is_request else int(self.start.split(" ", 2)[1])

    def header(self, name: str) -> str | None:
        low = name.lower()
        return next((v for k, v in self.headers if k.lower() == low), None)


def reason(status: int) -> str:
    """The reason phrase of ``status`` (RFC 3261 §21)."""
    return REASONS.get(status, "")


def uri_user(value: str) -> str | None:
    """The user part of the first SIP URI in a header value (``<sip:1001@host>`` -> 1001)."""
    m = _URI.search(value or "")
    return m["user"] if m is not None else None


def registrar_uri(to_value: str) -> str:
    """The Request-URI of a REGISTER: the domain of the To header's address (RFC 3261 §10.2)."""
    m = _URI.search(to_value or "")
    if m is None:
        raise SipError(f"the To header {to_value[:60]!r} holds no SIP URI")
    return f"sip:{m['host']}"


def message_text(start: str, headers: Iterable[tuple[str, str]], body: str = "") -> str:
    """A SIP message as text, one header field a line (the products' logs print it so, S10);
    the empty line before a body is written only when there is a body."""
    lines = [start, *(f"{k}: {v}" for k, v in headers)]
    if body:
        lines += ["", body]
    return "\n".join(lines)


def parse(text: str) -> SipMessage:
    """A SIP message read from ``text``; a :class:`SipError` names what is wrong."""
    if not isinstance(text, str):
        raise SipError(f"a SIP message is text (got {type(text).__name__})")
    if len(text) > MAX_MESSAGE:
        raise SipError(f"the message is {len(text)} characters; the lab reads at most "
                       f"{MAX_MESSAGE}")
    head, _, body = text.replace("\r\n", "\n").partition("\n\n")
    lines = head.split("\n")
    start = lines[0].strip()
    if not (_REQUEST_LINE.match(start) or _STATUS_LINE.match(start)):
        raise SipError(f"{start[:60]!r} is neither a SIP request line nor a status line "
                       "(RFC 3261 §7.1, §7.2)")
    headers = []
    for line in lines[1:]:
        m = _HEADER.match(line)
        if m is None:
            raise SipError(f"{line[:60]!r} is not a header field (RFC 3261 §7.3)")
        headers.append((m["name"], m["value"].strip()))
    return SipMessage(start, tuple(headers), body)


def check_register(headers: Iterable[tuple[str, str]]) -> str | None:
    """What makes these REGISTER header fields unacceptable (a 400's reason), or None."""
    fields = [(str(k), str(v)) for k, v in headers]
    names = {k.lower() for k, _ in fields}
    missing = [n for n in REQUIRED_REGISTER if n.lower() not in names]
    if missing:
        return f"missing header field(s) {', '.join(missing)} (RFC 3261 §8.1.1)"
    values = {k.lower(): v for k, v in fields}
    cseq = _CSEQ.match(values["cseq"].strip())
    if cseq is None or cseq["method"] != "REGISTER":
        return f"CSeq {values['cseq'][:40]!r} is not '<number> REGISTER' (RFC 3261 §8.1.1.5)"
    for name in ("from", "to"):
        if _URI.search(values[name]) is None:
            return f"{name.title()} {values[name][:40]!r} holds no SIP URI (RFC 3261 §8.1.1.2)"
    if not values["via"].upper().startswith("SIP/2.0/"):
        return f"Via {values['via'][:40]!r} is not 'SIP/2.0/<transport> ...' (RFC 3261 §20.42)"
    if not values["call-id"].strip():
        return "an empty Call-ID (RFC 3261 §8.1.1.4)"
    return None


def bearer_credentials(token: str) -> str:
    """The ``Proxy-Authorization`` value carrying ``token`` (S10)."""
    return facts.SIP_CREDENTIALS.format(token=token)


def bearer_token(value: str | None) -> str | None:
    """The access token of a ``Proxy-Authorization: Bearer token="…"`` value (S10); None when
    there is no Bearer credential; a :class:`SipError` when a Bearer value is malformed."""
    if value is None or not _ANY_BEARER.match(value):
        return None
    m = _BEARER.match(value)
    if m is None or not m["token"]:
        raise SipError('the Bearer credentials are not token="<access token>" (S10)')
    return m["token"]


def response_headers(request: Iterable[tuple[str, str]], to_tag: str,
                     extra: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """A response's header fields: Via, From, To (with ``to_tag``), Call-ID and CSeq copied
    from the request (RFC 3261 §8.2.6.2), then ``extra``, then Content-Length."""
    out: list[tuple[str, str]] = []
    for k, v in request:
        low = k.lower()
        if low == "to" and ";tag=" not in v:
            out.append((k, f"{v};tag={to_tag}"))
        elif low in ("via", "from", "to", "call-id", "cseq"):
            out.append((k, v))
    return [*out, *extra, ("Content-Length", "0")]


#: Lab transport header standing for the client certificate a TLS connection presented (its
#: issuer and subject names); not product-facing, never part of a logged SIP message.
TLS_CLIENT_HEADER = "X-Uclab-TLS-Client"


def tls_client_value(issuer: str, names: Iterable[str]) -> str:
    """The :data:`TLS_CLIENT_HEADER` value for a certificate of ``issuer`` naming ``names``."""
    return f"issuer={issuer}; names={','.join(names)}"


def read_tls_client(value: str | None) -> tuple[str, tuple[str, ...]] | None:
    """The issuer and names of a :data:`TLS_CLIENT_HEADER` value; None for no certificate."""
    if not value:
        return None
    parts = dict(p.strip().partition("=")[::2] for p in value.split(";"))
    names = tuple(n for n in parts.get("names", "").split(",") if n)
    return parts.get("issuer", ""), names


def sip_fields(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The SIP header fields of a lab request: without the lab's transport headers."""
    return [(k, v) for k, v in headers if not k.lower().startswith("x-uclab-")]
