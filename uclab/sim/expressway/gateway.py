"""What Expressway answers when the server it relays to gives no answer: ``502`` with a fixed
body that names the peer's role, never the network's own error text (which names the lab's
hosts, ports and internals; security checklist: no internal text in a response). The wording
is the lab's [U]: Cisco does not publish these bodies."""

from __future__ import annotations

from uclab.core.wire import Response

#: HTTP status of a relay whose upstream gave no answer (RFC 9110 §15.6.3)
BAD_GATEWAY = 502


def bad_gateway(peer: str, *, oauth: bool = False) -> Response:
    """The 502 for a relay to ``peer`` (a role, such as "Expressway-C") that did not answer;
    ``oauth``: as an OAuth error body (RFC 6749 §5.2 ``temporarily_unavailable``)."""
    text = f"{peer} did not answer"
    if oauth:
        return Response.make(BAD_GATEWAY, {"error": "temporarily_unavailable",
                                           "error_description": text})
    return Response.make(BAD_GATEWAY, f"<error>{text}</error>")
