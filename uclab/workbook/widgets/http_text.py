"""One hop's raw HTTP (or XMPP) as text, and its credentials concealed the way Expressway
conceals its logs (``<CONCEALED>``).

Concealment goes through the one redaction function, :func:`uclab.trace.redact.redact`.
"""

from __future__ import annotations

from collections.abc import Sequence

from uclab.core.wire import Exchange
from uclab.trace.redact import redact

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


def render_exchange(ex: Exchange) -> str:
    """The raw request and response (or transport error) of one hop, secrets NOT concealed."""
    req = ex.request
    lines = ["--- request ---", f"{req.method} {req.url}"]
    lines += [f"{k}: {v}" for k, v in req.headers]
    body = req.body.decode("utf-8", "replace")
    if body:
        lines += ["", _body(body)]
    lines.append("--- response ---")
    if ex.response is None:
        lines.append(f"(no response) transport error: {ex.error or 'none recorded'}")
    else:
        lines.append(f"HTTP {ex.response.status}")
        lines += [f"{k}: {v}" for k, v in ex.response.headers]
        if ex.response.body:
            lines += ["", _body(ex.response.text)]
    return "\n".join(lines)
