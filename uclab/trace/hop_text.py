"""What one hop says, in the words of its protocol: an HTTP hop by its method, path and status
("GET …/get_edge_sso", "200 OK"), an XMPP hop by its stanzas ("<auth mechanism='OAUTHBEARER'>",
"<success/>", "<failure/> not-authorized"; RFC 6120 §4.3, §6.4), and whether it failed and why
(an HTTP 4xx/5xx with its OAuth error, RFC 6749 §5.2; a SASL ``<failure/>``, RFC 6120 §6.5; no
answer at all). A DNS lookup answers with its rcode (``NOERROR``, ``NXDOMAIN``). A SIP hop
(SIP OAuth registration) reads ``SIP REGISTER (CSeq 101)`` -> ``407 Proxy Authentication
Required``; a 401/407 challenge is the normal first answer, not a failure (RFC 3261 §22, S10).

Used by ``Lab.hops()`` and ``Trace.hops()``, the ladder (:mod:`uclab.workbook.views.ladder`),
the replay player and the fault panel, so all of them read a hop the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http import HTTPStatus

from uclab.core.errors import InvalidRequest
from uclab.core.wire import Exchange
from uclab.protocols import sip
from uclab.protocols.edge_urls import unb64url
from uclab.trace.redact import redact

_TAG = re.compile(r"<\s*([A-Za-z][\w:.-]*)([^<>]*?)(/?)>", re.S)
_MECHANISM = re.compile(r"<mechanism>\s*([\w-]+)\s*</mechanism>")
_ATTR_MECH = re.compile(r"mechanism=['\"]([\w-]+)")
_DOMAIN_RE = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/https?/[a-z0-9.-]+/\d{1,5})?$", re.I)
#: the SASL stanzas that close a negotiation (RFC 6120 §6.4.5, §6.4.6)
_SASL_FAILURE = "failure"


@dataclass(frozen=True)
class HopOutcome:
    """How a hop ended: a short label, a longer text, whether it failed and why."""

    short: str
    long: str
    failed: bool
    reason: str = ""
    transport_error: bool = False


def is_xmpp(ex: Exchange) -> bool:
    return ex.request.method == "XMPP"


def is_sip(ex: Exchange) -> bool:
    """A SIP hop: the lab's SIP OAuth registration (``sip://`` transport, RFC 3261)."""
    return ex.request.url.startswith("sip://")


def _sip_cseq(ex: Exchange) -> str:
    cseq = ex.request.headers.get("cseq") or ""
    return cseq.split(" ", 1)[0] if cseq else ""


def sip_response_label(ex: Exchange) -> str:
    """``407 Proxy Authentication Required``: the SIP status and its reason (RFC 3261 §21)."""
    if ex.response is None:
        return "no answer"
    return f"{ex.response.status} {sip.reason(ex.response.status)}".strip()


def is_dns(ex: Exchange) -> bool:
    return ex.request.url.startswith("dns://")


def dns_rcode(ex: Exchange) -> str:
    """The DNS answer's rcode (``NOERROR``, ``NXDOMAIN``; RFC 1035 §4.1.1), or ``""``."""
    if ex.response is None:
        return ""
    try:
        data = json.loads(ex.response.text)
    except ValueError:
        return ""
    rcode = data.get("rcode") if isinstance(data, dict) else None
    return rcode if isinstance(rcode, str) else ""


def _tags(body: str) -> list[tuple[str, str, str]]:
    return [(m[1], m[2], m[3]) for m in _TAG.finditer(body) if not m[1].startswith("?")]


def _stanza(name: str, attrs: str, closed: str, body: str) -> str:
    local = name.split(":")[-1] if name != "stream:stream" else name
    if local == "auth" and (mech := _ATTR_MECH.search(attrs)):
        return f"<auth mechanism='{mech[1]}'>"
    if local in ("success", "challenge", "response", "abort"):
        return f"<{local}/>"
    if local == _SASL_FAILURE:
        condition = re.search(r"<failure\b[^>]*>\s*<([\w-]+)", body)
        return "<failure/>" + (f" {condition[1]}" if condition else "")
    return f"<{name}{'/' if closed else ''}>"


def xmpp_request_label(ex: Exchange) -> str:
    """The stanza a client sent: ``<stream:stream>``, ``<auth mechanism='OAUTHBEARER'>``..."""
    body = ex.request.body.decode("utf-8", "replace")
    tags = _tags(body)
    return _stanza(*tags[0], body) if tags else "(empty)"


def xmpp_response_label(ex: Exchange) -> str:
    """What came back: the stream features and their mechanisms, or the SASL verdict."""
    if ex.response is None:
        return "no answer"
    body = ex.response.body.decode("utf-8", "replace")
    if "<stream:features" in body:
        mechs = _MECHANISM.findall(body)
        return "<stream:features>" + (f" {' '.join(mechs)}" if mechs else "")
    tags = [t for t in _tags(body) if t[0] != "stream:stream"]
    return _stanza(*tags[0], body) if tags else "(nothing)"


def edge_prefix(path: str) -> str | None:
    """The decoded first path segment when it is an MRA edge prefix (S18), else None."""
    first = path.lstrip("/").split("/", 1)[0]
    if len(first) < 4:
        return None
    try:
        decoded = unb64url(first)
    except InvalidRequest:  # not base64url text
        return None
    return decoded if _DOMAIN_RE.match(decoded) else None


def short_path(ex: Exchange, width: int = 40) -> str:
    """The request's path, the edge prefix shortened to ``…`` (it is in the hover)."""
    path = ex.request.path or "/"
    if edge_prefix(path) is not None:
        rest = path.lstrip("/").split("/", 1)
        path = "…/" + (rest[1] if len(rest) > 1 else "")
    if len(path) > width:
        path = "…" + path[-(width - 1):]
    return path


def request_label(ex: Exchange) -> str:
    """``GET …/get_edge_sso`` for HTTP, ``XMPP <auth mechanism='OAUTHBEARER'>`` for XMPP."""
    if is_xmpp(ex):
        return f"XMPP {xmpp_request_label(ex)}"
    if is_sip(ex):
        cseq = _sip_cseq(ex)
        return f"SIP {ex.request.method}" + (f" (CSeq {cseq})" if cseq else "")
    return f"{ex.request.method} {short_path(ex)}"


def _oauth_error(ex: Exchange) -> str:
    """``invalid_grant: ...`` from a JSON error body, or the first line of the body."""
    assert ex.response is not None
    text = ex.response.text.strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        desc = data.get("error_description")
        return data["error"] + (f": {desc}" if isinstance(desc, str) and desc else "")
    location = dict((k.lower(), v) for k, v in ex.response.headers).get("location", "")
    if "error=" in location:
        return redact(location.split("?", 1)[-1])
    first = text.splitlines()[0] if text else ""
    return redact(first[:160])


def outcome(ex: Exchange) -> HopOutcome:
    """How ``ex`` ended: HTTP status or XMPP stanza, and whether (and why) it failed. A 302
    whose ``Location`` carries ``error=`` (RFC 6749 §4.1.2.1) counts as failed too."""
    if ex.error or ex.response is None:
        why = ex.error or "no response"
        return HopOutcome("no answer", f"transport error: {why}", True, why, True)
    if is_xmpp(ex):
        label = xmpp_response_label(ex)
        failed = label.startswith("<failure/>")
        return HopOutcome(label, f"XMPP {label}", failed, f"SASL {label}" if failed else "")
    if is_sip(ex):
        # a 401/407 is the registrar's challenge, the normal first answer (S10), not a failure
        status, label = ex.response.status, sip_response_label(ex)
        failed = status >= 300 and status not in (401, 407)
        warning = ex.response.headers.get("warning")
        why = f"SIP {label}" + (f" (Warning: {redact(warning)})" if warning else "")
        return HopOutcome(str(status), f"SIP {label}", failed, why if failed else "")
    if is_dns(ex) and (rcode := dns_rcode(ex)):
        # NXDOMAIN is an answer, not a failure: outside, _cisco-uds must not resolve (S17)
        return HopOutcome(rcode, f"DNS {rcode}", False)
    status = ex.response.status
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    long = f"{status} {phrase}".strip()
    location = dict((k.lower(), v) for k, v in ex.response.headers).get("location", "")
    if status >= 400:
        return HopOutcome(str(status), long, True, f"HTTP {status} {_oauth_error(ex)}".strip())
    if 300 <= status < 400 and re.search(r"[?&#]error=", location):
        return HopOutcome(str(status), long, True, f"HTTP {status} redirect with "
                                                   f"{_oauth_error(ex)}")
    return HopOutcome(str(status), long, False)


def first_failure(exchanges: list[Exchange]) -> int | None:
    """The index of the first hop that failed, or None."""
    return next((i for i, ex in enumerate(exchanges) if outcome(ex).failed), None)


def summary(ex: Exchange) -> str:
    """One line, in the hop's own protocol: ``expe -> expc: XMPP <auth ...> -> <success/>``."""
    if is_xmpp(ex) or is_dns(ex):
        return f"{ex.src} -> {ex.dst}: {request_label(ex)} -> {outcome(ex).short}"
    if is_sip(ex):
        answer = outcome(ex)
        end = answer.long.removeprefix("SIP ") if not answer.transport_error else answer.long
        return f"{ex.src} -> {ex.dst}: {request_label(ex)} -> {end}"
    return ex.summary()
