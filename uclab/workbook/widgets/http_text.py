"""One hop's raw HTTP (or XMPP) as text, and its credentials concealed the way Expressway
conceals its logs (``<CONCEALED>``).

Concealment goes through the one redaction function, :func:`uclab.trace.redact.redact`.
"""

from __future__ import annotations

from collections.abc import Sequence

from uclab.core.wire import Exchange
from uclab.protocols.xmpp import STREAM_HEADER
from uclab.trace.redact import redact

#: headers the lab adds for its own plumbing (an XMPP stream's connection id): never shown as
#: part of a product's message
LAB_HEADERS = frozenset({STREAM_HEADER.casefold()})

#: a body longer than this is cut, with the number of characters left out
BODY_LIMIT = 6000

def conceal_http(text: str, secrets: Sequence[str] = ()) -> str:
    """Mask credentials in a raw HTTP/XMPP message the way Expressway conceals its logs
    (``<CONCEALED>``), through the one redaction function (:func:`uclab.trace.redact.redact`):
    credential headers, token/code/password values, SASL payloads, and every raw secret of six
    characters or more that the trace's log lines know about."""
    return redact(text, [s for s in secrets if s and len(s) >= 6])


def _body(text: str) -> str:
    if len(text) <= BODY_LIMIT:
        return text
    return text[:BODY_LIMIT] + f"\n… ({len(text) - BODY_LIMIT} more characters)"


def _headers(pairs) -> list[str]:
    return [f"{k}: {v}" for k, v in pairs if k.casefold() not in LAB_HEADERS]


def _render_xmpp(ex: Exchange) -> str:
    """An XMPP hop as the stanzas that crossed the stream (RFC 6120), not as HTTP."""
    req = ex.request
    lines = [f"--- sent (XMPP, to {req.host}:{req.port}) ---"]
    body = req.body.decode("utf-8", "replace")
    lines.append(_body(body) if body else "(nothing)")
    lines.append("--- received (XMPP) ---")
    if ex.response is None:
        lines.append(f"(no answer) transport error: {ex.error or 'none recorded'}")
    else:
        lines.append(_body(ex.response.text) if ex.response.body else "(nothing)")
    return "\n".join(lines)


def _render_dns(ex: Exchange) -> str:
    """A DNS lookup as a query and its answer, not as HTTP."""
    req = ex.request
    lines = [f"--- query (DNS, to {req.host}) ---", f"{req.method} {req.path.lstrip('/')}",
             "--- answer (DNS) ---"]
    if ex.response is None:
        lines.append(f"(no answer) transport error: {ex.error or 'none recorded'}")
    else:
        lines.append(_body(ex.response.text))
    return "\n".join(lines)


def render_exchange(ex: Exchange) -> str:
    """The raw request and response (or transport error) of one hop, secrets NOT concealed;
    an XMPP hop as its stanzas, a DNS lookup as query and answer. Lab-internal headers
    (:data:`LAB_HEADERS`) are left out."""
    if ex.request.method == "XMPP":
        return _render_xmpp(ex)
    if ex.request.url.startswith("dns://"):
        return _render_dns(ex)
    req = ex.request
    lines = ["--- request ---", f"{req.method} {req.url}"]
    lines += _headers(req.headers)
    body = req.body.decode("utf-8", "replace")
    if body:
        lines += ["", _body(body)]
    lines.append("--- response ---")
    if ex.response is None:
        lines.append(f"(no response) transport error: {ex.error or 'none recorded'}")
    else:
        lines.append(f"HTTP {ex.response.status}")
        lines += _headers(ex.response.headers)
        if ex.response.body:
            lines += ["", _body(ex.response.text)]
    return "\n".join(lines)
