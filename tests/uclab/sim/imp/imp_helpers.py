"""Shared by the IM&P tests: a lab's IM&P node, one XMPP stanza over the lab network, and
the RFC 7628 error sequence of a rejected OAUTHBEARER token."""

import json

from uclab.core.wire import Request
from uclab.protocols.sasl import encode_oauthbearer
from uclab.protocols.xmpp import STREAM_HEADER, auth_stanza, parse_reply, response_stanza
from uclab.sim.imp.node import ImpNode
from uclab.testing import make_app

IMP = "imp-pub.example.com"


def imp_of(lab) -> ImpNode:
    """The lab's IM&P node once the lead wires ``lab.imp``; a fresh one until then."""
    existing = getattr(lab, "imp", None)
    return existing if isinstance(existing, ImpNode) else ImpNode(lab.ctx, IMP, lab.cucm)


def send(lab, stanza, stream=None, host=IMP):
    headers = {STREAM_HEADER: stream} if stream else None
    ex = lab.network.send("jabber", Request.make("XMPP", f"xmpp://{host}:5222/", headers,
                                                 body=stanza))
    assert ex.error is None and "exception" not in ex.metadata, ex.metadata
    assert ex.response.status == 200
    return parse_reply(ex.response.text), ex.response.text


def bearer(token, **kwargs):
    return auth_stanza("OAUTHBEARER", encode_oauthbearer(token, **kwargs))


def token_for(lab, user="alice"):
    return make_app(lab, name=f"App {len(lab.exchanges)}").tokens(user)["access_token"]


def expect_oauth_failure(lab, token, check, host=IMP):
    """RFC 7628 §3.2.2/§3.2.3 over XMPP: challenge, the client's AQ==, then not-authorized."""
    reply, _ = send(lab, bearer(token), host=host)
    assert reply.kind == "challenge"
    assert json.loads(reply.data) == {"status": "invalid_token",
                                      "scope": "UnifiedCommunications:readwrite"}
    final, _ = send(lab, response_stanza(b"\x01"), host=host)
    assert (final.kind, final.condition) == ("failure", "not-authorized")
    assert final.text.startswith(f"{check}: "), final.text
    return final
