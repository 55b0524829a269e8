"""One hop's raw HTTP (or XMPP) as text, and its credentials concealed the way Expressway
conceals its logs (``<CONCEALED>``).

The concealment patterns here predate the one redaction function of issue 8 item 4
(``uclab.trace.redact.redact``); :func:`conceal_http` should call it once it exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from uclab.core.wire import Exchange
from uclab.trace.logline import CONCEALED

#: a body longer than this is cut, with the number of characters left out
BODY_LIMIT = 6000

_SECRET_HEADERS = re.compile(
    r"^((?:Proxy-)?Authorization|X-Credentials|Cookie|Set-Cookie):[^\n]*$", re.I | re.M)
_SECRET_PARAMS = re.compile(
    r"\b(password|j_password|code|access_token|refresh_token|id_token|client_secret|token|"
    r"SAMLResponse)=([^&#\s\"'<]+)")
_SECRET_JSON = re.compile(
    r"\"(access_token|refresh_token|id_token|password|client_secret|code|token)\""
    r"(\s*:\s*)\"[^\"]*\"")
_SASL_PAYLOAD = re.compile(r"(<(?:auth|response)\b[^>]*>)[^<]+(</(?:auth|response)>)")


def conceal_http(text: str, secrets: Sequence[str] = ()) -> str:
    """Mask credentials in a raw HTTP/XMPP message the way Expressway conceals its logs
    (``<CONCEALED>``): credential headers, token/code/password parameters and JSON members,
    SASL payloads, and every raw secret the trace's log lines know about."""
    for raw in sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True):
        text = text.replace(raw, CONCEALED)
    text = _SECRET_HEADERS.sub(lambda m: f"{m[1]}: {CONCEALED}", text)
    text = _SECRET_PARAMS.sub(lambda m: f"{m[1]}={CONCEALED}", text)
    text = _SECRET_JSON.sub(lambda m: f'"{m[1]}"{m[2]}"{CONCEALED}"', text)
    return _SASL_PAYLOAD.sub(lambda m: f"{m[1]}{CONCEALED}{m[2]}", text)


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
